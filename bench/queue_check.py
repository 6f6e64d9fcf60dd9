#!/usr/bin/env python3
"""Counts how many of the order ids on stdin (one per line) have their expiry job waiting in the
queue itself - not in the shop's own records of it.

  queue_check.py redis <prefix>      apalis-redis: the task's data under <prefix>:expire-order:data
                                     and its id in the scheduled set (it runs at the deadline)
  queue_check.py sqlite <jobs.db>    the embedded apalis-sqlite queue: a Pending job whose JSON
                                     names the order
"""
import json
import sqlite3
import subprocess
import sys

kind, where = sys.argv[1], sys.argv[2]
ids = [int(line) for line in sys.stdin if line.strip()]
found = 0
if kind == "redis":
    queue = f"{where}:expire-order"

    def redis(*commands):
        """Runs commands through one redis-cli, one answer line each."""
        script = "".join(" ".join(c) + "\n" for c in commands)
        out = subprocess.run(["redis-cli"], input=script, capture_output=True, text=True, check=True).stdout
        return out.splitlines()

    task_ids = [f"expire-order-{i}" for i in ids]
    data = redis(*[("HEXISTS", f"{queue}:data", t) for t in task_ids])
    scheduled = redis(*[("ZSCORE", f"{queue}:scheduled", t) for t in task_ids])
    found = sum(1 for d, s in zip(data, scheduled) if d.strip() == "1" and s.strip() not in ("", "(nil)"))
elif kind == "sqlite":
    db = sqlite3.connect(where, timeout=30)
    waiting = set()
    for (job,) in db.execute("SELECT job FROM Jobs WHERE status = 'Pending'"):
        try:
            waiting.add(json.loads(job)["order_id"])
        except (ValueError, KeyError, TypeError):
            pass
    found = sum(1 for i in ids if i in waiting)
else:
    raise SystemExit(f"unknown queue kind {kind}")
print(found)

#!/usr/bin/env python3
"""Writes RELIABILITY.md from the rows the fault suite (server/tests/shop/faults/) left in
target/reliability/*.json. Run by `make test` and `make soak` after the Rust tests."""
import datetime
import json
import pathlib
import platform
import sys

root = pathlib.Path(__file__).resolve().parent.parent
rows = [json.loads(p.read_text()) for p in sorted((root / "target" / "reliability").glob("*.json"))]
if not rows:
    sys.exit("no fault-suite results under target/reliability: did the suite run?")

lines = [
    "# Reliability",
    "",
    "Written by `scripts/reliability-report.py` from the fault suite's own results",
    "(`server/tests/shop/faults/`, run by `make test`; `make soak` runs it with a longer load).",
    "Each fault is injected into the real `server` and `worker` binaries on PostgreSQL and a",
    "private Redis while shoppers place, pay and cancel orders; afterwards the invariants of",
    "[`docs/domain.md`](docs/domain.md) are checked with the same checker operators run (`cargo run -p worker -- check`),",
    "every accepted order must still exist, and nothing may be cancelled or restored twice.",
    "",
    f"Last run: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC} on {platform.machine()} "
    f"({platform.system()}), load {rows[0].get('load_secs', '?')} s per phase.",
    "",
    "| fault | what was checked | faults | orders tried | accepted | paid | cancelled | failed while faulted | lost | result |",
    "|---|---|---|---|---|---|---|---|---|---|",
]
for r in rows:
    lines.append(
        f"| {r['fault']} | {r['checked']} | {r['faults_injected']} | {r['attempts']} | {r['accepted']} "
        f"| {r['paid']} | {r['cancelled']} | {r['failed_during_fault']} | {r['lost']} | {r['result']} |"
    )
failures = [r for r in rows if r["violations"]]
lines += ["", f"Orders accepted in all: {sum(r['accepted'] for r in rows)}; lost: {sum(r['lost'] for r in rows)}."]
for r in failures:
    lines += ["", f"## {r['fault']}: violations", ""] + [f"- {v}" for v in r["violations"]]
lines += [
    "",
    "The worker's own tests (`worker/tests/expiry_queue.rs`) add, in-process: the same job",
    "enqueued three times with two workers, a worker aborted mid-batch, and 2,000 due orders",
    "drained by two concurrent sweepers.",
    "",
]
(root / "RELIABILITY.md").write_text("\n".join(lines))
print(f"RELIABILITY.md: {len(rows)} faults, {len(failures)} with violations")
sys.exit(1 if failures else 0)

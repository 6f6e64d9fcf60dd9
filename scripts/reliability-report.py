#!/usr/bin/env python3
"""Writes RELIABILITY.md from the rows the fault suite and the restore drill
(server/tests/shop/faults/, backups.rs) left in target/reliability/*.json, with the injection
corpus's last run (target/e2e/injection.json, from the browser tests) and the overload rows of the
last `make bench` (target/bench/*.json). Run by `make test` and `make soak` after the Rust tests."""
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
    "(`server/tests/shop/faults/`, run by `make test`; `make soak` runs it with a longer load), the",
    "restore drill's (`server/tests/shop/backups.rs`: a backup under load restored and started), the",
    "browser tests' injection corpus and the last `make bench`'s overload rows.",
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

injection = root / "target" / "e2e" / "injection.json"
lines += ["", "## Markup from users", ""]
if injection.exists():
    inj = json.loads(injection.read_text())
    lines += [
        f"An injection corpus of {inj['corpus']} strings (`end2end/tests/injection.spec.ts`: `</title>`, `<script>`,",
        "`\"><img onerror>`, `<svg onload>`, `</textarea>`, `javascript:` links and text, template syntax, a",
        "spreadsheet formula, right-to-left and zero-width characters, names cut at each field's limit) is typed",
        "into search terms, product, category, coupon and picture texts, shipping addresses and staff notes;",
        f"{len(inj['pages'])} pages that show them were read in Chromium: no injected element, no console error,",
        "the text as typed, the admin's description kept through a save, the CSV export's formulas escaped.",
        f"Last run {inj['at'][:16].replace('T', ' ')} UTC; pages: " + ", ".join(f"`{p}`" for p in inj["pages"]) + ".",
    ]
else:
    lines += ["The browser tests' injection corpus has not run in this checkout (`make test-e2e`)."]

lines += ["", "## Overload", ""]
bench = {p.stem: json.loads(p.read_text()) for p in sorted((root / "target" / "bench").glob("*.json"))}
overloads = {name: r["overload"] for name, r in bench.items() if "overload" in r}
if overloads:
    lines += [
        "From the last `make bench` (`BENCHMARKS.md`): ten times the sustained sale's clients at one server.",
        "",
        "| database | clients | accepted orders/s | vs the sustained sale | refused (503) p99 | `/healthz` p99 meanwhile | lost |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, o in sorted(overloads.items()):
        rate = o["accepted"] / (o["span_ms"] / 1000) if o["span_ms"] else 0
        sustained = bench[name].get("sustained", {})
        s_rate = sustained["accepted"] / (sustained["span_ms"] / 1000) if sustained.get("span_ms") else 0
        answered = o["statuses"].get("201", {}).get("n", 0)
        r503 = o["statuses"].get("503", {"p99_us": 0, "n": 0})
        h200 = o["healthz"]["statuses"].get("200", {"p99_us": 0})
        lost = "0" if o["accepted"] >= answered else str(answered - o["accepted"])
        lines.append(
            f"| {name} | {o['clients']} | {rate:.0f}/s | {rate / s_rate:.2f}x | {r503['p99_us'] / 1000:.1f} ms ({r503['n']}) "
            f"| {h200['p99_us'] / 1000:.1f} ms | {lost} |" if s_rate else f"| {name} | {o['clients']} | {rate:.0f}/s | - | - | - | {lost} |"
        )
else:
    lines += ["No `make bench` results in this checkout (`target/bench`); see `BENCHMARKS.md`."]

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

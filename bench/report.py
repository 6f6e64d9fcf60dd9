#!/usr/bin/env python3
"""Writes BENCHMARKS.md from target/bench/*.json (bench/run.sh). Every figure stands beside the
baseline measured in the same run, as a ratio to it, and beside its target from issue 8."""
import datetime
import json
import os
import pathlib
import platform
import subprocess

root = pathlib.Path(__file__).resolve().parent.parent
results = {p.stem: json.loads(p.read_text()) for p in sorted((root / "target" / "bench").glob("*.json"))}
if not results:
    raise SystemExit("no results under target/bench: run bench/run.sh")


def ms(us):
    return f"{us / 1000:.1f} ms"


def verdict(ok):
    return "met" if ok else "**not met**"


def page_rate(r):
    return r["requests"] / (r["duration_us"] / 1e6)


def status(r, code):
    return r["statuses"].get(str(code), {"n": 0, "p50_us": 0, "p99_us": 0})


def refused(r):
    """Every answer but 201, merged: the worst p50/p99 of them and their counts per status."""
    others = [s for code, s in r["statuses"].items() if code != "201"]
    codes = ", ".join(f"{n['n']} x {code}" for code, n in sorted(r["statuses"].items()) if code != "201")
    return max((s["p50_us"] for s in others), default=0), max((s["p99_us"] for s in others), default=0), \
        codes or "none"


def sale_rows(label, f, base, target_ratio):
    """Rows of a flash sale run (one server, or the scale-out)."""
    accepted_rate = f["accepted"] / (f["sell_out_ms"] / 1000) if f["sell_out_ms"] else 0.0
    ok201 = status(f, 201)
    r50, r99, codes = refused(f)
    exact = f["accepted"] == f["hot_stock"] == ok201["n"] == f["orders_created"] and f["stock_left"] == 0
    rows = [
        f"| {label}: accepted orders/s until sold out | {accepted_rate:.0f}/s ({f['accepted']} in {f['sell_out_ms']} ms) "
        f"| {f'{base:.0f} tps pgbench hot order' if base else '-'} | {f'{accepted_rate / base:.2f}x' if base else '-'} "
        f"| {f'{target_ratio}x' if base else '-'} | {verdict(accepted_rate >= target_ratio * base) if base else '-'} |",
        f"| {label}: exactly {f['hot_stock']} accepted, none lost | {ok201['n']} answered 201, {f['accepted']} orders "
        f"hold the product, {f['orders_created']} orders created, stock {f['stock_left']} | - | - "
        f"| all {f['hot_stock']} | {verdict(exact)} |",
        f"| {label}: latency of accepted orders | p50 {ms(ok201['p50_us'])}, p99 {ms(ok201['p99_us'])} | - | - | - | - |",
        f"| {label}: latency of refused orders | p50 {ms(r50)}, p99 {ms(r99)} ({codes}) | - | - | - | - |",
        f"| {label}: expiry job waiting in the queue per accepted order | {f['jobs_queued']} of {f['accepted']} "
        f"| - | - | all | {verdict(f['jobs_queued'] == f['accepted'])} |",
        f"| {label}: invariants after | {f['invariants']} | - | - | 0 violations | {verdict(f['invariants'].startswith('0 '))} |",
    ]
    return rows, accepted_rate


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", ".", ":!BENCHMARKS.md"],
                       capture_output=True, text=True).stdout.strip()
if commit and dirty:
    commit += " with uncommitted changes"
lines = [
    "# Benchmarks",
    "",
    "Written by `bench/report.py` from `target/bench/*.json`, which `make bench` (`bench/run.sh`)",
    "produced; every figure stands beside a baseline measured in the same run on the same machine.",
    "",
    f"- Run: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}, commit {commit or '?'}; machine:"
    f" {os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.system()} {platform.release()}.",
    "- Release builds of the server and the worker; load from Debian's `wrk` with the Lua scripts",
    "  in `bench/` (pages: `-t2 -c64`; orders: 64 threads with one connection each, timing every",
    "  request so accepted and refused orders get their own percentiles); database baselines from",
    "  `pgbench` with `bench/hot_order.sql` and `bench/spread_order.sql`; scale-out behind Debian's nginx.",
    "",
]
for backend, r in results.items():
    base = r.get("baselines", {})
    pages, sale, scale, spread, drain = r["pages"], r["flash_sale"], r["scale_out"], r["spread"], r["drain"]
    lines += [
        f"## {backend} ({r['clients']} clients, {r['secs']} s per timed run, {r['shoppers']} shoppers)",
        "",
        "| scenario | figure | baseline (same run) | ratio | target | verdict |",
        "|---|---|---|---|---|---|",
    ]
    rows, single_rate = sale_rows("1 flash sale", sale, base.get("hot_order_tps"), 0.6)
    lines += rows
    lines.append(
        f"| 1 flash sale: server RSS peak | {sale['server_rss_peak_kib'] / 1024:.0f} MiB (before the sale, after the "
        f"sign-ins: {sale.get('server_rss_before_kib', 0) / 1024:.0f} MiB) | - | - | < 100 MiB "
        f"| {verdict(sale['server_rss_peak_kib'] < 100 * 1024)} |")

    ok = status(spread, 201)
    _, _, codes = refused(spread)
    spread_rate = ok["n"] / (spread["span_us"] / 1e6) if spread["span_us"] else 0.0
    sb = base.get("spread_order_tps")
    lines += [
        f"| 2 spread: accepted orders/s ({spread['products']} products, 1-3 lines) | {spread_rate:.0f}/s "
        f"({ok['n']} in {spread['span_us'] / 1e6:.1f} s, {spread['with_coupon']} with a coupon) "
        f"| {f'{sb:.0f} tps pgbench spread order' if sb else '-'} | {f'{spread_rate / sb:.2f}x' if sb else '-'} "
        f"| {'0.5x' if sb else '-'} | {verdict(spread_rate >= 0.5 * sb) if sb else '-'} |",
        f"| 2 spread: latency | accepted p50 {ms(ok['p50_us'])}, p99 {ms(ok['p99_us'])}; refused: {codes} "
        f"| - | - | - | - |",
        f"| 2 spread: every 201 is an order, invariants after | {ok['n']} answered 201, {spread['orders_created']} "
        f"created; {spread['invariants']} | - | - | equal, 0 violations "
        f"| {verdict(ok['n'] == spread['orders_created'] and spread['invariants'].startswith('0 '))} |",
    ]

    static = page_rate(pages["static"])
    for label, key, path in (("catalog page", "catalog", "/"), ("product page", "product", "/products/1")):
        p = pages[key]
        lines.append(
            f"| 3 {label} `{path}` | {page_rate(p):.0f} req/s, p99 {ms(p['p99_us'])} | {static:.0f} req/s static file "
            f"(p99 {ms(pages['static']['p99_us'])}) | {page_rate(p) / static:.2f}x | 0.5x, p99 < 20 ms "
            f"| {verdict(page_rate(p) >= 0.5 * static and p['p99_us'] < 20000)} |")

    drain_rate = drain["orders"] / (drain["span_ms"] / 1000) if drain["span_ms"] else 0.0
    restored = drain["stock_after"] == drain["stock_before"] and drain["stock_restored_events"] == drain["orders"]
    lines += [
        f"| 4 expiry drain: due orders cancelled/s by one worker | {drain_rate:.0f}/s ({drain['orders']} in "
        f"{drain['span_ms'] / 1000:.1f} s first to last; {drain['wall_ms'] / 1000:.1f} s from the worker's start) "
        f"| - | - | {'2,000/s' if backend == 'postgres' else '-'} "
        f"| {verdict(drain_rate >= 2000) if backend == 'postgres' else '-'} |",
        f"| 4 expiry drain: stock and timelines restored | total stock {drain['stock_after']} "
        f"(before the backlog: {drain['stock_before']}), {drain['stock_restored_events']} stock_restored events; "
        f"{drain['invariants']} | - | - | all | {verdict(restored and drain['invariants'].startswith('0 '))} |",
    ]

    rows, scale_rate = sale_rows("5 scale-out (2 servers + 2 workers)", scale, base.get("hot_order_tps"), 0.6)
    lines += rows
    per = scale.get("requests_per_server", [0, 0])
    lines += [
        f"| 5 scale-out: vs one server | {scale_rate:.0f}/s vs {single_rate:.0f}/s; requests per server "
        f"{per[0]} / {per[1]} | {single_rate:.0f}/s one server | "
        f"{f'{scale_rate / single_rate:.2f}x' if single_rate else '-'} | - | - |",
        "",
    ]

lines += [
    "How to read it:",
    "",
    "- Flash sale: 2,000 shoppers signed up through the API; one product with 500 units; 2,500",
    "  one-unit orders from 64 clients (sold out, then 2,000 more). Orders/s counts the accepted",
    "  ones from the first to the last accepted order's timestamp. \"Expiry job waiting in the",
    "  queue\" reads the queue itself (Redis: the task's data and its entry in the scheduled set;",
    "  embedded: a Pending job in `jobs.db`), not the shop's timeline.",
    "- Spread: 10,000 products, 5,000 orders of 1-3 lines (1-3 units each) from the 2,000 shoppers,",
    "  every other one with a 10 % coupon. The pgbench baseline runs the same writes for the timed run.",
    "- Expiry drain: 50,000 pending orders already past their deadline (1-2 lines each) are",
    "  inserted by SQL while no worker runs, their stock taken off; then one worker starts. Orders",
    "  inserted by SQL have no queued job, so this measures the sweep; the job path is exercised by",
    "  the flash sale's orders and by the worker's tests.",
    "- Scale-out: a second server and a second worker join the first ones on the same database",
    "  (and Redis), behind nginx round-robin; the flash sale is repeated on a new product. On two",
    "  cores the extra processes (and nginx, and wrk's 64 threads) share the same CPUs, so this shows",
    "  that correctness holds across processes more than it shows added capacity.",
    "- Pages: the p99 < 20 ms target at 64 clients is not met on this 2-core machine, where wrk runs",
    "  beside the server; the static file itself (no database, no rendering) has the p99 shown in",
    "  the baseline column. The rate ratio to the static file is met.",
    "",
    "Commands: `make bench` (= release build, `bench/run.sh sqlite postgres`, then `bench/report.py`);",
    "`BENCH_SECS`, `BENCH_CLIENTS`, `BENCH_SHOPPERS`, `BENCH_SPREAD_PRODUCTS`, `BENCH_SPREAD_ORDERS`,",
    "`BENCH_DRAIN_ORDERS`",
    "change the run, `BENCH_KEEP=1` keeps its work directory (logs, wrk output).",
    "",
]
(root / "BENCHMARKS.md").write_text("\n".join(lines))
print(f"BENCHMARKS.md: {', '.join(results)}")

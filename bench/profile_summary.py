#!/usr/bin/env python3
"""Summarises a folded perf profile of the server (inferno-collapse-perf output: one stack per
line, frames joined by ';', then a sample count) into target/bench/profile.json: the share of
samples under each part of the hot path (inclusive: a stack counts for every part it passes
through), and the functions most often on top of the stack (self time).
   bench/profile_summary.py folded-file out.json"""
import collections
import json
import re
import sys

# Part of the hot path -> a pattern on frame names. Order only matters for display.
PARTS = [
    ("placing (domain::orders)", r"domain::orders::"),
    ("session lookup", r"domain::sessions|session_user|current_user|::session::"),
    ("JSON (serde_json)", r"serde_json::"),
    ("SQL building (sea-query / SeaORM)", r"sea_query::|sea_orm::query|sea_orm::executor"),
    ("database driver (sqlx)", r"sqlx_core::|sqlx_postgres::|sqlx_sqlite::"),
    ("connection pool", r"sqlx_core::pool"),
    ("expiry queue (apalis / redis)", r"apalis|redis::"),
    ("logging / tracing", r"tracing_subscriber|tracing_core|tracing::"),
    ("metrics", r"metrics_exporter|metrics::|http_metrics"),
    ("HTTP (hyper / axum / tower)", r"hyper::|axum::|tower::|tower_http::"),
    ("async runtime (tokio)", r"tokio::runtime"),
    ("memory allocation", r"malloc|free|realloc|mi_|jemalloc|alloc::alloc"),
    ("kernel (syscalls, network)", r"\[k\]|entry_SYSCALL|syscall|__x64_sys|tcp_|do_syscall"),
]


def main():
    folded, out = sys.argv[1], sys.argv[2]
    total = 0
    parts = collections.Counter()
    leaves = collections.Counter()
    compiled = [(name, re.compile(p)) for name, p in PARTS]
    for line in open(folded, errors="replace"):
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if not n.isdigit():
            continue
        n = int(n)
        total += n
        for name, rx in compiled:
            if rx.search(stack):
                parts[name] += n
        leaves[simplify(stack.rsplit(";", 1)[-1])] += n
    if not total:
        raise SystemExit(f"no samples in {folded}")
    summary = {
        "samples": total,
        "parts": [{"part": name, "share": parts[name] / total} for name, _ in PARTS],
        "top_self": [{"function": f, "share": c / total} for f, c in leaves.most_common(15)],
    }
    json.dump(summary, open(out, "w"), indent=2)
    for p in summary["parts"]:
        print(f"{p['share'] * 100:5.1f} %  {p['part']}")


def simplify(frame):
    """Drops generic arguments and hashes so one function is one line."""
    frame = re.sub(r"::h[0-9a-f]{16}$", "", frame)
    depth, out = 0, []
    for ch in frame:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)[:120] or frame[:120]


if __name__ == "__main__":
    main()

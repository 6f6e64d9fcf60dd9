#!/usr/bin/env python3
"""Summarises a folded perf profile of the server (inferno-collapse-perf output: one stack per
line, frames joined by ';', then a sample count) into a JSON file: the share of samples spent in
each part of the hot path, and the functions most often on top of the stack (self time).

Each sample goes to one part: the innermost frame of the stack that belongs to a part, so the
shares add up to 100 % (with "other"). Wrappers that every request passes through (a tracing
span around the request, the runtime's task poll) only get the samples spent in their own code.
   bench/profile_summary.py folded-file out.json"""
import collections
import json
import re
import sys

# Part of the hot path -> a pattern on frame names. The first part (in this order) whose pattern
# matches the innermost matching frame gets the sample.
PARTS = [
    ("memory allocation", r"malloc|mi_free|mi_page|_mi_|realloc|jemalloc|alloc::alloc"),
    ("kernel (syscalls, network, scheduling)", r"_\[k\]$"),
    ("connection pool", r"sqlx_core::pool"),
    ("database driver (sqlx)", r"sqlx_core::|sqlx_postgres::|sqlx_sqlite::"),
    ("SQL building (sea-query / SeaORM)", r"sea_query::|sea_orm::"),
    ("JSON (serde_json)", r"serde_json::"),
    ("expiry queue (apalis / redis)", r"apalis|redis::"),
    ("logging / tracing", r"tracing_subscriber|tracing_core|tracing::"),
    ("metrics", r"metrics_exporter|metrics::|http_metrics"),
    ("session lookup", r"domain::sessions|session_user|current_user"),
    ("placing (domain::orders)", r"domain::orders::"),
    ("other shop code (domain, server, app)", r"domain::|server::|app::|worker::"),
    ("HTTP (hyper / axum / tower)", r"hyper::|hyper_util::|axum::|tower::|tower_http::|http::"),
    ("async runtime (tokio)", r"tokio::"),
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
        parts[part_of(stack.split(";"), compiled)] += n
        leaves[simplify(stack.rsplit(";", 1)[-1])] += n
    if not total:
        raise SystemExit(f"no samples in {folded}")
    summary = {
        "samples": total,
        "parts": [{"part": name, "share": parts[name] / total} for name in [n for n, _ in PARTS] + ["other"]],
        "top_self": [{"function": f, "share": c / total} for f, c in leaves.most_common(15)],
    }
    json.dump(summary, open(out, "w"), indent=2)
    for p in summary["parts"]:
        print(f"{p['share'] * 100:5.1f} %  {p['part']}")


def part_of(frames, compiled):
    """The part of the innermost frame that belongs to one ("other" when none does)."""
    for frame in reversed(frames):
        for name, rx in compiled:
            if rx.search(frame):
                return name
    return "other"


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

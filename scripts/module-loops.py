#!/usr/bin/env python3
"""Fails when files or folders of a crate import each other in a loop.

Reads every `.rs` file under each crate's `src/` and the paths it names through `crate::`,
`super::` and `self::` (in `use` lines and in code). A path names the deepest module file it
reaches (`crate::orders::place::PlaceOrder` -> `orders/place.rs`, else `orders/mod.rs`). A
folder's `mod.rs` that only declares or re-exports its children does not count as using them:
the children name the parent's items, the parent lists its children. Any loop left - a file
that, through the files it uses, comes back to itself - is printed, and the exit code is 1. A
folder counts as one piece from outside (`pages/` and `components/` may not use each other
both ways, whichever files do it), and the files inside each folder are checked the same way.

Usage: scripts/module-loops.py [CRATE_DIR ...]   (default: domain app server worker queue)
"""
import os
import re
import sys
from pathlib import Path

PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
USE_GROUP = re.compile(r"\buse\s+(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*)\};", re.S)


def module_files(src: Path) -> dict[tuple[str, ...], Path]:
    """Module path (('orders', 'place')) -> file."""
    out = {}
    for f in src.rglob("*.rs"):
        rel = f.relative_to(src).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] in ("mod", "lib", "main"):
            parts = parts[:-1]
        out[tuple(parts)] = f
    return out


def module_of(f: Path, src: Path) -> tuple[str, ...]:
    parts = list(f.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//")[0] for line in text.splitlines())


def cfg_test_free(text: str) -> str:
    """Drops `#[cfg(test)] mod tests { ... }` blocks: a test may use whatever it tests."""
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i:m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def resolve(here: tuple[str, ...], is_dir_module: bool, root: str, rest: list[str], mods) -> tuple[str, ...] | None:
    if root == "crate":
        base = []
    elif root == "self":
        base = list(here)
    else:  # super
        base = list(here)[:-1]
    parts = base
    found = tuple(base) if tuple(base) in mods else None
    for seg in rest:
        if seg == "super":
            parts = parts[:-1]
            continue
        parts = parts + [seg]
        if tuple(parts) in mods:
            found = tuple(parts)
        else:
            break
    return found


def edges_of(src: Path):
    mods = module_files(src)
    graph: dict[tuple, set] = {m: set() for m in mods}
    for m, f in mods.items():
        text = cfg_test_free(strip_comments(f.read_text()))
        is_dir = f.name == "mod.rs"
        # A module's `self`/`super` are relative to the module itself.
        here = m
        paths = []
        for g in USE_GROUP.finditer(text):
            root, head, body = g.group(1), g.group(2), g.group(3)
            for item in re.split(r",", re.sub(r"\{[^}]*\}", "", body)):
                item = item.strip().split(" as ")[0]
                if item:
                    paths.append((root, [p for p in head.split("::") if p] + item.split("::")))
        for p in PATH.finditer(text):
            paths.append((p.group(1), [s for s in p.group(2).split("::") if s]))
        for root, rest in paths:
            target = resolve(here, is_dir, root, rest, mods)
            if target is None or target == m:
                continue
            # A parent naming its own children (re-exports) and the crate root are not uses.
            if target[: len(m)] == m or target == ():
                continue
            graph[m].add(target)
    return graph


def loops(graph):
    """The strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def level_loops(files_graph, folder: tuple[str, ...]):
    """Loops between the direct children of `folder` (a file, or a sub-folder taken whole), from
    the uses of every file below it; then the same inside each sub-folder."""
    depth = len(folder)
    inside = [m for m in files_graph if m[:depth] == folder and len(m) > depth]
    unit = lambda m: m[: depth + 1]
    graph = {unit(m): set() for m in inside}
    for m in inside:
        for t in files_graph[m]:
            if t[:depth] == folder and len(t) > depth and unit(t) != unit(m):
                graph[unit(m)].add(unit(t))
    found = loops(graph)
    for sub in sorted({unit(m) for m in inside if len(m) > depth + 1}):
        if sub[-1] in ALLOWED_LOOPS:
            continue
        found += level_loops(files_graph, sub)
    return found


# SeaORM entities name each other in their `Relation`s both ways (an order has lines, a line has
# its order): that is how the ORM declares a relation, not a design loop.
ALLOWED_LOOPS = {"entities"}


def main():
    root = Path(__file__).resolve().parent.parent
    crates = sys.argv[1:] or [c for c in ("domain", "app", "server", "worker", "queue") if (root / c / "src").is_dir()]
    bad = 0
    for c in crates:
        src = root / c / "src"
        for comp in level_loops(edges_of(src), ()):
            bad += 1
            names = ", ".join(f"{c}/src/" + ("/".join(m) or "lib") for m in comp)
            print(f"loop: {names}")
    if bad:
        print(f"{bad} loop(s) between files; shared pieces belong in a module both can use")
        return 1
    print("no loops between files")
    return 0


if __name__ == "__main__":
    sys.exit(main())

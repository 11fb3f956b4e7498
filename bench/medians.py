#!/usr/bin/env python3
"""The README's speed tables from several runs of the peers runner.

    python3 bench/medians.py RUN1/peers.csv RUN2/peers.csv ...

Each run's ratio is forklu's median GFLOPS over the best peer's median GFLOPS in that
run (as the runner's last column). Prints, per shape and thread count, forklu's and the
best peer's GFLOPS (median over the runs, the peer most often best named), then the
median and the range of the ratio over the runs, as a markdown table.
"""

import csv
import statistics
import sys
from collections import Counter, defaultdict


def load(path):
    """{(m, n, threads): {library: median GFLOPS}} of one run (valid rows only)."""
    rows = defaultdict(dict)
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["valid"] == "true":
                key = (int(r["m"]), int(r["n"]), int(r["threads"]))
                rows[key][r["library"]] = float(r["gflops_median"])
    return rows


def shape_order(shape):
    """Squares first, then rectangles, each by size."""
    m, n = shape
    return (m != n, m * n, m)


def main(paths):
    runs = [load(p) for p in paths]
    keys = {k for run in runs for k in run}
    threads = sorted({k[2] for k in keys})
    cells = {}
    for k in keys:
        forklu, best, names, ratios = [], [], Counter(), []
        for run in runs:
            libs = run.get(k, {})
            peers = {n: g for n, g in libs.items() if n != "forklu"}
            if "forklu" not in libs or not peers:
                continue
            name, g = max(peers.items(), key=lambda p: p[1])
            forklu.append(libs["forklu"])
            best.append(g)
            names[name] += 1
            ratios.append(libs["forklu"] / g)
        if ratios:
            cells[k] = (
                statistics.median(forklu),
                statistics.median(best),
                names.most_common(1)[0][0],
                statistics.median(ratios),
                min(ratios),
                max(ratios),
            )
    head = "| m x n |"
    rule = "|---|"
    for t in threads:
        head += f" forklu {t} thr | best peer {t} thr | ratio: median, range |"
        rule += "---|---|---|"
    print(f"{len(runs)} runs; GFLOPS are medians over the runs")
    print(head)
    print(rule)
    shapes = sorted({k[:2] for k in cells}, key=shape_order)
    for m, n in shapes:
        line = f"| {m} |" if m == n else f"| {m} x {n} |"
        for t in threads:
            c = cells.get((m, n, t))
            if c is None:
                line += " | | |"
                continue
            f, b, name, med, lo, hi = c
            line += f" {f:.1f} | {b:.1f} ({name}) | {med:.2f}, {lo:.2f}-{hi:.2f} |"
        print(line)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])

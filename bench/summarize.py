#!/usr/bin/env python3
"""Summarise JMH JSON results (-rf json) the way docs/benchmarks.md reports them.

For each benchmark: JMH's score +- 99.9 % error, plus the median, min and max of all measured
iterations and the median of each fork. Medians resist the other tenants of a shared machine
better than the mean JMH prints, and per-fork medians show when one fork was disturbed.

Usage: python3 bench/summarize.py result.json [more.json ...]
"""
import json
import statistics
import sys


def line(name, metric):
    raw = [x for fork in metric["rawData"] for x in fork]
    forks = " / ".join(f"{statistics.median(f):.1f}" for f in metric["rawData"])
    return (f"{name}: score {metric['score']:.1f} ± {metric['scoreError']:.1f} "
            f"{metric['scoreUnit']}; median {statistics.median(raw):.1f} "
            f"[{min(raw):.1f}–{max(raw):.1f}] of {len(raw)}; fork medians {forks}")


def main(paths):
    for path in paths:
        print("==", path)
        with open(path, encoding="utf-8") as f:
            results = json.load(f)
        for b in results:
            params = ",".join(f"{k}={v}" for k, v in sorted(b.get("params", {}).items()))
            name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
            if params:
                name += f" ({params})"
            print(line(name, b["primaryMetric"]))
            for key, metric in sorted(b.get("secondaryMetrics", {}).items()):
                print("   " + line(key, metric))


if __name__ == "__main__":
    main(sys.argv[1:])

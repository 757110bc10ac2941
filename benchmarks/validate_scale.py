"""How `load_project` (what `tryggplan validate` runs) scales with the number of municipalities.

For N = 10, 100 and 290 synthetic, fictional municipalities (benchmarks/synthetic.py) it measures the
wall time of load_project (best of several runs for small N) and its peak memory, prints a table with
the cost per municipality and the ratio against N=10, and ends with one line of JSON:

    {"validate": [{"n": 10, "seconds": …, "peak_mb": …}, …]}

Each N runs in a fresh Python process so memory does not carry over. peak_mb is the growth of the
process's peak resident set size (resource.getrusage ru_maxrss) during load_project, measured after
imports and schema compilation, i.e. what loading the data itself costs. Goal: N=290 under 10 s.

    python benchmarks/validate_scale.py [N ...]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (10, 100, 290)
GOAL_SECONDS = 10.0


def _runs_for(n: int) -> int:
    return 5 if n <= 10 else 3 if n <= 100 else 2


def child(plans: Path, runs: int) -> dict:
    """Runs inside the fresh process: time load_project and measure peak memory growth."""
    import resource

    from tryggplan.load import schemas
    from tryggplan.load.project import load_project

    for kind in schemas.KINDS:  # compile validators up front: a one-off cost, not per municipality
        schemas.is_certainly_valid(kind, None)
        schemas._validator(kind)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = float("inf")
    problems = files = 0
    for _ in range(runs):
        started = time.perf_counter()
        result = load_project(plans)
        best = min(best, time.perf_counter() - started)
        problems, files = len(result.problems), len(result.files)
        del result
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"seconds": best, "peak_mb": (after - before) / 1024, "problems": problems, "files": files}


def measure(n: int) -> dict:
    sys.path.insert(0, str(HERE))
    from synthetic import generate

    with tempfile.TemporaryDirectory(prefix="tryggplan-bench-") as tmp:
        plans = Path(tmp) / "plans"
        started = time.perf_counter()
        generate(plans, n)
        generated = time.perf_counter() - started
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(plans), str(_runs_for(n))],
                              capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["problems"]:
        raise SystemExit(f"De syntetiska data för N={n} gav {result['problems']} problem; generatorn är fel.")
    return {"n": n, "generated_s": generated, **result}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(child(Path(argv[1]), int(argv[2]))))
        return 0
    sizes = [int(a) for a in argv] or list(SIZES)
    rows = []
    print(f"{'N':>5} {'filer':>6} {'körningar':>9} {'sekunder':>9} {'ms/kommun':>10} {'mot N=' + str(sizes[0]):>9} "
          f"{'topp MB':>8}", flush=True)
    for n in sizes:
        row = measure(n)
        rows.append(row)
        per_muni = row["seconds"] / n * 1000
        ratio = per_muni / (rows[0]["seconds"] / rows[0]["n"] * 1000)
        print(f"{n:>5} {row['files']:>6} {_runs_for(n):>9} {row['seconds']:>9.2f} {per_muni:>10.1f} {ratio:>8.2f}x "
              f"{row['peak_mb']:>8.1f}", flush=True)
    largest = rows[-1]
    verdict = "inom" if largest["seconds"] < GOAL_SECONDS else "ÖVER"
    print(f"N={largest['n']}: {largest['seconds']:.2f} s, {verdict} målet {GOAL_SECONDS:.0f} s. "
          "Kvoten är kostnaden per kommun jämfört med minsta N (1.00x = linjärt).")
    print(json.dumps({"validate": [{"n": r["n"], "seconds": round(r["seconds"], 3), "peak_mb": round(r["peak_mb"], 1)}
                                   for r in rows]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

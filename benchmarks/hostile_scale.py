"""Validation and Markdown rendering stay linear on hostile input: time and peak memory at 1x, 10x, 100x.

For each case the input is built at three sizes (1x, 10x and 100x) and run in this one process;
the 1x run is the baseline, and the JSON printed at the end gives every measurement with its
ratio to that baseline, and time_step_ratio against the size ten times smaller. Linear behaviour
shows as step ratios near 10 (or lower, when a limit stops the work early); the quadratic
behaviour this guards against showed step ratios near 100. A 1x run of a millisecond or less is
mostly fixed overhead, so its ratios to 100x overstate; read the 10x -> 100x step.

Validation cases run what `tryggplan validate` runs per file (YAML loading with marks, the limits
of schema/limits.json, JSON Schema) on one plan.yaml built from the fictional Exempelby fixture:
deep flow nesting, a long Markdown field, a long list and many valid actions. Markdown cases run
tryggplan.markup.render_markdown on the inputs from the hostile review and on natural text.

Time is the best of a few runs (perf_counter); peak memory is tracemalloc's peak during one
separate run. Figures depend on the machine; only the ratios matter.

    python benchmarks/hostile_scale.py            # 1 KB, 10 KB, 100 KB for Markdown
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tryggplan import markup  # noqa: E402
from tryggplan.load import limitcheck, schemas  # noqa: E402
from tryggplan.load.yamlmarks import load_yaml_text  # noqa: E402

FIXTURE = ROOT / "tests" / "site" / "fixtures" / "plans" / "exempelby" / "trygg-i-exempelby" / "plan.yaml"
SCALES = (1, 10, 100)
SUMMARY = "summary: En påhittad åtgärdsplan för tester av webbplatsen."


def validate_text(text: str) -> int:
    loaded = load_yaml_text(text, "plan.yaml")
    problems = list(loaded.problems)
    if loaded.data is not None and not problems:
        problems += limitcheck.check("plan", loaded.data, loaded.marks, "plan.yaml")
        problems += schemas.validate("plan", loaded.data, loaded.marks, "plan.yaml")
    return len(problems)


def _plan() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def deep_nesting(scale: int) -> str:
    depth = 800 * scale  # 100x is about 160 KB of [[[…]]]: 6 GB and minutes before the depth limit
    return _plan().replace(SUMMARY, "summary: " + "[" * depth + "]" * depth)


def long_markdown(scale: int) -> str:
    text = "Ett stycke med **fetstil** och en [länk](https://example.org). " * (15 * scale)
    return _plan().replace(SUMMARY, f"summary: \"{text}\"")


def long_list(scale: int) -> str:
    items = "".join(f"      - Punkt {i}\n" for i in range(40 * scale))
    return _plan().replace("    action_summary:\n", "    action_summary:\n" + items)


def many_actions(scale: int) -> str:
    action = ("      - id: extra-{n}\n        title: Extra åtgärd {n}\n        description: Text om åtgärd {n}.\n"
              "        responsible:\n          lead: [tos]\n        timing:\n          text: Under 2025\n")
    extra = "".join(action.format(n=n) for n in range(10 * scale))
    return _plan().replace("      - id: trygghetsvandringar\n", extra + "      - id: trygghetsvandringar\n")


VALIDATE_CASES = {"deep-nesting": deep_nesting, "long-markdown-field": long_markdown, "long-list": long_list,
                  "many-actions": many_actions}

KB = 1000
MARKDOWN_CASES = {
    "brackets": lambda n: "[" * n,
    "open-anchors": lambda n: "<a " * (n // 3),
    "open-links": lambda n: "[a](" * (n // 4),
    "footnote-openers": lambda n: "[^" * (n // 2),
    "nested-brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "emphasis-mix": lambda n: "*_" * (n // 2),
    "backslashes": lambda n: "\\" * n,
    "natural-text": lambda n: ("Se [planen](https://example.org/plan) och *bilagan*[^1]. " * 4 + "\n\n")
    * (n // 230) + "[^1]: Bilaga.",
}


def _time(func, arg, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        func(arg)
        best = min(best, time.perf_counter() - started)
    return best


def _peak_mb(func, arg) -> float:
    tracemalloc.start()
    try:
        func(arg)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _series(func, inputs: list, runs: list[int]) -> list[dict]:
    rows = []
    for scale, arg, n in zip(SCALES, inputs, runs):
        rows.append({"scale": scale, "input_kb": round(len(arg.encode("utf-8")) / 1000, 1),
                     "seconds": round(_time(func, arg, n), 5), "peak_mb": round(_peak_mb(func, arg), 3)})
    base = rows[0]
    for previous, row in zip([None, *rows], rows):
        row["time_ratio"] = round(row["seconds"] / base["seconds"], 1) if base["seconds"] else None
        row["memory_ratio"] = round(row["peak_mb"] / base["peak_mb"], 1) if base["peak_mb"] else None
        if previous is not None:  # against the size ten times smaller: near 10 when linear
            row["time_step_ratio"] = round(row["seconds"] / previous["seconds"], 1) if previous["seconds"] else None
    return rows


def main() -> None:
    markup.render_markdown("Uppvärmning[^1].\n\n[^1]: x")  # build the converter once
    validate_text(_plan())  # compile the schema validators once
    report: dict = {"validate": {}, "markdown": {}}
    for name, make in VALIDATE_CASES.items():
        inputs = [make(scale) for scale in SCALES]
        report["validate"][name] = _series(validate_text, inputs, [5, 3, 1])
        print(f"validate {name}: " + ", ".join(f"{r['scale']}x {r['input_kb']} kB {r['seconds']:.3f} s "
                                                f"(×{r['time_ratio']}) {r['peak_mb']:.1f} MB (×{r['memory_ratio']})"
                                                for r in report["validate"][name]), file=sys.stderr)
    for name, make in MARKDOWN_CASES.items():
        inputs = [make(KB * scale) for scale in SCALES]
        report["markdown"][name] = _series(markup.render_markdown, inputs, [5, 3, 1])
        print(f"markdown {name}: " + ", ".join(f"{r['scale']}x {r['input_kb']} kB {r['seconds']:.3f} s "
                                                f"(×{r['time_ratio']}) {r['peak_mb']:.1f} MB (×{r['memory_ratio']})"
                                                for r in report["markdown"][name]), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""Synthetic, clearly fictional plan data for benchmarks: `generate(root, n, seed)`.

Writes N municipalities named "Syntetkommun 001" … with ids synt-001 …, each with organisation.yaml,
one plan of about 60 actions in 6 areas (with causes and activities), indicators.yaml with 30
indicators × 6 years, and 3 yearly follow-ups that report every action. Everything is valid, so a
benchmark measures the normal path. Nothing here describes a real municipality. Deterministic for a
given seed. Shared by benchmarks/validate_scale.py and the site build benchmark.

The free text is random words drawn with the frequencies of Swedish plan text: benchmarks/vocabulary.txt
lists the lower-case words of the bundled plans with their counts (no names, no numbers, no sentences;
`python benchmarks/synthetic.py --vocabulary` rewrites it from plans/). A handful of words repeated on
every page would make a search index whose chunks are all a few huge words, which no real site has.
"""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml writes 290 municipalities much faster

AREAS_PER_PLAN = 6
ACTIONS_PER_AREA = 10
CAUSES_PER_AREA = 4
INDICATORS = 30
YEARS = tuple(str(year) for year in range(2019, 2025))
FOLLOWUP_PERIODS = ("2024", "2025", "2026")
DOCUMENT = "trygghetsplan"
UNIT_KINDS = ("nämnd", "förvaltning", "sektor", "avdelning", "enhet", "roll")
STATUSES = ("inte påbörjad", "påbörjad", "genomförd", "försenad", "löpande")
VOCABULARY = Path(__file__).with_name("vocabulary.txt")
#: Like most real plans, each synthetic plan has an area about drugs: the search benchmark's first
#: query ("narkotika") finds its area, its first action and the pages that name the area.
DRUG_AREA = 2


@functools.cache
def _vocabulary() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Words and cumulative counts from vocabulary.txt (lines "word count", # comments)."""
    words, cumulative, total = [], [], 0
    for line in VOCABULARY.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, count = line.rsplit(" ", 1)
            total += int(count)
            words.append(word)
            cumulative.append(total)
    return tuple(words), tuple(cumulative)


def _sentence(rng: random.Random, words: int = 8) -> str:
    vocabulary, cumulative = _vocabulary()
    text = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=words))
    return text[0].upper() + text[1:] + "."


def count_words(plans: Path) -> dict[str, int]:
    """Lower-case words of two letters or more in every text of the YAML files under plans/.

    Only texts of three words or more count (ids and enumerated values are not language), and
    capitalised words (names of people, places, units) and numbers are left out: the list carries
    the shape of plan language, not facts about a municipality.
    """
    counts: dict[str, int] = {}

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value.split()) >= 3:  # text, not ids and enumerated values
            for word in re.findall(r"[^\W\d_]+", value):
                if word.islower() and len(word) >= 2:
                    counts[word] = counts.get(word, 0) + 1

    for path in sorted(Path(plans).rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return counts


def write_vocabulary(plans: Path, target: Path = VOCABULARY) -> int:
    counts = sorted(count_words(plans).items(), key=lambda item: (-item[1], item[0]))
    header = ("# Ord och antal i de medföljande planernas texter (gemener, minst två bokstäver, inga namn\n"
              "# eller siffror). Skrivs av: python benchmarks/synthetic.py --vocabulary\n")
    target.write_text(header + "".join(f"{word} {count}\n" for word, count in counts), encoding="utf-8")
    return len(counts)


def _dump(path: Path, schema: str, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"# yaml-language-server: $schema={schema}\n# Syntetiska data för prestandamätning. "
                    f"Kommunen är påhittad.\n{text}", encoding="utf-8")


def organisation(number: int, rng: random.Random) -> dict:
    units = [{"id": "kommunstyrelsen", "name": f"Kommunstyrelsen i Syntetkommun {number:03d}", "kind": "nämnd"}]
    for index in range(1, 12):
        units.append({"id": f"enhet-{index}", "name": f"Syntetisk enhet {index}",
                      "kind": UNIT_KINDS[index % len(UNIT_KINDS)], "parent": "kommunstyrelsen"})
    partners = [{"id": f"part-{index}", "name": f"Syntetisk part {index}", "kind": "förening"} for index in range(1, 5)]
    return {
        # Kommunkoden är påhittad; 0 följt av tre siffror matchar bara mönstret.
        "municipality": {"id": f"synt-{number:03d}", "name": f"Syntetkommun {number:03d}",
                         "code": f"0{number % 1000:03d}"},
        "units": units,
        "partners": partners,
        "forums": [{"id": "trygghetsradet", "name": "Syntetiskt trygghetsråd", "members": ["kommunstyrelsen", "part-1"],
                    "methods": ["metod-1"]}],
        "methods": [{"id": "metod-1", "name": "Syntetisk metod", "prevention": ["social"]}],
    }


def plan(number: int, rng: random.Random) -> dict:
    areas = []
    for a in range(1, AREAS_PER_PLAN + 1):
        causes = [{"id": f"o{a}-{c}", "number": c, "text": _sentence(rng)} for c in range(1, CAUSES_PER_AREA + 1)]
        actions = []
        for n in range(1, ACTIONS_PER_AREA + 1):
            action_id = f"a{a}-{n}"
            indicator = f"ind-{((a - 1) * ACTIONS_PER_AREA + n - 1) % INDICATORS + 1}"
            title = _sentence(rng, 6)
            actions.append({
                "id": action_id,
                "title": f"Minska narkotika bland unga. {title}" if (a, n) == (DRUG_AREA, 1) else title,
                "description": _sentence(rng, 20),
                "causes": sorted({f"o{a}-{rng.randint(1, CAUSES_PER_AREA)}" for _ in range(2)}),
                "responsible": {"lead": [f"enhet-{rng.randint(1, 11)}"],
                                "participants": sorted({f"enhet-{rng.randint(1, 11)}", f"part-{rng.randint(1, 4)}"})},
                "timing": {"start": "2024-01", "deadline": "2026-12"},
                "work_type": rng.choice(["punktinsats", "ordinarie arbete"]),
                "methods": ["metod-1"],
                "forums": ["trygghetsradet"],
                "indicators": [indicator],
                "activities": [{"id": f"{action_id}-{k}", "title": _sentence(rng, 5),
                                "responsible": {"lead": [f"enhet-{rng.randint(1, 11)}"]}} for k in range(1, 3)],
            })
        area_title = f"Syntetiskt område {a}" + (": narkotika och missbruk" if a == DRUG_AREA else "")
        areas.append({"id": f"omrade-{a}", "title": area_title, "kind": "prioriterat område",
                      "description": _sentence(rng, 30), "causes": causes, "actions": actions})
    return {
        "id": DOCUMENT,
        "municipality": f"synt-{number:03d}",
        "kind": "åtgärdsplan",
        "title": f"Trygghetsplan för Syntetkommun {number:03d}",
        "summary": "Syntetisk plan för prestandamätning. Kommunen finns inte.",
        "status": "beslutad",
        "decision": {"body": "Kommunstyrelsen", "date": "2023-12-12"},
        "validity": {"start": "2024-01-01", "end": "2026-12-31"},
        "owner": {"role": "Syntetisk samordnare", "unit": "kommunstyrelsen"},
        "sections": [{"id": "inledning", "title": "Inledning", "body": _sentence(rng, 60)}],
        "goals": [{"id": "mal-1", "text": _sentence(rng), "indicators": ["ind-1", "ind-2"]}],
        "areas": areas,
    }


def indicators(number: int, rng: random.Random) -> dict:
    items = []
    for i in range(1, INDICATORS + 1):
        percent = i % 2 == 0
        items.append({
            "id": f"ind-{i}",
            "name": f"Syntetisk indikator {i}",
            "area": f"omrade-{(i - 1) % AREAS_PER_PLAN + 1}",
            "source": {"kind": "intern", "name": "Syntetisk källa"},
            "unit": "procent" if percent else "antal",
            "direction": "lower",
            "series": [{"values": [{"period": year, "value": round(rng.uniform(0, 100), 1) if percent else rng.randint(0, 500)}
                                   for year in YEARS]}],
            "targets": [{"kind": "at_most", "value": 20, "year": 2026, "text": "Högst 20 år 2026."}],
        })
    return {"document": DOCUMENT, "indicators": items}


def followup(period: str, plan_data: dict, rng: random.Random) -> dict:
    reports = [{"action": action["id"], "status": rng.choice(STATUSES), "done": _sentence(rng, 12)}
               for area in plan_data["areas"] for action in area["actions"]]
    return {"document": DOCUMENT, "period": period, "title": f"Syntetisk uppföljning {period}", "actions": reports,
            "areas": [{"area": area["id"], "assessment": _sentence(rng, 15)} for area in plan_data["areas"]]}


def generate(root: Path, n: int, seed: int = 0) -> list[Path]:
    """Write n fictional municipalities under root (a plans/ folder). Returns their folders."""
    root = Path(root)
    folders = []
    for number in range(1, n + 1):
        rng = random.Random(seed * 100_003 + number)
        folder = root / f"synt-{number:03d}"
        _dump(folder / "organisation.yaml", "../../schema/organisation.schema.json", organisation(number, rng))
        plan_data = plan(number, rng)
        _dump(folder / DOCUMENT / "plan.yaml", "../../../schema/plan.schema.json", plan_data)
        _dump(folder / DOCUMENT / "indicators.yaml", "../../../schema/indicators.schema.json", indicators(number, rng))
        for period in FOLLOWUP_PERIODS:
            _dump(folder / DOCUMENT / "followup" / f"{period}.yaml", "../../../../schema/followup.schema.json",
                  followup(period, plan_data, rng))
        folders.append(folder)
    return folders


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--vocabulary"]:
        written = write_vocabulary(Path(__file__).resolve().parent.parent / "plans")
        print(f"Skrev {written} ord till {VOCABULARY}.")
        sys.exit(0)
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("benchmarks/out/plans")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    generate(target, count)
    print(f"Skrev {count} syntetiska kommuner till {target}.")

"""Support for the hostile-input suite: a copy of the fictional Exempelby plans to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

from tryggplan.load.project import load_paths

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "site" / "fixtures" / "plans"
PLAN = "exempelby/trygg-i-exempelby/plan.yaml"
INDICATORS = "exempelby/trygg-i-exempelby/indicators.yaml"
FOLLOWUP = "exempelby/trygg-i-exempelby/followup/2025.yaml"
ORGANISATION = "exempelby/organisation.yaml"
SUMMARY = "summary: En påhittad åtgärdsplan för tester av webbplatsen."


class HostilePlans:
    """A plans/ folder in tmp; edit() swaps one text in one file, problems() validates it."""

    def __init__(self, tmp: Path):
        self.base = tmp
        self.root = tmp / "plans"
        shutil.copytree(FIXTURE, self.root)

    def edit(self, rel: str, old: str, new: str) -> HostilePlans:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return self

    def problems(self):
        return load_paths([self.root], base=self.base).problems

    def rename_municipality(self, new: str) -> HostilePlans:
        old = self.root / "exempelby"
        for path in old.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            text = text.replace("  id: exempelby\n", f"  id: {new}\n").replace("municipality: exempelby", f"municipality: {new}")
            path.write_text(text, encoding="utf-8")
        old.rename(self.root / new)
        return self

    def rename_document(self, old: str, new: str) -> HostilePlans:
        folder = self.root / "exempelby" / old
        for path in (self.root / "exempelby").rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(f"id: {old}\n", f"id: {new}\n").replace(f"document: {old}\n", f"document: {new}\n")
                            .replace(f"parent: {old}\n", f"parent: {new}\n"), encoding="utf-8")
        folder.rename(folder.parent / new)
        return self

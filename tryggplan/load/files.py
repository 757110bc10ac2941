"""The files of a plans/ tree as parsed: which kind each is and where it lives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tryggplan.load.yamlmarks import LoadedYaml

ORGANISATION = "organisation.yaml"
PLAN = "plan.yaml"
INDICATORS = "indicators.yaml"
FOLLOWUP_DIR = "followup"


@dataclass(slots=True)
class SourceFile:
    """One parsed YAML file with what kind it is and where it lives."""

    kind: str
    path: Path
    display: str
    loaded: LoadedYaml
    # True when the file could not be parsed or breaks its schema: references to ids it may
    # define are then not reported elsewhere (the file's own problem is the root cause).
    broken: bool = False

    @property
    def data(self) -> Any:
        return self.loaded.data


@dataclass(slots=True)
class MunicipalityFiles:
    folder: Path
    organisation: SourceFile | None = None
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc folder name -> {"plan", "indicators", "followups"}

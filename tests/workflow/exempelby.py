"""A small fictional municipality, "Exempelby (fiktiv)", for the workflow tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ORGANISATION = """\
# yaml-language-server: $schema=../../schema/organisation.schema.json
municipality:
  id: exempelby
  name: "Exempelby (fiktiv)"
  code: "0999"
units:
  - id: kommunstyrelsen
    name: "Kommunstyrelsen"
    kind: nämnd
  - id: socialforvaltningen
    name: "Socialförvaltningen"
    abbreviation: "SoF"
    kind: förvaltning
  - id: kultur-och-fritid
    name: "Kultur- och fritidsförvaltningen"
    abbreviation: "KoF"
    kind: förvaltning
  - id: trygghetssamordnare
    name: "Trygghetssamordnare"
    kind: roll
partners:
  - id: polisen
    name: "Polisen"
    kind: myndighet
"""

PLAN = """\
# yaml-language-server: $schema=../../../schema/plan.schema.json
id: trygghetsplan
municipality: exempelby
kind: åtgärdsplan
title: "Trygghetsplan för Exempelby 2025–2026"
status: utkast
decision:
  body: "Kommunstyrelsen"
  date: "2025-02-10"
validity:
  start: "2025-03-01"
  end: "2026-12-31"
areas:
  - id: otrygghet
    title: "Otrygghet i centrum"
    kind: prioriterat samverkansområde
    causes:
      - id: o1
        number: 1
        text: "Dålig belysning vid busstationen"
    actions:  # åtgärderna i området
      - id: a1
        title: "Trygghetsvandringar i centrum"
        causes: [o1]
        responsible:
          lead: [trygghetssamordnare]
          participants: [polisen]
        timing:
          deadline: "2025-06"
      - id: a2
        title: "Bättre belysning vid busstationen"
        causes: [o1]
        responsible:
          lead: [kommunstyrelsen]
        timing:
          text: "Under 2025"
  - id: unga
    title: "Unga i riskmiljöer"
    actions:
      - id: a3
        title: "Fältgrupp på kvällstid"
        responsible:
          lead: [socialforvaltningen]
        timing:
          continuous: true
"""

INDICATORS = """\
# yaml-language-server: $schema=../../../schema/indicators.schema.json
document: trygghetsplan
indicators:
  - id: otrygghet-kvall
    name: "Andel som känner sig otrygga ute sent en kväll"
    area: otrygghet
    source:
      kind: ntu
    unit: procent
    direction: lower
    series:
      - values:
          - period: "2023"
            value: 24
    targets:
      - kind: at_most
        value: 20
        year: 2026
        text: "högst 20 procent 2026"
"""

FOLLOWUP = """\
# yaml-language-server: $schema=../../../../schema/followup.schema.json
document: trygghetsplan
period: "2025"
actions:
  - action: a1
    status: påbörjad
  - action: a3
    status: löpande
"""


def write_plans(root: Path, organisation: str = ORGANISATION, plan: str = PLAN,
                indicators: str = INDICATORS, followup: str | None = FOLLOWUP) -> Path:
    muni = root / "plans" / "exempelby"
    doc = muni / "trygghetsplan"
    (doc / "followup").mkdir(parents=True, exist_ok=True)
    (muni / "organisation.yaml").write_text(organisation, encoding="utf-8")
    (doc / "plan.yaml").write_text(plan, encoding="utf-8")
    (doc / "indicators.yaml").write_text(indicators, encoding="utf-8")
    if followup is not None:
        (doc / "followup" / "2025.yaml").write_text(followup, encoding="utf-8")
    return doc


GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def init_repo(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()

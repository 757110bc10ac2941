"""Load a plans/ tree: find files, parse them once, validate them, build the model.

Layout (one folder per municipality, one per document):

    plans/<kommun>/organisation.yaml
    plans/<kommun>/<dokument>/plan.yaml
    plans/<kommun>/<dokument>/indicators.yaml          (optional)
    plans/<kommun>/<dokument>/followup/<period>.yaml   (optional, one per period)

Yearly follow-ups and new indicator values are separate files, so such a pull request never
touches the decided plan text.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tryggplan.load import crossref, limitcheck, reserved, schemas
from tryggplan.load.files import FOLLOWUP_DIR, INDICATORS, ORGANISATION, PLAN, MunicipalityFiles, SourceFile
from tryggplan.load.yamlmarks import load_yaml_file
from tryggplan.model import Document, FollowUp, Indicator, Municipality, Project
from tryggplan.problems import Problem, display_path


@dataclass(slots=True)
class LoadResult:
    project: Project | None
    problems: list[Problem]
    files: list[SourceFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def find_plans_root(path: Path) -> Path | None:
    """The plans folder that contains path (a plans folder, a municipality, a document or a file)."""
    path = path.resolve()
    candidates = [path] + list(path.parents)
    for candidate in candidates:
        if candidate.is_dir() and (candidate / ORGANISATION).is_file():
            return candidate.parent
        if candidate.is_dir() and any((child / ORGANISATION).is_file() for child in _subdirs(candidate)):
            return candidate
    return None


def _subdirs(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and not p.is_symlink() and p.is_dir())
    except OSError:
        return []


def _kind_of(path: Path, muni_folder: Path) -> str | None:
    rel = path.relative_to(muni_folder).parts
    if rel == (ORGANISATION,):
        return "organisation"
    if len(rel) == 2 and rel[1] == PLAN:
        return "plan"
    if len(rel) == 2 and rel[1] == INDICATORS:
        return "indicators"
    if len(rel) == 3 and rel[1] == FOLLOWUP_DIR and path.suffix == ".yaml":
        return "followup"
    return None


def _symlinks(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_symlink() and not p.name.startswith("."))
    except OSError:
        return []


def _files(folder: Path) -> list[Path]:
    """Every file under folder, sorted, without following symbolic links: a link (to a file or a
    folder, even to /) is returned as itself and reported, never read."""
    found: list[Path] = []
    for current, dirs, names in os.walk(folder, followlinks=False):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(here / d for d in dirs if (here / d).is_symlink())
        found.extend(here / n for n in names if not n.startswith("."))
    return sorted(found)


def _symlink_problem(path: Path, base: Path | None) -> Problem:
    display = display_path(path.parent, base).rstrip("/") + "/" + path.name
    return Problem("layout-symlink", display, 1, 1,
                   "Filen eller mappen är en symbolisk länk. tryggplan läser inte länkar i plans/.",
                   "Ersätt länken med en vanlig fil eller mapp med innehållet (länkar kan peka utanför "
                   "projektet, och det som publiceras ska finnas i plans/).")


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Loading builds millions of small dicts and lists and no reference cycles. Python's cyclic
    garbage collector would rescan everything already loaded again and again as it grows, so the
    cost per municipality rose with their number; pausing it keeps validation linear."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_project(root: Path, base: Path | None = None) -> LoadResult:
    """Load and validate every municipality under a plans root. Never raises on bad data."""
    with _without_cyclic_gc():
        return _load_project(root, base)


def _load_project(root: Path, base: Path | None) -> LoadResult:
    problems: list[Problem] = []
    files: list[SourceFile] = []
    munis: list[MunicipalityFiles] = []
    for link in _symlinks(root):
        problems.append(_symlink_problem(link, base))
    for folder in _subdirs(root):
        muni = MunicipalityFiles(folder)
        for path in _files(folder):
            display = display_path(path, base)
            if path.is_symlink():
                problems.append(_symlink_problem(path, base))
                continue
            if path.suffix not in (".yaml", ".yml"):
                if path.suffix.lower() not in (".md", ".txt"):
                    problems.append(Problem("layout-unknown-file", display, 1, 1,
                                            "Filen hör inte till någon känd del av planstrukturen.",
                                            "Planfiler ska vara .yaml: organisation.yaml, <dokument>/plan.yaml, <dokument>/indicators.yaml eller <dokument>/followup/<period>.yaml."))
                continue
            kind = _kind_of(path, folder)
            if kind is None:
                problems.append(Problem("layout-unknown-file", display, 1, 1,
                                        "YAML-filen ligger på ett ställe där tryggplan inte läser den.",
                                        "Flytta den till organisation.yaml, <dokument>/plan.yaml, <dokument>/indicators.yaml eller <dokument>/followup/<period>.yaml (filändelsen .yaml)."))
                continue
            loaded = load_yaml_file(path, display)
            source = SourceFile(kind, path, display, loaded)
            files.append(source)
            problems.extend(loaded.problems)
            schema_problems = []
            if loaded.data is not None:
                # Also after a duplicate key: the rest of the file was read and may hold more mistakes.
                schema_problems = [p for p in (limitcheck.check(kind, loaded.data, loaded.marks, display)
                                               + schemas.validate(kind, loaded.data, loaded.marks, display))
                                   if p.line not in loaded.guessed_lines]
                problems.extend(schema_problems)
            source.broken = bool(loaded.problems or schema_problems)
            if kind == "organisation":
                muni.organisation = source
            else:
                entry = muni.documents.setdefault(path.relative_to(folder).parts[0],
                                                  {"plan": None, "indicators": None, "followups": []})
                if kind == "followup":
                    entry["followups"].append(source)
                else:
                    entry[kind] = source
        if muni.organisation is None:
            problems.append(Problem("layout-missing-organisation", display_path(folder, base) + "/", 1, 1,
                                    f"Kommunmappen {folder.name} saknar organisation.yaml.",
                                    "Skapa organisation.yaml med kommunens enheter (kör `tryggplan new organisation`)."))
        for doc_folder, entry in muni.documents.items():
            if entry["plan"] is None:
                problems.append(Problem("layout-missing-plan", display_path(folder / doc_folder, base) + "/", 1, 1,
                                        f"Dokumentmappen {doc_folder} saknar plan.yaml.",
                                        "Lägg till plan.yaml eller flytta filerna till rätt dokumentmapp."))
        munis.append(muni)

    references = crossref.check(munis, files)
    # A reference written as a name ("Socialförvaltningen") breaks the id pattern and resolves to
    # nothing: the unknown-reference problem says which id was meant, so it is the one reported.
    unresolved = {(p.file, p.json_path) for p in references if p.code.split("-")[:2] == ["ref", "unknown"]}
    problems = [p for p in problems if not (p.code == "schema-pattern" and (p.file, p.json_path) in unresolved)]
    problems.extend(references)
    problems.extend(reserved.check(munis, root, base))
    if problems:
        return LoadResult(None, sorted(problems, key=Problem.sort_key), files)
    return LoadResult(build_project(munis), [], files)


def build_project(munis: list[MunicipalityFiles]) -> Project:
    """Build the typed model from files that passed every check."""
    project = Project()
    for muni_files in munis:
        assert muni_files.organisation is not None  # a municipality without organisation.yaml is a problem
        muni = Municipality.from_data(muni_files.organisation.data)
        for entry in muni_files.documents.values():
            doc = Document.from_data(entry["plan"].data)
            doc.source_files.append(entry["plan"].display)
            if entry["indicators"] is not None:
                doc.indicators = [Indicator.from_data(i, doc.id) for i in entry["indicators"].data["indicators"]]
                doc.source_files.append(entry["indicators"].display)
            for source in sorted(entry["followups"], key=lambda s: s.path.name):
                doc.followups.append(FollowUp.from_data(source.data, source.display))
                doc.source_files.append(source.display)
            muni.documents[doc.id] = doc
        project.municipalities[muni.id] = muni
    _resolve_party_names(project)
    return project


def _party_name(project: Project, muni: Municipality, municipality: str, organisation: str, given: str) -> str:
    if given:
        return given
    if municipality and municipality in project.municipalities:
        return project.municipalities[municipality].name
    unit = muni.units.get(organisation) if organisation else None
    return unit.name if unit else organisation or municipality


def _resolve_party_names(project: Project) -> None:
    """Give every party and signatory of a (joint) document the name it is shown with."""
    for muni in project.municipalities.values():
        for doc in muni.documents.values():
            for party in doc.parties:
                unit = muni.units.get(party.organisation) if party.organisation else None
                if unit is not None and unit.municipality and not party.municipality:
                    party.municipality = unit.municipality  # a partner that is another municipality in plans/
                party.label = _party_name(project, muni, party.municipality, party.organisation, party.name)
            for signatory in doc.signed.signatories if doc.signed else []:
                signatory.label = _party_name(project, muni, signatory.municipality, signatory.organisation,
                                              signatory.organisation_name)


def load_paths(paths: list[Path], base: Path | None = None) -> LoadResult:
    """Load the plans roots that hold the given paths; keep only problems inside those paths."""
    problems: list[Problem] = []
    roots: list[Path] = []
    wanted: list[Path] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem("path-not-found", display_path(path, base), 1, 1,
                                    "Sökvägen finns inte.", "Ange mappen plans/ eller en fil eller mapp i den."))
            continue
        root = find_plans_root(path)
        if root is None:
            problems.append(Problem("path-not-found", display_path(path, base), 1, 1,
                                    "Hittar ingen kommunmapp med organisation.yaml här.",
                                    "Ange mappen plans/ eller en kommunmapp i den."))
            continue
        if root not in roots:
            roots.append(root)
        wanted.append(path.resolve())
    if not roots:
        return LoadResult(None, problems)
    results = [load_project(root, base) for root in roots]
    base = base or Path.cwd()
    for result in results:
        for problem in result.problems:
            # Resolve the folder only: a problem about a symlink is located at the link, not its target.
            located = base / problem.file
            where = located.parent.resolve() / located.name
            if any(where == w or w in where.parents for w in wanted):
                problems.append(problem)
    project = results[0].project if len(results) == 1 else None
    files = [f for r in results for f in r.files]
    return LoadResult(project if not problems else None, sorted(problems, key=Problem.sort_key), files)

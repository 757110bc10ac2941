"""Every command in the contributor guides (docs/bidra/) runs as written in a fresh clone after `make setup`.

The test copies the checkout (tracked and untracked files, not ignored ones) to a new git repository with
an `origin/main`, links the checkout's .venv into it (what `make setup` would have made; never reinstalled), and runs each
guide's ```sh blocks in order with bash, in the copy's root. A ```yaml block preceded by the comment
`<!-- test: skriv PATH -->` is the file the guide tells the reader to write: the test writes it there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .exempelby import GIT_ENV

ROOT = Path(__file__).resolve().parents[2]
BIDRA = ROOT / "docs" / "bidra"
GUIDES = sorted(p.name for p in BIDRA.glob("*.md"))
_BLOCK = re.compile(r"(?:<!-- test: skriv (?P<path>\S+) -->\n)?(?P<indent>[ ]*)```(?P<lang>[a-z]*)\n(?P<body>.*?)\n"
                    r"(?P=indent)```", re.DOTALL)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_BARE = re.compile(r"^(?:tryggplan|pre-commit|mkdocs|pytest|ruff|pip|python)\b")


def steps(text: str) -> list[tuple[str, str]]:
    """("run", command) and ("write", path + NUL + content) in the order the guide gives them."""
    out = []
    for match in _BLOCK.finditer(text):
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].split("\n"))
        if match["path"]:
            out.append(("write", f"{match['path']}\0{body}\n"))
        elif match["lang"] == "sh":
            for line in body.split("\n"):
                if line.strip() and not line.lstrip().startswith("#"):
                    out.append(("run", line.strip()))
    return out


def _link_venv(venv: Path) -> None:
    """The checkout's .venv, entry by entry, with a stamp of the clone's own.

    The clone's `make setup` then sees its stamp newer than the copied requirements and never
    reinstalls: a reinstall would repoint the checkout's editable install at the temporary clone
    and break every later test in the run.
    """
    venv.mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()


def _fresh_clone(dest: Path) -> Path:
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)  # keeps times, so make sees .venv as up to date
    _link_venv(dest / ".venv")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "klon"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git", "-C", str(dest), *args], check=True, capture_output=True, env=env)
    return dest


@pytest.mark.parametrize("guide", GUIDES)
def test_no_command_needs_a_changed_path(guide: str) -> None:
    """Commands are written as `make …` or `.venv/bin/…`: a bare `tryggplan` is "command not found"."""
    text = (BIDRA / guide).read_text(encoding="utf-8")
    commands = [c for kind, c in steps(text) if kind == "run"] + _CODE_SPAN.findall(text)
    bare = [c for c in commands if _BARE.match(c)]
    assert not bare, f"{guide}: skriv .venv/bin/… eller make …: {bare}"


def test_every_guide_with_commands_is_tested() -> None:
    with_commands = [g for g in GUIDES if any(kind == "run" for kind, _ in steps((BIDRA / g).read_text("utf-8")))]
    assert {"index.md", "rapportera-uppfoljning.md", "ny-kommun.md", "rullande-perioder.md"} <= set(with_commands)


@pytest.mark.parametrize("guide", [g for g in GUIDES if steps((BIDRA / g).read_text(encoding="utf-8"))])
def test_guide_commands_run_as_written_in_a_fresh_clone(guide: str, tmp_path: Path) -> None:
    clone = _fresh_clone(tmp_path / "klon")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = "/usr/bin:/bin"  # nothing from .venv on PATH: the guide must name it
    env.update(GIT_ENV)
    for kind, step in steps((BIDRA / guide).read_text(encoding="utf-8")):
        if kind == "write":
            path, content = step.split("\0", 1)
            (clone / path).parent.mkdir(parents=True, exist_ok=True)
            (clone / path).write_text(content, encoding="utf-8")
            continue
        done = subprocess.run(["bash", "-c", step], cwd=clone, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{guide}: `{step}` gav felkod {done.returncode}\n{done.stdout}\n{done.stderr}"
    if guide != "index.md":
        final = subprocess.run([".venv/bin/tryggplan", "validate", "plans"], cwd=clone, env=env,
                               capture_output=True, text=True)
        assert final.returncode == 0, final.stdout + final.stderr

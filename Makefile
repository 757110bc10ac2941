# tryggplan — the two commands: `make serve` (site on the bundled plans) and `make test`.
# Each target bootstraps .venv from the pinned requirements; setup is a no-op when nothing changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The site engine: mkdocs (MkDocs 1.6) or properdocs (its maintained fork); both read mkdocs.yml.
ENGINE ?= mkdocs
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build validate stats test test-fast lint typecheck bench clean help hooks

help:
	@echo "make serve     bygg och visa webbplatsen på http://127.0.0.1:8000 (med sökning)"
	@echo "make build     bygg den statiska webbplatsen och sökindexet till site/ (ENGINE=properdocs för ProperDocs)"
	@echo "make validate  kontrollera planfilerna i plans/"
	@echo "make test      kör hela testsviten (ruff, mypy, pytest, webbläsartester)"
	@echo "make typecheck typkontrollera kärnan med mypy"
	@echo "make bench     kör prestandamätningarna i benchmarks/"
	@echo "make hooks     kontrollera planfilerna före varje commit"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $(NODE_STAMP)

validate: setup
	$(BIN)/tryggplan validate plans

stats: setup
	$(BIN)/tryggplan stats plans

# Both build the search index too: hooks/search_hook.py runs Pagefind (from requirements.txt) after
# every build, also after each rebuild in `serve` (either engine), so the search works while editing.
# Built into a fresh folder and swapped in only when the build succeeds: a failing build never
# leaves site/ emptied or half-written.
build: setup
	$(BIN)/tryggplan validate plans
	rm -rf .site-bygge
	$(BIN)/$(ENGINE) build --strict --clean -d .site-bygge
	rm -rf .site-forra && if [ -d site ]; then mv site .site-forra; fi && mv .site-bygge site && rm -rf .site-forra

serve: setup
	$(BIN)/tryggplan validate plans
	$(BIN)/$(ENGINE) serve --strict --dev-addr 127.0.0.1:8000

# A git pre-commit hook that validates plans/ when a commit changes a file there (no extra tools needed).
hooks: setup
	@hook="$$(git rev-parse --git-path hooks)/pre-commit"; mkdir -p "$$(dirname "$$hook")"; \
	printf '%s\n' '#!/bin/sh' '# tryggplan (make hooks): kontrollera planfilerna före commit.' \
	  'git diff --cached --name-only --diff-filter=ACMR -- plans | grep -q . || exit 0' \
	  'exec $(CURDIR)/$(BIN)/tryggplan validate plans' > "$$hook"; \
	chmod +x "$$hook"; echo "Kontrollen körs nu före varje commit som ändrar plans/ ($$hook)."

lint: setup
	$(BIN)/ruff check .

# mypy on the core: strict on tryggplan/load, model and progress, a lenient baseline elsewhere (pyproject.toml).
typecheck: setup
	$(BIN)/mypy

test: setup $(NODE_STAMP)
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory typecheck
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not build"

bench: setup
	$(BIN)/python benchmarks/validate_scale.py
	$(BIN)/python benchmarks/build_scale.py
	$(BIN)/python benchmarks/macro_pages.py
	$(BIN)/python benchmarks/hostile_scale.py

clean:
	rm -rf site .site-bygge .site-forra .pytest_cache test-artifacts

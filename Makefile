# Developer entry points. Everything runs through .venv/bin/... (no activation).
#   make preview   live-reloading local site on http://127.0.0.1:8000
#   make test      the whole test suite (unit, built site, Pyodide parity, browser)
#   make build     the static site in site/ (strict: any warning fails)
#   make check     every page's directives and front matter, every model's SPEC (~1 s)
#   make bench     build, serve and time the site in headless Chromium; table into README
# Set-up is idempotent: pip and npm re-run only when their inputs change.

PYTHON  ?= python3
# Silence the theme's upgrade banner in every mkdocs run.
export NO_MKDOCS_2_WARNING := 1
VENV    := .venv
PY      := $(VENV)/bin/python
PIP_STAMP := $(VENV)/.stamp-pip
NPM_STAMP := node_modules/.stamp-npm

.PHONY: setup preview build test check bench

setup: $(PIP_STAMP) $(NPM_STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changes (editable install picks up code changes).
$(PIP_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Re-install only when the lock file changes; `npm ci` runs no install scripts.
$(NPM_STAMP): package-lock.json package.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# mkdocs serve with live reload; restarted when the plugin's own Python changes.
preview: setup
	$(PY) -m site_src.preview 127.0.0.1:8000

check: setup
	$(PY) -m site_src.plugin.check mkdocs.yml

bench: setup
	$(PY) -m site_src.bench $(BENCH_ARGS)

build: setup
	$(PY) -m mkdocs build --strict

# pytest exit code 5 means "no tests collected"; that is not a failure.
test: setup
	$(PY) -m pytest -ra $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest: no tests collected"; exit 0; fi; \
	exit $$status

# What readers will see change against a git ref: `make diff BASE=main` (Markdown report;
# DIFF_ARGS=--json for JSON). Values come from each tree's own models, no build needed.
.PHONY: diff
diff: setup
	@test -n "$(BASE)" || { echo "make diff: say which ref to compare with, e.g. make diff BASE=main" >&2; exit 2; }
	@$(PY) -m site_src.review --base "$(BASE)" $(DIFF_ARGS)

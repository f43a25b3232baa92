# coopai — run `make help` for the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VAR := var
CSS := $(VAR)/assets/coopai.css
NODE_STAMP := node_modules/.installed
# Browser tests drive this Chromium; point it elsewhere to use another Chromium or Chrome.
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
DJANGO := $(BIN)/coopai manage
export DJANGO_SETTINGS_MODULE := coopai.web.settings
export COOPAI_CHROMIUM := $(CHROMIUM)
# WeasyPrint prints PDF reports with Pango, HarfBuzz and a font from the system; the tests
# read the PDFs back with poppler-utils (pdftotext, pdfinfo).
REPORT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation poppler-utils

.PHONY: help install assets chromium report-deps db demo run test lint format mutation clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "coopai needs Python 3.11 or newer; this is $$($(PYTHON) --version)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	@touch $@

install: $(STAMP) ## Create .venv and install coopai with its development tools

# --ignore-scripts: no package needs an install script, and none may download anything.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null && command -v node >/dev/null && \
		node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a * 100 + b < 2019 ? 1 : 0)' || { \
		echo "coopai's web pages need Node.js 20.19 or newer, with npm, to install GOV.UK"; \
		echo "Frontend and build the stylesheet; this machine has $$(node --version 2>/dev/null || echo none)."; \
		echo "Install them from nodejs.org or your system's packages, then run make again."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(CSS): $(NODE_STAMP) $(wildcard frontend/*.scss)
	@mkdir -p $(@D)
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map \
		--quiet-deps frontend/coopai.scss $@

assets: $(CSS) ## Install the npm packages and build the stylesheet

chromium: ## Install Debian's Chromium for the browser tests, if it is missing
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
		echo "The browser tests need Chromium at $(CHROMIUM), and it is not there."; \
		echo "Install it:  sudo apt-get install chromium   (Debian or Ubuntu)"; \
		echo "or name another Chromium or Chrome:  make test CHROMIUM=/path/to/chromium"; \
		exit 1; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }; \
	[ -x "$(CHROMIUM)" ] || { echo "apt-get installed chromium, but not at $(CHROMIUM)."; exit 1; }

report-deps: ## Install Debian's Pango, a font and poppler-utils for PDF reports, if missing
	@if ! command -v dpkg-query >/dev/null; then \
		echo "Not Debian or Ubuntu: PDF reports need Pango, HarfBuzz and a sans-serif font, and"; \
		echo "the tests need Poppler's pdftotext and pdfinfo. See docs/reports.md."; \
		exit 0; \
	fi; \
	missing=$$(for package in $(REPORT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -qx 'install ok installed' || \
			echo $$package; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	missing=$$(echo $$missing); \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
		echo "PDF reports and their tests need Debian packages that are not installed: $$missing."; \
		echo "Install them:  sudo apt-get install $$missing"; \
		exit 1; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -q $$missing || { apt-get update -q && apt-get install -y -q $$missing; }

db: $(STAMP) ## Create or update the database (SQLite in var/, or DATABASE_URL)
	@mkdir -p $(VAR)
	$(DJANGO) migrate --no-input

demo: db ## Load the demo councils, people and proposals, and print their logins
	$(DJANGO) load_demo

run: $(STAMP) assets report-deps demo ## Install everything, then serve the site with demo data
	@echo
	@echo "coopai is starting at http://$(HOST):$(PORT)/ — sign in there with a demo login above;"
	@echo "the public AI register, with no sign-in, is at http://$(HOST):$(PORT)/public/."
	@echo "Stop it with Ctrl-C."
	@echo
	@$(DJANGO) schedule_reminders
	@if $(DJANGO) help --commands | grep -qx db_worker; then \
		$(DJANGO) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	fi; \
	$(DJANGO) runserver $(HOST):$(PORT)

# How many pytest processes share the tests (pytest-xdist). Two halve the time on a
# two-core machine; `make test TEST_WORKERS=0` runs them all in one process.
TEST_WORKERS ?= 2
test: $(STAMP) assets chromium report-deps ## Run every test, browser tests included, with coverage
	$(BIN)/coopai framework validate
	$(BIN)/coopai framework validate examples/local-framework
	$(BIN)/pytest -n $(TEST_WORKERS) --cov --cov-report=term

lint: $(STAMP) ## Check formatting, lint rules and types
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Which mutants `make mutation` runs: all of the engines' by default, or a pattern such as
# MUTANTS='coopai.audit.publish*'. mutmut imports the copy in mutants/src, so PYTHONPATH is cleared.
MUTANTS ?=
mutation: $(STAMP) ## Mutation-test the two engines (mutmut; slow, not part of make test)
	PYTHONPATH= $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	PYTHONPATH= $(BIN)/mutmut export-cicd-stats
	PYTHONPATH= $(BIN)/python docs/mutation_summary.py
	@echo "Survivors: $(BIN)/mutmut results; one mutant's change: $(BIN)/mutmut show NAME"

format: $(STAMP) ## Reformat the code and apply safe lint fixes
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean: ## Remove the virtual environment, npm packages, built assets and caches
	rm -rf $(VENV) node_modules $(VAR)/assets .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		.coverage htmlcov mutants

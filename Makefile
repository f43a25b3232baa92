# coopai — run `make help` for the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install run test lint format validate examples clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "coopai needs Python 3.11 or newer; this is $$($(PYTHON) --version)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP) ## Create .venv and install coopai with its development tools

run: $(STAMP) ## Assess a bundled example proposal, to see coopai at work
	$(BIN)/coopai assess examples/resident-chatbot.yaml || true
	@echo
	@echo "Try: $(BIN)/coopai assess examples/   (every example, as a portfolio)"

test: $(STAMP) ## Run every test, with coverage of the engines
	$(BIN)/coopai framework validate
	$(BIN)/coopai framework validate examples/local-framework
	$(BIN)/pytest --cov --cov-report=term

lint: $(STAMP) ## Check formatting, lint rules and types
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

format: $(STAMP) ## Reformat the code and apply safe lint fixes
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage htmlcov

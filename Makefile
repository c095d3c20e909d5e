# Uppföljning: one command runner. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.PHONY: help run test lint unit browser browser-deps report-deps ci install demo messages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml uv.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 saknas / Python 3.11 is missing: install python3.11 and python3-venv."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "Python 3.11 behövs / Python 3.11 is needed (found $$($(PYTHON) --version))."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Kunde inte skapa virtuell miljö / could not create a venv: install python3-venv."; exit 1; }
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	@UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --quiet
	@touch $@

install: $(STAMP) messages ## Create the virtual environment and install the locked dependencies

messages: ## Compile the translations (needs gettext's msgfmt)
	@scripts/ensure-debian-packages gettext:msgfmt
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

demo: install ## Migrate, load the register and the simulated demo rounds, create the demo users
	@mkdir -p var
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py load_demo
	@$(PY) manage.py refresh_results -v 0
	@$(PY) manage.py create_demo_users --site-url http://127.0.0.1:$(PORT)
	@$(PY) manage.py load_demo_practices
	@$(PY) manage.py load_demo_network
	@$(PY) manage.py build_reports

run: demo ## Start the site with demo data on http://127.0.0.1:8000/ (PORT overrides)
	@echo "Uppföljning körs på / runs at http://127.0.0.1:$(PORT)/  (Ctrl+C stoppar / stops)"
	@$(PY) manage.py runserver --noreload 127.0.0.1:$(PORT)

lint: install ## ruff and mypy
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/mypy .

node_modules/.installed-stamp: package.json package-lock.json
	@command -v npm >/dev/null || scripts/ensure-debian-packages npm:npm
	@npm ci --silent --no-audit --no-fund
	@touch $@

browser-deps: node_modules/.installed-stamp ## Install axe-core (npm) and Chromium (Debian) for the browser tests
	@scripts/ensure-debian-packages chromium:/usr/bin/chromium fonts-dejavu-core:

report-deps: ## Pango for WeasyPrint's PDFs and poppler's pdftotext for reading them back (Debian)
	@scripts/ensure-debian-packages libpango-1.0-0: libpangoft2-1.0-0: fonts-dejavu-core: poppler-utils:pdftotext

# scripts/run-pytest sets DJANGO_ALLOW_ASYNC_UNSAFE=true (pytest-playwright's event loop
# shares the main thread with the database fixtures) and fails when no test ran.
test: lint browser-deps report-deps ## Lint, then the whole test suite (unit, HTTP and browser)
	@DJANGO_ALLOW_ASYNC_UNSAFE=true bash scripts/run-pytest -q $(PYTEST_ARGS)

unit: install report-deps ## Only the tests that need no browser
	@bash scripts/run-pytest -q -m "not browser" $(PYTEST_ARGS)

browser: install browser-deps ## Only the browser tests (Chromium, axe-core)
	@DJANGO_ALLOW_ASYNC_UNSAFE=true bash scripts/run-pytest -q -m browser $(PYTEST_ARGS)

bench: demo ## Benchmark the published pages and the API under gunicorn against static files
	@scripts/ensure-debian-packages wrk:wrk
	@$(PY) benchmarks/serve_published.py

ci: ## What CI runs: make test, then the whole suite on a throwaway PostgreSQL
	@bash .ci/run

clean: ## Remove the virtual environment, node_modules and local data
	rm -rf $(VENV) node_modules var

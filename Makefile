# Serambi — two commands: `make run` (site with demo data on http://127.0.0.1:8000)
# and `make test` (the whole suite). Everything lives in .venv; nothing global is touched
# except Debian's chromium for the browser gate (`make browser-deps`, needs root).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `make run` serves: every link in the emails it prints, Wagtail's Site and the
# sites row (forum_site/core/public_url.py) follow it. Override for a LAN demo:
# make run HOST=0.0.0.0 BASE_URL=http://192.168.1.20:8000
BASE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# Test workers (pytest-xdist): one per core; each module stays on one worker, so data built
# once per module (tests/conftest.py: module_db) is built once. XDIST= runs in one process.
XDIST ?= -n auto --dist loadscope

.PHONY: help install run serve test coverage test-browser browser-deps lint format check locales messages clean audit

help:
	@echo "make run           install, migrate, seed demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test          install and run the whole test suite (DATABASE_URL picks the DB)"
	@echo "make coverage      the suite without the browser gate, with line and branch coverage"
	@echo "make test-browser  the real-browser page quality gate alone"
	@echo "make lint          ruff"

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Serambi needs Python 3.11 or newer (set PYTHON=python3.12 …)")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements.lock -e ".[dev,browser]"
	@touch $@

install: $(VENV)/.installed locales

locales: $(VENV)/.installed
	@$(PY) manage.py compile_locales --verbosity 0 > /dev/null

run: install
	SERAMBI_BASE_URL=$(BASE_URL) $(PY) manage.py migrate --noinput
	SERAMBI_BASE_URL=$(BASE_URL) $(PY) manage.py seed_demo
	SERAMBI_BASE_URL=$(BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

serve: install
	SERAMBI_BASE_URL=$(BASE_URL) $(PY) manage.py migrate --noinput
	SERAMBI_BASE_URL=$(BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

# Line and branch coverage of the app packages ([tool.coverage] in pyproject.toml), on the
# database DATABASE_URL gives. The browser gate is left out: it drives a gunicorn of its own,
# whose code coverage does not see, so it would only add minutes.
coverage: install
	$(PY) -m pytest $(XDIST) -m "not browser" --cov --cov-report=term:skip-covered \
		--cov-report=html $(PYTEST_ARGS)

browser-deps:
	bash scripts/install-browser-deps.sh

test-browser: install
	$(PY) -m pytest -m browser tests/browser $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the project's Indonesian catalogue after adding strings, then translate the new
# entries. Apps keep their own catalogues (cd <app> && ../manage.py makemessages -l id):
# the project one must not copy their strings, since LOCALE_PATHS would shadow them.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l id --ignore=.venv --ignore=node_modules --ignore=bench \
		--ignore='publications/*' --ignore='discussions/*' --ignore='search/*' \
		--ignore='tests/*' --ignore=scripts

# Re-resolve the pinned versions (run after changing dependencies in pyproject.toml).
lock:
	rm -rf /tmp/serambi-lock-venv
	$(PYTHON) -m venv /tmp/serambi-lock-venv
	/tmp/serambi-lock-venv/bin/pip install --quiet --upgrade pip
	/tmp/serambi-lock-venv/bin/pip install --quiet -e ".[dev,browser]"
	/tmp/serambi-lock-venv/bin/pip freeze --exclude-editable > requirements.lock

# Known vulnerabilities in requirements.lock (pip-audit; says clearly when it cannot run).
audit:
	bash scripts/audit.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .coverage htmlcov

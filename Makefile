# The two commands of the README: `make run` and `make test`. Everything else helps.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_WORKERS ?= 2
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/mandate

.PHONY: run test test-postgres lint format messages bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(PY) manage.py compile_translations
	DEBUG=true $(PY) manage.py migrate --no-input -v0
	DEBUG=true $(PY) manage.py seed --demo --if-empty
	@echo "Mandate: http://127.0.0.1:8000 — sign in with a login above."
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-test
	$(PY) manage.py compile_translations
	DATABASE_URL= $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -q

test-postgres: $(VENV)/.installed-test
	$(PY) manage.py compile_translations
	DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -q

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the catalogues after changing strings (needs GNU gettext's xgettext).
messages: $(VENV)/.installed
	cd src/mandate && ../../$(PY) ../../manage.py makemessages --no-location --no-obsolete -l vi -l en -l fr

# Benchmarks: each writes its figures, command and machine into bench/RESULTS.md.
bench: $(VENV)/.installed-test
	$(PY) manage.py compile_translations
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) var

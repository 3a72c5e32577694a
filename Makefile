# safeconf — `make run` starts the desktop app, `make test` runs the whole suite.
# Both create .venv and install what is missing first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench clean system-deps-run system-deps-test

run: $(STAMP) system-deps-run
	$(PY) -m safeconf

test: $(STAMP) system-deps-test lint
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check src tests bench
	$(PY) -m mypy src/safeconf/domain src/safeconf/vault

bench: $(STAMP)
	$(PY) bench/vault.py

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

system-deps-run:
	@tools/system-deps.sh run

system-deps-test:
	@tools/system-deps.sh test

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

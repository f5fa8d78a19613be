# Two commands on a fresh machine: `make run` and `make test`. Each installs what it needs.
# `make lint`: ruff check, ruff format --check and mypy (all three must pass; .ci/run runs it).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test system-deps docs bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(VENV)/bin/undeleted run samples/

system-deps:
	sh tools/install_system_deps.sh

test: install system-deps
	$(PY) -m pytest

docs: install
	$(VENV)/bin/undeleted eval ../shared/gold/dev.jsonl ../shared/gold/seeds.jsonl --markdown > docs/ACCURACY.md

lint: install
	$(VENV)/bin/ruff check undeleted tests bench tools
	$(VENV)/bin/ruff format --check undeleted tests bench tools
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) *.egg-info undeleted.db

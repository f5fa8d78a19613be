# Two commands on a fresh machine: `make run` and `make test`. Each installs what it needs.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test system-deps docs bench lint clean model

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

# The learned event detector: training/*.tsv -> undeleted/extract/model/detector.npz and docs/MODEL.md.
model: install
	$(PY) tools/train_detector.py

docs: install
	$(VENV)/bin/undeleted eval ../shared/gold/dev.jsonl ../shared/gold/seeds.jsonl --markdown > docs/ACCURACY.md

lint: install
	$(VENV)/bin/ruff check undeleted tests bench tools

bench: install
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) *.egg-info undeleted.db

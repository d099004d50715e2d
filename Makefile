# Two commands do everything on a fresh machine (python3, make, git):
#   make report   set up .venv, install, check seeds/, write reports/
#   make test     set up .venv with the test extras, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HASH   := $(shell cksum pyproject.toml | cut -d' ' -f1)
CORE   := $(VENV)/.core-$(HASH)
FULL   := $(VENV)/.full-$(HASH)

.PHONY: report test lint golden docs bench fuzz clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The project is installed editable; a changed pyproject.toml changes the stamp and reinstalls.
$(CORE): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(CORE)

$(FULL): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $(CORE) $(FULL)

venv: $(FULL)

# Bytecode first: the editable install leaves it to the first import, which does not write
# it when PYTHONDONTWRITEBYTECODE is set (then every run compiles the sources again).
report: $(CORE)
	$(BIN)/python -m compileall -q checker
	$(BIN)/checker check seeds/ --format md,json,csv --out reports/ --claims-dir claims/

test: $(FULL)
	$(BIN)/python -m pytest

lint: $(FULL)
	$(BIN)/ruff check checker tests

# Regenerate the golden report files after an intended change in wording or layout.
golden: $(FULL)
	CHECKER_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q

# Regenerate docs/kinds.md from the registry of finding kinds.
docs: $(FULL)
	CHECKER_UPDATE_DOCS=1 $(BIN)/python -m pytest tests/test_docs_kinds.py -q

bench: $(FULL)
	$(BIN)/python -m checker.bench --out reports/bench.md

FUZZ_SECONDS ?= 600
fuzz: $(FULL)
	$(BIN)/python -m checker.fuzz --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# One command per job. Every target creates the virtual environment first when needed.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo lab test proof bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; assert v == (3, 11), f"Python 3.11 is required, found {v[0]}.{v[1]} ($(PYTHON))"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: setup  ## build, simulate a cohort, grade, feedback, report (in demo/)
	$(BIN)/course demo

lab: setup  ## JupyterLab on the learner notebooks in release/
	$(BIN)/jupyter lab --ServerApp.root_dir=release $(if $(filter 0,$(shell id -u)),--allow-root,) $(LAB_ARGS)

test: setup  ## unit tests, notebook proofs, release freshness, pins
	$(BIN)/python -m pytest

proof: setup  ## only the notebook proofs (course validate for every module)
	$(BIN)/course validate

bench: setup
	$(BIN)/python benchmarks/kernel_start.py

lint: setup
	$(BIN)/ruff check course tests benchmarks

clean:
	rm -rf demo reports submitted autograded/*/ feedback gradebook.db .pytest_cache

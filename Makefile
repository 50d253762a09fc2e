# One command per job. Every target creates the virtual environment first when needed.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo lab lab-instructor formgrader labextension test test-fast proof bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; assert v == (3, 11), f"Python 3.11 is required, found {v[0]}.{v[1]} ($(PYTHON))"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: setup  ## build, simulate a cohort, grade, feedback, report (in demo/)
	$(BIN)/course demo

# JupyterLab for the two roles. Each role's Jupyter settings live in deploy/jupyter/ROLE (put first on
# JUPYTER_CONFIG_PATH, so they win over anything enabled for the whole environment): learners get nbgrader's
# assignment list and Validate button; instructors also get the formgrader, create-assignment and course list.
# A learner works in a private copy of the release (`course start`: workspace/, or LAB_ROOT / COURSE_WORKSPACE).
LAB_ROOT ?=
COURSE_DIR ?= .
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The Lab's terminals and kernels run the course's environment: `course`, `nbgrader` and `alembic` are on their PATH.
lab lab-instructor: export PATH := $(abspath $(BIN)):$(PATH)

lab: setup  ## your workspace (a copy of the release, made on first use) in JupyterLab (LAB_ROOT=folder for another)
	$(BIN)/course start $(if $(LAB_ROOT),--workspace "$(LAB_ROOT)",) -- $(LAB_ARGS)

lab-instructor: setup  ## JupyterLab with the instructor tools on the course (COURSE_DIR=another course folder)
	cd $(COURSE_DIR) && JUPYTER_CONFIG_PATH=$(CURDIR)/deploy/jupyter/instructor $(abspath $(BIN))/jupyter lab \
		--ServerApp.root_dir=. $(ALLOW_ROOT) $(LAB_ARGS)

formgrader: LAB_ARGS += --LabApp.default_url=/formgrader
formgrader: lab-instructor  ## the instructor's JupyterLab, opened on nbgrader's formgrader

# The Check button of the notebook toolbar: a prebuilt JupyterLab extension, committed in course/plugins/labextension
# (learners never build it). After a change to its source, rebuild it with npm and @jupyterlab/builder (pinned in
# its package-lock.json) and commit the result; the recorded source digest lets the tests catch a forgotten rebuild.
LABEXT := deploy/labextension/course-check

labextension: setup  ## rebuild the Check button's JupyterLab extension from deploy/labextension/course-check
	npm ci --prefix $(LABEXT) --no-audit --no-fund --loglevel=error
	cd $(LABEXT) && PATH=$(abspath $(BIN)):$$PATH npm run build
	$(BIN)/python -m course.plugins.lab_extension

test: setup  ## unit tests, notebook proofs, release freshness, pins
	$(BIN)/python -m pytest

test-fast: setup  ## unit tests, lint, pins, README freshness (no kernels, graders, servers or browsers; ~1 minute)
	$(BIN)/python -m pytest -m "not slow and not integration and not browser and not cohort"

proof: setup  ## only the notebook proofs (course validate for every module)
	$(BIN)/course validate

bench: setup  ## kernel start-up, grading throughput vs stock nbgrader, proof time (about 20 minutes on 2 cores)
	$(BIN)/python benchmarks/kernel_start.py
	$(BIN)/python benchmarks/grading_throughput.py --students 40
	$(BIN)/python benchmarks/proof_time.py 01_coding
	$(BIN)/python benchmarks/reference_vs_sklearn.py

lint: setup
	$(BIN)/ruff check course tests benchmarks nbgrader_config.py deploy

clean:
	rm -rf demo reports submitted autograded/*/ feedback gradebook.db .pytest_cache

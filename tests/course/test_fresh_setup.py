"""What a new instructor or learner meets on the first try works: a gradebook stamped for the formgrader, the
default exchange in place, quiet progress output, and notebooks that open unmodified in JupyterLab."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, inspect, text

from course import nbgrader_api
from course.notebooks import is_test, read_notebook, write_notebook
from course.plugins.lab import CourseContentsManager, kernel_language_info
from course.proof.variants import Profile, write_submission
from course.workspace import Workspace

pytestmark = pytest.mark.integration


def test_a_gradebook_without_its_alembic_version_is_stamped(mini_course):
    from nbgrader.api import Gradebook

    workspace = Workspace.scratch(mini_course, mini_course.root / "fresh")  # a URL this process never opened
    Gradebook(workspace.db_url, "ml-interview-prep").close()
    engine = create_engine(workspace.db_url)
    with engine.begin() as conn:  # what nbgrader leaves when `alembic` was not on PATH at creation
        conn.execute(text("DROP TABLE alembic_version"))
    with nbgrader_api.open_gradebook(workspace):
        pass
    assert "alembic_version" in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def test_the_default_exchange_exists_once_the_config_is_read(mini_course, monkeypatch):
    monkeypatch.delenv("COURSE_EXCHANGE_ROOT", raising=False)
    assert not (mini_course.root / "exchange").exists()
    Workspace.of_course(mini_course)
    assert (mini_course.root / "exchange").is_dir()


def test_grading_a_notebook_with_a_deleted_test_cell_prints_no_warnings(mini_course):
    submitted = mini_course.root / "submitted"
    write_submission(mini_course, submitted, "dee", "01_alpha", {"1_sums": Profile("all")})
    path = submitted / "dee" / "01_alpha" / "1_sums.ipynb"
    nb = read_notebook(path)
    nb.cells.remove(next(c for c in nb.cells if is_test(c)))
    write_notebook(nb, path)
    env = {k: v for k, v in os.environ.items() if k != "COURSE_ROOT"}
    done = subprocess.run([sys.executable, "-m", "course", "grade", "01_alpha", "--workers", "1"],
                          cwd=mini_course.root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stderr, done.stderr
    assert "restored from the source" in done.stdout


def test_notebooks_are_served_with_the_kernels_language_info(mini_course):
    manager = CourseContentsManager(root_dir=str(mini_course.release_dir))
    on_disk = json.loads((mini_course.release_dir / "01_alpha" / "1_sums.ipynb").read_text())
    assert on_disk["metadata"]["language_info"] != kernel_language_info(), "the fixture must show the difference"
    with ThreadPoolExecutor(1) as thread:  # its own event loop, whatever test left one running in this thread
        model = thread.submit(asyncio.run, manager.get("01_alpha/1_sums.ipynb")).result()
    assert model["content"]["metadata"]["language_info"] == kernel_language_info()

"""nbgrader's Python API for a workspace, created once per process (no CLI start-up per notebook)."""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from pathlib import Path

from course.errors import CourseError
from course.workspace import Workspace, grading_environment


def ensure_tools_on_path() -> None:
    """nbgrader shells out to `alembic` (and kernels start from this environment): put its bin/ first on PATH.

    Also silences SQLAlchemy's warnings about nbgrader's session use and nbformat's about the id of a test cell
    nbgrader restored, which are noise for course users.
    """
    import warnings

    warnings.filterwarnings("ignore", message=r".*not in session.*")
    # nbgrader restores a deleted test cell without a cell id; nbformat's warning about it is noise to a grader
    warnings.filterwarnings("ignore", message=r"Cell is missing an id field")
    bin_dir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if parts[0] != bin_dir:
        os.environ["PATH"] = os.pathsep.join([bin_dir, *[p for p in parts if p != bin_dir]])


@cache
def api_for(workspace: Workspace):
    """An NbGraderAPI bound to the workspace (cached: one per process and workspace)."""
    ensure_tools_on_path()
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = workspace.nbgrader_config()
    exchange = Path(str(config.Exchange.root))
    if not exchange.exists() and exchange.parent.is_dir() and os.access(exchange.parent, os.W_OK):
        exchange.mkdir(exist_ok=True)  # nbgrader logs a critical error for a missing exchange
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.setLevel(logging.ERROR)
    return api


def prepare_process(workspace: Workspace) -> None:
    """Make this process ready to grade: kernel environment, tools on PATH, nbgrader imported (idempotent)."""
    os.environ.update(grading_environment())
    os.environ["COURSE_SANDBOX"] = workspace.sandbox_mode()
    ensure_tools_on_path()
    api_for(workspace)


def run_step(result: dict, what: str) -> str:
    """Raise CourseError with the first error line when an NbGraderAPI call failed; return its log."""
    if not result.get("success"):
        log = result.get("log", "") + "\n" + result.get("error", "")
        errors = [line for line in log.splitlines() if "ERROR" in line or "Error" in line]
        detail = errors[-1].strip() if errors else log.strip().splitlines()[-1:]
        raise CourseError(f"{what} failed: {detail}")
    return result.get("log", "")


def open_gradebook(workspace: Workspace):
    """nbgrader's Gradebook for the workspace (use as a context manager)."""
    ensure_tools_on_path()
    from nbgrader.api import Gradebook

    course_id = str(workspace.nbgrader_config().CourseDirectory.course_id)
    gradebook = Gradebook(workspace.db_url, course_id)
    if workspace.db_url not in _STAMPED:
        _stamp(gradebook)
        _STAMPED.add(workspace.db_url)
    return gradebook


_STAMPED: set[str] = set()  # gradebooks checked for their alembic version in this process


def _stamp(gradebook) -> None:
    """Repair a gradebook created without its alembic version (nbgrader stamps it only when it creates the tables,
    and that step fails when `alembic` is not on PATH, leaving the tables unstamped): `nbgrader db upgrade` and
    the formgrader need the stamp."""
    from nbgrader.api import get_alembic_version
    from sqlalchemy import inspect, text

    if "alembic_version" in inspect(gradebook.engine).get_table_names():
        return
    version = get_alembic_version()
    gradebook.db.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    gradebook.db.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
    gradebook.db.commit()

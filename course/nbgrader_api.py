"""nbgrader, driven from Python: its converters run in this process (no CLI start-up per notebook), and every run
returns a structured `Step`: success, the exceptions raised while converting each notebook, and the log.

Errors are read from the exceptions themselves, never by searching nbgrader's log text: a converter here records
the exception of each notebook that failed before nbgrader turns it into log lines.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from course.errors import CourseError
from course.workspace import Workspace, grading_environment

log = logging.getLogger(__name__)
NBGRADER_LOG_LEVEL = logging.ERROR  # nbgrader's own log; `course -vv` lowers it (workers inherit it when forked)


def ensure_tools_on_path() -> None:
    """nbgrader shells out to `alembic` (and kernels start from this environment): put its bin/ first on PATH.

    Also silences SQLAlchemy's warnings about nbgrader's session use and nbformat's about the id of a test cell
    nbgrader restored, which are noise for course users.
    """
    import warnings

    warnings.filterwarnings("ignore", message=r".*not in session.*")
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
    api.log.setLevel(NBGRADER_LOG_LEVEL)
    return api


def prepare_process(workspace: Workspace) -> None:
    """Make this process ready to grade: kernel environment, tools on PATH, nbgrader imported (idempotent)."""
    os.environ.update(grading_environment())
    ensure_tools_on_path()
    api_for(workspace)


@dataclass
class Step:
    """What one nbgrader run did: whether it succeeded, the exceptions it met, and its log."""

    what: str
    ok: bool
    failures: list[BaseException] = field(default_factory=list)  # per failed notebook, then the run's own error
    log: str = ""

    def reason(self) -> str:
        """One line saying why the run failed (from its first exception)."""
        if not self.failures:
            return "" if self.ok else "nbgrader failed without an exception"
        first = self.failures[0]
        text = str(first).strip().splitlines()
        return f"{type(first).__name__}: {text[0] if text else ''}".strip().rstrip(":")[:300]

    def check(self) -> Step:
        """Raise CourseError with the reason when the run failed."""
        if not self.ok:
            raise CourseError(f"{self.what} failed: {self.reason()}")
        return self


class _Recording:
    """Mixed into an nbgrader converter: keep the exception of every notebook that failed, and of the run."""

    def convert_single_notebook(self, notebook_filename: str) -> None:
        try:
            super().convert_single_notebook(notebook_filename)  # type: ignore[misc]
        except BaseException as exc:
            self.course_failures.append(exc)
            raise

    def start(self) -> None:
        self.course_failures: list[BaseException] = []
        try:
            super().start()  # type: ignore[misc]
        except BaseException as exc:
            if not self.course_failures:
                self.course_failures.append(exc)
            raise


@cache
def _recording(converter: type) -> type:
    return type(f"Recording{converter.__name__}", (_Recording, converter), {})


def _run(api, converter: type, what: str, **attributes: object) -> Step:
    from nbgrader.utils import capture_log

    app = _recording(converter)(coursedir=api.coursedir, parent=api)
    for name, value in attributes.items():
        setattr(app, name, value)
    result = capture_log(app)
    step = Step(what, bool(result.get("success")), list(getattr(app, "course_failures", [])), result.get("log", ""))
    if not step.ok:
        log.info("%s failed: %s", what, step.reason())
    return step


def autograde(workspace: Workspace, assignment: str, student: str) -> Step:
    """nbgrader's Autograde of one submission (with the course's preprocessors from its configuration)."""
    from nbgrader.converters import Autograde
    from nbgrader.utils import temp_attrs

    api = api_for(workspace)
    with temp_attrs(api.coursedir, assignment_id=assignment, student_id=student):
        return _run(api, Autograde, f"autograde {assignment} for {student}", force=True, create_student=True)


def generate_feedback(workspace: Workspace, assignment: str, student: str) -> Step:
    """nbgrader's GenerateFeedback for one student's autograded notebooks."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.utils import temp_attrs

    api = api_for(workspace)
    with temp_attrs(api.coursedir, assignment_id=assignment, student_id=student):
        return _run(api, GenerateFeedback, f"feedback on {assignment} for {student}", force=True)


def generate_assignment(workspace: Workspace, assignment: str, into: Path | None = None) -> Path:
    """nbgrader's GenerateAssignment: records the assignment (notebooks, graded cells, points) in the workspace's
    gradebook and writes its release to `into`/ASSIGNMENT when given, else to the workspace's release/ folder.
    Returns the folder written."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.utils import temp_attrs

    api = api_for(workspace)
    target = workspace.path("release", ".", assignment) if into is None else into.resolve() / assignment
    release = str(into.resolve()) if into is not None else api.coursedir.release_directory
    with temp_attrs(api.coursedir, assignment_id=assignment, release_directory=release):
        _run(api, GenerateAssignment, f"generate_assignment {assignment}", force=True,
             create_assignment=True).check()
    return target


def record_assignment(workspace: Workspace, assignment: str) -> None:
    """Record `assignment` in the workspace's gradebook without writing a release folder a person may use."""
    with tempfile.TemporaryDirectory(prefix="course-record-") as tmp:
        generate_assignment(workspace, assignment, into=Path(tmp))


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

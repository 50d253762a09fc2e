"""`course check NOTEBOOK`: a learner's full self-check against the hidden tests, with feedback HTML."""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course.errors import CourseError
from course.feedback.pages import write_feedback
from course.grading.grade import grade_all
from course.grading.results import SubmissionResult, read_result
from course.layout import Course
from course.notebooks import read_notebook
from course.workspace import Workspace

log = logging.getLogger(__name__)

STUDENT = "self-check"


@dataclass
class CheckReport:
    """One notebook's self-check: its tests' results (scores and messages), the feedback page, what went wrong."""

    assignment: str
    notebook: str
    result: SubmissionResult  # this notebook's tests only
    feedback: Path | None
    problems: list[str]
    sandboxed: bool = False

    @property
    def passed(self) -> bool:
        return not self.result.failed()


def check_notebook(
    course: Course, notebook: Path, assignment: str | None = None, feedback_dir: Path | None = None
) -> CheckReport:
    """Grade one learner notebook in a scratch workspace; the course gradebook is never touched."""
    path = notebook.expanduser().resolve()
    read_notebook(path)  # a clear error for a missing or broken file before anything else
    assignment, notebook_id = course.locate(path, assignment)
    log.info("%s is %s/%s", path.name, assignment, notebook_id)
    tmp = Path(tempfile.mkdtemp(prefix="course-check-"))
    try:
        workspace = Workspace.scratch(course, tmp)
        folder = workspace.path("submitted", STUDENT, assignment)
        folder.mkdir(parents=True)
        shutil.copyfile(path, folder / f"{notebook_id}.ipynb")
        (outcome,) = grade_all(workspace, assignment, [STUDENT], workers=1)
        if not outcome.graded:
            raise CourseError(f"grading {path.name} failed: {outcome.error}")
        result = read_result(workspace, assignment, STUDENT)
        problems = [p for p in outcome.problems if p.startswith(f"{notebook_id}:")]
        (written,) = write_feedback(workspace, assignment, [STUDENT], workers=1)
        html = workspace.path("feedback", STUDENT, assignment) / f"{notebook_id}.html"
        target = None
        if html in written.pages:
            target_dir = feedback_dir or path.parent / "feedback"  # beside the notebook: JupyterLab can open it
            target_dir.mkdir(parents=True, exist_ok=True)
            target = target_dir / f"{path.stem}.html"
            shutil.copyfile(html, target)
        return CheckReport(assignment, notebook_id, result.of_notebook(notebook_id), target, problems + outcome.flags,
                           workspace.sandbox_mode() == "bwrap")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

"""`course check NOTEBOOK`: a learner's full self-check against the hidden tests, with feedback HTML."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course.errors import CourseError
from course.feedback_run import write_feedback
from course.grading import grade_all
from course.layout import Course
from course.notebooks import read_notebook
from course.results import TestResult, read_result
from course.workspace import Workspace

STUDENT = "self-check"


@dataclass
class CheckReport:
    module: str
    notebook: str
    tests: list[TestResult]
    feedback: Path | None
    problems: list[str]
    sandboxed: bool = False

    @property
    def auto_score(self) -> float:
        return sum(t.score or 0.0 for t in self.tests if not t.manual)

    @property
    def auto_max(self) -> float:
        return sum(t.max_score for t in self.tests if not t.manual)

    @property
    def manual_max(self) -> float:
        return sum(t.max_score for t in self.tests if t.manual)

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.tests if not t.manual)


def check_notebook(
    course: Course, notebook: Path, module: str | None = None, feedback_dir: Path | None = None
) -> CheckReport:
    """Grade one learner notebook in a scratch workspace; the course gradebook is never touched."""
    path = notebook.expanduser().resolve()
    read_notebook(path)  # a clear error for a missing or broken file before anything else
    module, notebook_id = course.locate(path, module)
    tmp = Path(tempfile.mkdtemp(prefix="course-check-"))
    try:
        workspace = Workspace.scratch(course, tmp)
        folder = workspace.path("submitted", STUDENT, module)
        folder.mkdir(parents=True)
        shutil.copyfile(path, folder / f"{notebook_id}.ipynb")
        (outcome,) = grade_all(workspace, module, [STUDENT], workers=1)
        if not outcome.graded:
            raise CourseError(f"grading {path.name} failed: {outcome.error}")
        result = read_result(workspace, module, STUDENT)
        tests = [t for t in result.tests if t.notebook == notebook_id]
        problems = [p for p in outcome.problems if p.startswith(f"{notebook_id}:")]
        (written,) = write_feedback(workspace, module, [STUDENT], workers=1)
        html = workspace.path("feedback", STUDENT, module) / f"{notebook_id}.html"
        target = None
        if html in written.pages:
            target_dir = feedback_dir or path.parent / "feedback"  # beside the notebook: JupyterLab can open it
            target_dir.mkdir(parents=True, exist_ok=True)
            target = target_dir / f"{path.stem}.html"
            shutil.copyfile(html, target)
        return CheckReport(module, notebook_id, tests, target, problems + outcome.flags,
                           workspace.sandbox_mode() == "bwrap")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

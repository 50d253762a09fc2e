"""Per-test results of a graded submission: scores from the gradebook, messages from the graded notebook."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime

from nbformat import NotebookNode

from course.hidden import ANSI, redact_text, secret_lines
from course.layout import Course
from course.messages import error_message, stderr_message
from course.nbgrader_api import open_gradebook
from course.notebooks import grade_id, is_grade, is_solution, points, read_notebook
from course.workspace import Workspace


@dataclass(frozen=True)
class TestResult:
    notebook: str
    test: str
    manual: bool  # a written answer graded by an instructor
    score: float | None  # None: waiting for a manual grade
    max_score: float
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.max_score


@dataclass
class SubmissionResult:
    student: str
    assignment: str
    tests: list[TestResult] = field(default_factory=list)
    timestamp: datetime | None = None
    duedate: datetime | None = None
    late_penalty: float = 0.0
    first_name: str = ""
    last_name: str = ""
    email: str = ""

    def auto_tests(self, notebook: str | None = None) -> list[TestResult]:
        return [t for t in self.tests if not t.manual and (notebook is None or t.notebook == notebook)]

    def auto_score(self, notebook: str | None = None) -> float:
        return sum(t.score or 0.0 for t in self.auto_tests(notebook))

    def auto_max(self, notebook: str | None = None) -> float:
        return sum(t.max_score for t in self.auto_tests(notebook))

    def failed(self, notebook: str | None = None) -> set[str]:
        return {t.test for t in self.auto_tests(notebook) if not t.passed}

    def manual_max(self, notebook: str | None = None) -> float:
        return sum(t.max_score for t in self.tests if t.manual and (notebook is None or t.notebook == notebook))

    def of_notebook(self, notebook: str) -> SubmissionResult:
        """The same result with only `notebook`'s tests."""
        return dataclasses.replace(self, tests=[t for t in self.tests if t.notebook == notebook])

    @property
    def total(self) -> float:
        return sum(t.score or 0.0 for t in self.tests)

    @property
    def max_total(self) -> float:
        return sum(t.max_score for t in self.tests)

    @property
    def score(self) -> float:
        """Total after the late penalty (nbgrader's `score`)."""
        return max(0.0, self.total - self.late_penalty)

    @property
    def pending_manual(self) -> int:
        return sum(1 for t in self.tests if t.manual and t.score is None)


def grade_cells(course: Course, assignment: str) -> list[tuple[str, str, bool, float]]:
    """(notebook, grade id, manual?, points) of every graded cell, in notebook order."""
    cells = []
    for path in course.source_notebooks(assignment):
        for cell in read_notebook(path).cells:
            if is_grade(cell):
                cells.append((path.stem, grade_id(cell), is_solution(cell), points(cell)))
    return cells


def cell_messages(nb: NotebookNode, secrets: set[str]) -> dict[str, str]:
    """First failure message of every graded cell of an executed notebook (hidden test text redacted)."""
    messages: dict[str, str] = {}
    for cell in nb.cells:
        if not is_grade(cell) or cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                text = error_message(output.get("ename", "Error"), ANSI.sub("", str(output.get("evalue", ""))))
                messages[grade_id(cell)] = redact_text(text, secrets)
                break
            if output.output_type == "stream" and output.get("name") == "stderr":
                messages[grade_id(cell)] = redact_text(stderr_message(ANSI.sub("", output.text)), secrets)
                break
    return messages


def read_result(workspace: Workspace, assignment: str, student: str, messages: bool = True) -> SubmissionResult:
    """Scores of one student's submission from the gradebook, with messages from autograded notebooks."""
    from nbgrader.api import MissingEntry

    course = workspace.course
    result = SubmissionResult(student, assignment)
    found: dict[tuple[str, str], str] = {}
    for path in course.source_notebooks(assignment):
        graded = workspace.path("autograded", student, assignment) / path.name
        if messages and graded.exists():
            secrets = secret_lines(read_notebook(path))
            for test, message in cell_messages(read_notebook(graded), secrets).items():
                found[(path.stem, test)] = message
    with open_gradebook(workspace) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            submission = None
        if submission is not None:
            result.timestamp = submission.timestamp
            result.duedate = submission.duedate
            result.late_penalty = float(sum(nb.late_submission_penalty or 0.0 for nb in submission.notebooks))
            person = submission.student
            result.first_name, result.last_name = person.first_name or "", person.last_name or ""
            result.email = person.email or ""
        for notebook, test, manual, max_points in grade_cells(course, assignment):
            try:
                grade = gb.find_grade(test, notebook, assignment, student)
            except MissingEntry:
                result.tests.append(TestResult(notebook, test, manual, 0.0, max_points, "not graded"))
                continue
            waiting = grade.needs_manual_grade and grade.manual_score is None
            score = None if waiting else float(grade.score)
            message = found.get((notebook, test), "")
            if manual and score is None:
                message = "waiting for an instructor's grade"
            elif manual and not score:
                message = "not answered yet"
            result.tests.append(TestResult(notebook, test, manual, score, float(grade.max_score), message))
    return result


def graded_students(workspace: Workspace, assignment: str) -> list[str]:
    """Students with a graded submission of `assignment` in the gradebook (by `course grade` or stock
    `nbgrader autograde`; a submission whose notebooks could not be read is recorded too): the one answer to
    "who is graded", for reports and feedback alike."""
    from nbgrader.api import MissingEntry

    if (path := workspace.sqlite_path()) is not None and not path.exists():
        return []
    with open_gradebook(workspace) as gb:
        try:
            return sorted(s.student.id for s in gb.find_assignment(assignment).submissions)
        except MissingEntry:
            return []

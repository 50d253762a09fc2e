"""Due dates and per-student extensions in the gradebook (`course due`, `course extend`); the penalty for late
work is the nbgrader plugin course.plugins.late_penalty."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from course.errors import CourseError
from course.nbgrader_api import open_gradebook
from course.workspace import Workspace


def parse_when(text: str) -> datetime:
    """An ISO date/time ('2026-12-01', '2026-12-01 23:59', '...+01:00'); naive times are UTC."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CourseError(f"not a date/time: {text!r} (use e.g. '2026-12-01 23:59' or '2026-12-01T23:59+01:00')") \
            from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).replace(tzinfo=None)  # nbgrader stores naive UTC


def set_due_date(workspace: Workspace, assignment: str, due: datetime | None) -> None:
    with open_gradebook(workspace) as gb:
        gb.update_or_create_assignment(assignment, duedate=due)


def grant_extension(workspace: Workspace, assignment: str, student: str, extension: timedelta) -> None:
    """Give `student` more time for `assignment` (replaces any earlier extension; zero removes it)."""
    from nbgrader.api import MissingEntry

    with open_gradebook(workspace) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise CourseError(f"{assignment} is not in the gradebook yet; run `course build {assignment}`") from None
        gb.update_or_create_student(student)
        gb.update_or_create_submission(assignment, student)
        minutes = extension.total_seconds() / 60
        gb.grant_extension(assignment, student, minutes=minutes)

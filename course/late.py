"""Late work: a percentage-per-day penalty (capped), due dates and per-student extensions."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

from course.errors import CourseError
from course.nbapi import open_gradebook
from course.workspace import Workspace

DAY = 24 * 3600


class PercentPerDayPenalty(LateSubmissionPlugin):
    """Each started day late costs `percent_per_day` % of the notebook's score, up to `max_percent` %.

    A submission `grace_minutes` late or less is on time. Configure in nbgrader_config.py:
        c.AssignLatePenalties.plugin_class = "course.late.PercentPerDayPenalty"
        c.PercentPerDayPenalty.percent_per_day = 10
        c.PercentPerDayPenalty.max_percent = 50
    """

    percent_per_day = Float(10.0, help="Penalty per started day late, in % of the score").tag(config=True)
    max_percent = Float(100.0, help="Largest total penalty, in % of the score").tag(config=True)
    grace_minutes = Float(0.0, help="Lateness forgiven entirely, in minutes").tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float | None:
        return penalty_points(score, total_seconds_late, self.percent_per_day, self.max_percent, self.grace_minutes)


def penalty_points(score: float, seconds_late: float, percent_per_day: float, max_percent: float,
                   grace_minutes: float = 0.0) -> float:
    """Points taken off `score` for a submission `seconds_late` seconds after its deadline."""
    if seconds_late <= grace_minutes * 60:
        return 0.0
    days = math.ceil(seconds_late / DAY)
    percent = min(max_percent, days * percent_per_day)
    return round(score * percent / 100.0, 6)


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

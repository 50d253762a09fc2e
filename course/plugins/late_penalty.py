"""Late work: a percentage-per-day penalty, capped (nbgrader's `AssignLatePenalties.plugin_class`)."""

from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

DAY = 24 * 3600


class PercentPerDayPenalty(LateSubmissionPlugin):
    """Each started day late costs `percent_per_day` % of the notebook's score, up to `max_percent` %.

    A submission `grace_minutes` late or less is on time. Configure in nbgrader_config.py:
        c.AssignLatePenalties.plugin_class = "course.plugins.late_penalty.PercentPerDayPenalty"
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

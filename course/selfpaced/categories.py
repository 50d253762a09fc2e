"""The article's interview categories, and the one place that maps each assignment to one of them.

"Ace Your ML Interview" divides ML interviews into coding, ML theory (the ML domain questions), system design and
behavioral questions; `course progress` reports the weakest of them as what to work on next. An assignment is
mapped by its number, so that a new module only needs a line here.
"""

from __future__ import annotations

CATEGORIES = ("coding", "ML theory", "system design", "behavioral")

BY_NUMBER = {
    "01": "coding",  # coding questions, dynamic programming, graphs, SQL
    "02": "ML theory",  # the top ten algorithms, from scratch
    "03": "ML theory",  # the ML domain questions
    "04": "system design",
    "05": "behavioral",
    "06": "behavioral",  # salary negotiation
    "07": "system design",  # an end-to-end portfolio project: pipelines, serving, documentation
    "08": "behavioral",  # interview strategy and communication
    "09": "behavioral",  # myths vs reality
    "10": "behavioral",  # career resilience
}


def category(assignment: str) -> str:
    """The interview category an assignment prepares for ("other" for a number not mapped yet)."""
    return BY_NUMBER.get(assignment[:2], "other")

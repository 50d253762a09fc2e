"""A notebook's exercises as a learner meets them: each heading with its solution cells, its tests, the notebook's
own hints and, for a written answer, the question and its rubric criteria (never the model answer).

Read from the source notebook's structure (headings, nbgrader cells); only text a learner also sees in the release
is kept here (test docstrings and hints are public; hidden test regions and solution regions are never read).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from nbformat import NotebookNode

from course.authoring.lint import EXERCISE
from course.notebooks import grade_id, is_manual, is_solution, is_test, parse_python, public_part

HINT = re.compile(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", re.DOTALL | re.IGNORECASE)
HEADING_LINE = re.compile(r"^(#{2,4})\s+(.*?)\s*$", re.MULTILINE)


@dataclass
class Exercise:
    """One exercise (or written question) of a notebook, in notebook order."""

    title: str
    points: float | None = None  # from the heading, when it states them
    solutions: list[str] = field(default_factory=list)  # solution cell ids (code answers and written answers)
    tests: list[str] = field(default_factory=list)  # autograded test cells
    manual: list[str] = field(default_factory=list)  # written answers graded by an instructor
    hints: list[str] = field(default_factory=list)  # markdown of the notebook's own hints, in order
    question: str = ""  # the task below the heading: for a written answer, the question and its rubric criteria

    @property
    def key(self) -> str:
        """The exercise's name for `course solution`: its first solution cell's id."""
        return (self.solutions or self.tests or [self.title])[0]

    @property
    def graded(self) -> list[str]:
        return [*self.tests, *self.manual]


def _headings(markdown: str) -> list[tuple[int, str, int]]:
    """(level, text, offset) of every level-2 to level-4 heading of a markdown cell."""
    return [(len(m.group(1)), m.group(2), m.start()) for m in HEADING_LINE.finditer(markdown)]


def exercises(source: NotebookNode) -> list[Exercise]:
    """The exercises of a source notebook, each with the graded cells under its heading."""
    found: list[Exercise] = []
    current: Exercise | None = None
    last_heading = ("", "")  # (heading text, the markdown from it to the end of its cell)
    for cell in source.cells:
        if cell.cell_type == "markdown" and not is_solution(cell):
            heads = _headings(cell.source)
            exercise = EXERCISE.search(cell.source)
            if exercise is not None:
                title = exercise.group(0).lstrip("#").strip()
                current = Exercise(title, float(exercise.group(1)), question=cell.source[exercise.end():].strip())
                found.append(current)
            elif any(level == 2 for level, _, _ in heads):
                current = None  # a new section (an intro, the summary): no exercise until the next heading
            if heads:
                _, text, start = heads[-1]
                last_heading = (text, cell.source[start:])
            if current is not None:
                current.hints += [inner.strip() for _, inner in HINT.findall(cell.source)]
            continue
        if not (is_solution(cell) or is_test(cell)):
            continue
        if current is None:  # a graded cell after a plain heading: a written question, titled by its heading
            current = Exercise(last_heading[0] or grade_id(cell), question=last_heading[1].split("\n", 1)[-1].strip())
            found.append(current)
        if is_solution(cell):
            current.solutions.append(grade_id(cell))
        if is_manual(cell):
            current.manual.append(grade_id(cell))
        elif is_test(cell):
            current.tests.append(grade_id(cell))
    return [e for e in found if e.graded or e.solutions]


def docstring(test_source: str) -> str:
    """The docstring of a test cell (its visible part), or ""."""
    try:
        return ast.get_docstring(parse_python(public_part(test_source))) or ""
    except (SyntaxError, ValueError):
        return ""


def exercise_of(items: list[Exercise], cell: str) -> Exercise | None:
    """The exercise a solution or graded cell belongs to."""
    return next((e for e in items if cell in e.solutions or cell in e.graded), None)

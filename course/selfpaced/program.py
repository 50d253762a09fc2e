"""What the grader would run for a learner's notebook, built without a gradebook.

nbgrader's autograde restores every read-only cell (tests with their hidden part, the setup cell) from the source
notebook, puts deleted graded cells back after the graded cell before them, and the course's grader restores
changed grading metadata and scans the learner's code for tampering first (course.grading). This module does the
same to a learner's notebook in memory, so that `course check` runs exactly the program the grader would run, in
the replay harness that `course validate` proves against the real grader test by test.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from course.notebooks import BEGIN_HIDDEN, END_HIDDEN, grade_id, is_grade, is_solution, nbgrader, read_notebook
from course.proof.replay import graded_program
from course.sandbox.tamper import METADATA_CHANGED, Finding, inspect_notebook, restore_metadata


@dataclass
class Program:
    """One learner notebook, ready to run: the cells as the grader runs them, and what was found before."""

    assignment: str
    notebook: str  # its id in the course, e.g. "1_sums"
    path: Path  # the learner's file
    source: NotebookNode
    release: NotebookNode
    learner: NotebookNode  # metadata restored, deleted graded cells back
    cells: list[list] = field(default_factory=list)  # [source, test id or None, points] of each code cell
    cell_ids: list[str] = field(default_factory=list)  # the id of each of those code cells
    problems: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    too_large: str = ""  # why the notebook is not run at all (the grader scores it 0)

    def test_source(self, test: str) -> str:
        return next((c.source for c in self.source.cells if grade_id(c) == test), "")


def hidden_lines(source: str) -> set[int]:
    """1-based line numbers of a test cell's source that belong to its hidden tests (the markers included)."""
    hidden, inside = set(), False
    for number, line in enumerate(source.splitlines(), start=1):
        if BEGIN_HIDDEN in line:
            inside = True
        if inside:
            hidden.add(number)
        if END_HIDDEN in line:
            inside = False
    return hidden


def restore_deleted(learner: NotebookNode, source: NotebookNode) -> list[str]:
    """Put graded cells the learner deleted back, as nbgrader's OverwriteCells.add_missing_cells does (after the
    graded or solution cell before them in the source; at the top when there is none); their ids."""
    present = {grade_id(c) for c in learner.cells if is_grade(c) or is_solution(c)}
    order = [c for c in source.cells if nbgrader(c).get("grade_id")]
    restored = []
    for position, cell in enumerate(order):
        if not is_grade(cell) or grade_id(cell) in present:
            continue
        before = next((grade_id(c) for c in reversed(order[:position]) if grade_id(c) in present), None)
        index = 0 if before is None else next(i for i, c in enumerate(learner.cells) if grade_id(c) == before) + 1
        learner.cells.insert(index, copy.deepcopy(cell))
        present.add(grade_id(cell))
        restored.append(grade_id(cell))
    return restored


def build_program(path: Path, assignment: str, notebook: str, source: NotebookNode, release: NotebookNode,
                  max_bytes: int) -> Program:
    """The program the grader would run for the learner's notebook at `path` (read and validated already, by
    course.selfpaced.check.locate_all)."""
    learner = read_notebook(path, validate=False)
    program = Program(assignment, notebook, path, source, release, learner)
    size = path.stat().st_size
    if size > max_bytes:
        program.too_large = f"notebook of {size / 2**20:.0f} MiB exceeds {max_bytes / 2**20:.0f} MiB (scored 0)"
        program.problems.append(program.too_large)
        return program
    program.findings = inspect_notebook(notebook, source, release, learner)
    if any(f.reason.startswith(METADATA_CHANGED) for f in program.findings):
        learner = program.learner = restore_metadata(copy.deepcopy(learner), release)
    restored = restore_deleted(learner, source)
    if restored:
        program.problems.append(f"graded cells deleted ({', '.join(restored)}); restored from the source and graded")
    program.cells = graded_program(learner, source)
    program.cell_ids = [grade_id(c) or str(c.get("id", "")) for c in learner.cells if c.cell_type == "code"]
    return program

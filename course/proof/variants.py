"""Simulated students: notebooks a student could hand in, made from the release and source notebooks.

A student notebook starts as the release notebook (what students get). Solution cells are then filled with
the reference code from the source notebook, left as the release stub, or replaced with a known-wrong
variant. The reference code is read from `source/` at run time; this module holds no answers.
"""

from __future__ import annotations

import copy
import importlib.util
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from course.errors import CourseError
from course.layout import Course
from course.notebooks import grade_id, is_solution, read_notebook, solution_code, write_notebook

VARIANTS_DIR = Path("tests") / "variants"


@dataclass(frozen=True)
class Variant:
    """A plausible wrong answer: replacement code for solution cells, and the tests it must fail."""

    name: str
    why: str
    cells: dict[str, str]
    fails: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fails", frozenset(self.fails))
        object.__setattr__(self, "cells", {k: textwrap.dedent(v).strip("\n") for k, v in self.cells.items()})


@dataclass(frozen=True)
class Profile:
    """How a simulated student answers one notebook."""

    solved: str = "all"  # "all", "none", or "first:N" (the first N solution cells)
    variant: Variant | None = None


def load_variants(course: Course, assignment: str, notebook: str) -> list[Variant]:
    """The wrong variants declared in tests/variants/<assignment>/<notebook>.py (VARIANTS list)."""
    holder = _variants_module(course, assignment, notebook)
    variants = list(getattr(holder, "VARIANTS", []))
    names = [v.name for v in variants]
    if len(set(names)) != len(names):
        raise CourseError(f"{_variants_path(course, assignment, notebook)}: variant names must be unique")
    return variants


def load_equivalent_mutants(course: Course, assignment: str, notebook: str) -> dict[str, str]:
    """The mutants declared equivalent in tests/variants/<assignment>/<notebook>.py: EQUIVALENT_MUTANTS, a dict of
    mutant id → why no test can tell it from the solution (course.proof.mutation)."""
    declared = getattr(_variants_module(course, assignment, notebook), "EQUIVALENT_MUTANTS", {})
    path = _variants_path(course, assignment, notebook)
    if not isinstance(declared, dict):
        raise CourseError(f"{path}: EQUIVALENT_MUTANTS must be a dict of mutant id → reason")
    for mutant, reason in declared.items():
        if not isinstance(reason, str) or not reason.strip():
            raise CourseError(f"{path}: equivalent mutant {mutant!r} needs a reason (a non-empty string)")
    return dict(declared)


def load_untested_cells(course: Course, assignment: str, notebook: str) -> dict[str, str]:
    """Solution cells outside the exercises that no test uses by design, declared in
    tests/variants/<assignment>/<notebook>.py as UNTESTED_CELLS, a dict of cell id → why (e.g. a cell where the
    learner pastes code graded in another notebook): the mutation analysis makes no mutants of them."""
    declared = getattr(_variants_module(course, assignment, notebook), "UNTESTED_CELLS", {})
    path = _variants_path(course, assignment, notebook)
    if not isinstance(declared, dict) or not all(isinstance(r, str) and r.strip() for r in declared.values()):
        raise CourseError(f"{path}: UNTESTED_CELLS must be a dict of cell id → reason (a non-empty string)")
    return dict(declared)


def _variants_path(course: Course, assignment: str, notebook: str) -> Path:
    return course.root / VARIANTS_DIR / assignment / f"{notebook}.py"


def _variants_module(course: Course, assignment: str, notebook: str) -> object:
    """The module tests/variants/<assignment>/<notebook>.py (an empty one when the file does not exist)."""
    path = _variants_path(course, assignment, notebook)
    if not path.exists():
        return object()
    spec = importlib.util.spec_from_file_location(f"variants_{assignment}_{notebook}", path)
    assert spec is not None and spec.loader is not None
    holder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(holder)
    return holder


def learner_notebook(release_nb: NotebookNode, source_nb: NotebookNode, profile: Profile) -> NotebookNode:
    """A copy of the release notebook answered according to `profile`."""
    nb = copy.deepcopy(release_nb)
    reference = {grade_id(c): c for c in source_nb.cells if is_solution(c)}
    solution_ids = [grade_id(c) for c in nb.cells if is_solution(c)]
    if profile.solved == "all":
        solved = set(solution_ids)
    elif profile.solved == "none":
        solved = set()
    elif profile.solved.startswith("first:"):
        solved = set(solution_ids[: int(profile.solved.split(":", 1)[1])])
    else:
        raise ValueError(f"unknown profile {profile.solved!r}")
    replaced = dict(profile.variant.cells) if profile.variant else {}
    unknown = set(replaced) - set(solution_ids)
    if unknown:
        raise CourseError(
            f"variant {profile.variant.name!r} names cells that are not solution cells: {sorted(unknown)}"
        )
    for cell in nb.cells:
        cell_id = grade_id(cell)
        if not is_solution(cell):
            continue
        if cell_id in replaced:
            cell.source = replaced[cell_id]
        elif cell_id in solved:
            ref = reference[cell_id]
            cell.source = solution_code(ref.source) if ref.cell_type == "code" else ref.source
    return nb


def write_submission(
    course: Course,
    submitted_root: Path,
    student: str,
    assignment: str,
    profiles: dict[str, Profile],
    release_dir: Path | None = None,
) -> None:
    """Write `student`'s notebooks of `assignment` (only those named in `profiles`) under `submitted_root`.

    Notebooks start from `release_dir` (default: the course's committed `release/`).
    """
    folder = submitted_root / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for notebook, profile in profiles.items():
        release = read_notebook((release_dir or course.release_dir) / assignment / f"{notebook}.ipynb")
        source = read_notebook(course.source_dir / assignment / f"{notebook}.ipynb")
        write_notebook(learner_notebook(release, source, profile), folder / f"{notebook}.ipynb")

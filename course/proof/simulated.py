"""Simulated students of varied quality (complete, partial, blank, a typical bug, broken files), answered from the
source notebooks and the proven wrong variants: the demo's cohort, and cohorts of any size for benchmarks and
tests. The answers are read from `source/` and `tests/variants/` at run time; this module holds none."""

from __future__ import annotations

from dataclasses import dataclass

from course.layout import Course
from course.notebooks import is_solution, read_notebook
from course.proof.validate import exercises_of
from course.proof.variants import Profile, Variant, load_variants


@dataclass(frozen=True)
class SimulatedStudent:
    name: str
    kind: str  # complete | partial | blank | bug | faulty
    detail: str = ""


ROSTER = [
    SimulatedStudent("ada", "complete"),
    SimulatedStudent("grace", "complete"),
    SimulatedStudent("alan", "complete"),
    SimulatedStudent("barbara", "partial", "first third"),
    SimulatedStudent("edsger", "partial", "first half"),
    SimulatedStudent("donald", "partial", "all but the last exercise"),
    SimulatedStudent("margaret", "blank"),
    SimulatedStudent("john", "bug", "0"),
    SimulatedStudent("frances", "bug", "1"),
    SimulatedStudent("ken", "bug", "2"),
    SimulatedStudent("radia", "bug", "3"),
    SimulatedStudent("tim", "bug", "4"),
    SimulatedStudent("katherine", "bug", "5"),
    SimulatedStudent("linus", "faulty", "broken notebook JSON and a deleted test cell"),
]


def cohort(size: int) -> list[SimulatedStudent]:
    """`size` students of varied quality (complete, partial, blank, a typical bug each), no faulty files."""
    kinds = [("complete", ""), ("partial", "first third"), ("bug", None), ("partial", "first half"), ("bug", None),
             ("blank", ""), ("bug", None), ("partial", "all but the last exercise"), ("bug", None), ("complete", "")]
    students, bugs = [], 0
    for i in range(size):
        kind, detail = kinds[i % len(kinds)]
        if kind == "bug":
            detail, bugs = str(bugs), bugs + 1
        students.append(SimulatedStudent(f"student{i + 1:03d}", kind, detail))
    return students


def _bug_order(course: Course, assignment: str, notebook: str) -> list[Variant]:
    """Variants ordered so that the first ones cover every exercise once (a typical bug per exercise)."""
    variants = load_variants(course, assignment, notebook)
    groups = exercises_of(course.source_dir / assignment / f"{notebook}.ipynb")
    rounds: list[list[Variant]] = []
    for cells in groups.values():
        mine = [v for v in variants if set(v.cells) & set(cells)]
        for i, variant in enumerate(mine):
            while len(rounds) <= i:
                rounds.append([])
            rounds[i].append(variant)
    return [v for r in rounds for v in r]


def profiles_for(course: Course, assignment: str, student: SimulatedStudent) -> dict[str, Profile]:
    profiles = {}
    for path in course.source_notebooks(assignment):
        cells = [c for c in read_notebook(path).cells if is_solution(c) and c.cell_type == "code"]
        if student.kind in ("complete", "faulty"):
            profiles[path.stem] = Profile("all")
        elif student.kind == "blank":
            profiles[path.stem] = Profile("none")
        elif student.kind == "partial":
            share = {"first third": 1 / 3, "first half": 1 / 2}.get(student.detail, 0.8)
            profiles[path.stem] = Profile(f"first:{max(1, int(len(cells) * share))}")
        else:
            bugs = _bug_order(course, assignment, path.stem)
            variant = bugs[int(student.detail) % len(bugs)] if bugs else None
            profiles[path.stem] = Profile("all", variant)
    return profiles

"""Reading notebooks with clear errors, and the nbgrader cell markup (solution and hidden-test regions)."""

from __future__ import annotations

import ast
import gc
import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from course.errors import CourseError

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"


def read_notebook(path: Path, validate: bool = True) -> NotebookNode:
    """Read a notebook; a missing file, broken JSON or a non-notebook raise a one-line CourseError, and so does one
    that breaks the notebook schema (unless `validate` is false: the course's own notebooks, which the build
    checks, read by each `course check`)."""
    if not path.exists():
        raise CourseError(f"notebook not found: {path}")
    if path.suffix != ".ipynb":
        raise CourseError(f"not a notebook (.ipynb expected): {path}")
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise CourseError(f"broken notebook {path}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise CourseError(f"broken notebook JSON in {path}: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if not isinstance(data, dict) or "cells" not in data or "nbformat" not in data:
        raise CourseError(f"broken notebook {path}: JSON without 'cells' and 'nbformat'")
    if data.get("nbformat") != 4:
        raise CourseError(f"broken notebook {path}: nbformat {data.get('nbformat')}, expected 4")
    nb = nbformat.convert(nbformat.reader.reads(text), 4)  # nbformat.reads without its logged validation
    if validate:
        try:
            nbformat.validate(nb)
        except nbformat.ValidationError as exc:
            raise CourseError(f"broken notebook {path}: {exc.message}") from exc
    return nb


def graded_ids(path: Path) -> set[str]:
    """The nbgrader grade ids of a notebook's cells, read as plain JSON (fast: many notebooks are compared to
    recognise a learner's copy); a file that is not a notebook has none."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        return {str(c["metadata"]["nbgrader"]["grade_id"]) for c in cells
                if isinstance(c, dict) and c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()


def write_notebook(nb: NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def nbgrader(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_grade(cell: NotebookNode) -> bool:
    return bool(nbgrader(cell).get("grade"))


def is_solution(cell: NotebookNode) -> bool:
    return bool(nbgrader(cell).get("solution"))


def is_locked(cell: NotebookNode) -> bool:
    meta = nbgrader(cell)
    return bool(meta.get("locked")) or (bool(meta.get("grade")) and not meta.get("solution"))


def is_test(cell: NotebookNode) -> bool:
    """An autograded test cell: a code grade cell that is not also a solution cell."""
    return cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)


def is_manual(cell: NotebookNode) -> bool:
    """A manually graded answer: a grade cell the learner writes in."""
    return is_grade(cell) and is_solution(cell)


def grade_id(cell: NotebookNode) -> str:
    return str(nbgrader(cell).get("grade_id", ""))


def points(cell: NotebookNode) -> float:
    return float(nbgrader(cell).get("points", 0) or 0)


def split_regions(source: str, begin: str, end: str) -> tuple[list[str], list[str]]:
    """(lines outside, lines inside) the begin/end regions; raises ValueError when unbalanced."""
    outside: list[str] = []
    inside: list[str] = []
    depth = 0
    for line in source.splitlines():
        if begin in line:
            if depth:
                raise ValueError(f"nested '{begin}'")
            depth = 1
        elif end in line:
            if not depth:
                raise ValueError(f"'{end}' without '{begin}'")
            depth = 0
        elif depth:
            inside.append(line)
        else:
            outside.append(line)
    if depth:
        raise ValueError(f"'{begin}' without '{end}'")
    return outside, inside


def public_part(source: str) -> str:
    """A test cell as learners see it: the hidden-test region removed."""
    return "\n".join(split_regions(source, BEGIN_HIDDEN, END_HIDDEN)[0])


def hidden_part(source: str) -> str:
    return "\n".join(split_regions(source, BEGIN_HIDDEN, END_HIDDEN)[1])


def solution_code(source: str) -> str:
    """The reference answer of a solution cell: code between the solution markers plus the code around them."""
    outside_lines = source.splitlines()
    return "\n".join(line for line in outside_lines if BEGIN_SOLUTION not in line and END_SOLUTION not in line)


def solution_region_lines(source: str) -> set[int]:
    """Line numbers (1-based) of `solution_code(source)` that lie between the solution markers."""
    inside: set[int] = set()
    depth, number = False, 0
    for line in source.splitlines():
        if BEGIN_SOLUTION in line:
            depth = True
        elif END_SOLUTION in line:
            depth = False
        else:
            number += 1
            if depth:
                inside.add(number)
    return inside


def parse_python(source: str) -> ast.Module:
    """`ast.parse` with the garbage collector paused. In CPython 3.11 a finalizer that a collection runs while the
    syntax tree is being built (an asyncio task left by a notebook run, logging "exception was never retrieved")
    can fail the parse with "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905);
    the grader parses cells in a process that has run notebooks, so it must not depend on when the GC runs."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return ast.parse(source)
    finally:
        if enabled:
            gc.enable()

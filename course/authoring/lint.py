"""House rules for source notebooks (see NOTEBOOK_STYLE.md), checked before every build."""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode

from course.authoring.choices import check_summary_answers
from course.notebooks import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_SOLUTION,
    grade_id,
    hidden_part,
    is_grade,
    is_locked,
    is_solution,
    is_test,
    nbgrader,
    parse_python,
    points,
    public_part,
    split_regions,
)

CELL_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
EXERCISE = re.compile(r"^#{2,4}\s+Exercise\s+[\d.]+:.*\((\d+(?:\.\d+)?) points?\)\s*$", re.MULTILINE)
HEADING = re.compile(r"^#{1,3}\s", re.MULTILINE)
SEED_CALLS = {"default_rng", "RandomState", "Random", "seed"}
SEED_KEYWORDS = {"random_state", "seed"}


@dataclass(frozen=True)
class Problem:
    notebook: str
    cell: str
    message: str

    def __str__(self) -> str:
        where = f"{self.notebook} [{self.cell}]" if self.cell else self.notebook
        return f"{where}: {self.message}"


def lint_notebook(nb: NotebookNode, path: Path) -> list[Problem]:
    """All rule violations of one source notebook (empty when it follows the house rules)."""
    name = f"{path.parent.name}/{path.name}"
    problems: list[Problem] = []

    def report(cell: NotebookNode | None, message: str) -> None:
        problems.append(Problem(name, cell.get("id", "?") if cell is not None else "", message))

    _check_structure(nb, report)
    seen_ids: set[str] = set()
    in_test_kernel = nb.metadata.get("course", {}).get("tests_in") != "learner-kernel"
    for cell in nb.cells:
        _check_cell_identity(cell, seen_ids, report)
        if cell.cell_type == "code":
            _check_code_cell(cell, report, in_test_kernel)
    _check_exercise_points(nb, report)
    _check_seeds(nb, report)
    check_summary_answers(nb, report)
    return problems


def _check_structure(nb: NotebookNode, report) -> None:
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.lstrip().startswith("# "):
        report(first, "the first cell must be a markdown title ('# ...')")
    elif "Learning objectives" not in first.source or "Why interviewers ask" not in first.source:
        report(first, "the title cell must list 'Learning objectives' and say 'Why interviewers ask' this")
    setup = [c for c in nb.cells if c.get("id") == "setup"]
    if not setup or not is_locked(setup[0]) or "SEED" not in setup[0].source or "__version__" not in setup[0].source:
        report(setup[0] if setup else None, "needs a locked 'setup' cell defining SEED and printing library versions")
    if not any(c.cell_type == "markdown" and "## Summary" in c.source for c in nb.cells):
        report(None, "needs a '## Summary' markdown cell")
    if not any(is_test(c) and BEGIN_HIDDEN in c.source for c in nb.cells):
        report(None, "has no hidden tests")
    if not any(is_grade(c) for c in nb.cells):
        report(None, "has no graded cells")


def _check_cell_identity(cell: NotebookNode, seen: set[str], report) -> None:
    cell_id = cell.get("id")
    if not cell_id or not CELL_ID.match(cell_id):
        report(cell, "cell id must be a stable, readable slug (lowercase letters, digits, '-')")
    elif cell_id in seen:
        report(cell, "duplicate cell id")
    else:
        seen.add(cell_id)
    meta = nbgrader(cell)
    if meta and (meta.get("grade") or meta.get("solution") or meta.get("locked")) and grade_id(cell) != cell_id:
        report(cell, f"nbgrader grade_id '{grade_id(cell)}' must equal the cell id")
    if is_grade(cell) and points(cell) <= 0:
        report(cell, "a graded cell needs points > 0")
    if cell.cell_type == "markdown" and BEGIN_HIDDEN in cell.source:
        report(cell, "hidden tests belong in code test cells")


def _check_code_cell(cell: NotebookNode, report, in_test_kernel: bool = True) -> None:
    if cell.get("outputs") or cell.get("execution_count") is not None:
        report(cell, "source notebooks are committed without outputs or execution counts")
    source = cell.source
    try:
        split_regions(source, BEGIN_SOLUTION, END_SOLUTION)
        split_regions(source, BEGIN_HIDDEN, "### END HIDDEN TESTS")
    except ValueError as exc:
        report(cell, f"unbalanced markers: {exc}")
        return
    if is_solution(cell) and BEGIN_SOLUTION not in source:
        report(cell, f"a solution cell needs a '{BEGIN_SOLUTION}' … '{END_SOLUTION}' region")
    if not is_solution(cell) and BEGIN_SOLUTION in source:
        report(cell, "solution markers outside a solution cell")
    if BEGIN_HIDDEN in source and not is_test(cell):
        report(cell, "hidden tests are only allowed in autograded test cells")
    try:
        tree = parse_python(source)
    except SyntaxError as exc:
        report(cell, f"syntax error on line {exc.lineno}: {exc.msg}")
        return
    if is_grade(cell) and not any(_is_check(node) for node in ast.walk(tree)):
        report(cell, "a graded code cell needs an assert or a `checks.` call (in a manually graded answer: a "
                     "shape check after the solution region)")
    if is_test(cell):
        _check_test_cell(cell, tree, report)
        if in_test_kernel:
            _check_shared_state(cell, tree, report)
    if is_solution(cell):
        _check_answer_placeholders(cell, report)
        _check_marker_indentation(cell, report)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _check_marker_indentation(cell: NotebookNode, report) -> None:
    """A solution marker is indented like the first line it encloses: the release's stub (`raise
    NotImplementedError()`) takes the marker's indentation, so a marker at column 0 inside a function body
    leaves a function that returns None and a stub that raises when the cell is run."""
    lines = cell.source.splitlines()
    for number, line in enumerate(lines):
        if line.strip() != BEGIN_SOLUTION:
            continue
        enclosed = next((other for other in lines[number + 1:] if other.strip()), "")
        if enclosed.strip() != END_SOLUTION and _indent(enclosed) != _indent(line):
            report(cell, f"'{BEGIN_SOLUTION}' on line {number + 1} is indented by {_indent(line)}, the code it "
                         f"encloses by {_indent(enclosed)}: indent the marker like the code (the release's stub "
                         "takes the marker's indentation)")


def answer_names(source: str) -> list[str]:
    """Constants (UPPER_CASE names) that the solution region of a code cell assigns at top level."""
    try:
        inside = "\n".join(split_regions(source, BEGIN_SOLUTION, END_SOLUTION)[1])
        tree = parse_python(inside)  # an indented region (a function body) does not parse: no constants
    except (ValueError, SyntaxError):
        return []
    names = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper() and t.id not in names]
    return names


def _check_answer_placeholders(cell: NotebookNode, report) -> None:
    """An answer held in a constant is set to None before the solution region, so that an unanswered question
    fails with "not answered yet" in the release instead of a NameError."""
    names = answer_names(cell.source)
    if not names:
        return
    before = cell.source.split(BEGIN_SOLUTION, 1)[0]
    try:
        tree = parse_python(textwrap.dedent(before))
    except SyntaxError:
        return
    placed = {
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is None
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    for name in names:
        if name not in placed:
            report(cell, f"answer {name} needs a placeholder `{name} = None  # ...` before '{BEGIN_SOLUTION}', "
                         "so that an unanswered question says 'not answered yet' instead of a NameError")


def _is_check(node: ast.AST) -> bool:
    """An assert statement, or a call of a `course.checks` helper (they raise with a message)."""
    if isinstance(node, ast.Assert):
        return True
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "checks")


def _check_test_cell(cell: NotebookNode, tree: ast.Module, report) -> None:
    body = tree.body
    if not (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        report(cell, "a test cell starts with a docstring naming the behaviour it checks")
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node.msg is None:
            report(cell, f"assert without a message on line {node.lineno}")
    for label, text in (("the cell", cell.source), ("the public part", public_part(cell.source))):
        try:
            part = parse_python(text).body
        except SyntaxError as exc:
            report(cell, f"{label} is not valid Python once hidden tests are removed: {exc.msg}")
            continue
        if part and isinstance(part[-1], ast.Expr) and not isinstance(part[-1].value, ast.Call):
            report(cell, f"{label} ends with a bare expression: its value would be read as a partial score")


# What a test cell must not do where it runs in the test kernel: this process's folders, module attributes and
# threads are not the learner kernel's (course.checks.sharing does each there).
TEMPORARY_FILES = ("TemporaryDirectory", "mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryFile")


def _check_shared_state(cell: NotebookNode, tree: ast.Module, report) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "tempfile" \
                and node.attr in TEMPORARY_FILES:
            report(cell, f"line {node.lineno}: a folder made here is not the learner kernel's: use "
                         "`checks.temporary_folder()`")
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in MODULES_OF_TESTS
                for t in node.targets):
            report(cell, f"line {node.lineno}: a module attribute set here does not change the learner kernel's: "
                         "use `checks.patched(\"module.name\", value)`")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "threading" \
                and node.attr == "Thread":
            report(cell, f"line {node.lineno}: threads here reach the learner's code one call at a time: use "
                         "`checks.concurrently(fn, ...)`")


MODULES_OF_TESTS = ("os", "tempfile", "shutil", "time", "random", "np", "pd", "json", "pickle", "sys", "io")


def _check_exercise_points(nb: NotebookNode, report) -> None:
    current: tuple[NotebookNode, float] | None = None
    total = 0.0

    def close() -> None:
        if current is not None and abs(current[1] - total) > 1e-9:
            report(current[0], f"the heading promises {current[1]:g} points but its graded cells hold {total:g}")

    for cell in nb.cells:
        if cell.cell_type == "markdown" and HEADING.search(cell.source):
            close()
            match = EXERCISE.search(cell.source)
            current = (cell, float(match.group(1))) if match else None
            total = 0.0
        elif is_grade(cell) and current is not None:
            total += points(cell)
    close()


def _seed_literals(source: str) -> set[int]:
    try:
        tree = parse_python(textwrap.dedent(source))
    except SyntaxError:
        return set()
    seeds: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SEED_CALLS:
                seeds.update(_ints(arg) for arg in node.args[:1])
            for keyword in node.keywords:
                if keyword.arg in SEED_KEYWORDS:
                    seeds.add(_ints(keyword.value))
        elif isinstance(node, ast.For) and "seed" in ast.unparse(node.target):
            for element in getattr(node.iter, "elts", []):
                first = element.elts[0] if isinstance(element, ast.Tuple) and element.elts else element
                seeds.add(_ints(first))
    seeds.discard(None)
    return seeds


def _ints(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _check_seeds(nb: NotebookNode, report) -> None:
    public: set[int] = set()
    hidden: list[tuple[NotebookNode, str]] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            public |= _seed_literals(public_part(cell.source) if is_test(cell) else cell.source)
            if is_test(cell) and BEGIN_HIDDEN in cell.source:
                hidden.append((cell, hidden_part(cell.source)))
        except ValueError:
            continue  # unbalanced markers are reported by _check_code_cell
    for cell, text in hidden:
        shared = _seed_literals(text) & public
        if shared:
            report(cell, f"hidden tests reuse public seeds {sorted(shared)}; use seeds learners never see")

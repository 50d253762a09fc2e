"""Tamper detection on a submitted notebook, before it runs: edited read-only cells, changed grading metadata,
and learner code that patches libraries, the grader's checks or IPython itself.

Learner code runs in the same kernel as the hidden tests, so it could replace what the tests rely on. This static
scan catches that in the code as written; `course.sandbox.guard` catches patches made in ways the scan cannot see
(they are found when the next cell starts). A finding costs the tests it concerns their points and flags the
submission with the reason; an instructor can still override a grade in the formgrader.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from nbformat import NotebookNode

from course.notebooks import grade_id, is_grade, is_locked, is_solution, nbgrader, parse_python
from course.sandbox.protected import PROTECTED

# Modules whose objects the tests rely on; a learner cell must never rebind their attributes.
# Calls that reach into the interpreter's machinery: no exercise needs them, a cheat does.
FORBIDDEN_CALLS = {
    "sys.setprofile", "sys.settrace", "sys.addaudithook", "sys._getframe", "threading.setprofile",
    "threading.settrace", "inspect.currentframe", "inspect.stack", "gc.get_objects", "gc.get_referrers",
    "gc.get_referents", "importlib.reload", "get_ipython", "exec", "eval", "compile", "__import__", "globals().update",
    "setattr", "delattr",
}
FORBIDDEN_IMPORTS = {"ctypes", "cffi", "unittest.mock", "mock", "gc", "inspect"}
DUNDER_TARGETS = {"__code__", "__globals__", "__builtins__", "__closure__", "__defaults__", "__kwdefaults__",
                  "__class__", "__dict__", "__eq__", "__ne__", "__getattr__", "__getattribute__"}
METADATA_CHANGED = "changed the grading metadata"
CONFIG_PATHS = ("pd.options.", "pandas.options.", "np.set_printoptions", "plt.rcParams", "matplotlib.rcParams")


@dataclass(frozen=True)
class Finding:
    notebook: str
    cell: str
    reason: str
    tests: tuple[str, ...] | None  # the tests that earn nothing; None: every test of the notebook

    def __str__(self) -> str:
        return f"{self.notebook}: {self.reason} (cell {self.cell})"


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append(_dotted(node.func) + "()")
    else:
        return ""
    return ".".join(reversed(parts))


class _Scanner(ast.NodeVisitor):
    def __init__(self) -> None:
        self.aliases: dict[str, str] = {"__builtins__": "builtins"}
        self.reasons: list[str] = []

    def _root(self, dotted: str) -> str:
        head = dotted.split(".", 1)[0]
        return self.aliases.get(head, head).split(".", 1)[0]

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            top = alias.name.split(".")[0]
            self.aliases[alias.asname or top] = alias.name if alias.asname else top
            self._check_import(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        self._check_import(module)
        for alias in node.names:
            self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
            self._check_import(f"{module}.{alias.name}")

    def _check_import(self, name: str) -> None:
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_IMPORTS):
            self.reasons.append(f"imports {name}")

    def _check_target(self, target: ast.AST) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._check_target(element)
            return
        if isinstance(target, ast.Subscript):
            base = _dotted(target.value)
            if base.endswith("__dict__") or base in ("sys.modules", "vars()") or base.startswith("sys.modules"):
                self.reasons.append(f"writes into {base}")
            return
        if not isinstance(target, ast.Attribute):
            return
        dotted = _dotted(target)
        if target.attr in DUNDER_TARGETS:
            self.reasons.append(f"assigns {dotted}")
        elif dotted.startswith("get_ipython()"):
            self.reasons.append(f"patches IPython ({dotted})")
        elif self._root(dotted) in PROTECTED and not dotted.startswith(CONFIG_PATHS):
            self.reasons.append(f"replaces {dotted} (library or grader code)")

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._check_target(target)
        value = _dotted(node.value) if isinstance(node.value, (ast.Name, ast.Attribute)) else ""
        if value and self._root(value) in PROTECTED:  # `m = np` makes `m.x = ...` a patch of numpy too
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.aliases[target.id] = self._resolve(value)
        self.generic_visit(node)

    def _resolve(self, dotted: str) -> str:
        head, _, rest = dotted.partition(".")
        return ".".join(filter(None, [self.aliases.get(head, head), rest]))

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._check_target(node.target)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._check_target(node.target)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._check_target(target)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        dotted = _dotted(node.func)
        name = dotted.split(".")[-1]
        resolved = ".".join([self.aliases.get(dotted.split(".")[0], dotted.split(".")[0]), *dotted.split(".")[1:]])
        if dotted in FORBIDDEN_CALLS or resolved in FORBIDDEN_CALLS or name in {"setprofile", "settrace",
                                                                                 "addaudithook", "_getframe"}:
            if name in ("setattr", "delattr") and node.args and _dotted(node.args[0]) == "self":
                pass  # setting attributes on one's own object is ordinary class code
            elif name == "vars" and not node.args:
                pass
            else:
                self.reasons.append(f"calls {dotted}()")
        self.generic_visit(node)


def _parse(source: str) -> ast.AST | None:
    try:
        return parse_python(_without_magics(source))
    except SyntaxError:
        return None  # it fails on its own when it runs


def notebook_aliases(nb: NotebookNode) -> dict[str, str]:
    """Names every cell may use for modules (e.g. `np` from the setup cell's `import numpy as np`)."""
    scanner = _Scanner()
    for cell in nb.cells:
        tree = _parse(cell.source) if cell.cell_type == "code" else None
        if tree is not None:
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    scanner.visit_Import(node)
                elif isinstance(node, ast.ImportFrom):
                    scanner.visit_ImportFrom(node)
    return scanner.aliases


def scan_code(source: str, aliases: dict[str, str] | None = None) -> list[str]:
    """Reasons to think this learner code tampers with the grading (empty for ordinary code)."""
    tree = _parse(source)
    if tree is None:
        return []
    scanner = _Scanner()
    scanner.aliases.update(aliases or {})
    scanner.visit(tree)
    return list(dict.fromkeys(scanner.reasons))


def _without_magics(source: str) -> str:
    """IPython magics and shell escapes are not Python: blank them so the rest can be parsed."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def inspect_notebook(notebook: str, source_nb: NotebookNode, release_nb: NotebookNode,
                     submitted_nb: NotebookNode) -> list[Finding]:
    """Findings for one submitted notebook, compared with its source (metadata) and release (visible text)."""
    source_cells = {grade_id(c): c for c in source_nb.cells if nbgrader(c)}
    aliases = notebook_aliases(source_nb)
    release_cells = {grade_id(c): c for c in release_nb.cells if nbgrader(c)}
    findings: list[Finding] = []
    for cell in submitted_nb.cells:
        cell_id = grade_id(cell) or str(cell.get("id", "?"))
        reference = source_cells.get(grade_id(cell)) if grade_id(cell) else None
        if reference is not None:
            findings += _metadata_findings(notebook, cell, reference)
            released = release_cells.get(grade_id(cell))
            if (is_locked(reference) and not is_solution(reference) and released is not None
                    and cell.source.rstrip() != released.source.rstrip()):
                tests = (cell_id,) if is_grade(reference) else ()
                findings.append(Finding(notebook, cell_id, "edited a read-only cell", tests))
        if cell.cell_type == "code" and (reference is None or is_solution(reference)):
            for reason in scan_code(cell.source, aliases):
                findings.append(Finding(notebook, cell_id, f"learner code {reason}", None))
    return findings


def _metadata_findings(notebook: str, cell: NotebookNode, reference: NotebookNode) -> list[Finding]:
    mine, theirs = nbgrader(cell), nbgrader(reference)
    changed = [key for key in ("grade", "solution", "locked", "task") if bool(theirs.get(key)) != bool(mine.get(key))]
    if is_grade(reference) and float(mine.get("points") or 0) != float(theirs.get("points") or 0):
        changed.append("points")
    if cell.cell_type != reference.cell_type:
        changed.append("cell type")
    if not changed:
        return []
    tests = (grade_id(cell),) if is_grade(reference) else ()
    return [Finding(notebook, grade_id(cell), f"{METADATA_CHANGED} ({', '.join(changed)})", tests)]


EXECUTION_TAGS = ("skip-execution", "raises-exception")  # tags with which nbclient skips a cell or ignores its error


def restore_metadata(submitted: NotebookNode, release: NotebookNode) -> NotebookNode:
    """The submitted notebook with everything that decides how it is executed and graded restored from the release:
    the notebook's metadata (kernel, language), and for every cell the release knows (by id), its type and all of its
    metadata (grading metadata, tags such as `skip-execution`), and the source of read-only cells; the learner's
    answers stay theirs. A cell the learner added keeps its source but no metadata at all."""
    known = {c.get("id"): c for c in release.cells if c.get("id")}
    submitted.metadata = copy.deepcopy(release.metadata)
    for index, cell in enumerate(submitted.cells):
        reference = known.get(cell.get("id"))
        if reference is None or (nbgrader(cell) and grade_id(cell) != grade_id(reference)):
            cell.metadata = {}
            continue
        fixed = copy.deepcopy(reference)
        if is_solution(reference) or not is_locked(reference):
            fixed.source = cell.source  # the learner's answer (or their own notes in an unlocked cell) stays theirs
        if fixed.cell_type == "code":
            fixed.outputs, fixed.execution_count = [], None
        submitted.cells[index] = fixed
    return submitted


def execution_tag_findings(notebook: str, submitted: NotebookNode, release: NotebookNode) -> list[Finding]:
    """Tags that change what runs (nbclient skips a `skip-execution` cell; `raises-exception` hides its error) that the
    learner added: they are removed before grading, and reported."""
    known = {c.get("id"): c for c in release.cells if c.get("id")}
    findings = []
    for cell in submitted.cells:
        added = set(cell.get("metadata", {}).get("tags", [])) - set(
            known.get(cell.get("id"), {}).get("metadata", {}).get("tags", []))
        for tag in sorted(added & set(EXECUTION_TAGS)):
            findings.append(Finding(notebook, str(cell.get("id", "?")), f"{METADATA_CHANGED} (added the tag {tag})",
                                    (grade_id(cell),) if is_grade(cell) else ()))
    return findings

"""Mutants of a reference solution: small, plausible bugs made with `ast`, one change per mutant.

The operators are the bugs that slip past weak tests: a comparison flipped (`<` ↔ `<=`, `>` ↔ `>=`, `==` ↔ `!=`,
`is` ↔ `is not`, `in` ↔ `not in`), an arithmetic operator swapped (`+` ↔ `-`, `*` ↔ `/`, `//` → `/`, `%` → `//`,
`**` → `*`, in expressions and augmented assignments), an integer constant off by one (both ways) or a float
constant doubled (0.0 → 1.0), a `range` or slice bound off by one, two adjacent positional arguments of a call
swapped, a statement dropped (replaced by `pass`; never a definition, an import, a docstring or a function's last
`return`), a boolean constant negated, a keyword boolean flipped (`replace=False` → `True`, `shuffle=True` →
`False`), `min` ↔ `max` (and `argmin`/`argmax`, `minimum`/`maximum`, `nanmin`/`nanmax`, `idxmin`/`idxmax`), `and`
↔ `or`, and a `not` removed.

Left alone, because their mutants are nearly always equivalent or duplicates: floats smaller than 1e-6 (numerical
guards), numbers inside literal data (a list, tuple, set or dict of constants only: an answer, not logic), a bound
`x ± integer` (the integer's own mutants already move it by one), and the order of the arguments of `min`, `max`
and other symmetric functions.

Only code inside the cell's `### BEGIN SOLUTION … ### END SOLUTION` region is mutated (the signature and the
docstring around it are the learner's stub); code inside f-strings is left alone (Python 3.11 does not locate it).
A mutant is the reference code with one node's text replaced, so its diff is one line; the result is parsed back
and must equal the mutated syntax tree (else the whole cell is unparsed from the tree instead).

Order and identity are deterministic. A mutant's id is `<cell id>@<8 hex digits>`: a hash of the cell id, the
mutation, the mutated line's text, the node's text and its occurrence among identical sites, so it survives edits
elsewhere in the cell and can be declared equivalent in `tests/variants/`. Above `CourseSettings.mutants_per_cell`
candidates in one cell, a stratified sample is kept: the kinds take turns (in the order of `KINDS`), each in the
order of its mutants' ids, so every kind of bug is represented and a mutant's place does not depend on its
neighbours.
"""

from __future__ import annotations

import ast
import copy
import difflib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from course.notebooks import parse_python

MUTATOR_VERSION = 1  # bump when an operator changes: every cached result becomes stale

KINDS = ("comparison", "boolean-operator", "not", "min-max", "keyword", "boolean", "range", "slice", "arguments",
         "arithmetic", "constant", "statement")

COMPARISONS: dict[type, type] = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
                                 ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
                                 ast.In: ast.NotIn, ast.NotIn: ast.In}
ARITHMETIC: dict[type, type] = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
                                ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult}
EXTREMES = {"min": "max", "max": "min", "argmin": "argmax", "argmax": "argmin", "minimum": "maximum",
            "maximum": "minimum", "nanmin": "nanmax", "nanmax": "nanmin", "idxmin": "idxmax", "idxmax": "idxmin"}
SYMBOLS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
           ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
           ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**", ast.And: "and", ast.Or: "or"}
SYMMETRIC = {"min", "max", "minimum", "maximum", "fmin", "fmax", "hypot", "add", "multiply"}  # swapping is no bug
SMALLEST_FLOAT = 1e-6  # float constants below this size are numerical guards (eps, tolerances): not mutated
NOT_DROPPED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Global,
               ast.Nonlocal, ast.Pass)


@dataclass(frozen=True)
class Mutant:
    """One mutant of one solution cell."""

    id: str
    cell: str  # grade id of the solution cell
    kind: str  # one of KINDS
    description: str  # e.g. "`<` → `<=`"
    line: int  # line of the change in the cell's reference code (1-based)
    code: str  # the whole cell's mutated code
    diff: tuple[str, ...]  # "-  12: old line", "+  12: new line"


@dataclass(frozen=True)
class _Site:
    """A place to mutate: the node's index in `ast.walk` order and how to change a fresh copy of it."""

    kind: str
    description: str
    index: int
    change: Callable[[ast.AST], ast.AST | None]  # mutates the node in place (None) or returns its replacement
    statement: tuple[int, str, int] | None = None  # (parent index, field, position) for a dropped statement


def mutants(cell: str, code: str, region: set[int], cap: int) -> list[Mutant]:
    """The mutants of one solution cell's reference `code` whose change lies on the `region` lines (1-based), at
    most `cap` of them (0: no cap), in a deterministic order."""
    try:
        tree = parse_python(code)
    except SyntaxError:
        return []
    nodes = list(ast.walk(tree))
    parents = {id(child): node for node in nodes for child in ast.iter_child_nodes(node)}
    skipped = _in_fstrings(nodes)
    made: list[Mutant] = []
    seen_code = {code}
    occurrences: dict[tuple, int] = {}
    for site in _sites(nodes, parents, region, skipped):
        made_one = _make(cell, code, nodes, site, occurrences)
        if made_one.code not in seen_code:
            seen_code.add(made_one.code)
            made.append(made_one)
    return _sample(made, cap)


def _sample(made: list[Mutant], cap: int) -> list[Mutant]:
    if not cap or len(made) <= cap:
        return made
    queues = {kind: sorted((m for m in made if m.kind == kind), key=lambda m: m.id) for kind in KINDS}
    kept: list[Mutant] = []
    while len(kept) < cap:
        for kind in KINDS:
            if queues[kind] and len(kept) < cap:
                kept.append(queues[kind].pop(0))
    order = {m.id: i for i, m in enumerate(made)}
    return sorted(kept, key=lambda m: order[m.id])


def _in_fstrings(nodes: list[ast.AST]) -> set[int]:
    return {id(inner) for node in nodes if isinstance(node, ast.JoinedStr) for inner in ast.walk(node)}


def _within(node: ast.AST, region: set[int]) -> bool:
    first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
    return first is not None and last is not None and all(line in region for line in range(first, last + 1))


def _sites(nodes: list[ast.AST], parents: dict[int, ast.AST], region: set[int], skipped: set[int]) -> Iterator[_Site]:
    index_of = {id(node): index for index, node in enumerate(nodes)}
    for index, node in enumerate(nodes):
        if id(node) in skipped:
            continue
        if isinstance(node, (ast.Module, ast.stmt, ast.excepthandler)):
            yield from _statement_sites(index, node, region)
        if _within(node, region):
            parent = parents.get(id(node))
            if isinstance(parent, ast.UnaryOp) and isinstance(node, ast.Constant):  # -2 is 2 inside a minus
                parent = parents.get(id(parent))
            yield from _expression_sites(index, node, parent, index_of)


def _expression_sites(index: int, node: ast.AST, parent: ast.AST | None, index_of: dict[int, int]) -> Iterator[_Site]:
    if isinstance(node, ast.Compare):
        for j, op in enumerate(node.ops):
            if type(op) in COMPARISONS:
                new = COMPARISONS[type(op)]
                yield _Site("comparison", f"`{SYMBOLS[type(op)]}` → `{SYMBOLS[new]}`", index,
                            lambda n, j=j, new=new: _set_item(n.ops, j, new()))
    elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in ARITHMETIC:
        new = ARITHMETIC[type(node.op)]
        suffix = "=" if isinstance(node, ast.AugAssign) else ""
        yield _Site("arithmetic", f"`{SYMBOLS[type(node.op)]}{suffix}` → `{SYMBOLS[new]}{suffix}`", index,
                    lambda n, new=new: setattr(n, "op", new()))
    elif isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield _Site("boolean-operator", f"`{SYMBOLS[type(node.op)]}` → `{SYMBOLS[new]}`", index,
                    lambda n, new=new: setattr(n, "op", new()))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield _Site("not", "`not` removed", index, lambda n: n.operand)
    elif isinstance(node, ast.Constant):
        yield from _constant_sites(index, node, parent)
    elif isinstance(node, ast.Call):
        yield from _call_sites(index, node, index_of)
    elif isinstance(node, ast.Slice):
        for bound in ("lower", "upper"):
            value = getattr(node, bound)
            if value is not None and not _offset(value):
                for sign, op in (("+", ast.Add), ("-", ast.Sub)):
                    yield _Site("slice", f"slice {bound} bound {sign} 1", index_of[id(value)],
                                lambda n, op=op: _plus(n, op))


def _constant_sites(index: int, node: ast.Constant, parent: ast.AST | None) -> Iterator[_Site]:
    value = node.value
    if _data(parent):
        return
    if isinstance(value, bool):
        if isinstance(parent, ast.keyword) and parent.arg:
            yield _Site("keyword", f"`{parent.arg}={value}` → `{parent.arg}={not value}`", index,
                        lambda n: ast.Constant(not n.value))
        else:
            yield _Site("boolean", f"`{value}` → `{not value}`", index, lambda n: ast.Constant(not n.value))
    elif isinstance(value, int):
        for delta in (1, -1):
            yield _Site("constant", f"`{value}` → `{value + delta}`", index,
                        lambda n, d=delta: _number(n.value + d))
    elif isinstance(value, float) and (value == 0.0 or abs(value) >= SMALLEST_FLOAT):
        new = 1.0 if value == 0.0 else 2 * value
        yield _Site("constant", f"`{value!r}` → `{new!r}`", index, lambda n, new=new: ast.Constant(new))


def _call_sites(index: int, node: ast.Call, index_of: dict[int, int]) -> Iterator[_Site]:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name in EXTREMES:
        yield _Site("min-max", f"`{name}` → `{EXTREMES[name]}`", index_of[id(func)], _rename)
    if name == "range" and isinstance(func, ast.Name):
        for j, arg in enumerate(node.args):
            if not _offset(arg) and not isinstance(arg, ast.Starred):
                for sign, op in (("+", ast.Add), ("-", ast.Sub)):
                    yield _Site("range", f"`range` argument {j + 1} {sign} 1", index_of[id(arg)],
                                lambda n, op=op: _plus(n, op))
    if name not in SYMMETRIC and not any(isinstance(a, ast.Starred) for a in node.args):
        for j in range(len(node.args) - 1):
            if ast.dump(node.args[j]) != ast.dump(node.args[j + 1]):
                yield _Site("arguments", f"arguments {j + 1} and {j + 2} of `{_short(ast.unparse(func))}` swapped",
                            index, lambda n, j=j: _swap(n.args, j))


def _statement_sites(index: int, node: ast.AST, region: set[int]) -> Iterator[_Site]:
    for field in ("body", "orelse", "finalbody"):
        body = getattr(node, field, None)
        if not isinstance(body, list):
            continue
        for position, statement in enumerate(body):
            if isinstance(statement, ast.stmt) and _droppable(node, field, position, statement, region):
                first = ast.unparse(statement).splitlines()[0]
                yield _Site("statement", f"`{_short(first)}` dropped", index, lambda n: None,
                            statement=(index, field, position))


def _droppable(parent: ast.AST, field: str, position: int, statement: ast.stmt, region: set[int]) -> bool:
    if isinstance(statement, NOT_DROPPED) or not _within(statement, region):
        return False
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return False  # a docstring or a bare constant: nothing to drop
    body = getattr(parent, field)
    last_return = (isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and field == "body"
                   and position == len(body) - 1 and isinstance(statement, ast.Return))
    return not last_return


def _make(cell: str, code: str, original: list[ast.AST], site: _Site, occurrences: dict[tuple, int]) -> Mutant:
    """The mutant of one site (`original` is the reference's nodes in walk order): the original node's text
    replaced by the mutated node's."""
    fresh = parse_python(code)
    fresh_nodes = list(ast.walk(fresh))
    description = site.description
    if site.statement is not None:
        parent_index, field, position = site.statement
        target = getattr(original[parent_index], field)[position]
        getattr(fresh_nodes[parent_index], field)[position] = ast.Pass()
        texts = ["pass"]
        start, end = _span(code, target)
        if code[start:].startswith("elif"):  # dropping an `elif` leaves an `else` branch that does nothing
            texts = [f"else:\n{' ' * (target.col_offset + 4)}pass"]
            description = description.replace("`if ", "`elif ", 1)
    else:
        target = original[site.index]
        node = fresh_nodes[site.index]
        result = site.change(node)
        if result is not None:
            _replace_child(next(n for n in fresh_nodes if node in _children(n)), node, result)
        text = ast.unparse(node if result is None else result)
        texts = [text, f"({text})"]
        start, end = _span(code, target)
    mutated, diff = None, None
    for text in texts:
        candidate = code[:start] + text + code[end:]
        try:
            if _same(parse_python(candidate), fresh):
                mutated, diff = candidate, _span_diff(code, candidate, target)
                break
        except SyntaxError:
            continue
    if mutated is None:  # no text replacement gives the mutated tree (never seen): the whole cell from the tree
        mutated = ast.unparse(fresh)
    line_text = code.splitlines()[target.lineno - 1].strip()
    key = (site.kind, site.description, line_text, code[start:end])
    occurrences[key] = occurrences.get(key, 0) + 1
    digest = hashlib.sha256("\0".join([cell, *key, str(occurrences[key])]).encode()).hexdigest()[:8]
    return Mutant(f"{cell}@{digest}", cell, site.kind, description, target.lineno, mutated,
                  diff or short_diff(code, mutated))


def _span_diff(before: str, after: str, target: ast.AST, context: int = 2) -> tuple[str, ...]:
    """The lines of `target` before and after a text replacement, numbered (at most `context` each, then "…")."""
    old, new = before.splitlines(), after.splitlines()
    first, last = target.lineno - 1, target.end_lineno  # type: ignore[attr-defined]
    changed = last - first + len(new) - len(old)
    return _numbered("-", old[first:last], first, context) + _numbered("+", new[first:first + changed], first, context)


def _numbered(sign: str, rows: list[str], start: int, context: int) -> tuple[str, ...]:
    lines = [f"{sign}{start + k + 1:4}: {row.rstrip()}" for k, row in enumerate(rows[:context])]
    if len(rows) > context:
        lines.append(f"{sign}    : … ({len(rows) - context} more lines)")
    return tuple(lines)


def short_diff(before: str, after: str, context: int = 2) -> tuple[str, ...]:
    """The changed lines of a mutant, numbered (at most `context` removed and added lines each, then "…")."""
    old, new = before.splitlines(), after.splitlines()
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lines += _numbered("-", old[i1:i2], i1, context) + _numbered("+", new[j1:j2], j1, context)
    return tuple(lines)


def _span(code: str, node: ast.AST) -> tuple[int, int]:
    """Character offsets of a node in `code` (ast's columns count UTF-8 bytes)."""
    starts = [0]
    for line in code.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    lines = code.splitlines(keepends=True)

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + len(lines[line - 1].encode()[:column].decode(errors="ignore"))

    return offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]


def _same(a: object, b: object) -> bool:
    """Two syntax trees are the same, positions aside (ast.dump's equality, without building the strings)."""
    if isinstance(a, ast.AST):
        return type(a) is type(b) and all(_same(getattr(a, f, None), getattr(b, f, None)) for f in a._fields)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _children(node: ast.AST) -> list[ast.AST]:
    return list(ast.iter_child_nodes(node))


def _replace_child(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new
                    return


def _set_item(items: list, index: int, value: ast.AST) -> None:
    items[index] = value


def _swap(items: list, index: int) -> None:
    items[index], items[index + 1] = items[index + 1], items[index]


def _plus(node: ast.expr, op: type) -> ast.expr:
    return ast.BinOp(copy.deepcopy(node), op(), ast.Constant(1))


def _rename(func: ast.AST) -> None:
    if isinstance(func, ast.Name):
        func.id = EXTREMES[func.id]
    elif isinstance(func, ast.Attribute):
        func.attr = EXTREMES[func.attr]


def _number(value: int) -> ast.expr:
    """A number as the parser makes it: a negative one is `-` applied to a positive constant."""
    return ast.UnaryOp(ast.USub(), ast.Constant(-value)) if value < 0 else ast.Constant(value)


def _offset(node: ast.AST) -> bool:
    """An integer, or `x ± integer`: its constant's own mutants already move it by one."""
    return _is_int(node) or (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub))
                             and _is_int(node.right))


def _data(node: ast.AST | None) -> bool:
    """A literal list, tuple, set or dict of constants only (nested ones too): data, such as an answer, not logic."""
    if isinstance(node, ast.Dict):
        return all(_data(v) or _constant(v) for v in [*node.keys, *node.values] if v is not None)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_data(e) or _constant(e) for e in node.elts)
    return False


def _constant(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) or (isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant))


def _is_int(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

"""Tamper detection: ordinary learner code passes, patching and metadata changes are found, metadata is restored."""

from __future__ import annotations

import copy

import pytest

from course.notebooks import grade_id, is_solution, is_test, read_notebook
from course.proof.variants import load_variants
from course.sandbox.tamper import (
    execution_tag_findings,
    inspect_notebook,
    notebook_aliases,
    restore_metadata,
    scan_code,
)

ALIASES = {"np": "numpy", "pd": "pandas", "checks": "course.checks"}


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("np.allclose = lambda *a, **k: True", "replaces np.allclose"),
        ("checks.assert_close = print", "replaces checks.assert_close"),
        ("m = np\nm.isclose = None", "replaces m.isclose"),
        ("import builtins\nbuiltins.len = lambda x: 0", "replaces builtins.len"),
        ("setattr(__import__('builtins'), 'len', None)", "calls setattr()"),
        ("get_ipython().run_cell = None", "patches IPython"),
        ("f.__code__ = g.__code__", "assigns f.__code__"),
        ("np.__dict__['isclose'] = 1", "writes into np.__dict__"),
        ("import sys\nsys.modules['numpy'] = None", "writes into sys.modules"),
        ("import ctypes", "imports ctypes"),
        ("exec('x = 1')", "calls exec()"),
        ("import sys\nsys.setprofile(None)", "calls sys.setprofile()"),
        ("from sklearn import linear_model\nlinear_model.LogisticRegression.fit = None", "replaces linear_model"),
    ],
)
def test_tampering_code_is_found(code, reason):
    assert any(reason in found for found in scan_code(code, ALIASES)), scan_code(code, ALIASES)


@pytest.mark.parametrize(
    "code",
    [
        "pd.options.display.max_rows = 5",
        "self.weights = np.zeros(3)",
        "model = np.linalg\nresult = model.solve(A, b)",
        "import re\npattern = re.compile('a+')",
        "class Tree:\n    def __init__(self):\n        setattr(self, 'depth', 0)",
        "%matplotlib inline\nx = 1",
    ],
)
def test_ordinary_code_is_not_flagged(code):
    assert scan_code(code, ALIASES) == []


def test_no_reference_solution_or_wrong_variant_is_flagged(course):
    flagged = []
    for module in course.assignments():
        for path in course.source_notebooks(module):
            nb = read_notebook(path)
            aliases = notebook_aliases(nb)
            codes = [(c.id, c.source) for c in nb.cells if c.cell_type == "code" and is_solution(c)]
            codes += [(v.name, code) for v in load_variants(course, module, path.stem) for code in v.cells.values()]
            flagged += [
                f"{path.stem} {name}: {scan_code(code, aliases)}" for name, code in codes if scan_code(code, aliases)
            ]
    assert not flagged, "\n".join(flagged)


@pytest.fixture
def notebooks(course):
    module = course.assignments()[0]
    path = course.source_notebooks(module)[0]
    return path.stem, read_notebook(path), read_notebook(course.release_dir / module / path.name)


def test_an_untouched_release_has_no_findings(notebooks):
    name, source, release = notebooks
    assert inspect_notebook(name, source, release, copy.deepcopy(release)) == []


def test_edited_tests_and_changed_metadata_are_found_and_restored(notebooks):
    name, source, release = notebooks
    submitted = copy.deepcopy(release)
    tests = [c for c in submitted.cells if is_test(c)]
    tests[0].source = "pass"
    tests[1].metadata.nbgrader["points"] = 99
    tests[2].metadata.nbgrader["grade"] = False
    findings = inspect_notebook(name, source, release, submitted)
    reasons = {f.cell: f.reason for f in findings}
    assert reasons[grade_id(tests[0])] == "edited a read-only cell"
    assert "points" in reasons[grade_id(tests[1])] and "grade" in reasons[grade_id(tests[2])]
    assert all(f.tests for f in findings), "these findings cost the tests concerned their points"
    restored = restore_metadata(submitted, release)
    assert inspect_notebook(name, source, release, restored) == [], "metadata and read-only sources are restored"
    assert restored.cells[release.cells.index(next(c for c in release.cells if is_test(c)))].source == next(
        c for c in release.cells if is_test(c)).source


def test_tags_that_decide_execution_are_found_and_removed(notebooks):
    from nbformat.v4 import new_code_cell

    name, _source, release = notebooks
    submitted = copy.deepcopy(release)
    tests = [c for c in submitted.cells if is_test(c)]
    tests[0].metadata["tags"] = ["skip-execution"]
    tests[1].metadata["tags"] = ["raises-exception", "my-own-tag"]
    extra = new_code_cell("x = 1")
    extra.metadata = {"tags": ["skip-execution"], "nbgrader": {"grade": True, "grade_id": "fake", "points": 99}}
    submitted.cells.append(extra)
    submitted.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}
    findings = execution_tag_findings(name, submitted, release)
    assert {(f.cell, f.reason.split("tag ")[-1].rstrip(")")) for f in findings} >= {
        (tests[0].id, "skip-execution"), (tests[1].id, "raises-exception")}
    restored = restore_metadata(submitted, release)
    assert all("tags" not in c.metadata or c.metadata["tags"] == r.metadata.get("tags")
               for c, r in zip(restored.cells, release.cells, strict=False))
    assert restored.cells[-1].metadata == {}, "a cell the learner added keeps no metadata (no fake grade cell)"
    assert restored.metadata == release.metadata


def test_cells_are_parsed_with_the_collector_paused_and_its_state_restored():
    """The tamper scan parses cells in a process that has run notebooks: no collection (and no finalizer of a
    leftover asyncio task) may run while a syntax tree is built (CPython 3.11's recursion-depth SystemError)."""
    import gc

    from course.notebooks import parse_python

    source = "\n".join(f"x{i} = [{i}, ({i}, {{'k': {i}}})]" for i in range(300))
    seen = []
    gc.callbacks.append(lambda phase, info: seen.append(phase))
    try:
        threshold = gc.get_threshold()
        gc.set_threshold(1)  # a collection on nearly every allocation, unless the collector is paused
        try:
            tree = parse_python(source)
        finally:
            gc.set_threshold(*threshold)
    finally:
        gc.callbacks.pop()
    assert len(tree.body) == 300 and not seen, f"{len(seen)} collection events while parsing"
    assert gc.isenabled(), "the collector is enabled again after parsing"

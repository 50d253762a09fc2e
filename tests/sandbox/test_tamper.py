"""Tamper detection: ordinary learner code passes, patching and metadata changes are found, metadata is restored."""

from __future__ import annotations

import copy

import pytest

from course.notebooks import grade_id, is_solution, is_test, read_notebook
from course.proof.variants import load_variants
from course.sandbox.tamper import inspect_notebook, notebook_aliases, restore_metadata, scan_code

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
    left = inspect_notebook(name, source, release, restored)
    assert [f.reason for f in left] == ["edited a read-only cell"], "metadata is restored; edited text is not"

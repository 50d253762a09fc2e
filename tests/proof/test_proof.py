"""Every notebook of every module is proven (`course validate`): through the real grader, solution = full marks
and untouched release = 0; each wrong variant, replayed from the solution's prefix, fails exactly its declared
tests; the replay agrees with the grader on every learner graded both ways; at least two wrong variants per
exercise; feedback rendered for every failing test, and no hidden test text in the release or any feedback."""

from __future__ import annotations

import pytest

from course.layout import Course
from course.proof.validate import validate_assignment
from tests.conftest import ROOT

MODULES = Course(ROOT).assignments()


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
def test_module_is_proven(course, module):
    verdicts = validate_assignment(course, module, mutation=False)  # tests/proof/test_mutation.py checks mutants
    failed = [f"{v.notebook}: {v.check}: {v.detail}" for v in verdicts if not v.ok]
    assert verdicts, "validation produced no verdicts"
    assert not failed, "\n".join(failed)
    checks = {v.check for v in verdicts}
    assert "solution scores full marks" in checks and "untouched release scores 0" in checks
    assert any(c.startswith("variant ") for c in checks), "no wrong variants were run"
    assert any(c.startswith("replay agrees with the grader") for c in checks), "the replay was not checked"


@pytest.mark.integration
def test_the_proof_machinery_on_the_fixture_course(mini_template):
    """The proof itself, on the fixture course: every verdict kind is produced and passes."""
    verdicts = validate_assignment(mini_template, "01_alpha", workers=2)
    failed = [f"{v.notebook}: {v.check}: {v.detail}" for v in verdicts if not v.ok]
    assert not failed, "\n".join(failed)
    checks = {v.check for v in verdicts}
    for expected in ("solution scores full marks", "untouched release scores 0",
                     "untouched release says 'not attempted'", "release holds no hidden test text"):
        assert expected in checks, f"no verdict '{expected}'"
    assert any(c.startswith("variant ") for c in checks) and any(c.startswith("replay agrees") for c in checks)
    mutation = sorted(c for c in checks if c.startswith("mutation score"))
    assert mutation == [f"mutation score ≥ 90 % for Exercise {n}" for n in ("1.1", "1.2", "2.1")], mutation

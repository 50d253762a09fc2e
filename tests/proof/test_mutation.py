"""The mutation analysis run for real (`course validate --mutants`) on the fixture course: a weak test lets a
mutant survive and fails its exercise, declaring it equivalent passes it without running anything again, an
exception or a time-out kills a mutant; and CI's check of every module's cache."""

from __future__ import annotations

import os
from contextlib import redirect_stdout
from io import StringIO

import pytest

from course.cli import main
from course.layout import Course
from course.notebooks import read_notebook, write_notebook
from course.proof.mutation import assignment_mutants, check_mutants, load_cache
from tests.conftest import ROOT

pytestmark = pytest.mark.integration

WEAK_TEST = '''"""count_above() counts the values strictly above the threshold."""
checks.assert_equal(checks.run(count_above, [1, 5, 9], 4), 2, what="count_above([1, 5, 9], 4)")
### BEGIN HIDDEN TESTS
checks.assert_equal(checks.run(count_above, [0, 2, 7, 8], 6), 2, what="count_above on other values")
### END HIDDEN TESTS'''


@pytest.fixture(scope="module")
def weak(tmp_path_factory, mini_template):
    """The fixture course whose count_above test has no value equal to the threshold, after
    `course validate --mutants 02_beta`: (course, exit status, output)."""
    course = mini_template.copy_to(tmp_path_factory.mktemp("weak") / "course")
    path = course.source_dir / "02_beta" / "2_scores.ipynb"
    nb = read_notebook(path)
    next(c for c in nb.cells if c.get("id") == "test-count-above").source = WEAK_TEST
    write_notebook(nb, path)
    monkey = pytest.MonkeyPatch()
    monkey.setenv("COURSE_ROOT", str(course.root))
    monkey.setenv("COURSE_MUTANT_MIN_TIMEOUT", "2")  # endless loops cost 2 s, not 5 (every result reruns)
    out = StringIO()
    with redirect_stdout(out):
        code = main(["validate", "--mutants", "02_beta", "--workers", "2"])
    yield course, code, out.getvalue(), monkey
    monkey.undo()


def test_a_weak_test_lets_a_mutant_survive_and_its_exercise_fails(weak):
    course, code, out, _ = weak
    assert code == 1, out
    report = check_mutants(course, "02_beta")
    count = next(e for e in report.exercises if e.exercise.startswith("Exercise 2.2"))
    assert [m.description for m in count.surviving] == ["`>` → `>=`"]
    assert count.score < 0.9 and not count.ok
    survivor = count.surviving[0]
    assert f"{survivor.id}: `>` → `>=`" in out and "if value >= threshold)" in out, out
    assert "FAIL" in out and "02_beta: 3/4 exercises meet the mutation target" in out, out


def test_an_exception_or_a_time_out_kills_a_mutant(weak):
    course = weak[0]
    results = load_cache(course, "02_beta")["2_scores"]
    notebook = next(nb for nb in assignment_mutants(course, "02_beta")[0] if nb.notebook == "2_scores")
    described = {m.description: results[m.id] for m in notebook.mutants if m.cell in ("clip-scores", "digit-count")}
    unbound = described["`clipped = []` dropped"]
    assert unbound.killed and unbound.how == "error" and unbound.by == "test-clip-scores", unbound
    endless = described["`n //= 10` dropped"]
    assert endless.killed and endless.how == "time-out" and endless.by == "test-digit-count", endless


def test_declaring_the_survivor_equivalent_passes_without_running_again(weak, capsys):
    course, _, _, _ = weak
    report = check_mutants(course, "02_beta")
    survivor = next(m for e in report.exercises for m in e.surviving)
    variants = course.root / "tests" / "variants" / "02_beta" / "2_scores.py"
    declared = f'EQUIVALENT_MUTANTS = {{\n    "{survivor.id}": "the test data never hits the threshold",'
    variants.write_text(variants.read_text().replace("EQUIVALENT_MUTANTS = {", declared))
    code = main(["validate", "--mutants", "02_beta"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "mutants run now" not in out, "nothing changed that decides a result: nothing runs"
    count = next(e for e in check_mutants(course, "02_beta").exercises if e.exercise.startswith("Exercise 2.2"))
    assert count.ok and list(count.equivalent) == [survivor.id] and count.score == 1.0


MODULES = Course(ROOT).assignments()


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
def test_every_exercise_meets_the_mutation_target(course, module, monkeypatch):
    """CI: the committed MUTANTS.json of every module is current and every exercise kills ≥ 90 % of its
    non-equivalent mutants (nothing runs; `course validate --mutants MODULE` refreshes the cache)."""
    for name in [n for n in os.environ if n.startswith("COURSE_")]:
        monkeypatch.delenv(name)  # the course's own settings decide the results, not a test's overrides
    report = check_mutants(course, module)
    failed = [f"{e.notebook}: {e.exercise}: {e.summary()}" for e in report.exercises if not e.ok]
    failed += [f"{notebook}: {check}: {detail}" for notebook, check, detail in report.problems]
    if any(e.stale for e in report.exercises):
        failed.append(f"run `course validate --mutants {module}` and commit tests/variants/{module}/MUTANTS.json")
    assert not failed, "\n".join(failed)

"""Mutants of reference solutions (course.proof.mutants) and the mutation cache (course.proof.mutation), without
kernels: every kind of mutation, one change each inside the solution region, stable ids, the cap, and a cache that
goes stale exactly where the notebook changed."""

from __future__ import annotations

import ast
import json
import textwrap

import pytest

from course.errors import CourseError
from course.notebooks import read_notebook, solution_code, solution_region_lines, write_notebook
from course.proof.mutants import KINDS, mutants
from course.proof.mutation import TARGET, assignment_mutants, cache_path, check_mutants, load_cache
from course.proof.replay import graded_program
from course.proof.validate import mutation_verdicts
from course.proof.variants import Profile, Variant, learner_notebook

CELL = '''
def pick(xs, k, rng):
    """The docstring is the learner's stub."""
    ### BEGIN SOLUTION
    total = 0
    for i in range(1, len(xs)):
        if xs[i] < k and not xs[i] == 0:
            total += xs[i] * 2.5
    if total > 100:
        return None
    picks = rng.choice(xs, 3, replace=False)
    return max(total, min(picks)) if True else xs[1:k]
    ### END SOLUTION
'''


def made(source: str = CELL, cap: int = 0):
    source = textwrap.dedent(source).strip("\n")
    return solution_code(source), mutants("pick", solution_code(source), solution_region_lines(source), cap)


def test_every_kind_of_mutation_is_made():
    _, found = made()
    assert {m.kind for m in found} == set(KINDS), sorted({m.kind for m in found})
    described = {m.description for m in found}
    for expected in ("`<` → `<=`", "`>` → `>=`", "`==` → `!=`", "`and` → `or`", "`not` removed", "`min` → `max`",
                     "`max` → `min`", "`True` → `False`", "`replace=False` → `replace=True`", "`+=` → `-=`",
                     "`*` → `/`", "`2.5` → `5.0`", "`1` → `2`", "`1` → `0`", "`range` argument 2 - 1",
                     "slice upper bound + 1", "arguments 1 and 2 of `rng.choice` swapped", "`return None` dropped"):
        assert expected in described, f"no mutant {expected}: {sorted(described)}"


def test_each_mutant_is_one_change_that_parses_inside_the_solution_region():
    code, found = made()
    region = solution_region_lines(textwrap.dedent(CELL).strip("\n"))
    for mutant in found:
        ast.parse(mutant.code)
        assert mutant.code != code
        assert mutant.line in region, f"{mutant.description} on line {mutant.line}, outside the solution"
        if mutant.kind != "statement":
            assert [row[0] for row in mutant.diff] == ["-", "+"], mutant.diff
    lines = {m.line for m in found}
    assert 1 not in lines and 2 not in lines, "the signature and docstring are the learner's stub"


def test_a_functions_last_return_is_never_dropped_but_an_early_one_is():
    _, found = made()
    dropped = {m.description for m in found if m.kind == "statement"}
    assert "`return None` dropped" in dropped
    assert not any(d.startswith("`return max") for d in dropped), dropped


def test_ids_are_deterministic_and_survive_edits_elsewhere():
    _, first = made()
    _, again = made()
    assert [m.id for m in first] == [m.id for m in again]
    assert len({m.id for m in first}) == len(first), "mutant ids must be unique"
    edited = CELL.replace("    total = 0\n", "    total = 0\n    unused = 7\n")
    _, after = made(edited)
    kept = {(m.description, m.diff[0].split(":", 1)[1]): m.id for m in first}
    moved = {(m.description, m.diff[0].split(":", 1)[1]): m.id for m in after}
    assert {k: v for k, v in moved.items() if k in kept} == kept, "an unrelated line changed the ids"


def test_the_cap_keeps_a_sample_where_every_kind_takes_turns():
    _, found = made()
    _, capped = made(cap=len(KINDS))
    assert {m.kind for m in capped} == set(KINDS)
    order = [m.id for m in found]
    assert [m.id for m in capped] == [i for i in order if i in {m.id for m in capped}], "the sample keeps the order"
    assert len(made(cap=5)[1]) == 5


def test_elif_fstrings_negative_numbers_and_symmetric_calls():
    source = '''
    def f(x, xs):
        ### BEGIN SOLUTION
        if x > 1:
            y = xs[0]
        elif x < -1:
            y = max(x, 3)
        else:
            y = 2
        return f"{x + 1}", y
        ### END SOLUTION
    '''
    _, found = made(source)
    elif_drop = [m for m in found if m.description.startswith("`elif")]
    assert len(elif_drop) == 1 and "else:" in elif_drop[0].diff[-2] and "pass" in elif_drop[0].diff[-1]
    assert any("xs[-1]" in m.code for m in found), "0 → -1 must read as a negative index"
    assert not any("x - 1}" in m.code for m in found), "code inside an f-string is left alone"
    assert not any(m.kind == "arguments" and "max" in m.description for m in found), "max(a, b) is max(b, a)"


def test_answers_written_as_data_and_duplicate_bounds_are_left_alone():
    source = '''
    def f(xs, n):
        ### BEGIN SOLUTION
        EXAMPLE = (4, [(0, 1, 1), (2, 1, -2)], 0)
        return [xs[i] for i in range(n + 1)][: n - 1], (n, 3)
        ### END SOLUTION
    '''
    _, found = made(source)
    assert not any("EXAMPLE" in m.diff[0] and m.kind == "constant" for m in found), "data is an answer, not logic"
    assert not any(m.kind in ("range", "slice") for m in found), "n + 1 ± 1 is the same mutant as 1 → 2 or 1 → 0"
    assert {m.description for m in found if m.kind == "constant"} >= {"`1` → `2`", "`1` → `0`", "`3` → `4`"}


def test_a_mutant_program_is_the_solution_with_one_cell_replaced_as_a_wrong_variant_would(mini_template):
    notebook = assignment_mutants(mini_template, "01_alpha")[0][0]
    release = read_notebook(mini_template.release_dir / "01_alpha" / "1_sums.ipynb")
    source = read_notebook(mini_template.source_dir / "01_alpha" / "1_sums.ipynb")
    for mutant in notebook.mutants:
        variant = Variant(mutant.id, mutant.description, {mutant.cell: mutant.code})
        assert notebook.program_of(mutant) == graded_program(learner_notebook(release, source,
                                                                             Profile("all", variant)), source)


@pytest.mark.parametrize("assignment", ["01_alpha", "02_beta"])
def test_the_fixture_caches_are_current_and_meet_the_target(mini_template, assignment):
    """What CI checks for every assignment: nothing runs, the committed cache decides."""
    report = check_mutants(mini_template, assignment)
    assert report.exercises and report.ok, [(e.exercise, e.summary()) for e in report.exercises] + report.problems
    assert all(not e.stale and e.score >= TARGET for e in report.exercises)
    assert sum(len(e.mutants) for e in report.exercises) >= {"01_alpha": 3, "02_beta": 30}[assignment]


def edit_cell(course, notebook: str, cell_id: str, edit) -> None:
    path = course.source_dir / "02_beta" / f"{notebook}.ipynb"
    nb = read_notebook(path)
    for cell in nb.cells:
        if cell.get("id") == cell_id:
            cell.source = edit(cell.source)
    write_notebook(nb, path)


def exercise(report, number: str):
    return next(e for e in report.exercises if e.exercise.startswith(f"Exercise {number}:"))


def test_a_changed_test_makes_stale_only_the_results_it_could_change(mini_course):
    edit_cell(mini_course, "2_scores", "test-digit-count", lambda s: s.replace("(0, 1, 9, 10, 99, 100)", "(0, 1, 10)"))
    report = check_mutants(mini_course, "02_beta")
    assert exercise(report, "2.2").ok and not exercise(report, "2.2").stale, "killed before the change: still current"
    clip = exercise(report, "2.1")
    assert {m.id for m in clip.stale} == {"clip-scores@09ed3faf", "clip-scores@9136bf73"}, \
        "survivors ran the whole notebook: they are stale, the killed mutants are not"
    digits = exercise(report, "2.3")
    assert digits.stale == digits.mutants and not digits.ok
    failing = [v for v in mutation_verdicts(report) if not v.ok]
    assert {v.check for v in failing} == {f"mutation score ≥ 90 % for Exercise {n}" for n in ("2.1", "2.3")}
    assert all("run `course validate --mutants 02_beta`" in v.detail for v in failing), failing


def test_a_changed_data_file_makes_every_result_stale(mini_course):
    (mini_course.release_dir / "02_beta" / "scores.csv").write_text("score\n1\n")
    report = check_mutants(mini_course, "02_beta")
    assert all(e.stale == e.mutants for e in report.exercises)


def test_equivalent_mutants_are_checked(mini_course):
    variants = mini_course.root / "tests" / "variants" / "02_beta" / "2_scores.py"
    text = variants.read_text()
    killed = next(m for m, r in load_cache(mini_course, "02_beta")["2_scores"].items() if r.killed)
    variants.write_text(text.replace('EQUIVALENT_MUTANTS = {', 'EQUIVALENT_MUTANTS = {\n    "clip-scores@00000000": '
                                     f'"gone",\n    "{killed}": "not really",'))
    report = check_mutants(mini_course, "02_beta")
    problems = {check: detail for _, check, detail in report.problems}
    assert "clip-scores@00000000" in problems["declared equivalent mutants exist"]
    assert killed in problems["declared equivalent mutants survive"]
    assert not report.ok
    variants.write_text(text.replace('"a score equal to `high` becomes `high`: the same number either way"', '"  "'))
    with pytest.raises(CourseError, match="needs a reason"):
        check_mutants(mini_course, "02_beta")


def test_the_cache_holds_one_line_per_mutant_grouped_by_exercise(mini_template):
    text = cache_path(mini_template, "02_beta").read_text()
    data = json.loads(text)
    exercises = data["notebooks"]["2_scores"]
    assert list(exercises) == [e.exercise for e in check_mutants(mini_template, "02_beta").exercises
                               if e.notebook == "2_scores"]
    lines = [line for line in text.splitlines() if '"key"' in line]
    assert len(lines) == sum(len(records) for records in exercises.values())


def test_rerun_goes_with_mutants(capsys):
    from course.cli import main

    assert main(["validate", "--rerun", "01"]) == 2
    assert "--rerun goes with --mutants" in capsys.readouterr().err


def test_untested_cells_get_no_mutants_and_must_lie_outside_the_exercises(mini_course):
    variants = mini_course.root / "tests" / "variants" / "02_beta" / "2_scores.py"
    before = {m.cell for nb in assignment_mutants(mini_course, "02_beta")[0] for m in nb.mutants}
    assert "clip-scores" in before
    variants.write_text(variants.read_text() + '\nUNTESTED_CELLS = {"clip-scores": "pasted from elsewhere"}\n')
    notebooks = assignment_mutants(mini_course, "02_beta")[0]
    assert "clip-scores" not in {m.cell for nb in notebooks for m in nb.mutants}, "an untested cell got mutants"
    report = check_mutants(mini_course, "02_beta")
    problems = {check: detail for _, check, detail in report.problems}
    assert "clip-scores" in problems["declared untested cells are solution cells outside the exercises"], \
        "a graded exercise's cell cannot be declared untested"
    assert ("2_scores", "clip-scores", "pasted from elsewhere") in report.untested and not report.ok

"""The replay that proves wrong variants (course.proof.replay): nbgrader's scoring rule, isolation between forked
programs, time limits, dead processes, stderr, partial credit and the in-kernel guard."""

from __future__ import annotations

import json

import pytest
from nbformat.v4 import new_code_cell, new_output

from course.proof.harness import fork_point, score
from course.proof.replay import run_job
from course.proof.validate import composites
from course.proof.variants import Variant

pytestmark = pytest.mark.integration

IGNORE = r"^(Matplotlib is building the font cache)"


def nbgrader_score(outputs: list, points: float = 2.0) -> float | None:
    """What nbgrader itself gives a test cell with these outputs (after the course's IgnorePattern)."""
    from nbgrader.preprocessors import IgnorePattern
    from nbgrader.utils import determine_grade

    cell = new_code_cell("pass", metadata={"nbgrader": {"grade": True, "solution": False, "points": points,
                                                        "grade_id": "t", "locked": True}})
    cell.outputs = outputs
    IgnorePattern(pattern=IGNORE, enabled=True).preprocess_cell(cell, {}, 0)
    return determine_grade(cell)[0]


CASES = [
    ("no output", [], None, "", None),
    ("stdout only", [new_output("stream", name="stdout", text="hello\n")], None, "", None),
    ("error", [new_output("error", ename="AssertionError", evalue="x", traceback=[])], "AssertionError: x", "", None),
    ("stderr", [new_output("stream", name="stderr", text="careful\n")], None, "careful\n", None),
    ("ignored stderr", [new_output("stream", name="stderr", text="Matplotlib is building the font cache\n")],
     None, "Matplotlib is building the font cache\n", None),
    ("partial credit", [new_output("execute_result", data={"text/plain": "0.5"}, execution_count=1)],
     None, "", "0.5"),
    ("full as a number", [new_output("execute_result", data={"text/plain": "2"}, execution_count=1)], None, "", "2"),
    ("negative number", [new_output("execute_result", data={"text/plain": "-1"}, execution_count=1)],
     None, "", "-1"),
    ("not a number", [new_output("execute_result", data={"text/plain": "'ok'"}, execution_count=1)],
     None, "", "'ok'"),
    ("numpy scalar repr", [new_output("execute_result", data={"text/plain": "np.float64(0.5)"}, execution_count=1)],
     None, "", "np.float64(0.5)"),
]


@pytest.mark.parametrize(("outputs", "error", "stderr", "result"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_score_is_nbgraders_rule(outputs, error, stderr, result):
    got, message = score(2.0, error, stderr, result, IGNORE)
    assert got == nbgrader_score(outputs), f"replay scores {got}, nbgrader {nbgrader_score(outputs)}"
    assert bool(message) == (got < 2.0), f"a lost point needs a message (got {message!r})"


def test_partial_credit_above_the_points_is_a_grader_error_in_both():
    with pytest.raises(ValueError):
        nbgrader_score([new_output("execute_result", data={"text/plain": "3"}, execution_count=1)])
    got, message = score(2.0, None, "", "3", IGNORE)
    assert got == 0.0 and "grader error" in message


def test_fork_point_is_the_first_difference():
    reference = [("a", None, 0.0), ("b", "t", 1.0), ("c", None, 0.0)]
    assert fork_point(reference, list(reference)) == 3
    assert fork_point(reference, [("a", None, 0.0), ("B", "t", 1.0), ("c", None, 0.0)]) == 1
    assert fork_point(reference, reference[:2]) == 2
    assert fork_point(reference, [*reference, ("d", None, 0.0)]) == 3


REFERENCE = [
    ["import numpy\nx = [1, 2, 3]", None, 0],
    ["assert sum(x) == 6, 'x was changed before this cell'", "test-before", 1],
    ["def f():\n    return len(x)", None, 0],
    ["assert f() == 3, f'f() should be 3, got {f()}'", "test-f", 2],
    ["assert numpy.mean([1, 3]) == 2, 'numpy.mean is broken'", "test-numpy", 1],
]


def variant(cell: str, test_f: str | None = None) -> list[list]:
    program = [list(c) for c in REFERENCE]
    program[2][0] = cell
    if test_f is not None:
        program[3][0] = test_f
    return program


PROGRAMS = {
    "reference": REFERENCE,
    "untouched": variant("raise NotImplementedError()"),
    "mutates": variant("x.append(4)\ndef f():\n    return len(x)"),
    "sibling": variant("def f():\n    return len(x) + 0"),
    "slow": variant("def f():\n    return 3", "import time\ntime.sleep(30)"),
    "stubborn": variant("import time\nwhile True:\n    try:\n        time.sleep(30)\n    except KeyboardInterrupt:\n"
                        "        pass"),
    "dies": variant("import os\nos._exit(7)"),
    "stderr": variant("def f():\n    return 3", "import sys\nprint('oops', file=sys.stderr)"),
    "ignored-stderr": variant("def f():\n    return 3",
                              "import sys\nprint('Matplotlib is building the font cache', file=sys.stderr)"),
    "partial": variant("def f():\n    return 3", "0.5"),
    "tamper": variant("numpy.mean = lambda *args, **kwargs: 2\ndef f():\n    return 3"),
}


TIMEOUT = 3.0  # the endless programs cost this much; an ordinary cell needs far less, even on a loaded machine


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    root = tmp_path_factory.mktemp("replay")
    (root / "work").mkdir()
    outcomes, failures = run_job(root, {"nb": PROGRAMS}, {"nb": root / "work"}, "reference", timeout=TIMEOUT,
                                 ignore=IGNORE, jobs=2)
    assert not failures, f"the replay failed: {failures}"
    return outcomes["nb"]


def failed(replayed, name: str) -> set[str]:
    return replayed[name].failed


def test_reference_passes_and_is_scored(replayed):
    outcome = replayed["reference"]
    assert outcome.failed == set() and outcome.score == outcome.max_score == 4.0, outcome.tests


def test_forked_programs_do_not_share_state(replayed):
    assert failed(replayed, "mutates") == {"test-f"}, replayed["mutates"].tests
    assert failed(replayed, "sibling") == set(), "a sibling saw the state another forked program changed"
    assert "got 4" in replayed["mutates"].message("test-f")


def test_untouched_code_fails_its_tests_with_a_message(replayed):
    assert failed(replayed, "untouched") == {"test-f"}
    assert "NameError" in replayed["untouched"].message("test-f")


def test_time_limit_interrupts_the_cell(replayed):
    assert failed(replayed, "slow") == {"test-f"}, replayed["slow"].tests
    assert "past the time limit" in replayed["slow"].message("test-f")


def test_a_cell_that_ignores_the_interrupt_stops_its_program(replayed):
    outcome = replayed["stubborn"]
    assert outcome.failed == {"test-f", "test-numpy"}, outcome.tests
    assert "ignored the interrupt" in outcome.message("test-numpy")
    assert outcome.tests["test-before"][0] == 1.0, "tests before the fork keep the reference's result"


def test_a_program_that_kills_its_process_scores_zero_from_there(replayed):
    outcome = replayed["dies"]
    assert outcome.failed == {"test-f", "test-numpy"}, outcome.tests
    assert "exit status 7" in outcome.message("test-f")


def test_stderr_scores_zero_unless_ignored(replayed):
    assert failed(replayed, "stderr") == {"test-f"}
    assert "wrote to stderr" in replayed["stderr"].message("test-f")
    assert failed(replayed, "ignored-stderr") == set()


def test_a_program_may_import_matplotlib_and_plot(tmp_path):
    """The replay runs with the grading kernels' inline backend (a wrong MPLBACKEND fails every import)."""
    (tmp_path / "work").mkdir()
    plots = variant("import matplotlib.pyplot as plt\nplt.plot([1, 2])\ndef f():\n    return 3")
    outcomes, failures = run_job(tmp_path, {"nb": {"reference": REFERENCE, "plots": plots}}, {"nb": tmp_path / "work"},
                                 "reference", timeout=60.0, ignore=IGNORE)
    assert not failures and outcomes["nb"]["plots"].failed == set(), (failures, outcomes["nb"]["plots"].tests)


def test_partial_credit(replayed):
    assert replayed["partial"].tests["test-f"][:2] == (0.5, 2.0)


def test_guard_catches_replaced_library_functions(replayed):
    outcome = replayed["tamper"]
    assert "test-numpy" in outcome.failed, outcome.tests
    assert "TamperingDetected" in outcome.message("test-numpy")


def test_composites_merge_disjoint_variants_to_cover_every_failure():
    variants = [
        Variant("a", "", {"c1": "x"}, frozenset({"t1", "t2"})),
        Variant("b", "", {"c1": "y"}, frozenset({"t1"})),
        Variant("c", "", {"c2": "z"}, frozenset({"t3"})),
        Variant("d", "", {"c3": "w"}, frozenset({"t4"})),
        Variant("e", "", {"c3": "v"}, frozenset({"t5"})),
    ]
    merged = composites(variants)
    assert set().union(*(m.fails for m in merged)) == {"t1", "t2", "t3", "t4", "t5"}
    assert len(merged) == 2, [m.why for m in merged]
    assert merged[0].cells == {"c1": "x", "c2": "z", "c3": "w"}, "the first composite takes one variant per cell"
    assert composites([]) == []


def test_a_disagreement_between_replay_and_grader_fails_the_proof():
    from course.grading.results import SubmissionResult, TestResult
    from course.proof.replay import Replayed
    from course.proof.validate import SOLUTION, agreement_verdicts

    graded = SubmissionResult(SOLUTION, "m", [TestResult("nb", "t1", False, 1.0, 1.0),
                                              TestResult("nb", "t2", False, 0.0, 1.0, "AssertionError: boom")])
    agree = {"nb": {SOLUTION: Replayed(SOLUTION, {"t1": (1.0, 1.0, ""), "t2": (0.0, 1.0, "boom")})}}
    differ = {"nb": {SOLUTION: Replayed(SOLUTION, {"t1": (1.0, 1.0, ""), "t2": (1.0, 1.0, "")})}}
    (same,) = agreement_verdicts("m", ["nb"], agree, {SOLUTION: graded}, {})
    (other,) = agreement_verdicts("m", ["nb"], differ, {SOLUTION: graded}, {})
    assert same.ok, same.detail
    assert not other.ok and "t2 fails only in the grader" in other.detail, other.detail


MUTATION = {
    "reference": REFERENCE,
    "loses-early": variant("def f():\n    return 4", "assert f() == 3, 'f() should be 3'"),
    "slower-than-the-reference": variant("import time\ndef f():\n    time.sleep(12)\n    return 3"),
    "allocates": variant("def f():\n    return len(bytearray(3 * 2**30))"),
}


@pytest.fixture(scope="module")
def mutation_replay(tmp_path_factory):
    """The mutation analysis's options: probe the reference, time limits relative to it, stop at the first lost
    point, rlimits in every forked program."""
    root = tmp_path_factory.mktemp("mutation-replay")
    (root / "work").mkdir()
    options = {"probe": True, "stop_at_loss": True, "time_factor": 10, "min_timeout": 5,
               "limits": {"memory_bytes": 2 * 2**30}}
    outcomes, failures = run_job(root, {"nb": MUTATION}, {"nb": root / "work"}, "reference", timeout=60.0,
                                 ignore=IGNORE, jobs=2, options=options)
    assert not failures, f"the replay failed: {failures}"
    return outcomes["nb"], root / "results" / "nb"


def test_a_program_stops_at_its_first_lost_point(mutation_replay):
    outcomes, folder = mutation_replay
    rows = (folder / "loses-early.jsonl").read_text().splitlines()
    assert [json.loads(r)["test"] for r in rows] == ["test-before", "test-f"], "test-numpy ran after the loss"
    assert outcomes["loses-early"].tests["test-f"][0] == 0.0
    assert outcomes["reference"].failed == set()


def test_a_cell_gets_a_time_limit_relative_to_the_reference(mutation_replay):
    outcomes, folder = mutation_replay
    probe = json.loads((folder / "probe.json").read_text())
    assert len(probe) == len(REFERENCE) and probe[3]["score"] == 2.0
    assert "past the time limit of 5 s" in outcomes["slower-than-the-reference"].message("test-f"), \
        "the reference's test takes milliseconds: 5 s (the floor) is the limit, not the 60 s of the course"


def test_forked_programs_get_the_memory_limit(mutation_replay):
    outcomes, _ = mutation_replay
    assert "MemoryError" in outcomes["allocates"].message("test-f"), outcomes["allocates"].tests

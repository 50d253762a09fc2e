"""The test kernel's runner and the learner's `serve_cell` over a real Unix socket (course.isolation.runner, .agent):
cells share one namespace, a learner's global arrives as data and a function as a handle, `checks.run` keeps its
meanings (not attempted, from scratch), a failure's traceback starts in the cell, and nothing a trusted cell
defines or computes reaches the learner's namespace."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator

import numpy as np
import pytest

from course.checks import CheckFailure, NotAttempted
from course.isolation import agent, runner
from course.isolation.trusted import CallableHandle

LEARNER = '''
import numpy as np

RATE = 0.25

def scale(values, factor=2.0):
    return np.asarray(values) * factor

def todo(x):
    raise NotImplementedError()

def uses_sklearn(X):
    from sklearn.preprocessing import StandardScaler
    return StandardScaler().fit_transform(X)

SEEN = []

def apply_each(f, items):
    return [f(x) for x in items]

def draw(rng, n):
    return rng.random(n)

def plot(values, fake=False):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    if fake:
        class Figure:  # a look-alike: not a matplotlib Figure, so it stays a handle
            axes = []
        return Figure()
    fig, ax = plt.subplots()
    ax.bar(["a", "b", "c"], values, label="bars")
    ax.plot([0, 1, 2], [1.0, 2.0, 3.0], label="trend")
    ax.imshow(np.eye(2))
    ax.text(0.5, 1.5, "note")
    ax.set_title("Counts")
    ax.set_xlabel("letter")
    ax.legend()
    return fig

def nosy(x):
    import sys
    frame = sys._getframe(1)
    while frame is not None:
        SEEN.append(sorted(frame.f_globals))
        frame = frame.f_back
    return x
'''


class LearnerSide:
    """The learner's kernel stand-in: a namespace and a thread that serves each trusted cell."""

    def __init__(self, path: str) -> None:
        self.namespace: dict = {"__name__": "__main__"}
        exec(LEARNER, self.namespace)
        self.path = path
        self.errors: list[BaseException] = []

    def serve(self) -> threading.Thread:
        def target() -> None:
            try:
                agent.serve_cell(self.path, self.namespace)
            except BaseException as exc:
                self.errors.append(exc)

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        return thread


@pytest.fixture
def session(tmp_path, monkeypatch) -> Iterator[tuple[LearnerSide, callable]]:
    monkeypatch.setattr(runner, "SESSION", runner.Session())
    monkeypatch.setattr(agent, "_CELLS", {})
    path = str(tmp_path / "channel")
    runner.listen(path)
    learner = LearnerSide(path)

    def run(source: str, name: str = "<test cell 1>"):
        thread = learner.serve()
        try:
            return runner.run_cell(source, name, timeout=20)
        finally:
            thread.join(10)
            assert not thread.is_alive(), "the learner's side went on serving after the cell ended"

    yield learner, run
    for side in runner.SESSION.sides.values():
        side.close()


def test_cells_share_a_namespace_and_see_the_learners_globals_as_data(session):
    learner, run = session
    run("import numpy as np\nfrom course import checks\nSECRET_ = np.arange(3.0)")
    assert run("float(RATE * 4)") == 1.0, "a learner's constant arrives as data"
    got = run("checks.run(scale, SECRET_, factor=3.0)")
    assert isinstance(got, np.ndarray) and got.tolist() == [0.0, 3.0, 6.0], f"a call's result arrives as data: {got!r}"
    assert isinstance(run("scale"), CallableHandle), "a learner's function is a handle, never the function itself"
    assert run("def twice_(x):\n    return checks.run(scale, x)\ntwice_([1.0]).tolist()") == [2.0], (
        "a function a trusted cell defines sees the cell's globals")
    assert not learner.errors, learner.errors


def test_checks_run_keeps_its_meanings_across_the_channel(session):
    _, run = session
    run("from course import checks")
    with pytest.raises(NotAttempted, match="not attempted yet"):
        run("checks.run(todo, 1)")
    with pytest.raises(CheckFailure, match=r"uses_sklearn\(\) calls sklearn.*written from scratch"):
        run("checks.run(uses_sklearn, [[1.0], [2.0]], forbid=('sklearn',))")


def test_a_failure_is_reported_from_the_cell_itself(session):
    _, run = session
    with pytest.raises(AssertionError) as raised:
        run("x_ = 1\nassert x_ == 2, 'one is not two'", "<test cell 7>")
    frames = traceback.extract_tb(raised.value.__traceback__)
    cell_frames = [f for f in frames if f.filename == "<test cell 7>"]
    assert cell_frames and cell_frames[-1].line == "assert x_ == 2, 'one is not two'", (
        f"the traceback shows the cell's failing line: {frames}")


def test_nothing_of_a_trusted_cell_reaches_the_learner(session):
    learner, run = session
    run("from course import checks\nHIDDEN_EXPECTED_ = 'hidden-4242'\nchecks.run(nosy, 3)")
    names = {name for frames in learner.namespace["SEEN"] for name in frames}
    assert "HIDDEN_EXPECTED_" not in names and "checks" not in names, (
        f"the learner's frames must hold none of the test's globals: {sorted(names)[:40]}")
    assert "HIDDEN_EXPECTED_" not in learner.namespace and "checks" not in learner.namespace, (
        "a trusted cell's names stay in the test kernel")


def test_a_learner_that_does_not_serve_fails_the_cell_in_bounded_time(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "SESSION", runner.Session())
    monkeypatch.setattr(runner, "ACCEPT_SECONDS", 0.5)
    runner.listen(str(tmp_path / "channel"))
    try:
        with pytest.raises(Exception, match="did not connect"):
            runner.run_cell("RATE", "<test cell 1>", timeout=5)
    finally:
        for side in runner.SESSION.sides.values():
            side.close()


def test_a_figure_crosses_as_a_description_and_is_redrawn_here(session):
    _, run = session
    run("import numpy as np\nfrom course import checks\nfrom matplotlib.figure import Figure")
    summary = run("""
fig_ = checks.run(plot, [3.0, 1.0, 2.0])
ax_ = fig_.axes[0]
(isinstance(fig_, Figure), ax_.get_title(), ax_.get_xlabel(), [p_.get_height() for p_ in ax_.containers[0]],
 [t_.get_text() for t_ in ax_.get_xticklabels()], list(ax_.lines[0].get_ydata()), ax_.images[0].get_array().tolist(),
 [t_.get_text() for t_ in ax_.texts], [t_.get_text() for t_ in ax_.get_legend().get_texts()])
""")
    assert summary == (True, "Counts", "letter", [3.0, 1.0, 2.0], ["a", "b", "c"], [1.0, 2.0, 3.0],
                       [[1.0, 0.0], [0.0, 1.0]], ["note"], ["trend", "bars"]), summary
    assert run("isinstance(checks.run(plot, [1.0, 1.0, 1.0], fake=True), Figure)") is False, (
        "a look-alike of a Figure is not drawn: it stays the learner's object, a handle")


def test_a_test_function_is_called_back_and_a_generator_moves_on(session):
    _, run = session
    run("import numpy as np\nfrom course import checks")
    assert run("calls_ = []\n"
               "def square_(x):\n    calls_.append(x)\n    return x * x\n"
               "(checks.run(apply_each, square_, [1, 2, 3]), calls_)") == ([1, 4, 9], [1, 2, 3]), (
        "the learner's code calls the test's function back; it runs in the test kernel, with its own state")
    with pytest.raises(ValueError, match="no negatives"):
        run("def refuse_(x):\n    raise ValueError('no negatives')\nchecks.run(apply_each, refuse_, [-1])")
    got = run("rng_ = np.random.default_rng(7)\nfirst_ = checks.run(draw, rng_, 3)\n"
              "ref_ = np.random.default_rng(7)\n"
              "(np.allclose(first_, ref_.random(3)), np.allclose(rng_.random(2), ref_.random(2)))")
    assert got == (True, True), "the learner draws from the test's generator, and the test's generator moves on"

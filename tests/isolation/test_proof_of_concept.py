"""Proof of concept: tests in a trusted process, the learner's code in its own process, a plain-data channel between.

The same learner code and the same test cells are graded two ways, each in fresh processes:

- together: today's design (without its tripwires): the learner's cells, then the test cells, in one namespace;
- isolated: the learner's cells in a learner's process (tests/isolation/learner_process.py) that serves the agent;
  the setup cell and the test cells in this trusted process, in a LearnerNamespace; hidden expected values are
  computed here only.

Attacks that win together (rebinding `checks`, reading the hidden expected value from globals or calling frames,
reading the hidden test source from the history, an `__eq__` that always says True, `__class__` faking an
ndarray, patching numpy) earn nothing isolated, while an honest learner keeps every point; a forged agent, a
learner's process that dies, loops forever or floods the channel only fails its own tests, with a clear error.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest

from course.isolation.channel import Endpoint
from course.isolation.trusted import Learner, LearnerNamespace
from course.isolation.wire import ChannelError
from tests.conftest import ROOT

pytestmark = pytest.mark.integration

LIMIT = 16 * 2**20

SETUP = textwrap.dedent('''
    import numpy as np

    from course import checks
''')

TESTS = {name: textwrap.dedent(cell) for name, cell in {
    "mse-close": '''
        rng_ = np.random.default_rng(4242)
        for _ in range(5):
            a_, b_ = rng_.normal(size=50), rng_.normal(size=50)
            expected_ = float(np.mean((a_ - b_) ** 2))
            checks.assert_close(checks.run(mean_squared_error, a_, b_), expected_, what="mse")
    ''',
    "mse-exact": '''
        y_ = np.random.default_rng(77).integers(0, 5, size=20)
        expected_ = float(np.mean((y_ - y_[::-1]) ** 2))
        result_ = checks.run(mean_squared_error, y_, y_[::-1])
        assert result_ == expected_, "the mean squared error of integer labels"
    ''',
    "squared-errors": '''
        a_, b_ = np.random.default_rng(9).normal(size=(2, 30))
        expected_ = (a_ - b_) ** 2
        got_ = checks.run(squared_errors, a_, b_)
        assert isinstance(got_, np.ndarray) and np.allclose(got_, expected_), "squared errors, item by item"
    ''',
    "reverse-in-place": '''
        class Node_:
            __slots__ = ("val", "next")

            def __init__(self, val_, next_=None):
                self.val, self.next = val_, next_

        nodes_ = [Node_(v_) for v_ in range(300)]
        for left_, right_ in zip(nodes_, nodes_[1:]):
            left_.next = right_
        got_ = checks.run(reverse_list, nodes_[0])
        walked_ = []
        while got_ is not None and len(walked_) <= len(nodes_):
            walked_.append(got_)
            got_ = got_.next
        assert [id(n_) for n_ in walked_] == [id(n_) for n_ in reversed(nodes_)], "the same nodes, reversed"
    ''',
}.items()}

HONEST = '''
def mean_squared_error(y_true, y_pred):
    return float(np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2))

def squared_errors(y_true, y_pred):
    return (np.asarray(y_true) - np.asarray(y_pred)) ** 2

def reverse_list(head):
    previous = None
    while head is not None:
        head.next, previous, head = previous, head, head.next
    return previous
'''

STUBS = '''
def mean_squared_error(y_true, y_pred):
    raise NotImplementedError()

def squared_errors(y_true, y_pred):
    raise NotImplementedError()

def reverse_list(head):
    raise NotImplementedError()
'''

FIND = '''
import sys as _sys

def _find(name):
    """A value named `name` in any calling frame: where today's tests keep their expected values."""
    frame = _sys._getframe(1)
    while frame is not None:
        for scope in (frame.f_locals, frame.f_globals):
            if name in scope:
                return scope[name]
        frame = frame.f_back
    return None
'''

ATTACKS = {
    "globals": '''
        def mean_squared_error(y_true, y_pred):
            return globals().get("expected_", 0.0)
    ''',
    "calling frames": FIND + textwrap.dedent('''
        def mean_squared_error(y_true, y_pred):
            return _find("expected_")

        def squared_errors(y_true, y_pred):
            return _find("expected_")
    '''),
    "rebinding checks": '''
        class _Lenient:
            def __getattr__(self, name):
                return lambda *args, **kwargs: None

        checks = _Lenient()
    ''',
    "always equal": '''
        class _Yes:
            def __eq__(self, other):
                return True

        def mean_squared_error(y_true, y_pred):
            return _Yes()
    ''',
    "__class__ faking ndarray": FIND + textwrap.dedent('''
        import numpy as _np

        class _FakeArray:
            @property
            def __class__(self):
                return _np.ndarray

            def __array__(self, dtype=None, copy=None):
                return _np.asarray(_find("expected_"))

        def squared_errors(y_true, y_pred):
            return _FakeArray()
    '''),
    "patching numpy": '''
        np.allclose = lambda *args, **kwargs: True

        def squared_errors(y_true, y_pred):
            return np.zeros(1)
    ''',
    "history": '''
        LEAKED = []

        def mean_squared_error(y_true, y_pred):
            LEAKED.append(In[-1])
            return 0.0
    ''',
    "forged agent (object pointer)": '''
        import struct as _struct
        import course.isolation.agent as _agent

        def _forged(self, header, buffers):
            return {"ok": {"o": 1}, "table": [[1, "nd", {"dt": "|O", "sh": [1], "b": 0}]]}, [_struct.pack("<Q", 64)]

        _agent.Agent.__call__ = _forged
    ''',
    "forged agent (class to import)": '''
        import course.isolation.agent as _agent

        def _forged(self, header, buffers):
            return {"ok": {"py/reduce": ["os.system", ["echo LEAKED"]], "class": "builtins.eval"}, "table": []}, []

        _agent.Agent.__call__ = _forged
    ''',
}


def learner_cells(attack: str) -> list[str]:
    return [SETUP, textwrap.dedent(STUBS), textwrap.dedent(attack)]


@contextmanager
def learner_process(cells: list[str], timeout: float = 60) -> Iterator[Learner]:
    """A learner's process running `cells` and serving the agent; the trusted side's Learner for it."""
    ours, theirs = socket.socketpair()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.isolation.learner_process", "serve", str(theirs.fileno()), str(LIMIT)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        pass_fds=(theirs.fileno(),))
    theirs.close()
    process.stdin.write(json.dumps({"cells": cells}).encode())
    process.stdin.close()
    endpoint = Endpoint(ours, peer="the learner's process", limit=LIMIT, timeout=timeout)
    try:
        yield Learner(endpoint)
    finally:
        with suppress(ChannelError):
            endpoint.notify({"bye": True})
        endpoint.close()
        try:
            process.wait(3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def grade_isolated(cells: list[str]) -> tuple[dict[str, bool], list[str]]:
    """Which tests pass with the learner's cells in their own process and the tests here; what LEAKED holds."""
    with learner_process(cells) as learner:
        namespace = LearnerNamespace(learner, {"__name__": "__main__"})
        exec(compile(SETUP, "<setup>", "exec"), namespace)
        passed = {}
        for name, cell in TESTS.items():
            namespace.refresh()
            try:
                exec(compile(cell, f"<test {name}>", "exec"), namespace)
                passed[name] = True
            except Exception:
                passed[name] = False
        try:
            leaked = learner.get("LEAKED")
        except (NameError, ChannelError):
            leaked = []
        return passed, [str(x) for x in leaked] if type(leaked) is list else []


def grade_together(cells: list[str]) -> tuple[dict[str, bool], list[str]]:
    """Which tests pass with the learner's cells and the tests in one namespace (today's design, no tripwires)."""
    done = subprocess.run([sys.executable, "-m", "tests.isolation.learner_process", "together"], cwd=ROOT,
                          input=json.dumps({"cells": cells, "tests": TESTS}), capture_output=True, text=True,
                          timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["passed"], result["leaked"]


def test_an_honest_learner_keeps_every_point_both_ways():
    cells = [SETUP, textwrap.dedent(HONEST)]
    assert grade_together(cells)[0] == dict.fromkeys(TESTS, True)
    assert grade_isolated(cells)[0] == dict.fromkeys(TESTS, True)


WIN_TOGETHER = {"globals": {"mse-close", "mse-exact"}, "calling frames": {"mse-close", "mse-exact", "squared-errors"},
                "rebinding checks": {"mse-close"}, "always equal": {"mse-exact"},
                "__class__ faking ndarray": {"squared-errors"}, "patching numpy": {"squared-errors"}}


@pytest.mark.parametrize("attack", list(WIN_TOGETHER))
def test_attacks_that_win_in_one_process_earn_nothing_isolated(attack):
    cells = learner_cells(ATTACKS[attack])
    together, _ = grade_together(cells)
    assert {name for name, ok in together.items() if ok} == WIN_TOGETHER[attack]
    isolated, _ = grade_isolated(cells)
    assert isolated == dict.fromkeys(TESTS, False)


def test_the_hidden_test_source_is_in_todays_history_and_never_in_the_learners_process():
    cells = learner_cells(ATTACKS["history"])
    _, leaked = grade_together(cells)
    assert any("default_rng(4242)" in text for text in leaked)
    isolated, leaked = grade_isolated(cells)
    assert leaked and not any("4242" in text or "expected_" in text for text in leaked)
    assert isolated == dict.fromkeys(TESTS, False)


@pytest.mark.parametrize("attack", ["forged agent (object pointer)", "forged agent (class to import)"])
def test_a_forged_agent_earns_nothing(attack):
    isolated, _ = grade_isolated(learner_cells(ATTACKS[attack]))
    assert isolated == dict.fromkeys(TESTS, False)
    with learner_process(learner_cells(ATTACKS[attack])) as learner, pytest.raises(ChannelError):
        learner.get("mean_squared_error")


def test_a_learners_process_that_dies_loops_or_floods_fails_cleanly():
    cells = [SETUP, textwrap.dedent('''
        import os

        def dies():
            os._exit(3)

        def loops():
            while True:
                pass

        def floods():
            return np.zeros(10**7)

        def fine(x):
            return x + 1
    ''')]
    with learner_process(cells) as learner:
        with pytest.raises(ChannelError, match=r"refused|could not answer"):
            learner.get("floods")()
        assert learner.get("fine")(1) == 2
        with pytest.raises(ChannelError, match="exited or died"):
            learner.get("dies")()
    with learner_process(cells, timeout=2) as learner:
        fine, loops = learner.get("fine"), learner.get("loops")
        with pytest.raises(ChannelError, match="did not answer within 2 s"):
            loops()
        with pytest.raises(ChannelError, match="broken"):
            fine(1)

"""The trusted side and the learner's agent through a loopback (course.isolation.trusted, .agent): globals as data,
functions as handles, calls with data in and out, in-place changes and identity of the test's own objects, and
every hostile object a clean error or an opaque handle. The learner's objects live in this process too, so the
recorded calls prove that the trusted side never ran a method the learner defined."""

from __future__ import annotations

import functools
import itertools
import json
import textwrap
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest

from course import checks
from course.checks import CheckFailure
from course.isolation.agent import Agent
from course.isolation.channel import Loopback
from course.isolation.trusted import CallableHandle, Handle, Learner, LearnerError, LearnerNamespace
from course.isolation.wire import ChannelError

LEARNER = '''
import numpy as np
import pandas as pd

CALLS = []
RATE = 0.25
TABLE = pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})

def add(a, b=10):
    return a + b

def describe(frame):
    return frame.describe()

def sort_in_place(items):
    items.sort()

def scale_in_place(array, factor):
    array *= factor

def clean_in_place(frame, series):
    frame["age"] = frame["age"].fillna(0.0)
    frame.index = frame.index * 10
    frame["flag"] = True
    series.fillna(-1, inplace=True)
    series.name = "renamed"
    return frame.shape[0]

def look_only(frame, series):
    return float(frame["age"].sum()) + float(series.sum())

def reverse_list(head):
    previous = None
    while head is not None:
        head.next, previous, head = previous, head, head.next
    return previous

def copy_list(head):
    """A wrong answer for the identity tests: new nodes of the learner's own class."""
    class Node:
        def __init__(self, val, next=None):
            self.val, self.next = val, next
    values = []
    while head is not None:
        values.append(head.val)
        head = head.next
    new = None
    for value in reversed(values):
        new = Node(value, new)
    return new

def fit_in_place(model, X, y):
    model.fit(X, y)
    return y.size

def write_table(rows, path):
    import os
    import tempfile

    folder = os.path.dirname(str(path))
    handle, temporary = tempfile.mkstemp(dir=folder)
    with os.fdopen(handle, "w") as out:
        out.write("\\n".join(str(r) for r in rows))
    os.replace(temporary, path)
    return path

def serve_one(model, rows):
    import threading

    answers = []

    def handle():  # in a thread of its own, as a server's handler would
        try:
            answers.append(model.predict(rows))
        except KeyError:
            pass

    worker = threading.Thread(target=handle)
    worker.start()
    worker.join()
    try:
        model.predict_proba(rows)
    except KeyError as exc:
        return answers, f"500 {exc}"
    return answers, "200"

def make_pipeline_model(C):
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    class Doubler(BaseEstimator, TransformerMixin):
        def fit(self, X, y=None):
            return self

        def transform(self, X):
            return X * 2

    globals()["Doubler"] = Doubler
    return Pipeline([("double", Doubler()), ("model", LogisticRegression(C=C))])

def total(values):
    return sum(add(v, 0) for v in values)

def apply(f, x):
    return f(x)

def todo(x):
    raise NotImplementedError()

def fails(x):
    raise ValueError(f"bad input {x}")

class MyKeyError(KeyError):
    pass

def custom_error():
    raise MyKeyError("missing")

def exits():
    raise SystemExit(3)

class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no")

def unprintable():
    raise Unprintable()

class LRU:
    def __init__(self, capacity):
        self.capacity, self.items = capacity, {}
    def put(self, key, value):
        self.items.pop(key, None)
        self.items[key] = value
        if sum(1 for _ in self.items) > self.capacity:  # this learner's len() is broken (below)
            self.items.pop(next(iter(self.items)))
    def get(self, key):
        return self.items.get(key, -1)

class Hostile:
    """Everything a test might touch on a result records the call (and lies)."""
    def __eq__(self, other):
        CALLS.append("__eq__"); return True
    def __ne__(self, other):
        CALLS.append("__ne__"); return False
    __hash__ = object.__hash__
    def __array__(self, *args, **kwargs):
        CALLS.append("__array__"); return np.arange(3)
    @property
    def __class__(self):
        CALLS.append("__class__"); return np.ndarray
    @property
    def __array_interface__(self):
        CALLS.append("__array_interface__"); return {"shape": (3,), "typestr": "<f8", "data": (0, False)}
    def __len__(self):
        CALLS.append("__len__"); return 3
    def __iter__(self):
        CALLS.append("__iter__"); return iter([0, 1, 2])
    def __float__(self):
        CALLS.append("__float__"); return 0.0
    def __bool__(self):
        CALLS.append("__bool__"); return True
    def tolist(self):
        CALLS.append("tolist"); return [0, 1, 2]
    @property
    def shape(self):
        CALLS.append("shape"); return (3,)
    @property
    def broken(self):
        raise RuntimeError("a property that raises")

def hostile():
    return Hostile()

class Sneaky(list):
    def __eq__(self, other):
        CALLS.append("list __eq__"); return True

def sneaky_list():
    return Sneaky([0, 1, 2])

def huge():
    return np.zeros(10**6)

def deep():
    value = []
    for _ in range(500):
        value = [value]
    return value

def generator():
    yield from range(3)

len = lambda value: 0  # noqa: E731
isinstance = lambda *args: True  # noqa: E731
'''


class Recorder:
    """The agent, recording everything that reaches the learner's process."""

    seen: ClassVar[list[str]] = []

    def __init__(self, agent: Agent) -> None:
        self.agent = agent
        self.seen = []

    def __call__(self, header: dict, buffers: list) -> tuple[dict, list]:
        self.seen.append(json.dumps(header) + "".join(bytes(b).hex() for b in buffers))
        return self.agent(header, buffers)


@pytest.fixture
def learner_ns() -> dict:
    namespace: dict = {}
    exec(compile(textwrap.dedent(LEARNER), "<learner>", "exec"), namespace)
    return namespace


@pytest.fixture
def recorder(learner_ns) -> Recorder:
    return Recorder(Agent(learner_ns))


@pytest.fixture
def learner(recorder) -> Learner:
    trusted, other = Loopback.pair(b=recorder, peer="the learner's process", limit=2**20)
    learner = Learner(trusted)
    trusted.handler, recorder.agent.endpoint = learner.answer, other  # callbacks, as course.isolation.runner wires
    return learner


def test_globals_that_are_data_arrive_as_data(learner):
    assert learner.get("RATE") == 0.25 and type(learner.get("RATE")) is float
    pd.testing.assert_frame_equal(learner.get("TABLE"), pd.DataFrame({"x": [1, 2], "y": ["a", "b"]}))
    with pytest.raises(NameError, match="'missing' is not defined"):
        learner.get("missing")


def test_functions_are_handles_and_calls_carry_data_both_ways(learner):
    add = learner.get("add")
    assert type(add) is CallableHandle and add.__name__ == "add" and "add" in repr(add)
    assert add(1, 2) == 3 and add(1) == 11 and add(a=2, b=3) == 5 and add("a", b="b") == "ab"
    np.testing.assert_array_equal(add(np.arange(3), np.ones(3)), [1.0, 2.0, 3.0])
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0]})
    pd.testing.assert_frame_equal(learner.get("describe")(frame), frame.describe())
    assert learner.get("add") is add  # one handle per learner object


def test_the_learners_objects_are_handles_with_public_attributes_and_methods(learner):
    cache = learner.get("LRU")(2)
    assert isinstance(cache, Handle) and not isinstance(cache, CallableHandle)
    cache.put(1, "one")
    cache.put(2, "two")
    cache.put(3, "three")
    assert cache.get(1) == -1 and cache.get(3) == "three" and cache.capacity == 2
    assert cache.items == {2: "two", 3: "three"}


def test_a_test_replaces_a_learners_function_for_the_learners_other_functions_and_restores_it(learner, learner_ns):
    namespace = LearnerNamespace(learner)
    add, total, original = namespace["add"], namespace["total"], learner_ns["add"]
    calls = []

    def counted(a, b=10):
        calls.append(a)
        return add(a, b) + 100  # the learner's own function, called back through its handle

    with checks.replaced(add, counted):
        assert checks.run(total, [1, 2, 3]) == 306
    assert calls == [1, 2, 3] and learner_ns["add"] is original
    with pytest.raises(ZeroDivisionError), checks.replaced(add, counted):
        raise ZeroDivisionError
    assert learner_ns["add"] is original, "restored when the block raises"
    assert checks.run(total, [4]) == 4 and calls == [1, 2, 3]
    with pytest.raises(CheckFailure, match="a global name"), checks.replaced(learner.get("LRU")(2).put, counted):
        pass  # a method of the learner's object, not a global: nothing to replace
    with pytest.raises(ChannelError, match="an identifier"):
        learner.set("os.system", counted)


def test_replaced_works_beside_the_learners_code_too(learner_ns):
    with checks.replaced(learner_ns["add"], lambda a, b=10: -1):
        assert learner_ns["total"]([1, 2]) == -2
    assert learner_ns["total"]([1, 2]) == 3
    with pytest.raises(CheckFailure, match="a global name"), checks.replaced(lambda a: a, print):
        pass


def test_a_tests_model_held_in_the_learners_process_shows_what_the_learners_code_did_to_it(learner, monkeypatch):
    from sklearn.linear_model import LogisticRegression

    from course.isolation import runner

    X, y = np.arange(8.0).reshape(4, 2), np.array([0, 1, 0, 1])
    mine = LogisticRegression()
    assert checks.in_learner_process(mine) is mine, "beside the learner's code: the object itself"
    monkeypatch.setattr(runner.SESSION, "namespace", LearnerNamespace(learner))
    held = checks.in_learner_process(mine)
    assert isinstance(held, Handle) and not hasattr(held, "classes_")
    assert checks.run(learner.get("fit_in_place"), held, X, y) == 4
    assert hasattr(held, "classes_") and held.classes_.tolist() == [0, 1], "fitted in place, seen by the test"
    assert not hasattr(mine, "classes_"), "the test's own object never left this process"
    assert checks.in_learner_process(3.5) == 3.5, "data comes back as data"


def test_a_learners_estimators_are_checked_and_cloned_in_the_learners_process(learner, monkeypatch):
    from sklearn.base import clone
    from sklearn.linear_model import LinearRegression, LogisticRegression
    from sklearn.pipeline import Pipeline

    from course.isolation import runner

    monkeypatch.setattr(runner.SESSION, "namespace", LearnerNamespace(learner))
    pipe = checks.run(learner.get("make_pipeline_model"), 0.5)
    doubler = learner.get("Doubler")
    steps = dict(pipe.steps)  # a list of (name, estimator) pairs: names as data, the learner's estimators as handles
    assert list(steps) == ["double", "model"] and isinstance(steps["model"], Handle) and steps["model"].C == 0.5
    assert checks.is_instance(pipe, Pipeline) and checks.is_instance(steps["model"], LogisticRegression)
    assert not checks.is_instance(pipe, LinearRegression) and not checks.is_instance(pipe, pd.DataFrame)
    assert checks.is_instance(steps["double"], doubler) and not checks.is_instance(steps["model"], doubler)
    assert not checks.is_instance(pd.DataFrame(), doubler) and checks.is_instance(3, int)
    copied = checks.in_learner_process(clone)(pipe)  # run over there, on the learner's objects
    assert isinstance(copied, Handle) and checks.is_instance(dict(copied.steps)["double"], doubler)
    built = checks.in_learner_process(Pipeline)([("double", doubler()), ("model", LogisticRegression(C=2.0))])
    X, y = np.arange(8.0).reshape(4, 2), np.array([0, 1, 0, 1])
    want = LogisticRegression(C=2.0).fit(2 * X, y).predict_proba(2 * X)
    np.testing.assert_allclose(built.fit(X, y).predict_proba(X), want)
    made = checks.run(learner.get("apply"), LogisticRegression, None)  # a library's class crosses by reference
    assert isinstance(made, Handle) and checks.is_instance(made, LogisticRegression)


def test_files_shared_with_the_learners_code_are_read_in_the_learners_process(learner, monkeypatch):
    import os

    from course.isolation import runner
    from course.isolation.files import LearnerPath

    monkeypatch.setattr(runner.SESSION, "namespace", LearnerNamespace(learner))
    write_table = learner.get("write_table")
    with checks.temporary_folder() as folder:
        assert isinstance(folder, LearnerPath) and folder.is_dir() and folder.iterdir() == []
        returned = checks.run(write_table, [1, 2], folder / "t.csv")
        assert isinstance(returned, LearnerPath) and returned == folder / "t.csv", "a path comes back as theirs"
        assert returned.read_text() == "1\n2" and returned.is_file() and [p.name for p in folder.iterdir()] == ["t.csv"]
        assert returned.stat().st_size == 3 and returned.stat().st_ino == returned.stat().st_ino
        (folder / "sub").mkdir()
        (folder / "sub" / "x.bin").write_bytes(b"\x00\x01")
        assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == ["sub", "sub/x.bin", "t.csv"]
        for reader in (open, os.listdir, pd.read_csv, os.path.join):
            with pytest.raises(TypeError, match="a file of the learner's process"):
                reader(returned)  # this process never opens what the learner's code made
        with pytest.raises(FileNotFoundError):
            (folder / "missing").read_bytes()
        with checks.patched("os.replace", lambda *args: (_ for _ in ()).throw(OSError("rename failed"))):
            checks.expect_raises(OSError, write_table, [3], str(folder / "u.csv"), what="a failing rename")
        assert checks.run(write_table, [4], str(folder / "u.csv")) == str(folder / "u.csv"), "os.replace is restored"
        with checks.patched("tempfile.tempdir", str(folder / "nowhere")):
            assert checks.concurrently(write_table, [5], str(folder / "c.csv"), threads=4, repeat=3) == [None] * 4
        assert (folder / "c.csv").read_text() == "5"
        errors = checks.concurrently(learner.get("fails"), 1, threads=2)
        assert len(errors) == 2 and all(e and e.startswith("ValueError") for e in errors)
    assert not folder.exists(), "removed afterwards"


def test_the_sharing_checks_work_beside_the_learners_code_too(learner_ns):
    import tempfile

    with checks.temporary_folder() as folder:
        assert learner_ns["write_table"]([1], folder / "t.csv").read_text() == "1"
        with checks.patched("tempfile.tempdir", "/nowhere"):
            assert tempfile.tempdir == "/nowhere"
            assert checks.concurrently(learner_ns["fails"], 1, threads=3) == [checks.concurrently(
                learner_ns["fails"], 1, threads=1)[0]] * 3
    assert tempfile.tempdir != "/nowhere" and not folder.exists()


def test_a_stand_in_model_is_made_in_the_learners_process_and_callbacks_stay_on_the_called_thread(learner, monkeypatch):
    from http.server import HTTPServer

    from course.isolation import runner

    monkeypatch.setattr(runner.SESSION, "namespace", LearnerNamespace(learner))
    model = checks.in_learner_process(checks.StandInModel)(KeyError, "age", raise_when={"region": "crash"})
    answers, status = checks.run(learner.get("serve_one"), model, pd.DataFrame({"region": ["crash", "north"]}))
    assert status == "500 'age'" and answers == [], "raised in the server's thread and in the caller's"
    answers, status = checks.run(learner.get("serve_one"), model, pd.DataFrame({"region": ["north"]}))
    assert status == "200" and [a.tolist() for a in answers] == [[0]]
    answers, status = checks.run(learner.get("serve_one"), checks.StandInModel(proba=0.5), pd.DataFrame({"x": [1]}))
    assert status == "200" and [a.tolist() for a in answers] == [[0]], "a stand-in made here crosses as a copy"
    threads_call_back = checks.run(learner.get("apply"), lambda f: checks.concurrently(f, 1, threads=2), lambda x: x)
    assert all("the thread the test called" in e for e in threads_call_back), "refused from the learner's threads"
    assert not checks.is_instance(model, HTTPServer) and checks.is_instance(model, checks.StandInModel)
    held = checks.in_learner_process(HTTPServer)
    assert isinstance(held, CallableHandle) and held.__name__ == "HTTPServer", "a standard library class, by name"


def test_handles_go_back_as_the_learners_objects(learner):
    assert learner.get("apply")(learner.get("add"), 5) == 15


def test_the_learners_exceptions_become_learner_errors_of_the_same_builtin_type(learner):
    with pytest.raises(ValueError, match="bad input 7") as caught:
        learner.get("fails")(7)
    assert isinstance(caught.value, LearnerError) and caught.value.kind == "ValueError"
    with pytest.raises(KeyError) as caught:
        learner.get("custom_error")()
    assert caught.value.kind == "MyKeyError"
    with pytest.raises(LearnerError) as caught:
        learner.get("exits")()
    assert caught.value.kind == "SystemExit" and not isinstance(caught.value, SystemExit)
    with pytest.raises(LearnerError, match="could not be read"):
        learner.get("unprintable")()
    assert checks.expect_raises(ValueError, learner.get("fails"), 1) == "bad input 1"


def test_checks_run_sees_a_stub_as_not_attempted(learner):
    with pytest.raises(checks.NotAttempted, match="not attempted yet"):
        checks.run(learner.get("todo"), 1)


def test_in_place_changes_to_arguments_come_back(learner):
    items = [3, 1, 2]
    assert learner.get("sort_in_place")(items) is None and items == [1, 2, 3]
    array = np.arange(4.0)
    learner.get("scale_in_place")(array, 2)
    assert array.tolist() == [0.0, 2.0, 4.0, 6.0]
    frame = pd.DataFrame({"age": [30.0, np.nan, 50.0], "name": list("abc")}, index=[7, 8, 9])  # df.name: a column
    series = pd.Series([1.0, np.nan], name="s")
    alias, before = frame, frame.copy()
    assert learner.get("look_only")(frame, series) == 81.0
    assert frame is alias and frame.equals(before), "a frame the learner's code only read is left alone"
    assert learner.get("clean_in_place")(frame, series) == 3
    assert frame is alias, "the test's own frame, changed in place"
    want = pd.DataFrame({"age": [30.0, 0.0, 50.0], "name": list("abc"), "flag": [True] * 3}, index=[70, 80, 90])
    pd.testing.assert_frame_equal(frame, want)
    pd.testing.assert_series_equal(series, pd.Series([1.0, -1.0], name="renamed"))


class Node_:
    __slots__ = ("next", "tag", "val")

    def __init__(self, val, next_=None, tag=None):
        self.val, self.next, self.tag = val, next_, tag


def build(values):
    nodes = [Node_(v, tag=f"t{i}") for i, v in enumerate(values)]
    for left, right in itertools.pairwise(nodes):
        left.next = right
    return nodes


def test_a_linked_list_of_the_tests_own_nodes_is_reversed_in_place_with_identity(learner):
    nodes = build(range(5000))
    head = learner.get("reverse_list")(nodes[0])
    assert head is nodes[-1] and nodes[0].next is None
    walked, node = [], head
    while node is not None:
        walked.append(node)
        node = node.next
    assert [id(n) for n in walked] == [id(n) for n in reversed(nodes)]
    assert all(type(n) is Node_ and n.tag == f"t{n.val}" for n in walked)
    assert learner.get("reverse_list")(None) is None


def test_new_nodes_of_the_learners_class_stay_handles_and_fail_identity(learner):
    nodes = build([1, 2, 3])
    head = learner.get("copy_list")(nodes[0])
    assert isinstance(head, Handle) and head is not nodes[0]
    assert [head.val, head.next.val, head.next.next.val] == [1, 2, 3]
    assert head.next.next.next is None


def test_hostile_results_are_opaque_and_none_of_their_methods_run_on_the_trusted_side(learner, learner_ns):
    result = learner.get("hostile")()
    calls = learner_ns["CALLS"]
    calls.clear()
    assert isinstance(result, Handle) and not isinstance(result, np.ndarray)
    assert result != [0, 1, 2] and result != 0 and not np.array_equal(result, np.arange(3))
    assert not (result == np.arange(3)).any()
    assert np.asarray(result).dtype == object and np.asarray(result).shape == ()
    with pytest.raises(AttributeError):
        result.__array_interface__  # noqa: B018 - the read itself is the test
    assert result.__class__ is Handle and type(result) is Handle
    with pytest.raises(TypeError):
        len(result)
    with pytest.raises(TypeError):
        list(result)
    with pytest.raises(TypeError):
        float(result)
    for check in (lambda: checks.assert_equal(result, [0, 1, 2]), lambda: checks.assert_close(result, np.arange(3)),
                  lambda: checks.assert_shape(result, (3,))):
        with pytest.raises(CheckFailure):
            check()
    assert calls == []
    with pytest.raises(LearnerError, match="a property that raises"):
        result.broken  # noqa: B018
    assert result.shape == (3,)  # an attribute read runs the learner's property in the learner's process: data back
    assert calls == ["shape"]


def test_subclasses_of_data_types_are_not_data(learner, learner_ns):
    result = learner.get("sneaky_list")()
    assert isinstance(result, Handle)
    with pytest.raises(CheckFailure):
        checks.assert_equal(result, [0, 1, 2])
    assert learner_ns["CALLS"] == []


def test_results_the_channel_cannot_carry_are_clean_errors(learner):
    with pytest.raises(ChannelError, match="larger than the channel's limit"):
        learner.get("huge")()
    with pytest.raises(ChannelError, match="nested too deeply"):
        learner.get("deep")()
    assert isinstance(learner.get("generator")(), Handle)
    with pytest.raises(AttributeError):
        learner.get("add")._hid_of_the_learner  # noqa: B018


def test_the_trusted_side_sends_only_data_plain_objects_handles_library_objects_and_its_own_functions(learner):
    with pytest.raises(ChannelError, match="cannot be sent"):
        learner.get("add")(open, 1)
    with pytest.raises(ChannelError, match="cannot be sent"):
        learner.get("add")(functools.partial(eval, "1"), 1)
    assert learner.get("apply")(np.sqrt, 4.0) == 2.0, "a numpy function crosses by name, to run over there"


def test_a_test_cells_namespace_prefers_trusted_names_then_builtins_then_the_learner(learner):
    namespace = LearnerNamespace(learner, {"checks": checks})
    cell = textwrap.dedent("""
        total = add(1, 2)
        size = len([1, 2, 3])
        kind = isinstance(total, str)
        def helper():
            return add(RATE, 1)
        via_function = helper()
    """)
    exec(compile(cell, "<test cell>", "exec"), namespace)
    assert namespace["total"] == 3 and namespace["size"] == 3 and namespace["kind"] is False
    assert namespace["via_function"] == 1.25
    with pytest.raises(NameError):
        exec("undefined_name", namespace)


def test_the_hidden_expected_value_never_reaches_the_learner(learner, recorder):
    secret = 987_654_321.125
    namespace = LearnerNamespace(learner, {"checks": checks})
    cell = "expected_ = 987_654_321.125\nchecks.assert_close(add(expected_ - 10, 0) + 10, expected_)\n"
    with pytest.raises(CheckFailure):
        exec(cell.replace("add(expected_ - 10, 0)", "add(1.0, 0)"), namespace)
    exec(cell.replace("expected_ - 10", "1.0").replace("+ 10", "+ 987_654_320.125"), namespace)
    seen = "".join(recorder.seen)
    assert "987654321" not in seen and repr(secret) not in seen and np.float64(secret).tobytes().hex() not in seen


FORGED_REPLIES = {
    "a KeyboardInterrupt": {"raised": {"type": "KeyboardInterrupt", "builtin": "KeyboardInterrupt", "message": ""}},
    "a SystemExit": {"raised": {"type": "SystemExit", "builtin": "SystemExit", "message": "0"}},
    "a builtin that is no exception": {"raised": {"type": "x", "builtin": "__import__", "message": "os"}},
    "a raised that is not text": {"raised": {"type": 1, "builtin": None, "message": []}},
    "nothing": {},
    "a handle with a bad id": {"ok": {"h": ["1", "f", True]}, "table": []},
    "a class to build": {"ok": {"cls": "os.system"}, "table": []},
}


@pytest.mark.parametrize("reply", FORGED_REPLIES.values(), ids=FORGED_REPLIES.keys())
def test_a_forged_reply_is_at_most_a_learner_error(reply):
    trusted, _ = Loopback.pair(b=lambda header, buffers: (reply, []))
    learner = Learner(trusted)
    with pytest.raises((LearnerError, ChannelError)) as caught:
        learner.get("anything")
    assert not isinstance(caught.value, (KeyboardInterrupt, SystemExit))


def test_only_public_attributes_of_the_tests_objects_cross(learner, recorder):
    class Marked:
        def __init__(self) -> None:
            self.val, self.next, self._expected = 1, None, "hidden-marker-123"

    node = Marked()
    assert learner.get("reverse_list")(node) is node
    assert node._expected == "hidden-marker-123"
    assert "hidden-marker-123" not in "".join(recorder.seen) and "_expected" not in "".join(recorder.seen)

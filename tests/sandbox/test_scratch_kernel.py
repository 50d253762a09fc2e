"""From-scratch kernels (`km.course_hidden`): in the sandbox, no file of the hidden packages exists and the kernel
never imported them; learner code gets stubs that fail on use with `ForbiddenInScratch`, and no way around them
(another path, a loader, built names, a new interpreter) reaches the real package. Without the sandbox, the kernel
still comes from a template that never imported them. A normal grading kernel is unaffected."""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager
from traitlets.config import Config

from course.plugins import provisioner
from course.sandbox import scratch
from course.sandbox.kernels import KERNEL_NAME, ForkServer, kernel_environment
from tests.sandbox.redteam.test_redteam import require_sandbox

pytestmark = pytest.mark.integration

HIDDEN = ("sklearn", "scipy")
SKLEARN_SITE = str(Path(importlib.util.find_spec("sklearn").origin).parents[1])
# Every folder of installed packages a learner could reach, and its entries of scikit-learn and scipy.
HIDDEN_FILES = {folder: sorted(entry for entry in os.listdir(folder) if entry.startswith(("sklearn", "scikit_learn",
                                                                                        "scipy")))
                for folder in {SKLEARN_SITE, *glob.glob(f"{sys.base_prefix}/lib/python3*/site-packages")}}
START = "import sys\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy'))))"


class Kernel:
    """A kernel started through jupyter_client, as the grader starts it."""

    def __init__(self, cwd: Path, hidden: tuple[str, ...] = HIDDEN, sandbox: str = "bwrap") -> None:
        config = Config()
        config.CourseSettings.sandbox = sandbox
        self.manager = KernelManager(kernel_name=KERNEL_NAME, config=config)
        if hidden:
            self.manager.course_hidden = hidden
        with pytest.MonkeyPatch.context() as patch:
            for key, value in kernel_environment().items():
                patch.setenv(key, value)
            self.manager.start_kernel(cwd=str(cwd))
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=120)
        self.run("import json")

    def run(self, code: str) -> str:
        """Run `code`; what it printed to stdout (and the error, if it raised)."""
        out: list[str] = []

        def keep(message: dict) -> None:
            content = message["content"]
            if message["msg_type"] == "stream" and content["name"] == "stdout":
                out.append(content["text"])
            elif message["msg_type"] == "error":
                out.append(f"{content['ename']}: {content['evalue']}")

        self.client.execute_interactive(code, timeout=60, output_hook=keep)
        return "".join(out)

    def value(self, code: str):
        """The JSON value that the last line of `code` prints."""
        text = self.run(code)
        try:
            return json.loads(text.strip().splitlines()[-1])
        except (ValueError, IndexError):
            raise AssertionError(f"no JSON printed by the kernel: {text}") from None

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture
def kernel(tmp_path):
    """A from-scratch kernel in the sandbox. Each test has its own: the kernels of one template share a user, and
    stopping one ends every process of that user."""
    require_sandbox()
    started = Kernel(tmp_path)
    yield started
    started.close()


def test_the_kernel_starts_without_them_and_setup_imports_keep_running(kernel):
    assert kernel.value(START) == [], "the template must never import a hidden package"
    done = kernel.run("from sklearn.datasets import make_classification\nimport sklearn.linear_model as lm\n"
                            "from scipy import stats\nfrom scipy.special import expit\nimport pandas as pd\n"
                            "print('setup ran', type(lm).__name__)")
    assert done.strip() == "setup ran StubModule", done


USES = {
    "call": "LogisticRegression()",
    "method": "LogisticRegression.fit(None, None)",
    "iteration": "list(LogisticRegression)",
    "base class": "__import__('types').new_class('M', (LogisticRegression,))",
    "subclass": "exec('class M(LogisticRegression): pass')",
    "isinstance": "isinstance(1, LogisticRegression)",
    "arithmetic": "LogisticRegression + 1",
    "truth": "bool(LogisticRegression)",
    "numpy array": "__import__('numpy').asarray([LogisticRegression], dtype=float)",
}
PROBE_USE = """
result = {{}}
for what, code in {uses!r}.items():
    try:
        eval(code)
        result[what] = "no error"
    except Exception as exc:
        result[what] = [type(exc).__name__, isinstance(exc, ImportError), str(exc)]
print(json.dumps(result))
"""


def test_every_use_of_a_stub_raises_forbidden_in_scratch_naming_the_package(kernel):
    outcome = kernel.value("from sklearn.linear_model import LogisticRegression\n" + PROBE_USE.format(uses=USES))
    message = "scikit-learn is not available in a from-scratch exercise (sklearn.linear_model.LogisticRegression"
    for what in USES:
        assert outcome[what][:2] == ["ForbiddenInScratch", True], f"{what}: {outcome[what]}"
        assert outcome[what][2].startswith(message), f"{what}: {outcome[what]}"
    scipy_call = kernel.run("import scipy.special\nscipy.special.expit(0.0)")
    assert "SciPy is not available in a from-scratch exercise (scipy.special.expit)" in scipy_call, scipy_call


def test_no_file_of_the_hidden_packages_is_in_the_sandbox(kernel):
    assert len(HIDDEN_FILES[SKLEARN_SITE]) >= 6, f"scikit-learn and scipy are installed: {HIDDEN_FILES}"
    files = [str(Path(folder, entry)) for folder, entries in HIDDEN_FILES.items() for entry in entries]
    files += [str(Path(SKLEARN_SITE, "sklearn", "__init__.py")), str(Path(SKLEARN_SITE, "scipy", "__init__.py"))]
    seen = kernel.value(f"""
import os
found = []
for path in {files!r}:
    try:
        open(path if not os.path.isdir(path) else os.path.join(path, "x"), "rb").close()
        found.append(path)
    except OSError:
        if os.path.lexists(path):
            found.append(path)
print(json.dumps(found))""")
    assert seen == [], f"files of hidden packages are in the sandbox: {seen}"
    kept = kernel.value(f"import os\nprint(json.dumps(sorted(os.listdir({SKLEARN_SITE!r}))))")
    assert "numpy" in kept and "pandas" in kept and "sklearn" not in kept, kept


def test_find_spec_and_metadata_find_nothing_real(kernel):
    found = kernel.value(f"""
import importlib.machinery, importlib.metadata, importlib.util
spec = importlib.util.find_spec("sklearn.linear_model")
real = [importlib.machinery.PathFinder.find_spec(name, [{SKLEARN_SITE!r}]) for name in ("sklearn", "scipy")]
try:
    version = importlib.metadata.version("scikit-learn")
except importlib.metadata.PackageNotFoundError:
    version = None
print(json.dumps([spec.origin, type(spec.loader).__name__, [str(r) for r in real if r], version]))""")
    assert found == [None, "HiddenPackages", [], None], found


def test_numpy_and_pandas_work(kernel):
    done = kernel.value("import numpy as np, pandas as pd\nframe = pd.DataFrame({'x': np.arange(4.0)})\n"
                        "print(json.dumps([float(frame.x.mean()), float(np.linalg.norm(np.ones(4)))]))")
    assert done == [1.5, 2.0]


def test_the_real_package_cannot_be_reached_by_path_or_loader(kernel):
    attempts = kernel.value(f"""
import importlib, importlib.machinery, sys
from course.sandbox.scratch import HiddenPackages
sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, HiddenPackages)]
for name in [m for m in sys.modules if m.split(".")[0] in ("sklearn", "scipy")]:
    del sys.modules[name]
sys.path[:0] = {list(HIDDEN_FILES)!r}
outcome = {{}}
for name in ("sklearn", "scipy", "sk" + "learn.linear_model"):
    try:
        importlib.import_module(name)
        outcome[name] = "imported"
    except ImportError as exc:
        outcome[name] = type(exc).__name__
try:
    importlib.machinery.SourceFileLoader("sklearn", {SKLEARN_SITE!r} + "/sklearn/__init__.py").load_module()
    outcome["loader"] = "loaded"
except OSError as exc:
    outcome["loader"] = type(exc).__name__
print(json.dumps(outcome))""")
    assert attempts == {"sklearn": "ModuleNotFoundError", "scipy": "ModuleNotFoundError",
                        "sklearn.linear_model": "ModuleNotFoundError", "loader": "FileNotFoundError"}, attempts


def test_built_names_and_new_interpreters_get_nothing_real(kernel):
    attempts = kernel.value("""
import subprocess, sys
module = __import__("".join(["sk", "le", "arn"]) + ".svm", fromlist=["SVC"])
try:
    getattr(module, "S" + "VC")()
    called = "ran"
except ImportError as exc:
    called = type(exc).__name__
runs = [subprocess.run([sys.executable, *flags, "-c", f"import {name}"], capture_output=True, text=True)
        for name in ("sklearn", "scipy") for flags in ([], ["-I"])]
print(json.dumps([type(module).__name__, called, [r.returncode for r in runs],
                  all("ModuleNotFoundError" in r.stderr for r in runs)]))""")
    assert attempts == ["StubModule", "ForbiddenInScratch", [1, 1, 1, 1], True], attempts


UNMOUNT = """
import ctypes, json, os
libc = ctypes.CDLL(None, use_errno=True)
def unmount():
    for folder in FOLDERS:
        for flags in (0, 2):  # plain, and MNT_DETACH
            libc.umount2(folder.encode(), flags)
unmount()
in_own_namespaces = libc.unshare(0x10000000 | 0x00020000) == 0  # CLONE_NEWUSER | CLONE_NEWNS, as `unshare -Urm`
unmount()
seen = [e for f in FOLDERS for e in os.listdir(f) if e.startswith(("sklearn", "scipy"))]
print(json.dumps([in_own_namespaces, seen]))
"""


def test_a_new_user_and_mount_namespace_cannot_unmount_what_hides_them(kernel):
    code = UNMOUNT.replace("FOLDERS", repr(sorted(HIDDEN_FILES)))
    seen = kernel.value(f"import subprocess, sys\nprint(subprocess.run([sys.executable, '-c', {code!r}], "
                        "capture_output=True, text=True).stdout)")
    assert seen[1] == [], f"unmounted in a namespace of its own ({seen[0]}): {seen[1]}"


def test_a_normal_grading_kernel_started_after_it_still_imports_them(kernel, tmp_path):
    normal = Kernel(tmp_path, hidden=())
    try:
        versions = normal.value("import sklearn, scipy.stats\nprint(json.dumps([type(sklearn).__name__, "
                                "sklearn.__version__ > '1', hasattr(scipy.stats, 'norm')]))")
        assert versions == ["module", True, True], versions
    finally:
        normal.close()
    assert ForkServer.get("bwrap") is not ForkServer.get("bwrap", hidden=scratch.normalise(HIDDEN))


def test_without_the_sandbox_the_template_never_imported_them_either(tmp_path):
    started = Kernel(tmp_path, sandbox="off")
    try:
        assert started.value(START) == []
        assert "scikit-learn is not available" in started.run("import sklearn\nsklearn.base.clone(None)")
        assert "SciPy is not available" in started.run("import scipy.stats as st\nst.norm.cdf(0)")
    finally:
        started.close()


def test_without_a_template_a_plain_kernel_hides_them(tmp_path, monkeypatch):
    def no_template(*args, **kwargs):
        raise OSError("no fork server here")

    monkeypatch.setattr(provisioner.ForkServer, "get", no_template)
    started = Kernel(tmp_path, sandbox="off")
    try:
        assert started.value("import os\nprint(json.dumps(os.getppid()))") == os.getpid(), "not a forked kernel"
        assert started.value(START) == []
        assert "scikit-learn is not available" in started.run("from sklearn.svm import SVC\nSVC()")
    finally:
        started.close()


@pytest.mark.parametrize("hidden", [("sklearn.linear_model",), ("os",), ("ipykernel",), ("../sklearn",), (3,)])
def test_only_top_level_third_party_names_can_be_hidden(hidden, tmp_path, monkeypatch):
    for key, value in kernel_environment().items():
        monkeypatch.setenv(key, value)
    manager = KernelManager(kernel_name=KERNEL_NAME)
    manager.course_hidden = hidden
    with pytest.raises(ValueError):
        manager.start_kernel(cwd=str(tmp_path))
    assert scratch.normalise(["scipy", "sklearn", "scipy"]) == ("scipy", "sklearn")
    assert scratch.normalise("sklearn") == ("sklearn",)

"""One kernel's misbehaviour stays in that kernel, in the real sandbox: a kernel that jams its own sockets cannot
hang the grader; a kernel sees only its own descriptors and no System V IPC object of an earlier kernel."""

from __future__ import annotations

import pytest

from course.grading.grade import grade_all
from course.notebooks import read_notebook, write_notebook
from course.proof.variants import Profile, write_submission
from course.sandbox.bwrap import availability
from course.workspace import Workspace

pytestmark = pytest.mark.integration

JAM = """
import os
for fd in range(3, 1024):
    try:
        os.write(fd, b"x" * 64)
    except OSError:
        pass
"""
LOOK = """
import os
print("FDS", sorted(int(fd) for fd in os.listdir("/proc/self/fd")))
print("SHM", open("/proc/sysvipc/shm").read().splitlines()[1:])
"""
LEAVE = """
import ctypes
print("SEGMENT", ctypes.CDLL(None, use_errno=True).shmget(0x5EED, 4096, 0o1000 | 0o666))
"""


def submit(course, workspace, student: str, code: str) -> None:
    write_submission(course, workspace.root / "submitted", student, "02_beta", {"1_words": Profile("all")})
    path = workspace.path("submitted", student, "02_beta") / "1_words.ipynb"
    nb = read_notebook(path)
    cell = next(c for c in nb.cells if c.get("id") == "count-words")
    cell.source += "\n" + code
    write_notebook(nb, path)


def outputs(workspace, student: str) -> str:
    nb = read_notebook(workspace.path("autograded", student, "02_beta") / "1_words.ipynb")
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


@pytest.fixture
def sandboxed(mini_course):
    if not availability()[0]:
        pytest.skip(availability()[1])
    return Workspace.scratch(mini_course, mini_course.root / "run").with_sandbox("bwrap")


def test_a_kernel_that_jams_its_sockets_cannot_hang_the_grader(mini_course, sandboxed):
    submit(mini_course, sandboxed, "jammer", JAM)
    (outcome,) = grade_all(sandboxed, "02_beta", ["jammer"], workers=1)
    assert outcome.graded, outcome.error


def test_a_kernel_keeps_no_descriptor_and_sees_no_ipc_object_of_another(mini_course, sandboxed):
    submit(mini_course, sandboxed, "leaver", LEAVE)
    submit(mini_course, sandboxed, "looker", LOOK)
    outcomes = grade_all(sandboxed, "02_beta", ["leaver", "looker"], workers=1)
    assert all(o.graded for o in outcomes), [o.error for o in outcomes]
    assert "SEGMENT -1" not in outputs(sandboxed, "leaver"), "the segment should have been created in its namespace"
    seen = outputs(sandboxed, "looker")
    assert "SHM []" in seen, f"a System V segment of an earlier kernel is visible: {seen}"

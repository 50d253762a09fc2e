"""A cohort on one machine: three learners as real Unix users and nbgrader's filesystem exchange.

The instructor (root, as in CI) releases a module to a fresh exchange; each learner fetches it, works on it and
submits as their own Unix user; the instructor collects, grades with `course grade`, writes feedback with
`course feedback` and releases it; each learner fetches their own feedback. Along the way, a learner tries to read
another's work (in the exchange, in their home, in the instructor's course, and their feedback) and gets a
permission error every time.

Learners use the course's learner settings (deploy/jupyter/learner on JUPYTER_CONFIG_PATH, COURSE_EXCHANGE_ROOT
for the exchange), exactly as their servers on the JupyterHub do. The users are created by the test and deleted
afterwards, with their homes.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.layout import Course
from course.nbgrader_api import open_gradebook
from course.notebooks import read_notebook, write_notebook
from course.proof.variants import Profile, learner_notebook
from course.workspace import Workspace
from tests.conftest import ROOT
from tests.servers import need

pytestmark = pytest.mark.cohort

MODULE = "01_coding"
COURSE_ID = "ml-interview-prep"
BIN = Path(sys.executable).parent
# what each learner hands in: one notebook of the module (the others are removed before submitting, to keep
# grading short), solved by alice, half-solved by bob and untouched by carol
NOTEBOOK = "2_strings"
WORK = {"alice": Profile("all"), "bob": Profile("first:3"), "carol": Profile("none")}
DENIED = "PermissionError"


@dataclass(frozen=True)
class Student:
    name: str  # the Unix user and nbgrader student id
    home: Path


@dataclass
class Cohort:
    base: Path
    exchange: Path
    learners: dict[str, Student]  # by role name (alice, bob, carol)
    view: list[str]  # bwrap arguments that let an unprivileged user reach the interpreter and the course

    def env(self, learner: Student) -> dict[str, str]:
        env = {
            "HOME": str(learner.home), "USER": learner.name, "LOGNAME": learner.name,
            "PATH": f"{BIN}:/usr/bin:/bin", "LANG": "C.UTF-8",
            "JUPYTER_CONFIG_PATH": str(ROOT / "deploy" / "jupyter" / "learner"),
            "COURSE_EXCHANGE_ROOT": str(self.exchange),
        }
        if "PYTHONPATH" in os.environ:  # a development checkout that shares another checkout's environment
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        return env

    def run(self, who: str, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a command as the learner's Unix user, in their home, with the learner settings."""
        learner = self.learners[who]
        command = ["bwrap", "--dev-bind", "/", "/", *self.view, "--chdir", str(learner.home), "--die-with-parent",
                   "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                   "setpriv", f"--reuid={learner.name}", f"--regid={learner.name}", "--init-groups", "--",
                   *argv]
        done = subprocess.run(command, env=self.env(learner), capture_output=True, text=True, timeout=300)
        if check and done.returncode != 0:
            pytest.fail(f"{who} ({learner.name}): {' '.join(argv)} failed ({done.returncode}):\n"
                        f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
        return done

    def nbgrader(self, who: str, *args: str) -> subprocess.CompletedProcess:
        return self.run(who, str(BIN / "nbgrader"), *args)

    def tries_to_read(self, who: str, path: Path) -> str:
        """What happens when the learner lists (a folder) or reads (a file) `path`: 'ok' or the error's name."""
        probe = ("import os, sys\np = sys.argv[1]\ntry:\n"
                 "    os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read()\n"
                 "    print('ok')\nexcept OSError as exc:\n    print(type(exc).__name__)")
        return self.run(who, str(BIN / "python"), "-c", probe, str(path)).stdout.strip()


def learner_view() -> list[str]:
    """bwrap arguments that make the interpreter, the virtual environment and the course reachable by other users.

    A private parent folder (CI's Python lives below /root, mode 0700) is replaced, in the learner's mount
    namespace only, by an empty folder holding read-only binds of just those paths; nothing else of it is visible.
    """
    needed = sorted({os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, ROOT)})
    private = []
    for path in needed:
        for parent in [*reversed(Path(path).parents), Path(path)]:
            if parent != Path("/") and not os.stat(parent).st_mode & 0o001:
                if not any(str(parent).startswith(p + "/") or str(parent) == p for p in private):
                    private.append(str(parent))
                break
    args: list[str] = []
    for top in private:
        args += ["--perms", "0755", "--tmpfs", top]
        for path in needed:
            if path == top or not path.startswith(top + "/"):
                continue
            for parent in reversed(Path(path).parents):
                if str(parent).startswith(top + "/"):
                    args += ["--perms", "0755", "--dir", str(parent)]
            args += ["--ro-bind", path, path]
    return args


@pytest.fixture
def cohort() -> Iterator[Cohort]:
    if os.geteuid() != 0:
        need("the cohort test creates Unix users: run it as root (CI does)")
    for tool in ("useradd", "userdel", "setpriv", "bwrap"):
        if shutil.which(tool) is None:
            need(f"{tool} is not installed")
    base = Path(tempfile.mkdtemp(prefix="course-cohort-", dir="/tmp"))
    base.chmod(0o755)
    (base / "home").mkdir(mode=0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # nbgrader's exchange docs: everyone may create and enter; inbound is write-only
    suffix = secrets.token_hex(3)
    learners: dict[str, Student] = {}
    try:
        for who in WORK:
            name = f"{who}-{suffix}"
            home = base / "home" / name
            subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--user-group",
                            "--shell", "/usr/sbin/nologin", name], check=True, capture_output=True)
            learners[who] = Student(name, home)
            home.chmod(0o700)  # homes are private
        yield Cohort(base, exchange, learners, learner_view())
    finally:
        for learner in learners.values():
            subprocess.run(["pkill", "-KILL", "-u", learner.name], capture_output=True)
            subprocess.run(["userdel", "--remove", learner.name], capture_output=True)
            with contextlib.suppress(KeyError):
                pwd.getpwnam(learner.name)
                pytest.fail(f"user {learner.name} could not be deleted")
        shutil.rmtree(base, ignore_errors=True)


def each_learner(step) -> None:
    """Run a learner's step for every learner at once (they are separate users, as in a real cohort)."""
    with ThreadPoolExecutor(len(WORK)) as pool:
        for future in [pool.submit(step, who) for who in WORK]:
            future.result()


def instructor(course: Course, cohort: Cohort, *argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COURSE_EXCHANGE_ROOT": str(cohort.exchange),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"}  # an activated environment
    env.pop("JUPYTER_CONFIG_PATH", None)
    done = subprocess.run(list(argv), cwd=course.root, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"instructor: {' '.join(argv[:3])} failed ({done.returncode}):\n{done.stdout[-3000:]}\n"
                    f"{done.stderr[-3000:]}")
    return done


def test_a_cohort_goes_through_the_exchange_and_cannot_read_each_other(course_copy, cohort):
    course = course_copy
    nbgrader, course_cmd = str(BIN / "nbgrader"), str(BIN / "course")
    alice = cohort.learners["alice"]

    instructor(course, cohort, nbgrader, "release_assignment", MODULE)

    # learners fetch, work (answered notebooks are staged world-readable and copied by the learner) and submit
    staging = cohort.base / "staging"
    staging.mkdir(mode=0o755)
    for who, profile in WORK.items():
        answered = learner_notebook(read_notebook(course.release_dir / MODULE / f"{NOTEBOOK}.ipynb"),
                                    read_notebook(course.source_dir / MODULE / f"{NOTEBOOK}.ipynb"), profile)
        staged = staging / f"{who}.ipynb"
        write_notebook(answered, staged)
        staged.chmod(0o644)

    def work(who: str) -> None:
        cohort.nbgrader(who, "fetch_assignment", MODULE)
        fetched = cohort.learners[who].home / MODULE
        assert sorted(p.name for p in fetched.glob("*.ipynb")) == sorted(
            p.name for p in course.release_notebooks(MODULE)), f"{who} did not get the released notebooks"
        for other in fetched.glob("*.ipynb"):
            if other.stem != NOTEBOOK:
                cohort.run(who, "rm", str(other))
        cohort.run(who, "cp", str(staging / f"{who}.ipynb"), str(fetched / f"{NOTEBOOK}.ipynb"))
        cohort.nbgrader(who, "submit", MODULE)

    each_learner(work)

    inbound = cohort.exchange / COURSE_ID / "inbound"
    submissions = sorted(p.name.split("+")[0] for p in inbound.iterdir())
    assert submissions == sorted(learner.name for learner in cohort.learners.values())
    own = alice.home / MODULE / f"{NOTEBOOK}.ipynb"
    assert cohort.tries_to_read("alice", own) == "ok"
    assert cohort.tries_to_read("bob", inbound) == DENIED, "a learner can list the submissions of others"
    assert cohort.tries_to_read("bob", own) == DENIED, "a learner can read another learner's notebook"

    instructor(course, cohort, nbgrader, "collect", MODULE)
    collected = course.root / "submitted" / alice.name / MODULE / f"{NOTEBOOK}.ipynb"
    assert collected.is_file()
    assert cohort.tries_to_read("bob", collected) == DENIED, "a learner can read a collected submission"

    instructor(course, cohort, course_cmd, "grade", MODULE, "--workers", "2")
    instructor(course, cohort, course_cmd, "feedback", MODULE)
    instructor(course, cohort, nbgrader, "release_feedback", MODULE)

    workspace = Workspace.of_course(course)
    with open_gradebook(workspace) as gradebook:
        scores = {who: gradebook.find_submission_notebook(NOTEBOOK, MODULE, cohort.learners[who].name)
                  for who in WORK}
        points = {who: (nb.code_score, nb.max_code_score) for who, nb in scores.items()}
    assert points["alice"][0] == points["alice"][1] > 0, points
    assert 0 < points["bob"][0] < points["alice"][0], points
    assert points["carol"][0] == 0, points

    def fetch_feedback(who: str) -> None:
        cohort.nbgrader(who, "fetch_feedback", MODULE)

    each_learner(fetch_feedback)
    for who in WORK:
        pages = sorted((cohort.learners[who].home / MODULE / "feedback").glob("*/*.html"))
        assert [p.name for p in pages] == [f"{NOTEBOOK}.html"], (who, pages)
        text = pages[0].read_text()
        code_score = points[who][0]
        assert f"{code_score:g}" in text and "Score" in text, f"{who}'s feedback does not show their score"
    feedback = next((alice.home / MODULE / "feedback").glob(f"*/{NOTEBOOK}.html"))
    assert cohort.tries_to_read("alice", feedback) == "ok"
    assert cohort.tries_to_read("bob", feedback) == DENIED, "a learner can read another learner's feedback"
    assert cohort.tries_to_read("bob", cohort.exchange / COURSE_ID / "feedback") == DENIED, (
        "a learner can list the released feedback of others")

"""The Check button's server side (course.plugins.lab_check): which notebooks it checks, how it reports a check
that fails, one that cannot run and one that takes too long; and, through a real Jupyter server started with the
learner's settings, that the handler is authenticated, XSRF-protected and refuses a notebook outside its root."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import http.cookiejar
import json
import os
import sys
import textwrap
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest

from course.plugins.lab_check import WARM_RESTART_SECONDS, Refused, Warmer, notebook_in_root, reason, run_check
from course.proof import warm
from tests import servers
from tests.servers import eventually


@pytest.fixture
def root(tmp_path) -> Path:
    folder = tmp_path / "served"
    (folder / "01_alpha").mkdir(parents=True)
    (folder / "01_alpha" / "1_sums.ipynb").write_text("{}")
    (folder / "notes.txt").write_text("not a notebook")
    (tmp_path / "secret.ipynb").write_text("{}")
    return folder


def refusal(root: Path, path: str) -> Refused:
    with pytest.raises(Refused) as caught:
        notebook_in_root(root, path)
    return caught.value


def test_a_notebook_inside_the_root_is_checked_by_its_resolved_path(root):
    assert notebook_in_root(root, "01_alpha/1_sums.ipynb") == (root / "01_alpha" / "1_sums.ipynb").resolve()
    assert notebook_in_root(root, "/01_alpha/./1_sums.ipynb") == (root / "01_alpha" / "1_sums.ipynb").resolve()


def test_notebooks_outside_the_root_are_refused_even_through_a_link(root):
    assert refusal(root, "../secret.ipynb").status == 403
    assert refusal(root, "01_alpha/../../secret.ipynb").status == 403
    (root / "link.ipynb").symlink_to(root.parent / "secret.ipynb")
    (root / "outside").symlink_to(root.parent)
    assert refusal(root, "link.ipynb").status == 403
    assert refusal(root, "outside/secret.ipynb").status == 403
    assert "outside the folder JupyterLab serves" in refusal(root, "../secret.ipynb").message


@pytest.mark.parametrize(("path", "status"), [("", 400), ("notes.txt", 400), ("01_alpha", 400),
                                              ("01_alpha/2_missing.ipynb", 404), (None, 400)])
def test_what_is_not_a_notebook_in_the_root_is_refused(root, path, status):
    assert refusal(root, path).status == status


def in_own_loop(coroutine):
    """Run a coroutine in a thread of its own (the browser tests' Playwright may own this thread's loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def fake_course(tmp_path: Path, body: str) -> list[str]:
    """A stand-in for `course check --json` (a Python script), so no kernel starts."""
    script = tmp_path / "fake_course.py"
    script.write_text(textwrap.dedent(body))
    return [sys.executable, str(script)]


def test_a_check_that_fails_reports_its_status_summary_failed_tests_and_page(root, tmp_path):
    command = fake_course(tmp_path, """
        import json, pathlib, sys
        notebook = pathlib.Path(sys.argv[1])
        page = notebook.parent / "feedback" / (notebook.stem + ".html")
        page.parent.mkdir(exist_ok=True)
        page.write_text("<html></html>")
        print("some chatter first")
        print(json.dumps({"passed": False, "score": 1.0, "max_score": 3.0, "feedback": str(page),
                          "summary": ["Total: 1/3 autograded points"],
                          "tests": [{"test": "test-a", "result": "pass"}, {"test": "test-b", "result": "FAIL"},
                                    {"test": "written", "result": "manual"}]}))
        sys.exit(1)
    """)
    notebook = notebook_in_root(root, "01_alpha/1_sums.ipynb")
    outcome = in_own_loop(run_check(root, notebook, timeout=60, command=command))
    assert outcome.status == 1 and not outcome.passed
    assert outcome.notebook == "01_alpha/1_sums.ipynb"
    assert outcome.feedback == "01_alpha/feedback/1_sums.html"
    assert outcome.failed == ["test-b"]
    assert outcome.summary == ["Total: 1/3 autograded points"]
    assert (outcome.score, outcome.max_score) == (1.0, 3.0)


def test_a_feedback_page_outside_the_root_is_not_offered(root, tmp_path):
    page = tmp_path / "elsewhere.html"
    page.write_text("<html></html>")
    command = fake_course(tmp_path, f"""
        import json
        print(json.dumps({{"feedback": {str(page)!r}, "summary": [], "tests": []}}))
    """)
    outcome = in_own_loop(run_check(root, notebook_in_root(root, "01_alpha/1_sums.ipynb"), 60, command))
    assert outcome.status == 0 and outcome.passed and outcome.feedback is None
    assert outcome.summary == [f"the feedback page is outside the folder JupyterLab serves: {page}"]


def test_a_check_that_cannot_run_gives_its_one_line_reason(root, tmp_path):
    command = fake_course(tmp_path, """
        import sys
        print("course: error: 1_sums.ipynb is not a notebook of this course", file=sys.stderr)
        sys.exit(2)
    """)
    with pytest.raises(Refused) as caught:
        in_own_loop(run_check(root, notebook_in_root(root, "01_alpha/1_sums.ipynb"), 60, command))
    assert caught.value.status == 422
    assert caught.value.message == "1_sums.ipynb is not a notebook of this course"


def test_a_crash_is_an_error_with_the_last_line_not_a_failed_check(root, tmp_path):
    command = fake_course(tmp_path, "raise RuntimeError('the grader fell over')\n")
    with pytest.raises(Refused) as caught:
        in_own_loop(run_check(root, notebook_in_root(root, "01_alpha/1_sums.ipynb"), 60, command))
    assert caught.value.status == 500
    assert caught.value.message == "RuntimeError: the grader fell over"
    assert reason("", 3) == "course check stopped with exit status 3 and no message"


def test_a_check_over_its_time_limit_is_stopped_with_everything_it_started(root, tmp_path):
    pids = tmp_path / "pids"
    command = fake_course(tmp_path, f"""
        import os, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        open({str(pids)!r}, "w").write(f"{{os.getpid()}} {{child.pid}}")
        time.sleep(60)
    """)
    with pytest.raises(Refused) as caught:
        in_own_loop(run_check(root, notebook_in_root(root, "01_alpha/1_sums.ipynb"), 3, command))
    assert caught.value.status == 504 and "longer than 3 s" in caught.value.message
    assert "COURSE_LAB_CHECK_TIMEOUT" in caught.value.message
    for pid in map(int, pids.read_text().split()):
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE, pid


class Kernels:
    """A stand-in for the server's kernel manager: kernels with their last activity."""

    def __init__(self, *ages: float):
        now = datetime.now(UTC)
        self.kernels = {f"k{i}": SimpleNamespace(last_activity=now - timedelta(seconds=age))
                        for i, age in enumerate(ages)}

    def list_kernel_ids(self):
        return list(self.kernels)

    def get_kernel(self, kernel_id):
        return self.kernels[kernel_id]


def started_long_ago(warmer: Warmer) -> Warmer:
    warmer.since -= 10 * warmer.seconds
    return warmer


def test_the_learner_works_from_the_servers_start_and_while_a_kernel_was_busy_lately(root):
    assert Warmer(root, Kernels(), 600).learner_works(), "a server that has just started: the learner is about to"
    assert not started_long_ago(Warmer(root, Kernels(), 600)).learner_works()
    assert not started_long_ago(Warmer(root, Kernels(900, 3600), 600)).learner_works(), "idle kernels"
    assert started_long_ago(Warmer(root, Kernels(3600, 30), 600)).learner_works(), "a kernel busy 30 s ago"


def test_the_warmer_starts_a_warm_harness_only_when_none_runs(root, tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    command = fake_course(tmp_path, f"""
        import json, os
        open({str(calls)!r}, "a").write(os.getcwd() + "\\n")
        print("chatter")
        print(json.dumps({{"folder": {str(tmp_path / "warm")!r}}}))
    """)
    running = {"alive": False}
    monkeypatch.setattr(warm, "alive", lambda folder: running["alive"] and folder == tmp_path / "warm")
    warmer = Warmer(root, Kernels(), 600, command)

    async def ticks(alive: list[bool]) -> None:
        for state in alive:
            running["alive"] = state
            await warmer.tick()
            warmer.started -= WARM_RESTART_SECONDS / 2

    in_own_loop(ticks([False, True, True, False, False, False]))
    assert calls.read_text().splitlines() == [str(root)] * 3, \
        "started at first, and again once it had ended, but not at every tick after a failed start"
    assert warmer.folder == tmp_path / "warm" and warmer.starts == 3 and warmer.off is None

    started_long_ago(warmer)
    warmer.started -= WARM_RESTART_SECONDS
    running["alive"] = False
    in_own_loop(warmer.tick())
    assert warmer.starts == 3, "no warm harness kept while the learner does not work"


@pytest.mark.parametrize(("body", "why"), [
    ("import sys; print('course: error: not inside the course', file=sys.stderr); sys.exit(2)",
     "not inside the course"),
    ("import json; print(json.dumps({'folder': None}))",
     "checks leave no warm harness (CourseSettings.check_warm_seconds is 0)"),
])
def test_a_warmer_that_cannot_start_one_turns_itself_off_with_the_reason(root, tmp_path, body, why):
    warmer = Warmer(root, Kernels(), 600, fake_course(tmp_path, body))
    in_own_loop(warmer.tick())
    in_own_loop(warmer.tick())
    assert warmer.off == why and warmer.starts == 0


# --- through a real Jupyter server, started as `make lab` starts it for a learner -------------------------------

def post(url: str, body: dict, headers: dict[str, str], opener=None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    opener = opener or urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=600) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


@pytest.fixture
def learner_server(mini_course, tmp_path):
    """A Jupyter server with the learner's settings on a copy of the fixture course's release."""
    with serving(mini_course, tmp_path) as server:
        yield server


@contextlib.contextmanager
def serving(mini_course, tmp_path, **environment: str):
    """A Jupyter server with the learner's settings on a copy of the fixture course's release: (url, token, root)."""
    served = tmp_path / "served"
    (served / "01_alpha").mkdir(parents=True)
    for notebook in (mini_course.release_dir / "01_alpha").glob("*.ipynb"):
        (served / "01_alpha" / notebook.name).write_bytes(notebook.read_bytes())
    with servers.learner_server(served, tmp_path, COURSE_ROOT=str(mini_course.root), PYTHONWARNINGS="ignore",
                                **environment) as (url, token):
        yield url, token, served


@pytest.mark.integration
def test_the_handler_checks_a_notebook_of_its_root_and_refuses_the_rest(learner_server):
    url, token, served = learner_server
    check = f"{url}/course/check"
    auth = {"Authorization": f"token {token}"}

    assert post(check, {"path": "01_alpha/1_sums.ipynb"}, {})[0] == 403  # not logged in
    status, body = post(check, {"path": "../outside.ipynb"}, auth)
    assert status == 403 and "outside the folder JupyterLab serves" in body["message"]

    status, body = post(check, {"path": "01_alpha/1_sums.ipynb"}, auth)  # the release: its tests fail
    assert status == 200, body
    assert body["status"] == 1 and not body["passed"] and body["failed"], body
    assert body["feedback"] == "01_alpha/feedback/1_sums.html" and (served / body["feedback"]).is_file()
    assert any(line.startswith("Total: ") for line in body["summary"]), body["summary"]


@pytest.mark.integration
def test_a_browser_session_needs_the_xsrf_token(learner_server):
    """A logged-in browser (a cookie, no token) must send the XSRF token, as JupyterLab's requests do."""
    url, token, _ = learner_server
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar))
    browser.open(f"{url}/api/status?token={token}", timeout=30).read()  # logs in: sets the session cookies
    xsrf = next((c.value for c in jar if c.name == "_xsrf"), None)
    if xsrf is None:
        browser.open(f"{url}/login", timeout=30).read()
        xsrf = next(c.value for c in jar if c.name == "_xsrf")
    status, body = post(f"{url}/course/check", {"path": "01_alpha/missing.ipynb"}, {}, browser)
    assert status == 403 and "_xsrf" in body["message"], body
    status, body = post(f"{url}/course/check", {"path": "01_alpha/missing.ipynb"}, {"X-XSRFToken": xsrf}, browser)
    assert status == 404 and body["message"] == "no notebook 01_alpha/missing.ipynb", body


@pytest.mark.integration
def test_the_first_check_of_a_session_finds_a_warm_harness_the_server_started(mini_course, tmp_path):
    """From its start, the learner's server keeps a warm harness waiting: the first Check runs in it, and so does
    the next (the server reads the course's configuration at every Check; that must not move the harness's place)."""
    def waiting() -> list[Path]:
        return [f for f in Path("/var/tmp").glob(f"course-check-{os.getuid()}-*") if warm.ready(f)]

    for folder in waiting():  # left by a learner's checks on this machine
        warm.stop(folder)
    folders: list[Path] = []
    try:
        with serving(mini_course, tmp_path, COURSE_CHECK_WARM_SECONDS="120") as (url, token, _):
            deadline = time.monotonic() + 120
            while not folders and time.monotonic() < deadline:
                time.sleep(0.5)
                folders = waiting()
            assert len(folders) == 1, f"one warm harness waits before any check: {folders}"
            for _ in range(2):
                status, body = post(f"{url}/course/check", {"path": "01_alpha/1_sums.ipynb"},
                                    {"Authorization": f"token {token}"})
                assert status == 200 and body["status"] == 1, body
            assert waiting() == folders, "the checks left no other warm harness"
    finally:
        for folder in folders:
            assert eventually(lambda f=folder: warm.stop(f)), "the warm harness is free again and stops"
    log = (folders[0] / "warm.log").read_text()  # once it is free: a job's end is logged after the check's answer
    assert log.count(": started") == 2 and log.count(": ended") == 2, f"both checks ran in it: {log}"

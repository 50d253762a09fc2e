"""Smoke test of the bootcamp JupyterHub (deploy/jupyterhub_config.py), in headless Chromium.

The hub starts on localhost with the course's configuration, its configurable-http-proxy from the npm registry
(deploy/node_modules) and its course service; a module is released to the exchange; a learner (a real Unix user
with a password, PAM login) logs in through the hub's login page, gets a JupyterLab of their own and sees the
module in nbgrader's assignment list, and no instructor tools.

The hub runs as root (as it does on a bootcamp server) inside a mount namespace in which a private parent of the
interpreter (CI's Python lives below /root, mode 0700) is replaced by read-only binds of just what the servers
need, so that the learner's server can start Python; nothing else changes.
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
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.layout import Course
from tests.conftest import ROOT
from tests.grading.test_cohort import learner_view
from tests.servers import LOCALHOST, free_port, http_status, need, running

pytestmark = [pytest.mark.browser, pytest.mark.cohort]

MODULE = "01_coding"
BIN = Path(sys.executable).parent
PROXY = ROOT / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass(frozen=True)
class Hub:
    url: str
    learner: str
    password: str
    base: Path


def add_user(name: str, home: Path, password: str | None = None) -> None:
    subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--user-group", "--shell", "/bin/sh",
                    name], check=True, capture_output=True)
    if password is not None:
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True, capture_output=True)


@contextlib.contextmanager
def unix_users() -> Iterator[list[str]]:
    """Collects the users a test creates, and deletes them (and their processes and homes) afterwards."""
    created: list[str] = []
    try:
        yield created
    finally:
        for name in created:
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
            subprocess.run(["userdel", "--remove", name], capture_output=True)
            with contextlib.suppress(KeyError):
                pwd.getpwnam(name)
                pytest.fail(f"user {name} could not be deleted")


@pytest.fixture
def hub(browser) -> Iterator[Hub]:
    if os.geteuid() != 0:
        need("the hub test creates Unix users and runs the hub as root (CI does)")
    for tool in ("useradd", "userdel", "chpasswd", "bwrap"):
        if shutil.which(tool) is None:
            need(f"{tool} is not installed")
    if not os.access(PROXY, os.X_OK):
        need("configurable-http-proxy is not installed: npm ci --prefix deploy (.ci/run does it)")
    if shutil.which("jupyterhub", path=str(BIN)) is None:
        need("jupyterhub is not installed (make setup installs the dev extras)")

    base = Path(tempfile.mkdtemp(prefix="course-hub-", dir="/tmp"))
    base.chmod(0o755)
    suffix = secrets.token_hex(3)
    learner, grader, password = f"learner-{suffix}", f"grader-{suffix}", secrets.token_urlsafe(12)
    with unix_users() as created:
        try:
            (base / "home").mkdir(mode=0o755)
            add_user(learner, base / "home" / learner, password)
            created.append(learner)
            add_user(grader, base / "home" / grader)
            created.append(grader)
            # the course folder belongs to the grader account that runs the course service
            course = Course(ROOT).copy_to(base / "course", variants=False).root
            exchange = base / "exchange"
            exchange.mkdir()
            exchange.chmod(0o777)
            state = base / "state"
            state.mkdir(mode=0o700)
            env = {**os.environ, "COURSE_EXCHANGE_ROOT": str(exchange), "PYTHONWARNINGS": "ignore"}
            env.pop("JUPYTER_CONFIG_PATH", None)
            subprocess.run([str(BIN / "nbgrader"), "release_assignment", MODULE], cwd=course, env=env,
                           check=True, capture_output=True, timeout=300)
            subprocess.run(["chown", "-R", f"{grader}:{grader}", str(course)], check=True)

            port, proxy_api, hub_port, service_port = (free_port() for _ in range(4))
            env.update({
                "COURSE_HUB_LEARNERS": learner,
                "COURSE_HUB_INSTRUCTORS": "",
                "COURSE_HUB_GRADER": grader,
                "COURSE_ROOT": str(course),
                "COURSE_HUB_URL": f"http://{LOCALHOST}:{port}",
                "COURSE_HUB_SERVICE_PORT": str(service_port),
                "COURSE_HUB_STATE": str(state),
                "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
            })
            argv = ["bwrap", "--dev-bind", "/", "/", *learner_view(), "--cap-add", "ALL", "--die-with-parent", "--",
                    str(BIN / "jupyterhub"), "-f", str(ROOT / "deploy" / "jupyterhub_config.py"),
                    f"--ConfigurableHTTPProxy.api_url=http://{LOCALHOST}:{proxy_api}",
                    f"--JupyterHub.hub_port={hub_port}", "--JupyterHub.hub_ip=127.0.0.1"]
            url = f"http://{LOCALHOST}:{port}"
            with running(argv, log=base / "hub.log", env=env, cwd=state,
                         ready=lambda: http_status(f"{url}/hub/api/") == 200, timeout=120):
                yield Hub(url, learner, password, base)
        finally:
            shutil.rmtree(base, ignore_errors=True)


def test_a_learner_logs_in_to_the_hub_and_sees_the_assignment_list(hub, steps):
    page = steps.page
    page.goto(f"{hub.url}/hub/login")
    page.locator("input#username_input").fill(hub.learner)
    page.locator("input#password_input").fill(hub.password)
    steps.shot("hub login page")
    page.locator("#login_submit").click()

    # the hub spawns the learner's own JupyterLab and redirects to it
    page.wait_for_url(f"**/user/{hub.learner}/lab**", timeout=120_000)
    page.locator("#jp-MainMenu").get_by_text("Nbgrader", exact=True).wait_for(timeout=120_000)
    steps.shot("the learner's jupyterlab")

    # the Check button is there without a build: its Lab extension is loaded, its server side answers
    config = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent)")
    assert "@ml-interview-course/check" in [e["name"] for e in config["federated_extensions"]], config
    answer = page.evaluate("""async (base) => {
        const xsrf = (document.cookie.match(/(?:^|; )_xsrf=([^;]*)/) || [])[1] || '';
        const response = await fetch(base + 'course/check', {method: 'POST', headers: {'X-XSRFToken': xsrf},
                                     body: JSON.stringify({path: 'no-such.ipynb'})});
        return [response.status, await response.json()];
    }""", config["baseUrl"])
    assert answer == [404, {"message": "no notebook no-such.ipynb"}], answer

    page.locator("#jp-MainMenu").get_by_text("Nbgrader", exact=True).click()
    menu = page.locator(".lm-Menu:visible").last
    labels = [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts() if t.strip()]
    assert any("Assignment List" in t for t in labels), labels
    assert not [t for t in labels if "Formgrader" in t or "Course" in t or "Create" in t], labels
    menu.get_by_text("Assignment List").first.click()

    released = page.locator("#released_assignments_list")
    released.get_by_text(MODULE).first.wait_for(timeout=60_000)
    steps.shot("assignment list with the released module")
    assert released.get_by_text(MODULE).count() >= 1, f"{MODULE} is not in the learner's released assignments"

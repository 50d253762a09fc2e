"""Browser fixtures: headless Chromium from Debian's package driven by Playwright, JupyterLab servers started the
way `make lab` and `make lab-instructor` start them, and a screenshot of every step.

Screenshots go to tests/browser/screenshots/TEST/ (git-ignored), numbered in step order; when a test fails, a
last one named `failed` shows the page as it was. Playwright never downloads a browser here: it drives
/usr/bin/chromium (or $COURSE_CHROMIUM), which `.ci/run` installs.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import LOCALHOST, free_port, http_status, need, running

SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's own sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-proxy-server",
]
# JupyterLab settings for the tests: no news or update pop-ups over the page, and every cell of a notebook
# rendered (not only those in view), so that screenshots after scrolling show the cells
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                      "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def chromium_path() -> str | None:
    path = os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if os.access(path, os.X_OK) else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        need("Chromium is not installed (Debian: apt-get install chromium; .ci/run does it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("the playwright Python package is not installed (make setup installs the dev extras)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Steps:
    """A page plus numbered screenshots of each step of a test."""

    page: object
    folder: Path
    taken: list[Path] = field(default_factory=list)

    def shot(self, name: str, full_page: bool = False) -> Path:
        path = self.folder / f"{len(self.taken) + 1:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        self.taken.append(path)
        return path


@pytest.fixture
def steps(browser, request) -> Iterator[Steps]:
    folder = SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    recorded = Steps(page, folder)
    request.node.course_steps = recorded
    try:
        yield recorded
    finally:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    recorded = getattr(item, "course_steps", None)
    if recorded is not None and report.when == "call" and report.failed:
        try:
            path = recorded.shot("failed", full_page=True)
            report.sections.append(("screenshots", f"{recorded.folder} (last: {path.name})"))
        except Exception as exc:  # a crashed page: say so instead of hiding the test's own failure
            report.sections.append(("screenshots", f"{recorded.folder} (no final screenshot: {exc})"))


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab: its URL (with the token) and where it serves from."""

    url: str
    token: str
    root: Path
    log: Path

    def open(self, path: str = "") -> str:
        return f"{self.url}/lab{'/tree/' + path if path else ''}?token={self.token}&reset"


def lab_environment(tmp: Path, as_shipped: bool = False) -> dict[str, str]:
    """Environment for a test JupyterLab: private settings, workspaces and runtime folders.

    `as_shipped`: the course's own Lab settings only (no pop-ups hidden by the tests), and a PATH without the
    course environment, as in a new terminal on a fresh clone (the make target must add it)."""
    settings = tmp / "lab-settings"
    wanted = {k: v for k, v in LAB_SETTINGS.items() if "notification" not in k} if as_shipped else LAB_SETTINGS
    for name, values in wanted.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "lab-workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter-runtime"),
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("JUPYTER_CONFIG_PATH", None)  # the make target sets the role's folder
    if as_shipped:
        venv_bin = str(ROOT / ".venv" / "bin")
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


def start_lab(target: str, tmp: Path, make_vars: dict[str, str], root: Path, as_shipped: bool = False):
    """Start JupyterLab with `make TARGET` (the command users run) on a free port; a context manager.
    `as_shipped`: exactly as a user meets it (see `lab_environment`)."""
    port, token = free_port(), secrets.token_hex(16)
    lab_args = (f"--no-browser --ServerApp.ip={LOCALHOST} --ServerApp.port={port} --ServerApp.port_retries=0 "
                f"--IdentityProvider.token={token}" + ("" if as_shipped else " --LabApp.news_url=None"))
    make = shutil.which("make")
    if make is None:
        need("make is not installed")
    # the environment is already set up (these tests run in it): make must not reinstall it
    argv = [make, "--no-print-directory", "-C", str(ROOT), "--assume-old=.venv/.installed",
            target, f"LAB_ARGS={lab_args}", *(f"{k}={v}" for k, v in make_vars.items())]
    log = tmp / f"{target}.log"
    url = f"http://{LOCALHOST}:{port}"
    server = running(argv, log=log, env=lab_environment(tmp, as_shipped),
                     ready=lambda: http_status(f"{url}/api/status?token={token}") == 200)
    return server, Lab(url, token, root, log)


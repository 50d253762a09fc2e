"""Real servers for the end-to-end tests: free localhost ports, start, wait until ready, always stop.

A server runs in its own process group with its output in a log file; when the test ends (passed, failed or
interrupted) the group is terminated, then killed, and so is every process it started in a session of its own
(JupyterHub starts the proxy and the learners' servers that way). A server that exits before it is ready fails
the test with the end of its log.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import psutil
import pytest

LOCALHOST = "127.0.0.1"
LEARNER_SETTINGS = Path(__file__).resolve().parents[1] / "deploy" / "jupyter" / "learner"  # the learner's (`make lab`)


def need(reason: str) -> None:
    """Skip, or fail under COURSE_REQUIRE_SERVICES=1 (set by .ci/run), when something a test needs is missing."""
    if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":
        pytest.fail(f"required for this test: {reason}")
    pytest.skip(reason)


def eventually(condition: Callable[[], object], seconds: float = 60.0) -> bool:
    """Whether `condition()` came true within `seconds` (asked every 0.1 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def free_port() -> int:
    """A TCP port on localhost that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]


def http_status(url: str, timeout: float = 5.0) -> int | None:
    """The HTTP status of GET url (redirects are not followed), or None when nothing answers."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return None


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextlib.contextmanager
def running(
    argv: Sequence[str],
    *,
    log: Path,
    ready: Callable[[], bool],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120.0,
) -> Iterator[subprocess.Popen]:
    """Start `argv`, wait until `ready()` is true, yield the process, and stop it and everything it started."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            list(argv), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=env, cwd=cwd, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout
        while not ready():
            if proc.poll() is not None:
                pytest.fail(f"{argv[0]} exited with status {proc.returncode} before it was ready; log {log}:\n"
                            + log_tail(log))
            if time.monotonic() > deadline:
                pytest.fail(f"{argv[0]} was not ready after {timeout:.0f} s; log {log}:\n" + log_tail(log))
            time.sleep(0.25)
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, grace: float = 15.0) -> None:
    """Terminate a server's process group and every descendant, then kill what is left after `grace` seconds."""
    try:
        family = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    # descendants in sessions of their own (a hub's proxy and single-user servers) get the same treatment
    alive = [p for p in family if p.is_running()]
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    _, alive = psutil.wait_procs(alive, timeout=grace)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(alive, timeout=5)


@contextlib.contextmanager
def learner_server(served: Path, scratch: Path, **environment: str) -> Iterator[tuple[str, str]]:
    """A Jupyter server with the learner's settings serving the folder `served`, as `make lab` starts it (its runtime
    files and log in `scratch`; `environment` added to this process's): (url, token)."""
    import secrets
    import sys

    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(LEARNER_SETTINGS),
           "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"), **environment}
    argv = [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--ServerApp.ip={LOCALHOST}",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            "--ServerApp.root_dir=.", "--allow-root"]
    url = f"http://{LOCALHOST}:{port}"
    with running(argv, log=scratch / "server.log", env=env, cwd=served,
                 ready=lambda: http_status(f"{url}/api/status?token={token}") == 200):
        yield url, token

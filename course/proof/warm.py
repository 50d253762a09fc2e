"""A warm harness for a learner's next `course check`.

A check's harness (course.proof.harness) spends about a second importing numpy, pandas and scikit-learn before it
runs a cell, as the learner's kernel does in its setup cell. So a check that starts its own harness leaves a warm one
behind: a process that has imported what the grading kernels' template imports (course.sandbox.forkserver.PRELOAD,
as the proof's replay harness does; a new check's harness imports less, `LIGHT`, and the rest imports silently when a
cell needs it, tests/selfpaced) and nothing else, and waits on a Unix socket that only this user may open, in the
sandbox when the check ran in it. The next check hands it its job; it forks a process that runs the job with the
same code as a new harness (course.proof.harness.run), with the check's own home folder, its log and its results in
the check's folder.

After each job, every process the job left is killed and, in the sandbox, every process of its unprivileged user
and the sandbox's /tmp and /dev/shm, as a new sandbox would start. A warm harness runs one job at a time (a check
that finds it busy starts its own), stops when its check goes away (Ctrl-C, the Check button's time limit), and ends
after `CourseSettings.check_warm_seconds` without a check. It serves only checks with the same interpreter, course
code, installed packages, environment and sandbox: its folder's name is a digest of them, so a change leaves the old
one to time out.

    python -m course.proof.warm FOLDER SECONDS      # started by `course check`, never by hand
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import select
import signal
import socket
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from course.proof.launch import Sandbox

SOCKET = "socket"
HOME_VARIABLES = ("HOME", "IPYTHONDIR", "MPLCONFIGDIR")  # each job has its own home folder
ANSWER_SECONDS = 1.0  # a warm harness answers at once; one that does not is taken as absent


# The learner's side: find, ask and leave a warm harness.

def folder_for(sandbox: Sandbox | None) -> Path | None:
    """This user's warm-harness folder for `sandbox` and the code and environment of this process, with its checks/
    (created if missing; the sandbox's user may pass through both, no more), or None when it cannot be trusted
    (another user's, or writable by others)."""
    base = Path("/var/tmp") if Path("/var/tmp").is_dir() else Path(tempfile.gettempdir())
    folder = base / f"course-check-{os.getuid()}-{_key(sandbox)}"
    for created in (folder, folder / "checks"):
        with contextlib.suppress(FileExistsError):
            created.mkdir()
            created.chmod(0o711)
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return folder


def _key(sandbox: Sandbox | None) -> str:
    """A digest of what a warm harness's state depends on: interpreter, course code, packages, environment,
    sandbox."""
    import site

    import course
    from course.proof.launch import harness_environment

    package = Path(course.__file__).resolve().parent
    code = sorted((str(p.relative_to(package)), p.stat().st_mtime_ns, p.stat().st_size) for p in package.rglob("*.py"))
    packages = [(p, os.stat(p).st_mtime_ns) for p in site.getsitepackages() if os.path.isdir(p)]
    environment = {k: v for k, v in harness_environment(Path("/")).items() if k not in HOME_VARIABLES}
    what = [sys.executable, sys.version, code, packages, sorted(environment.items()),
            None if sandbox is None else sandbox.bwrap]
    return hashlib.sha256(json.dumps(what, default=str).encode()).hexdigest()[:24]


def connect(folder: Path) -> socket.socket | None:
    """A connection to the warm harness in `folder`, or None when none listens there."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(ANSWER_SECONDS)
    try:
        connection.connect(str(folder / SOCKET))
    except OSError:
        connection.close()
        return None
    return connection


def exchange(connection: socket.socket, request: dict, wait: float | None = ANSWER_SECONDS) -> dict:
    """Send `request` and wait for the answer ({} when the connection ends first); `wait`: for how long (None: as
    long as it takes, a job's end)."""
    try:
        connection.settimeout(ANSWER_SECONDS)
        connection.sendall(json.dumps(request).encode() + b"\n")
        connection.settimeout(wait)
        return json.loads(_line(connection) or b"{}")
    except (OSError, ValueError):
        return {}


def ask(folder: Path, request: dict) -> dict:
    """The answer of the warm harness in `folder` to `request` ({} when none answers)."""
    connection = connect(folder)
    if connection is None:
        return {}
    with connection:
        return exchange(connection, request)


def ready(folder: Path) -> bool:
    """Whether a warm harness waits in `folder` and is free for a job."""
    return bool(ask(folder, {"op": "ping"}).get("ready"))


def alive(folder: Path) -> bool:
    """Whether a warm harness runs in `folder`, free or busy with a check's job."""
    return bool(ask(folder, {"op": "ping"}))


def stop(folder: Path) -> bool:
    """Stop the warm harness in `folder` if it is free: whether it stopped."""
    return bool(ask(folder, {"op": "stop"}).get("stopped"))


def leave(folder: Path, sandbox: Sandbox | None, seconds: int, environment: dict[str, str]) -> None:
    """Start a warm harness in `folder` (`folder_for(sandbox)`) for the next check, in the background, unless one
    runs there already; `environment`: the one a new harness of this check got (its home folder aside)."""
    import subprocess

    if seconds <= 0 or alive(folder):  # free, or busy with a check: it takes the next one after
        return
    _forget_stale(folder)
    home = folder / "home"
    environment = {**environment, "HOME": str(home), "IPYTHONDIR": str(home / ".ipython"),
                   "MPLCONFIGDIR": str(home / ".mpl")}
    argv = [sys.executable, "-m", "course.proof.warm", str(folder), str(seconds)]
    if sandbox is not None:
        from course.sandbox import bwrap

        argv = bwrap.command(folder, argv, sandbox.bwrap, die_with_parent=False)
    with (folder / "warm.log").open("wb") as log:
        subprocess.Popen(argv, cwd=folder, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                         start_new_session=True)


def _forget_stale(keep: Path, age: float = 3600.0) -> None:
    """Remove this user's warm-harness folders that nothing serves any more (the code or the environment changed,
    or the harness ended long ago), except `keep`."""
    import shutil
    import time

    for folder in keep.parent.glob(f"course-check-{os.getuid()}-*"):
        with contextlib.suppress(OSError):
            info = os.lstat(folder)
            if (folder != keep and stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
                    and time.time() - info.st_mtime > age and not (folder / SOCKET).exists()):
                shutil.rmtree(folder)


# The warm harness itself.

def serve(folder: Path, idle: float) -> int:
    """Import what the grading kernels' template imports, then run one job at a time until `idle` seconds pass
    without one."""
    from course.proof.harness import LIGHT
    from course.sandbox import forkserver

    forkserver.preload(tuple(dict.fromkeys(forkserver.PRELOAD + LIGHT)))
    path = folder / SOCKET
    server = _listen(path)
    if server is None:  # another warm harness serves this folder
        return 0
    forkserver.SOCKET_PATH = str(path)  # its folder is never emptied by a sweep of the sandbox's /tmp
    mine = os.stat(path).st_ino
    try:
        while select.select([server], [], [], idle)[0]:
            connection, _ = server.accept()
            with connection:
                if not _serve(server, connection, folder):
                    break
    finally:
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == mine:
                path.unlink()
    return 0


def _listen(path: Path) -> socket.socket | None:
    """A socket at `path` that only this user may open; None when a live warm harness already listens there."""
    if path.exists():
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(str(path))
            return None
        except OSError:
            path.unlink(missing_ok=True)  # left by a warm harness that was killed
        finally:
            connection.close()
    os.umask(0o077)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    except OSError:
        return None
    os.chmod(path, 0o600)
    server.listen(8)
    return server


def _serve(server: socket.socket, connection: socket.socket, folder: Path) -> bool:
    """Answer one request: a ping, a stop (then False), or a job run in a forked process while this one watches
    it."""
    connection.settimeout(ANSWER_SECONDS * 5)
    try:
        request = json.loads(_line(connection) or b"{}")
    except (OSError, ValueError):
        return True
    connection.settimeout(None)
    if request.get("op") == "stop":
        _answer(connection, {"stopped": True})
        return False
    if request.get("op") != "run":
        _answer(connection, {"ready": True})
        return True
    root = Path(str(request.get("folder", "")))
    if not root.is_dir() or folder.resolve() not in root.resolve().parents:
        _answer(connection, {"error": "the job's folder is not in this warm harness's folder"})
        return True
    pid = os.fork()
    if pid == 0:
        server.close()
        _job(connection, request, root)
    print(f"job {root.parent.name}: started", flush=True)  # the warm harness's log (warm.log in its folder)
    _watch(server, connection, pid)
    _sweep(request)
    print(f"job {root.parent.name}: ended", flush=True)
    return True


def _job(connection: socket.socket, request: dict, root: Path) -> None:
    """In the forked process: run the job as a new harness would, answer its exit status, end."""
    code = 1
    try:
        os.setsid()  # the job and everything it starts: one process group to stop
        home = root / "home"
        os.environ.update({"HOME": str(home), "IPYTHONDIR": str(home / ".ipython"), "MPLCONFIGDIR": str(home / ".mpl")})
        log = os.open(root / "harness.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.chdir(root)
        if "random" in sys.modules:
            sys.modules["random"].seed()  # fresh entropy, as a new harness process has (numpy's: per notebook)
        from course.proof.harness import Job, run

        code = run(Job.of(request["job"]), root / "results")
    except BaseException:
        with contextlib.suppress(Exception):
            import traceback

            traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
            _answer(connection, {"exit": code})
        os._exit(0)


def _watch(server: socket.socket, connection: socket.socket, pid: int) -> None:
    """Wait for the job's process to end; meanwhile tell other checks that this harness is busy, and stop the job
    if its check goes away."""
    try:
        ended = os.pidfd_open(pid)
    except (AttributeError, OSError):
        ended = None
    watched: list = [server, connection, *([ended] if ended is not None else [])]
    try:
        while True:
            readable = select.select(watched, [], [], None if ended is not None else 0.05)[0]
            if server in readable:
                other, _ = server.accept()
                with other:
                    other.settimeout(ANSWER_SECONDS)
                    with contextlib.suppress(OSError):
                        _line(other)
                        _answer(other, {"busy": True})
            if connection in readable and not _recv(connection):  # the check went away: stop its job
                watched.remove(connection)
                with contextlib.suppress(OSError):
                    os.killpg(pid, signal.SIGKILL)
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
    finally:
        if ended is not None:
            os.close(ended)
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)  # whatever the job left in its process group


def _sweep(request: dict) -> None:
    """In the sandbox, end every process of the job's unprivileged user and empty /tmp and /dev/shm."""
    users = {int(nb["user"]["uid"]) for nb in request["job"].get("notebooks", {}).values() if nb.get("user")}
    if users:
        from course.sandbox import forkserver

        for uid in users:
            forkserver._sweep(uid)


def _recv(connection: socket.socket) -> bytes:
    try:
        return connection.recv(4096)
    except OSError:
        return b""


def _line(connection: socket.socket) -> bytes:
    """One line from `connection` (without its newline); b"" when it closes first."""
    data = bytearray()
    while not data.endswith(b"\n"):
        chunk = connection.recv(1 << 16)
        if not chunk:
            return b""
        data += chunk
    return bytes(data[:-1])


def _answer(connection: socket.socket, answer: dict) -> None:
    connection.sendall(json.dumps(answer).encode() + b"\n")


if __name__ == "__main__":
    status = serve(Path(sys.argv[1]), float(sys.argv[2]))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)

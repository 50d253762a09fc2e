"""A template process that imports ipykernel and the scientific stack once, then forks kernels on request.

Starting a kernel the usual way costs a new interpreter plus ~3 s of imports (scikit-learn alone ~2 s).
Forking this template costs milliseconds; each kernel is still its own process with its own memory,
so learners never share state. Requests arrive as one JSON line on a Unix socket:

    {"op": "spawn", "argv": [...ipykernel args...], "env": {...}, "cwd": "..."}  -> {"pid": 1234}
    {"op": "status", "pid": 1234}                                                 -> {"exit": null | int}

Run as `python -m course.kernels.forkserver SOCKET_PATH PARENT_PID`; it prints "ready" once listening and
exits with the process that started it.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import signal
import socket
import sys

PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "numpy",
    "scipy.special",
    "scipy.stats",
    "pandas",
    "sklearn.base",
    "sklearn.cluster",
    "sklearn.compose",
    "sklearn.datasets",
    "sklearn.decomposition",
    "sklearn.ensemble",
    "sklearn.feature_extraction.text",
    "sklearn.linear_model",
    "sklearn.metrics",
    "sklearn.model_selection",
    "sklearn.neighbors",
    "sklearn.neural_network",
    "sklearn.pipeline",
    "sklearn.preprocessing",
    "sklearn.svm",
    "sklearn.tree",
    "course.checks",
)

_exits: dict[int, int] = {}


def _die_with_parent(parent: int) -> None:
    """Exit when the process that started us dies: PR_SET_PDEATHSIG on Linux, plus a check for the case
    where it died before the signal was armed."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(0)


def _reap(*_: object) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _exits[pid] = os.waitstatus_to_exitcode(status)


def _preload() -> None:
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def _become_kernel(request: dict) -> None:
    """In the forked child: become an IPython kernel as `python -m ipykernel_launcher ARGV` would."""
    _die_with_parent(request["server"])  # a kernel never outlives its template process
    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(request.get("env") or {})
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    if request.get("cwd"):
        os.chdir(request["cwd"])
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    with contextlib.suppress(Exception):
        import numpy

        numpy.random.seed()  # fresh entropy: forked children must not share the template's RNG state
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    if request.get("cwd"):
        sys.path[0] = request["cwd"]  # as `python -m` would set it in the kernel's folder
    from ipykernel.kernelapp import launch_new_instance

    code = 0
    try:
        launch_new_instance()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _handle(server: socket.socket, conn: socket.socket) -> None:
    with conn, conn.makefile("rwb") as stream:
        request = json.loads(stream.readline() or b"{}")
        if request.get("op") == "spawn":
            request["server"] = os.getpid()
            pid = os.fork()
            if pid == 0:
                server.close()
                conn.close()
                _become_kernel(request)
            reply = {"pid": pid}
        elif request.get("op") == "status":
            _reap()
            reply = {"exit": _exits.get(int(request["pid"]))}
        else:
            reply = {"error": f"unknown request {request.get('op')!r}"}
        stream.write(json.dumps(reply).encode() + b"\n")
        stream.flush()


def serve(path: str, parent: int) -> None:
    _die_with_parent(parent)
    _preload()
    signal.signal(signal.SIGCHLD, _reap)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        try:
            _handle(server, conn)
        except Exception as exc:  # a bad request must not take the template down
            print(f"forkserver: {exc!r}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))

"""A template process that imports ipykernel and the scientific stack once, then forks kernels on request.

Starting a kernel the usual way costs a new interpreter plus ~3 s of imports (scikit-learn alone ~2 s).
Forking this template costs milliseconds; each kernel is still its own process with its own memory, so
learners never share state. Requests arrive as one JSON line on a Unix socket:

    {"op": "spawn", "argv": [...], "env": {...}, "cwd": "...", "user": {"uid", "gid", "limits"}?} -> {"pid"}
    {"op": "status", "pid": P}           -> {"exit": null | int}
    {"op": "signal", "pid": P, "sig": S} -> {"ok": true}   (to the kernel's process group)
    {"op": "sweep", "uid": U}            -> {"killed": N}  (every process of user U: nothing outlives a grading)

With "user", the kernel drops to that unprivileged user after applying the resource limits (the template
runs inside the bubblewrap sandbox with just enough capabilities for that, see course.sandbox.bwrap).

Run as `python -m course.sandbox.forkserver SOCKET_PATH PARENT_PID [HIDDEN]` (PARENT_PID 0 inside a PID namespace);
it prints "ready" once listening and exits with the process that started it. HIDDEN (`sklearn,scipy`) makes it
the template of from-scratch kernels (course.sandbox.scratch): it preloads nothing that needs those packages, and
its kernels get stubs for them.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import resource
import signal
import socket
import sys
import time

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
    "course.sandbox.guard",
    "course.sandbox.limits",
)
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38

_exits: dict[int, int] = {}
SOCKET_PATH = ""


def _prctl(option: int, value: int) -> None:
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _die_with_parent(parent: int) -> None:
    """Exit when the process that started us dies: PR_SET_PDEATHSIG on Linux, plus a check for the case
    where it died before the signal was armed (skipped with parent 0, inside a PID namespace)."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent and os.getppid() != parent:
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


def preload(modules: tuple[str, ...] | None = None, hidden: tuple[str, ...] = ()) -> None:
    """Import what every kernel needs (also used by the proof's replay harness, course.proof.harness); with
    `hidden`, none of those packages nor anything that imports them."""
    finder = None
    if hidden:
        from course.sandbox import scratch

        finder = scratch.install(hidden, stubs=False)  # refuses them: whatever needs one is left out
    for name in PRELOAD if modules is None else modules:
        if name.partition(".")[0] not in hidden:
            with contextlib.suppress(Exception):
                importlib.import_module(name)
    if finder is not None:
        finder.stubs = True  # from here on (in the kernels), learner code gets stubs


def drop_privileges(user: dict) -> None:
    """Resource limits, then the unprivileged user: from here on the process cannot raise them again."""
    from course.sandbox.limits import apply

    apply(user.get("limits", {}))
    os.setgroups([])
    os.setgid(int(user["gid"]))
    os.setuid(int(user["uid"]))
    _prctl(PR_SET_NO_NEW_PRIVS, 1)


def _become_kernel(request: dict) -> None:
    """In the forked child: become an IPython kernel as `python -m ipykernel_launcher ARGV` would."""
    try:
        _prepare_kernel(request)
    except BaseException:
        import traceback

        traceback.print_exc()
        os._exit(1)
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    from ipykernel.kernelapp import launch_new_instance

    code = 0
    try:
        launch_new_instance()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()  # to the grader's log: a kernel that cannot start must say why
        code = 1
    finally:
        os._exit(code)


def _prepare_kernel(request: dict) -> None:
    _die_with_parent(request["server"])  # a kernel never outlives its template process
    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if request.get("ipc"):
        _unshare(CLONE_NEWIPC)  # SysV IPC objects die with this kernel; none of an earlier kernel's are visible
    if request.get("guard"):
        from course.sandbox.guard import install

        install()
    if request.get("user"):
        drop_privileges(request["user"])
    _only_own_descriptors(request.get("log"))  # as the kernel's user: its log is its own
    os.environ.clear()
    os.environ.update(request.get("env") or {})
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    if request.get("cwd"):
        os.chdir(request["cwd"])
        sys.path[0] = request["cwd"]  # as `python -m` would set it in the kernel's folder
    fresh_random_state()


CLONE_NEWIPC = 0x08000000


def _unshare(flags: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags) != 0:
        raise OSError(ctypes.get_errno(), "unshare failed: the kernel cannot get a fresh IPC namespace")


def _only_own_descriptors(log: str | None) -> None:
    """A kernel keeps no descriptor of the template or the grader: stdin from /dev/null, stdout and stderr to its
    own log (never the grader's terminal), every other inherited descriptor closed."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600) if log else os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])


def fresh_random_state() -> None:
    """Fresh entropy for numpy's global generator: forked processes must not share the template's state."""
    with contextlib.suppress(Exception):
        import numpy

        numpy.random.seed()


def _processes_of(uid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/status") as status:
                for line in status:
                    if line.startswith("Uid:"):
                        if int(line.split()[1]) == uid:
                            pids.append(int(entry))
                        break
    return pids


def _sweep(uid: int) -> int:
    """Kill every process of `uid` (the kernels' unprivileged user): daemons and fork bombs included."""
    killed = 0
    for _ in range(50):
        pids = _processes_of(uid)
        if not pids:
            break
        killed = max(killed, len(pids))
        helper = os.fork()
        if helper == 0:  # as that user, kill(-1) reaches exactly its processes (and not this one)
            try:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(helper, 0)
        time.sleep(0.02)
        _reap()
    helper = os.fork()
    if helper == 0:  # as that user first: this process has no right to empty the user's own folders (0700, sticky)
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            _wipe_scratch()
        finally:
            os._exit(0)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(helper, 0)
    _wipe_scratch()  # then what is left (not the user's)
    return killed


def _wipe_scratch() -> None:
    """Empty the sandbox's private /tmp and /dev/shm, so that the next kernel finds them empty."""
    own = os.path.dirname(SOCKET_PATH)  # this template's folder is bound from the host: never wiped here
    for scratch in ("/tmp", "/dev/shm"):
        with contextlib.suppress(OSError):
            for entry in os.listdir(scratch):
                path = os.path.join(scratch, entry)
                if not (own == path or own.startswith(path + "/")):
                    _remove(path)


def _remove(path: str) -> None:
    import shutil

    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _spawn(server: socket.socket, conn: socket.socket, request: dict) -> dict:
    request["server"] = os.getpid()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # no reaping until the PID is fresh
    try:
        pid = os.fork()
        if pid == 0:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
            server.close()
            conn.close()
            _become_kernel(request)
        _exits.pop(pid, None)  # a reused PID must not report an earlier kernel's exit
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
    return {"pid": pid}


def _handle(server: socket.socket, conn: socket.socket) -> None:
    with conn, conn.makefile("rwb") as stream:
        request = json.loads(stream.readline() or b"{}")
        op = request.get("op")
        if op == "spawn":
            reply = _spawn(server, conn, request)
        elif op == "status":
            _reap()
            reply = {"exit": _exits.get(int(request["pid"]))}
        elif op == "signal":
            pid, sig = int(request["pid"]), int(request["sig"])
            try:
                os.killpg(pid, sig)
            except OSError:
                with contextlib.suppress(OSError):
                    os.kill(pid, sig)
            reply = {"ok": True}
        elif op == "sweep":
            reply = {"killed": _sweep(int(request["uid"]))}
        else:
            reply = {"error": f"unknown request {op!r}"}
        stream.write(json.dumps(reply).encode() + b"\n")
        stream.flush()


def serve(path: str, parent: int, hidden: tuple[str, ...] = ()) -> None:
    global SOCKET_PATH
    SOCKET_PATH = path
    _die_with_parent(parent)
    preload(hidden=hidden)
    signal.signal(signal.SIGCHLD, _reap)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)  # only the grader (and this template) may ask for kernels, never a kernel itself
    server.listen(64)
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        try:
            _handle(server, conn)
        except Exception as exc:  # a bad request must not take the template down
            print(f"forkserver: {exc!r}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), tuple(filter(None, "".join(sys.argv[3:4]).split(","))))

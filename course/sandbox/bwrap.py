"""The grading sandbox: bubblewrap namespaces around the kernel template, resource limits around each kernel.

The kernel template (fork server) of a grading worker runs inside `bwrap`:
  - it sees a read-only Python environment (the interpreter, the virtual environment, the `course` package) and
    read-only system folders, a private /tmp, /dev and /proc, and one writable folder of its own; the course's
    `source/`, the gradebook, the exchange, other submissions and home folders are not there at all;
  - it has no network (a new network namespace with only loopback), its own PID, IPC and UTS namespaces, and it
    dies with the grading worker;
  - it keeps only the capabilities it needs to start kernels as an unprivileged user and to stop them.
A from-scratch kernel's template (course.sandbox.scratch) also finds no file of the packages it hides: each folder
of installed packages that holds one is covered by an empty read-only tmpfs, with every other entry bound back in
where the interpreter imports from it.
Each kernel then runs as an unprivileged user with limits on memory, processes, file size, CPU time and open
files, in a fresh copy of its submission's working folder, and every process it started is killed when its
grading ends.
"""

from __future__ import annotations

import csv
import functools
import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")


def executable(configured: str = "") -> str | None:
    """The bubblewrap executable: `configured` (CourseSettings.bwrap) when set, else `bwrap` on PATH; 'none': none."""
    if configured == "none":
        return None
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("bwrap")


@functools.cache
def availability(configured: str = "") -> tuple[bool, str]:
    """(usable, reason): bubblewrap exists and can create the namespaces the sandbox needs."""
    if not sys.platform.startswith("linux"):
        return False, f"the sandbox needs Linux (this is {sys.platform})"
    path = executable(configured)
    if path is None:
        return False, "bubblewrap (bwrap) is not installed; on Debian/Ubuntu: apt-get install bubblewrap"
    probe = subprocess.run(
        [path, *binds(Path(sys.prefix)), "--proc", "/proc", "--dev", "/dev", "--unshare-pid", "--unshare-net",
         "--die-with-parent", sys.executable, "-c", "pass"],
        capture_output=True, text=True, timeout=60,
    )
    if probe.returncode != 0:
        detail = (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
        return False, f"bubblewrap cannot create a sandbox here: {detail}"
    return True, "bubblewrap"


def readonly_roots() -> list[str]:
    """Folders the kernel needs to read: system folders, the interpreter, the environment, the course package."""
    import course

    roots = [p for p in SYSTEM_FOLDERS if os.path.isdir(p)]
    for location in (sys.base_prefix, sys.prefix, str(Path(course.__file__).resolve().parent)):
        for variant in dict.fromkeys([location, os.path.realpath(location)]):
            if os.path.isdir(variant) and not any(variant == r or variant.startswith(r + "/") for r in roots):
                roots.append(variant)
    return roots


def binds(work: Path) -> list[str]:
    """Mounts of the read-only roots and the work folder, their parent folders made traversable (bwrap would
    create them with mode 0700, which the kernels' unprivileged user cannot enter)."""
    roots = readonly_roots()
    mounts = [*roots, str(work)]
    parents: list[str] = []
    for mount in mounts:
        for parent in reversed(Path(mount).parents):
            text = str(parent)
            if text not in ("/", "/tmp") and text not in parents and text not in mounts:
                parents.append(text)
    args: list[str] = []
    for parent in sorted(parents, key=lambda p: p.count("/")):
        args += ["--perms", "0755", "--dir", parent]
    for root in roots:
        args += ["--ro-bind", root, root]
    args += ["--bind", str(work), str(work)]
    return args


def package_folders() -> list[str]:
    """Folders of installed packages (real paths): this interpreter's path and every site- or dist-packages folder
    below the read-only roots (a learner may put any of them on `sys.path`)."""
    found = [p for p in sys.path if p]
    for root in readonly_roots():
        for pattern in ("lib*/python3*/*-packages", "local/lib*/python3*/*-packages", "python3*/*-packages"):
            found += glob.glob(os.path.join(root, pattern))
    return sorted({os.path.realpath(p) for p in found if os.path.isdir(p)})


def _stem(entry: str) -> str:
    """The import or distribution name an entry of a packages folder starts with (`scipy.libs`, `scipy-1.dist-info`)."""
    return re.split(r"[.-]", entry, maxsplit=1)[0]


def hidden_entries(folder: str, hidden: tuple[str, ...]) -> set[str]:
    """Entries of `folder` that belong to the hidden packages: the packages and modules themselves, and every
    top-level entry of a distribution that installs one of them (its .dist-info, vendored libraries such as
    `scikit_learn.libs`), as its RECORD lists them."""
    entries = {e for e in os.listdir(folder) if _stem(e) in hidden}
    for record in glob.glob(os.path.join(folder, "*.dist-info", "RECORD")):
        with open(record, newline="", encoding="utf-8", errors="replace") as lines:
            tops = {row[0].split("/", 1)[0] for row in csv.reader(lines) if row}
        tops -= {"", "..", "__pycache__"}
        if any(_stem(top) in hidden for top in tops):
            entries |= tops
    return {e for e in entries if os.path.lexists(os.path.join(folder, e))}


def _views(real: str) -> list[str]:
    """Where the sandbox shows host folder `real`: below each read-only root that holds it."""
    views = []
    for root in readonly_roots():
        base = os.path.realpath(root)
        if real == base or real.startswith(base + "/"):
            views.append(root + real[len(base):])
    return views


@functools.cache
def hide_packages(hidden: tuple[str, ...]) -> tuple[str, ...]:
    """bwrap arguments that leave no file of the `hidden` top-level packages in the sandbox: each packages folder
    that holds one becomes an empty read-only tmpfs, into which every other entry is bound back when this
    interpreter imports from that folder."""
    imported_from = {os.path.realpath(p) for p in sys.path if p}
    args: list[str] = []
    for folder in package_folders() if hidden else ():
        hide = hidden_entries(folder, hidden)
        if not hide:
            continue
        kept = sorted(set(os.listdir(folder)) - hide) if folder in imported_from else []
        for view in _views(folder):
            args += ["--perms", "0755", "--tmpfs", view]
            for entry in kept:
                source = os.path.join(folder, entry)
                if os.path.islink(source):
                    args += ["--symlink", os.readlink(source), f"{view}/{entry}"]
                else:
                    args += ["--ro-bind", source, f"{view}/{entry}"]
            args += ["--remount-ro", view]
    return tuple(args)


def command(work: Path, program: list[str], configured: str = "", tmp_bytes: int = 256 * 2**20,
            hidden: tuple[str, ...] = (), die_with_parent: bool = True) -> list[str]:
    """The bwrap command line that runs `program` in the sandbox with `work` as its only writable folder, a
    /tmp and /dev/shm of `tmp_bytes` each (memory-backed, so they are bounded like memory), and none of the
    `hidden` packages' files. The sandbox ends with the process that starts it, unless `die_with_parent` is false
    (a warm harness: course.proof.warm)."""
    path = executable(configured)
    if path is None:
        raise RuntimeError(availability(configured)[1])
    return [
        path,
        "--proc", "/proc",
        "--dev", "/dev",
        "--perms", "1777", "--size", str(tmp_bytes), "--tmpfs", "/tmp",  # before the binds (work may be below /tmp)
        "--perms", "1777", "--size", str(tmp_bytes), "--tmpfs", "/dev/shm",
        *binds(work),
        *hide_packages(hidden),
        "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--hostname", "sandbox",
        *(["--die-with-parent"] if die_with_parent else []),
        "--new-session",
        # the template forks kernels as an unprivileged user (SETUID, SETGID), stops them (KILL), and gives each a
        # fresh IPC namespace (SYS_ADMIN, for unshare); a kernel keeps none of these once it drops to its user
        "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_KILL",
        "--cap-add", "CAP_SYS_ADMIN",
        "--chdir", str(work),
        "--setenv", "HOME", "/tmp",
        "--",
        *program,
    ]


def kernel_user() -> int:
    """An unprivileged user id for this worker's kernels (the process limit counts per user)."""
    return 61000 + os.getpid() % 4000

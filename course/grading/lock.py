"""The safety around a grading run: one run per course at a time, and a copy of an SQLite gradebook first."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from course.errors import CourseError
from course.workspace import Workspace

try:
    import fcntl
except ImportError:  # Windows: no lock file (a learner's `course check` only grades one scratch workspace)
    fcntl = None


def backup_gradebook(workspace: Workspace) -> Path | None:
    """Copy an SQLite gradebook to reports/backups/ before a grading run (`CourseSettings.backups_kept` are kept)."""
    import sqlite3
    from datetime import datetime

    source = workspace.sqlite_path()
    if source is None or not source.exists():
        return None  # nothing yet, or a server database (which has its own backups)
    folder = workspace.root / "reports" / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"gradebook-{datetime.now():%Y%m%d-%H%M%S-%f}.db"
    with contextlib.closing(sqlite3.connect(source)) as live, contextlib.closing(sqlite3.connect(target)) as copy:
        live.backup(copy)  # a consistent copy even while another process writes
    for old in sorted(folder.glob("gradebook-*.db"))[: -workspace.settings.backups_kept]:
        old.unlink()
    return target


@contextlib.contextmanager
def grading_lock(workspace: Workspace) -> Iterator[None]:
    """Refuse a second grading run on the same workspace while one is running (released even on SIGKILL)."""
    path = workspace.root / ".grading.lock"
    if fcntl is None:
        yield
        return
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CourseError(f"another grading run is working on {workspace.root} (lock: {path})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

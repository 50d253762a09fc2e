"""The grading ledger: which submission was graded from which content, kept in the gradebook database itself.

A row is written only after a submission was graded completely, and removed before it is graded again, so a
run killed at any moment leaves no row for the submission it was working on: the next run grades it again.
A submission whose content, source notebooks, configuration and deadline are unchanged since its row was
written is skipped (`course grade --force` regrades everything).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from course.workspace import Workspace

METADATA = sa.MetaData()
LEDGER = sa.Table(
    "course_grading",
    METADATA,
    sa.Column("assignment", sa.String(128), primary_key=True),
    sa.Column("student", sa.String(128), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # graded | failed
    sa.Column("graded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("sandboxed", sa.Boolean, nullable=False, default=False),
    sa.Column("problems", sa.Text, nullable=False, default="[]"),
    sa.Column("flags", sa.Text, nullable=False, default="[]"),
    sa.Column("error", sa.Text, nullable=False, default=""),
    sa.Column("grader", sa.String(128), nullable=False, default=""),  # host:pid of the process that graded
)

SOURCES = sa.Table(  # which version of an assignment's source notebooks the gradebook records
    "course_assignments",
    METADATA,
    sa.Column("assignment", sa.String(128), primary_key=True),
    sa.Column("source_hash", sa.String(64), nullable=False),
)


@dataclass
class Entry:
    assignment: str
    student: str
    content_hash: str
    status: str
    seconds: float
    sandboxed: bool = False
    problems: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    error: str = ""
    graded_at: datetime | None = None
    grader: str = ""


_engines: dict[str, sa.Engine] = {}


def _forget_engines_after_fork() -> None:
    """Connections must not be shared with a forked worker: the child starts with fresh engines."""
    for eng in _engines.values():
        eng.dispose(close=False)
    _engines.clear()


os.register_at_fork(after_in_child=_forget_engines_after_fork)


def engine(workspace: Workspace) -> sa.Engine:
    """One engine per database URL and process; the ledger table is created on first use."""
    url = workspace.db_url
    if url not in _engines:
        eng = sa.create_engine(url, future=True)
        try:
            METADATA.create_all(eng, checkfirst=True)
        except sa.exc.DatabaseError:
            if not sa.inspect(eng).has_table(LEDGER.name):  # another worker may have just created it
                raise
        _engines[url] = eng
    return _engines[url]


def _hash_folder(digest: hashlib._Hash, folder: Path) -> None:
    if not folder.is_dir():
        digest.update(b"<missing>")
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def content_hash(workspace: Workspace, assignment: str, student: str, deadline: str = "") -> str:
    """Hash of everything a grade depends on: the submission, the source notebooks, the config and the deadline."""
    digest = hashlib.sha256()
    _hash_folder(digest, workspace.path("submitted", student, assignment))
    digest.update(b"\0source\0")
    _hash_folder(digest, workspace.course.source_dir / assignment)
    config = workspace.course.root / "nbgrader_config.py"
    digest.update(config.read_bytes() if config.exists() else b"")
    digest.update(deadline.encode())
    return digest.hexdigest()


def source_hash(workspace: Workspace, assignment: str) -> str:
    """Hash of an assignment's source folder: when it changes, the gradebook's record of the assignment must too."""
    digest = hashlib.sha256()
    _hash_folder(digest, workspace.course.source_dir / assignment)
    return digest.hexdigest()


def recorded_source(workspace: Workspace, assignment: str) -> str | None:
    with engine(workspace).connect() as conn:
        return conn.execute(sa.select(SOURCES.c.source_hash).where(SOURCES.c.assignment == assignment)).scalar()


def record_source(workspace: Workspace, assignment: str, key: str) -> None:
    with engine(workspace).begin() as conn:
        conn.execute(sa.delete(SOURCES).where(SOURCES.c.assignment == assignment))
        conn.execute(sa.insert(SOURCES).values(assignment=assignment, source_hash=key))


def lookup(workspace: Workspace, assignment: str, student: str) -> Entry | None:
    with engine(workspace).connect() as conn:
        row = conn.execute(
            sa.select(LEDGER).where(LEDGER.c.assignment == assignment, LEDGER.c.student == student)
        ).first()
    if row is None:
        return None
    return _entry(row)


def entries(workspace: Workspace, assignment: str) -> dict[str, Entry]:
    with engine(workspace).connect() as conn:
        rows = conn.execute(sa.select(LEDGER).where(LEDGER.c.assignment == assignment)).all()
    return {r.student: _entry(r) for r in rows}


def _entry(row) -> Entry:
    return Entry(
        row.assignment, row.student, row.content_hash, row.status, row.seconds, row.sandboxed,
        json.loads(row.problems), json.loads(row.flags), row.error, row.graded_at, row.grader,
    )


def forget(workspace: Workspace, assignment: str, student: str) -> None:
    """Remove a submission's row before it is graded again (so an interrupted run leaves none)."""
    with engine(workspace).begin() as conn:
        conn.execute(sa.delete(LEDGER).where(LEDGER.c.assignment == assignment, LEDGER.c.student == student))


def record(workspace: Workspace, entry: Entry) -> None:
    values = {
        "assignment": entry.assignment,
        "student": entry.student,
        "content_hash": entry.content_hash,
        "status": entry.status,
        "graded_at": datetime.now(UTC),
        "seconds": entry.seconds,
        "sandboxed": entry.sandboxed,
        "problems": json.dumps(entry.problems),
        "flags": json.dumps(entry.flags),
        "error": entry.error,
        "grader": f"{socket.gethostname()}:{os.getpid()}",
    }
    with engine(workspace).begin() as conn:
        conn.execute(
            sa.delete(LEDGER).where(LEDGER.c.assignment == entry.assignment, LEDGER.c.student == entry.student)
        )
        conn.execute(sa.insert(LEDGER).values(**values))


def deadline_key(workspace: Workspace, assignment: str, student: str) -> str:
    """The due date and the student's extension, as recorded in the gradebook (part of the content hash)."""
    from nbgrader.api import MissingEntry

    from course.nbgrader_api import open_gradebook

    with open_gradebook(workspace) as gb:
        try:
            due = gb.find_assignment(assignment).duedate
        except MissingEntry:
            return ""
        try:
            extension = gb.find_submission(assignment, student).extension
        except MissingEntry:
            extension = None
    return f"{due}|{extension}"


def current_hash(workspace: Workspace, assignment: str, student: str) -> str:
    """The content hash the submission has now (submission, sources, config and deadline)."""
    return content_hash(workspace, assignment, student, deadline_key(workspace, assignment, student))


def is_up_to_date(workspace: Workspace, assignment: str, student: str) -> bool:
    """Graded before from exactly the same submission, sources, config and deadline."""
    entry = lookup(workspace, assignment, student)
    return entry is not None and entry.status == "graded" and entry.content_hash == current_hash(
        workspace, assignment, student)


"""The record of a learner's checks: every `course check` in the workspace, in SQLite (`.course/progress.sqlite`).

One row per check (time, notebook, score, how long it took) and one per graded cell of it (the exercise it belongs
to, its status, points and message); model answers unlocked are recorded too. `course progress`, `course solution`
and the feedback pages read it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, assignment TEXT NOT NULL, notebook TEXT NOT NULL, path TEXT,
    score REAL NOT NULL, max_score REAL NOT NULL, seconds REAL, sandboxed INTEGER
);
CREATE TABLE IF NOT EXISTS outcomes (
    check_id INTEGER NOT NULL REFERENCES checks(id), test TEXT NOT NULL, exercise TEXT, manual INTEGER NOT NULL,
    status TEXT NOT NULL, score REAL, max_score REAL NOT NULL, message TEXT
);
CREATE TABLE IF NOT EXISTS unlocks (
    at TEXT NOT NULL, assignment TEXT NOT NULL, notebook TEXT NOT NULL, cell TEXT NOT NULL,
    PRIMARY KEY (assignment, notebook, cell)
);
CREATE INDEX IF NOT EXISTS outcomes_check ON outcomes(check_id);
"""


@dataclass(frozen=True)
class Outcome:
    test: str
    exercise: str
    manual: bool
    status: str  # pass | fail | not attempted | not run | answered | not answered
    score: float | None
    max_score: float
    message: str


@dataclass(frozen=True)
class Check:
    id: int
    at: datetime
    assignment: str
    notebook: str
    score: float
    max_score: float
    seconds: float
    outcomes: tuple[Outcome, ...] = ()


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, timeout=30)) as db:
        db.executescript(SCHEMA)
        with db:
            yield db


def record(path: Path, assignment: str, notebook: str, learner_file: Path, outcomes: list[Outcome],
           seconds: float, sandboxed: bool, at: datetime | None = None) -> int:
    """Record one check; returns its id."""
    auto = [o for o in outcomes if not o.manual]
    with connect(path) as db:
        cursor = db.execute(
            "INSERT INTO checks (at, assignment, notebook, path, score, max_score, seconds, sandboxed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((at or datetime.now()).isoformat(timespec="seconds"), assignment, notebook, str(learner_file),
             sum(o.score or 0.0 for o in auto), sum(o.max_score for o in auto), seconds, int(sandboxed)))
        check_id = int(cursor.lastrowid or 0)
        db.executemany(
            "INSERT INTO outcomes (check_id, test, exercise, manual, status, score, max_score, message) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(check_id, o.test, o.exercise, int(o.manual), o.status, o.score, o.max_score, o.message)
             for o in outcomes])
    return check_id


def checks(path: Path, assignment: str | None = None, notebook: str | None = None) -> list[Check]:
    """Every recorded check (of one assignment or notebook), oldest first, with its outcomes."""
    if not path.exists():
        return []
    query, args = "SELECT id, at, assignment, notebook, score, max_score, seconds FROM checks", []
    where = []
    if assignment is not None:
        where.append("assignment = ?")
        args.append(assignment)
    if notebook is not None:
        where.append("notebook = ?")
        args.append(notebook)
    if where:
        query += " WHERE " + " AND ".join(where)
    with connect(path) as db:
        rows = db.execute(query + " ORDER BY at, id", args).fetchall()
        found = []
        for id_, at, a, n, score, top, seconds in rows:
            outcomes = tuple(Outcome(t, e or "", bool(m), s, sc, mx, msg or "") for t, e, m, s, sc, mx, msg in
                             db.execute("SELECT test, exercise, manual, status, score, max_score, message "
                                        "FROM outcomes WHERE check_id = ? ORDER BY rowid", (id_,)))
            found.append(Check(id_, datetime.fromisoformat(at), a, n, score, top, seconds or 0.0, outcomes))
    return found


def attempted(path: Path, assignment: str, notebook: str, exercise: str) -> bool:
    """Whether some recorded check ran the learner's code of `exercise` (a test of it passed, or failed for a reason
    of its own: not "not attempted yet", not a test that never ran), or found its written answer answered."""
    if not path.exists():
        return False
    with connect(path) as db:
        row = db.execute(
            "SELECT 1 FROM outcomes o JOIN checks c ON c.id = o.check_id WHERE c.assignment = ? AND c.notebook = ? "
            "AND o.exercise = ? AND o.status IN ('pass', 'fail', 'answered') LIMIT 1",
            (assignment, notebook, exercise)).fetchone()
    return row is not None


def unlock(path: Path, assignment: str, notebook: str, cell: str) -> None:
    with connect(path) as db:
        db.execute("INSERT OR IGNORE INTO unlocks (at, assignment, notebook, cell) VALUES (?, ?, ?, ?)",
                   (datetime.now().isoformat(timespec="seconds"), assignment, notebook, cell))


def unlocked(path: Path, assignment: str, notebook: str) -> set[str]:
    if not path.exists():
        return set()
    with connect(path) as db:
        return {row[0] for row in db.execute("SELECT cell FROM unlocks WHERE assignment = ? AND notebook = ?",
                                             (assignment, notebook))}

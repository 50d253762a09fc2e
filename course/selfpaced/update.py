"""`course update`: bring a newer release into a learner's workspace without touching their answers.

Cells are matched by id (a cell's nbformat id, else its nbgrader grade id) and the notebook takes the new release's
order:
- instructions, hints, test cells and every other cell of the course are replaced by the new release's version; a
  cell the new release did not change is left as the learner has it (outputs included); an unlocked cell the learner
  edited and the release changed is replaced, with the learner's version kept right after it, flagged;
- solution cells keep the learner's content (only their grading metadata follows the release); a changed starter
  code is reported;
- a new exercise (a cell the old release did not have) is added where the new release has it;
- an exercise the new release removed is kept when the learner answered it, with a visible markdown note before it
  and `metadata.course.removed` (its grading metadata moves there, so that no grader counts it); an untouched
  one, and the instructions and tests of removed exercises, go away;
- cells the learner added stay after the cell they followed.
Every notebook (and data file) that changes is copied to `.course/backups/<time>/` first; the manifest then records
the new release. A notebook that cannot be read is left alone and reported.
"""

from __future__ import annotations

import copy
import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell

from course.errors import CourseError
from course.layout import Course
from course.notebooks import is_locked, is_solution, nbgrader, read_notebook, write_notebook
from course.selfpaced.workspace import LearnerWorkspace, notebook_record, release_files, sha256

log = logging.getLogger(__name__)

REMOVED_NOTE = ("> **Removed from the course** by the update of {date}: the exercise of the cell below (`{cell}`) "
                "is no longer part of the course. Your answer is kept here; it is not graded any more.")
EDITED_NOTE = ("> **Your edited version** of the cell above, kept by the update of {date} (the course changed that "
               "cell; it now has the new version).")
NOTEBOOK_REMOVED = ("> **This notebook is no longer part of the course** (update of {date}). Your work is kept "
                    "here; it is not graded any more.")


@dataclass
class NotebookChanges:
    """What `course update` did to one notebook of the workspace."""

    path: str  # relative to the workspace
    status: str = "unchanged"  # unchanged | updated | added | restored | removed | unreadable
    replaced: list[str] = field(default_factory=list)  # course cells replaced by their new version
    added: list[str] = field(default_factory=list)  # new exercises (solution cells)
    added_cells: int = 0  # other new cells of the course (instructions, tests)
    kept_removed: list[str] = field(default_factory=list)  # removed exercises the learner had answered: kept, flagged
    dropped: list[str] = field(default_factory=list)  # removed cells with nothing of the learner's in them
    kept_edits: list[str] = field(default_factory=list)  # cells the learner edited that the course changed
    starter_changed: list[str] = field(default_factory=list)  # solution cells whose starter code changed
    own_cells: int = 0  # cells the learner added, kept
    answers: int = 0  # solution cells whose content was kept
    reason: str = ""

    def summary(self) -> str:
        parts = []
        if self.replaced:
            parts.append(f"{len(self.replaced)} instruction/test cells updated")
        if self.added:
            parts.append("new exercises: " + ", ".join(self.added))
        if self.added_cells:
            parts.append(f"{self.added_cells} new cells of the course")
        if self.kept_removed:
            parts.append("removed from the course, your answers kept and flagged: " + ", ".join(self.kept_removed))
        if self.dropped:
            parts.append(f"{len(self.dropped)} removed cells dropped (nothing of yours in them)")
        if self.kept_edits:
            parts.append("your edits of changed cells kept below them: " + ", ".join(self.kept_edits))
        if self.starter_changed:
            parts.append("starter code changed (your answer kept; compare): " + ", ".join(self.starter_changed))
        if self.answers:
            parts.append(f"{self.answers} answers kept")
        if self.own_cells:
            parts.append(f"{self.own_cells} cells of yours kept")
        return "; ".join(parts) or self.reason or "nothing to change"


@dataclass
class UpdateReport:
    workspace: LearnerWorkspace
    notebooks: list[NotebookChanges] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # data files brought in or replaced
    backup: Path | None = None

    @property
    def changed(self) -> list[NotebookChanges]:
        return [n for n in self.notebooks if n.status != "unchanged"]


def cell_key(cell: NotebookNode, index: int = 0) -> str:
    return str(cell.get("id") or nbgrader(cell).get("grade_id") or f"cell-{index}")


def _untouched(cell: NotebookNode, old: dict | None) -> bool:
    return old is not None and sha256(cell.source) == old.get("hash")


def merge(learner: NotebookNode, release: NotebookNode, old_cells: dict[str, dict], date: str,
          changes: NotebookChanges) -> NotebookNode:
    """The learner's notebook brought to the new release by the rules of this module."""
    mine = {cell_key(c, i): c for i, c in enumerate(learner.cells)}
    result: list[NotebookNode] = []
    used: set[str] = set()
    for index, theirs in enumerate(release.cells):
        key = cell_key(theirs, index)
        cell, old = mine.get(key), old_cells.get(key)
        if cell is not None:
            used.add(key)
        if is_solution(theirs):
            if cell is None:
                result.append(copy.deepcopy(theirs))
                if old is None:
                    changes.added.append(key)
                continue
            kept = copy.deepcopy(cell)
            kept.metadata = {**cell.metadata, **copy.deepcopy(theirs.metadata)}
            result.append(kept)
            changes.answers += 1
            if old is not None and old.get("hash") != sha256(theirs.source):
                changes.starter_changed.append(key)
            continue
        if cell is not None and old is not None and old.get("hash") == sha256(theirs.source):
            result.append(cell)  # the course did not change it: the learner's cell stays as it is
            continue
        result.append(copy.deepcopy(theirs))
        if cell is None and old is None:
            changes.added_cells += 1
            continue
        changes.replaced.append(key)
        if cell is not None and not is_locked(theirs) and not _untouched(cell, old) and old is not None \
                and cell.source.strip():
            edited = copy.deepcopy(cell)
            edited.id = f"{key}-yours"[:64]
            edited.metadata = {"course": {"edited_copy_of": key}}
            result.append(edited)
            result.append(new_markdown_cell(EDITED_NOTE.format(date=date), id=f"{key}-yours-note"[:64],
                                            metadata={"course": {"edited_copy_of": key}}))
            changes.kept_edits.append(key)
    anchored: dict[str | None, list[NotebookNode]] = {}
    anchor: str | None = None
    placed = used | {cell_key(c) for c in result}
    for index, cell in enumerate(learner.cells):
        key = cell_key(cell, index)
        if key in placed:
            anchor = key
            continue
        old = old_cells.get(key)
        if old is None:  # a cell of the learner's own (or one kept by an earlier update)
            anchored.setdefault(anchor, []).append(cell)
            changes.own_cells += 1
            continue
        if old.get("solution") and not _untouched(cell, old) and cell.source.strip():
            anchored.setdefault(anchor, []).extend(_flag_removed(cell, key, date))
            changes.kept_removed.append(key)
        else:
            changes.dropped.append(key)
    merged = copy.deepcopy(release)
    merged.metadata = {**learner.metadata, **copy.deepcopy(release.metadata)}
    cells = list(anchored.get(None, []))
    for cell in result:
        cells.append(cell)
        cells.extend(anchored.get(cell_key(cell), []))
    merged.cells = cells
    return merged


def _flag_removed(cell: NotebookNode, key: str, date: str) -> list[NotebookNode]:
    """A removed exercise's answer, kept: a note before it, its grading metadata moved to `course.removed`."""
    kept = copy.deepcopy(cell)
    grading = kept.metadata.pop("nbgrader", None)
    kept.metadata["course"] = {"removed": True, "date": date, "nbgrader": grading}
    kept.metadata.pop("deletable", None)
    kept.metadata.pop("editable", None)
    note = new_markdown_cell(REMOVED_NOTE.format(date=date, cell=key), id=f"{key}-removed"[:64],
                             metadata={"course": {"removed": True, "cell": key}})
    return [note, kept]


def _backup(workspace: LearnerWorkspace, report: UpdateReport, stamp: str, relative: str) -> None:
    source = workspace.root / relative
    if not source.exists():
        return
    report.backup = workspace.backups / stamp
    target = report.backup / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def update(course: Course, workspace: LearnerWorkspace, now: datetime | None = None) -> UpdateReport:
    """Bring the course's current release into the workspace (see the module's rules)."""
    if not workspace.exists:
        raise CourseError(f"no workspace in {workspace.root}: run `course start` first")
    manifest = workspace.manifest()
    when = now or datetime.now()
    stamp, date = when.strftime("%Y%m%d-%H%M%S"), when.strftime("%Y-%m-%d")
    report = UpdateReport(workspace)
    current: set[str] = set()
    for assignment in course.assignments():
        for relative_path in release_files(course, assignment):
            relative = str(relative_path)
            current.add(relative)
            source = course.release_dir / relative_path
            digest = sha256(source.read_bytes())
            if relative_path.suffix == ".ipynb":
                changes = _update_notebook(workspace, report, manifest, relative, source, stamp, date)
                report.notebooks.append(changes)
                if changes.status != "unreadable":
                    manifest["files"][relative] = digest
                    manifest["notebooks"][relative] = notebook_record(source)
                continue
            target = workspace.root / relative_path
            if manifest["files"].get(relative) == digest and target.exists():
                continue
            if target.exists() and sha256(target.read_bytes()) != digest:
                _backup(workspace, report, stamp, relative)
            if not target.exists() or sha256(target.read_bytes()) != digest:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                report.files.append(relative)
            manifest["files"][relative] = digest
    for relative in sorted(set(manifest["notebooks"]) - current):
        report.notebooks.append(_retire_notebook(workspace, report, relative, stamp, date))
        manifest["notebooks"].pop(relative)
        manifest["files"].pop(relative, None)
    manifest["updated"] = when.isoformat(timespec="seconds")
    workspace.save_manifest(manifest)
    return report


def _update_notebook(workspace: LearnerWorkspace, report: UpdateReport, manifest: dict, relative: str, source: Path,
                     stamp: str, date: str) -> NotebookChanges:
    changes = NotebookChanges(relative)
    target = workspace.root / relative
    known = manifest["notebooks"].get(relative)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        changes.status = "restored" if known else "added"
        return changes
    digest = sha256(source.read_bytes())
    if known is not None and known.get("release") == digest:
        return changes
    try:
        learner = read_notebook(target)
    except CourseError as exc:
        changes.status, changes.reason = "unreadable", f"left as it is: {exc}"
        return changes
    release = read_notebook(source)
    merged = merge(learner, release, (known or {}).get("cells", {}), date, changes)
    _backup(workspace, report, stamp, relative)
    write_notebook(merged, target)
    changes.status = "updated"
    return changes


def _retire_notebook(workspace: LearnerWorkspace, report: UpdateReport, relative: str, stamp: str,
                     date: str) -> NotebookChanges:
    """A notebook the course no longer has: kept, with a note at the top."""
    changes = NotebookChanges(relative, "removed")
    target = workspace.root / relative
    if not target.exists():
        changes.reason = "no longer in the course (you had deleted it)"
        return changes
    try:
        nb = read_notebook(target)
    except CourseError as exc:
        changes.reason = f"no longer in the course; left as it is: {exc}"
        return changes
    _backup(workspace, report, stamp, relative)
    if not nb.cells or not (nb.cells[0].get("metadata", {}).get("course") or {}).get("notebook_removed"):
        nb.cells.insert(0, new_markdown_cell(NOTEBOOK_REMOVED.format(date=date), id="course-notebook-removed",
                                             metadata={"course": {"notebook_removed": True}}))
    write_notebook(nb, target)
    changes.reason = "no longer in the course; kept, with a note at the top"
    return changes


"""A self-paced learner's workspace: a private copy of the release, where the learner works and JupyterLab opens.

`course start` copies every assignment of `release/` into the workspace on first use (default `workspace/` in the
course, git-ignored; `CourseSettings.workspace` / `COURSE_WORKSPACE` for another folder) and records what it copied
in `.course/manifest.json`: per file its release hash, and per notebook the id, kind and source hash of each cell,
which `course update` needs to tell the learner's edits from the course's changes. The learner never edits
`release/`. `.course/` also holds the record of every check (progress.sqlite), backups made by `course update`
and cached diagnosis signatures.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from course.errors import CourseError
from course.layout import Course
from course.notebooks import is_locked, is_solution, nbgrader

log = logging.getLogger(__name__)

STATE = ".course"
SKIPPED = {".ipynb_checkpoints", "__pycache__", "feedback", "solutions", STATE}


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def cell_record(cell) -> dict:
    """What the manifest keeps of a release cell: its kind and a hash of its source."""
    return {"hash": sha256(cell.source), "solution": is_solution(cell), "locked": is_locked(cell),
            "type": cell.cell_type, "grade_id": str(nbgrader(cell).get("grade_id", ""))}


def notebook_record(path: Path) -> dict:
    """The manifest entry of a release notebook: its hash and its cells in order (id → record)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    cells = {}
    for index, cell in enumerate(nb.cells):
        cells[str(cell.get("id") or f"cell-{index}")] = cell_record(cell)
    return {"release": sha256(path.read_bytes()), "cells": cells}


@dataclass(frozen=True)
class LearnerWorkspace:
    """The learner's workspace folder and its state folder `.course/`."""

    root: Path

    @property
    def state(self) -> Path:
        return self.root / STATE

    @property
    def manifest_path(self) -> Path:
        return self.state / "manifest.json"

    @property
    def progress_db(self) -> Path:
        return self.state / "progress.sqlite"

    @property
    def backups(self) -> Path:
        return self.state / "backups"

    @property
    def signatures(self) -> Path:
        return self.state / "signatures"

    @property
    def exists(self) -> bool:
        return self.manifest_path.is_file()

    @classmethod
    def configured(cls, course: Course, folder: str | Path | None = None) -> LearnerWorkspace:
        """The workspace of `folder` when given, else of `CourseSettings.workspace`, else `workspace/`."""
        if folder is None:
            from course.settings import CourseSettings
            from course.workspace import load_course_config

            folder = CourseSettings.load(load_course_config(course)).workspace or course.root / "workspace"
        return cls(Path(folder).expanduser().resolve())

    @classmethod
    def containing(cls, path: Path) -> LearnerWorkspace | None:
        """The workspace a file or folder lies in, if any."""
        here = path.expanduser().resolve()
        for folder in (here, *here.parents):
            if (folder / STATE / "manifest.json").is_file():
                return cls(folder)
        return None

    @classmethod
    def for_command(cls, course: Course, folder: str | Path | None = None) -> LearnerWorkspace:
        """The workspace a learner's command works in: `folder`, else the one around the current folder, else the
        configured one; it must have been started."""
        workspace = (cls.configured(course, folder) if folder is not None
                     else cls.containing(Path.cwd()) or cls.configured(course))
        if not workspace.exists:
            raise CourseError(f"no workspace in {workspace.root}: run `course start` first")
        return workspace

    def manifest(self) -> dict:
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CourseError(f"the workspace's record {self.manifest_path} cannot be read: {exc}") from exc

    def save_manifest(self, manifest: dict) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.manifest_path)


def release_files(course: Course, assignment: str) -> list[Path]:
    """Every file of an assignment's release (notebooks and data), relative to `release/`."""
    folder = course.release_dir / assignment
    return sorted(p.relative_to(course.release_dir) for p in folder.rglob("*")
                  if p.is_file() and not SKIPPED & set(p.relative_to(folder).parts))


@dataclass
class StartReport:
    workspace: LearnerWorkspace
    created: bool
    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already there (the learner's own), left as they were
    newer: list[str] = field(default_factory=list)  # release files changed since copied: `course update`


def start(course: Course, workspace: LearnerWorkspace) -> StartReport:
    """Prepare the workspace: on first use copy every assignment of the release into it (never over a file that
    is already there) and record what was copied; later, say what `course update` would bring."""
    report = StartReport(workspace, created=not workspace.exists)
    if not report.created:
        manifest = workspace.manifest()
        for assignment in course.assignments():
            for relative in release_files(course, assignment):
                known = manifest["files"].get(str(relative))
                if known is None or known != sha256((course.release_dir / relative).read_bytes()):
                    report.newer.append(str(relative))
        return report
    workspace.root.mkdir(parents=True, exist_ok=True)
    manifest = {"version": 1, "course": str(course.root), "created": datetime.now().isoformat(timespec="seconds"),
                "files": {}, "notebooks": {}}
    for assignment in course.assignments():
        for relative in release_files(course, assignment):
            source, target = course.release_dir / relative, workspace.root / relative
            if target.exists():
                report.kept.append(str(relative))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                report.copied.append(str(relative))
            manifest["files"][str(relative)] = sha256(source.read_bytes())
            if relative.suffix == ".ipynb":
                manifest["notebooks"][str(relative)] = notebook_record(source)
    workspace.save_manifest(manifest)
    log.info("workspace %s: %d files copied, %d kept", workspace.root, len(report.copied), len(report.kept))
    return report


def lab_command(course: Course, workspace: LearnerWorkspace, extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """JupyterLab for a self-paced learner on the workspace, as `make lab` starts it: the learner role's Jupyter
    settings (deploy/jupyter/learner) first on JUPYTER_CONFIG_PATH, the course's environment first on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = str(course.root / "deploy" / "jupyter" / "learner")
    env["PATH"] = os.pathsep.join([bin_dir, *[p for p in env.get("PATH", "").split(os.pathsep) if p != bin_dir]])
    argv = [str(Path(bin_dir) / "jupyter"), "lab", "--ServerApp.root_dir=."]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        argv.append("--allow-root")
    return argv + extra, env

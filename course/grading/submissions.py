"""What was handed in: the students with a submission, and what a submission looks like before it runs (readable
notebooks, loud problems, tampering found in the files); a copy with the grading metadata restored when a learner
changed it (the submitted files are never modified)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

from course.errors import CourseError
from course.notebooks import grade_id, is_grade, read_notebook, write_notebook
from course.sandbox.tamper import Finding, execution_tag_findings, inspect_notebook, restore_metadata
from course.workspace import Workspace


def submitted_students(workspace: Workspace, assignment: str) -> list[str]:
    """Students with a submission folder for `assignment`, sorted."""
    root = workspace.root / "submitted"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / assignment).is_dir())


@dataclass
class Preflight:
    """What a submission looks like before it runs."""

    readable: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def preflight(workspace: Workspace, assignment: str, student: str) -> Preflight:
    """Readable and unreadable notebooks, loud problems, and tampering found in the files themselves."""
    folder = workspace.path("submitted", student, assignment)
    limit = workspace.settings.max_notebook_bytes
    report = Preflight()
    expected = workspace.course.source_notebooks(assignment)
    for source_path in expected:
        path = folder / source_path.name
        if not path.exists():
            report.problems.append(f"{source_path.stem}: notebook missing from the submission (scored 0)")
            continue
        if path.stat().st_size > limit:
            report.unreadable.append(source_path.stem)
            report.problems.append(f"{source_path.stem}: notebook of {path.stat().st_size / 2**20:.0f} MiB exceeds "
                                   f"{limit / 2**20:.0f} MiB (scored 0)")
            continue
        try:
            submitted = read_notebook(path)
        except CourseError as exc:
            report.unreadable.append(source_path.stem)
            reason = str(exc).replace(str(path), path.name)
            report.problems.append(f"{source_path.stem}: {reason} (scored 0)")
            continue
        report.readable.append(source_path.stem)
        source = read_notebook(source_path)
        wanted = {grade_id(c) for c in source.cells if is_grade(c)}
        present = {grade_id(c) for c in submitted.cells if is_grade(c)}
        if wanted - present:
            report.problems.append(
                f"{source_path.stem}: graded cells deleted ({', '.join(sorted(wanted - present))}); "
                "restored from the source and graded"
            )
        release = workspace.course.release_dir / assignment / source_path.name
        if release.exists():
            released = read_notebook(release)
            report.findings += inspect_notebook(source_path.stem, source, released, submitted)
            report.findings += execution_tag_findings(source_path.stem, submitted, released)
    known = {p.name for p in expected}
    for extra in sorted(folder.glob("*.ipynb")):
        if extra.name not in known:
            report.problems.append(f"{extra.name}: not a notebook of {assignment}; ignored")
    return report


@contextlib.contextmanager
def grading_copy(workspace: Workspace, api, assignment: str, student: str, checked: Preflight) -> Iterator[None]:
    """Grade a copy of the submission in which everything that decides execution is restored from the release
    (notebook metadata, cell types, all cell metadata including tags, read-only sources; `restore_metadata`):
    a learner's notebook cannot change what runs or how it is scored. The submitted files stay untouched."""
    from nbgrader.utils import temp_attrs

    staging = workspace.root / ".staging"
    copy = staging / student / assignment
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(workspace.path("submitted", student, assignment), copy)
    try:
        for notebook in checked.readable:
            path = copy / f"{notebook}.ipynb"
            release = workspace.course.release_dir / assignment / path.name
            if release.exists():
                write_notebook(restore_metadata(read_notebook(path), read_notebook(release)), path)
        with temp_attrs(api.coursedir, submitted_directory=str(staging)):
            yield
    finally:
        shutil.rmtree(staging / student, ignore_errors=True)

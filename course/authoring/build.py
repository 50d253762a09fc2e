"""`course build`: lint the source notebooks and generate the learner release with nbgrader."""

from __future__ import annotations

import filecmp
import hashlib
import json
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from course.authoring.lint import Problem, lint_notebook
from course.errors import CourseError
from course.grading import ledger
from course.hidden import find_leaks, secret_lines
from course.layout import Course
from course.nbgrader_api import generate_assignment
from course.notebooks import read_notebook
from course.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    assignments: list[str]
    problems: list[Problem] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)  # release files a person changed: not overwritten

    @property
    def ok(self) -> bool:
        return not (self.problems or self.stale or self.leaks or self.edited)


MANIFEST = ".generated.json"  # in release/: SHA-256 of every file `course build` wrote, by path below release/


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(course: Course) -> dict[str, str]:
    path = course.release_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise CourseError(f"{path} is not valid JSON ({exc}); restore it from git") from exc


def write_manifest(course: Course, manifest: dict[str, str]) -> None:
    path = course.release_dir / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n", encoding="utf-8")


def edited_release_files(course: Course, assignment: str, fresh: Path) -> list[str]:
    """Files of release/ASSIGNMENT that a person changed: they differ from the fresh build and from what
    `course build` last wrote (the manifest), so writing the fresh build would lose that person's work."""
    manifest = read_manifest(course)
    current = course.release_dir / assignment
    edited = []
    for path in sorted(p for p in current.rglob("*") if p.is_file()) if current.is_dir() else []:
        rel = path.relative_to(course.release_dir).as_posix()
        new = fresh / path.relative_to(current)
        if new.is_file() and filecmp.cmp(new, path, shallow=False):
            continue
        if manifest.get(rel) != file_digest(path):
            edited.append(f"release/{rel}")
    return edited


def lint_assignments(course: Course, assignments: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    for assignment in assignments:
        notebooks = course.source_notebooks(assignment)
        if not notebooks:
            problems.append(Problem(assignment, "", "assignment has no notebooks"))
        for path in notebooks:
            problems.extend(lint_notebook(read_notebook(path), path))
    return problems


def release_leaks(course: Course, assignment: str, release_dir: Path) -> list[str]:
    """Hidden test lines found anywhere in an assignment's release notebooks."""
    leaks = []
    for source_path in course.source_notebooks(assignment):
        released = release_dir / source_path.name
        if not released.exists():
            continue
        text = "\n".join(cell.source for cell in read_notebook(released).cells)
        for line in find_leaks(text, secret_lines(read_notebook(source_path))):
            leaks.append(f"{assignment}/{source_path.name}: {line}")
    return leaks


def differing_files(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ between two folders (missing, extra or changed)."""
    expected_files = (
        {p.relative_to(expected) for p in expected.rglob("*") if p.is_file()} if expected.exists() else set()
    )
    actual_files = {p.relative_to(actual) for p in actual.rglob("*") if p.is_file()} if actual.exists() else set()
    changed = [
        str(rel)
        for rel in sorted(expected_files & actual_files)
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False)
    ]
    return sorted({str(p) for p in expected_files ^ actual_files} | set(changed))


def build(course: Course, assignments: list[str], check: bool = False, force: bool = False) -> BuildReport:
    """Lint, then write `release/` (or, with `check`, compare a fresh build with the committed one).

    A release file that a person changed since `course build` wrote it is never overwritten: the build stops
    and lists it in `edited`, unless `force` (then the edit is replaced by the fresh build)."""
    report = BuildReport(assignments)
    report.problems = lint_assignments(course, assignments)
    if report.problems:
        return report
    if check:
        with tempfile.TemporaryDirectory(prefix="course-build-") as tmp:
            scratch = Workspace.scratch(course, Path(tmp))
            for assignment in assignments:
                fresh = generate_assignment(scratch, assignment)
                report.leaks += release_leaks(course, assignment, fresh)
                for rel in differing_files(fresh, course.release_dir / assignment):
                    report.stale.append(f"release/{assignment}/{rel}")
                report.stale += _manifest_mismatches(course, assignment, fresh)
            _check_no_orphans(course, report)
        return report
    workspace = Workspace.of_course(course)
    with tempfile.TemporaryDirectory(prefix="course-build-") as tmp:
        fresh_builds = {a: generate_assignment(workspace, a, into=Path(tmp)) for a in assignments}
        for assignment in assignments:
            ledger.record_source(workspace, assignment, ledger.source_hash(workspace, assignment))
        for assignment, fresh in fresh_builds.items():
            log.info("built %s in a scratch folder", assignment)
            report.leaks += release_leaks(course, assignment, fresh)
            if not force:
                report.edited += edited_release_files(course, assignment, fresh)
        if report.leaks or report.edited:
            return report
        manifest = read_manifest(course)
        for assignment, fresh in fresh_builds.items():
            target = course.release_dir / assignment
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(fresh, target)
            manifest = {k: v for k, v in manifest.items() if not k.startswith(f"{assignment}/")}
            manifest.update(
                {p.relative_to(course.release_dir).as_posix(): file_digest(p) for p in target.rglob("*") if p.is_file()}
            )
        write_manifest(course, manifest)
    _check_no_orphans(course, report)
    return report


def _manifest_mismatches(course: Course, assignment: str, fresh: Path) -> list[str]:
    """The manifest must record exactly the fresh build's files (else the next build would refuse or miss an edit)."""
    manifest = {k: v for k, v in read_manifest(course).items() if k.startswith(f"{assignment}/")}
    files = [p for p in fresh.rglob("*") if p.is_file()]
    expected = {f"{assignment}/{p.relative_to(fresh).as_posix()}": file_digest(p) for p in files}
    return [f"release/{MANIFEST} ({rel})" for rel in sorted(set(manifest) | set(expected))
            if manifest.get(rel) != expected.get(rel)]


def _check_no_orphans(course: Course, report: BuildReport) -> None:
    """Release folders whose assignment no longer exists in source/ are stale too."""
    if not course.release_dir.exists():
        return
    known = set(course.assignments())
    for folder in sorted(course.release_dir.iterdir()):
        if folder.is_dir() and folder.name not in known:
            report.stale.append(f"release/{folder.name}/ (no such assignment in source/)")


def require_release(course: Course, assignment: str) -> None:
    if not (course.release_dir / assignment).is_dir():
        raise CourseError(f"release/{assignment} does not exist; run `course build {assignment}` first")

"""`course build`: lint the source notebooks and generate the learner release with nbgrader."""

from __future__ import annotations

import filecmp
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from course import ledger
from course.errors import CourseError
from course.hidden import find_leaks, secret_lines
from course.layout import Course
from course.lint import Problem, lint_notebook
from course.nbapi import api_for, run_step
from course.notebooks import read_notebook
from course.workspace import Workspace


@dataclass
class BuildReport:
    modules: list[str]
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


def edited_release_files(course: Course, module: str, fresh: Path) -> list[str]:
    """Files of release/MODULE that a person changed: they differ from the fresh build and from what
    `course build` last wrote (the manifest), so writing the fresh build would lose that person's work."""
    manifest = read_manifest(course)
    current = course.release_dir / module
    edited = []
    for path in sorted(p for p in current.rglob("*") if p.is_file()) if current.is_dir() else []:
        rel = path.relative_to(course.release_dir).as_posix()
        new = fresh / path.relative_to(current)
        if new.is_file() and filecmp.cmp(new, path, shallow=False):
            continue
        if manifest.get(rel) != file_digest(path):
            edited.append(f"release/{rel}")
    return edited


def lint_modules(course: Course, modules: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    for module in modules:
        notebooks = course.source_notebooks(module)
        if not notebooks:
            problems.append(Problem(module, "", "module has no notebooks"))
        for path in notebooks:
            problems.extend(lint_notebook(read_notebook(path), path))
    return problems


def generate_release(workspace: Workspace, module: str, into: Path | None = None) -> Path:
    """Run nbgrader generate_assignment for `module` in `workspace` (which also records the assignment, its
    notebooks and graded cells in the workspace's gradebook); the release is written to `into`/MODULE when given,
    else to the workspace's release/ folder. Returns the folder written."""
    from nbgrader.utils import temp_attrs

    api = api_for(workspace)
    if into is None:
        result = api.generate_assignment(module, force=True, create=True)
        run_step(result, f"generate_assignment {module}")
        return workspace.path("release", ".", module)
    with temp_attrs(api.coursedir, release_directory=str(into.resolve())):
        result = api.generate_assignment(module, force=True, create=True)
    run_step(result, f"generate_assignment {module}")
    return into.resolve() / module


def record_assignment(workspace: Workspace, module: str) -> None:
    """Record `module` in the workspace's gradebook without writing any release folder a person may use."""
    with tempfile.TemporaryDirectory(prefix="course-record-") as tmp:
        generate_release(workspace, module, into=Path(tmp))


def release_leaks(course: Course, module: str, release_dir: Path) -> list[str]:
    """Hidden test lines found anywhere in a module's release notebooks."""
    leaks = []
    for source_path in course.source_notebooks(module):
        released = release_dir / source_path.name
        if not released.exists():
            continue
        text = "\n".join(cell.source for cell in read_notebook(released).cells)
        for line in find_leaks(text, secret_lines(read_notebook(source_path))):
            leaks.append(f"{module}/{source_path.name}: {line}")
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


def build(course: Course, modules: list[str], check: bool = False, force: bool = False) -> BuildReport:
    """Lint, then write `release/` (or, with `check`, compare a fresh build with the committed one).

    A release file that a person changed since `course build` wrote it is never overwritten: the build stops
    and lists it in `edited`, unless `force` (then the edit is replaced by the fresh build)."""
    report = BuildReport(modules)
    report.problems = lint_modules(course, modules)
    if report.problems:
        return report
    if check:
        with tempfile.TemporaryDirectory(prefix="course-build-") as tmp:
            scratch = Workspace.scratch(course, Path(tmp))
            for module in modules:
                fresh = generate_release(scratch, module)
                report.leaks += release_leaks(course, module, fresh)
                for rel in differing_files(fresh, course.release_dir / module):
                    report.stale.append(f"release/{module}/{rel}")
                report.stale += _manifest_mismatches(course, module, fresh)
            _check_no_orphans(course, report)
        return report
    workspace = Workspace.of_course(course)
    with tempfile.TemporaryDirectory(prefix="course-build-") as tmp:
        fresh_builds = {module: generate_release(workspace, module, into=Path(tmp)) for module in modules}
        for module in modules:
            ledger.record_source(workspace, module, ledger.source_hash(workspace, module))
        for module, fresh in fresh_builds.items():
            report.leaks += release_leaks(course, module, fresh)
            if not force:
                report.edited += edited_release_files(course, module, fresh)
        if report.leaks or report.edited:
            return report
        manifest = read_manifest(course)
        for module, fresh in fresh_builds.items():
            target = course.release_dir / module
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(fresh, target)
            manifest = {k: v for k, v in manifest.items() if not k.startswith(f"{module}/")}
            manifest.update(
                {p.relative_to(course.release_dir).as_posix(): file_digest(p) for p in target.rglob("*") if p.is_file()}
            )
        write_manifest(course, manifest)
    _check_no_orphans(course, report)
    return report


def _manifest_mismatches(course: Course, module: str, fresh: Path) -> list[str]:
    """The manifest must record exactly the fresh build's files (else the next build would refuse or miss an edit)."""
    manifest = {k: v for k, v in read_manifest(course).items() if k.startswith(f"{module}/")}
    expected = {f"{module}/{p.relative_to(fresh).as_posix()}": file_digest(p) for p in fresh.rglob("*") if p.is_file()}
    return [f"release/{MANIFEST} ({rel})" for rel in sorted(set(manifest) | set(expected))
            if manifest.get(rel) != expected.get(rel)]


def _check_no_orphans(course: Course, report: BuildReport) -> None:
    """Release folders whose module no longer exists in source/ are stale too."""
    if not course.release_dir.exists():
        return
    known = set(course.modules())
    for folder in sorted(course.release_dir.iterdir()):
        if folder.is_dir() and folder.name not in known:
            report.stale.append(f"release/{folder.name}/ (no such module in source/)")


def require_release(course: Course, module: str) -> None:
    if not (course.release_dir / module).is_dir():
        raise CourseError(f"release/{module} does not exist; run `course build {module}` first")

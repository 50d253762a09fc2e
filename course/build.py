"""`course build`: lint the source notebooks and generate the learner release with nbgrader."""

from __future__ import annotations

import filecmp
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

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

    @property
    def ok(self) -> bool:
        return not (self.problems or self.stale or self.leaks)


def lint_modules(course: Course, modules: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    for module in modules:
        notebooks = course.source_notebooks(module)
        if not notebooks:
            problems.append(Problem(module, "", "module has no notebooks"))
        for path in notebooks:
            problems.extend(lint_notebook(read_notebook(path), path))
    return problems


def generate_release(workspace: Workspace, module: str) -> Path:
    """Run nbgrader generate_assignment for `module` in `workspace`; returns its release folder."""
    result = api_for(workspace).generate_assignment(module, force=True, create=True)
    run_step(result, f"generate_assignment {module}")
    return workspace.path("release", ".", module)


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


def build(course: Course, modules: list[str], check: bool = False) -> BuildReport:
    """Lint, then write `release/` (or, with `check`, compare a fresh build with the committed one)."""
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
            _check_no_orphans(course, report)
        return report
    workspace = Workspace.of_course(course)
    for module in modules:
        fresh = generate_release(workspace, module)
        report.leaks += release_leaks(course, module, fresh)
    _check_no_orphans(course, report)
    return report


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

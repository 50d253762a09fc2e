"""Where things are in the course: the root folder, its assignments and their notebooks."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from course.errors import CourseError

CONFIG_FILE = "nbgrader_config.py"
ASSIGNMENT_NAME = re.compile(r"^\d{2}_[a-z0-9_]+$")


@dataclass(frozen=True)
class Course:
    """The course repository: `source/` (authored), `release/` (generated) and the nbgrader config."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None, installed: bool = False) -> Course:
        """Find the course in $COURSE_ROOT, else around `start` (default: the current folder); with `installed`,
        else the course this `course` package was installed from (a learner's verbs work anywhere on disk)."""
        env_root = os.environ.get("COURSE_ROOT")
        if env_root:
            root = Path(env_root).resolve()
            if not cls._is_course(root):
                raise CourseError(f"COURSE_ROOT={env_root} is not a course folder (needs {CONFIG_FILE} and source/)")
            return cls(root)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if cls._is_course(folder):
                return cls(folder)
        home = Path(__file__).resolve().parents[1]
        if installed and cls._is_course(home):
            return cls(home)
        raise CourseError(
            f"not inside the course: no {CONFIG_FILE} with a source/ folder in {here} or above "
            "(cd into the course repository or set COURSE_ROOT)"
        )

    @staticmethod
    def _is_course(folder: Path) -> bool:
        return (folder / CONFIG_FILE).is_file() and (folder / "source").is_dir()

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def release_dir(self) -> Path:
        return self.root / "release"

    def assignments(self) -> list[str]:
        """All assignment ids, e.g. ['01_coding', '02_algorithms'], in order."""
        return sorted(p.name for p in self.source_dir.iterdir() if p.is_dir() and ASSIGNMENT_NAME.match(p.name))

    def resolve(self, names: Sequence[str]) -> list[str]:
        """Assignment ids for `names` (full id, its number '01' or its name 'coding'); all assignments if empty."""
        assignments = self.assignments()
        if not names:
            return assignments
        chosen: list[str] = []
        for name in names:
            key = name.strip().strip("/").removeprefix("source/").removeprefix("release/")
            matches = [m for m in assignments if key in (m, m[:2], m[3:])]
            if len(matches) != 1:
                valid = ", ".join(assignments) or "(none)"
                raise CourseError(f"unknown assignment '{name}'; valid assignments: {valid}")
            if matches[0] not in chosen:
                chosen.append(matches[0])
        return chosen

    def copy_to(self, target: Path, variants: bool = True) -> Course:
        """A new course at `target` (created with its parents) with this course's config, source and release,
        and its wrong variants unless `variants` is False: a scratch course for tests and benchmarks."""
        target.mkdir(parents=True)
        for name in ("nbgrader_config.py", "pyproject.toml"):
            shutil.copy(self.root / name, target / name)
        folders = [Path("source"), Path("release")] + ([Path("tests", "variants")] if variants else [])
        for folder in folders:
            shutil.copytree(self.root / folder, target / folder)
        return Course(target)

    def source_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.source_dir / assignment).glob("*.ipynb"))

    def release_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.release_dir / assignment).glob("*.ipynb"))

    def locate(self, notebook: Path, assignment: str | None = None) -> tuple[str, str]:
        """(assignment, notebook id) of a learner's copy of a release notebook, whatever its file name.

        A copy is recognised by its graded cells (their nbgrader grade ids), so `2_strings-Copy1.ipynb`, the name
        JupyterLab's Duplicate gives, is still `01_coding/2_strings`. Only a notebook without any graded cell
        (its nbgrader metadata stripped) falls back to its file name. `assignment` narrows the search.
        """
        from course.notebooks import graded_ids

        assignments = self.resolve([assignment]) if assignment is not None else self.assignments()
        candidates = [(m, p) for m in assignments for p in self.source_notebooks(m)]
        ids = graded_ids(notebook)
        if ids:
            overlap = {}
            for m, path in candidates:
                wanted = graded_ids(path)
                if wanted and len(ids & wanted) * 2 >= len(wanted):
                    overlap[(m, path.stem)] = len(ids & wanted) / len(ids | wanted)
            best = sorted(overlap, key=overlap.get, reverse=True)
            if best and (len(best) == 1 or overlap[best[0]] > overlap[best[1]]):
                return best[0]
            if len(best) > 1:
                names = ", ".join(f"{m}/{n}" for m, n in best)
                raise CourseError(f"{notebook.name} matches several course notebooks ({names}); pass --assignment")
        else:
            named = [(m, p.stem) for m, p in candidates if p.stem == notebook.stem]
            if len(named) == 1:
                return named[0]
            if len(named) > 1:
                raise CourseError(f"{notebook.name} exists in several assignments; pass --assignment")
        known = ", ".join(f"{m}/{p.name}" for m, p in candidates)
        raise CourseError(f"{notebook.name} is not a notebook of this course (its graded cells match none of: {known})")

"""Where things are in the course: the root folder, its modules and their notebooks."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from course.errors import CourseError

CONFIG_FILE = "nbgrader_config.py"
MODULE_NAME = re.compile(r"^\d{2}_[a-z0-9_]+$")


@dataclass(frozen=True)
class Course:
    """The course repository: `source/` (authored), `release/` (generated) and the nbgrader config."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Course:
        """Find the course around `start` (default: the current folder), or in $COURSE_ROOT."""
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

    def modules(self) -> list[str]:
        """All module ids, e.g. ['01_coding', '02_algorithms'], in order."""
        return sorted(p.name for p in self.source_dir.iterdir() if p.is_dir() and MODULE_NAME.match(p.name))

    def resolve(self, names: Sequence[str]) -> list[str]:
        """Module ids for `names` (full id, its number '01' or its name 'coding'); all modules if empty."""
        modules = self.modules()
        if not names:
            return modules
        chosen: list[str] = []
        for name in names:
            key = name.strip().strip("/").removeprefix("source/").removeprefix("release/")
            matches = [m for m in modules if key in (m, m[:2], m[3:])]
            if len(matches) != 1:
                valid = ", ".join(modules) or "(none)"
                raise CourseError(f"unknown module '{name}'; valid modules: {valid}")
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

    def source_notebooks(self, module: str) -> list[Path]:
        return sorted((self.source_dir / module).glob("*.ipynb"))

    def release_notebooks(self, module: str) -> list[Path]:
        return sorted((self.release_dir / module).glob("*.ipynb"))

    def locate(self, notebook: Path, module: str | None = None) -> tuple[str, str]:
        """(module, notebook id) of a learner's copy of a release notebook, found by its name.

        The module is taken from `module`, else from the folder the notebook sits in, else from the
        only module that has a notebook of that name.
        """
        notebook_id = notebook.stem
        if module is not None:
            (module,) = self.resolve([module])
            candidates = [module]
        elif notebook.parent.name in self.modules():
            candidates = [notebook.parent.name]
        else:
            candidates = [m for m in self.modules() if (self.source_dir / m / notebook.name).is_file()]
        candidates = [m for m in candidates if (self.source_dir / m / f"{notebook_id}.ipynb").is_file()]
        if not candidates:
            known = ", ".join(f"{m}/{p.name}" for m in self.modules() for p in self.source_notebooks(m))
            raise CourseError(f"{notebook.name} is not a notebook of this course; course notebooks: {known}")
        if len(candidates) > 1:
            raise CourseError(f"{notebook.name} exists in several modules ({', '.join(candidates)}); pass --module")
        return candidates[0], notebook_id

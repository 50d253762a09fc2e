"""Shared fixtures: the course under test and a scratch copy of it for tests that modify files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course.layout import Course

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(ROOT)


@pytest.fixture
def course_copy(tmp_path: Path) -> Course:
    """A throwaway copy of the course (config, source, release, tests/variants) to modify freely."""
    target = copy_course(tmp_path / "course")
    shutil.copytree(ROOT / "tests" / "variants", target / "tests" / "variants")
    return Course(target)


def copy_course(target: Path) -> Path:
    """A new course folder at `target` with the course's config, source and release."""
    target.mkdir()
    for name in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, target / name)
    return target

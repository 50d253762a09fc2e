"""Shared fixtures: the course under test, a scratch copy of it, and a tiny fixture course for machinery tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course.layout import Course

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "minicourse"


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(ROOT)


@pytest.fixture
def course_copy(tmp_path: Path) -> Course:
    """A throwaway copy of the course (config, source, release, tests/variants) to modify freely."""
    return Course(ROOT).copy_to(tmp_path / "course")


@pytest.fixture(scope="session")
def mini_template(tmp_path_factory) -> Course:
    """The fixture course (two one-notebook modules, `01_alpha` and `02_beta`) with the course's own
    nbgrader_config.py, built once per session. Tests of the machinery use it so that content changes in the
    real modules never break them; take `mini_course` for a copy you may modify."""
    from course.build import build

    root = tmp_path_factory.mktemp("mini") / "course"
    root.mkdir()
    for name in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(MINI / "source", root / "source")
    shutil.copytree(MINI / "variants", root / "tests" / "variants")
    course = Course(root)
    report = build(course, course.modules())
    assert report.ok, f"the fixture course does not build: {report}"
    return course


@pytest.fixture
def mini_course(mini_template: Course, tmp_path: Path) -> Course:
    """A fresh copy of the built fixture course, to modify freely."""
    return mini_template.copy_to(tmp_path / "mini")

"""Shared fixtures: the course under test, a scratch copy of it, and a tiny fixture course for machinery tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from course.layout import Course

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "minicourse"

# A `course check` leaves a warm harness for the learner's next check (course.proof.warm); tests leave none behind
# (tests/selfpaced/test_warm.py starts and stops its own).
os.environ.setdefault("COURSE_CHECK_WARM_SECONDS", "0")


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(ROOT)


@pytest.fixture
def course_copy(tmp_path: Path) -> Course:
    """A throwaway copy of the course (config, source, release, tests/variants) to modify freely."""
    return Course(ROOT).copy_to(tmp_path / "course")


@pytest.fixture(scope="session")
def mini_template(tmp_path_factory) -> Course:
    """The fixture course (assignments `01_alpha` with two notebooks and `02_beta` with one), with the course's
    own nbgrader_config.py and its committed release (tests/authoring/test_build.py keeps it fresh). Tests of the
    machinery use it so that content changes in the real assignments never break them; take `mini_course` for a
    copy you may modify."""
    root = tmp_path_factory.mktemp("mini") / "course"
    root.mkdir()
    for name in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("source", "release"):
        shutil.copytree(MINI / folder, root / folder)
    shutil.copytree(MINI / "variants", root / "tests" / "variants")
    return Course(root)


@pytest.fixture
def mini_course(mini_template: Course, tmp_path: Path) -> Course:
    """A fresh copy of the built fixture course, to modify freely."""
    return mini_template.copy_to(tmp_path / "mini")

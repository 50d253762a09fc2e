"""Shared fixtures: the course under test and a scratch copy of it for tests that modify files."""

from __future__ import annotations

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
    return Course(ROOT).copy_to(tmp_path / "course")

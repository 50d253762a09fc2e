"""Settings: traitlets set in nbgrader_config.py, environment variables as documented overrides, and the README's
table generated from them (it cannot drift)."""

from __future__ import annotations

import pytest
from traitlets.config import Config

from course.errors import CourseError
from course.settings import CourseSettings, settings_table
from tests.conftest import ROOT


def test_the_file_sets_and_the_environment_overrides(monkeypatch):
    config = Config()
    config.CourseSettings.memory_bytes = 123
    monkeypatch.delenv("COURSE_SANDBOX_MEMORY_BYTES", raising=False)
    assert CourseSettings.load(config).memory_bytes == 123
    monkeypatch.setenv("COURSE_SANDBOX_MEMORY_BYTES", "456")
    assert CourseSettings.load(config).memory_bytes == 456
    monkeypatch.setenv("COURSE_FORKSERVER", "0")
    assert CourseSettings.load(config).forkserver is False
    monkeypatch.setenv("COURSE_BWRAP", "")
    assert CourseSettings.load(config).bwrap == "none", "an empty COURSE_BWRAP means: no sandbox here"


def test_a_bad_override_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("COURSE_SANDBOX", "docker")
    with pytest.raises(CourseError, match="COURSE_SANDBOX='docker' is not a valid value"):
        CourseSettings.load()


def test_every_setting_has_help_and_an_environment_override():
    for name, trait in CourseSettings.class_traits(config=True).items():
        assert trait.help and trait.metadata.get("env", "").startswith("COURSE_"), name


def test_the_readme_lists_exactly_the_settings():
    readme = (ROOT / "README.md").read_text()
    assert settings_table() in readme, "README settings table is stale: paste `course settings --markdown`"

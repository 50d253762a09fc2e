"""The README keeps its promises: the two commands, and a module table that matches source/."""

from __future__ import annotations

import re

from course.notebooks import is_grade, points, read_notebook
from tests.conftest import ROOT


def readme() -> str:
    return (ROOT / "README.md").read_text()


def test_quickstart_has_the_demo_and_test_commands():
    text = readme()
    assert "make demo" in text and "make test" in text and "make lab" in text


def test_module_table_lists_every_module_with_its_points(course):
    rows = {}
    for line in readme().splitlines():
        match = re.match(r"^\|\s*`(\d{2}_[a-z0-9_]+)`\s*\|.*\|\s*(\d+(?:\.\d+)?)\s*\|\s*$", line)
        if match:
            rows[match.group(1)] = float(match.group(2))
    for module in course.assignments():
        total = sum(points(c) for p in course.source_notebooks(module) for c in read_notebook(p).cells if is_grade(c))
        assert module in rows, f"README module table lacks {module}"
        assert rows[module] == total, f"README says {module} has {rows[module]:g} points, the notebooks hold {total:g}"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()

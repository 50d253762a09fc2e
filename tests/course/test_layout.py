"""Finding the course, its modules and notebooks, with one-line errors for every wrong guess."""

from __future__ import annotations

import json
import shutil

import pytest

from course.errors import CourseError
from course.layout import Course
from course.notebooks import public_part, read_notebook, solution_code, split_regions, write_notebook


def test_the_course_is_found_from_any_folder_below_it(mini_template):
    course = mini_template
    assert Course.find(course.root / "source" / "01_alpha").root == course.root


def test_outside_the_course_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_ROOT", raising=False)
    with pytest.raises(CourseError, match="not inside the course"):
        Course.find(tmp_path)


def test_course_root_variable_points_to_the_course(course, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(course.root))
    assert Course.find(tmp_path).root == course.root
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    with pytest.raises(CourseError, match="not a course folder"):
        Course.find()


def test_assignments_resolve_by_id_number_or_name(mini_template):
    course = mini_template
    assert course.resolve(["01_alpha"]) == ["01_alpha"]
    assert course.resolve(["02"]) == ["02_beta"]
    assert course.resolve(["alpha", "source/01_alpha/"]) == ["01_alpha"]
    assert course.resolve([]) == course.assignments() == ["01_alpha", "02_beta"]
    with pytest.raises(CourseError, match=r"unknown assignment 'nope'; valid assignments: 01_alpha, 02_beta"):
        course.resolve(["nope"])


def test_a_learner_copy_is_located_by_its_graded_cells_whatever_its_name(mini_template, tmp_path):
    course = mini_template
    release = course.release_notebooks("01_alpha")[1]
    duplicate = tmp_path / f"{release.stem}-Copy1.ipynb"  # JupyterLab's Duplicate
    shutil.copy(release, duplicate)
    assert course.locate(duplicate) == ("01_alpha", release.stem)
    assert course.locate(duplicate, "01") == ("01_alpha", release.stem)
    renamed = tmp_path / "homework.ipynb"
    shutil.copy(release, renamed)
    assert course.locate(renamed) == ("01_alpha", release.stem)
    with pytest.raises(CourseError, match="not a notebook of this course"):
        course.locate(renamed, "02_beta")
    # without any nbgrader metadata (stripped by another tool) the file name still tells
    stripped = read_notebook(release)
    for cell in stripped.cells:
        cell.metadata.pop("nbgrader", None)
    bare = tmp_path / "bare" / release.name
    write_notebook(stripped, bare)
    assert course.locate(bare) == ("01_alpha", release.stem)
    write_notebook(stripped, renamed)
    with pytest.raises(CourseError, match="not a notebook of this course"):
        course.locate(renamed)


def test_reading_notebooks_fails_with_one_clear_line(tmp_path):
    with pytest.raises(CourseError, match="notebook not found"):
        read_notebook(tmp_path / "missing.ipynb")
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [')
    with pytest.raises(CourseError, match=r"broken notebook JSON in .*line 1 column"):
        read_notebook(broken)
    not_nb = tmp_path / "list.ipynb"
    not_nb.write_text(json.dumps([1, 2]))
    with pytest.raises(CourseError, match="without 'cells'"):
        read_notebook(not_nb)
    text = tmp_path / "notes.txt"
    text.write_text("hi")
    with pytest.raises(CourseError, match="not a notebook"):
        read_notebook(text)
    binary = tmp_path / "binary.ipynb"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CourseError, match="not UTF-8"):
        read_notebook(binary)


def test_regions_split_and_unbalanced_markers_are_errors():
    source = "a\n### BEGIN HIDDEN TESTS\nb\n### END HIDDEN TESTS\nc"
    assert public_part(source) == "a\nc"
    with pytest.raises(ValueError, match="without"):
        split_regions("### BEGIN SOLUTION\nx", "### BEGIN SOLUTION", "### END SOLUTION")
    assert (
        solution_code("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION")
        == "def f():\n    return 1"
    )

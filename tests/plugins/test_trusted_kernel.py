"""Which cells the test kernel runs (course.plugins.trusted_kernel): the gradebook decides, never the submission."""

from __future__ import annotations

from nbformat.v4 import new_code_cell

from course.plugins.trusted_kernel import channel_folder, forbidden_packages, is_trusted, trusted_sources


def cell(source: str, grade_id: str = "", **nbgrader: object):
    meta = {"nbgrader": {"grade_id": grade_id, **nbgrader}} if grade_id else {}
    return new_code_cell(source, metadata=meta)


SOURCES = {"setup": "import numpy as np", "test-add": "assert add(1, 2) == 3, 'add'"}


def test_only_the_course_s_locked_cells_unchanged_are_trusted():
    assert is_trusted(cell("import numpy as np", "setup", locked=True), SOURCES), "the restored setup cell"
    assert is_trusted(cell("assert add(1, 2) == 3, 'add'", "test-add", grade=True, points=1), SOURCES), "a test"
    assert not is_trusted(cell("import os; os.system('x')", "setup", locked=True), SOURCES), (
        "a read-only cell whose source differs from the gradebook's is the learner's")
    assert not is_trusted(cell("print(1)", "my-cell", locked=True), SOURCES), (
        "a learner's cell that claims to be locked, under a grade id the gradebook does not know")
    assert not is_trusted(cell("import numpy as np"), SOURCES), "a cell without a grade id"
    assert not is_trusted(cell("import numpy as np", "setup", locked=True), None), "no gradebook: nothing trusted"
    markdown = cell("import numpy as np", "setup", locked=True)
    markdown.cell_type = "markdown"
    assert not is_trusted(markdown, SOURCES), "only code cells run"


def test_without_a_gradebook_nothing_is_trusted():
    assert trusted_sources({}) is None, "no nbgrader resources"
    assert trusted_sources({"nbgrader": {"notebook": "n", "assignment": "a"}}) is None, "no gradebook URL"


def test_the_channel_folder_is_not_writable_by_the_learner(tmp_path):
    class Provisioner:
        mode = "bwrap"
        work = tmp_path / "server" / "kernels" / "k1"

    class KernelManager:
        provisioner = Provisioner()

    Provisioner.work.mkdir(parents=True)
    folder = channel_folder(KernelManager())
    assert folder.parent == tmp_path / "server" / "channels", f"inside the sandbox's shared folder: {folder}"
    assert folder.stat().st_mode & 0o777 == 0o711 and folder.parent.stat().st_mode & 0o777 == 0o711, (
        "the learner's kernel may enter the folder (to connect), not list or change it")


def test_the_packages_to_hide_are_read_from_the_tests():
    sources = {
        "t1": "checks.run(f, x, forbid=('sklearn',))\nchecks.run(g, x, forbid=('scipy', 'sklearn'))",
        "t2": "forbid_ = ('sklearn', 'scipy.optimize')\nchecks.run(h, x, forbid=forbid_)",
        "t3": "checks.run(k, x, forbid=('sklearn.ensemble',))\nchecks.run(m, x, forbid=('pandas.merge_asof',))",
        "t4": "checks.run(n, x)",
    }
    assert forbidden_packages(sources) == [("scipy", "sklearn"), ("sklearn",)], (
        "whole packages only (a function or subpackage stays watched), a name bound to a literal in the cell is read")

"""GuardedExecute on fixture notebooks, as nbgrader runs it: an output flood is cut, a dying kernel costs only the
cells from there on, a kernel that never starts is a KernelStartFailed, and every event lands in the notebook."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from course.plugins.execute import GuardedExecute, KernelStartFailed, grading_events

pytestmark = pytest.mark.integration


def notebook(*sources: str):
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def run(nb, **settings):
    config = Config()
    config.GuardedExecute.kernel_name = "python3"
    for name, value in settings.items():
        setattr(config.CourseSettings, name, value)
    config.CourseSettings.sandbox = "off"
    nb, _ = GuardedExecute(config=config).preprocess(nb, {"nbgrader": {"notebook": "nb", "student": "s"}})
    return nb


def test_an_output_flood_is_cut_and_recorded():
    nb = run(notebook("x = 1", "for _ in range(50):\n    print('a' * 100)", "print('after')"), max_output_bytes=1500)
    flooded = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert "[output cut: more than 1,500 bytes]" in flooded and flooded.count("a" * 100) < 50
    assert nb.cells[2].outputs[0]["text"] == "after\n", "later cells still run"
    assert [e["kind"] for e in grading_events(nb)] == ["output"]


def test_a_dying_kernel_costs_only_the_cells_from_there_on():
    nb = run(notebook("x = 1", "import os\nos._exit(3)", "y = 2"))
    assert not any(o.output_type == "error" for o in nb.cells[0].outputs)
    died = nb.cells[1].outputs[-1]
    assert died.ename == "GradingStopped" and "kernel died" in died.evalue
    assert nb.cells[2].outputs[-1].evalue.startswith("not run: ")
    assert grading_events(nb) == [{"kind": "kernel", "message": died.evalue}]
    json.dumps(nb)  # the events are plain data in the notebook


def test_a_kernel_that_never_starts_is_a_start_failure(tmp_path, monkeypatch):
    spec = tmp_path / "kernels" / "broken"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": ["false"], "display_name": "broken", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    config = Config()
    config.GuardedExecute.kernel_name = "broken"
    config.GuardedExecute.startup_timeout = 20
    with pytest.raises(KernelStartFailed):
        GuardedExecute(config=config).preprocess(notebook("x = 1"), {})


def test_grading_events_of_an_ungraded_notebook_are_empty():
    assert grading_events(nbformat.v4.new_notebook()) == []


def test_a_notebook_past_its_wall_clock_budget_stops_there():
    nb = run(notebook("x = 1", "import time\ntime.sleep(30)", "y = 2", "z = 3"), notebook_seconds=4)
    assert not any(o.output_type == "error" for o in nb.cells[0].outputs)
    assert any(o.output_type == "error" for o in nb.cells[1].outputs), "the long cell is interrupted"
    assert "time limit of 4 s" in nb.cells[2].outputs[-1].evalue
    assert nb.cells[3].outputs[-1].evalue.startswith("not run")
    assert [e["kind"] for e in grading_events(nb)] == ["time"]


def test_notebooks_of_one_submission_share_its_budget():
    with GuardedExecute.submission_budget(3):
        first = run(notebook("import time\ntime.sleep(30)"))
        second = run(notebook("x = 1"))
    assert any(o.output_type == "error" for o in first.cells[0].outputs)
    assert "submission ran past its time limit" in second.cells[0].outputs[-1].evalue


def test_a_kernel_that_jams_its_own_sockets_cannot_hang_the_grader():
    jam = ("import os\nfor fd in range(3, 1024):\n    try:\n        os.write(fd, b'x' * 64)\n"
           "    except OSError:\n        pass")
    nb = run(notebook("x = 1", jam, "y = 2"), notebook_seconds=60)
    assert any(o.output_type == "error" for c in nb.cells[1:] for o in c.outputs) or grading_events(nb), (
        "a jammed kernel ends its grading with a reason")

"""`course start`: the release copied into a private, git-ignored workspace on first use, never over a file that is
there, recorded in `.course/manifest.json`; JupyterLab opened there exactly as `make lab` does."""

from __future__ import annotations

import json
import subprocess

from course.cli import main
from course.selfpaced.workspace import STATE, LearnerWorkspace, lab_command, start
from tests.conftest import ROOT


def test_first_start_copies_every_assignment_and_records_it(mini_course, tmp_path):
    ws = LearnerWorkspace(tmp_path / "ws")
    report = start(mini_course, ws)
    released = sorted(str(p.relative_to(mini_course.release_dir)) for p in mini_course.release_dir.glob("*/*.ipynb"))
    assert len(released) >= 3 and report.created and sorted(report.copied) == released
    manifest = json.loads((ws.root / STATE / "manifest.json").read_text())
    entry = manifest["notebooks"]["01_alpha/1_sums.ipynb"]
    assert entry["cells"]["add"]["solution"] and entry["cells"]["test-add"]["locked"]
    assert entry["release"] == manifest["files"]["01_alpha/1_sums.ipynb"]
    assert (ws.root / "01_alpha" / "1_sums.ipynb").read_bytes() == \
        (mini_course.release_dir / "01_alpha" / "1_sums.ipynb").read_bytes()


def test_start_never_overwrites_and_later_says_when_a_newer_release_exists(mini_course, tmp_path):
    ws = LearnerWorkspace(tmp_path / "ws")
    (ws.root / "01_alpha").mkdir(parents=True)
    (ws.root / "01_alpha" / "1_sums.ipynb").write_text("mine")
    assert start(mini_course, ws).kept == ["01_alpha/1_sums.ipynb"]
    assert (ws.root / "01_alpha" / "1_sums.ipynb").read_text() == "mine"
    again = start(mini_course, ws)
    assert not again.created and not again.copied and not again.newer
    (mini_course.release_dir / "02_beta" / "1_words.ipynb").write_text("{}")
    assert start(mini_course, ws).newer == ["02_beta/1_words.ipynb"]


def test_the_workspace_is_configured_and_git_ignored(mini_course, tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_WORKSPACE", raising=False)
    assert LearnerWorkspace.configured(mini_course).root == mini_course.root / "workspace"
    monkeypatch.setenv("COURSE_WORKSPACE", str(tmp_path / "elsewhere"))
    assert LearnerWorkspace.configured(mini_course).root == tmp_path / "elsewhere"
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "workspace/01_coding/x.ipynb"])
    assert ignored.returncode == 0, "workspace/ must be git-ignored"


def test_start_without_lab_prepares_it_and_lab_opens_there_with_the_learner_settings(mini_course, tmp_path,
                                                                                   monkeypatch, capsys):
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    assert main(["start", "--no-lab", "--workspace", str(tmp_path / "ws")]) == 0
    released = len(list(mini_course.release_dir.glob("*/*.ipynb")))
    assert f"{released} files of the release copied" in capsys.readouterr().out
    argv, env = lab_command(mini_course, LearnerWorkspace(tmp_path / "ws"), ["--no-browser"])
    assert argv[1:3] == ["lab", "--ServerApp.root_dir=."] and argv[-1] == "--no-browser"
    assert env["JUPYTER_CONFIG_PATH"] == str(mini_course.root / "deploy" / "jupyter" / "learner")
    assert env["PATH"].split(":")[0] == argv[0].rsplit("/", 1)[0], "the course's environment first on PATH"


def test_make_lab_is_course_start():
    makefile = (ROOT / "Makefile").read_text()
    recipe = [line for line in makefile.split("\nlab: ", 1)[1].split("\n\n", 1)[0].splitlines()
              if line.startswith("\t")]
    assert recipe and all("course start" in line and "release" not in line for line in recipe), recipe

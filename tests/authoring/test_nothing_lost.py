"""No course verb overwrites a file a person edited: grading never rewrites release/, and `course build` refuses
to replace a release notebook that changed since it wrote it (unless told `--force`)."""

from __future__ import annotations

import json

import pytest

from course.authoring.build import MANIFEST, build
from course.cli import main
from course.grading.grade import grade_all
from course.grading.results import read_result
from course.notebooks import read_notebook, write_notebook
from course.proof.variants import Profile, write_submission
from course.workspace import Workspace

pytestmark = pytest.mark.integration

MODULE = "01_alpha"


def edit(path):
    """What a learner does: type an answer into a release notebook and save it."""
    nb = read_notebook(path)
    answer = next(c for c in nb.cells if c.cell_type == "code" and "NotImplementedError" in c.source)
    answer.source = "# my answer, typed by hand\n" + answer.source
    write_notebook(nb, path)
    return path.read_bytes()


def test_build_refuses_to_overwrite_an_edited_release_notebook(mini_course, capsys):
    path = mini_course.release_notebooks(MODULE)[0]
    mine = edit(path)
    report = build(mini_course, [MODULE])
    assert not report.ok
    assert report.edited == [f"release/{MODULE}/{path.name}"], report.edited
    assert path.read_bytes() == mine, "the edited notebook was overwritten"


def test_build_cli_names_the_edited_files_and_force_replaces_them(mini_course, capsys, monkeypatch):
    monkeypatch.chdir(mini_course.root)
    path = mini_course.release_notebooks(MODULE)[1]
    mine = edit(path)
    assert main(["build", MODULE]) == 1
    out = capsys.readouterr().out
    assert f"edited: release/{MODULE}/{path.name}" in out and "--force" in out, out
    assert path.read_bytes() == mine
    assert main(["build", MODULE, "--force"]) == 0
    assert path.read_bytes() != mine
    assert build(mini_course, [MODULE], check=True).ok, "after --force the release is a fresh build"


def test_an_unedited_release_is_rebuilt_after_a_source_change(mini_course):
    source = mini_course.source_notebooks(MODULE)[0]
    data = json.loads(source.read_text())
    data["cells"][0]["source"] = ["# A retitled notebook\n", *data["cells"][0]["source"][1:]]
    source.write_text(json.dumps(data, indent=1))
    report = build(mini_course, [MODULE])
    assert report.ok, report
    released = read_notebook(mini_course.release_dir / MODULE / source.name)
    assert released.cells[0].source.startswith("# A retitled notebook")


def test_check_notices_a_manifest_that_does_not_match_the_release(mini_course):
    manifest_path = mini_course.release_dir / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    first = sorted(k for k in manifest if k.startswith(f"{MODULE}/"))[0]
    manifest[first] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    report = build(mini_course, [MODULE], check=True)
    assert any(MANIFEST in s for s in report.stale), report.stale


def test_grading_leaves_an_edited_release_byte_identical(mini_course):
    """A self-paced learner solved a notebook in release/; the instructor then grades the cohort."""
    path = mini_course.release_notebooks(MODULE)[0]
    mine = edit(path)
    others = {p: p.read_bytes() for p in mini_course.release_notebooks(MODULE) if p != path}
    write_submission(mini_course, mini_course.root / "submitted", "ana", MODULE, {path.stem: Profile("all")})
    workspace = Workspace.of_course(mini_course)
    (outcome,) = grade_all(workspace, MODULE, ["ana"], workers=1)
    assert outcome.graded, outcome.error
    assert path.read_bytes() == mine, "grading rewrote a release notebook a learner had edited"
    assert {p: p.read_bytes() for p in others} == others
    result = read_result(workspace, MODULE, "ana")
    assert result.auto_score(path.stem) == result.auto_max(path.stem) > 0

    # the source changes after the gradebook recorded the assignment: it is recorded again, release/ untouched
    source = mini_course.source_notebooks(MODULE)[0]
    data = json.loads(source.read_text())
    data["cells"][0]["source"] = ["# A retitled notebook\n", *data["cells"][0]["source"][1:]]
    source.write_text(json.dumps(data, indent=1))
    (outcome,) = grade_all(workspace, MODULE, ["ana"], workers=1)
    assert outcome.graded, outcome.error
    assert path.read_bytes() == mine

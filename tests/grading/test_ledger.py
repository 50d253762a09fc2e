"""The grading ledger: what was graded from which content; a changed submission, source or deadline changes the
hash; a row is removed before regrading."""

from __future__ import annotations

from datetime import datetime

import pytest

from course.grading import ledger
from course.grading.deadlines import set_due_date
from course.nbgrader_api import record_assignment
from course.proof.variants import Profile, write_submission
from course.workspace import Workspace

pytestmark = pytest.mark.integration


@pytest.fixture
def workspace(mini_course):
    workspace = Workspace.of_course(mini_course)
    write_submission(mini_course, mini_course.root / "submitted", "ana", "01_alpha", {"1_sums": Profile("all")})
    record_assignment(workspace, "01_alpha")
    return workspace


def test_record_lookup_forget(workspace):
    assert ledger.lookup(workspace, "01_alpha", "ana") is None
    key = ledger.current_hash(workspace, "01_alpha", "ana")
    ledger.record(workspace, ledger.Entry("01_alpha", "ana", key, "graded", 1.5, problems=["p"], flags=["f"]))
    entry = ledger.lookup(workspace, "01_alpha", "ana")
    assert (entry.content_hash, entry.status, entry.seconds, entry.problems, entry.flags) == (key, "graded", 1.5,
                                                                                              ["p"], ["f"])
    assert ledger.is_up_to_date(workspace, "01_alpha", "ana")
    assert set(ledger.entries(workspace, "01_alpha")) == {"ana"}
    ledger.forget(workspace, "01_alpha", "ana")
    assert ledger.lookup(workspace, "01_alpha", "ana") is None
    assert not ledger.is_up_to_date(workspace, "01_alpha", "ana")


def test_the_hash_follows_the_submission_the_source_and_the_deadline(workspace, mini_course):
    first = ledger.current_hash(workspace, "01_alpha", "ana")
    ledger.record(workspace, ledger.Entry("01_alpha", "ana", first, "graded", 1.0))
    notebook = mini_course.root / "submitted" / "ana" / "01_alpha" / "1_sums.ipynb"
    notebook.write_text(notebook.read_text().replace("return a + b", "return b + a"))
    second = ledger.current_hash(workspace, "01_alpha", "ana")
    assert second != first and not ledger.is_up_to_date(workspace, "01_alpha", "ana")
    set_due_date(workspace, "01_alpha", datetime(2026, 12, 1, 23, 59))
    assert ledger.current_hash(workspace, "01_alpha", "ana") != second
    source = mini_course.source_dir / "01_alpha" / "1_sums.ipynb"
    before = ledger.source_hash(workspace, "01_alpha")
    source.write_text(source.read_text().replace("Add numbers.", "Add two numbers."))
    assert ledger.source_hash(workspace, "01_alpha") != before


def test_a_failed_grading_is_never_up_to_date(workspace):
    key = ledger.current_hash(workspace, "01_alpha", "ana")
    ledger.record(workspace, ledger.Entry("01_alpha", "ana", key, "failed", 1.0, error="kernel"))
    assert not ledger.is_up_to_date(workspace, "01_alpha", "ana")

"""Red team: hostile submissions graded with honest ones, through the real sandboxed grader (two runs side by side).

Each attack must earn nothing, be reported with its reason where it does something visible, see nothing it must
not see, and leave nothing behind; every honest learner in the same run must get exactly the score it gets
alone. The suite prints: attacks tried, unearned points (0), honest learners affected (0).
"""

from __future__ import annotations

import ast
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from course.grading.grade import grade_all
from course.grading.results import read_result
from course.notebooks import read_notebook
from course.proof.variants import Profile, write_submission
from course.sandbox.bwrap import availability, readonly_roots
from course.workspace import Workspace
from tests.sandbox.redteam.attacks import ATTACKS, MODULE, NOTEBOOK, Paths

pytestmark = pytest.mark.integration

HONEST = {"honest-complete": Profile("all"), "honest-partial": Profile("first:4")}
PROBE = "honest-probe"  # graded last in each run: sees what the earlier submissions left behind
PROBE_CODE = """import os
import shutil
print("PROCESSES", sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()))
print("TMP", sorted(os.listdir("/tmp")))
print("SHM", open("/proc/sysvipc/shm").read().splitlines()[1:])"""


def require_sandbox() -> None:
    usable, reason = availability()
    if not usable:
        if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"the sandbox is required here: {reason}")
        pytest.skip(reason)


def outputs_text(workspace: Workspace, student: str) -> str:
    path = workspace.path("autograded", student, MODULE) / f"{NOTEBOOK}.ipynb"
    if not path.exists():
        return ""
    texts = []
    for cell in json.loads(path.read_text())["cells"]:
        for output in cell.get("outputs", []):
            texts.append(json.dumps(output))
    return "\n".join(texts)


def tmp_listing(probe_text: str) -> list[str]:
    """The probe's listing of /tmp (a line `TMP [...]` in its outputs)."""
    match = re.search(r"TMP (\[[^\]]*\])", probe_text)
    assert match, f"{PROBE} printed no listing of /tmp: {probe_text[:300]}"
    return ast.literal_eval(match.group(1))


def mount_parents_in_tmp() -> set[str]:
    """Names in the sandbox's /tmp that the sandbox itself creates: parents of read-only mounts that live below
    /tmp on this machine (e.g. a checkout of the course in /tmp)."""
    names = set()
    for root in readonly_roots():
        path = Path(os.path.realpath(root))
        if path.parts[:2] == ("/", "tmp") and len(path.parts) > 2:
            names.add(path.parts[2])
    return names


def leftover(marker: str) -> list[str]:
    done = subprocess.run(["pgrep", "-af", marker], capture_output=True, text=True)
    return [line for line in done.stdout.splitlines() if "pgrep" not in line]


def honest_reference(course, tmp_path) -> dict[str, float]:
    """Honest learners graded alone: the scores the red-team run must reproduce exactly."""
    workspace = Workspace.scratch(course, tmp_path / "reference").with_sandbox("bwrap")
    for student, profile in HONEST.items():
        write_submission(course, workspace.root / "submitted", student, MODULE, {NOTEBOOK: profile})
    outcomes = grade_all(workspace, MODULE, list(HONEST), workers=2)
    assert all(o.graded for o in outcomes)
    return {s: read_result(workspace, MODULE, s, messages=False).auto_score(NOTEBOOK) for s in HONEST}


def grade_run(run: tuple[Workspace, list[str]]) -> dict:
    """One grading run with one worker (in a process of its own): its outcomes by student."""
    workspace, students = run
    return {o.student: o for o in grade_all(workspace, MODULE, students, workers=1)}


def graded_in_halves(course, tmp_path: Path, release) -> tuple[dict, dict]:
    """The attacks, the honest learners and a probe per half graded in two runs side by side, each with one worker
    (its own sandbox, /tmp and kernels' user), so that every attack meets the later kernels of its run and the
    probe graded last sees what its run's submissions left behind: each student's outcome and workspace."""
    runs, located = [], {}
    for half, honest in enumerate(HONEST.items()):
        workspace = Workspace.scratch(course, tmp_path / f"run-{half}").with_sandbox("bwrap")
        paths = Paths(course.root, workspace.root)
        attacks = ATTACKS[half::2]
        for attack in attacks:
            attack.write(release, workspace.path("submitted", f"attack-{attack.name}", MODULE), paths)
        student, profile = honest
        write_submission(course, workspace.root / "submitted", student, MODULE, {NOTEBOOK: profile})
        probe = f"{PROBE}-{half}"
        write_submission(course, workspace.root / "submitted", probe, MODULE, {NOTEBOOK: Profile("all")})
        probe_path = workspace.path("submitted", probe, MODULE) / f"{NOTEBOOK}.ipynb"
        notebook = read_notebook(probe_path)
        next(c for c in notebook.cells if c.cell_type == "code" and c.id == "sigmoid").source += "\n\n" + PROBE_CODE
        probe_path.write_text(json.dumps(notebook))
        students = [f"attack-{a.name}" for a in attacks] + [student, probe]
        runs.append((workspace, students))
        located.update(dict.fromkeys(students, workspace))
    with ProcessPoolExecutor(len(runs), mp_context=multiprocessing.get_context("fork")) as pool:
        outcomes = {student: o for run in pool.map(grade_run, runs) for student, o in run.items()}
    return outcomes, located


@pytest.mark.slow
def test_attacks_earn_nothing_and_honest_learners_are_unaffected(course, tmp_path, monkeypatch, capfd):
    require_sandbox()
    monkeypatch.setenv("COURSE_CELL_TIMEOUT", "20")
    monkeypatch.setenv("COURSE_NOTEBOOK_SECONDS", "90")
    monkeypatch.setenv("COURSE_DB_URL_SECRET_PROBE", "postgresql://grader:hunter2@db/gradebook")
    expected = honest_reference(course, tmp_path)

    release = read_notebook(course.release_dir / MODULE / f"{NOTEBOOK}.ipynb")
    before = {p: p.stat().st_mtime for p in (course.root / "source").rglob("*")}
    outcomes, located = graded_in_halves(course, tmp_path, release)

    failures, unearned = [], 0.0
    for attack in ATTACKS:
        student = f"attack-{attack.name}"
        outcome, workspace = outcomes[student], located[student]
        if not outcome.graded:
            failures.append(f"{attack.name}: the grader failed on it: {outcome.error}")
            continue
        score = read_result(workspace, MODULE, student, messages=False).auto_score()
        unearned += score
        if score:
            failures.append(f"{attack.name}: earned {score:g} points")
        if attack.problem and not any(attack.problem in p for p in outcome.problems):
            failures.append(f"{attack.name}: problem '{attack.problem}' not reported ({outcome.problems})")
        if attack.flag and not any(attack.flag in f for f in outcome.flags):
            failures.append(f"{attack.name}: flag '{attack.flag}' not raised ({outcome.flags})")
        text = outputs_text(workspace, student)
        if "LEAKED" in text:
            failures.append(f"{attack.name}: {text[text.index('LEAKED') :][:120]}")
        if "hunter2" in text:
            failures.append(f"{attack.name}: saw the grader's secret environment")
        for marker in attack.markers:
            if leftover(marker):
                failures.append(f"{attack.name}: left processes behind: {leftover(marker)}")
        if outcome.seconds > 90 + 120:
            failures.append(f"{attack.name}: held the worker {outcome.seconds:.0f} s, past the notebook's budget")

    affected = []
    for student, want in expected.items():
        outcome, workspace = outcomes[student], located[student]
        got = read_result(workspace, MODULE, student, messages=False).auto_score(NOTEBOOK) if outcome.graded else None
        if got != want or outcome.flags:
            affected.append(f"{student}: {got} instead of {want} {outcome.flags}")
    for probe in (s for s in outcomes if s.startswith(PROBE)):
        affected += probe_findings(probe, outcomes[probe], located[probe])
    grader_terminal = capfd.readouterr()
    if "REDTEAM-TERMINAL" in grader_terminal.out + grader_terminal.err:
        failures.append("write-grader-terminal: reached the grader's terminal through an inherited descriptor")
    created = [p for p in (course.root / "source").rglob("*") if p not in before]
    marks = [course.root / ".venv" / "redteam-was-here", *(w.root / "redteam-was-here" for w in set(located.values()))]
    if created or any(m.exists() for m in marks):
        failures.append(f"files were written outside the sandbox: {created}")

    with capfd.disabled():
        print(
            f"\nred team: {len(ATTACKS)} attacks tried, {unearned:g} unearned points, "
            f"{len(affected)} honest learners affected"
        )
    assert not failures and not affected, "\n".join(failures + affected)
    assert unearned == 0


def probe_findings(probe: str, outcome, workspace: Workspace) -> list[str]:
    """What the probe graded last in its run saw left behind by the submissions before it (nothing, or this)."""
    findings = []
    text = outputs_text(workspace, probe)
    full = read_result(workspace, MODULE, probe, messages=False)
    if not outcome.graded or full.auto_score(NOTEBOOK) != full.auto_max(NOTEBOOK):
        findings.append(f"{probe}: {full.auto_score(NOTEBOOK)}/{full.auto_max(NOTEBOOK)} {outcome.flags}")
    if "SHM []" not in text:
        findings.append(f"{probe}: saw System V IPC objects left by earlier submissions: {text[:300]}")
    if "PROCESSES [1, 2]" not in text:
        findings.append(f"{probe}: saw processes left by earlier submissions: {text[:300]}")
    left_in_tmp = sorted(set(tmp_listing(text)) - mount_parents_in_tmp())
    if left_in_tmp:
        findings.append(f"{probe}: found files left in /tmp by earlier submissions: {left_in_tmp}")
    return findings


def test_grading_refuses_without_a_sandbox_unless_unsafe(course_copy, tmp_path):
    env = {**os.environ, "COURSE_ROOT": str(course_copy.root), "COURSE_BWRAP": ""}
    submission = course_copy.root / "submitted" / "someone" / MODULE
    shutil.copytree(course_copy.release_dir / MODULE, submission)  # an untouched release: graded, scores 0
    refused = subprocess.run(
        [sys.executable, "-m", "course", "grade", MODULE], env=env, capture_output=True, text=True, timeout=300
    )
    assert refused.returncode == 2
    assert "no sandbox for learner code" in refused.stderr and "--unsafe" in refused.stderr
    unsafe = subprocess.run(
        [sys.executable, "-m", "course", "grade", MODULE, "--unsafe", "--workers", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert unsafe.returncode == 0, unsafe.stdout + unsafe.stderr
    assert "marked unsandboxed" in unsafe.stderr
    report = subprocess.run(
        [sys.executable, "-m", "course", "report"], env=env, capture_output=True, text=True, timeout=300
    )
    assert report.returncode == 0, report.stderr
    assert "graded without a sandbox" in (course_copy.root / "reports" / "report.html").read_text()

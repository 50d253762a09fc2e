"""Grading beyond one process: a real Dask scheduler and workers, and a real PostgreSQL gradebook.

Both need services that `.ci/run` installs and starts (it sets COURSE_REQUIRE_SERVICES=1, which turns a
missing service into a failure instead of a skip). PostgreSQL is found through COURSE_TEST_POSTGRES_URL,
e.g. postgresql+psycopg://root@/postgres?host=/var/run/postgresql
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from course.grading import ledger
from course.layout import Course
from course.proof.variants import Profile, load_variants, write_submission
from course.workspace import Workspace
from tests.support.gradebooks import gradebook_snapshot

pytestmark = pytest.mark.integration

MODULE = "01_coding"
BIN = Path(sys.executable).parent


def need(reason: str) -> None:
    if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":
        pytest.fail(f"required service unavailable: {reason}")
    pytest.skip(reason)


def make_cohort(course: Course) -> list[str]:
    notebooks = [p.stem for p in course.source_notebooks(MODULE)]
    variants = load_variants(course, MODULE, notebooks[0])
    cohort = {
        "ada": dict.fromkeys(notebooks, Profile("all")),
        "grace": {notebooks[0]: Profile("all", variants[0])},
        "alan": {notebooks[0]: Profile("all", variants[5])},
        "barbara": dict.fromkeys(notebooks[:2], Profile("first:2")),
        "margaret": {notebooks[0]: Profile("none")},
    }
    for student, profiles in cohort.items():
        write_submission(course, course.root / "submitted", student, MODULE, profiles)
    return sorted(cohort)


def grade(course: Course, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "course", "grade", MODULE, *extra],
        env={**os.environ, "COURSE_ROOT": str(course.root), **(env or {})},
        capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def reference(tmp_path_factory, course):
    """The cohort graded by the local pool into SQLite: what every other route must reproduce."""
    copy = course.copy_to(tmp_path_factory.mktemp("reference") / "course")
    make_cohort(copy)
    grade(copy, "--workers", "2")
    return gradebook_snapshot(Workspace.of_course(copy), MODULE)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    if not (BIN / "dask").exists():
        need("the dask command is not installed")
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    logs = (folder / "scheduler.log").open("w"), (folder / "workers.log").open("w")
    scheduler = subprocess.Popen(
        [BIN / "dask", "scheduler", "--scheduler-file", scheduler_file, "--host", "127.0.0.1", "--port", "0",
         "--no-dashboard"], stdout=logs[0], stderr=subprocess.STDOUT)
    workers = subprocess.Popen(
        [BIN / "dask", "worker", "--scheduler-file", scheduler_file, "--nworkers", "2", "--nthreads", "1",
         "--no-dashboard", "--memory-limit", "0", "--local-directory", folder / "workers"],
        stdout=logs[1], stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in (workers, scheduler):
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()


@pytest.fixture
def postgres_url():
    base = os.environ.get("COURSE_TEST_POSTGRES_URL")
    if not base:
        need("COURSE_TEST_POSTGRES_URL is not set (see .ci/run)")
    import sqlalchemy as sa

    name = f"course_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        need(f"PostgreSQL at {base} is not reachable: {exc.orig}")
    url = sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    yield url
    ledger._engines.pop(url, None)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def graders(workspace: Workspace) -> set[str]:
    return {entry.grader for entry in ledger.entries(workspace, MODULE).values()}


@pytest.mark.slow
def test_dask_workers_grade_like_the_local_pool(tmp_path, course, reference, dask_cluster):
    copy = course.copy_to(tmp_path / "course")
    make_cohort(copy)
    done = grade(copy, "--scheduler", dask_cluster)
    assert "5/5 submissions graded" in done.stdout, done.stdout
    workspace = Workspace.of_course(copy)
    assert gradebook_snapshot(workspace, MODULE) == reference
    assert len(graders(workspace)) == 2, "both Dask worker processes took submissions"


@pytest.mark.slow
def test_postgres_gradebook_with_parallel_workers(tmp_path, course, reference, postgres_url):
    copy = course.copy_to(tmp_path / "course")
    make_cohort(copy)
    env = {"COURSE_DB_URL": postgres_url}
    grade(copy, "--workers", "2", env=env)
    workspace = Workspace(copy, copy.root, postgres_url)
    assert gradebook_snapshot(workspace, MODULE) == reference
    assert len(graders(workspace)) == 2, "two workers wrote to PostgreSQL at once"
    again = grade(copy, "--workers", "2", env=env)
    assert "5 unchanged since their last grading, skipped" in again.stdout


@pytest.mark.slow
def test_dask_with_postgres_the_multi_machine_setup(tmp_path, course, reference, dask_cluster, postgres_url):
    copy = course.copy_to(tmp_path / "course")
    make_cohort(copy)
    grade(copy, "--scheduler", dask_cluster, env={"COURSE_DB_URL": postgres_url})
    assert gradebook_snapshot(Workspace(copy, copy.root, postgres_url), MODULE) == reference

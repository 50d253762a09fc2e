"""Run one task per student in long-lived worker processes: a local pool, or a Dask cluster.

Local: worker processes forked from this one (nbgrader is imported once per worker) that die with it.
Dask (`scheduler="tcp://host:port"`): the same tasks on a distributed cluster; the course must be on a
filesystem shared with the workers and the gradebook in a server database (PostgreSQL). Dask workers should
run one task per process (`dask worker --nthreads 1`); tasks also serialise themselves per process.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import partial
from typing import Any, TypeVar

from course.nbgrader_api import prepare_process
from course.workspace import Workspace

T = TypeVar("T")


def _die_with_parent() -> None:
    """A worker must not outlive an interrupted or killed `course` process (Linux; no-op elsewhere)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _init_worker(workspace: Workspace) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled once, by the parent
    prepare_process(workspace)


def worker_count(requested: int | None, tasks: int) -> int:
    return max(1, min(requested or os.cpu_count() or 1, tasks or 1))


def run_per_student(
    workspace: Workspace,
    task: Callable[..., T],
    assignment: str,
    students: Sequence[str],
    workers: int | None,
    on_crash: Callable[[str, BaseException], T],
    on_done: Callable[[T], None] | None = None,
    scheduler: str | None = None,
    **options: Any,
) -> dict[str, T]:
    """`task(workspace, assignment, student, **options)` for every student; a student belongs to one worker."""
    call = partial(task, **options) if options else task
    if scheduler:
        return _run_on_dask(scheduler, workspace, call, assignment, students, on_crash, on_done)
    results: dict[str, T] = {}
    count = worker_count(workers, len(students))
    if count == 1:
        prepare_process(workspace)
        for student in students:
            try:
                results[student] = call(workspace, assignment, student)
            except Exception as exc:
                results[student] = on_crash(student, exc)
            if on_done:
                on_done(results[student])
        return results
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_init_worker, initargs=(workspace,)) as pool:
        futures = {pool.submit(call, workspace, assignment, s): s for s in students}
        for future in as_completed(futures):
            student = futures[future]
            try:
                results[student] = future.result()
            except Exception as exc:  # a worker died: that student is reported, the run goes on
                results[student] = on_crash(student, exc)
            if on_done:
                on_done(results[student])
    return results


def _run_on_dask(
    scheduler: str,
    workspace: Workspace,
    call: Callable[..., T],
    assignment: str,
    students: Sequence[str],
    on_crash: Callable[[str, BaseException], T],
    on_done: Callable[[T], None] | None,
) -> dict[str, T]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    results: dict[str, T] = {}
    with Client(scheduler, timeout="30s") as client:
        futures = {
            client.submit(call, workspace, assignment, s, key=f"course-{assignment}-{s}-{os.getpid()}", pure=False): s
            for s in students
        }
        for future in dask_completed(list(futures)):
            student = futures[future]
            try:
                results[student] = future.result()
            except Exception as exc:
                results[student] = on_crash(student, exc)
            if on_done:
                on_done(results[student])
    return results

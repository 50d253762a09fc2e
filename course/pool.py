"""Run one task per student in long-lived worker processes (each imports nbgrader once)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TypeVar

from course.nbapi import api_for
from course.workspace import Workspace, grading_environment

T = TypeVar("T")


def _init_worker(workspace: Workspace) -> None:
    os.environ.update(grading_environment())
    api_for(workspace)  # import nbgrader and read the config once per process


def worker_count(requested: int | None, tasks: int) -> int:
    return max(1, min(requested or os.cpu_count() or 1, tasks or 1))


def run_per_student(
    workspace: Workspace,
    task: Callable[[Workspace, str, str], T],
    assignment: str,
    students: Sequence[str],
    workers: int | None,
    on_crash: Callable[[str, BaseException], T],
    on_done: Callable[[T], None] | None = None,
) -> dict[str, T]:
    """`task(workspace, assignment, student)` for every student; a student belongs to exactly one worker."""
    results: dict[str, T] = {}
    count = worker_count(workers, len(students))
    if count == 1:
        _init_worker(workspace)
        for student in students:
            try:
                results[student] = task(workspace, assignment, student)
            except Exception as exc:
                results[student] = on_crash(student, exc)
            if on_done:
                on_done(results[student])
        return results
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_init_worker, initargs=(workspace,)) as pool:
        futures = {pool.submit(task, workspace, assignment, s): s for s in students}
        for future in as_completed(futures):
            student = futures[future]
            try:
                results[student] = future.result()
            except Exception as exc:  # a worker died: that student is reported, the run goes on
                results[student] = on_crash(student, exc)
            if on_done:
                on_done(results[student])
    return results

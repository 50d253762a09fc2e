"""The resource limits of a grading kernel, and the rlimit each one sets: one definition for the grader (which
reads them from `CourseSettings`) and the fork server (which applies them). Standard library only: the fork server
imports it inside the sandbox."""

from __future__ import annotations

import resource
from dataclasses import asdict, dataclass

# setting name (CourseSettings and Limits) → the rlimit that enforces it
RLIMITS = {
    "memory_bytes": resource.RLIMIT_AS,  # address space of each process
    "processes": resource.RLIMIT_NPROC,  # tasks (processes and threads) of the kernel's user
    "file_size_bytes": resource.RLIMIT_FSIZE,  # largest file a kernel may write
    "cpu_seconds": resource.RLIMIT_CPU,  # CPU time of each process (a backstop behind the per-cell timeout)
    "open_files": resource.RLIMIT_NOFILE,
}


@dataclass(frozen=True)
class Limits:
    """Per-kernel resource limits (values from `CourseSettings`)."""

    memory_bytes: int
    processes: int
    file_size_bytes: int
    cpu_seconds: int
    open_files: int

    @classmethod
    def from_settings(cls, settings) -> Limits:
        return cls(**{name: int(getattr(settings, name)) for name in RLIMITS})

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def apply(limits: dict[str, int]) -> None:
    """Set the rlimits of `limits` (names of RLIMITS) in this process, soft and hard; no core dumps."""
    for name, value in limits.items():
        resource.setrlimit(RLIMITS[name], (int(value), int(value)))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

"""Every setting of the `course` command, in one place: traitlets set in nbgrader_config.py.

    c.CourseSettings.memory_bytes = 4 * 2**30     # in the course's nbgrader_config.py

An environment variable, where a setting names one, overrides the file (for one run, a CI job, a grading host).
The README's settings table is generated from here (`course settings --markdown`), so it cannot drift; nbgrader's
own settings that the course sets (the gradebook URL, the exchange, the per-cell timeout) are listed with them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from traitlets import Bool, CaselessStrEnum, Integer, TraitError, Unicode
from traitlets.config import Config, Configurable

GiB = 2**30
MiB = 2**20


class CourseSettings(Configurable):
    """Settings of the course's grading, sandbox and tooling (`c.CourseSettings.NAME` in nbgrader_config.py)."""

    sandbox = CaselessStrEnum(
        ["auto", "bwrap", "off"], "bwrap",
        help="Where graded learner code runs: 'bwrap' requires the bubblewrap sandbox (grading, and stock "
             "`nbgrader autograde`, refuse without it), 'off' runs kernels unsandboxed, 'auto' uses it when available "
             "(a learner's `course check`, the proof and the demo always use 'auto').",
    ).tag(config=True, env="COURSE_SANDBOX")
    bwrap = Unicode(
        "", help="Path of the bubblewrap executable (empty: `bwrap` on PATH; 'none', or an empty environment "
                 "variable: no sandbox here).",
    ).tag(config=True, env="COURSE_BWRAP", env_empty="none")
    memory_bytes = Integer(
        2 * GiB, help="Address space of each process of a grading kernel, in bytes.",
    ).tag(config=True, env="COURSE_SANDBOX_MEMORY_BYTES")
    processes = Integer(
        64, help="Processes and threads a grading kernel's user may run.",
    ).tag(config=True, env="COURSE_SANDBOX_PROCESSES")
    file_size_bytes = Integer(
        256 * MiB, help="Largest file a grading kernel may write, in bytes.",
    ).tag(config=True, env="COURSE_SANDBOX_FILE_SIZE_BYTES")
    cpu_seconds = Integer(
        900, help="CPU time of each process of a grading kernel (a backstop behind the per-cell timeout).",
    ).tag(config=True, env="COURSE_SANDBOX_CPU_SECONDS")
    open_files = Integer(
        256, help="Open files of each process of a grading kernel.",
    ).tag(config=True, env="COURSE_SANDBOX_OPEN_FILES")
    tmp_bytes = Integer(
        256 * MiB, help="Size of a grading kernel's /tmp and /dev/shm (memory-backed: counted on top of memory_bytes).",
    ).tag(config=True, env="COURSE_SANDBOX_TMP_BYTES")
    tests_in = CaselessStrEnum(
        ["test-kernel", "learner-kernel"], "test-kernel",
        help="Where grading runs test cells: 'test-kernel' in a trusted kernel that never runs learner code and calls "
             "the learner's functions over a plain-data channel; 'learner-kernel' in the learner's own kernel "
             "(nbgrader's way: the tests' code and reference values are then within the learner's reach).",
    ).tag(config=True, env="COURSE_TESTS_IN")
    notebook_seconds = Integer(
        900, help="Wall-clock time one notebook may take while grading; then its remaining cells score 0.",
    ).tag(config=True, env="COURSE_NOTEBOOK_SECONDS")
    submission_seconds = Integer(
        1800, help="Wall-clock time one submission (all its notebooks) may take; then what remains scores 0.",
    ).tag(config=True, env="COURSE_SUBMISSION_SECONDS")
    max_output_bytes = Integer(
        2_000_000, help="Output one cell may produce while grading; the rest is dropped with a notice.",
    ).tag(config=True, env="COURSE_MAX_OUTPUT_BYTES")
    max_notebook_bytes = Integer(
        20 * MiB, help="Largest submitted notebook that is graded; a larger one scores 0 with the reason.",
    ).tag(config=True, env="COURSE_MAX_NOTEBOOK_BYTES")
    forkserver = Bool(
        True, help="Fork grading kernels from a template that has imported the scientific stack (fast start).",
    ).tag(config=True, env="COURSE_FORKSERVER")
    kernel_start_attempts = Integer(
        2, help="Times a notebook is graded when its kernel fails to start (a busy machine, not the learner).",
    ).tag(config=True, env="COURSE_KERNEL_START_ATTEMPTS")
    lab_check_timeout = Integer(
        600, help="Seconds the Check button in JupyterLab waits for `course check` of one notebook; then the check is "
                  "stopped and the learner told why.",
    ).tag(config=True, env="COURSE_LAB_CHECK_TIMEOUT")
    check_warm_seconds = Integer(
        600, help="How long a warm harness, which has imported the scientific stack (about 180 MB), waits for a "
                  "learner's next `course check`, so that it starts at once; JupyterLab keeps one waiting while the "
                  "learner works (0: none, every check starts its own).",
    ).tag(config=True, env="COURSE_CHECK_WARM_SECONDS")
    workspace = Unicode(
        "", help="A self-paced learner's workspace: the private copy of the release that `course start` makes and "
                 "JupyterLab opens (empty: workspace/ in the course).",
    ).tag(config=True, env="COURSE_WORKSPACE")
    model_answers = CaselessStrEnum(
        ["after-attempt", "instructor"], "after-attempt",
        help="When a learner sees model answers: 'after-attempt' (self-paced) lets `course solution` unlock an "
             "exercise's once a recorded check ran it; 'instructor' (a cohort) leaves them to `course "
             "release-solutions` after the due date.",
    ).tag(config=True, env="COURSE_MODEL_ANSWERS")
    mutants_per_cell = Integer(
        40, help="Most mutants made of one solution cell by the mutation analysis (`course validate --mutants`); above "
                 "it, a sample in which every kind of mutation takes turns (0: no limit).",
    ).tag(config=True, env="COURSE_MUTANTS_PER_CELL")
    mutant_time_factor = Integer(
        10, help="A mutant's cell may run this many times as long as the reference's same cell before it is "
                 "interrupted (a time-out kills the mutant); never longer than the per-cell timeout.",
    ).tag(config=True, env="COURSE_MUTANT_TIME_FACTOR")
    mutant_min_timeout = Integer(
        5, help="Seconds any cell of a mutant may run, however fast the reference's same cell is.",
    ).tag(config=True, env="COURSE_MUTANT_MIN_TIMEOUT")
    backups_kept = Integer(
        5, help="SQLite gradebook copies kept in reports/backups/ (one is made before each grading run).",
    ).tag(config=True, env="COURSE_BACKUPS_KEPT")

    @classmethod
    def load(cls, config: Config | None = None) -> CourseSettings:
        """The settings of `config` (the course's nbgrader_config.py), then the environment's overrides."""
        settings = cls(config=config or Config())
        for name, trait in settings.traits(config=True).items():
            variable = trait.metadata.get("env")
            text = os.environ.get(variable) if variable else None
            if text is None:
                continue
            if not text and "env_empty" in trait.metadata:
                text = trait.metadata["env_empty"]
            try:
                setattr(settings, name, _parse(trait, text))
            except (TraitError, ValueError) as exc:
                from course.errors import CourseError

                raise CourseError(f"{variable}={text!r} is not a valid value for {cls.__name__}.{name}: {exc}") from exc
        return settings


def _parse(trait, text: str):
    if isinstance(trait, Bool):
        return text.strip().lower() not in ("0", "false", "no", "off", "")
    if isinstance(trait, Integer):
        return int(float(text))
    return text


@dataclass(frozen=True)
class NbgraderSetting:
    """An nbgrader setting the course's nbgrader_config.py sets, and the environment variable that overrides it."""

    name: str
    env: str
    default: str
    help: str


NBGRADER_SETTINGS = (
    NbgraderSetting("CourseDirectory.db_url", "COURSE_DB_URL", "SQLite file gradebook.db in the course",
                    "Gradebook database URL; e.g. postgresql+psycopg://user@host/db for several graders at once."),
    NbgraderSetting("Exchange.root", "COURSE_EXCHANGE_ROOT", "exchange/ in the course (created on first use)",
                    "nbgrader's exchange folder; a shared one for a JupyterHub, e.g. /srv/nbgrader/exchange."),
    NbgraderSetting("Execute.timeout", "COURSE_CELL_TIMEOUT", "60",
                    "Seconds one cell may run while grading; then it is interrupted, then the kernel stopped."),
)


def settings_table() -> str:
    """The README's table of settings (markdown)."""
    rows = ["| setting (nbgrader_config.py) | environment override | default | what it does |", "|---|---|---|---|"]
    for name, trait in CourseSettings.class_traits(config=True).items():
        default = trait.default_value
        shown = f"{default:_}".replace("_", " ") if isinstance(default, int) and not isinstance(default, bool) else \
            repr(default) if isinstance(default, str) else str(default)
        rows.append(f"| `CourseSettings.{name}` | `{trait.metadata.get('env', '')}` | {shown} | {trait.help} |")
    for setting in NBGRADER_SETTINGS:
        rows.append(f"| `{setting.name}` (nbgrader) | `{setting.env}` | {setting.default} | {setting.help} |")
    return "\n".join(rows)

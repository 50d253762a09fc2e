"""A grading workspace: the course's nbgrader config pointed at a folder for runtime data.

The course itself grades in its own root (`submitted/`, `autograded/`, `feedback/`, `gradebook.db`);
`course check`, `course validate` and `course demo` use workspaces of their own so that they never
touch an instructor's gradebook.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from course.errors import CourseError
from course.layout import CONFIG_FILE, Course
from course.settings import CourseSettings


def sqlite_url(path: Path) -> str:
    """SQLite URL that waits for locks held by parallel graders instead of failing."""
    return f"sqlite:///{path}?timeout=60"


@dataclass(frozen=True)
class Workspace:
    """Runtime folders and gradebook for grading the course's assignments (picklable for workers)."""

    course: Course
    root: Path
    db_url: str
    overrides: tuple[tuple[str, object], ...] = ()  # ('Section.name', value) pairs
    sandbox: str | None = None  # None: the course's `CourseSettings.sandbox`; else "bwrap", "off" or "auto"

    def with_sandbox(self, sandbox: str) -> Workspace:
        return dataclasses.replace(self, sandbox=sandbox)

    @property
    def settings(self) -> CourseSettings:
        """The course's settings (nbgrader_config.py, then environment overrides)."""
        return CourseSettings.load(load_course_config(self.course))

    def sqlite_path(self) -> Path | None:
        """The gradebook's file when it is SQLite (None for a server database)."""
        if not self.db_url.startswith("sqlite:///"):
            return None
        return Path(self.db_url.removeprefix("sqlite:///").split("?", 1)[0])

    def sandbox_mode(self) -> str:
        """The mode grading kernels run in here: 'bwrap' or 'off' (CourseError when 'bwrap' is impossible)."""
        from course.sandbox import bwrap

        settings = self.settings
        wanted = self.sandbox or settings.sandbox
        if wanted == "off":
            return "off"
        usable, reason = bwrap.availability(settings.bwrap)
        if usable:
            return "bwrap"
        if wanted == "bwrap":
            raise CourseError(
                f"no sandbox for learner code: {reason}. Without one, a submission can read the solutions and "
                "rewrite the gradebook; pass --unsafe to grade anyway (the report marks those grades unsandboxed)"
            )
        return "off"

    @classmethod
    def of_course(cls, course: Course) -> Workspace:
        """The course's own workspace, with the gradebook URL its nbgrader_config.py sets."""
        config = load_course_config(course)
        return cls(course, course.root, str(config.CourseDirectory.db_url))

    @classmethod
    def scratch(cls, course: Course, root: Path) -> Workspace:
        """A separate workspace in `root` with its own SQLite gradebook and exchange folder, grading in the sandbox
        when it is available (a learner's self-check, the proof, the demo)."""
        root.mkdir(parents=True, exist_ok=True)
        root = root.resolve()
        return cls(course, root, sqlite_url(root / "gradebook.db"), (("Exchange.root", str(root / "exchange")),),
                   sandbox="auto")

    def write_nbgrader_config(self) -> Path:
        """An nbgrader_config.py in the workspace's root: the course's configuration with this workspace's folders
        and gradebook, so that `nbgrader …` and the formgrader (`make formgrader COURSE_DIR=ROOT`) open it."""
        path = self.root / CONFIG_FILE
        path.write_text(
            '"""nbgrader configuration of a course workspace (written by the `course` command): the course\'s own\n'
            'configuration, with this folder\'s submissions, gradebook and exchange."""\n\n'
            "import os\n\n"
            f"load_subconfig({str(self.course.root / CONFIG_FILE)!r})  # noqa: F821 (provided by traitlets)\n"
            "c = get_config()  # noqa: F821\n"
            "here = os.path.dirname(os.path.abspath(__file__))\n"
            "c.CourseDirectory.root = here\n"
            f"c.CourseDirectory.source_directory = {str(self.course.source_dir)!r}\n"
            f"c.CourseDirectory.db_url = {self.db_url!r}\n"
            'c.Exchange.root = os.path.join(here, "exchange")\n',
            encoding="utf-8",
        )
        return path

    def path(self, step: str, student: str = ".", assignment: str = ".") -> Path:
        return (self.root / step / student / assignment).resolve()

    def _mode_for_kernels(self) -> str:
        """The resolved mode when it can be resolved; a required sandbox that is missing stays "bwrap", and the
        kernel provisioner then refuses to start kernels with the reason (commands that grade check earlier)."""
        try:
            return self.sandbox_mode()
        except CourseError:
            return "bwrap"

    def nbgrader_config(self) -> Config:
        """The course config with this workspace's folders, database and resolved sandbox mode."""
        config = load_course_config(self.course)
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.source_directory = str(self.course.source_dir)
        config.CourseDirectory.db_url = self.db_url
        config.CourseSettings.sandbox = self._mode_for_kernels()  # the kernel provisioner reads it from here
        if not CourseSettings.load(config).forkserver:
            config.Execute.kernel_name = "python3"
        for dotted, value in self.overrides:
            section, name = dotted.rsplit(".", 1)
            setattr(config[section], name, value)
        return config


def load_course_config(course: Course) -> Config:
    """Load the course's nbgrader_config.py (as `nbgrader` itself would)."""
    loader = PyFileConfigLoader(CONFIG_FILE, path=str(course.root))
    config = loader.load_config()
    return config


def grading_environment() -> dict[str, str]:
    """Environment for grading kernels: one thread per kernel (workers run in parallel), no GUI backend."""
    from course.sandbox.kernels import kernel_environment

    env = {
        **kernel_environment(),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONWARNINGS": os.environ.get("PYTHONWARNINGS", ""),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    return env

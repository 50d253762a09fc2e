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

# nbgrader's autograde steps, with its Execute replaced by the hardened one (output cap, dead or stuck kernels)
AUTOGRADE_PREPROCESSORS = [
    "course.execute.GuardedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]


def sqlite_url(path: Path) -> str:
    """SQLite URL that waits for locks held by parallel graders instead of failing."""
    return f"sqlite:///{path}?timeout=60"


@dataclass(frozen=True)
class Workspace:
    """Runtime folders and gradebook for grading the course's modules (picklable for workers)."""

    course: Course
    root: Path
    db_url: str
    overrides: tuple[tuple[str, object], ...] = ()  # ('Section.name', value) pairs
    sandbox: str = "auto"  # "bwrap": required; "off": kernels run unsandboxed; "auto": bwrap when available

    def with_sandbox(self, sandbox: str) -> Workspace:
        return dataclasses.replace(self, sandbox=sandbox)

    def sandbox_mode(self) -> str:
        """The mode grading kernels run in here: 'bwrap' or 'off' (CourseError when 'bwrap' is impossible)."""
        from course.kernels import sandbox as bwrap

        if self.sandbox == "off":
            return "off"
        usable, reason = bwrap.availability()
        if usable:
            return "bwrap"
        if self.sandbox == "bwrap":
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
        """A separate workspace in `root` with its own SQLite gradebook and exchange folder."""
        root.mkdir(parents=True, exist_ok=True)
        root = root.resolve()
        return cls(course, root, sqlite_url(root / "gradebook.db"), (("Exchange.root", str(root / "exchange")),))

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

    def nbgrader_config(self) -> Config:
        """The course config with this workspace's folders and database."""
        config = load_course_config(self.course)
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.source_directory = str(self.course.source_dir)
        config.CourseDirectory.db_url = self.db_url
        if fast_kernels():
            from course.kernels.provisioner import KERNEL_NAME

            config.Execute.kernel_name = KERNEL_NAME
        config.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
        for dotted, value in self.overrides:
            section, name = dotted.rsplit(".", 1)
            setattr(config[section], name, value)
        return config


def load_course_config(course: Course) -> Config:
    """Load the course's nbgrader_config.py (as `nbgrader` itself would)."""
    loader = PyFileConfigLoader(CONFIG_FILE, path=str(course.root))
    config = loader.load_config()
    return config


def fast_kernels() -> bool:
    """Grade with kernels forked from a pre-imported template (set COURSE_FORKSERVER=0 to turn off)."""
    return os.environ.get("COURSE_FORKSERVER", "1") != "0"


def grading_environment() -> dict[str, str]:
    """Environment for grading kernels: one thread per kernel (workers run in parallel), no GUI backend."""
    from course.kernels.provisioner import kernel_environment

    env = {
        **kernel_environment(),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONWARNINGS": os.environ.get("PYTHONWARNINGS", ""),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    return env

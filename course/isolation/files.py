"""Files a test shares with the learner's code, read and written in the learner's process.

A test that gives the learner's code a folder (a table to write, a checkpoint, an object store) gets it from
`checks.temporary_folder()`. Where the tests run in a process of their own, that folder is made in the learner's
process, in its sandbox, and the test holds a `LearnerPath`: a pure path whose reads, writes and listings are
requests the learner's process answers, as the learner's user, seeing only what the sandbox shows it. So a link
the learner's code leaves behind can point a test at nothing of the grader's: the test kernel itself never opens a
file the learner's code could have made. The content that comes back is data (bytes, text, names, numbers).

`learner_side(do, path, args)` is what the learner's process runs for such a request (course.isolation.agent);
`LearnerPath` is the trusted side's path (course.isolation.trusted makes one class of it per learner's process).
"""

from __future__ import annotations

import pathlib
import shutil
import tempfile
from dataclasses import dataclass
from typing import Any, ClassVar

OPERATIONS = ("exists", "is_file", "is_dir", "read_bytes", "write_bytes", "mkdir", "iterdir", "rglob", "stat",
              "unlink", "mkdtemp", "rmtree")


def learner_side(do: str, path: str, args: tuple) -> Any:
    """One file operation of a test, run in the learner's process: its result as data."""
    target = pathlib.Path(path)
    if do in ("exists", "is_file", "is_dir", "read_bytes", "unlink"):
        return getattr(target, do)()
    if do == "write_bytes":
        return target.write_bytes(bytes(args[0]))
    if do == "mkdir":
        target.mkdir(parents=bool(args[0]), exist_ok=bool(args[1]))
        return None
    if do == "iterdir":
        return sorted(child.name for child in target.iterdir())
    if do == "rglob":
        return sorted(str(child.relative_to(target)) for child in target.rglob(str(args[0])))
    if do == "stat":
        info = target.stat()
        return [info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns]
    if do == "mkdtemp":
        return tempfile.mkdtemp(prefix="course-test-")
    if do == "rmtree":
        shutil.rmtree(target, ignore_errors=True)
        return None
    raise ValueError(f"an unknown file operation {do[:40]!r}")


@dataclass(frozen=True)
class LearnerStat:
    """What a test may ask of a learner's file's status."""

    st_mode: int
    st_ino: int
    st_size: int
    st_mtime_ns: int


class LearnerPath(pathlib.PurePosixPath):
    """A path in the learner's process. Reading, writing and listing are asked of that process; `open()`, pandas'
    readers and `os` functions refuse it here (they would open this machine's file of the same name)."""

    learner: ClassVar[Any] = None  # the trusted side's Learner; set on the class made for each learner's process

    def __fspath__(self) -> str:
        raise TypeError(f"{self} is a file of the learner's process: use its methods (read_bytes(), read_text(), "
                        "exists(), iterdir(), stat(), ...), e.g. pd.read_csv(io.BytesIO(path.read_bytes()))")

    def _ask(self, do: str, *args: Any) -> Any:
        if self.learner is None:
            raise TypeError(f"{self} belongs to no learner's process")
        return self.learner.file(do, str(self), args)

    def exists(self) -> bool:
        return self._ask("exists") is True

    def is_file(self) -> bool:
        return self._ask("is_file") is True

    def is_dir(self) -> bool:
        return self._ask("is_dir") is True

    def read_bytes(self) -> bytes:
        data = self._ask("read_bytes")
        if type(data) is not bytes:
            raise TypeError(f"reading {self} gave no bytes")
        return data

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def write_bytes(self, data: bytes) -> int:
        return self._ask("write_bytes", bytes(data))

    def write_text(self, data: str, encoding: str = "utf-8") -> int:
        return self.write_bytes(data.encode(encoding))

    def mkdir(self, parents: bool = False, exist_ok: bool = False) -> None:
        self._ask("mkdir", parents, exist_ok)

    def unlink(self) -> None:
        self._ask("unlink")

    def iterdir(self) -> list[LearnerPath]:
        return [self / _name(name) for name in _texts(self._ask("iterdir"))]

    def rglob(self, pattern: str) -> list[LearnerPath]:
        return [self / name for name in _texts(self._ask("rglob", pattern))]

    def stat(self) -> LearnerStat:
        fields = self._ask("stat")
        if type(fields) is not list or len(fields) != 4 or any(type(v) is not int for v in fields):
            raise TypeError(f"the status of {self} is malformed")
        return LearnerStat(*fields)


def _texts(value: Any) -> list[str]:
    if type(value) is not list or any(type(v) is not str for v in value):
        raise TypeError("a listing of the learner's files that is not a list of names")
    return value


def _name(name: str) -> str:
    if "/" in name or name in ("", ".", ".."):
        raise TypeError(f"a listing of the learner's files holds {name[:80]!r}, which is not a file's name")
    return name

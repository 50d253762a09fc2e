"""The Check button's prebuilt JupyterLab extension: where its build is, and the digest that ties it to its source.

The extension's source (TypeScript, package.json, package-lock.json) is deploy/labextension/course-check; `make
labextension` builds it with @jupyterlab/builder into course/plugins/labextension (committed, installed with this
package, put on Lab's extension path by deploy/jupyter/course_lab_config.py: learners never run a build) and then
runs `python -m course.plugins.lab_extension`, which records the digest of the source the build came from.
tests/plugins/test_lab_extension.py recomputes it, so a source changed without a rebuild fails the tests.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

PACKAGE = "@ml-interview-course/check"
HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE.parents[1] / "deploy" / "labextension" / "course-check"
SOURCE_FILES = ("package.json", "package-lock.json", "tsconfig.json", ".npmrc", "src", "style")
DIGEST_FILE = "source.sha256"


def labextensions_path() -> Path:
    """The folder of prebuilt extensions to put on `LabApp.extra_labextensions_path`."""
    return HERE / "labextension"


def build_dir() -> Path:
    """The built extension (its package.json and static/)."""
    return labextensions_path().joinpath(*PACKAGE.split("/"))


def source_digest(source: Path = SOURCE_DIR) -> str:
    """SHA-256 over the extension's source files (names and contents, in a fixed order)."""
    paths: list[Path] = []
    for name in SOURCE_FILES:
        entry = source / name
        paths.extend(sorted(p for p in entry.rglob("*") if p.is_file()) if entry.is_dir() else [entry])
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(source).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def recorded_digest() -> str | None:
    """The digest recorded by the last `make labextension`, or None."""
    path = build_dir() / DIGEST_FILE
    return path.read_text().strip() if path.is_file() else None


def record_digest() -> Path:
    """Record the source's digest beside the build (the last step of `make labextension`)."""
    built = json.loads((build_dir() / "package.json").read_text())
    source = json.loads((SOURCE_DIR / "package.json").read_text())
    if (built["name"], built["version"]) != (source["name"], source["version"]):
        raise SystemExit(f"the build in {build_dir()} is not of {source['name']} {source['version']}")
    path = build_dir() / DIGEST_FILE
    path.write_text(source_digest() + "\n")
    return path


if __name__ == "__main__":
    print(f"recorded the source digest in {record_digest()}", file=sys.stderr)

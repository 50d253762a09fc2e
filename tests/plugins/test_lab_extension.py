"""The Check button's prebuilt JupyterLab extension: the committed build is the build of the committed source (its
recorded digest), it ships with the package, and every role's Lab loads it and its server side."""

from __future__ import annotations

import json
import shutil
import tomllib

from traitlets.config.loader import PyFileConfigLoader

from course.plugins.lab_extension import (
    PACKAGE,
    SOURCE_DIR,
    build_dir,
    labextensions_path,
    recorded_digest,
    source_digest,
)
from tests.conftest import ROOT

ROLES = ROOT / "deploy" / "jupyter"


def test_the_committed_build_is_the_build_of_the_committed_source():
    assert recorded_digest() == source_digest(), (
        f"{SOURCE_DIR.relative_to(ROOT)} changed since the build in {build_dir().relative_to(ROOT)}: "
        "run `make labextension` and commit the result")


def test_the_digest_covers_the_code_styles_and_pins(tmp_path):
    copy = tmp_path / "course-check"
    shutil.copytree(SOURCE_DIR, copy, ignore=shutil.ignore_patterns("node_modules", "lib", "*.tsbuildinfo"))
    before = source_digest(copy)
    for name in ("src/index.ts", "style/index.css", "package-lock.json"):
        path = copy / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert source_digest(copy) != before, f"a change to {name} should change the digest"
        path.write_bytes(original)
    assert source_digest(copy) == before


def test_the_build_is_a_complete_federated_extension_of_the_source_package():
    built = json.loads((build_dir() / "package.json").read_text())
    source = json.loads((SOURCE_DIR / "package.json").read_text())
    assert built["name"] == source["name"] == PACKAGE and built["version"] == source["version"]
    load = build_dir() / built["jupyterlab"]["_build"]["load"]
    assert load.is_file(), f"{load} (the extension's entry point) is missing"
    exact = {**source["dependencies"], **source["devDependencies"]}
    assert all(v[0].isdigit() for v in exact.values()), f"pin exact versions in package.json: {exact}"


def test_the_build_ships_with_the_course_package():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "plugins/labextension/**/*" in package_data["course"]
    assert labextensions_path().is_relative_to(ROOT / "course")


def test_every_role_loads_the_button_and_its_server_side():
    for role in ("learner", "instructor"):
        config = PyFileConfigLoader("jupyter_server_config.py", path=str(ROLES / role)).load_config()
        assert config.LabApp.extra_labextensions_path == [str(labextensions_path())], role
        enabled = json.loads((ROLES / role / "jupyter_server_config.json").read_text())
        assert enabled["ServerApp"]["jpserver_extensions"]["course.plugins.lab_check"] is True, role

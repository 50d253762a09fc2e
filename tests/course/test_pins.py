"""The environment is pinned once: pyproject.toml, environment.yml and constraints.txt agree."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

from tests.conftest import ROOT

PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins(runtime_only: bool = False) -> dict[str, str]:
    """Pins of pyproject.toml; `runtime_only`: without the dev extras (test tools, the hub), which Binder lacks."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    deps = data["project"]["dependencies"]
    if not runtime_only:
        deps = deps + data["project"]["optional-dependencies"]["dev"]
    pins = {}
    for dep in deps:
        match = PIN.match(dep)
        assert match, f"pyproject.toml dependency {dep!r} is not pinned with =="
        pins[canonical(match.group(1))] = match.group(2)
    return pins


def environment_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s*-\s*([A-Za-z0-9_.\-]+)=([^\s=]+)\s*$", line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def constraint_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def test_environment_yml_carries_the_pyproject_pins():
    env = environment_pins()
    runtime = pyproject_pins(runtime_only=True)
    assert env.get("python") == "3.11", "environment.yml must pin python=3.11"
    missing = sorted(set(runtime) - set(env))
    assert not missing, f"environment.yml lacks pins for {missing}"
    differ = {k: (runtime[k], env[k]) for k in runtime if env[k] != runtime[k]}
    assert not differ, f"pyproject.toml and environment.yml disagree (pyproject, environment.yml): {differ}"
    extra = sorted(set(env) - set(runtime) - {"python", "pip"})
    assert not extra, f"environment.yml pins packages pyproject.toml does not: {extra}"


def test_constraints_agree_with_pyproject():
    constraints = constraint_pins()
    for name, pinned in pyproject_pins().items():
        assert constraints.get(name) == pinned, (
            f"constraints.txt has {name}=={constraints.get(name)}, pyproject {pinned}"
        )


def test_installed_versions_are_the_pinned_ones():
    wrong = {}
    for name, pinned in pyproject_pins().items():
        installed = version(name)
        if installed != pinned:
            wrong[name] = (pinned, installed)
    assert not wrong, f"installed versions differ from the pins (pinned, installed): {wrong}"

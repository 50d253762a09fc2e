"""Notebooks whose tests stay in the learner's kernel say why, and the README's security model names each."""

from __future__ import annotations

import json

from tests.conftest import ROOT


def test_every_notebook_that_keeps_its_tests_in_the_learner_kernel_is_explained():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Security model"):readme.index("## How the notebooks are proven")]
    kept = []
    for path in sorted((ROOT / "source").glob("*/*.ipynb")):
        course = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("course", {})
        if "tests_in" not in course:
            continue
        kept.append(path)
        assert course["tests_in"] == "learner-kernel", f"{path.name}: tests_in may only be 'learner-kernel'"
        assert len(course.get("tests_in_why", "")) > 30, f"{path.name}: say why its tests need the learner's kernel"
        assert path.stem in section, f"{path.stem} keeps its tests in the learner's kernel: name it in the README"
    assert len(kept) == 0, f"the README counts no such notebook, found {len(kept)}: {[p.stem for p in kept]}"

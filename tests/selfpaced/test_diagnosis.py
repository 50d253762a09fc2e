"""Diagnosis from the proven wrong variants: a learner's failing tests matched to a variant's signature."""

from __future__ import annotations

from course.proof.replay import Replayed
from course.proof.variants import Variant
from course.selfpaced import diagnosis
from course.selfpaced.diagnosis import Accuracy, accuracy, ambiguous, diagnose, message_key, signatures
from course.selfpaced.exercises import Exercise

ITEMS = [Exercise("Exercise 1.1: `f(x)`", 4, ["f"], ["test-f", "test-f-edge"]),
         Exercise("Exercise 1.2: `g(x)`", 1, ["g"], ["test-g"])]
VARIANTS = [
    Variant("f-off-by-one", "the range stops one short", {"f": "..."}, {"test-f"}),
    Variant("f-hard-coded", "answers the visible example only", {"f": "..."}, {"test-f"}),
    Variant("f-empty", "the empty input is forgotten", {"f": "..."}, {"test-f-edge"}),
    Variant("g-wrong", "g sorts the wrong way", {"g": "..."}, {"test-g"}),
]


def replay(**tests: str) -> Replayed:
    return Replayed("x", {t: (0.0, 1.0, m) if m else (1.0, 1.0, "") for t, m in tests.items()})


OBSERVED = {
    "f-off-by-one": replay(**{"test-f": "f on 3 values: 1 of 3 entries differ", "test-f-edge": "", "test-g": ""}),
    "f-hard-coded": replay(**{"test-f": "f on random data (seed 11): not the expected value", "test-g": ""}),
    "f-empty": replay(**{"test-f-edge": "f([]): IndexError: list index out of range", "test-f": ""}),
    "g-wrong": replay(**{"test-g": "g: 2 of 2 entries differ", "test-f": ""}),
}


def test_message_keys_blank_the_numbers():
    assert message_key("f on 3 values: 1 of 3 entries differ (largest 1.5e-03)") == \
        message_key("f on 7 values: 2 of 7 entries  differ (largest 0.25)")
    assert message_key("f(2, 3): not the expected value") != message_key("f on random data: not the expected value")


def test_declared_failures_alone_cannot_tell_two_mistakes_apart_messages_can():
    failures = {"test-f": "f on 5 values: 2 of 5 entries differ"}
    declared = signatures(ITEMS, VARIANTS)
    assert ambiguous(ITEMS, declared, failures)
    assert {s.variant for s in diagnose(ITEMS, declared, failures)["f"]} == {"f-off-by-one", "f-hard-coded"}
    observed = signatures(ITEMS, VARIANTS, OBSERVED)
    (fit,) = diagnose(ITEMS, observed, failures)["f"]
    assert fit.why == "the range stops one short"


def test_only_real_failures_of_the_learner_are_diagnosed_per_exercise():
    observed = signatures(ITEMS, VARIANTS, OBSERVED)
    found = diagnose(ITEMS, observed, {"test-f-edge": "f([]): IndexError: list index out of range",
                                       "test-g": "g not attempted yet: replace `raise NotImplementedError()`"})
    assert list(found) == ["f"] and found["f"][0].variant == "f-empty"
    assert diagnose(ITEMS, observed, {}) == {}


def test_accuracy_counts_each_mistake_of_variants_and_composites():
    observed = signatures(ITEMS, VARIANTS, OBSERVED)
    singles = accuracy(ITEMS, observed, VARIANTS, [(v, OBSERVED[v.name]) for v in VARIANTS])
    assert (singles.cases, singles.first) == (4, 4)
    both = Variant("composite-1", "merged: f-hard-coded, g-wrong", {"f": "...", "g": "..."})
    outcome = replay(**{"test-f": "f on random data (seed 11): not the expected value",
                        "test-g": "g: 1 of 2 entries differ"})
    mixed = accuracy(ITEMS, observed, VARIANTS, [(both, outcome)])
    assert (mixed.cases, mixed.first, mixed.silent) == (2, 2, 0)
    declared = accuracy(ITEMS, signatures(ITEMS, VARIANTS), VARIANTS, [(v, OBSERVED[v.name]) for v in VARIANTS])
    assert declared.first < singles.first, "messages make the diagnosis more precise"
    assert "4/4" in str(singles) and isinstance(Accuracy().short(), str)


def test_signatures_are_cached_for_the_current_content_only(mini_course, tmp_path):
    sigs = signatures(ITEMS, VARIANTS, OBSERVED)
    diagnosis.save_signatures(tmp_path, mini_course, "01_alpha", "1_sums", sigs)
    loaded = diagnosis.load_signatures([tmp_path], mini_course, "01_alpha", "1_sums")
    assert loaded == sigs
    variants = mini_course.root / "tests" / "variants" / "01_alpha" / "1_sums.py"
    variants.write_text(variants.read_text() + "\n# changed\n")
    assert diagnosis.load_signatures([tmp_path], mini_course, "01_alpha", "1_sums") is None

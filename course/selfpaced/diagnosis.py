"""Diagnosis from the proven wrong variants: which known mistake a learner's failing tests look like.

Every wrong variant in `tests/variants/` is a solution with one realistic mistake, proven to fail exactly the tests
it declares, with a `why` written for learners. Its signature, per exercise it touches, is the set of that
exercise's tests it fails and, for each, the failure message with its numbers blanked out (the check that failed:
"add on random integers: not the expected value"). A learner whose failing tests in an exercise are exactly a
variant's, with the same messages, probably made the same mistake: the page shows that variant's `why` as a hint.

Declared failures need no run; messages come from replaying the variants (`course validate` does it anyway and
keeps them in a cache; `course check` replays a notebook's variants itself, once, when declared failures alone
cannot tell two mistakes apart). `accuracy` measures how often the hint is right on the variants themselves and on
the proof's composite students (several mistakes in one notebook).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from course.layout import Course
from course.proof.replay import Replayed
from course.proof.variants import VARIANTS_DIR, Variant
from course.selfpaced.exercises import Exercise

log = logging.getLogger(__name__)

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
SHOWN = 2  # at most this many misconceptions per exercise
NOT_REAL = ("not attempted", "not answered", "the replay stopped", "the kernel died", "not run:")


def message_key(message: str) -> str:
    """A failure message with its numbers blanked: the same check failing the same way gives the same key."""
    return " ".join(NUMBER.sub("#", message).lower().split())


def real_failure(message: str) -> bool:
    return not any(marker in message for marker in NOT_REAL)


@dataclass(frozen=True)
class Signature:
    """What one wrong variant does to one exercise: the tests it fails there and how (message keys, if known)."""

    variant: str
    why: str
    exercise: str  # the exercise's key
    fails: frozenset[str]
    keys: dict[str, str] = field(default_factory=dict)  # test → message key (empty when only declared)


def signatures(items: list[Exercise], variants: list[Variant],
               observed: dict[str, Replayed] | None = None) -> list[Signature]:
    """Signatures of `variants` per exercise they touch; with `observed` (variant name → replay), their
    actual failures and messages, else their declared failures."""
    found = []
    for variant in variants:
        for exercise in items:
            if not set(variant.cells) & set(exercise.solutions):
                continue
            tests = set(exercise.tests)
            outcome = (observed or {}).get(variant.name)
            if outcome is not None:
                failed = outcome.failed & tests
                keys = {t: message_key(outcome.message(t)) for t in failed}
            else:
                failed, keys = set(variant.fails) & tests, {}
            if failed:
                found.append(Signature(variant.name, variant.why, exercise.key, frozenset(failed), keys))
    return found


def diagnose(items: list[Exercise], sigs: list[Signature], failures: dict[str, str]) -> dict[str, list[Signature]]:
    """For each exercise where the learner has real failures (`failures`: test → message), the signatures that
    fit best: the same failing tests, most messages alike; at most `SHOWN`, best first."""
    found: dict[str, list[Signature]] = {}
    for exercise in items:
        mine = {t: message_key(m) for t, m in failures.items() if t in exercise.tests and real_failure(m)}
        if not mine:
            continue
        candidates = [s for s in sigs if s.exercise == exercise.key]
        exact = [s for s in candidates if s.fails == set(mine)]
        pool = exact or [s for s in candidates if s.fails & set(mine)
                         and any(s.keys.get(t) == k for t, k in mine.items())]
        if not pool:
            continue

        fits = [_fit(s, mine) for s in pool]
        chosen, whys = [], set()
        for s, fit in zip(pool, fits, strict=True):
            if fit == max(fits) and s.why not in whys:
                chosen.append(s)
                whys.add(s.why)
        found[exercise.key] = chosen[:SHOWN]
    return found


def _fit(s: Signature, mine: dict[str, str]) -> tuple[int, float]:
    """How well a signature fits a learner's failures (test → message key): messages alike, then overlap."""
    alike = sum(1 for t, k in mine.items() if s.keys.get(t) == k)
    return alike, len(s.fails & set(mine)) / len(s.fails | set(mine))


def ambiguous(items: list[Exercise], declared: list[Signature], failures: dict[str, str]) -> bool:
    """Whether declared failures alone leave some failing exercise with several different misconceptions."""
    return any(len({s.why for s in fits}) > 1 or (len(fits) == SHOWN)
               for fits in diagnose(items, declared, failures).values())


# --------------------------------------------------------------------------------------------- measuring it
@dataclass
class Accuracy:
    """How often the first hint shown is the mistake actually made (and how often it is among those shown)."""

    cases: int = 0
    first: int = 0  # the first hint shown is the right one
    shown: int = 0  # the right one is among the hints shown
    silent: int = 0  # no hint at all

    def add(self, right: str, hints: list[Signature]) -> None:
        self.cases += 1
        whys = [s.why for s in hints]
        self.first += bool(whys) and whys[0] == right
        self.shown += right in whys
        self.silent += not whys

    def merge(self, other: Accuracy) -> None:
        self.cases += other.cases
        self.first += other.first
        self.shown += other.shown
        self.silent += other.silent

    def short(self) -> str:
        if not self.cases:
            return "no cases"
        return f"{self.first}/{self.cases} ({100 * self.first / self.cases:.0f}%)"

    def __str__(self) -> str:
        if not self.cases:
            return "no cases"
        return (f"{self.first}/{self.cases} first hint right ({100 * self.first / self.cases:.0f}%), "
                f"{self.shown}/{self.cases} among the hints shown, {self.silent} without a hint")


def accuracy(items: list[Exercise], sigs: list[Signature], variants: list[Variant],
             students: Iterable[tuple[Variant, Replayed]]) -> Accuracy:
    """Diagnose each student (a variant or a composite of several) from its replay and count, per mistake it
    holds (per exercise touched by one of its variants), whether the hint is that variant's `why`."""
    by_name = {v.name: v for v in variants}
    result = Accuracy()
    for student, outcome in students:
        failures = {t: outcome.message(t) for t in outcome.failed}
        hints = diagnose(items, sigs, failures)
        made = [by_name[n] for n in _members(student) if n in by_name]
        real = {t for t in outcome.failed if real_failure(outcome.message(t))}
        for variant in made:
            for exercise in items:
                if set(variant.cells) & set(exercise.solutions) and set(exercise.tests) & real:
                    result.add(variant.why, hints.get(exercise.key, []))
    return result


def _members(student: Variant) -> list[str]:
    """Names of the variants a student is made of (a composite's `why` lists them)."""
    if student.why.startswith("merged: "):
        return [name.strip() for name in student.why.removeprefix("merged: ").split(",")]
    return [student.name]


# --------------------------------------------------------------------------------------------- the cache
def content_key(course: Course, assignment: str, notebook: str) -> str:
    """What the variants' messages depend on: the source notebook and the variants file."""
    digest = hashlib.sha256()
    for path in (course.source_dir / assignment / f"{notebook}.ipynb",
                 course.root / VARIANTS_DIR / assignment / f"{notebook}.py"):
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def cache_file(folder: Path, assignment: str, notebook: str) -> Path:
    return folder / assignment / f"{notebook}.json"


def save_signatures(folder: Path, course: Course, assignment: str, notebook: str, sigs: list[Signature]) -> None:
    """Keep observed signatures for later checks (nothing is kept where the folder cannot be written)."""
    path = cache_file(folder, assignment, notebook)
    data = {"key": content_key(course, assignment, notebook),
            "signatures": [{"variant": s.variant, "why": s.why, "exercise": s.exercise, "fails": sorted(s.fails),
                            "keys": s.keys} for s in sigs]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    except OSError as exc:
        log.info("signatures not cached in %s: %s", path, exc)


def load_signatures(folders: Iterable[Path], course: Course, assignment: str, notebook: str) -> list[Signature] | None:
    """Observed signatures of a notebook from the first cache that holds them for its current content."""
    key = content_key(course, assignment, notebook)
    for folder in folders:
        path = cache_file(folder, assignment, notebook)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("key") == key:
            return [Signature(s["variant"], s["why"], s["exercise"], frozenset(s["fails"]), dict(s["keys"]))
                    for s in data["signatures"]]
    return None


def course_cache(course: Course) -> Path:
    """The course's own cache of signatures (git-ignored), filled by `course validate`."""
    return course.root / ".cache" / "signatures"

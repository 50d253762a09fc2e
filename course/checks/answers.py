"""Written answers and short answers: the structure of a markdown write-up, salted-hash multiple choice."""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from course.checks.details import described, shown
from course.checks.failures import CheckFailure, NotAttempted


# --------------------------------------------------------------------------------------------- write-ups
def markdown_sections(text: str, level: int = 2) -> list[tuple[str, str]]:
    """(heading, body) pairs of a markdown string, split at headings of exactly `level` ('## ' for 2).

    Headings are lower-cased without surrounding spaces or a trailing colon; text before the first heading is
    ignored; deeper headings ('### ') stay inside the body."""
    marker = "#" * level + " "
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith(marker):
            sections.append((line[len(marker) :].strip().rstrip(":").strip().lower(), []))
        elif sections:
            sections[-1][1].append(line)
    return [(name, "\n".join(body)) for name, body in sections]


@described
def assert_write_up(
    text: Any,
    sections: Sequence[str],
    *,
    level: int = 2,
    min_words: int = 20,
    numbers_in: Sequence[str] = (),
    total_words: tuple[int, int] = (250, 1200),
    what: str = "write-up",
) -> None:
    """Structure of a markdown write-up held in a string: exactly `sections` as level-`level` headings, in
    order; each body at least `min_words` words; a digit in every section of `numbers_in`; a total word count
    within `total_words`. Says what is wrong, never what to write."""
    _require_answer(text, what, "replace None with your write-up (a string of markdown)")
    if not isinstance(text, str):
        raise CheckFailure(f"{what}: expected a string of markdown, got {type(text).__name__}")
    found = markdown_sections(text, level)
    wanted = [s.strip().lower() for s in sections]
    if [name for name, _ in found] != wanted:
        raise CheckFailure(
            f"{what}: the {'#' * level} headings should be {list(sections)}, once each and in order; "
            f"found {[name for name, _ in found]}"
        )
    need_numbers = {s.strip().lower() for s in numbers_in}
    for name, body in found:
        words = len(body.split())
        if words < min_words:
            raise CheckFailure(f"{what}: section '{name}' is too short: {words} of at least {min_words} words")
        if name in need_numbers and not any(ch.isdigit() for ch in body):
            raise CheckFailure(f"{what}: section '{name}' should contain at least one number")
    low, high = total_words
    total = len(text.split())
    if not low <= total <= high:
        raise CheckFailure(f"{what}: {total} words; expected between {low} and {high}")


# --------------------------------------------------------------------------------------------- answers
def _normalise(answer: Any) -> str:
    text = unicodedata.normalize("NFKC", str(answer)).strip().lower()
    return " ".join(text.replace("(", " ").replace(")", " ").split())


def answer_digest(answer: Any, salt: str) -> str:
    """Salted SHA-256 of a short answer (case, spacing and brackets ignored); for authoring tests."""
    if isinstance(answer, float) and not math.isnan(answer):
        raise TypeError("hash short text answers, never floats")
    return hashlib.sha256(f"{salt}:{_normalise(answer)}".encode()).hexdigest()


def _require_answer(answer: Any, what: str, how: str) -> None:
    """A question whose answer still holds its placeholder (None) fails as not answered yet."""
    if answer is None:
        raise NotAttempted(f"{what} not answered yet: {how}")


@described
def assert_answered(answer: Any, what: str = "answer") -> None:
    """First check of a test on an answer held in a constant: its placeholder (None) means "not answered yet"."""
    _require_answer(answer, what, "replace None with your answer")


@described
def assert_choice(answer: Any, options: Sequence[str], what: str = "answer") -> None:
    """Public check of a multiple-choice answer: one of the offered options (no hint about which)."""
    _require_answer(answer, what, "set it to one of " + ", ".join(repr(o) for o in options))
    if not isinstance(answer, str) or _normalise(answer) not in {_normalise(o) for o in options}:
        offered = ", ".join(repr(o) for o in options)
        raise CheckFailure(f"{what}: answer with one of {offered} (a string), got {answer!r}",
                           details={"got": shown(answer)})


@described
def assert_answer(answer: Any, digest: str, salt: str, what: str = "answer") -> None:
    """Hidden check of a short answer against its salted digest."""
    _require_answer(answer, what, "replace None with your answer")
    if not isinstance(answer, str) or answer_digest(answer, salt) != digest:
        raise CheckFailure(f"{what}: not the correct answer", details={"got": shown(answer)})

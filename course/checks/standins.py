"""Stand-in models for tests of code that serves or saves a model (no answer of any exercise: they predict a
constant). A test creates one where the learner's code runs: `checks.in_learner_process(checks.StandInModel)(...)`.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class StandInModel:
    """Predicts `label` with probability `proba` of class 1 for every row; `predict` and `predict_proba` raise
    `error(message)` instead when a row matches `raise_when` (column -> value), or always when `raise_when` is None
    and `error` is given."""

    def __init__(self, error: type[BaseException] | None = None, message: str = "",
                 raise_when: dict[str, Any] | None = None, label: int = 0, proba: float = 0.25) -> None:
        self.error, self.message, self.raise_when = error, message, raise_when
        self.label, self.proba = label, proba

    def _check(self, frame: Any) -> None:
        if self.error is None:
            return
        if self.raise_when is None or any((frame[column] == value).any() for column, value in self.raise_when.items()):
            raise self.error(self.message) if self.message else self.error()

    def predict(self, frame: Any) -> np.ndarray:
        self._check(frame)
        return np.full(len(frame), self.label, dtype=int)

    def predict_proba(self, frame: Any) -> np.ndarray:
        self._check(frame)
        return np.tile([1.0 - self.proba, self.proba], (len(frame), 1))

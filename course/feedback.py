"""Feedback for learners that never shows hidden test source (an nbgrader preprocessor for GenerateFeedback)."""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from course.hidden import scrub_notebook


class HideHiddenTests(NbGraderPreprocessor):
    """Remove hidden tests from graded notebooks: cell sources, traceback frames and echoed outputs.

    nbgrader's own ClearHiddenTests keeps failing cells and their tracebacks, which print the failing
    hidden assert's source line; this one leaves the assert's message and the learner's own frames only.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        return scrub_notebook(nb), resources

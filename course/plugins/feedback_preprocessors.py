"""Feedback for learners that never shows hidden test source (an nbgrader preprocessor for GenerateFeedback)."""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from course.feedback.mathml import math_to_mathml
from course.hidden import scrub_notebook

# the folder of `feedback/`: nbgrader's feedback template without MathJax
TEMPLATES = Path(__file__).resolve().parents[1] / "feedback" / "templates"


class HideHiddenTests(NbGraderPreprocessor):
    """Remove hidden tests from graded notebooks: cell sources, traceback frames and echoed outputs.

    nbgrader's own ClearHiddenTests keeps failing cells and their tracebacks, which print the failing
    hidden assert's source line; this one leaves the assert's message and the learner's own frames only.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        return scrub_notebook(nb), resources


class MathToMathML(NbGraderPreprocessor):
    """Turn the TeX math of markdown cells into MathML, so that feedback renders offline and without scripts."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = math_to_mathml(cell.source)
        return nb, resources

"""nbgrader configuration of the course; read by `nbgrader …` and by the `course` command.

Environment variables (all optional):
  COURSE_DB_URL         gradebook database URL (default: SQLite file gradebook.db beside this file);
                        e.g. postgresql://user@host/gradebook for several graders at once
  COURSE_EXCHANGE_ROOT  nbgrader exchange folder (default: exchange/ beside this file, works without root)
  COURSE_CELL_TIMEOUT   seconds a single cell may run while grading (default 60)
"""

import os

import nbgrader
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import GetGrades

from course.feedback import TEMPLATES, HideHiddenTests, MathToMathML

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "ml-interview-prep"
c.CourseDirectory.root = here
# SQLite waits up to 60 s for a lock instead of failing when parallel graders commit at once.
c.CourseDirectory.db_url = os.environ.get(
    "COURSE_DB_URL", "sqlite:///" + os.path.join(here, "gradebook.db") + "?timeout=60"
)
c.Exchange.root = os.environ.get("COURSE_EXCHANGE_ROOT", os.path.join(here, "exchange"))
if "COURSE_EXCHANGE_ROOT" not in os.environ:  # the default exchange exists from the start (nbgrader needs it)
    os.makedirs(c.Exchange.root, exist_ok=True)

# Grading: a generous per-cell limit (reference solutions need < 5 s per cell on one core).
c.Execute.timeout = int(os.environ.get("COURSE_CELL_TIMEOUT", "60"))
c.Execute.interrupt_on_timeout = True
# Kernels log only errors (not ipykernel's notice about unencrypted local TCP) to the grader's terminal.
c.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
# Learners' notebooks with deleted test cells get the tests back instead of an empty grade.
c.OverwriteCells.add_missing_cells = True
# Output of a grading run is capped so that an output flood cannot bloat the gradebook files.
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100

# nbgrader scores a passing cell 0 when it writes to stderr; these messages are harmless.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = (
    r"^(Matplotlib is building the font cache|Matplotlib created a temporary cache directory"
    r"|.*Fontconfig warning)"
)

# Late work: each started day after the due date (plus any extension) costs 10 % of the score, at most 50 %.
# Due dates: `course due MODULE 2026-12-01T23:59`; extensions: `course extend MODULE STUDENT --days 2`.
c.AssignLatePenalties.plugin_class = "course.late.PercentPerDayPenalty"
c.PercentPerDayPenalty.percent_per_day = 10.0
c.PercentPerDayPenalty.max_percent = 50.0

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Feedback never shows hidden test source: not in test cells, not in tracebacks, not echoed in outputs.
# Its math is MathML and its template loads no MathJax: the page renders offline and without scripts.
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, MathToMathML, CSSHTMLHeaderPreprocessor]
# nbgrader's `feedback` template, found after the course's folder of the same name, which only replaces the
# MathJax loader with nothing
c.HTMLExporter.extra_template_basedirs = [
    str(TEMPLATES),
    os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"),
]

"""The learner's feedback page of `course check`: one offline HTML page per notebook, grouped by exercise.

Per exercise: its title from the source, its tests (the docstring, points, pass or fail and, for a failure, what
was checked, on which input for a visible check, what was expected and what came back: shapes, the first differing
entries, the tolerance), the error a solution cell raised, and a hint ladder (the notebook's own hints, then the
diagnosis from the proven wrong variants, then the model answer once unlocked). Written questions show the question
and the rubric's criteria, never the model answer.

The page loads nothing and runs no script (JupyterLab shows HTML files in a sandboxed frame, and a learner may be
offline): math is MathML written into the page. Every learner-provided text is escaped. The page is scanned for
hidden test text before anyone can open it, like every other feedback page (course.feedback.pages); the expected
values of hidden checks never reach it (course.selfpaced.check.learner_view drops them).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from nbformat import NotebookNode

from course.feedback.mathml import math_to_mathml
from course.hidden import find_leaks, secret_lines
from course.notebooks import grade_id, is_test
from course.selfpaced.check import CheckReport, TestOutcome
from course.selfpaced.exercises import HINT, Exercise, docstring, exercises

STYLE = """
body{font-family:system-ui,sans-serif;max-width:920px;margin:1.5em auto;padding:0 1em;line-height:1.45;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.score{font-weight:bold}.meta{color:#555}.badge{float:right;font-weight:normal;font-size:.9em;padding:0 .5em;
border-radius:.6em}.ok{background:#e6f4ea}.bad{background:#fdecea}.todo{background:#f1f3f4}.wait{background:#fff4e5}
.test{border-left:4px solid #bbb;padding:.3em .8em;margin:.6em 0;background:#fafafa}.test.pass{border-color:#34a853}
.test.fail{border-color:#d93025}.test.todo{border-color:#9aa0a6}.test h3{font-size:1em;margin:.2em 0}
table.details{border-collapse:collapse;margin:.4em 0}table.details td,table.details th{border:1px solid #ddd;
padding:2px 8px;text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:.4em;overflow-x:auto;margin:.3em 0}
code{background:#f4f4f4}details{margin:.4em 0;padding:.3em .6em;border:1px solid #e0e0e0;border-radius:4px}
summary{cursor:pointer;font-weight:600}.note{background:#fff4e5;border-left:4px solid #f9ab00;padding:.4em .8em}
.toc td{padding:1px 10px}.hidden-note{color:#555;font-style:italic}
"""


@dataclass
class Ladder:
    """What the hint ladder of each exercise offers besides the notebook's own hints."""

    diagnosis: dict[str, list[str]] = field(default_factory=dict)  # exercise key → misconceptions that fit
    unlocked: dict[str, str] = field(default_factory=dict)  # solution cell id → link to its model answer page
    locked: dict[str, str] = field(default_factory=dict)  # solution cell id → how to unlock it (or why not yet)


def markdown(text: str) -> str:
    """Author-written markdown (notebook text) as HTML, math as MathML."""
    import mistune

    return mistune.html(math_to_mathml(text))


def _e(text: object) -> str:
    return html.escape(str(text))


def _status(test: TestOutcome) -> tuple[str, str]:
    """(css class, label) of a test."""
    if test.manual:
        return "todo", "written answer"
    if test.passed:
        return "pass", "passed"
    if test.status == "not attempted":
        return "todo", "not attempted yet"
    if test.status == "not run":
        return "fail", "did not run"
    return "fail", "failed"


def _points(test: TestOutcome) -> str:
    if test.score is None:
        return f"{test.max_score:g} points, graded by an instructor"
    return f"{test.score:g} / {test.max_score:g} points"


def _details(test: TestOutcome) -> str:
    """What was checked, the input, what was expected and what came back."""
    d = test.details
    rows = []
    if d.get("what"):
        rows.append(("What was checked", f"<code>{_e(d['what'])}</code>" + (
            f" ({_e(d['check'])})" if d.get("check") else "")))
    if test.call:
        rows.append(("Input (your function was called as)", f"<code>{_e(test.call)}</code>"))
    if test.statement:
        rows.append(("The check", f"<pre>{_e(test.statement)}</pre>"))
    if d.get("got_shape") or d.get("expected_shape"):
        rows.append(("Shape", f"yours {_e(d.get('got_shape', '?'))}" + (
            f"; expected {_e(d['expected_shape'])}" if d.get("expected_shape") else "")))
    if d.get("expected"):
        rows.append(("Expected", f"<code>{_e(d['expected'])}</code>"))
    if d.get("got"):
        rows.append(("Your code returned", f"<code>{_e(d['got'])}</code>"))
    if d.get("count"):
        rows.append(("Entries that differ", _e(d["count"])))
    if d.get("tolerance"):
        rows.append(("Tolerance", _e(d["tolerance"])))
    parts = []
    if rows:
        parts.append("<table class='details'>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
                     + "</table>")
    differing = [r for r in d.get("differing", []) if isinstance(r, dict)]
    if differing:
        expected = any("expected" in r for r in differing)
        head = "<tr><th>at</th><th>yours</th>" + ("<th>expected</th>" if expected else "") + "</tr>"
        body = "".join(f"<tr><td>{_e(r.get('at', ''))}</td><td><code>{_e(r.get('got', ''))}</code></td>"
                       + (f"<td><code>{_e(r.get('expected', ''))}</code></td>" if expected else "") + "</tr>"
                       for r in differing)
        parts.append(f"<p>First entries that differ:</p><table class='details'>{head}{body}</table>")
    if test.hidden:
        parts.append("<p class='hidden-note'>This check is hidden: it runs on inputs you do not see, so its input, "
                     "its code and its expected values are not shown. The message and the details above say what "
                     "was compared.</p>")
    return "".join(parts)


def _test_block(test: TestOutcome, doc: str) -> str:
    css, label = _status(test)
    mark = {"pass": "✓", "fail": "✗"}.get(css, "•")
    parts = [f"<div class='test {css}' id='{_e(test.test)}'><h3>{mark} {_e(doc or test.test)} "
             f"<span class='meta'>({_e(test.test)}; {_e(_points(test))}; {label})</span></h3>"]
    if test.message and not test.passed:
        parts.append(f"<p>{_e(test.message)}</p>")
    if test.status in ("fail", "not run") and not test.manual:
        parts.append(_details(test))
    parts.append("</div>")
    return "".join(parts)


def _ladder(exercise: Exercise, report: CheckReport, ladder: Ladder, failing: bool) -> str:
    rungs = []
    for number, hint in enumerate(exercise.hints, start=1):
        rungs.append(f"<details><summary>Hint {number} (from the notebook)</summary>{markdown(hint)}</details>")
    fits = ladder.diagnosis.get(exercise.key, [])
    if failing and fits:
        items = "".join(f"<li>{_e(why)}</li>" for why in fits)
        lead = "This failure matches a mistake the course knows" if len(fits) == 1 else \
            "This failure matches one of these known mistakes"
        rungs.append(f"<details><summary>Hint {len(rungs) + 1}: what your failing tests suggest</summary>"
                     f"<p>{lead}:</p><ul>{items}</ul></details>")
    for cell in exercise.solutions:
        if cell in ladder.unlocked:
            rungs.append(f"<details><summary>Model answer of <code>{_e(cell)}</code></summary>"
                         f"<p><a href='{_e(ladder.unlocked[cell])}'>Open the model answer and its explanation</a>"
                         "</p></details>")
        elif cell in ladder.locked:
            rungs.append(f"<details><summary>Model answer of <code>{_e(cell)}</code> (locked)</summary>"
                         f"<p>{_e(ladder.locked[cell])}</p></details>")
    return "".join(rungs)


def learner_page(report: CheckReport, source: NotebookNode, ladder: Ladder | None = None,
                 checked: datetime | None = None) -> str:
    """The feedback page of one checked notebook."""
    ladder = ladder or Ladder()
    docs = {grade_id(c): docstring(c.source) for c in source.cells if is_test(c)}
    title = f"{report.assignment} / {report.notebook}"
    written = report.manual_max()
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{_e(title)}: feedback</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p class='score'>Score: {report.auto_score():g} / {report.auto_max():g} autograded points"
        + (f" (+{written:g} points for written answers, graded by an instructor)" if written else "") + "</p>",
        f"<p class='meta'>Checked {(checked or datetime.now()):%Y-%m-%d %H:%M} from {_e(report.path.name)}"
        + ("" if report.sandboxed else " (without a sandbox)") + ". Hidden tests included.</p>",
    ]
    notes = [*report.problems, *report.flags]
    if notes:
        parts.append("<div class='note'><p>Before the tests:</p><ul>"
                     + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul></div>")
    items = exercises(source)
    rows = []
    for exercise in items:
        tests = [t for t in report.tests if t.test in exercise.graded]
        auto = [t for t in tests if not t.manual]
        earned, top = sum(t.score or 0 for t in auto), sum(t.max_score for t in auto)
        css = "ok" if auto and earned >= top else "todo" if all(t.status == "not attempted" for t in auto) \
            else "wait" if not auto else "bad"
        shown = f"{earned:g} / {top:g}" if auto else "written"
        rows.append(f"<tr><td><a href='#ex-{_e(exercise.key)}'>{_e(exercise.title)}</a></td>"
                    f"<td><span class='badge {css}'>{shown}</span></td></tr>")
    parts.append("<table class='toc'>" + "".join(rows) + "</table>")
    for exercise in items:
        tests = [t for t in report.tests if t.test in exercise.graded]
        auto = [t for t in tests if not t.manual]
        earned, top = sum(t.score or 0 for t in auto), sum(t.max_score for t in auto)
        badge = f"{earned:g} / {top:g}" if auto else "written answer"
        parts.append(f"<h2 id='ex-{_e(exercise.key)}'>{_e(exercise.title)} <span class='badge'>{badge}</span></h2>")
        if exercise.question:
            written = any(t.manual for t in tests)
            summary = "The question and how it is graded" if written else "The exercise"
            parts.append(f"<details{' open' if written else ''}><summary>{summary}</summary>"
                         f"{markdown(HINT.sub('', exercise.question))}</details>")
        for cell in exercise.solutions:
            error = report.cell_errors.get(cell, "")
            if error and not error.startswith("NotImplementedError"):
                parts.append(f"<p class='note'>Your cell <code>{_e(cell)}</code> raised an error when it ran: "
                             f"<code>{_e(error)}</code></p>")
        for test in tests:
            parts.append(_test_block(test, docs.get(test.test, "")))
        failing = any(t.status in ("fail", "not run") for t in auto)
        hints = _ladder(exercise, report, ladder, failing)
        if hints:
            parts.append(f"<div class='ladder'>{hints}</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_learner_page(report: CheckReport, source: NotebookNode, target: Path, ladder: Ladder | None = None,
                       checked: datetime | None = None) -> list[str]:
    """Write the page to `target` unless it holds hidden test text; returns the leaked lines (page not written)."""
    page = learner_page(report, source, ladder, checked)
    leaks = find_leaks(page, secret_lines(source))
    if leaks:
        target.unlink(missing_ok=True)
        return leaks
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return []

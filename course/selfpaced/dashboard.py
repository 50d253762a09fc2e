"""`course progress`: a learner's record as a table per assignment and a dashboard page in the workspace.

The page (`progress.html` in the workspace, opened from JupyterLab's file browser; offline, no scripts) shows the
score per assignment over time, a heat map of every exercise by status, the time spent per assignment and what to do
next: the weakest of the article's categories (course.selfpaced.categories) and its first exercise not passed yet.
Scores are those of each notebook's latest check; time spent is estimated from the times of the checks (gaps of
up to 30 minutes between two checks count as work, plus 5 minutes before the first check of each session).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from course.layout import Course
from course.notebooks import points, read_notebook
from course.selfpaced import progress
from course.selfpaced.categories import CATEGORIES, category
from course.selfpaced.exercises import Exercise, exercises
from course.selfpaced.workspace import LearnerWorkspace

SESSION_GAP = timedelta(minutes=30)
SESSION_START = timedelta(minutes=5)
STATUS = {"never checked": 0, "not attempted": 1, "failing": 2, "passed": 3}


@dataclass
class ExerciseState:
    assignment: str
    notebook: str
    exercise: Exercise
    status: str  # never checked | not attempted | failing | passed
    score: float = 0.0
    max_score: float = 0.0


@dataclass
class AssignmentProgress:
    assignment: str
    category: str
    score: float = 0.0  # latest check of each notebook
    max_score: float = 0.0  # every autograded point of the assignment
    exercises: list[ExerciseState] = field(default_factory=list)
    checks: int = 0
    spent: timedelta = timedelta()
    last: datetime | None = None

    @property
    def share(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    @property
    def score_text(self) -> str:
        return f"{self.score:g}/{self.max_score:g} ({100 * self.share:.0f}%)"

    @property
    def exercises_text(self) -> str:
        graded = [e for e in self.exercises if e.max_score]
        return f"{sum(e.status == 'passed' for e in graded)}/{len(graded)}"

    @property
    def time_text(self) -> str:
        minutes = int(self.spent.total_seconds() // 60)
        return f"{minutes // 60} h {minutes % 60:02d} min" if minutes else "-"

    @property
    def last_text(self) -> str:
        return f"{self.last:%Y-%m-%d %H:%M}" if self.last else "never"


def time_spent(times: list[datetime]) -> timedelta:
    """Working time estimated from check times (see the module docstring)."""
    spent = timedelta()
    previous = None
    for moment in sorted(times):
        gap = None if previous is None else moment - previous
        spent += gap if gap is not None and gap <= SESSION_GAP else SESSION_START
        previous = moment
    return spent


def _exercise_state(assignment: str, notebook: str, exercise: Exercise, tests: dict[str, float],
                    latest: progress.Check | None) -> ExerciseState:
    top = sum(tests.get(t, 0.0) for t in exercise.tests)
    state = ExerciseState(assignment, notebook, exercise, "never checked", 0.0, top)
    if latest is None:
        return state
    found = {o.test: o for o in latest.outcomes}
    mine = [found[t] for t in exercise.tests if t in found]
    state.score = sum(o.score or 0.0 for o in mine)
    if exercise.tests and mine and all(o.status == "pass" for o in mine):
        state.status = "passed"
    elif not exercise.tests:
        answered = any(found.get(t) and found[t].status == "answered" for t in exercise.manual)
        state.status = "passed" if answered else "not attempted"
    elif any(o.status in ("fail", "not run") for o in mine):
        state.status = "failing"
    else:
        state.status = "not attempted"
    return state


def progress_of(course: Course, workspace: LearnerWorkspace) -> list[AssignmentProgress]:
    """Every assignment's progress from the workspace's record of checks."""
    record = progress.checks(workspace.progress_db)
    found = []
    for assignment in course.assignments():
        row = AssignmentProgress(assignment, category(assignment))
        mine = [c for c in record if c.assignment == assignment]
        row.checks, row.spent = len(mine), time_spent([c.at for c in mine])
        row.last = mine[-1].at if mine else None
        for path in course.source_notebooks(assignment):
            source = read_notebook(path)
            tests = {c.metadata["nbgrader"]["grade_id"]: points(c) for c in source.cells
                     if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")}
            latest = next((c for c in reversed(mine) if c.notebook == path.stem), None)
            row.max_score += sum(tests.values())
            row.score += latest.score if latest else 0.0
            row.exercises += [_exercise_state(assignment, path.stem, e, tests, latest) for e in exercises(source)]
        found.append(row)
    return found



def history(course: Course, workspace: LearnerWorkspace) -> dict[str, list[tuple[datetime, float]]]:
    """Per assignment, its score (share of its autograded points, latest check of each notebook) after each check."""
    tops = {a: sum(points(c) for p in course.source_notebooks(a) for c in read_notebook(p).cells
                   if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution"))
            for a in course.assignments()}
    latest: dict[tuple[str, str], float] = {}
    series: dict[str, list[tuple[datetime, float]]] = {}
    for check in progress.checks(workspace.progress_db):
        latest[(check.assignment, check.notebook)] = check.score
        total = sum(v for (a, _), v in latest.items() if a == check.assignment)
        top = tops.get(check.assignment) or 1.0
        series.setdefault(check.assignment, []).append((check.at, 100 * total / top))
    return series


def next_step(rows: list[AssignmentProgress]) -> str:
    """The weakest category (lowest share of its autograded points earned) and its first exercise not passed."""
    shares = {}
    for name in CATEGORIES:
        mine = [r for r in rows if r.category == name and r.max_score]
        if mine:
            shares[name] = sum(r.score for r in mine) / sum(r.max_score for r in mine)
    if not shares:
        return "check a notebook first (`course check NOTEBOOK`)"
    weakest = min(shares, key=lambda name: (shares[name], CATEGORIES.index(name)))
    todo = [e for r in rows if r.category == weakest for e in r.exercises if e.status != "passed" and e.max_score]
    order = {"failing": 0, "not attempted": 1, "never checked": 2}
    if not todo:
        return f"every category is complete; weakest: {weakest} ({100 * shares[weakest]:.0f}%)"
    first = min(todo, key=lambda e: order[e.status])
    return (f"{weakest} is your weakest area ({100 * shares[weakest]:.0f}% of its points): work on "
            f"{first.assignment}/{first.notebook}, {first.exercise.title} ({first.status})")


def figures(course: Course, workspace: LearnerWorkspace, rows: list[AssignmentProgress]) -> list[tuple[str, object]]:
    """(title, matplotlib Figure) of each plot of the dashboard; the caller closes them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    found = []
    fig, ax = plt.subplots(figsize=(7, 3.2))
    for assignment, points_over_time in history(course, workspace).items():
        times, values = zip(*points_over_time, strict=True)
        ax.plot(times, values, marker="o", label=assignment)
    ax.set(title="Score per assignment over time", xlabel="time of the check", ylabel="autograded points (%)",
           ylim=(0, 105))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, loc="lower right")
    fig.autofmt_xdate()
    found.append(("Score per assignment over time", fig))

    notebooks = sorted({(e.assignment, e.notebook) for r in rows for e in r.exercises})
    width = max((sum(1 for e in r.exercises if (e.assignment, e.notebook) == nb) for r in rows for nb in notebooks),
                default=1)
    grid = [[float("nan")] * width for _ in notebooks]
    for i, nb in enumerate(notebooks):
        mine = [e for r in rows for e in r.exercises if (e.assignment, e.notebook) == nb]
        for j, state in enumerate(mine):
            grid[i][j] = STATUS[state.status]
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(notebooks) + 1.4))
    colours = ListedColormap(["#e8eaed", "#bdc1c6", "#f28b82", "#81c995"])
    ax.imshow(grid, cmap=colours, vmin=-0.5, vmax=3.5, aspect="auto")
    ax.set_yticks(range(len(notebooks)), [f"{a}/{n}" for a, n in notebooks], fontsize=7)
    ax.set_xticks(range(width), [str(k + 1) for k in range(width)], fontsize=7)
    ax.set(title="Exercises by status (grey: never checked or not attempted, red: failing, green: passed)",
           xlabel="exercise (in notebook order)")
    ax.title.set_fontsize(9)
    found.append(("Exercises by status", fig))

    fig, ax = plt.subplots(figsize=(7, 0.3 * len(rows) + 1.2))
    ax.barh([r.assignment for r in rows], [r.spent.total_seconds() / 3600 for r in rows], color="#4c72b0")
    ax.invert_yaxis()
    ax.set(title="Time spent per assignment (estimated from check times)", xlabel="hours")
    found.append(("Time spent", fig))

    shares = []
    for name in CATEGORIES:
        mine = [r for r in rows if r.category == name and r.max_score]
        top = sum(r.max_score for r in mine)
        shares.append(100 * sum(r.score for r in mine) / top if top else 0.0)
    fig, ax = plt.subplots(figsize=(7, 2.4))
    ax.barh(list(CATEGORIES), shares, color="#dd8452")
    ax.invert_yaxis()
    ax.set(title="Points earned by interview category", xlabel="autograded points earned (%)", xlim=(0, 100))
    found.append(("By category", fig))
    return found


def dashboard_page(course: Course, workspace: LearnerWorkspace, rows: list[AssignmentProgress]) -> tuple[str, str]:
    """(the page, the advice of what to do next)."""
    import matplotlib.pyplot as plt

    from course.feedback.learner_page import STYLE
    from course.reports.plots import figure_png

    advice = next_step(rows)
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Your progress</title>",
             f"<style>{STYLE}</style></head><body><h1>Your progress</h1>",
             f"<p class='meta'>Updated {datetime.now():%Y-%m-%d %H:%M} from "
             f"{sum(r.checks for r in rows)} checks.</p>",
             f"<div class='note'><p><strong>What to do next:</strong> {html.escape(advice)}</p></div>",
             "<table class='details'><tr><th>assignment</th><th>category</th><th>score</th><th>exercises passed</th>"
             "<th>checks</th><th>time spent</th><th>last check</th></tr>"]
    for r in rows:
        parts.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in (
            r.assignment, r.category, r.score_text, r.exercises_text, str(r.checks), r.time_text, r.last_text))
            + "</tr>")
    parts.append("</table>")
    for title, fig in figures(course, workspace, rows):
        parts.append(f"<h2>{html.escape(title)}</h2><img alt='{html.escape(title)}' "
                     f"src='data:image/png;base64,{figure_png(fig)}'>")
        plt.close(fig)
    parts.append("</body></html>")
    return "\n".join(parts), advice


def write_dashboard(course: Course, workspace: LearnerWorkspace) -> tuple[Path, str]:
    """Write `progress.html` in the workspace; returns its path and the advice of what to do next."""
    page, advice = dashboard_page(course, workspace, progress_of(course, workspace))
    target = workspace.root / "progress.html"
    target.write_text(page, encoding="utf-8")
    return target, advice

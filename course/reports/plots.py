"""The report's plots: score distribution, failure rate per test, grading time (add a plot here)."""

from __future__ import annotations

import base64
import io

from course.grading import ledger
from course.grading.results import SubmissionResult
from course.workspace import Workspace


def figure_png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode()


def report_figures(assignment: str, results: list[SubmissionResult], seconds: list[float]) -> list[tuple[str, object]]:
    """(title, matplotlib Figure) of each plot of an assignment's report; the caller closes them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figures = []
    scores = [100 * r.auto_score() / r.auto_max() for r in results if r.auto_max()]
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.hist(scores, bins=10, range=(0, 100), color="#4c72b0", edgecolor="white")
    ax.set(title=f"{assignment}: autograded score distribution", xlabel="score (%)", ylabel="learners")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of learners: whole numbers
    figures.append(("Score distribution", fig))

    tests = [(t.notebook, t.test) for t in results[0].auto_tests()] if results else []
    if tests:
        rates = []
        for notebook, test in tests:
            outcomes = [t.passed for r in results for t in r.auto_tests() if (t.notebook, t.test) == (notebook, test)]
            rates.append(100 * (1 - sum(outcomes) / len(outcomes)) if outcomes else 0)
        fig, ax = plt.subplots(figsize=(7, 0.28 * len(tests) + 1))
        ax.barh([f"{n}: {t}" for n, t in tests], rates, color="#dd8452")
        ax.invert_yaxis()
        ax.set(
            title="Failure rate per test (which exercises are hardest)", xlabel="learners failing (%)", xlim=(0, 100)
        )
        figures.append(("Failure rate per test", fig))

    if seconds:
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.hist(seconds, bins=15, color="#55a868", edgecolor="white")
        ax.set(title="Grading time per submission", xlabel="seconds", ylabel="submissions")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of submissions: whole numbers
        figures.append(("Grading time", fig))
    return figures


def report_plots(workspace: Workspace, assignment: str, results: list[SubmissionResult]) -> list[tuple[str, str]]:
    import matplotlib.pyplot as plt

    timings = ledger.entries(workspace, assignment)
    seconds = [timings[r.student].seconds for r in results if r.student in timings]
    plots = []
    for title, fig in report_figures(assignment, results, seconds):
        plots.append((title, figure_png(fig)))
        plt.close(fig)
    return plots



"""Multiple-choice questions of a source notebook, and the lint rule that its Summary must not give them away.

A multiple-choice answer is a constant set to one letter in a solution region (`ANSWER = "b"`); its options are
listed in the exercise's markdown, one per bullet: ``- `"b"`: the option's text``. A Summary cell restates an
answer when it contains a run of words (`RUN` of them, at least one of them a content word) of the correct option
that no other option of the same question contains: the words that make that option the right one.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from nbformat import NotebookNode

from course.notebooks import BEGIN_SOLUTION, END_SOLUTION, is_solution, parse_python, split_regions

OPTION = re.compile(r"^\s*[-*]\s+`?[\"']?([a-h])[\"']?`?\s*[:.)]\s*(.+?)\s*$")
BULLET = re.compile(r"^\s*[-*]\s")
EXERCISE_HEADING = re.compile(r"^#{2,4}\s+Exercise\b", re.MULTILINE)
WORD = re.compile(r"[a-z0-9]+")
RUN = 3  # words in a row
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has", "have", "in", "is",
    "it", "its", "no", "not", "of", "on", "or", "so", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "this", "those", "to", "was", "were", "what", "when", "which", "while", "who", "will", "with", "without",
})


@dataclass(frozen=True)
class Choice:
    """One multiple-choice question: its answer constant, the solution cell, the letter and every option's text."""

    name: str
    cell: str
    answer: str
    options: dict[str, str]

    def giveaways(self) -> set[tuple[str, ...]]:
        """Runs of words of the correct option that no other option contains."""
        others = set().union(*(runs(text) for letter, text in self.options.items() if letter != self.answer))
        return {run for run in runs(self.options.get(self.answer, "")) - others
                if any(len(word) >= 4 and word not in STOPWORDS for word in run)}


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def runs(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + size]) for i in range(len(found) - size + 1)}


def letter_answers(source: str) -> dict[str, str]:
    """Constants that a cell's solution region sets to a single letter (name → letter)."""
    try:
        tree = parse_python("\n".join(split_regions(source, BEGIN_SOLUTION, END_SOLUTION)[1]))
    except (ValueError, SyntaxError):
        return {}
    found = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str) and re.fullmatch(r"[a-h]", node.value.value)):
            found.update({t.id: node.value.value for t in node.targets if isinstance(t, ast.Name) and t.id.isupper()})
    return found


def listed_options(markdown: str) -> dict[str, str]:
    """The options a markdown text lists (letter → text), each with the indented lines that continue it."""
    options: dict[str, str] = {}
    current = None
    for line in markdown.splitlines():
        found = OPTION.match(line)
        if found:
            current = found.group(1)
            options[current] = found.group(2)
        elif current and line.startswith((" ", "\t")) and line.strip() and not BULLET.match(line):
            options[current] += " " + line.strip()
        else:
            current = None
    return options


def options_before(cells: list[NotebookNode], index: int, name: str) -> dict[str, str]:
    """The options of the question answered in cell `index`: the nearest markdown cell above it that lists options
    (preferring one that names the constant), not looking past the exercise's heading."""
    fallback: dict[str, str] = {}
    for cell in reversed(cells[:index]):
        if cell.cell_type != "markdown":
            continue
        options = listed_options(cell.source)
        if options and name in cell.source:
            return options
        fallback = fallback or options
        if EXERCISE_HEADING.search(cell.source):
            break
    return fallback


def choices(nb: NotebookNode) -> list[Choice]:
    """Every multiple-choice question of a source notebook whose options could be found."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not is_solution(cell):
            continue
        for name, letter in letter_answers(cell.source).items():
            options = options_before(nb.cells, index, name)
            if letter in options:
                found.append(Choice(name, str(cell.get("id", "?")), letter, options))
    return found


def summary_text(cell: NotebookNode) -> str:
    """The Summary section of a markdown cell (up to the next heading of the same or a higher level)."""
    text = cell.source.split("## Summary", 1)[1]
    return re.split(r"^#{1,2}\s", text, maxsplit=1, flags=re.MULTILINE)[0]


def check_summary_answers(nb: NotebookNode, report) -> None:
    """A Summary cell must not restate the correct option of the notebook's own multiple-choice questions."""
    summaries = [c for c in nb.cells if c.cell_type == "markdown" and "## Summary" in c.source]
    if not summaries:
        return
    for choice in choices(nb):
        giveaways = choice.giveaways()
        for cell in summaries:
            said = runs(summary_text(cell)) & giveaways
            if said:
                shown = ", ".join(sorted(f"'{' '.join(run)}'" for run in said))
                report(cell, f"the Summary restates the answer of {choice.name} (option {choice.answer!r}, set in "
                             f"[{choice.cell}]): {shown}; say what to learn without the option's words")

"""Hidden test text: what it is, removing it from notebooks, and finding any trace of it in learner-facing files."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from nbformat import NotebookNode

from course.notebooks import BEGIN_HIDDEN, END_HIDDEN, hidden_part, read_notebook

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FRAME = re.compile(r"^\s*(?:Cell In\s*\[(\d+)\]|Input In\s*\[(\d+)\]|File\s|<ipython-input-(\d+))")
TAG = re.compile(r"<[^>]+>")
MIN_SECRET_LENGTH = 12
REDACTED = "[hidden test code is not shown]"


def has_hidden_tests(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and BEGIN_HIDDEN in cell.source


def public_text(nb: NotebookNode) -> str:
    """Everything learners see of a notebook's sources: every cell with its hidden-test regions removed."""
    return "\n".join(strip_hidden_regions(cell.source) for cell in nb.cells)


def secret_lines(source_nb: NotebookNode, public_texts: Iterable[str] = ()) -> set[str]:
    """Lines of hidden-test regions worth guarding: long enough, and found nowhere in the public text
    (the notebook's own visible sources plus `public_texts`), so that a wrapped call shared with a visible
    check is not mistaken for a leak."""
    visible = "\n".join([public_text(source_nb), *public_texts])
    secrets = set()
    for cell in source_nb.cells:
        if has_hidden_tests(cell):
            for line in hidden_part(cell.source).splitlines():
                stripped = line.strip()
                if len(stripped) >= MIN_SECRET_LENGTH and stripped not in visible:
                    secrets.add(stripped)
    return secrets


class FeedbackSecrets:
    """Secret lines per notebook of a module: a feedback page is checked against its own notebook's secrets
    (a line hidden in one notebook may be ordinary visible code in another); an unknown page against all."""

    def __init__(self, source_notebooks: Iterable[Path]) -> None:
        self.by_notebook = {path.stem: secret_lines(read_notebook(path)) for path in source_notebooks}
        self.everything = set().union(*self.by_notebook.values())

    def leaks(self, html_file: Path) -> list[str]:
        secrets = self.by_notebook.get(html_file.stem, self.everything)
        return find_leaks(html_file.read_text(encoding="utf-8"), secrets)


def plain_text(markup: str) -> str:
    """Visible text of HTML (tags dropped, entities decoded) or of terminal output (ANSI codes dropped)."""
    return html.unescape(TAG.sub("", ANSI.sub("", markup)))


def find_leaks(text: str, secrets: set[str]) -> list[str]:
    """Secret lines that appear in `text` (after stripping markup)."""
    visible = plain_text(text)
    return sorted(secret for secret in secrets if secret in visible)


def strip_hidden_regions(source: str) -> str:
    """Source with every hidden-test region replaced by a one-line note."""
    out: list[str] = []
    inside = False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}# (hidden tests ran here; their code is not shown)")
        elif END_HIDDEN in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def sanitise_traceback(lines: list[str], hidden_counts: set[int]) -> list[str]:
    """Traceback entries without the frames of cells that contain hidden tests.

    An IPython traceback is a list of entries: a header, one entry per frame ("Cell In[12], line 5 ..."),
    and the final "Name: message". Frames of hidden-test cells, and of library code they call, are replaced by
    one note; frames of the learner's own cells (and what they call) are kept so that a bug can be located.
    """
    kept: list[str] = []
    dropped = False
    in_learner_code = False  # library frames are kept only when the learner's code called them
    for entry in lines:
        match = FRAME.match(ANSI.sub("", entry))
        if match is None:
            kept.append(entry)  # header or the final "Name: message"
            continue
        count = next((int(g) for g in match.groups() if g), None)
        if count is not None:
            in_learner_code = count not in hidden_counts
        if in_learner_code:
            kept.append(entry)
        elif not dropped:
            kept.append(REDACTED)
            dropped = True
    return kept


def redact_text(text: str, secrets: set[str]) -> str:
    """`text` with every line that contains a secret line replaced by a note."""
    if not secrets or not any(secret in plain_text(text) for secret in secrets):
        return text
    return "\n".join(
        REDACTED if any(secret in plain_text(line) for secret in secrets) else line for line in text.split("\n")
    )


def scrub_notebook(nb: NotebookNode) -> NotebookNode:
    """Remove hidden-test code from a graded notebook (in place): sources, traceback frames, echoed outputs."""
    secrets = secret_lines(nb)
    hidden_counts = {
        cell.execution_count for cell in nb.cells if has_hidden_tests(cell) and cell.get("execution_count") is not None
    }
    for cell in nb.cells:
        if has_hidden_tests(cell):
            cell.source = strip_hidden_regions(cell.source)
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [
                    redact_text(t, secrets) for t in sanitise_traceback(output.traceback, hidden_counts)
                ]
                output.evalue = redact_text(output.evalue, secrets)
            elif output.output_type == "stream":
                output.text = redact_text(output.text, secrets)
            elif output.output_type in ("execute_result", "display_data"):
                for mime, value in list(output.get("data", {}).items()):
                    if isinstance(value, str):
                        output.data[mime] = redact_text(value, secrets)
    return nb

"""Math in markdown as MathML: feedback pages render formulas offline and without scripts.

JupyterLab shows an HTML file in a sandboxed frame that runs no scripts, and a learner may be offline, so MathJax
(loaded from a CDN by nbconvert's templates) cannot typeset `$O(n)$`. Converting the TeX to MathML when the page
is written leaves nothing to run: browsers render MathML natively.

Dollar signs follow pandoc's rule, so prices in prose stay prose: an opening `$` is followed by a non-space, a
closing `$` is preceded by a non-space and not followed by a digit; `\\$` is a literal dollar; code spans and
fenced code are left alone.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE = re.compile(r"(?<![\\$])\$(?=\S)([^$\n]+?)(?<=\S)(?<!\\)\$(?![\d$])")


def _mathml(tex: str, display: bool) -> str | None:
    try:
        return convert(tex.strip(), display="block" if display else "inline")
    except Exception:  # a command latex2mathml does not know: keep the TeX, readable as code
        return None


def _replace(match: re.Match[str], display: bool) -> str:
    converted = _mathml(match.group(1), display)
    if converted is None:
        return f"<code>{html.escape(match.group(0))}</code>"
    return converted


def math_to_mathml(markdown: str) -> str:
    """`markdown` with every `$…$` and `$$…$$` outside code replaced by MathML."""
    parts = CODE.split(markdown)
    for index in range(0, len(parts), 2):  # even parts are outside code
        text = DISPLAY.sub(lambda m: _replace(m, True), parts[index])
        parts[index] = INLINE.sub(lambda m: _replace(m, False), text)
    return "".join(parts)

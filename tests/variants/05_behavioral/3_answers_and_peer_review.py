"""Plausible wrong answers to 05_behavioral/3_answers_and_peer_review; each must lose exactly the tests in `fails`.

The written answers are graded by an instructor; these variants prove the autograded structure share. Each one
starts from the reference answer (read from the source notebook) and breaks one structure rule: some break a
rule the visible check sees (an empty answer, labelled paragraphs, sections out of order, a short section),
others only a rule of notebook 1 that the hidden test applies (we-over-i, a Result whose only "numbers" are
F1 and p95, a cut Action, too many words, fillers).
"""

import json
import re
from pathlib import Path

from course.proof.variants import Variant

SOURCE = Path(__file__).resolve().parents[3] / "source" / "05_behavioral" / "3_answers_and_peer_review.ipynb"
CELLS = {c["id"]: "".join(c["source"]) for c in json.loads(SOURCE.read_text(encoding="utf-8"))["cells"]}


def reference(cell_id, name):
    """The value the solution region of a cell assigns to `name`."""
    region = CELLS[cell_id].split("### BEGIN SOLUTION\n", 1)[1].split("### END SOLUTION", 1)[0]
    scope: dict = {}
    exec(region, scope)
    return scope[name]


def sections(text):
    """[(heading line, body)] of a '## ' markdown answer."""
    parts = re.split(r"^(## .*)$", text.strip(), flags=re.MULTILINE)
    return [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]


def join(parts):
    return "\n".join(f"{heading}\n{body.strip()}\n" for heading, body in parts)


def cell(name, text):
    return f'{name} = r"""\n{text}"""\nshow_answer({name})\n'


def labelled(text):
    return "\n".join(f"{h[3:].strip()}: {b.strip()}" for h, b in sections(text)) + "\n"


def reorder(text):
    s = sections(text)
    return join([s[0], s[2], s[1], s[3]])


def short_task(text):
    s = sections(text)
    return join([s[0], (s[1][0], "I owned it."), s[2], s[3]])


def plural(text):
    s = sections(text)
    action = re.sub(r"\bI\b", "we", s[2][1])
    action = re.sub(r"\bmy\b", "our", re.sub(r"\bme\b", "us", re.sub(r"\bmyself\b", "ourselves", action)))
    return join([s[0], s[1], (s[2][0], action), s[3]])


def spelled_numbers(text):
    s = sections(text)
    result = re.sub(r"\d[\d.,]*", "several", s[3][1]) + " Both F1 and p95 latency were checked."
    return join([s[0], s[1], s[2], (s[3][0], result)])


def cut_action(text):
    s = sections(text)
    first_two = " ".join(re.split(r"(?<=\.)\s+", " ".join(s[2][1].split()))[:2])
    return join([s[0], s[1], (s[2][0], first_two), s[3]])


def too_long(text):
    s = sections(text)
    return join([s[0], s[1], (s[2][0], s[2][1].strip() + "\n" + s[2][1].strip()), s[3]])


def fillers(text):
    s = sections(text)
    action = "Basically, " + s[2][1].strip() + " It was really, really hard."
    return join([s[0], s[1], (s[2][0], action), s[3]])


BREAKS = {
    "empty": ("the answer is an empty string", lambda t: "", True),
    "not-answered": ("the answer is still None", None, True),
    "labelled-paragraphs": ("'Situation: ...' paragraphs instead of the four '## ' headings the answers use", labelled, True),
    "sections-out-of-order": ("the Action comes before the Task: STAR is told in order", reorder, True),
    "short-task": ("the Task section has fewer than 20 words: say what your own responsibility was", short_task, True),
    "we-instead-of-i": ("the Action is told with 'we': more 'we' than 'I' hides your own part", plural, False),
    "result-without-a-number": ("the Result's only 'numbers' are names like F1 and p95: no word starts with a digit",
                                spelled_numbers, False),
    "action-cut-short": ("the Action is cut to two sentences: less than 40 % of the answer is about what you did",
                         cut_action, False),
    "too-long": ("the answer runs over 350 words (the Action is told twice)", too_long, False),
    "filler-words": ("more than two filler words ('basically', 'really')", fillers, False),
}
PLAN = {
    "B1": ("empty", "we-instead-of-i"), "B2": ("not-answered", "result-without-a-number"),
    "B3": ("labelled-paragraphs", "action-cut-short"), "B4": ("sections-out-of-order", "too-long"),
    "B5": ("short-task", "filler-words"), "B6": ("empty", "result-without-a-number"),
    "B7": ("labelled-paragraphs", "we-instead-of-i"), "B8": ("sections-out-of-order", "action-cut-short"),
    "B9": ("not-answered", "too-long"), "B10": ("short-task", "filler-words"),
}

VARIANTS = []
for question, kinds in PLAN.items():
    cell_id, name = f"answer-{question.lower()}", f"ANSWER_{question}"
    for kind in kinds:
        why, transform, visible = BREAKS[kind]
        code = f"{name} = None" if transform is None else cell(name, transform(reference(cell_id, name)))
        VARIANTS.append(Variant(
            name=f"{question.lower()}-{kind}",
            why=f"{name}: {why}" + ("" if visible else " (a rule of notebook 1 checked by the hidden test)"),
            cells={cell_id: code},
            fails={f"test-answer-{question.lower()}-structure"},
        ))

EXPLANATION = reference("stakeholder-explanation", "STAKEHOLDER_EXPLANATION")
REVIEW = reference("peer-review", "PEER_REVIEW")

VARIANTS += [
    Variant(
        name="stakeholder-jargon",
        why="the explanation talks about precision and recall to someone who does not know the words",
        cells={"stakeholder-explanation": cell("STAKEHOLDER_EXPLANATION", EXPLANATION.replace(
            "the list found 600.", "the list found 600: a precision of 30% at a recall of 30%."))},
        fails={"test-stakeholder-structure"},
    ),
    Variant(
        name="stakeholder-rambles",
        why="the explanation runs well over 160 words: concise and organised is the point",
        cells={"stakeholder-explanation": cell("STAKEHOLDER_EXPLANATION", EXPLANATION + EXPLANATION)},
        fails={"test-stakeholder-structure"},
    ),
    Variant(
        name="stakeholder-no-number",
        why="the explanation gives no number at all: one concrete figure (600 of 2,000) makes it credible",
        cells={"stakeholder-explanation": cell("STAKEHOLDER_EXPLANATION", re.sub(r"\d[\d,%]*", "many", EXPLANATION))},
        fails={"test-stakeholder-structure"},
    ),
    Variant(
        name="stakeholder-empty",
        why="the explanation is not written yet",
        cells={"stakeholder-explanation": 'STAKEHOLDER_EXPLANATION = ""\n'},
        fails={"test-stakeholder-structure"},
    ),
    Variant(
        name="peer-scores-generous",
        why="every criterion gets full marks: the sample's Action is all 'we', it has no lesson, and its only "
            "number is a delay",
        cells={"peer-scores": 'PEER_SCORES = {"signal": 1, "specificity": 1, "ownership": 1, "result": 1, "reflection": 1}'},
        fails={"test-peer-clear-cut", "test-peer-judgement"},
    ),
    Variant(
        name="peer-scores-trust-the-lint",
        why="the Result is graded on the presence of a number; a delay of 3 weeks is not an outcome of the "
            "candidate's actions",
        cells={"peer-scores": 'PEER_SCORES = {"signal": 0, "specificity": 1, "ownership": 0, "result": 1, "reflection": 0}'},
        fails={"test-peer-judgement"},
    ),
    Variant(
        name="peer-scores-half-ownership",
        why="ownership gets half a point, but the Action has no decision of the candidate's and no 'I' at all",
        cells={"peer-scores": 'PEER_SCORES = {"signal": 0, "specificity": 1, "ownership": 0.5, "result": 0, "reflection": 0}'},
        fails={"test-peer-clear-cut"},
    ),
    Variant(
        name="peer-scores-too-harsh",
        why="specificity gets 0, but the situation (a fraud model, AUC 0.93, six months of data) and the "
            "candidate's own part are concrete",
        cells={"peer-scores": 'PEER_SCORES = {"signal": 0, "specificity": 0, "ownership": 0, "result": 0, "reflection": 0}'},
        fails={"test-peer-judgement"},
    ),
    Variant(
        name="peer-scores-out-of-ten",
        why="the scores use another scale; each criterion is 0, 0.5 or 1",
        cells={"peer-scores": 'PEER_SCORES = {"signal": 2, "specificity": 8, "ownership": 2, "result": 3, "reflection": 1}'},
        fails={"test-peer-clear-cut", "test-peer-judgement"},
    ),
    Variant(
        name="peer-review-without-quotes",
        why="the review paraphrases the sample instead of quoting it: every score needs the evidence in the "
            "candidate's own words",
        cells={"peer-review": cell("PEER_REVIEW", re.sub(r'"([^"]+)"', r"\1", REVIEW))},
        fails={"test-peer-review-structure"},
    ),
    Variant(
        name="peer-review-without-advice",
        why="the review grades but gives no advice or rewrite",
        cells={"peer-review": cell("PEER_REVIEW", REVIEW.split("## Advice")[0])},
        fails={"test-peer-review-structure"},
    ),
    Variant(
        name="peer-review-invented-quote",
        why="a quoted passage does not appear in the sample: quote the candidate's words exactly",
        cells={"peer-review": cell("PEER_REVIEW", REVIEW.replace(
            '"not really something we could control"', '"we could not control the data team"').replace(
            '"the data team had used a random split"', '"the data team made a mistake"'))},
        fails={"test-peer-review-structure"},
    ),
]

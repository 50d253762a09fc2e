"""Plausible wrong answers to 05_behavioral/2_story_bank_and_priorities; each must lose exactly the tests in `fails`.

The story-bank variants start from the reference bank (`bank()` below rebuilds the solution cell's bank from
the source notebook) and break one coverage or structure rule each.
"""

import json
from pathlib import Path

from course.proof.variants import Variant

SOURCE = Path(__file__).resolve().parents[3] / "source" / "05_behavioral" / "2_story_bank_and_priorities.ipynb"


def _solution(cell_id):
    cells = json.loads(SOURCE.read_text(encoding="utf-8"))["cells"]
    text = "".join(next(c for c in cells if c["id"] == cell_id)["source"])
    inside = text.split("### BEGIN SOLUTION\n", 1)[1].split("### END SOLUTION", 1)[0]
    return inside


def bank(edit=""):
    """The reference bank, then `edit` (statements applied to MY_STORY_BANK)."""
    return _solution("my-story-bank") + edit


COVERAGE = '''
def coverage_table(bank):
    ids = list(bank["story_id"])
    if {duplicate_check}:
        raise ValueError("story_id values must be unique")
    table = pd.DataFrame(0, index=pd.Index({index}, name="story_id"),
                         columns=pd.Index(QUESTION_IDS, name="question"), dtype="int64")
    for story, questions in zip(ids, bank["questions"]):
        for question in questions:
            if {unknown_check}:
                raise ValueError(f"unknown question id {{question!r}}")
            table.loc[story, question] {assign}
    return table
'''


def coverage(**changes):
    parts = {"duplicate_check": "len(set(ids)) != len(ids)", "index": "ids",
             "unknown_check": "question not in QUESTION_IDS", "assign": "= 1"}
    parts.update(changes)
    return COVERAGE.format(**parts)


GAPS = '''
def coverage_gaps(table, max_uses=3):
    per_question = table.sum(axis=0)
    per_story = table.sum(axis=1)
    return {{
        "uncovered": [q for q in {columns} if per_question[q] == 0],
        "single": [q for q in {columns} if per_question[q] {single}],
        "overused": [s for s in table.index if per_story[s] {over} {limit}],
        "uses": {{s: int(per_story[s]) for s in table.index}},
    }}
'''


def gaps(**changes):
    parts = {"columns": "table.columns", "single": "== 1", "over": ">", "limit": "max_uses"}
    parts.update(changes)
    return GAPS.format(**parts)


UNSUPPORTED = '''
def unsupported_claims(bank, signals):
    claims = []
    for story, skills, questions in zip(bank["story_id"], bank["skills"], bank["questions"]):
        seen = set()
        for question in questions:
            if {skip}:
                continue
            seen.add(question)
            if {test}:
                claims.append((story, question))
    return claims
'''


def unsupported(**changes):
    parts = {"skip": "question in seen", "test": "not set(skills) & set(signals[question])"}
    parts.update(changes)
    return UNSUPPORTED.format(**parts)


METRICS = '''
def schedule_metrics(tasks, order, start=0):
    names = list(tasks["name"])
    if {validation}:
        raise ValueError("order must list every task name exactly once")
    info = {{n: (int(p), int(d), int(w)) for n, p, d, w in
            zip(tasks["name"], tasks["duration"], tasks["deadline"], tasks["weight"])}}
    clock, completion, late = {start}, {{}}, []
    max_lateness, tardiness, weighted = None, 0, 0
    for name in order:
        duration, deadline, weight = info[name]
        clock += duration
        completion[name] = clock
        lateness = {lateness}
        max_lateness = lateness if max_lateness is None else max(max_lateness, lateness)
        tardiness += max(0, lateness)
        weighted += weight * clock
        if {late_test}:
            late.append(name)
    return {{"completion": completion, "max_lateness": max_lateness, "total_tardiness": tardiness,
            "late": late, "weighted_completion": weighted}}
'''


def metrics(**changes):
    parts = {"validation": "len(order) != len(names) or set(order) != set(names)", "start": "start",
             "lateness": "clock - deadline", "late_test": "lateness > 0"}
    parts.update(changes)
    return METRICS.format(**parts)


EDF = '''
def edf_order(tasks):
    rows = list(zip(tasks["name"], tasks["duration"], tasks["deadline"]))
    positions = sorted(range(len(rows)), key=lambda i: {key})
    return [rows[i][0] for i in positions]
'''
WSJF = '''
def wsjf_order(tasks):
    rows = list(zip(tasks["name"], tasks["duration"], tasks["deadline"], tasks["weight"]))
    positions = sorted(range(len(rows)), key=lambda i: {key})
    return [rows[i][0] for i in positions]
'''
MOORE = '''
def min_late_tasks(tasks):
    info = {{n: (int(p), int(d)) for n, p, d in zip(tasks["name"], tasks["duration"], tasks["deadline"])}}
    schedule, late, clock = [], [], 0
    for name in {source}:
        schedule.append(name)
        clock += info[name][0]
        if clock {over} info[name][1]:
            longest = {pick}
            clock -= info[schedule[longest]][0]
            late.append(schedule.pop(longest))
    return schedule, {late}
'''


def moore(**changes):
    parts = {"source": "edf_order(tasks)", "over": ">",
             "pick": "max(range(len(schedule)), key=lambda i: (info[schedule[i]][0], i))", "late": "late"}
    parts.update(changes)
    return MOORE.format(**parts)


VARIANTS = [
    # ------------------------------------------------------------------ coverage table
    Variant(
        name="coverage-counts-repeats",
        why="a question listed twice for a story counts 2; the table says whether a story answers a question (0/1)",
        cells={"coverage-table": coverage(assign="+= 1")},
        fails={"test-coverage-table"},
    ),
    Variant(
        name="coverage-crosstab-as-is",
        why="pd.crosstab sorts the stories, drops stories and questions without a claim and counts repeats",
        cells={"coverage-table": """
            def coverage_table(bank):
                exploded = bank[["story_id", "questions"]].explode("questions")
                return pd.crosstab(exploded["story_id"], exploded["questions"])
        """},
        fails={"test-coverage-table", "test-coverage-errors"},
    ),
    Variant(
        name="coverage-sorted-stories",
        why="the rows are sorted by story id; they should keep the bank's row order",
        cells={"coverage-table": coverage(index="sorted(ids)")},
        fails={"test-coverage-table"},
    ),
    Variant(
        name="coverage-no-validation",
        why="unknown question ids and repeated story ids are accepted silently instead of raising ValueError",
        cells={"coverage-table": coverage(duplicate_check="False", unknown_check="False")},
        fails={"test-coverage-errors"},
    ),
    Variant(
        name="coverage-case-insensitive-ids",
        why="question ids are upper-cased before the check, so 'b3' is accepted although it is not one of the ten ids",
        cells={"coverage-table": coverage(unknown_check="question.upper() not in QUESTION_IDS").replace(
            "table.loc[story, question] = 1", "table.loc[story, question.upper()] = 1")},
        fails={"test-coverage-errors"},
    ),
    # ------------------------------------------------------------------ gaps
    Variant(
        name="gaps-overused-inclusive",
        why="a story used exactly max_uses times is flagged; only more than max_uses is over-use",
        cells={"coverage-gaps": gaps(over=">=")},
        fails={"test-gaps-example", "test-gaps-random"},
    ),
    Variant(
        name="gaps-single-includes-uncovered",
        why="'single' should list questions answered by exactly one story, not also those answered by none",
        cells={"coverage-gaps": gaps(single="<= 1")},
        fails={"test-gaps-example", "test-gaps-random"},
    ),
    Variant(
        name="gaps-ignores-max-uses",
        why="the limit of 3 uses is hard-coded; the max_uses argument must be used",
        cells={"coverage-gaps": gaps(limit="3")},
        fails={"test-gaps-example", "test-gaps-random"},
    ),
    Variant(
        name="gaps-all-ten-questions",
        why="the questions are taken from QUESTION_IDS instead of the table's own columns",
        cells={"coverage-gaps": gaps(columns="QUESTION_IDS")},
        fails={"test-gaps-random"},
    ),
    # ------------------------------------------------------------------ unsupported claims
    Variant(
        name="unsupported-global-signals",
        why="the global SIGNALS are used instead of the signals argument",
        cells={"unsupported-claims": unsupported(test="not set(skills) & set(SIGNALS[question])")},
        fails={"test-unsupported"},
    ),
    Variant(
        name="unsupported-repeats-reported",
        why="a question listed twice for a story is reported twice; report each claim once",
        cells={"unsupported-claims": unsupported(skip="False")},
        fails={"test-unsupported"},
    ),
    Variant(
        name="unsupported-needs-every-signal",
        why="a claim is flagged unless the story shows every signal; one shared competency is enough",
        cells={"unsupported-claims": unsupported(test="not set(signals[question]) <= set(skills)")},
        fails={"test-unsupported"},
    ),
    # ------------------------------------------------------------------ plan
    Variant(
        name="plan-greedy",
        why="taking the first free story for each question in turn can leave a question without a story although "
            "a full plan exists: re-assign with augmenting paths",
        cells={"plan-loop": """
            def plan_loop(table, questions):
                used, plan = set(), {}
                for question in questions:
                    for story in table.index:
                        if table.at[story, question] and story not in used:
                            plan[question] = story
                            used.add(story)
                            break
                return plan
        """},
        fails={"test-plan-maximum"},
    ),
    Variant(
        name="plan-reuses-stories",
        why="the same story is told for several questions of one loop",
        cells={"plan-loop": """
            def plan_loop(table, questions):
                plan = {}
                for question in questions:
                    for story in table.index:
                        if table.at[story, question]:
                            plan[question] = story
                            break
                return plan
        """},
        fails={"test-plan-valid", "test-plan-maximum"},
    ),
    Variant(
        name="plan-every-column",
        why="the plan covers every question of the table, not only the questions asked in the loop",
        cells={"plan-loop": """
            def plan_loop(table, questions):
                owner = {}

                def place(question, visited):
                    for story in table.index:
                        if table.at[story, question] and story not in visited:
                            visited.add(story)
                            if story not in owner or place(owner[story], visited):
                                owner[story] = question
                                return True
                    return False

                for question in table.columns:
                    place(question, set())
                return {question: story for story, question in owner.items()}
        """},
        fails={"test-plan-valid", "test-plan-maximum"},
    ),
    Variant(
        name="plan-calls-scipy",
        why="scipy's maximum_bipartite_matching is called inside plan_loop, which must be written from scratch",
        cells={"plan-loop": """
            from scipy.sparse import csr_matrix
            from scipy.sparse.csgraph import maximum_bipartite_matching

            def plan_loop(table, questions):
                match = maximum_bipartite_matching(csr_matrix(table[questions].to_numpy().T), perm_type="column")
                return {q: table.index[s] for q, s in zip(questions, match) if s >= 0}
        """},
        fails={"test-plan-valid", "test-plan-maximum"},
    ),
    Variant(
        name="plan-story-to-question",
        why="the dict maps stories to questions; it should map each question to its story",
        cells={"plan-loop": """
            def plan_loop(table, questions):
                owner = {}

                def place(question, visited):
                    for story in table.index:
                        if table.at[story, question] and story not in visited:
                            visited.add(story)
                            if story not in owner or place(owner[story], visited):
                                owner[story] = question
                                return True
                    return False

                for question in questions:
                    place(question, set())
                return owner
        """},
        fails={"test-plan-valid", "test-plan-maximum"},
    ),
    # ------------------------------------------------------------------ my story bank
    Variant(
        name="my-bank-not-answered",
        why="MY_STORY_BANK is still None",
        cells={"my-story-bank": "MY_STORY_BANK = None"},
        fails={"test-my-bank-schema", "test-my-bank-coverage"},
    ),
    Variant(
        name="my-bank-misses-b8",
        why="no story in the bank is listed for B8 (stress in high-pressure situations)",
        cells={"my-story-bank": bank(
            '\nMY_STORY_BANK["questions"] = [[q for q in qs if q != "B8"] or ["B3"] for qs in MY_STORY_BANK["questions"]]\n')},
        fails={"test-my-bank-coverage"},
    ),
    Variant(
        name="my-bank-story-overused",
        why="one story is listed for four questions: the bank leans on it too much",
        cells={"my-story-bank": bank(
            '\nMY_STORY_BANK.at[6, "questions"] = ["B7", "B9", "B3", "B1"]\n')},
        fails={"test-my-bank-coverage"},
    ),
    Variant(
        name="my-bank-unsupported-claim",
        why="a story is listed for a question whose signals it shows none of (a process story for B4)",
        cells={"my-story-bank": bank('\nMY_STORY_BANK.at[7, "questions"] = ["B9", "B4"]\n')},
        fails={"test-my-bank-coverage"},
    ),
    Variant(
        name="my-bank-metrics-without-numbers",
        why="the metrics of a story hold no number",
        cells={"my-story-bank": bank('\nMY_STORY_BANK.at[0, "metrics"] = ["much better ranking"]\n')},
        fails={"test-my-bank-schema"},
    ),
    Variant(
        name="my-bank-unknown-skill",
        why="a skill is not one of COMPETENCIES (a typo or an invented competency)",
        cells={"my-story-bank": bank('\nMY_STORY_BANK.at[1, "skills"] = ["leadership", "influence"]\n')},
        fails={"test-my-bank-schema"},
    ),
    # ------------------------------------------------------------------ schedule metrics
    Variant(
        name="metrics-lateness-clipped",
        why="the maximum lateness is clipped at 0: lateness is negative when every task is early (that is tardiness)",
        cells={"schedule-metrics": metrics(lateness="max(0, clock - deadline)")},
        fails={"test-metrics-values", "test-metrics-start-and-errors"},
    ),
    Variant(
        name="metrics-on-deadline-is-late",
        why="a task finishing exactly at its deadline is counted late; late means finishing after it",
        cells={"schedule-metrics": metrics(late_test="lateness >= 0")},
        fails={"test-metrics-values", "test-metrics-start-and-errors"},
    ),
    Variant(
        name="metrics-ignore-start",
        why="the clock always starts at 0 whatever start is passed",
        cells={"schedule-metrics": metrics(start="0")},
        fails={"test-metrics-start-and-errors"},
    ),
    Variant(
        name="metrics-set-validation-only",
        why="comparing sets alone accepts an order with a task repeated (and another one then missing)",
        cells={"schedule-metrics": metrics(validation="not set(order) <= set(names)")},
        fails={"test-metrics-start-and-errors"},
    ),
    # ------------------------------------------------------------------ EDF
    Variant(
        name="edf-ties-by-name",
        why="equal deadlines are broken by name; the rule is the shorter duration first, then row order",
        cells={"edf-order": EDF.format(key="(rows[i][2], rows[i][0])")},
        fails={"test-edf-ties", "test-min-late-ties"},
    ),
    Variant(
        name="edf-ties-row-order-only",
        why="equal deadlines keep the row order; the shorter task should go first",
        cells={"edf-order": EDF.format(key="(rows[i][2], i)")},
        fails={"test-edf-ties", "test-min-late-ties"},
    ),
    Variant(
        name="edf-shortest-first",
        why="sorting by duration (shortest processing time) minimises average completion, not maximum lateness",
        cells={"edf-order": EDF.format(key="(rows[i][1], rows[i][2], i)")},
        fails={"test-edf-ties", "test-edf-optimal", "test-min-late-count", "test-min-late-ties"},
    ),
    Variant(
        name="edf-latest-first",
        why="the deadlines are sorted in decreasing order",
        cells={"edf-order": EDF.format(key="(-rows[i][2], rows[i][1], i)")},
        fails={"test-edf-ties", "test-edf-optimal", "test-min-late-count", "test-min-late-ties"},
    ),
    # ------------------------------------------------------------------ WSJF
    Variant(
        name="wsjf-ascending",
        why="the weight/duration ratio is sorted in increasing order; the most valuable work per hour goes first",
        cells={"wsjf-order": WSJF.format(key="(rows[i][3] / rows[i][1], rows[i][2], i)")},
        fails={"test-wsjf-ties", "test-wsjf-optimal"},
    ),
    Variant(
        name="wsjf-ties-row-order",
        why="equal ratios keep the row order; the earlier deadline should go first",
        cells={"wsjf-order": WSJF.format(key="(-rows[i][3] / rows[i][1], i)")},
        fails={"test-wsjf-ties"},
    ),
    Variant(
        name="wsjf-weight-only",
        why="sorting by weight alone ignores how long each task takes",
        cells={"wsjf-order": WSJF.format(key="(-rows[i][3], rows[i][2], i)")},
        fails={"test-wsjf-ties", "test-wsjf-optimal"},
    ),
    Variant(
        name="wsjf-integer-division",
        why="integer division of weight by duration makes most ratios 0 and ties everything",
        cells={"wsjf-order": WSJF.format(key="(-(rows[i][3] // rows[i][1]), rows[i][2], i)")},
        fails={"test-wsjf-ties", "test-wsjf-optimal"},
    ),
    # ------------------------------------------------------------------ Moore-Hodgson
    Variant(
        name="min-late-drops-newest",
        why="dropping the task just added instead of the longest one keeps fewer tasks on time",
        cells={"min-late-tasks": moore(pick="len(schedule) - 1")},
        fails={"test-min-late-count", "test-min-late-ties"},
    ),
    Variant(
        name="min-late-ties-first-longest",
        why="on equal durations the first longest task is removed; the rule removes the one added last",
        cells={"min-late-tasks": moore(pick="max(range(len(schedule)), key=lambda i: info[schedule[i]][0])")},
        fails={"test-min-late-ties"},
    ),
    Variant(
        name="min-late-on-deadline-is-late",
        why="a task finishing exactly at its deadline triggers a removal; it is on time",
        cells={"min-late-tasks": moore(over=">=")},
        fails={"test-min-late-count", "test-min-late-ties"},
    ),
    Variant(
        name="min-late-row-order",
        why="the tasks are taken in row order instead of earliest deadline first",
        cells={"min-late-tasks": moore(source='list(tasks["name"])')},
        fails={"test-min-late-count", "test-min-late-ties"},
    ),
    Variant(
        name="min-late-sorted-late-list",
        why="the late list is sorted by name; it should be in the order the tasks were removed",
        cells={"min-late-tasks": moore(late="sorted(late)")},
        fails={"test-min-late-ties"},
    ),
]

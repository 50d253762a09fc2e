"""Plausible wrong answers to 08_interview_strategy/3_structure_and_communication; each must lose exactly the tests
in `fails`.

The write-up variants start from one well-formed answer and break one structure rule each, so that each rule is
shown to be enforced."""

from course.proof.variants import Variant

REQUIREMENTS = """
def missing_requirements(requirements):
    def is_text(value):
        return {text}

    def is_number(value):
        return {number}

    missing = []
    for field in REQUIREMENT_FIELDS:
        value = requirements.get(field)
        if field in TEXT_FIELDS:
            ok = is_text(value)
        elif field in NUMBER_FIELDS:
            ok = is_number(value)
        else:
            ok = isinstance(value, list) and len(value) > 0 and all(is_text(item) for item in value)
        if not ok:
            missing.append(field)
    return {result}
"""
TEXT_OK = 'isinstance(value, str) and value.strip() != "" and value.strip().lower() not in PLACEHOLDERS'
NUMBER_OK = "isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0"


def requirements_variant(text=TEXT_OK, number=NUMBER_OK, result="missing"):
    return REQUIREMENTS.format(text=text, number=number, result=result)


QUESTIONS = [
    "What decision does the classification drive?",
    "How many categories are there, and can a photo have several?",
    "Which labels exist today, and how noisy are they?",
    "How many photos arrive per day, and how fast must we answer?",
    "Which mistake costs the business more?",
    "Are there limits on hardware or on storing faces?",
]


def requirements_cell(metric="Top-1 accuracy on an audited monthly sample", questions=QUESTIONS):
    return f"""
CLARIFYING_QUESTIONS = {questions!r}
REQUIREMENTS = {{
    "business_goal": "Put each new listing in the right category so that buyers find it",
    "success_metric": {metric!r},
    "data_sources": "8 million past listing photos with seller-chosen categories",
    "labels": "Seller-chosen categories corrected by reviewers on a sample",
    "scale_per_day": 2_000_000,
    "latency_ms": 300,
    "constraints": ["CPU serving only"],
}}
"""


SKIPPED = """
def skipped_steps(steps, process):
    position = {{phase: i for i, phase in enumerate(process)}}
    seen, skipped = set(), {{}}
    for step in steps:
        {check}
        if {first}:
            skipped[step] = {entry}
        seen.add(step)
    return skipped
"""


def skipped_variant(check="if step not in position:\n            raise ValueError(step)", first="step not in skipped",
                    entry="[phase for phase in process[: position[step]] if phase not in seen]"):
    return SKIPPED.format(check=check, first=first, entry=entry)


SYLLABLES = """
def count_syllables(word):
    word = word.lower().replace("'", "")
    count = len(re.findall(r"{groups}", word))
    if {silent}:
        count -= 1
    return {result}
"""
SILENT = 'word.endswith("e") and len(word) >= 2 and word[-2] not in "aeiouyl" and count >= 2'


def syllables_variant(groups="[aeiouy]+", silent=SILENT, result="max(1, count)"):
    return SYLLABLES.format(groups=groups, silent=silent, result=result)


FLESCH = """
def flesch_reading_ease(text):
    word_pattern = r"[A-Za-z]+(?:'[A-Za-z]+)*"
    words = {words}
    {check}
    sentences = {sentences}
    syllables = sum(count_syllables(word) for word in words)
    return float(206.835 - {a} * len(words) / sentences - {b} * syllables / len(words))
"""


def flesch_variant(words="re.findall(word_pattern, text)", check="if not words:\n        raise ValueError('no word')",
                   sentences='sum(1 for piece in re.split(r"[.!?]+", text) if re.search(word_pattern, piece))',
                   a="1.015", b="84.6"):
    return FLESCH.format(words=words, check=check, sentences=sentences, a=a, b=b)


PLAIN = (
    "We rank every customer by how likely they are to leave in the next three months. Then we call the customers "
    "at the top of the list, one by one, and stop when the next call is likely to lose money. A call costs about "
    "20 dollars. A customer we keep is worth about 300 dollars a year, and one in four of the people who were "
    "going to leave stays after the call. Precision is the share of our calls that reach someone who was about to "
    "leave. Recall is the share of all the leavers that we reach. Calling more people raises recall but lowers "
    "precision. In our test, the best plan calls about 200 people and keeps about 4,400 dollars more than it spends."
)
JARGON_TEXT = (
    "Our logistic regression classifier outputs a calibrated churn probability for every customer. We choose the "
    "decision threshold that maximises expected profit on the validation set instead of the default 0.5, because "
    "the precision-recall trade-off depends on contact costs. Cross-validation showed an AUC of 0.81, and the "
    "hyperparameter search selected moderate regularisation, which limits overfitting. Precision is the fraction of "
    "contacted customers who would churn; recall is the fraction of churners contacted. At the optimal threshold "
    "we contact roughly 200 customers, with precision 0.56 and recall 0.47, generating approximately 4,400 dollars "
    "of incremental expected profit relative to no intervention whatsoever."
)
DENSE_TEXT = (
    "Consequently, organisational prioritisation of customer-retention interventions necessitates "
    "comprehensive quantification of anticipated monetary consequences associated with individualised "
    "communications, particularly considering heterogeneous susceptibility characteristics, operational "
    "capacity limitations, promotional incentive expenditures, and longitudinal relationship valuations, "
    "which collectively determine whether additional outreach activities generate positive incremental "
    "contributions; accordingly, approximately 200 communications represent the economically optimal "
    "allocation, while precision quantifies the proportion of communications reaching genuinely departing "
    "customers and recall quantifies the proportion of departing customers successfully contacted, "
    "yielding approximately 4,400 dollars of incremental contribution under conservative assumptions regarding "
    "retention effectiveness, communication expenditure, and subsequent customer lifetime valuation."
)


def explanation_cell(text):
    return f"STAKEHOLDER_EXPLANATION = {text!r}\n"


SECTIONS = {
    "Clarify": (
        "The input is a non-empty list of integers and k. Can k exceed the number of distinct values? You said no. "
        "Is any order of the answer fine, and any choice among ties at the boundary? Yes. Up to a million numbers."
    ),
    "Plan": (
        "Count with a hash map in one pass. Then either sort the distinct values by count, n log n, or keep a "
        "min-heap of size k, n log k, or bucket by frequency in linear time. I will code the heap and mention buckets."
    ),
    "Code": (
        "I count, then push each pair with the count first and pop whenever the heap holds more than k items, so it "
        "always keeps the k most frequent values seen so far.\n\n```python\nimport heapq\nfrom collections import "
        "Counter\n\ndef top_k_frequent(nums, k):\n    heap = []\n    for value, count in Counter(nums).items():\n"
        "        heapq.heappush(heap, (count, value))\n        if len(heap) > k:\n            heapq.heappop(heap)\n"
        "    return [value for _, value in heap]\n```"
    ),
    "Test": (
        "Example: [1, 1, 1, 2, 2, 3] with k = 2 gives counts 3, 2 and 1; the heap pops (1, 3) and returns 1 and 2. "
        "A single element [7] with k = 1 returns [7]. Distinct values [4, 5, 6] with k = 3 keep all three."
    ),
    "Complexity": (
        "Counting is O(n) time and O(d) space for d distinct values. The heap holds at most k + 1 pairs, so the "
        "selection is O(d log k) and the total O(n + d log k) time with O(d + k) space; buckets would give O(n)."
    ),
}
TIMES = {"Clarify": "00:00", "Plan": "03:10", "Code": "07:45", "Test": "16:20", "Complexity": "22:30"}


def transcript(order=tuple(SECTIONS), times=None, bodies=None, repeat=2):
    times = {**TIMES, **(times or {})}
    texts = {**SECTIONS, **(bodies or {})}
    parts = [f"## {name} [{times[name]}]\n" + "\n\n".join([texts[name]] * (1 if name == "Code" else repeat))
             for name in order]
    return 'THINK_ALOUD = r"""\n' + "\n\n".join(parts) + '\n"""\n'


VARIANTS = [
    # ------------------------------------------------------------------ 1.1 requirements template
    Variant(
        name="requirements-presence-only",
        why="a field is not filled just because its key exists: empty text, 0 or an empty list do not qualify",
        cells={"missing-requirements": requirements_variant(result="[f for f in REQUIREMENT_FIELDS if f not in requirements]")},
        fails={"test-missing-requirements", "test-missing-requirements-edge"},
    ),
    Variant(
        name="requirements-placeholders-accepted",
        why="'TBD', 'unknown' or '?' are placeholders, not answers: compare the stripped, lower-cased text",
        cells={"missing-requirements": requirements_variant(text='isinstance(value, str) and value.strip() != ""')},
        fails={"test-missing-requirements-edge"},
    ),
    Variant(
        name="requirements-bool-is-number",
        why="True is an int in Python (isinstance(True, int)); a flag is not a scale or a latency",
        cells={"missing-requirements": requirements_variant(
            number="isinstance(value, (int, float)) and math.isfinite(value) and value > 0")},
        fails={"test-missing-requirements-edge"},
    ),
    Variant(
        name="requirements-zero-allowed",
        why="a latency budget or a daily volume of 0 is not a requirement: numbers must be strictly positive",
        cells={"missing-requirements": requirements_variant(number=NUMBER_OK.replace("value > 0", "value >= 0"))},
        fails={"test-missing-requirements"},
    ),
    Variant(
        name="requirements-nan-allowed",
        why="NaN and infinity are not usable numbers; math.isfinite rejects both",
        cells={"missing-requirements": requirements_variant(
            number="isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0")},
        fails={"test-missing-requirements-edge"},
    ),
    Variant(
        name="requirements-sorted",
        why="the missing fields are listed in the order of the template, not alphabetically",
        cells={"missing-requirements": requirements_variant(result="sorted(missing)")},
        fails={"test-missing-requirements"},
    ),
    # ------------------------------------------------------------------ 1.2 REQUIREMENTS
    Variant(
        name="requirements-metric-tbd",
        why="a success metric left as 'TBD' means the design starts without knowing what success is",
        cells={"requirements": requirements_cell(metric="TBD")},
        fails={"test-requirements-structure"},
    ),
    Variant(
        name="requirements-three-questions",
        why="three questions are not enough to pin down goal, data, labels and constraints",
        cells={"requirements": requirements_cell(questions=QUESTIONS[:3])},
        fails={"test-requirements-structure"},
    ),
    # ------------------------------------------------------------------ 1.3 CRISP-DM
    Variant(
        name="crisp-prepare-before-understanding",
        why="you understand the data (explore it) before you prepare it",
        cells={"crisp-dm-phases": 'CRISP_DM_PHASES = ["Business Understanding", "Data Preparation", "Data Understanding", '
                                  '"Modeling", "Evaluation", "Deployment"]'},
        fails={"test-crisp-dm-phases"},
    ),
    Variant(
        name="crisp-deploy-before-evaluation",
        why="a model is evaluated against the business objective before it is deployed",
        cells={"crisp-dm-phases": 'CRISP_DM_PHASES = ["Business Understanding", "Data Understanding", "Data Preparation", '
                                  '"Modeling", "Deployment", "Evaluation"]'},
        fails={"test-crisp-dm-phases"},
    ),
    # ------------------------------------------------------------------ 1.4 skipped steps
    Variant(
        name="skipped-immediate-predecessor",
        why="every earlier phase must have been visited, not only the one just before",
        cells={"skipped-steps": skipped_variant(
            entry="[p for p in process[max(0, position[step] - 1): position[step]] if p not in seen]")},
        fails={"test-skipped-steps", "test-skipped-steps-edge"},
    ),
    Variant(
        name="skipped-rechecked-on-revisit",
        why="going back to a phase is allowed in CRISP-DM: only a phase's first appearance is checked",
        cells={"skipped-steps": skipped_variant(first="True")},
        fails={"test-skipped-steps", "test-skipped-steps-edge"},
    ),
    Variant(
        name="skipped-alphabetical",
        why="the skipped phases are listed in process order",
        cells={"skipped-steps": skipped_variant(
            entry="sorted(phase for phase in process[: position[step]] if phase not in seen)")},
        fails={"test-skipped-steps", "test-skipped-steps-edge"},
    ),
    Variant(
        name="skipped-whole-answer",
        why="a phase visited later in the answer was still skipped when an earlier step needed it",
        cells={"skipped-steps": skipped_variant(
            entry="[phase for phase in process[: position[step]] if phase not in steps]")},
        fails={"test-skipped-steps", "test-skipped-steps-edge"},
    ),
    Variant(
        name="skipped-unknown-ignored",
        why="a step that is not a phase of the process is an error (ValueError), not something to skip silently",
        cells={"skipped-steps": skipped_variant(check="if step not in position:\n            continue")},
        fails={"test-skipped-steps-edge"},
    ),
    # ------------------------------------------------------------------ 2.1 syllables
    Variant(
        name="syllables-y-not-vowel",
        why="the rule counts y as a vowel ('rhythm', 'by' and 'everyone' depend on it)",
        cells={"count-syllables": syllables_variant(groups="[aeiou]+", silent=SILENT.replace("aeiouyl", "aeioul"))},
        fails={"test-syllables", "test-syllables-rules", "test-flesch"},
    ),
    Variant(
        name="syllables-no-silent-e",
        why="a final e after a consonant is silent ('make', 'machine'): step 3 subtracts it",
        cells={"count-syllables": syllables_variant(silent="False")},
        fails={"test-syllables", "test-syllables-rules", "test-flesch", "test-flesch-sentences"},
    ),
    Variant(
        name="syllables-le-is-silent",
        why="'-le' after a consonant is a syllable ('ta-ble', 'sim-ple'): the rule excludes l before the final e",
        cells={"count-syllables": syllables_variant(silent=SILENT.replace("aeiouyl", "aeiouy"))},
        fails={"test-syllables", "test-syllables-rules", "test-flesch"},
    ),
    Variant(
        name="syllables-every-vowel",
        why="count groups of consecutive vowels: 'ea' in 'learning' is one syllable, not two",
        cells={"count-syllables": syllables_variant(groups="[aeiouy]")},
        fails={"test-syllables", "test-syllables-rules", "test-flesch", "test-flesch-sentences"},
    ),
    Variant(
        name="syllables-no-minimum",
        why="every word has at least one syllable, even without a vowel ('nth', 'hmm')",
        cells={"count-syllables": syllables_variant(result="count")},
        fails={"test-syllables", "test-syllables-rules", "test-flesch-sentences"},
    ),
    Variant(
        name="syllables-e-after-vowel-silent",
        why="a final e after a vowel is not silent ('agree', 'free'): only a consonant other than l before it",
        cells={"count-syllables": syllables_variant(
            silent='word.endswith("e") and len(word) >= 2 and word[-2] != "l" and count >= 2')},
        fails={"test-syllables", "test-syllables-rules"},
    ),
    # ------------------------------------------------------------------ 2.2 Flesch
    Variant(
        name="flesch-sentences-by-full-stops",
        why="sentences also end with ! and ?, '...' is one end, and a last sentence may have no full stop",
        cells={"flesch": flesch_variant(sentences='max(1, text.count("."))')},
        fails={"test-flesch", "test-flesch-sentences"},
    ),
    Variant(
        name="flesch-split-on-spaces",
        why="text.split() counts numbers and punctuation as words; words are the letter sequences",
        cells={"flesch": flesch_variant(words="[w.strip('.,!?;:') for w in text.split() if w.strip('.,!?;:')]")},
        fails={"test-flesch", "test-flesch-sentences"},
    ),
    Variant(
        name="flesch-coefficients-swapped",
        why="1.015 multiplies words per sentence and 84.6 syllables per word",
        cells={"flesch": flesch_variant(a="84.6", b="1.015")},
        fails={"test-flesch", "test-flesch-sentences"},
    ),
    Variant(
        name="flesch-empty-pieces",
        why="a piece of the split without any word (after '...' or at the end) is not a sentence",
        cells={"flesch": flesch_variant(sentences='len(re.split(r"[.!?]+", text))')},
        fails={"test-flesch", "test-flesch-sentences"},
    ),
    Variant(
        name="flesch-no-validation",
        why="a text without words has no score: raise ValueError instead of dividing by zero",
        cells={"flesch": flesch_variant(check="pass")},
        fails={"test-flesch-sentences"},
    ),
    # ------------------------------------------------------------------ 2.3 explanation
    Variant(
        name="explanation-jargon",
        why="written for a data scientist: jargon and long words lose a non-technical reader",
        cells={"stakeholder-explanation": explanation_cell(JARGON_TEXT)},
        fails={"test-explanation-structure", "test-explanation-readability"},
    ),
    Variant(
        name="explanation-too-short",
        why="two sentences cannot explain the decision, precision and recall with an example",
        cells={"stakeholder-explanation": explanation_cell(
            "We call the 200 customers most likely to leave. It earns the most money.")},
        fails={"test-explanation-structure"},
    ),
    Variant(
        name="explanation-dense",
        why="no jargon, but sentences of 50 words made of long words: the reading ease is far below 50",
        cells={"stakeholder-explanation": explanation_cell(DENSE_TEXT)},
        fails={"test-explanation-readability"},
    ),
    # ------------------------------------------------------------------ 3.1 think aloud
    Variant(
        name="think-aloud-no-complexity",
        why="stops after testing: the complexity, which every interviewer asks for, is missing",
        cells={"think-aloud": transcript(order=("Clarify", "Plan", "Code", "Test"))},
        fails={"test-think-aloud-structure", "test-think-aloud-content"},
    ),
    Variant(
        name="think-aloud-times-not-increasing",
        why="the elapsed times must increase: the planning cannot start before the clarifying",
        cells={"think-aloud": transcript(times={"Plan": "00:00"})},
        fails={"test-think-aloud-structure"},
    ),
    Variant(
        name="think-aloud-over-time",
        why="a section starting after 45 minutes is outside the interview",
        cells={"think-aloud": transcript(times={"Complexity": "46:30"})},
        fails={"test-think-aloud-structure"},
    ),
    Variant(
        name="think-aloud-abstract-tests",
        why="'I would test some cases' is not testing: walk through concrete inputs",
        cells={"think-aloud": transcript(bodies={"Test": (
            "I would test the usual example from the prompt, then an input with a single element, then one where all "
            "values are distinct, and finally one with ties at the boundary, and check each answer by hand.")})},
        fails={"test-think-aloud-content"},
    ),
    Variant(
        name="think-aloud-no-code",
        why="the Code section narrates but never shows the code in a fenced block",
        cells={"think-aloud": transcript(bodies={"Code": (
            "I count with a Counter, push each pair onto a heap with the count first, and pop whenever it holds more "
            "than k items, then return the values left in the heap, which are the k most frequent ones.")})},
        fails={"test-think-aloud-content"},
    ),
    # ------------------------------------------------------------------ 4 pitfalls
    Variant(
        name="pitfall-a-trade-offs",
        why="excerpt A justifies its transformer choice with a cost; its problem is the pile of models from day one",
        cells={"pitfall-a": 'PITFALL_A = "c"'},
        fails={"test-pitfall-a"},
    ),
    Variant(
        name="pitfall-a-communication",
        why="excerpt A checks the goal with the interviewer; communication is not its problem",
        cells={"pitfall-a": 'PITFALL_A = "a"'},
        fails={"test-pitfall-a"},
    ),
    Variant(
        name="pitfall-b-trade-offs",
        why="excerpt B explains why trees beat a deep model here; what it never asks is what can go wrong",
        cells={"pitfall-b": 'PITFALL_B = "d"'},
        fails={"test-pitfall-b"},
    ),
    Variant(
        name="pitfall-b-over-engineering",
        why="excerpt B starts with the simplest credible model; it is not over-engineered",
        cells={"pitfall-b": 'PITFALL_B = "a"'},
        fails={"test-pitfall-b"},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
_TWO_LETTERS = ("a two-letter word ending in e after a consonant has one vowel group, so `count >= 2` already "
                "excludes it whatever the length test says")
EQUIVALENT_MUTANTS = {
    "count-syllables@0a953ba4": _TWO_LETTERS,
    "count-syllables@2a7ac0b5": _TWO_LETTERS,
    "count-syllables@c20f7912": "with one vowel group, dropping the silent e gives 0, which max(1, count) turns back "
                                "into 1",
}

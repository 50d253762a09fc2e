"""Plausible wrong answers to 05_behavioral/1_star_analyser; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

WORDS = '''
def words(text):
    tokens = []
    for piece in text.replace("\\u2019", "'").split():
        start, end = 0, len(piece)
        while start < end and not piece[start].isalnum():
            start += 1
        while end > start and not piece[end - 1].isalnum():
            end -= 1
        if start < end:
            tokens.append(piece[start:end])
    return tokens
'''

SECTIONS = '''
def star_sections(text):
    heading = re.compile(r"{heading}", re.IGNORECASE)
    labelled = re.compile(r"(situation|task|action|result)\\s*:(.*)", re.IGNORECASE)
    sections = []
    for line in text.splitlines():
        stripped = line.{strip}
        as_heading = heading.fullmatch(stripped)
        as_label = labelled.fullmatch(stripped)
        if as_heading:
            sections.append((as_heading.group(1).lower(), []))
        elif as_label:
            sections.append((as_label.group(1).lower(), [{rest}]))
        elif sections:
            sections[-1][1].append(line)
    return [(label, "\\n".join(body)) for label, body in sections]
'''


def sections(heading=r"##\s+(situation|task|action|result)\s*:?", strip="strip()", rest="as_label.group(2)"):
    return SECTIONS.format(heading=heading, strip=strip, rest=rest)


LINT = '''
def star_lint(text, wpm=WPM, fillers=FILLERS):
    counts = dict.fromkeys(STAR_LABELS, 0)
    order, i_count, we_count, filler_count, has_number = [], 0, 0, 0, False
    phrases = [f.lower().split() for f in {fillers}]
    for label, body in star_sections(text):
        order.append(label)
        tokens = words(body)
        lower = [{lower} for t in tokens]
        counts[label] {accumulate} len(tokens)
        i_count += sum(1 for t in lower if t in {singular})
        we_count += sum(1 for t in lower if t in {plural})
        for phrase in phrases:
            k = len(phrase)
            filler_count += {filler_count}
        if {number_section} and any({number_test} for t in tokens):
            has_number = True
    total = sum(counts.values())
    return {{
        "order": order,
        "words": counts,
        "total_words": total,
        "action_share": {share},
        "i_count": i_count,
        "we_count": we_count,
        "result_has_number": has_number,
        "fillers": filler_count,
        "speaking_seconds": {seconds},
    }}
'''


def lint(**changes):
    parts = {
        "fillers": "fillers",
        "lower": "t.lower()",
        "accumulate": "+=",
        "singular": "SINGULAR",
        "plural": "PLURAL",
        "filler_count": "sum(1 for j in range(len(lower) - k + 1) if lower[j:j + k] == phrase)",
        "number_section": 'label == "result"',
        "number_test": 't[0] in "0123456789"',
        "share": 'counts["action"] / total if total else 0.0',
        "seconds": "total * 60 / wpm",
    }
    parts.update(changes)
    return LINT.format(**parts)


PROBLEMS = '''
def star_problems(report, min_words=20, length=(150, 350), min_action_share=0.40, max_fillers=2):
    problems = []
    if {order}:
        problems.append("order")
    if any(report["words"][label] {short} min_words for label in STAR_LABELS):
        problems.append("short-section")
    if not report["result_has_number"]:
        problems.append("no-number")
    low, high = {length}
    if not {length_test}:
        problems.append("length")
    if report["action_share"] {share} min_action_share:
        problems.append("action-share")
    if report["we_count"] {we} report["i_count"]:
        problems.append("we-over-i")
    if report["fillers"] {fillers} max_fillers:
        problems.append("fillers")
    return {result}
'''


def problems(**changes):
    parts = {
        "order": 'list(report["order"]) != list(STAR_LABELS)',
        "short": "<",
        "length": "length",
        "length_test": 'low <= report["total_words"] <= high',
        "share": "<",
        "we": ">",
        "fillers": ">",
        "result": "problems",
    }
    parts.update(changes)
    return PROBLEMS.format(**parts)


VARIANTS = [
    # ------------------------------------------------------------------ words
    Variant(
        name="words-ascii-regex",
        why="an ASCII character class splits '3.5x', 'e-mail' and 'v2.1' into several words and cuts 'naïve' in two",
        cells={"words": """
            def words(text):
                return re.findall(r"[A-Za-z0-9']+", text.replace("\\u2019", "'"))
        """},
        fails={"test-words", "test-lint-words", "test-lint-pace"},
    ),
    Variant(
        name="words-plain-split",
        why="splitting on whitespace alone counts dashes, bullets and '##' as words and keeps punctuation on words",
        cells={"words": """
            def words(text):
                return text.replace("\\u2019", "'").split()
        """},
        fails={"test-words", "test-lint-words", "test-lint-pronouns", "test-lint-number", "test-lint-fillers",
               "test-lint-pace"},
    ),
    Variant(
        name="words-ascii-punctuation-strip",
        why="string.punctuation only knows ASCII: dashes, ellipses and typographic quotes are left on (or as) words",
        cells={"words": """
            import string

            def words(text):
                pieces = [p.strip(string.punctuation) for p in text.replace("\\u2019", "'").split()]
                return [p for p in pieces if p]
        """},
        fails={"test-words", "test-lint-words", "test-lint-pace"},
    ),
    Variant(
        name="words-keeps-typographic-apostrophe",
        why="the typographic apostrophe is not replaced, so 'I’ve' and 'I've' are different words",
        cells={"words": WORDS.replace('text.replace("\\u2019", "\'")', "text")},
        fails={"test-words", "test-lint-pronouns"},
    ),
    # ------------------------------------------------------------------ sections
    Variant(
        name="sections-any-heading-level",
        why="any number of '#' (and no space) is accepted, so '### Task' sub-headings and '##Task' split the answer",
        cells={"star-sections": sections(heading=r"#+\s*(situation|task|action|result)\s*:?")},
        fails={"test-sections-headings", "test-sections-labelled", "test-lint-words", "test-lint-number",
               "test-lint-pace"},
    ),
    Variant(
        name="sections-case-sensitive",
        why="labels are matched with their case, so 'TASK:' and 'task :' are not recognised",
        cells={"star-sections": sections().replace(", re.IGNORECASE", "").replace(
            "situation|task|action|result", "Situation|Task|Action|Result")},
        fails={"test-sections-headings", "test-sections-labelled", "test-lint-words", "test-lint-pronouns",
               "test-lint-number", "test-lint-fillers", "test-lint-pace"},
    ),
    Variant(
        name="sections-drop-rest-of-labelled-line",
        why="the text after 'Situation:' on the header line is dropped, but it is the first line of the section",
        cells={"star-sections": sections(rest="")},
        fails={"test-sections-labelled", "test-lint-words", "test-lint-pronouns", "test-lint-number",
               "test-lint-fillers", "test-lint-pace"},
    ),
    Variant(
        name="sections-startswith-label",
        why="any line starting with a label counts as a header: 'Results: ...', 'Tasks were ...' and 'Action items:'",
        cells={"star-sections": """
            def star_sections(text):
                heading = re.compile(r"##\\s+(situation|task|action|result)\\s*:?", re.IGNORECASE)
                sections = []
                for line in text.splitlines():
                    stripped = line.strip()
                    as_heading = heading.fullmatch(stripped)
                    label = next((l for l in STAR_LABELS if stripped.lower().startswith(l)), None)
                    if as_heading:
                        sections.append((as_heading.group(1).lower(), []))
                    elif label:
                        sections.append((label, [stripped[len(label):].lstrip(" :")]))
                    elif sections:
                        sections[-1][1].append(line)
                return [(label, "\\n".join(body)) for label, body in sections]
        """},
        fails={"test-sections-headings", "test-sections-labelled", "test-lint-words", "test-lint-number",
               "test-lint-pace"},
    ),
    Variant(
        name="sections-preamble-joins-first-section",
        why="lines before the first header (the question) are added to the first section instead of being ignored",
        cells={"star-sections": """
            def star_sections(text):
                heading = re.compile(r"##\\s+(situation|task|action|result)\\s*:?", re.IGNORECASE)
                labelled = re.compile(r"(situation|task|action|result)\\s*:(.*)", re.IGNORECASE)
                sections, preamble = [], []
                for line in text.splitlines():
                    stripped = line.strip()
                    as_heading = heading.fullmatch(stripped)
                    as_label = labelled.fullmatch(stripped)
                    if as_heading:
                        sections.append((as_heading.group(1).lower(), [] if sections else preamble))
                    elif as_label:
                        sections.append((as_label.group(1).lower(), ([] if sections else preamble) + [as_label.group(2)]))
                    elif sections:
                        sections[-1][1].append(line)
                    else:
                        preamble.append(line)
                return [(label, "\\n".join(body)) for label, body in sections]
        """},
        fails={"test-sections-headings", "test-sections-labelled", "test-lint-words", "test-lint-pronouns",
               "test-lint-number", "test-lint-fillers", "test-lint-pace"},
    ),
    Variant(
        name="sections-heading-without-colon-only",
        why="'## Result:' with a colon is not recognised as a heading header",
        cells={"star-sections": sections(heading=r"##\s+(situation|task|action|result)")},
        fails={"test-sections-headings", "test-sections-labelled", "test-lint-words", "test-lint-pronouns",
               "test-lint-number", "test-lint-fillers", "test-lint-pace"},
    ),
    Variant(
        name="sections-lines-not-stripped",
        why="lines are matched without removing their leading whitespace, so indented headers are missed",
        cells={"star-sections": sections(strip="rstrip()")},
        fails={"test-sections-headings", "test-sections-labelled", "test-lint-words", "test-lint-pronouns",
               "test-lint-number", "test-lint-fillers", "test-lint-pace"},
    ),
    # ------------------------------------------------------------------ lint
    Variant(
        name="lint-pronouns-case-sensitive",
        why="pronouns are compared with their case, so 'I', 'We' and 'MY' are not counted",
        cells={"star-lint": lint(singular="SINGULAR + tuple(p.upper() for p in SINGULAR)", lower="t")},
        fails={"test-lint-pronouns", "test-lint-fillers"},
    ),
    Variant(
        name="lint-pronouns-bare-only",
        why="only the bare words 'i' and 'we' are counted: 'my', 'me', 'our', 'us' and contractions are first person too",
        cells={"star-lint": lint(singular='("i",)', plural='("we",)')},
        fails={"test-lint-pronouns"},
    ),
    Variant(
        name="lint-pronouns-whole-text",
        why="pronouns are counted in the whole text, including the question before the first section",
        cells={"star-lint": lint().replace(
            "    total = sum(counts.values())",
            "    every = [t.lower() for t in words(text)]\n"
            "    i_count = sum(1 for t in every if t in SINGULAR)\n"
            "    we_count = sum(1 for t in every if t in PLURAL)\n"
            "    total = sum(counts.values())")},
        fails={"test-lint-pronouns"},
    ),
    Variant(
        name="lint-number-any-digit",
        why="any digit counts as a number, so 'F1', 'p95' and 'Q3' pass as a quantified result",
        cells={"star-lint": lint(number_test="any(ch.isdigit() for ch in t)")},
        fails={"test-lint-number"},
    ),
    Variant(
        name="lint-number-anywhere",
        why="a number anywhere in the answer is accepted, but the rule is about the Result",
        cells={"star-lint": lint(number_section="True")},
        fails={"test-lint-number"},
    ),
    Variant(
        name="lint-fillers-substring",
        why="fillers are counted as substrings of the text, so 'um' inside other words and partial phrases count",
        cells={"star-lint": lint(filler_count='(" " + " ".join(lower) + " ").count(" ".join(phrase))')},
        fails={"test-lint-fillers"},
    ),
    Variant(
        name="lint-fillers-ignore-argument",
        why="the default FILLERS are used whatever list is passed in the fillers argument",
        cells={"star-lint": lint(fillers="FILLERS")},
        fails={"test-lint-fillers"},
    ),
    Variant(
        name="lint-fillers-across-sections",
        why="filler phrases are matched over the words of all sections joined, so a phrase can span two sections",
        cells={"star-lint": lint(filler_count="0").replace(
            "    total = sum(counts.values())",
            "    every = [t.lower() for _, b in star_sections(text) for t in words(b)]\n"
            "    for phrase in phrases:\n"
            "        k = len(phrase)\n"
            "        filler_count += sum(1 for j in range(len(every) - k + 1) if every[j:j + k] == phrase)\n"
            "    total = sum(counts.values())")},
        fails={"test-lint-fillers"},
    ),
    Variant(
        name="lint-last-section-wins",
        why="a repeated section overwrites the earlier count instead of adding to it",
        cells={"star-lint": lint(accumulate="=")},
        fails={"test-lint-words", "test-lint-pace"},
    ),
    Variant(
        name="lint-share-divides-by-zero",
        why="the Action share divides by a total of 0 when there is no section: it should be 0.0",
        cells={"star-lint": lint(share='counts["action"] / total')},
        fails={"test-lint-words", "test-lint-pronouns", "test-lint-number", "test-lint-fillers", "test-lint-pace"},
    ),
    Variant(
        name="lint-pace-in-minutes",
        why="the speaking time is in minutes (words / wpm); the key asks for seconds",
        cells={"star-lint": lint(seconds="total / wpm")},
        fails={"test-lint-pace"},
    ),
    Variant(
        name="lint-pace-fixed-150",
        why="the speaking time uses 150 words per minute whatever wpm is passed",
        cells={"star-lint": lint(seconds="total * 60 / 150")},
        fails={"test-lint-pace"},
    ),
    # ------------------------------------------------------------------ problems
    Variant(
        name="problems-min-words-inclusive",
        why="a section with exactly min_words words is flagged as short; the minimum itself is fine",
        cells={"star-problems": problems(short="<=")},
        fails={"test-problems-rules", "test-problems-thresholds"},
    ),
    Variant(
        name="problems-length-bounds-excluded",
        why="a total of exactly 150 or 350 words is flagged; both bounds are fine",
        cells={"star-problems": problems(length_test='low < report["total_words"] < high')},
        fails={"test-problems-rules", "test-problems-thresholds"},
    ),
    Variant(
        name="problems-share-inclusive",
        why="an Action share of exactly 0.40 is flagged; only a share below the minimum is",
        cells={"star-problems": problems(share="<=")},
        fails={"test-problems-rules", "test-problems-thresholds"},
    ),
    Variant(
        name="problems-we-equal-i",
        why="as many 'we' as 'I' is flagged; only more 'we' than 'I' is",
        cells={"star-problems": problems(we=">=")},
        fails={"test-problems-rules", "test-problems-thresholds"},
    ),
    Variant(
        name="problems-order-as-set",
        why="the order rule only checks that the four labels are present, not that each appears once and in order",
        cells={"star-problems": problems(order='set(report["order"]) != set(STAR_LABELS)')},
        fails={"test-problems-rules", "test-problems-thresholds"},
    ),
    Variant(
        name="problems-sorted-codes",
        why="the codes are sorted alphabetically instead of listed in the order of the rules",
        cells={"star-problems": problems(result="sorted(problems)")},
        fails={"test-problems-rules", "test-problems-thresholds"},
    ),
    Variant(
        name="problems-default-thresholds",
        why="the thresholds passed as arguments are ignored in favour of the defaults",
        cells={"star-problems": problems(length="(150, 350)").replace(
            "min_words for label", "20 for label").replace("min_action_share:", "0.40:").replace(
            "max_fillers:", "2:")},
        fails={"test-problems-thresholds"},
    ),
    Variant(
        name="problems-fillers-inclusive",
        why="exactly max_fillers fillers is flagged; only more than the allowance is",
        cells={"star-problems": problems(fillers=">=")},
        fails={"test-problems-rules", "test-problems-thresholds"},
    ),
]

# Mutants no test can tell from the reference solution (course validate --mutants), with the reason.
EQUIVALENT_MUTANTS = {
    "words@a896d7ba": "`end > start` → `end >= start`: end only reaches start when the whole piece is non-alphanumeric "
                      "(piece[start] stops it otherwise); then one more step moves end below start and the piece is "
                      "dropped either way",
    "star-lint@df8b5c7a": "range(len(lower) - k + 1) → range(len(lower) + k + 1): the extra starts j > len(lower) - k "
                          "give slices shorter than the k-word phrase, which never equal it (for k = 0 the two ranges "
                          "are the same)",
    "star-lint@393b3d03": "range(len(lower) - k + 1) → range(len(lower) - k + 2): the extra start gives a slice of k - 1 "
                          "words, which never equals a k-word phrase; only an empty filler phrase (k = 0), which "
                          "names no words to match, could tell them apart",
}

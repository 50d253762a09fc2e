"""Plausible wrong answers to 06_salary_negotiation/3_negotiation_playbook; each must lose exactly the tests in `fails`.

`score_transcript` uses `find_amounts` and `find_ranges`, so a mistake there can also cost checklist tests; the
`fails` sets say so. The written answers are graded by an instructor; their variants prove the autograded share.
"""

from course.proof.variants import Variant

MONEY = r'''re.compile(r"\$ ?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([kKmM](?![A-Za-z]))?")'''

SCORE_TEMPLATE = '''
def score_transcript(turns, target_low):
    def has_word(text, words):
        low = text.lower()
        return any(%(MATCH)s for w in words)

    candidate = [text for speaker, text in turns if speaker == "candidate"]
    ranges = [r for text in candidate for r in find_ranges(text)]
    result = {
        "researched": any(has_word(t, RESEARCH_WORDS) for t in candidate),
        "range_given": bool(ranges),
        "anchored_at_target": %(ANCHOR)s,
        "value_proposition": any(bool(re.search(r"\\d+(?:\\.\\d+)?\\s?%%", t)) and has_word(t, IMPACT_WORDS)
                                 for t in candidate),
        "non_salary_ask": any(has_word(t, BENEFIT_WORDS) for t in candidate),
    }
    first_offer = next((i for i, (s, t) in enumerate(turns) if s == "recruiter" and find_amounts(t)), None)
    accepted = False
    if first_offer is not None:
        reply = next((t for s, t in turns[first_offer + 1:] if s == "candidate"), None)
        accepted = %(ACCEPT)s
    result["accepted_first_offer"] = accepted
    good = ("researched", "range_given", "anchored_at_target", "value_proposition", "non_salary_ask")
    result["score"] = %(SCORE)s
    return result
'''
SCORE_PARTS = {
    "MATCH": 're.search(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])", low)',
    "ANCHOR": "bool(ranges) and ranges[0][0] >= target_low",
    "ACCEPT": "reply is not None and has_word(reply, ACCEPT_WORDS) and not find_amounts(reply)",
    "SCORE": "0 if accepted else int(sum(result[k] for k in good))",
}


def scorer(**changes):
    return SCORE_TEMPLATE % {**SCORE_PARTS, **changes}


def ranges_fn(connectors='("-", "\\u2013", "\\u2014", "to", "and")', order="(min(a, b), max(a, b))", step=2):
    return f'''
def find_ranges(text):
    money = {MONEY}
    matches = list(money.finditer(text))
    values = []
    for m in matches:
        s = (m.group(2) or "").lower()
        values.append(float(m.group(1).replace(",", "")) * (1_000 if s == "k" else 1_000_000 if s == "m" else 1))
    ranges, i = [], 0
    while i + 1 < len(matches):
        if text[matches[i].end():matches[i + 1].start()].strip().lower() in {connectors}:
            a, b = values[i], values[i + 1]
            ranges.append({order})
            i += {step}
        else:
            i += 1
    return ranges
'''


GOOD_EMAIL = '''EMAIL = """Hi Dana,

Thank you again for the offer and for the time the team spent with me; I am excited about the ranking platform
and I would like to make this work.

Before accepting I compared the offer with the market for this level. The published Google range for this role
has an upper half from $175,000 to $200,000, and Glassdoor data for comparable senior roles, plus two comparable
offers from my own search, point to that upper half. The offer's base sits at the bottom of the range.

At my current company I reduced the serving cost of our recommendation models by 35% and led a team of four
through a migration, which is the scope this role describes.

Based on this, I would be comfortable at a base salary of $175,000 to $187,500. If the base is constrained by the
band, I would be glad to discuss a larger equity grant or a sign-on bonus instead, and two remote days a week.

Could we find 20 minutes this week to talk it through?

Best regards,
Alex"""'''

PHONE_SECTIONS = ["Opening", "Research", "Ask", "Value", "Beyond salary", "Close"]
PHONE_BODIES = {
    "Opening": "Thank you for calling and for the offer. I enjoyed meeting the team and I want to find a way to say "
               "yes today, so let me walk you through how I see the numbers.",
    "Research": "The published Google range for this role with 5+ years is $150,000 to $200,000, and Glassdoor and "
                "two comparable offers put senior roles like this one in the upper half of it.",
    "Ask": "Given that, I am looking for a base salary between $175,000 and $187,500. Then I pause and let the "
           "recruiter answer first, without filling the silence.",
    "Value": "In my current role I reduced serving costs by 35% and led 4 engineers through a migration that shipped "
             "2 months early, which is the scope this team described to me.",
    "Beyond salary": "If that is the top of the band, could we close the gap with a sign-on bonus, a larger equity "
                     "grant or a compensation review after six months, and two remote days a week?",
    "Close": "Thank you, that helps. Could you send the updated terms in writing? I will review them by Friday and "
             "reply then; I am looking forward to joining if we can make the numbers work.",
}

RAISE_SECTIONS = ["Contributions", "Market", "Ask", "Timing"]
RAISE_BODIES = {
    "Contributions": "I rebuilt our demand-forecasting model, which lowered forecast error from 18% to 12% on the "
                     "same held-out weeks and cut overstock by about $400k a year according to finance; I also saved "
                     "$60k a year of compute and mentored 2 new hires.",
    "Market": "My base equals the Chicago figure of article 02, line 50, an annual base salary from an unstated "
              "year across levels; the senior band of the same article starts at $150,000, and Glassdoor data for "
              "senior ML engineers in Chicago agrees with the lower half of that band.",
    "Ask": "I am asking for a base salary of $150,000 and a senior title that matches my scope; if the budget cannot "
           "reach it this cycle, part of it now with a written plan for the rest at a review in 6 months.",
    "Timing": "I will ask my manager for a meeting two weeks before the annual review, when budgets are set and the "
              "overstock results are fresh, and send a one-page summary so that she can take it to her director.",
}


def write_up(var, sections, bodies, order=None, changes=None):
    texts = {**bodies, **(changes or {})}
    parts = [f"## {name}\n{texts[name]}\n" for name in (order or sections)]
    return f'{var} = r"""\n' + "\n".join(parts) + '"""'


VARIANTS = [
    # ------------------------------------------------------------------------------------------ 3.1 EV
    Variant(
        name="ev-rescind-for-everyone",
        why="applies the withdrawal risk to every manager: in the model only those who do not expect negotiation withdraw",
        cells={
            "negotiation-ev": """
            def negotiation_ev(offer, ask, batna, p_expect, p_full, p_half, p_rescind):
                if not all(0 <= p <= 1 for p in (p_expect, p_full, p_half, p_rescind)) or p_full + p_half > 1 or ask < offer:
                    raise ValueError("bad input")
                expects = p_full * ask + p_half * (offer + ask) / 2 + (1 - p_full - p_half) * offer
                ev = p_rescind * batna + (1 - p_rescind) * (p_expect * expects + (1 - p_expect) * offer)
                return {"ev_ask": ev, "ev_accept": offer, "gain": ev - offer}
        """
        },
        fails={"test-negotiation-ev"},
    ),
    Variant(
        name="ev-halfway-is-full",
        why="meeting halfway is valued at the full ask: halfway is (offer + ask) / 2",
        cells={
            "negotiation-ev": """
            def negotiation_ev(offer, ask, batna, p_expect, p_full, p_half, p_rescind):
                if not all(0 <= p <= 1 for p in (p_expect, p_full, p_half, p_rescind)) or p_full + p_half > 1 or ask < offer:
                    raise ValueError("bad input")
                expects = (p_full + p_half) * ask + (1 - p_full - p_half) * offer
                ev = p_expect * expects + (1 - p_expect) * (p_rescind * batna + (1 - p_rescind) * offer)
                return {"ev_ask": ev, "ev_accept": offer, "gain": ev - offer}
        """
        },
        fails={"test-negotiation-ev"},
    ),
    Variant(
        name="ev-no-validation",
        why="impossible inputs (an ask below the offer, probabilities outside [0, 1]) are not refused with a ValueError",
        cells={
            "negotiation-ev": """
            def negotiation_ev(offer, ask, batna, p_expect, p_full, p_half, p_rescind):
                expects = p_full * ask + p_half * (offer + ask) / 2 + (1 - p_full - p_half) * offer
                ev = p_expect * expects + (1 - p_expect) * (p_rescind * batna + (1 - p_rescind) * offer)
                return {"ev_ask": ev, "ev_accept": offer, "gain": ev - offer}
        """
        },
        fails={"test-negotiation-ev"},
    ),
    # ------------------------------------------------------------------------------------------ 3.2 break-even
    Variant(
        name="breakeven-not-capped",
        why="the break-even is a probability: cap it at 1, and return 1 when there is nothing to lose (no division by 0)",
        cells={
            "breakeven-rescind": """
            def breakeven_rescind(offer, ask, batna, p_expect, p_full, p_half):
                return p_expect * (ask - offer) * (p_full + p_half / 2) / ((1 - p_expect) * (offer - batna))
        """
        },
        fails={"test-breakeven-rescind"},
    ),
    Variant(
        name="breakeven-ignores-halfway",
        why="leaves out the halfway outcome: it is worth half of the ask's increase, weighted by p_half",
        cells={
            "breakeven-rescind": """
            def breakeven_rescind(offer, ask, batna, p_expect, p_full, p_half):
                down = (1 - p_expect) * (offer - batna)
                return 1.0 if down <= 0 else min(1.0, p_expect * (ask - offer) * p_full / down)
        """
        },
        fails={"test-breakeven-rescind"},
    ),
    Variant(
        name="breakeven-zero-when-nothing-to-lose",
        why="returns 0 when the alternative is as good as the offer; then asking never loses, so the answer is 1",
        cells={
            "breakeven-rescind": """
            def breakeven_rescind(offer, ask, batna, p_expect, p_full, p_half):
                down = (1 - p_expect) * (offer - batna)
                return 0.0 if down <= 0 else min(1.0, p_expect * (ask - offer) * (p_full + p_half / 2) / down)
        """
        },
        fails={"test-breakeven-rescind"},
    ),
    # ------------------------------------------------------------------------------------------ 3.3 counter
    Variant(
        name="counter-always-top",
        why="always counters at the top of the research range, ignoring how credible the jump from the offer is",
        cells={
            "counter-offer": """
            def counter_offer(offer, research_low, research_high, max_jump_pct=15.0):
                if research_low > research_high:
                    raise ValueError("bad range")
                if offer >= research_high:
                    return float(offer), "hold-base"
                return float(research_high), "counter"
        """
        },
        fails={"test-counter-offer", "test-counter-offer-edges"},
    ),
    Variant(
        name="counter-strict-top",
        why="an offer exactly at the top of the research range is already there: hold the base (>=, not >)",
        cells={
            "counter-offer": """
            def counter_offer(offer, research_low, research_high, max_jump_pct=15.0):
                if research_low > research_high:
                    raise ValueError("bad range")
                if offer > research_high:
                    return float(offer), "hold-base"
                return float(max(offer, research_low, min(research_high, offer * (1 + max_jump_pct / 100)))), "counter"
        """
        },
        fails={"test-counter-offer-edges"},
    ),
    Variant(
        name="counter-below-research",
        why="a credible jump from a low offer can stay below the research range; the research's low end wins",
        cells={
            "counter-offer": """
            def counter_offer(offer, research_low, research_high, max_jump_pct=15.0):
                if research_low > research_high:
                    raise ValueError("bad range")
                if offer >= research_high:
                    return float(offer), "hold-base"
                return float(max(offer, min(research_high, offer * (1 + max_jump_pct / 100)))), "counter"
        """
        },
        fails={"test-counter-offer", "test-counter-offer-edges"},
    ),
    Variant(
        name="counter-below-offer",
        why="above the research range it 'holds' at the research's top, which is below the offer: never go below it",
        cells={
            "counter-offer": """
            def counter_offer(offer, research_low, research_high, max_jump_pct=15.0):
                if research_low > research_high:
                    raise ValueError("bad range")
                if offer >= research_high:
                    return float(research_high), "hold-base"
                return float(max(offer, research_low, min(research_high, offer * (1 + max_jump_pct / 100)))), "counter"
        """
        },
        fails={"test-counter-offer"},
    ),
    # ------------------------------------------------------------------------------------------ 3.4 amounts
    Variant(
        name="amounts-ignore-suffix",
        why="reads $150k as 150: the k and M suffixes multiply by a thousand and a million",
        cells={
            "find-amounts": r"""
            def find_amounts(text):
                return [float(m.replace(",", "")) for m in re.findall(r"\$ ?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)", text)]
        """
        },
        fails={"test-find-amounts"},
    ),
    Variant(
        name="amounts-no-thousands-separator",
        why="stops at the first comma, so $150,000 reads as 150",
        cells={
            "find-amounts": r"""
            def find_amounts(text):
                out = []
                for number, suffix in re.findall(r"\$ ?(\d+(?:\.\d+)?)([kKmM](?![A-Za-z]))?", text):
                    s = suffix.lower()
                    out.append(float(number) * (1_000 if s == "k" else 1_000_000 if s == "m" else 1))
                return out
        """
        },
        fails={"test-find-amounts"},
    ),
    Variant(
        name="amounts-suffix-before-letter",
        why="takes the m of '$2mo' as millions: a suffix counts only when no letter follows it",
        cells={
            "find-amounts": r"""
            def find_amounts(text):
                out = []
                for number, suffix in re.findall(r"\$ ?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([kKmM])?", text):
                    s = suffix.lower()
                    out.append(float(number.replace(",", "")) * (1_000 if s == "k" else 1_000_000 if s == "m" else 1))
                return out
        """
        },
        fails={"test-find-amounts"},
    ),
    # ------------------------------------------------------------------------------------------ 3.5 ranges
    Variant(
        name="ranges-without-and",
        why="'between $150k and $170k' is a range too: 'and' is one of the connectors",
        cells={"find-ranges": ranges_fn(connectors='("-", "\\u2013", "\\u2014", "to")')},
        fails={"test-find-ranges", "test-score-transcript"},
    ),
    Variant(
        name="ranges-high-first-kept",
        why="a range written high first is returned as (high, low): return (low, high)",
        cells={"find-ranges": ranges_fn(order="(a, b)")},
        fails={"test-find-ranges"},
    ),
    Variant(
        name="ranges-amount-reused",
        why="the second amount of a range is reused as the start of the next one",
        cells={"find-ranges": ranges_fn(step=1)},
        fails={"test-find-ranges"},
    ),
    # ------------------------------------------------------------------------------------------ 3.6 checklist
    Variant(
        name="score-substring-keywords",
        why="keywords match inside other words ('deal' in 'ideal', 'stock' in 'stocks'): require word boundaries",
        cells={"score-transcript": scorer(MATCH="w in low")},
        fails={"test-score-transcript", "test-score-transcript-accept"},
    ),
    Variant(
        name="score-accept-with-counter",
        why="'I'll take it at $180k' is a counter-offer, not an acceptance: a reply with an amount does not accept",
        cells={"score-transcript": scorer(ACCEPT="reply is not None and has_word(reply, ACCEPT_WORDS)")},
        fails={"test-score-transcript", "test-score-transcript-accept"},
    ),
    Variant(
        name="score-anchor-any-range",
        why="checks whether any range is at the target; the anchor is the first range the candidate states",
        cells={"score-transcript": scorer(ANCHOR="any(r[0] >= target_low for r in ranges)")},
        fails={"test-score-transcript"},
    ),
    Variant(
        name="score-counts-after-acceptance",
        why="accepting the first offer ends the negotiation: the score must then be 0",
        cells={"score-transcript": scorer(SCORE="int(sum(result[k] for k in good))")},
        fails={"test-score-transcript-accept"},
    ),
    # ------------------------------------------------------------------------------------------ 3.7 email
    Variant(
        name="email-accepts",
        why="a polite acceptance of the first offer: no research, no range, no value proposition, no other asks",
        cells={"email": 'EMAIL = """Hi Dana,\n\n' + " ".join(["Thank you so much for the offer of $150,000 and for the "
                                                                 "warm welcome from the team; I accept and I am very "
                                                                 "happy to join, with a start date of $0 cost to you."] * 5)
               + '\n\nBest regards,\nAlex"""'},
        fails={"test-email-checklist"},
    ),
    Variant(
        name="email-too-short",
        why="two lines are not a negotiation email: give the research, the range, your value and the next step",
        cells={"email": 'EMAIL = "Thanks for the offer. Could you do $175,000 to $190,000? Best, Alex"'},
        fails={"test-email-length", "test-email-checklist"},
    ),
    Variant(
        name="email-anchors-low",
        why="the first range you state is the research range starting at the offer: the recruiter anchors on its low end",
        cells={"email": GOOD_EMAIL.replace("has an upper half from $175,000 to $200,000",
                                           "runs from $150,000 to $200,000")},
        fails={"test-email-checklist"},
    ),
    # ------------------------------------------------------------------------------------------ 3.8 phone
    Variant(
        name="phone-without-beyond-salary",
        why="the script has no plan for 'that is the top of our band': the Beyond salary section is missing",
        cells={"phone-script": write_up("PHONE_SCRIPT", PHONE_SECTIONS, PHONE_BODIES,
                                        order=[s for s in PHONE_SECTIONS if s != "Beyond salary"])},
        fails={"test-phone-structure"},
    ),
    Variant(
        name="phone-ask-without-number",
        why="the Ask section asks for 'more' without a number: state the range",
        cells={"phone-script": write_up("PHONE_SCRIPT", PHONE_SECTIONS, PHONE_BODIES, changes={
            "Ask": "Given that, I was hoping for something closer to the upper half of the range. Then I pause and let "
                   "the recruiter answer first, without filling the silence."})},
        fails={"test-phone-structure"},
    ),
    # ------------------------------------------------------------------------------------------ 3.9 raise
    Variant(
        name="raise-market-without-number",
        why="the Market section says 'I am underpaid' without a single benchmark figure",
        cells={"raise-case": write_up("RAISE_CASE", RAISE_SECTIONS, RAISE_BODIES, changes={
            "Market": "I believe I am underpaid compared with the market for my role and level, and several people "
                      "I know at other companies earn more than I do for similar work in the same city."})},
        fails={"test-raise-structure"},
    ),
    Variant(
        name="raise-ask-first",
        why="opens with the ask before the evidence: the sections must come in the order Contributions, Market, Ask, Timing",
        cells={"raise-case": write_up("RAISE_CASE", RAISE_SECTIONS, RAISE_BODIES,
                                      order=["Ask", "Contributions", "Market", "Timing"])},
        fails={"test-raise-structure"},
    ),
]

EQUIVALENT_MUTANTS = {
    "score-transcript@fe865406": "turns[first_offer] is a recruiter turn, which the `s == 'candidate'` filter skips, "
                                 "so starting the search there finds the same next candidate turn",
}

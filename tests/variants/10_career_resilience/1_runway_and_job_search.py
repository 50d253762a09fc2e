"""Plausible wrong answers to 10_career_resilience/1_runway_and_job_search; each must lose exactly the tests in
`fails`."""

from course.proof.variants import Variant

# cash_flow() calls benefit_by_month(), and scenario_table() calls both and runway_months(): a mistake upstream
# also shows in the hidden references of the later tables.
BENEFITS = """
def benefit_by_month(weekly_benefit, benefit_weeks, months):
    starts = WEEKS_PER_MONTH * np.arange(months)
    weeks_inside = np.clip(np.minimum(starts + WEEKS_PER_MONTH, benefit_weeks) - starts, 0, None)
    return weekly_benefit * weeks_inside
"""

CASH = """
def cash_flow(plan, months):
    month = np.arange(1, months + 1)
    table = pd.DataFrame(index=pd.Index(month, name="month"))
    table["severance"] = np.where(month == 1, float(plan["severance"]), 0.0)
    table["benefits"] = benefit_by_month(plan["weekly_benefit"], plan["benefit_weeks"], months).astype(float)
    table["freelance"] = np.where(month >= plan["freelance_start_month"], float(plan["freelance_monthly"]), 0.0)
    table["expenses"] = float(plan["monthly_expenses"])
    table["net"] = table["severance"] + table["benefits"] + table["freelance"] - table["expenses"]
    table["cash_end"] = float(plan["savings"]) + table["net"].cumsum()
    return table
"""

SCENARIOS = """
def scenario_table(base_plan, scenarios, months):
    rows = []
    for overrides in scenarios.values():
        cash = cash_flow({**base_plan, **overrides}, months)["cash_end"]
        rows.append({"runway_months": runway_months(cash), "lowest_cash": float(cash.min()),
                     "cash_end": float(cash.iloc[-1])})
    table = pd.DataFrame(rows, index=pd.Index(list(scenarios), name="scenario"))
    return table.astype({"runway_months": "int64", "lowest_cash": "float64", "cash_end": "float64"})
"""

NEEDED = """
def applications_needed(p_offer, target):
    if not 0 < p_offer <= 1:
        raise ValueError("p_offer")
    if not 0 <= target < 1:
        raise ValueError("target")
    if target == 0:
        return 0
    if p_offer == 1:
        return 1
    n = max(0, math.ceil(math.log(1 - target) / math.log(1 - p_offer)) - 1)
    while 1 - (1 - p_offer) ** n < target:
        n += 1
    return n
"""

WEEKS = """
def first_offer_weeks(p_offer, per_week, weeks):
    q = 1 - (1 - p_offer) ** per_week
    w = np.arange(1, weeks + 1)
    return (1 - q) ** (w - 1) * q, float(1 / q)
"""

OFFERS = """
def applications_for_offers(p_offer, k, target):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError("k")
    if not 0 < p_offer < 1 or not 0 < target < 1:
        raise ValueError("p_offer or target")
    n = k
    while True:
        fewer = sum(math.comb(n, j) * p_offer**j * (1 - p_offer) ** (n - j) for j in range(k))
        if 1 - fewer >= target:
            return n
        n += 1
"""

PLAN = """
def best_plan(hours, values, budget):
    n = len(hours)
    best = np.zeros((n + 1, budget + 1))
    for i in range(1, n + 1):
        h, v = hours[i - 1], values[i - 1]
        best[i] = best[i - 1]
        if h <= budget:
            best[i, h:] = np.maximum(best[i - 1, h:], best[i - 1, : budget + 1 - h] + v)
    chosen, c = [], budget
    for i in range(n, 0, -1):
        if best[i, c] != best[i - 1, c]:
            chosen.append(i - 1)
            c -= hours[i - 1]
    return float(best[n, budget]), sorted(chosen)
"""

STEPS = ["Assess the Situation", "Upskill and Reskill", "Networking", "Freelancing and Contract Work",
         "Job Search Strategy", "Mental Health and Well-being"]
STEP_BODY = ("Under my assumed savings of 20,000 and expenses of 4,500 a month I plan this step week by week, with "
             "a clear owner, a measurable target of 5 actions a week, a review every two weeks, and a rule for what "
             "I change when the numbers say the plan is not working. Each Sunday I write down what I did and what I "
             "learned.")


def plan(steps=STEPS, body=STEP_BODY, bodies=None):
    bodies = bodies or {}
    text = "\n".join(f"## {s}\n{bodies.get(s, body)}\n" for s in steps)
    return 'ACTION_PLAN = r"""\n' + text + '"""'


def edit(code: str, old: str, new: str) -> str:
    """The reference `code` with one exact fragment replaced (the fragment must be there)."""
    assert old in code, f"fragment not found: {old!r}"
    return code.replace(old, new)


CASH_TESTS = {"test-cash-flow-values", "test-scenario-table"}

VARIANTS = [
    # ------------------------------------------------------------------ 1.1 benefit_by_month
    Variant(
        name="benefits-four-weeks-a-month",
        why="a month is taken as 4 weeks; 52 weeks over 12 months is 52/12, about 4.33",
        cells={"benefit-by-month": BENEFITS.replace("WEEKS_PER_MONTH", "4")},
        fails={"test-benefit-by-month"} | CASH_TESTS,
    ),
    Variant(
        name="benefits-whole-months",
        why="a month that contains any benefit week is paid in full: the last, partial month pays only its "
            "fraction",
        cells={"benefit-by-month": edit(
            BENEFITS,
            "weeks_inside = np.clip(np.minimum(starts + WEEKS_PER_MONTH, benefit_weeks) - starts, 0, None)",
            "weeks_inside = np.where(starts < benefit_weeks, WEEKS_PER_MONTH, 0.0)")},
        fails={"test-benefit-by-month"} | CASH_TESTS,
    ),
    Variant(
        name="benefits-start-in-month-2",
        why="benefits start a month late: week 0 is the first week after the layoff, inside month 1",
        cells={"benefit-by-month": edit(BENEFITS, "starts = WEEKS_PER_MONTH * np.arange(months)",
                                        "starts = WEEKS_PER_MONTH * np.arange(-1, months - 1)")},
        fails={"test-benefit-by-month"} | CASH_TESTS,
    ),
    # ------------------------------------------------------------------ 1.2 cash_flow
    Variant(
        name="cash-freelance-one-month-late",
        why="freelance income starts after its start month instead of in it (> where the rule says >=)",
        cells={"cash-flow": edit(CASH, "month >= plan[", "month > plan[")},
        fails=CASH_TESTS,
    ),
    Variant(
        name="cash-without-savings",
        why="the balance is the cumulative net flow only: the savings on the day of the layoff are missing",
        cells={"cash-flow": edit(CASH, 'float(plan["savings"]) + table["net"].cumsum()', 'table["net"].cumsum()')},
        fails={"test-cash-flow-shape"} | CASH_TESTS,
    ),
    Variant(
        name="cash-severance-every-month",
        why="the severance is paid every month; it is a lump sum paid once, in month 1",
        cells={"cash-flow": edit(CASH, 'np.where(month == 1, float(plan["severance"]), 0.0)',
                                 'np.full(months, float(plan["severance"]))')},
        fails=CASH_TESTS,
    ),
    Variant(
        name="cash-months-from-zero",
        why="the months are numbered from 0; month 1 is the first month after the layoff",
        cells={"cash-flow": edit(edit(CASH, "month = np.arange(1, months + 1)", "month = np.arange(months)"),
                                 "np.where(month == 1,", "np.where(month == 0,")},
        fails={"test-cash-flow-shape"} | CASH_TESTS,
    ),
    # ------------------------------------------------------------------ 1.3 runway_months
    Variant(
        name="runway-zero-is-depleted",
        why="a balance of exactly 0 is counted as depleted; the money runs out when the balance goes below 0",
        cells={"runway-months": """
            def runway_months(cash_end):
                negative = np.flatnonzero(np.asarray(cash_end, dtype=float) <= 0)
                return int(negative[0]) if len(negative) else len(cash_end)
        """},
        fails={"test-runway-months"},
    ),
    Variant(
        name="runway-counts-non-negative-months",
        why="all non-negative months are counted, also those after the money first ran out",
        cells={"runway-months": """
            def runway_months(cash_end):
                return int(np.sum(np.asarray(cash_end, dtype=float) >= 0))
        """},
        fails={"test-runway-months"},
    ),
    Variant(
        name="runway-depletion-month",
        why="the month in which the money runs out (1-based) is returned instead of the months before it",
        cells={"runway-months": """
            def runway_months(cash_end):
                negative = np.flatnonzero(np.asarray(cash_end, dtype=float) < 0)
                return int(negative[0]) + 1 if len(negative) else len(cash_end)
        """},
        fails={"test-runway-months", "test-scenario-table"},
    ),
    # ------------------------------------------------------------------ 1.4 scenario_table
    Variant(
        name="scenario-overrides-leak",
        why="the overrides are written into the base plan, so they leak into every later scenario",
        cells={"scenario-table": edit(SCENARIOS, "cash = cash_flow({**base_plan, **overrides}, months)",
                                      "base_plan.update(overrides)\n        cash = cash_flow(base_plan, months)")},
        fails={"test-scenario-table"},
    ),
    Variant(
        name="scenario-runway-float",
        why="runway_months comes out as floats; it counts months and must be int64",
        cells={"scenario-table": edit(SCENARIOS, '"runway_months": "int64"', '"runway_months": "float64"')},
        fails={"test-scenario-table"},
    ),
    Variant(
        name="scenario-lowest-includes-savings",
        why="the savings before month 1 are counted as a balance: the lowest balance is over the months' ends only",
        cells={"scenario-table": edit(SCENARIOS, '"lowest_cash": float(cash.min())',
                                      '"lowest_cash": float(min(cash.min(), {**base_plan, **overrides}["savings"]))')},
        fails={"test-scenario-table"},
    ),
    # ------------------------------------------------------------------ 2.1 applications_needed
    Variant(
        name="needed-strictly-above-target",
        why="the target must be reached (>=), not exceeded: 'at least 75 %' is met by exactly 75 %",
        cells={"applications-needed": edit(NEEDED, "< target:", "<= target:")},
        fails={"test-applications-needed"},
    ),
    Variant(
        name="needed-log-without-check",
        why="the logarithm formula is rounded up without checking the candidate: on a boundary, rounding errors "
            "put it one off",
        cells={"applications-needed": edit(NEEDED, """    n = max(0, math.ceil(math.log(1 - target) / math.log(1 - p_offer)) - 1)
    while 1 - (1 - p_offer) ** n < target:
        n += 1
    return n""", """    return max(0, math.ceil(math.log(1 - target) / math.log(1 - p_offer)))""")},
        fails={"test-applications-needed"},
    ),
    Variant(
        name="needed-rounded-not-ceiled",
        why="the number of applications is rounded to the nearest integer instead of rounded up",
        cells={"applications-needed": edit(NEEDED, """    n = max(0, math.ceil(math.log(1 - target) / math.log(1 - p_offer)) - 1)
    while 1 - (1 - p_offer) ** n < target:
        n += 1
    return n""", """    return max(0, round(math.log(1 - target) / math.log(1 - p_offer)))""")},
        fails={"test-applications-needed"},
    ),
    Variant(
        name="needed-no-validation",
        why="a probability of 0 or above 1, or a target of 1 or more, is not rejected with ValueError",
        cells={"applications-needed": """
            def applications_needed(p_offer, target):
                n = 0
                while n < 100_000 and 1 - (1 - p_offer) ** n < target:
                    n += 1
                return n
        """},
        fails={"test-applications-invalid"},
    ),
    # ------------------------------------------------------------------ 2.2 first_offer_weeks
    Variant(
        name="weeks-linear-probability",
        why="the weekly chance is taken as per_week * p; independent applications give 1 - (1 - p)^per_week",
        cells={"first-offer-weeks": edit(WEEKS, "q = 1 - (1 - p_offer) ** per_week", "q = p_offer * per_week")},
        fails={"test-first-offer-weeks"},
    ),
    Variant(
        name="weeks-support-from-zero",
        why="the pmf starts at week 0 ((1 - q)^w q); the first offer can come in week 1 at the earliest",
        cells={"first-offer-weeks": edit(WEEKS, "(1 - q) ** (w - 1) * q", "(1 - q) ** w * q")},
        fails={"test-first-offer-weeks"},
    ),
    Variant(
        name="weeks-mean-from-p",
        why="the mean week uses p per application (per_week / p applications...) instead of the weekly q",
        cells={"first-offer-weeks": edit(WEEKS, "float(1 / q)", "float(1 / (p_offer * per_week))")},
        fails={"test-first-offer-weeks"},
    ),
    Variant(
        name="weeks-calls-scipy",
        why="scipy.stats.geom inside a from-scratch exercise",
        cells={"first-offer-weeks": """
            from scipy.stats import geom

            def first_offer_weeks(p_offer, per_week, weeks):
                q = 1 - (1 - p_offer) ** per_week
                return geom.pmf(np.arange(1, weeks + 1), q), float(geom.mean(q))
        """},
        fails={"test-first-offer-weeks"},
    ),
    # ------------------------------------------------------------------ 2.3 applications_for_offers
    Variant(
        name="offers-one-too-many",
        why="the sum runs over j <= k, which is the chance of at least k + 1 offers",
        cells={"applications-for-offers": edit(OFFERS, "for j in range(k))", "for j in range(k + 1))")},
        fails={"test-applications-for-offers"},
    ),
    Variant(
        name="offers-returns-failures",
        why="the number of unsuccessful applications (scipy's nbinom count, n - k) is returned instead of n",
        cells={"applications-for-offers": edit(OFFERS, "            return n\n", "            return n - k\n")},
        fails={"test-applications-for-offers"},
    ),
    Variant(
        name="offers-calls-scipy",
        why="scipy.stats.nbinom inside a from-scratch exercise",
        cells={"applications-for-offers": """
            from scipy.stats import nbinom

            def applications_for_offers(p_offer, k, target):
                if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
                    raise ValueError("k")
                if not 0 < p_offer < 1 or not 0 < target < 1:
                    raise ValueError("p_offer or target")
                n = k
                while nbinom.cdf(n - k, k, p_offer) < target:
                    n += 1
                return n
        """},
        fails={"test-applications-for-offers"},
    ),
    # ------------------------------------------------------------------ 2.4 FUNNEL_MODEL
    Variant(
        name="funnel-memory",
        why="memoryless means the weekly chance stays the same, however long you have searched",
        cells={"funnel-model": 'FUNNEL_MODEL = "a"'},
        fails={"test-funnel-model"},
    ),
    Variant(
        name="funnel-pace-halves-applications",
        why="a faster pace halves the weeks, not the number of applications needed",
        cells={"funnel-model": 'FUNNEL_MODEL = "c"'},
        fails={"test-funnel-model"},
    ),
    # ------------------------------------------------------------------ 3.1 best_plan
    Variant(
        name="plan-greedy-by-ratio",
        why="courses are taken greedily by value per hour, which is optimal for the fractional knapsack only",
        cells={"best-plan": """
            def best_plan(hours, values, budget):
                order = sorted(range(len(hours)), key=lambda i: -values[i] / max(hours[i], 1e-9))
                chosen, used = [], 0
                for i in order:
                    if used + hours[i] <= budget:
                        chosen.append(i)
                        used += hours[i]
                return float(sum(values[i] for i in chosen)), sorted(chosen)
        """},
        fails={"test-best-plan-small", "test-best-plan-large"},
    ),
    Variant(
        name="plan-unbounded",
        why="a single row filled with increasing capacity lets a course be taken several times",
        cells={"best-plan": """
            def best_plan(hours, values, budget):
                row = np.zeros(budget + 1)
                for h, v in zip(hours, values):
                    for c in range(h, budget + 1):
                        row[c] = max(row[c], row[c - h] + v)
                return float(row[budget]), []
        """},
        fails={"test-best-plan-small", "test-best-plan-edges", "test-best-plan-large"},
    ),
    Variant(
        name="plan-strict-budget",
        why="the hours must stay strictly below the budget here; the rule allows exactly the budget",
        cells={"best-plan": "def best_plan(hours, values, budget):\n    return _best_plan(hours, values, budget - 1) "
                            "if budget > 0 else (0.0, [])\n" + PLAN.replace("def best_plan(", "def _best_plan(")},
        fails={"test-best-plan-small", "test-best-plan-edges", "test-best-plan-large"},
    ),
    Variant(
        name="plan-walk-back-keeps-capacity",
        why="the walk back does not subtract a chosen course's hours, so it reads the wrong cells and returns a set "
            "that does not match the value",
        cells={"best-plan": edit(PLAN, "            c -= hours[i - 1]\n", "")},
        fails={"test-best-plan-small", "test-best-plan-edges", "test-best-plan-large"},
    ),
    # ------------------------------------------------------------------ 3.2 KNAPSACK_COST
    Variant(
        name="knapsack-cost-polynomial",
        why="O(nB) is polynomial in B's value, not in the number of digits that encode B",
        cells={"knapsack-cost": 'KNAPSACK_COST = "b"'},
        fails={"test-knapsack-cost"},
    ),
    Variant(
        name="knapsack-cost-exponential-in-n",
        why="the table has (n + 1)(B + 1) cells: a larger B makes it bigger, not exponential in n",
        cells={"knapsack-cost": 'KNAPSACK_COST = "c"'},
        fails={"test-knapsack-cost"},
    ),
    # ------------------------------------------------------------------ 4.1 ACTION_PLAN
    Variant(
        name="plan-step-missing",
        why="the well-being step is left out: the article's plan has six steps",
        cells={"action-plan": plan(steps=STEPS[:-1], body=STEP_BODY + " " + STEP_BODY)},
        fails={"test-action-plan-structure"},
    ),
    Variant(
        name="plan-job-search-without-numbers",
        why="the job-search section has no number (applications per week, a target probability, weeks)",
        cells={"action-plan": plan(bodies={"Job Search Strategy": (
            "I apply to companies that are hiring, tailor my resume for each application, follow up with "
            "recruiters, and review how the search is going regularly so that I can adjust my targeting.")})},
        fails={"test-action-plan-structure"},
    ),
    Variant(
        name="plan-one-liners",
        why="each step is one short line: a plan needs actions, amounts and dates",
        cells={"action-plan": plan(body="Do this step well in 2 weeks.")},
        fails={"test-action-plan-structure"},
    ),
]

# Mutants of the reference solutions that no input allowed by the specification can tell from them (course validate
# --mutants), with the reason; every other mutant loses a point in its exercise or is a listed survivor.
_LOW_START = ("the logarithm only gives a starting n for the loop that then counts up with the exact expression; "
              "this start is never above the answer, so the loop returns the same n: ")
EQUIVALENT_MUTANTS = {
    "applications-needed@2738b52a": _LOW_START + "min(0, …) starts at 0 or -1",
    "applications-needed@1a8f08a0": _LOW_START + "max(1, …) is at most the answer, which is ≥ 1 for a target > 0",
    "applications-needed@d80fd47c": _LOW_START + "log(1 - t) · log(1 - p) is in (0, 1), so the start is 0",
    "applications-needed@d785c6d8": _LOW_START + "log(1 + t) / log(1 - p) ≤ 0, so the start is 0",
    "applications-needed@7ba75030": _LOW_START + "log(1 - t) / log(1 + p) ≤ 0, so the start is 0",
    "applications-needed@39fb813a": _LOW_START + "log(2 - t) / log(1 - p) < 0, so the start is 0",
}

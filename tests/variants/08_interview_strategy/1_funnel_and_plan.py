"""Plausible wrong answers to 08_interview_strategy/1_funnel_and_plan; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

FUNNEL = """
def funnel(stages):
    if len(stages) == 0:
        raise ValueError("empty")
    names = [name for name, _ in stages]
    if len(set(names)) != len(names):
        raise ValueError("duplicate")
    rates = [float(rate) for _, rate in stages]
    {check}
    passing = np.cumprod(rates)
    entering = {entering}
    return pd.DataFrame({{"pass_rate": rates, "entering": entering, "passing": passing, "lost": {lost}}},
                        index=pd.Index(names, name="stage"))
"""


def funnel_variant(check="if any(not 0.0 <= r <= 1.0 for r in rates):\n        raise ValueError('rate')",
                   entering="np.r_[1.0, passing[:-1]]", lost="entering - passing"):
    return FUNNEL.format(check=check, entering=entering, lost=lost)


APPLICATIONS = """
def applications_for_offer(p, q):
    if not (0.0 < p <= 1.0 and 0.0 <= q < 1.0):
        raise ValueError("range")
    if q == 0.0:
        return 0
    if p == 1.0:
        return 1
    {body}
"""

ALLOCATE = """
def allocate_hours(mastery, total_hours, rounds=None):
    if rounds is None:
        rounds = {{c: 1 for c in CATEGORIES}}
    for table in (mastery, rounds):
        if set(table) != set(CATEGORIES):
            raise ValueError("keys")
    if any(type(mastery[c]) is not int or not 1 <= mastery[c] <= 5 for c in CATEGORIES):
        raise ValueError("mastery")
    if any(type(rounds[c]) is not int or rounds[c] < 0 for c in CATEGORIES):
        raise ValueError("rounds")
    if type(total_hours) is not int or total_hours < 0:
        raise ValueError("total")
    need = {{c: {need} for c in CATEGORIES}}
    total_need = sum(need.values())
    if total_need == 0:
        raise ValueError("no round")
    {body}
    return hours
"""
LARGEST_REMAINDER = """hours, remainder = {}, {}
    for c in CATEGORIES:
        hours[c], remainder[c] = divmod(total_hours * need[c], total_need)
    missing = total_hours - sum(hours.values())
    for c in sorted(CATEGORIES, key=lambda c: KEY)[:missing]:
        hours[c] += 1"""


def allocate_variant(need="rounds[c] * (6 - mastery[c])", key="(-remainder[c], -need[c], CATEGORIES.index(c))",
                     body=None):
    return ALLOCATE.format(need=need, body=body or LARGEST_REMAINDER.replace("KEY", key))


SM2 = """
def sm2_update(easiness, interval, repetitions, quality):
    if type(quality) is not int or not 0 <= quality <= 5:
        raise ValueError("quality")
    old = easiness
    new = easiness + 0.1 - (5 - quality) * (0.08 + (5 - quality) * 0.02)
    {floor}
    if quality {recalled}:
        if repetitions == 0:
            interval = 1
        elif repetitions == 1:
            interval = 6
        else:
            interval = {next_interval}
        repetitions += 1
    else:
        {lapse}
    return float(new), int(interval), int(repetitions)
"""


def sm2_variant(floor="new = max(1.3, new)", recalled=">= 3", next_interval="math.ceil(interval * old - 1e-9)",
                lapse="repetitions, interval = 0, 1"):
    return SM2.format(floor=floor, recalled=recalled, next_interval=next_interval, lapse=lapse)


TREND = """
def mock_trend(log):
    rows = {{}}
    for category, group in log.groupby("category", sort={sort}):
        if len(group) < {minimum}:
            continue
        x = group["day"].to_numpy(dtype=float)
        y = group["score"].to_numpy(dtype=float)
        {fit}
        rows[category] = {{"n": len(group), "slope": float(slope), "intercept": float(intercept), "r": float(r)}}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["n", "slope", "intercept", "r"])
    table.index.name = "category"
    return table.astype({{"n": "int64", "slope": "float64", "intercept": "float64", "r": "float64"}})
"""
OLS = """dx, dy = x - x.mean(), y - y.mean()
        slope = np.sum(dx * dy) / np.sum(dx * dx)
        intercept = y.mean() - slope * x.mean()
        r = np.sum(dx * dy) / np.sqrt(np.sum(dx * dx) * np.sum(dy * dy))"""


def trend_variant(sort="True", minimum="3", fit=OLS):
    return TREND.format(sort=sort, minimum=minimum, fit=fit)


PLOT = """
def plot_mock_trend(log, trend):
    fig, ax = plt.subplots()
    lo_all, hi_all = float(log["day"].min()), float(log["day"].max())
    for category, fit in trend.iterrows():
        part = log[log["category"] == category]
        days = part["day"].to_numpy(dtype=float)
        ax.scatter(days, part["score"].to_numpy(dtype=float))
        x = {x}
        ax.plot(x, fit["intercept"] + fit["slope"] * x, label=category)
    ax.set_title("Mock-interview scores and trends")
    ax.set_xlabel("Day")
    ax.set_ylabel({ylabel})
    {legend}
    return fig
"""


def plot_variant(x="np.array([days.min(), days.max()])", ylabel='"Score (0-10)"', legend="ax.legend()"):
    return PLOT.format(x=x, ylabel=ylabel, legend=legend)


WEAKEST = """
def weakest_area(trend, on_day):
    projected = {projected}
    keys = zip(projected.tolist(), {slope}, [str(c) for c in trend.index])
    return min(keys)[2]
"""
CLIPPED = 'np.clip(trend["intercept"].to_numpy(dtype=float) + trend["slope"].to_numpy(dtype=float) * on_day, 0.0, 10.0)'


def weakest_variant(projected=CLIPPED, slope='trend["slope"].astype(float).tolist()'):
    return WEAKEST.format(projected=projected, slope=slope)


VARIANTS = [
    # ------------------------------------------------------------------ 1.1 funnel
    Variant(
        name="funnel-entering-includes-stage",
        why="the share entering a stage is the product of the stages before it, not including the stage itself",
        cells={"funnel": funnel_variant(entering="passing")},
        fails={"test-funnel", "test-funnel-validation"},
    ),
    Variant(
        name="funnel-lost-cumulative",
        why="'lost' should be the share eliminated at this stage, not everyone eliminated so far",
        cells={"funnel": funnel_variant(lost="1.0 - passing")},
        fails={"test-funnel", "test-funnel-validation"},
    ),
    Variant(
        name="funnel-nan-accepted",
        why="a NaN pass rate slips through checks written as 'rate < 0 or rate > 1' (every comparison with NaN is False)",
        cells={"funnel": funnel_variant(check="if any(r < 0.0 or r > 1.0 for r in rates):\n        raise ValueError('rate')")},
        fails={"test-funnel-validation"},
    ),
    Variant(
        name="funnel-open-interval",
        why="pass rates of exactly 0 or 1 are valid (a stage everyone passes, a closed stage)",
        cells={"funnel": funnel_variant(check="if any(not 0.0 < r < 1.0 for r in rates):\n        raise ValueError('rate')")},
        fails={"test-funnel", "test-funnel-validation"},
    ),
    Variant(
        name="funnel-no-validation",
        why="invalid funnels (no stage, duplicate names, rates outside [0, 1]) should raise ValueError",
        cells={"funnel": """
            def funnel(stages):
                names = [name for name, _ in stages]
                rates = [float(rate) for _, rate in stages]
                passing = np.cumprod(rates)
                entering = np.r_[1.0, passing[:-1]]
                return pd.DataFrame({"pass_rate": rates, "entering": entering, "passing": passing,
                                     "lost": entering - passing}, index=pd.Index(names, name="stage"))
        """},
        fails={"test-funnel-validation"},
    ),
    # ------------------------------------------------------------------ 1.2 best stage
    Variant(
        name="best-stage-lowest-rate",
        why="the stage with the lowest pass rate is not always the best bet: the size of the achievable gain matters",
        cells={"best-stage": """
            def best_stage_to_improve(stages, gains):
                return min(stages, key=lambda stage: stage[1])[0]
        """},
        fails={"test-best-stage"},
    ),
    Variant(
        name="best-stage-largest-gain",
        why="an absolute gain is worth more on a stage with a low pass rate: compare the overall rates, not the gains",
        cells={"best-stage": """
            def best_stage_to_improve(stages, gains):
                return max(stages, key=lambda stage: gains[stage[0]])[0]
        """},
        fails={"test-best-stage"},
    ),
    Variant(
        name="best-stage-uncapped",
        why="a pass rate cannot exceed 1: an uncapped gain overrates stages that are already easy",
        cells={"best-stage": """
            def best_stage_to_improve(stages, gains):
                rates = [rate for _, rate in stages]
                best_name, best_overall = None, -1.0
                for i, (name, _) in enumerate(stages):
                    improved = rates.copy()
                    improved[i] = rates[i] + gains[name]
                    if math.prod(improved) > best_overall:
                        best_name, best_overall = name, math.prod(improved)
                return best_name
        """},
        fails={"test-best-stage"},
    ),
    Variant(
        name="best-stage-last-on-tie",
        why="ties should go to the earliest stage; '>=' while scanning keeps the last one",
        cells={"best-stage": """
            def best_stage_to_improve(stages, gains):
                rates = [rate for _, rate in stages]
                best_name, best_overall = None, -1.0
                for i, (name, _) in enumerate(stages):
                    improved = rates.copy()
                    improved[i] = min(1.0, rates[i] + gains[name])
                    if math.prod(improved) >= best_overall:
                        best_name, best_overall = name, math.prod(improved)
                return best_name
        """},
        fails={"test-best-stage"},
    ),
    # ------------------------------------------------------------------ 1.3 applications
    Variant(
        name="applications-naive-ceil",
        why="the log ratio can land a hair above an integer (3.0000000000000004): check the inequality itself",
        cells={"applications": APPLICATIONS.format(body="return math.ceil(math.log(1 - q) / math.log(1 - p))")},
        fails={"test-applications-boundary"},
    ),
    Variant(
        name="applications-strict-inequality",
        why="reaching the target probability exactly counts: the condition is >= q, not > q",
        cells={"applications": APPLICATIONS.format(body="""n = 0
    while 1 - (1 - p) ** n <= q:
        n += 1
    return n""")},
        fails={"test-applications-boundary"},
    ),
    Variant(
        name="applications-floor-plus-one",
        why="floor(x) + 1 equals ceil(x) only when x is not an integer: exact boundaries get one application too many",
        cells={"applications": APPLICATIONS.format(body="return math.floor(math.log1p(-q) / math.log1p(-p)) + 1")},
        fails={"test-applications-boundary"},
    ),
    Variant(
        name="applications-returns-float",
        why="np.ceil returns a float; a number of applications is an int",
        cells={"applications": APPLICATIONS.format(body="""n = np.ceil(np.log1p(-q) / np.log1p(-p))
    while n > 0 and (1 - p) ** (n - 1) <= 1 - q:
        n -= 1
    while (1 - p) ** n > 1 - q:
        n += 1
    return n""")},
        fails={"test-applications"},
    ),
    Variant(
        name="applications-swapped-logs",
        why="the formula is log(1 - q) / log(1 - p): the logs of the complements, not of p and q",
        cells={"applications": APPLICATIONS.format(body="return max(0, math.ceil(math.log(q) / math.log(p)))")},
        fails={"test-applications", "test-applications-boundary"},
    ),
    Variant(
        name="applications-no-validation",
        why="p must be in (0, 1] and q in [0, 1): invalid inputs should raise ValueError, not return a number",
        cells={"applications": """
            def applications_for_offer(p, q):
                if q <= 0:
                    return 0
                if p >= 1:
                    return 1
                n = max(0, math.ceil(math.log1p(-q) / math.log1p(-p)))
                while n > 0 and (1 - p) ** (n - 1) <= 1 - q:
                    n -= 1
                while (1 - p) ** n > 1 - q:
                    n += 1
                return n
        """},
        fails={"test-applications-edge"},
    ),
    # ------------------------------------------------------------------ 1.4 simulation
    Variant(
        name="simulation-transposed",
        why="draws of shape (n, n_trials) are other random numbers: follow the stated shape (n_trials, n) exactly",
        cells={"simulation": """
            def simulated_offer_rate(p, n, n_trials, seed):
                draws = np.random.default_rng(seed).random((n, n_trials))
                return float((draws < p).any(axis=0).mean())
        """},
        fails={"test-simulation-seeded"},
    ),
    Variant(
        name="simulation-global-seed",
        why="np.random.seed and the global generator do not reproduce numbers of default_rng(seed)",
        cells={"simulation": """
            def simulated_offer_rate(p, n, n_trials, seed):
                np.random.seed(seed)
                return float((np.random.random((n_trials, n)) < p).any(axis=1).mean())
        """},
        fails={"test-simulation-seeded"},
    ),
    Variant(
        name="simulation-offers-per-candidate",
        why="the mean number of offers per candidate is not the share of candidates with at least one offer",
        cells={"simulation": """
            def simulated_offer_rate(p, n, n_trials, seed):
                draws = np.random.default_rng(seed).random((n_trials, n))
                return float((draws < p).sum(axis=1).mean())
        """},
        fails={"test-simulation-seeded", "test-simulation-agrees"},
    ),
    Variant(
        name="simulation-every-application",
        why="'at least one offer' is any() over a candidate's applications, not all()",
        cells={"simulation": """
            def simulated_offer_rate(p, n, n_trials, seed):
                draws = np.random.default_rng(seed).random((n_trials, n))
                return float((draws < p).all(axis=1).mean())
        """},
        fails={"test-simulation-seeded", "test-simulation-agrees"},
    ),
    # ------------------------------------------------------------------ 2.1 allocate_hours
    Variant(
        name="allocate-rounded-shares",
        why="rounding each share does not preserve the total (three shares of 3.5 round to 12, not 10)",
        cells={"allocate-hours": allocate_variant(
            body="hours = {c: round(total_hours * need[c] / total_need) for c in CATEGORIES}")},
        fails={"test-allocate", "test-allocate-ties", "test-allocate-rounds-validation"},
    ),
    Variant(
        name="allocate-floors-only",
        why="the floors alone lose hours: the missing ones go to the largest remainders",
        cells={"allocate-hours": allocate_variant(
            body="hours = {c: total_hours * need[c] // total_need for c in CATEGORIES}")},
        fails={"test-allocate", "test-allocate-ties", "test-allocate-rounds-validation"},
    ),
    Variant(
        name="allocate-need-is-mastery",
        why="need must grow as mastery falls (6 - mastery): this plan spends most time on the strongest areas",
        cells={"allocate-hours": allocate_variant(need="rounds[c] * mastery[c]")},
        fails={"test-allocate", "test-allocate-ties", "test-allocate-rounds-validation"},
    ),
    Variant(
        name="allocate-ties-by-order-only",
        why="equal remainders go to the larger need first; the order of CATEGORIES only breaks ties of need too",
        cells={"allocate-hours": allocate_variant(key="(-remainder[c], CATEGORIES.index(c))")},
        fails={"test-allocate", "test-allocate-ties"},
    ),
    Variant(
        name="allocate-ties-reversed",
        why="on equal remainders and needs, the category that comes first in CATEGORIES gets the hour",
        cells={"allocate-hours": allocate_variant(key="(-remainder[c], -need[c], -CATEGORIES.index(c))")},
        fails={"test-allocate", "test-allocate-ties", "test-allocate-rounds-validation"},
    ),
    Variant(
        name="allocate-largest-share",
        why="the missing hours go to the largest fractional remainders, not to the largest shares",
        cells={"allocate-hours": allocate_variant(key="(-need[c], CATEGORIES.index(c))")},
        fails={"test-allocate", "test-allocate-ties", "test-allocate-rounds-validation"},
    ),
    Variant(
        name="allocate-ignores-rounds",
        why="a category tested by two rounds needs twice the weight: need = rounds * (6 - mastery)",
        cells={"allocate-hours": allocate_variant(need="6 - mastery[c]")},
        fails={"test-allocate-ties", "test-allocate-rounds-validation"},
    ),
    Variant(
        name="allocate-no-validation",
        why="invalid self-assessments (mastery outside 1-5, missing categories, negative hours) should raise ValueError",
        cells={"allocate-hours": """
            def allocate_hours(mastery, total_hours, rounds=None):
                rounds = rounds or {c: 1 for c in CATEGORIES}
                need = {c: rounds.get(c, 0) * (6 - mastery.get(c, 6)) for c in CATEGORIES}
                total_need = sum(need.values()) or 1
                hours, remainder = {}, {}
                for c in CATEGORIES:
                    hours[c], remainder[c] = divmod(int(total_hours * need[c]), total_need)
                missing = int(total_hours) - sum(hours.values())
                for c in sorted(CATEGORIES, key=lambda c: (-remainder[c], -need[c], CATEGORIES.index(c)))[:missing]:
                    hours[c] += 1
                return hours
        """},
        fails={"test-allocate-rounds-validation"},
    ),
    # ------------------------------------------------------------------ 3.1 SM-2
    Variant(
        name="sm2-quality-3-forgotten",
        why="a quality of 3 (recalled with serious difficulty) still counts as recalled: the test is quality >= 3",
        cells={"sm2-update": sm2_variant(recalled="> 3")},
        fails={"test-sm2-recalled", "test-sm2-forgotten", "test-sm2-rules", "test-review-schedule"},
    ),
    Variant(
        name="sm2-rounds-to-nearest",
        why="SM-2 rounds intervals up (ceil), not to the nearest day",
        cells={"sm2-update": sm2_variant(next_interval="round(interval * old)")},
        fails={"test-sm2-recalled", "test-sm2-forgotten", "test-sm2-rules", "test-review-schedule"},
    ),
    Variant(
        name="sm2-interval-from-new-easiness",
        why="the interval is computed with the easiness before this review's update",
        cells={"sm2-update": sm2_variant(next_interval="math.ceil(interval * new - 1e-9)")},
        fails={"test-sm2-recalled", "test-sm2-forgotten", "test-sm2-rules", "test-review-schedule"},
    ),
    Variant(
        name="sm2-no-floor",
        why="the easiness never goes below 1.3, otherwise hard cards would be shown again and again",
        cells={"sm2-update": sm2_variant(floor="pass")},
        fails={"test-sm2-forgotten", "test-sm2-rules", "test-review-schedule"},
    ),
    Variant(
        name="sm2-ceil-without-tolerance",
        why="a product such as 55.00000000000001 is the integer 55: round up only what is really above an integer",
        cells={"sm2-update": sm2_variant(next_interval="math.ceil(interval * old)")},
        fails={"test-sm2-recalled", "test-sm2-rules"},
    ),
    Variant(
        name="sm2-easiness-frozen-on-lapse",
        why="the easiness is updated after every review, forgotten ones included (it drops by 0.32 to 0.8)",
        cells={"sm2-update": sm2_variant(lapse="repetitions, interval, new = 0, 1, old")},
        fails={"test-sm2-forgotten", "test-review-schedule"},
    ),
    Variant(
        name="sm2-keeps-interval-on-lapse",
        why="a forgotten card starts again: interval 1 and 0 repetitions",
        cells={"sm2-update": sm2_variant(lapse="repetitions = 0")},
        fails={"test-sm2-forgotten", "test-sm2-rules", "test-review-schedule"},
    ),
    # ------------------------------------------------------------------ 3.2 schedule
    Variant(
        name="schedule-starts-day-1",
        why="the first review happens on day 0",
        cells={"review-schedule": """
            def review_schedule(grades, easiness=2.5):
                day, interval, repetitions, rows = 1, 0, 0, []
                for quality in grades:
                    easiness, interval, repetitions = sm2_update(easiness, interval, repetitions, quality)
                    rows.append([day, quality, easiness, interval, repetitions, day + interval])
                    day += interval
                return pd.DataFrame(rows, columns=["day", "quality", "easiness", "interval", "repetitions", "next_day"])
        """},
        fails={"test-review-schedule"},
    ),
    Variant(
        name="schedule-old-interval",
        why="the next review is scheduled with the interval this review produced, not the previous one",
        cells={"review-schedule": """
            def review_schedule(grades, easiness=2.5):
                day, interval, repetitions, rows = 0, 0, 0, []
                for quality in grades:
                    previous = interval
                    easiness, interval, repetitions = sm2_update(easiness, interval, repetitions, quality)
                    rows.append([day, quality, easiness, interval, repetitions, day + previous])
                    day += previous
                return pd.DataFrame(rows, columns=["day", "quality", "easiness", "interval", "repetitions", "next_day"])
        """},
        fails={"test-review-schedule"},
    ),
    Variant(
        name="schedule-fresh-easiness",
        why="the easiness must carry over from review to review; starting each review from the initial one loses it",
        cells={"review-schedule": """
            def review_schedule(grades, easiness=2.5):
                day, interval, repetitions, rows = 0, 0, 0, []
                for quality in grades:
                    current, interval, repetitions = sm2_update(easiness, interval, repetitions, quality)
                    rows.append([day, quality, current, interval, repetitions, day + interval])
                    day += interval
                return pd.DataFrame(rows, columns=["day", "quality", "easiness", "interval", "repetitions", "next_day"])
        """},
        fails={"test-review-schedule"},
    ),
    # ------------------------------------------------------------------ 4.1 trend
    Variant(
        name="trend-polyfit-order",
        why="np.polyfit(x, y, 1) returns the highest degree first: (slope, intercept), not (intercept, slope)",
        cells={"mock-trend": trend_variant(fit="""intercept, slope = np.polyfit(x, y, 1)
        r = np.corrcoef(x, y)[0, 1]""")},
        fails={"test-mock-trend", "test-mock-trend-sparse"},
    ),
    Variant(
        name="trend-mixed-ddof",
        why="np.cov uses ddof=1 and np.var ddof=0: the slope is off by n/(n-1); use the same normalisation",
        cells={"mock-trend": trend_variant(fit="""slope = np.cov(x, y)[0, 1] / np.var(x)
        intercept = y.mean() - slope * x.mean()
        r = np.corrcoef(x, y)[0, 1]""")},
        fails={"test-mock-trend", "test-mock-trend-sparse"},
    ),
    Variant(
        name="trend-two-points-kept",
        why="categories with fewer than 3 scores must be left out: two points always fit a line exactly (r = ±1)",
        cells={"mock-trend": trend_variant(minimum="2")},
        fails={"test-mock-trend-sparse"},
    ),
    Variant(
        name="trend-unsorted",
        why="the table must be sorted by category name, not in order of first appearance",
        cells={"mock-trend": trend_variant(sort="False")},
        fails={"test-mock-trend", "test-mock-trend-sparse"},
    ),
    Variant(
        name="trend-calls-scipy",
        why="scipy.stats.linregress inside a from-scratch exercise earns nothing",
        cells={"mock-trend": trend_variant(fit="""fit = stats.linregress(x, y)
        slope, intercept, r = fit.slope, fit.intercept, fit.rvalue""")},
        fails={"test-mock-trend", "test-mock-trend-sparse"},
    ),
    # ------------------------------------------------------------------ 4.2 plot
    Variant(
        name="plot-global-day-range",
        why="each trend line spans its own category's days, not the range of the whole log",
        cells={"plot-mock-trend": plot_variant(x="np.array([lo_all, hi_all])")},
        fails={"test-plot-data"},
    ),
    Variant(
        name="plot-line-through-points",
        why="the line must be the fitted trend, not a line joining the raw scores",
        cells={"plot-mock-trend": plot_variant(x="days").replace(
            'fit["intercept"] + fit["slope"] * x', 'part["score"].to_numpy(dtype=float)')},
        fails={"test-plot-data"},
    ),
    Variant(
        name="plot-unit-less-label",
        why="the y-axis label should state the rubric's range, exactly 'Score (0-10)'",
        cells={"plot-mock-trend": plot_variant(ylabel='"Score"')},
        fails={"test-plot-labels"},
    ),
    Variant(
        name="plot-no-legend",
        why="without a legend nobody can tell which line is which category",
        cells={"plot-mock-trend": plot_variant(legend="pass")},
        fails={"test-plot-labels"},
    ),
    # ------------------------------------------------------------------ 4.3 weakest
    Variant(
        name="weakest-unclipped",
        why="projections are clipped to the rubric's [0, 10] first; equal clipped scores are then ties",
        cells={"weakest-area": weakest_variant(
            projected='trend["intercept"].to_numpy(dtype=float) + trend["slope"].to_numpy(dtype=float) * on_day')},
        fails={"test-weakest", "test-weakest-ties"},
    ),
    Variant(
        name="weakest-ties-by-name",
        why="ties go to the category with the smaller slope first (improving more slowly), then to the name",
        cells={"weakest-area": weakest_variant(slope="[0.0] * len(trend)")},
        fails={"test-weakest", "test-weakest-ties"},
    ),
    Variant(
        name="weakest-lowest-intercept",
        why="the intercept is the fitted score on day 0; the interview is on on_day",
        cells={"weakest-area": weakest_variant(projected='np.clip(trend["intercept"].to_numpy(dtype=float), 0.0, 10.0)')},
        fails={"test-weakest", "test-weakest-ties"},
    ),
    Variant(
        name="weakest-lowest-slope",
        why="a slowly improving category can still be strong: compare projected scores, not slopes",
        cells={"weakest-area": """
            def weakest_area(trend, on_day):
                return str(trend["slope"].astype(float).idxmin())
        """},
        fails={"test-weakest", "test-weakest-ties"},
    ),
    # ------------------------------------------------------------------ 4.4 MC
    Variant(
        name="trend-reading-r-squared",
        why="r = 0.15 means r² ≈ 0.02 of the variance, and five points cannot separate such a slope from zero",
        cells={"trend-reading": 'TREND_READING = "b"'},
        fails={"test-trend-reading"},
    ),
    Variant(
        name="trend-reading-extrapolates",
        why="a slope fitted to five noisy points is not a measurement: its uncertainty is larger than the slope",
        cells={"trend-reading": 'TREND_READING = "a"'},
        fails={"test-trend-reading"},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
_START_LOWER = ("the final loop steps n up to the smallest n that satisfies (1 - p) ** n <= 1 - q from any start at or "
                "below it; this mutant only lowers the start (closed form or downward loop), so the result is the same")
EQUIVALENT_MUTANTS = {
    "applications@65d8875f": _START_LOWER,
    "applications@a28c9a39": _START_LOWER,
    "applications@69558b80": _START_LOWER,
    "applications@021140d5": "the downward and upward loops make n exact from any start >= 0, and the product of the "
                             "two logarithms is a start >= 0",
    "applications@a0c7f7a0": _START_LOWER,
    "applications@0440bc9f": _START_LOWER,
    "applications@4a3036cd": _START_LOWER,
    "simulation@edd6751c": "differs only when a draw of rng.random() equals p exactly (probability about 2**-53 per "
                           "draw); no seed a test could search finds one",
    "weakest-area@bb20dce2": "np.clip(0.0, v, 10.0) is min(max(0.0, v), 10.0), the same as np.clip(v, 0.0, 10.0) for "
                             "every v",
    "plot-mock-trend@7a99927c": "the spec does not fix the markers' size: s=19 draws the same points and lines",
    "plot-mock-trend@089374c7": "the spec does not fix the markers' size: s=17 draws the same points and lines",
}

"""Plausible wrong answers to 09_myths_vs_reality/1_reading_the_evidence; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

# survey_interval_table() calls proportion_interval(), so a wrong interval also gives a wrong table.
INTERVAL = """
def proportion_interval(k, n, confidence=0.95, method="wilson"):
    if n < 1 or k < 0 or k > n:
        raise ValueError("need n >= 1 and 0 <= k <= n")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be strictly between 0 and 1")
    alpha = 1 - confidence
    if method == "wilson":
        z = stats.norm.ppf(1 - alpha / 2)
        centre = (k + z**2 / 2) / (n + z**2)
        half = z / (n + z**2) * math.sqrt(k * (n - k) / n + z**2 / 4)
        low = 0.0 if k == 0 else centre - half
        high = 1.0 if k == n else centre + half
    elif method == "exact":
        low = 0.0 if k == 0 else stats.beta.ppf(alpha / 2, k, n - k + 1)
        high = 1.0 if k == n else stats.beta.ppf(1 - alpha / 2, k + 1, n - k)
    else:
        raise ValueError("unknown method")
    return float(low), float(high)
"""

TABLE = """
def survey_interval_table(share_percent, sample_sizes, confidence=0.95):
    rows = []
    for n in sample_sizes:
        k = math.floor(share_percent * n / 100 + 0.5)
        wilson_low, wilson_high = proportion_interval(k, n, confidence, "wilson")
        exact_low, exact_high = proportion_interval(k, n, confidence, "exact")
        rows.append({"k": k, "share": k / n, "wilson_low": wilson_low, "wilson_high": wilson_high,
                     "exact_low": exact_low, "exact_high": exact_high,
                     "margin_points": 100 * (wilson_high - wilson_low) / 2})
    table = pd.DataFrame(rows, index=pd.Index(list(sample_sizes), name="n"))
    return table.astype({"k": "int64"})
"""

APPLY = """
def apply_change(before, change_percent, reading):
    if not 0 <= before <= 1:
        raise ValueError("before must be a share")
    if reading == "relative":
        after = before * (1 + change_percent / 100)
    elif reading == "points":
        after = before + change_percent / 100
    else:
        raise ValueError("unknown reading")
    if not 0 <= after <= 1:
        raise ValueError("not a share")
    return float(after)
"""

ANNUAL = """
def annual_rate(total_change_percent, period):
    start, end = (int(part) for part in period.split("-"))
    years = end - start
    if years <= 0:
        raise ValueError("backwards period")
    if total_change_percent <= -100:
        raise ValueError("cannot compound")
    return float(100 * ((1 + total_change_percent / 100) ** (1 / years) - 1))
"""

RISKS = """
def risk_measures(table):
    (a, b), (c, d) = np.asarray(table, dtype=float)
    risk_exposed, risk_control = a / (a + b), c / (c + d)
    return {"risk_exposed": float(risk_exposed), "risk_control": float(risk_control),
            "risk_difference": float(risk_exposed - risk_control),
            "relative_risk": float(risk_exposed / risk_control), "odds_ratio": float(a * d / (b * c))}
"""

IMPLIED = """
def implied_by_relative_risk(relative_risk, baseline_risk):
    if not 0 < baseline_risk < 1:
        raise ValueError("baseline")
    if relative_risk < 0:
        raise ValueError("negative RR")
    risk_exposed = relative_risk * baseline_risk
    if risk_exposed >= 1:
        raise ValueError("risk >= 1")
    odds_ratio = (risk_exposed / (1 - risk_exposed)) / (baseline_risk / (1 - baseline_risk))
    return {"risk_exposed": float(risk_exposed), "risk_difference_points": float(100 * (risk_exposed - baseline_risk)),
            "odds_ratio": float(odds_ratio)}
"""

RR_INTERVAL = """
def relative_risk_interval(table, confidence=0.95):
    (a, b), (c, d) = np.asarray(table, dtype=float)
    rr = (a / (a + b)) / (c / (c + d))
    se = math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
    z = statistics.NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    return float(rr * math.exp(-z * se)), float(rr * math.exp(z * se))
"""

MH = """
def crude_and_mantel_haenszel(df, exposure, outcome, stratum):
    def counts(part):
        exposed = part[exposure] == 1
        a, n1 = part.loc[exposed, outcome].sum(), exposed.sum()
        c, n0 = part.loc[~exposed, outcome].sum(), (~exposed).sum()
        return float(a), float(n1), float(c), float(n0)

    a, n1, c, n0 = counts(df)
    crude = (a / n1) / (c / n0)
    numerator = denominator = 0.0
    for _, part in df.groupby(stratum):
        a, n1, c, n0 = counts(part)
        total = n1 + n0
        numerator += a * n0 / total
        denominator += c * n1 / total
    return float(crude), float(numerator / denominator)
"""


def edit(code: str, old: str, new: str) -> str:
    """The reference `code` with one exact fragment replaced (the fragment must be there)."""
    assert old in code, f"fragment not found: {old!r}"
    return code.replace(old, new)


VARIANTS = [
    # ------------------------------------------------------------------ 1.1 proportion_interval
    Variant(
        name="interval-wald",
        why="the Wilson branch computes the Wald interval p ± z·sqrt(p(1-p)/n), which is not the score interval "
            "(and collapses to a point at k = 0)",
        cells={"proportion-interval": edit(
            INTERVAL,
            """        centre = (k + z**2 / 2) / (n + z**2)
        half = z / (n + z**2) * math.sqrt(k * (n - k) / n + z**2 / 4)""",
            """        centre = k / n
        half = z * math.sqrt(centre * (1 - centre) / n)""")},
        fails={"test-interval-wilson", "test-interval-edges", "test-survey-table-values"},
    ),
    Variant(
        name="interval-one-sided-z",
        why="z is taken at the confidence level itself, a one-sided quantile: a two-sided interval puts half of "
            "alpha in each tail",
        cells={"proportion-interval": edit(INTERVAL, "z = stats.norm.ppf(1 - alpha / 2)",
                                           "z = stats.norm.ppf(confidence)")},
        fails={"test-interval-wilson", "test-interval-edges", "test-survey-table-values"},
    ),
    Variant(
        name="interval-exact-beta-shapes-swapped",
        why="the Beta shape parameters of the exact lower limit are those of the upper limit: the lower end is "
            "Beta(k, n - k + 1), the upper end Beta(k + 1, n - k)",
        cells={"proportion-interval": edit(INTERVAL, "stats.beta.ppf(alpha / 2, k, n - k + 1)",
                                           "stats.beta.ppf(alpha / 2, k + 1, n - k)")},
        fails={"test-interval-exact", "test-interval-edges", "test-survey-table-values"},
    ),
    Variant(
        name="interval-exact-no-end-point-rule",
        why="the exact interval uses the Beta quantile at k = 0 and k = n too, where it is undefined (NaN): "
            "the end points are exactly 0 and 1 there",
        cells={"proportion-interval": edit(edit(
            INTERVAL, "low = 0.0 if k == 0 else stats.beta.ppf(alpha / 2, k, n - k + 1)",
            "low = stats.beta.ppf(alpha / 2, k, n - k + 1)"),
            "high = 1.0 if k == n else stats.beta.ppf(1 - alpha / 2, k + 1, n - k)",
            "high = stats.beta.ppf(1 - alpha / 2, k + 1, n - k)")},
        fails={"test-interval-edges"},
    ),
    Variant(
        name="interval-calls-binomtest",
        why="the interval is read from scipy's binomtest, the function it is compared with",
        cells={"proportion-interval": """
            from scipy.stats import binomtest

            def proportion_interval(k, n, confidence=0.95, method="wilson"):
                if method not in ("wilson", "exact") or not 0 < confidence < 1 or n < 1 or not 0 <= k <= n:
                    raise ValueError("invalid input")
                ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method=method)
                return float(ci.low), float(ci.high)
        """},
        fails={"test-interval-wilson", "test-interval-exact"},
    ),
    Variant(
        name="interval-no-validation",
        why="invalid input (k > n, n = 0, a confidence of 0 or 1, an unknown method) is not rejected with "
            "ValueError",
        cells={"proportion-interval": """
            def proportion_interval(k, n, confidence=0.95, method="wilson"):
                alpha = 1 - confidence
                if method == "exact":
                    low = 0.0 if k == 0 else stats.beta.ppf(alpha / 2, k, n - k + 1)
                    high = 1.0 if k == n else stats.beta.ppf(1 - alpha / 2, k + 1, n - k)
                    return float(low), float(high)
                z = stats.norm.ppf(1 - alpha / 2)
                centre = (k + z**2 / 2) / (n + z**2)
                half = z / (n + z**2) * math.sqrt(max(k * (n - k) / n, 0) + z**2 / 4)
                return float(0.0 if k == 0 else centre - half), float(1.0 if k == n else centre + half)
        """},
        fails={"test-interval-edges"},
    ),
    # ------------------------------------------------------------------ 1.2 survey_interval_table
    Variant(
        name="table-python-round",
        why="k is rounded with round(), which sends halves to the nearest even number (4.5 becomes 4): the rule "
            "rounds halves up",
        cells={"survey-interval-table": edit(TABLE, "k = math.floor(share_percent * n / 100 + 0.5)",
                                             "k = round(share_percent * n / 100)")},
        fails={"test-survey-table-values"},
    ),
    Variant(
        name="table-margin-as-proportion",
        why="the margin is left as a proportion: percentage points are 100 times the half-width",
        cells={"survey-interval-table": edit(TABLE, "100 * (wilson_high - wilson_low) / 2",
                                             "(wilson_high - wilson_low) / 2")},
        fails={"test-survey-table-values"},
    ),
    Variant(
        name="table-index-unnamed",
        why="the index holds the sample sizes but has no name: it should be named 'n'",
        cells={"survey-interval-table": edit(TABLE, 'pd.Index(list(sample_sizes), name="n")',
                                             "pd.Index(list(sample_sizes))")},
        fails={"test-survey-table-shape"},
    ),
    Variant(
        name="table-share-in-percent",
        why="the share column is in percent while the interval columns are proportions",
        cells={"survey-interval-table": edit(TABLE, '"share": k / n', '"share": 100 * k / n')},
        fails={"test-survey-table-shape", "test-survey-table-values"},
    ),
    # ------------------------------------------------------------------ 1.3 INTERVAL_MEANING
    Variant(
        name="interval-meaning-posterior",
        why="a confidence interval is not a probability statement about this particular interval",
        cells={"interval-meaning": 'INTERVAL_MEANING = "a"'},
        fails={"test-interval-meaning"},
    ),
    Variant(
        name="interval-meaning-replication",
        why="a confidence interval is not a prediction interval for the share of a repeated survey",
        cells={"interval-meaning": 'INTERVAL_MEANING = "d"'},
        fails={"test-interval-meaning"},
    ),
    # ------------------------------------------------------------------ 2.1 apply_change
    Variant(
        name="apply-points-not-divided",
        why="the percentage-point change is added without dividing by 100 (45 points is 0.45 of a share)",
        cells={"apply-change": edit(APPLY, "after = before + change_percent / 100", "after = before + change_percent")},
        fails={"test-apply-change", "test-apply-change-invalid"},
    ),
    Variant(
        name="apply-readings-swapped",
        why="the relative formula is used for 'points' and the other way round",
        cells={"apply-change": edit(edit(APPLY, 'if reading == "relative":', 'if reading == "points":'),
                                    'elif reading == "points":', 'elif reading == "relative":')},
        fails={"test-apply-change", "test-apply-change-invalid"},
    ),
    Variant(
        name="apply-no-range-check",
        why="an impossible reading (a share below 0 or above 1) is returned instead of raising ValueError",
        cells={"apply-change": edit(APPLY, """    if not 0 <= after <= 1:
        raise ValueError("not a share")
""", "")},
        fails={"test-apply-change-invalid"},
    ),
    Variant(
        name="apply-strict-range",
        why="a result of exactly 0 or exactly 1 is rejected, but it is a possible share",
        cells={"apply-change": edit(APPLY, "if not 0 <= after <= 1:", "if not 0 < after < 1:")},
        fails={"test-apply-change-invalid"},
    ),
    # ------------------------------------------------------------------ 2.2 annual_rate
    Variant(
        name="annual-simple-average",
        why="the total change is divided by the number of years; changes compound, so the rate is the years-th "
            "root of the growth factor",
        cells={"annual-rate": edit(ANNUAL, "100 * ((1 + total_change_percent / 100) ** (1 / years) - 1)",
                                   "total_change_percent / years")},
        fails={"test-annual-rate"},
    ),
    Variant(
        name="annual-years-inclusive",
        why="both end years are counted (2010-2014 as 5 years): a period spans end - start yearly steps",
        cells={"annual-rate": edit(ANNUAL, "years = end - start", "years = end - start + 1")},
        fails={"test-annual-rate", "test-annual-rate-invalid"},
    ),
    Variant(
        name="annual-rate-as-fraction",
        why="the rate is returned as a fraction (-0.07) instead of a percentage (-7)",
        cells={"annual-rate": edit(ANNUAL, "return float(100 * (", "return float((")},
        fails={"test-annual-rate"},
    ),
    Variant(
        name="annual-no-validation",
        why="a backwards period or a change of -100 % or less is not rejected with ValueError",
        cells={"annual-rate": """
            def annual_rate(total_change_percent, period):
                start, end = (int(part) for part in period.split("-"))
                years = (end - start) or 1
                return float(100 * (abs(1 + total_change_percent / 100) ** (1 / years) - 1))
        """},
        fails={"test-annual-rate-invalid"},
    ),
    # ------------------------------------------------------------------ 3.1 risk_measures
    Variant(
        name="risks-by-column",
        why="each risk divides by a column total (a / (a + c)); the groups are the rows, so divide by row totals",
        cells={"risk-measures": edit(RISKS, "risk_exposed, risk_control = a / (a + b), c / (c + d)",
                                     "risk_exposed, risk_control = a / (a + c), c / (a + c)")},
        fails={"test-risk-measures-toy", "test-risk-measures-scipy"},
    ),
    Variant(
        name="odds-ratio-inverted",
        why="the odds ratio is bc / ad, the odds of the control group over those of the exposed group",
        cells={"risk-measures": edit(RISKS, "a * d / (b * c)", "b * c / (a * d)")},
        fails={"test-risk-measures-toy", "test-risk-measures-scipy"},
    ),
    Variant(
        name="relative-risk-of-counts",
        why="the relative risk divides counts (a / c), which only works when both groups have the same size",
        cells={"risk-measures": edit(RISKS, "risk_exposed / risk_control", "a / c")},
        fails={"test-risk-measures-toy", "test-risk-measures-scipy"},
    ),
    Variant(
        name="risk-difference-reversed",
        why="the risk difference is control minus exposed; it is the exposed risk minus the control risk",
        cells={"risk-measures": edit(RISKS, "risk_exposed - risk_control", "risk_control - risk_exposed")},
        fails={"test-risk-measures-toy"},
    ),
    Variant(
        name="risks-call-scipy",
        why="the relative risk and odds ratio are taken from scipy inside a from-scratch exercise",
        cells={"risk-measures": """
            from scipy.stats.contingency import odds_ratio, relative_risk

            def risk_measures(table):
                (a, b), (c, d) = np.asarray(table, dtype=int)
                rr = relative_risk(int(a), int(a + b), int(c), int(c + d)).relative_risk
                return {"risk_exposed": a / (a + b), "risk_control": c / (c + d),
                        "risk_difference": a / (a + b) - c / (c + d), "relative_risk": float(rr),
                        "odds_ratio": float(odds_ratio(np.array([[a, b], [c, d]]), kind="sample").statistic)}
        """},
        fails={"test-risk-measures-scipy"},
    ),
    # ------------------------------------------------------------------ 3.2 implied_by_relative_risk
    Variant(
        name="implied-odds-ratio-equals-rr",
        why="the odds ratio is taken equal to the relative risk, which only holds for rare outcomes",
        cells={"implied-by-rr": edit(
            IMPLIED, "odds_ratio = (risk_exposed / (1 - risk_exposed)) / (baseline_risk / (1 - baseline_risk))",
            "odds_ratio = relative_risk")},
        fails={"test-implied"},
    ),
    Variant(
        name="implied-difference-as-proportion",
        why="the risk difference is left as a proportion; percentage points are 100 times it",
        cells={"implied-by-rr": edit(IMPLIED, "float(100 * (risk_exposed - baseline_risk))",
                                     "float(risk_exposed - baseline_risk)")},
        fails={"test-implied"},
    ),
    Variant(
        name="implied-allows-risk-one",
        why="an implied risk of exactly 1 is accepted, but its odds are infinite: the check must be >= 1",
        cells={"implied-by-rr": edit(IMPLIED, "if risk_exposed >= 1:", "if risk_exposed > 1:")},
        fails={"test-implied-invalid"},
    ),
    Variant(
        name="implied-no-validation",
        why="an impossible baseline or relative risk is not rejected with ValueError",
        cells={"implied-by-rr": """
            def implied_by_relative_risk(relative_risk, baseline_risk):
                p1 = min(relative_risk * baseline_risk, 0.999999)
                p0 = min(max(baseline_risk, 1e-9), 0.999999)
                return {"risk_exposed": p1, "risk_difference_points": 100 * (p1 - p0),
                        "odds_ratio": (p1 / (1 - p1)) / (p0 / (1 - p0))}
        """},
        fails={"test-implied-invalid"},
    ),
    # ------------------------------------------------------------------ 3.3 relative_risk_interval
    Variant(
        name="rr-interval-se-without-totals",
        why="the standard error of log RR leaves out the -1/(a+b) and -1/(c+d) terms (that is the odds-ratio "
            "formula's shape)",
        cells={"rr-interval": edit(RR_INTERVAL, "1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)", "1 / a + 1 / c")},
        fails={"test-rr-interval"},
    ),
    Variant(
        name="rr-interval-symmetric",
        why="the interval is symmetric around RR; Katz's interval is symmetric on the log scale",
        cells={"rr-interval": edit(RR_INTERVAL,
                                   "return float(rr * math.exp(-z * se)), float(rr * math.exp(z * se))",
                                   "return float(rr - z * se * rr), float(rr + z * se * rr)")},
        fails={"test-rr-interval"},
    ),
    Variant(
        name="rr-interval-one-sided-z",
        why="z is the one-sided quantile at the confidence level; a two-sided interval needs 1 - alpha/2",
        cells={"rr-interval": edit(RR_INTERVAL, "inv_cdf(1 - (1 - confidence) / 2)", "inv_cdf(confidence)")},
        fails={"test-rr-interval"},
    ),
    # ------------------------------------------------------------------ 4.1 crude_and_mantel_haenszel
    Variant(
        name="mh-mean-of-stratum-ratios",
        why="the strata's relative risks are averaged without weights, and a stratum with one group only gives "
            "NaN: Mantel-Haenszel weights each stratum by its counts",
        cells={"mantel-haenszel": edit(MH, """    numerator = denominator = 0.0
    for _, part in df.groupby(stratum):
        a, n1, c, n0 = counts(part)
        total = n1 + n0
        numerator += a * n0 / total
        denominator += c * n1 / total
    return float(crude), float(numerator / denominator)""", """    ratios = []
    for _, part in df.groupby(stratum):
        a, n1, c, n0 = counts(part)
        ratios.append((a / n1) / (c / n0) if n1 and n0 else float("nan"))
    return float(crude), float(np.mean(ratios))""")},
        fails={"test-mh-stratified", "test-mh-degenerate"},
    ),
    Variant(
        name="mh-standardised-by-stratum-size",
        why="each stratum's risks are weighted by the stratum's size (direct standardisation), which is not the "
            "Mantel-Haenszel estimator",
        cells={"mantel-haenszel": edit(MH, """        numerator += a * n0 / total
        denominator += c * n1 / total""", """        if n1 and n0:
            numerator += total * a / n1
            denominator += total * c / n0""")},
        fails={"test-mh-stratified"},
    ),
    Variant(
        name="mh-crude-as-stratum-average",
        why="the crude ratio is averaged over strata; the crude ratio pools all rows into one 2x2 table",
        cells={"mantel-haenszel": edit(MH, "    crude = (a / n1) / (c / n0)\n",
                                       "    crude = float(np.mean([(lambda t: (t[0] / t[1]) / (t[2] / t[3]))"
                                       "(counts(p)) for _, p in df.groupby(stratum)]))\n")},
        fails={"test-mh-crude", "test-mh-degenerate"},
    ),
    Variant(
        name="mh-crude-roles-swapped",
        why="the crude ratio compares exposure rates between outcome groups: exposure and outcome are swapped",
        cells={"mantel-haenszel": edit(MH, "    crude = (a / n1) / (c / n0)\n", """    with_outcome = df[outcome] == 1
    crude = df.loc[with_outcome, exposure].mean() / df.loc[~with_outcome, exposure].mean()
""")},
        fails={"test-mh-crude", "test-mh-stratified"},
    ),
    Variant(
        name="mh-crude-calls-scipy",
        why="the crude ratio comes from scipy's relative_risk inside a from-scratch exercise",
        cells={"mantel-haenszel": "from scipy.stats.contingency import relative_risk\n" + edit(
            MH, "    crude = (a / n1) / (c / n0)\n",
            "    crude = relative_risk(int(a), int(n1), int(c), int(n0)).relative_risk\n")},
        fails={"test-mh-crude", "test-mh-stratified"},
    ),
    # ------------------------------------------------------------------ 4.2 CONFOUNDING_VERDICT
    Variant(
        name="confounding-no-effect-anywhere",
        why="a simulation with no effect shows what can happen, not what does happen in the real labour market",
        cells={"confounding-verdict": 'CONFOUNDING_VERDICT = "a"'},
        fails={"test-confounding-verdict"},
    ),
    Variant(
        name="confounding-crude-more-reliable",
        why="stratifying on a confounder removes bias; it does not throw away the information that matters",
        cells={"confounding-verdict": 'CONFOUNDING_VERDICT = "c"'},
        fails={"test-confounding-verdict"},
    ),
]

"""Plausible wrong answers to 10_career_resilience/2_networks_and_age_diversity; each must lose exactly the tests
in `fails`."""

from course.proof.variants import Variant

PATH = """
def introduction_path(adjacency, me, target):
    parent = {me: None}
    queue = [me]
    for person in queue:
        if person == target:
            break
        for contact in sorted(adjacency[person]):
            if contact not in parent:
                parent[contact] = person
                queue.append(contact)
    if target not in parent:
        return []
    path = [target]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]
"""

CONNECTORS = """
def best_connectors(adjacency, me, k):
    second = set(second_degree(adjacency, me))
    counts = [(contact, len(second & set(adjacency[contact]))) for contact in set(adjacency[me])]
    return sorted(counts, key=lambda pair: (-pair[1], pair[0]))[:k]
"""

SUMMARY = """
def age_summary(ages):
    ages = np.asarray(ages, dtype=float)
    return {"mean": float(ages.mean()), "median": float(np.median(ages)),
            "p10": float(np.percentile(ages, 10)), "p90": float(np.percentile(ages, 90)),
            "share_40_plus": float(np.mean(ages >= 40)), "share_50_plus": float(np.mean(ages >= 50))}
"""

SHARE = """
def max_share_at_least(mean_age, min_age, threshold):
    if mean_age < min_age or threshold <= min_age:
        raise ValueError("need mean_age >= min_age and threshold > min_age")
    return float(min(1.0, (mean_age - min_age) / (threshold - min_age)))
"""

HISTOGRAM = """
def plot_age_histogram(ages, edges):
    ages = np.asarray(ages, dtype=float)
    mean = float(ages.mean())
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.hist(ages, bins=edges, color="tab:blue", alpha=0.8)
    ax.axvline(mean, color="tab:red", linestyle="--", label="mean")
    ax.set_title(f"Age distribution (synthetic data), mean {mean:.1f} years")
    ax.set_xlabel("Age (years)")
    ax.set_ylabel("Employees")
    ax.legend()
    return fig
"""

RATES = """
def selection_rates(log):
    age = log["age"].to_numpy()
    band = np.select([age < 30, age < 40, age < 50], AGE_BANDS[:3], AGE_BANDS[3])
    applicants = pd.Series(band).value_counts().reindex(AGE_BANDS, fill_value=0)
    selected = log["selected"].groupby(band).sum().reindex(AGE_BANDS, fill_value=0)
    table = pd.DataFrame({"applicants": applicants.to_numpy().astype("int64"),
                          "selected": selected.to_numpy().astype("int64")},
                         index=pd.Index(AGE_BANDS, name="age_band"))
    table["rate"] = table["selected"] / table["applicants"].replace(0, np.nan)
    return table
"""

IMPACT = """
def impact_ratios(rates):
    table = pd.DataFrame({"rate": rates["rate"].astype(float)}, index=rates.index)
    table["impact_ratio"] = table["rate"] / table["rate"].max()
    table["flag"] = (table["impact_ratio"] < FOUR_FIFTHS).astype(bool)
    return table
"""

FISHER = """
def fisher_two_sided(table):
    (a, b), (c, d) = [[int(v) for v in row] for row in table]
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2

    def prob(x):
        return math.comb(row1, x) * math.comb(row2, col1 - x) / math.comb(n, col1)

    observed = prob(a)
    support = range(max(0, col1 - row2), min(row1, col1) + 1)
    return float(min(1.0, sum(prob(x) for x in support if prob(x) <= observed * (1 + 1e-7))))
"""

STAR = {
    "Situation": "In March my company closed the team I worked in as part of a cost reduction that affected several "
                 "teams; it was a decision about the product line, and my manager offered to be a reference.",
    "Task": "I wanted to use the time to close the gap in my profile: I had built models but never owned serving "
            "and monitoring in production, which the roles I target now ask for.",
    "Action": "I set aside 10 hours a week for two courses, rebuilt a small ranking service end to end with a canary "
              "rollout and drift alerts, took one freelance contract and asked former colleagues for introductions.",
    "Result": "In 12 weeks I finished both courses, shipped the project and completed a 6-week contract that cut a "
              "client's retraining time from a day to 2 hours, which is the experience this role needs.",
}


def star(sections=("Situation", "Task", "Action", "Result"), bodies=None, repeat=1):
    bodies = {**STAR, **(bodies or {})}
    text = "\n".join(f"## {s}\n" + " ".join([bodies[s]] * repeat) + "\n" for s in sections)
    return 'LAYOFF_ANSWER = r"""\n' + text + '"""'


def edit(code: str, old: str, new: str) -> str:
    """The reference `code` with one exact fragment replaced (the fragment must be there)."""
    assert old in code, f"fragment not found: {old!r}"
    return code.replace(old, new)


VARIANTS = [
    # ------------------------------------------------------------------ 1.1 second_degree
    Variant(
        name="second-degree-keeps-contacts",
        why="your direct contacts are kept among the second-degree ones: distance exactly 2 excludes distance 1",
        cells={"second-degree": """
            def second_degree(adjacency, me):
                return sorted({other for contact in adjacency[me] for other in adjacency[contact]} - {me})
        """},
        fails={"test-second-degree", "test-best-connectors"},
    ),
    Variant(
        name="second-degree-includes-me",
        why="you are a contact of each of your contacts, so you appear among the second-degree contacts",
        cells={"second-degree": """
            def second_degree(adjacency, me):
                first = set(adjacency[me])
                return sorted({other for contact in first for other in adjacency[contact]} - first)
        """},
        fails={"test-second-degree", "test-best-connectors"},
    ),
    Variant(
        name="second-degree-calls-scipy",
        why="scipy.sparse.csgraph inside a from-scratch exercise",
        cells={"second-degree": """
            from scipy.sparse import csr_matrix
            from scipy.sparse.csgraph import shortest_path

            def second_degree(adjacency, me):
                n = len(adjacency)
                rows = [i for i, nb in adjacency.items() for _ in nb]
                cols = [j for nb in adjacency.values() for j in nb]
                graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
                dist = shortest_path(graph, directed=False, unweighted=True, indices=me)
                return np.flatnonzero(dist == 2).tolist()
        """},
        fails={"test-second-degree"},
    ),
    # ------------------------------------------------------------------ 1.2 introduction_path
    Variant(
        name="path-contacts-unsorted",
        why="the contacts are visited in the order of the (unsorted) lists, so ties are not broken by the smallest "
            "id",
        cells={"introduction-path": edit(PATH, "for contact in sorted(adjacency[person]):",
                                         "for contact in adjacency[person]:")},
        fails={"test-introduction-path"},
    ),
    Variant(
        name="path-unreachable-none",
        why="an unreachable target gives None instead of an empty list",
        cells={"introduction-path": edit(PATH, "        return []\n", "        return None\n")},
        fails={"test-introduction-path"},
    ),
    Variant(
        name="path-not-reversed",
        why="the path is returned from the target back to you; it starts with you",
        cells={"introduction-path": edit(PATH, "return path[::-1]", "return path")},
        fails={"test-introduction-path"},
    ),
    Variant(
        name="path-calls-scipy",
        why="scipy's shortest_path with predecessors inside a from-scratch exercise",
        cells={"introduction-path": """
            from scipy.sparse import csr_matrix
            from scipy.sparse.csgraph import shortest_path

            def introduction_path(adjacency, me, target):
                n = len(adjacency)
                rows = [i for i, nb in adjacency.items() for _ in nb]
                cols = [j for nb in adjacency.values() for j in nb]
                graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
                dist = shortest_path(graph, directed=False, unweighted=True, indices=target)
                if not np.isfinite(dist[me]):
                    return []
                path = [me]
                while path[-1] != target:
                    path.append(min(c for c in adjacency[path[-1]] if dist[c] == dist[path[-1]] - 1))
                return path
        """},
        fails={"test-introduction-path"},
    ),
    # ------------------------------------------------------------------ 1.3 best_connectors
    Variant(
        name="connectors-ties-by-largest-id",
        why="equal counts are ordered by decreasing id; the rule asks for increasing id",
        cells={"best-connectors": edit(CONNECTORS, "(-pair[1], pair[0])", "(-pair[1], -pair[0])")},
        fails={"test-best-connectors"},
    ),
    Variant(
        name="connectors-count-common-contacts",
        why="each contact is scored by the contacts you share, not by the new people they can introduce",
        cells={"best-connectors": edit(CONNECTORS, "len(second & set(adjacency[contact]))",
                                       "len(set(adjacency[me]) & set(adjacency[contact]))")},
        fails={"test-best-connectors"},
    ),
    Variant(
        name="connectors-drop-zero-counts",
        why="contacts who can introduce nobody new are dropped; the rule keeps them (with a count of 0)",
        cells={"best-connectors": edit(CONNECTORS, "return sorted(counts,",
                                       "counts = [pair for pair in counts if pair[1] > 0]\n    return sorted(counts,")},
        fails={"test-best-connectors"},
    ),
    # ------------------------------------------------------------------ 2.1 age_summary
    Variant(
        name="summary-strictly-over-40",
        why="people aged exactly 40 (or 50) are left out: '40 or more' includes 40",
        cells={"age-summary": edit(edit(SUMMARY, "ages >= 40", "ages > 40"), "ages >= 50", "ages > 50")},
        fails={"test-age-summary"},
    ),
    Variant(
        name="summary-nearest-percentile",
        why="the percentiles use the nearest value instead of numpy's default linear interpolation",
        cells={"age-summary": edit(edit(SUMMARY, "np.percentile(ages, 10)", 'np.percentile(ages, 10, method="nearest")'),
                                   "np.percentile(ages, 90)", 'np.percentile(ages, 90, method="nearest")')},
        fails={"test-age-summary"},
    ),
    Variant(
        name="summary-shares-in-percent",
        why="the shares are percentages; the rule asks for proportions",
        cells={"age-summary": edit(edit(SUMMARY, "float(np.mean(ages >= 40))", "float(100 * np.mean(ages >= 40))"),
                                   "float(np.mean(ages >= 50))", "float(100 * np.mean(ages >= 50))")},
        fails={"test-age-summary"},
    ),
    # ------------------------------------------------------------------ 2.2 max_share_at_least
    Variant(
        name="share-markov-unshifted",
        why="Markov's inequality is used without shifting by the minimum age (mean / threshold), a looser bound",
        cells={"max-share": edit(SHARE, "(mean_age - min_age) / (threshold - min_age)", "mean_age / threshold")},
        fails={"test-max-share"},
    ),
    Variant(
        name="share-not-capped",
        why="a share cannot exceed 1: with a threshold below the mean, everybody can be that old",
        cells={"max-share": edit(SHARE, "float(min(1.0, (mean_age - min_age) / (threshold - min_age)))",
                                 "float((mean_age - min_age) / (threshold - min_age))")},
        fails={"test-max-share"},
    ),
    Variant(
        name="share-no-validation",
        why="a mean below the minimum age, or a threshold at or below it, is not rejected with ValueError",
        cells={"max-share": """
            def max_share_at_least(mean_age, min_age, threshold):
                return float(min(1.0, max(0.0, (mean_age - min_age) / max(threshold - min_age, 1e-9))))
        """},
        fails={"test-max-share"},
    ),
    # ------------------------------------------------------------------ 2.3 plot_age_histogram
    Variant(
        name="histogram-bin-count",
        why="the number of bins is passed instead of the edges, so matplotlib chooses its own edges",
        cells={"plot-age-histogram": edit(HISTOGRAM, "ax.hist(ages, bins=edges,", "ax.hist(ages, bins=len(edges) - 1,")},
        fails={"test-histogram-bars"},
    ),
    Variant(
        name="histogram-right-closed",
        why="the bins are closed on the right (pd.cut's default), so an age on an edge lands in the lower bin",
        cells={"plot-age-histogram": edit(HISTOGRAM, 'ax.hist(ages, bins=edges, color="tab:blue", alpha=0.8)',
                                          'counts = pd.Series(pd.cut(ages, edges, include_lowest=True)).value_counts(sort=False)\n'
                                          '    ax.bar(edges[:-1], counts.to_numpy(), width=np.diff(edges), align="edge")')},
        fails={"test-histogram-bars"},
    ),
    Variant(
        name="histogram-line-at-median",
        why="the vertical line marks the median; the title and the line should show the mean",
        cells={"plot-age-histogram": edit(HISTOGRAM, "mean = float(ages.mean())", "mean = float(np.median(ages))")},
        fails={"test-histogram-labels"},
    ),
    Variant(
        name="histogram-no-legend",
        why="the mean line is drawn but the Axes has no legend",
        cells={"plot-age-histogram": edit(HISTOGRAM, "    ax.legend()\n", "")},
        fails={"test-histogram-labels"},
    ),
    # ------------------------------------------------------------------ 2.4 AVERAGE_HIDES
    Variant(
        name="average-hides-near-zero",
        why="an average of about 30 does not mean everybody is within ten years of it: the tail can be long",
        cells={"average-hides": 'AVERAGE_HIDES = "b"'},
        fails={"test-average-hides"},
    ),
    Variant(
        name="average-hides-same-share",
        why="equal averages do not imply equal shares of older employees: the shapes can differ",
        cells={"average-hides": 'AVERAGE_HIDES = "c"'},
        fails={"test-average-hides"},
    ),
    # ------------------------------------------------------------------ 3.1 selection_rates
    Variant(
        name="rates-bands-closed-right",
        why="an age of exactly 30 (or 40, 50) is put in the lower band: bands are [30, 40), [40, 50), 50 and over",
        cells={"selection-rates": edit(RATES, "[age < 30, age < 40, age < 50]", "[age <= 30, age <= 40, age <= 50]")},
        fails={"test-selection-rates"},
    ),
    Variant(
        name="rates-empty-band-dropped",
        why="a band without applicants is dropped; it should keep its row with 0 applicants and a NaN rate",
        cells={"selection-rates": RATES + "\n_full_rates = selection_rates\n\n\ndef selection_rates(log):\n"
                                          "    table = _full_rates(log)\n    return table[table['applicants'] > 0]\n"},
        fails={"test-selection-rates"},
    ),
    Variant(
        name="rates-bands-alphabetical",
        why="the bands come out in alphabetical order ('30-39' first, 'under 30' last) instead of AGE_BANDS order",
        cells={"selection-rates": RATES + "\n_ordered_rates = selection_rates\n\n\ndef selection_rates(log):\n"
                                          "    return _ordered_rates(log).sort_index()\n"},
        fails={"test-selection-rates"},
    ),
    # ------------------------------------------------------------------ 3.2 impact_ratios
    Variant(
        name="impact-flag-at-four-fifths",
        why="a ratio of exactly 0.8 is flagged; the rule flags ratios below four fifths",
        cells={"impact-ratios": edit(IMPACT, "< FOUR_FIFTHS", "<= FOUR_FIFTHS")},
        fails={"test-impact-ratios"},
    ),
    Variant(
        name="impact-against-youngest-band",
        why="every rate is divided by the youngest band's rate; the reference is the highest rate, whichever band",
        cells={"impact-ratios": edit(IMPACT, 'table["rate"].max()', 'table["rate"].iloc[0]')},
        fails={"test-impact-ratios"},
    ),
    Variant(
        name="impact-against-overall-rate",
        why="every rate is divided by the average of the rates, not by the highest one",
        cells={"impact-ratios": edit(IMPACT, 'table["rate"].max()', 'table["rate"].mean()')},
        fails={"test-impact-ratios"},
    ),
    Variant(
        name="impact-missing-rate-flagged",
        why="a band without a rate is flagged (NaN fails every comparison); it has nothing to flag",
        cells={"impact-ratios": edit(IMPACT, '(table["impact_ratio"] < FOUR_FIFTHS)', '~(table["impact_ratio"] >= FOUR_FIFTHS)')},
        fails={"test-impact-ratios"},
    ),
    # ------------------------------------------------------------------ 3.3 fisher_two_sided
    Variant(
        name="fisher-one-sided",
        why="only the tables with a smaller top-left count are summed (one tail); two-sided sums both tails by "
            "probability",
        cells={"fisher-two-sided": edit(FISHER, "if prob(x) <= observed * (1 + 1e-7)", "if x <= a")},
        fails={"test-fisher"},
    ),
    Variant(
        name="fisher-ties-excluded",
        why="tables exactly as probable as the observed one (other than itself) are left out",
        cells={"fisher-two-sided": edit(FISHER, "if prob(x) <= observed * (1 + 1e-7)",
                                        "if prob(x) < observed * (1 - 1e-7) or x == a")},
        fails={"test-fisher"},
    ),
    Variant(
        name="fisher-calls-scipy",
        why="scipy.stats.fisher_exact inside a from-scratch exercise",
        cells={"fisher-two-sided": """
            from scipy.stats import fisher_exact

            def fisher_two_sided(table):
                return float(fisher_exact(table).pvalue)
        """},
        fails={"test-fisher"},
    ),
    # ------------------------------------------------------------------ 3.4 FOUR_FIFTHS_LIMIT
    Variant(
        name="four-fifths-proves-discrimination",
        why="the four-fifths rule is a screening rule of thumb, not a legal definition of discrimination",
        cells={"four-fifths-limit": 'FOUR_FIFTHS_LIMIT = "a"'},
        fails={"test-four-fifths-limit"},
    ),
    Variant(
        name="four-fifths-measures-skill",
        why="a selection rate measures outcomes of a process, not the applicants' skills",
        cells={"four-fifths-limit": 'FOUR_FIFTHS_LIMIT = "d"'},
        fails={"test-four-fifths-limit"},
    ),
    # ------------------------------------------------------------------ 4.1 LAYOFF_ANSWER
    Variant(
        name="layoff-without-task",
        why="the Task section is missing: STAR has four parts, in order",
        cells={"layoff-answer": star(sections=("Situation", "Action", "Result"), repeat=2)},
        fails={"test-layoff-answer-structure"},
    ),
    Variant(
        name="layoff-result-without-number",
        why="the result has no number: say what changed, and by how much",
        cells={"layoff-answer": star(repeat=2, bodies={"Result": (
            "I finished both courses, shipped the project and completed a freelance contract that made a client's "
            "retraining much faster, which is the experience this role needs.")})},
        fails={"test-layoff-answer-structure"},
    ),
    Variant(
        name="layoff-too-long",
        why="the answer runs to several minutes of speech: about a minute is the goal",
        cells={"layoff-answer": star(repeat=6)},
        fails={"test-layoff-answer-structure"},
    ),
]

# Mutants of the reference solutions that no input allowed by the specification can tell from them (course validate
# --mutants), with the reason; every other mutant loses a point in its exercise or is a listed survivor.
EQUIVALENT_MUTANTS = {
    "selection-rates@ed5a5884": "without replacing 0 by NaN, a band without applicants divides 0 by 0, which pandas "
                                "also makes NaN",
    "selection-rates@43e2624f": "no band has -1 applicants, and 0 / 0 is NaN in pandas anyway (as "
                                "selection-rates@ed5a5884)",
}

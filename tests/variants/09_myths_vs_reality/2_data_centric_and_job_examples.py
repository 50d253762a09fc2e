"""Plausible wrong answers to 09_myths_vs_reality/2_data_centric_and_job_examples; each must lose exactly the tests
in `fails`."""

from course.proof.variants import Variant

# data_centric_experiment() calls the functions of exercises 1.1-1.4, so their mistakes reach its tests too.
FLIP = """
def flip_labels(y, rate, rng):
    y = np.asarray(y)
    if not 0 <= rate <= 1:
        raise ValueError("rate")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels")
    m = math.floor(rate * len(y) + 0.5)
    flipped = np.sort(rng.choice(len(y), size=m, replace=False))
    noisy = y.copy()
    noisy[flipped] = 1 - noisy[flipped]
    return noisy, flipped
"""

OOF = """
def out_of_fold_proba(model, X, y, n_splits=5, seed=0):
    X, y = np.asarray(X), np.asarray(y)
    proba = np.zeros((len(y), len(np.unique(y))))
    for train, test in StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed).split(X, y):
        fitted = clone(model).fit(X[train], y[train])
        proba[test] = fitted.predict_proba(X[test])
    return proba
"""

FLAG = """
def flag_suspect_labels(proba, y, threshold=0.5):
    proba, y = np.asarray(proba, dtype=float), np.asarray(y, dtype=int)
    own = proba[np.arange(len(y)), y]
    return np.flatnonzero(own < threshold).astype(np.int64)
"""

QUALITY = """
def flag_quality(flagged, flipped, n):
    flagged, flipped = set(np.asarray(flagged).tolist()), set(np.asarray(flipped).tolist())
    hits = len(flagged & flipped)
    precision = hits / len(flagged) if flagged else 0.0
    recall = hits / len(flipped) if flipped else 0.0
    return float(precision), float(recall)
"""

EXPERIMENT = """
def data_centric_experiment(X, y, noise_rate, seed, simple_model, complex_model, threshold=0.5):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=seed)
    noisy, flipped = flip_labels(y_train, noise_rate, np.random.default_rng(seed))
    flagged = flag_suspect_labels(out_of_fold_proba(simple_model, X_train, noisy, 5, seed), noisy, threshold)
    keep = np.setdiff1d(np.arange(len(noisy)), flagged)
    precision, recall = flag_quality(flagged, flipped, len(noisy))
    return {
        "n_flagged": int(len(flagged)),
        "flag_precision": precision,
        "flag_recall": recall,
        "simple_noisy": float(clone(simple_model).fit(X_train, noisy).score(X_test, y_test)),
        "simple_cleaned": float(clone(simple_model).fit(X_train[keep], noisy[keep]).score(X_test, y_test)),
        "complex_noisy": float(clone(complex_model).fit(X_train, noisy).score(X_test, y_test)),
    }
"""

PARSE = """
def parse_requirements(text):
    lower = text.lower()
    if "bachelor" in lower:
        min_degree = "bachelor"
    elif "master" in lower:
        min_degree = "master"
    elif re.search(r"(?<!no )ph\\.?d", lower):
        min_degree = "phd"
    else:
        min_degree = "none stated"
    years = re.search(r"(\\d+)\\s*\\+?\\s*years?", lower)
    skills = sorted(skill for skill, keywords in SKILL_KEYWORDS.items() if any(k in lower for k in keywords))
    return {"min_degree": min_degree, "min_years": int(years.group(1)) if years else None, "skills": skills}
"""

TABLE = """
def job_table(jobs, figures):
    rows = []
    for company, job in jobs.items():
        low = float(figures.loc[job["figures_key"] + "-low", "value"])
        high = float(figures.loc[job["figures_key"] + "-high", "value"])
        parsed = parse_requirements(job["requirements"])
        midpoint = (low + high) / 2
        rows.append({"role": job["role"], "salary_low": low, "salary_high": high, "midpoint": midpoint,
                     "width": high - low, "spread_percent": 100 * (high - low) / midpoint,
                     "min_degree": parsed["min_degree"],
                     "min_years": float("nan") if parsed["min_years"] is None else float(parsed["min_years"])})
    return pd.DataFrame(rows, index=pd.Index(list(jobs), name="company"))
"""

COMPARE = """
def compare_ranges(table):
    low, high = float(table["salary_low"].max()), float(table["salary_high"].min())
    return {
        "overlap": [low, high] if low <= high else None,
        "highest_midpoint": sorted(table.index[table["midpoint"] == table["midpoint"].max()].tolist()),
        "widest": sorted(table.index[table["width"] == table["width"].max()].tolist()),
    }
"""

VERDICT_BODY = ("Verdict: not shown by the article's evidence. The claim on line {line} has no sample size, no "
                "baseline and no named method, so it cannot be checked; notebook 1 showed how wide its interval would "
                "be under an assumed sample of 30. A named survey with its design would settle it.")
WORDY_BODY = ("Verdict: not shown by the article's evidence. The claim has no sample size, no baseline and no named "
              "method, so it cannot be checked; the first notebook showed how wide its interval would be under an "
              "assumed small sample. A named survey with its design would settle it.")


def verdicts(sections=range(1, 7), body=VERDICT_BODY):
    text = "\n".join(f"## Myth {i}\n" + body.format(line=100 + i) + "\n" for i in sections)
    return 'MYTH_VERDICTS = r"""\n' + text + '"""'


def edit(code: str, old: str, new: str) -> str:
    """The reference `code` with one exact fragment replaced (the fragment must be there)."""
    assert old in code, f"fragment not found: {old!r}"
    return code.replace(old, new)


VARIANTS = [
    # ------------------------------------------------------------------ 1.1 flip_labels
    Variant(
        name="flip-with-replacement",
        why="the rows to flip are drawn with replacement, so some are drawn twice and fewer labels change",
        cells={"flip-labels": edit(FLIP, "flipped = np.sort(rng.choice(len(y), size=m, replace=False))",
                                   "flipped = np.sort(rng.integers(0, len(y), size=m))")},
        fails={"test-flip-basic", "test-flip-reference", "test-experiment-protocol", "test-experiment-claim"},
    ),
    Variant(
        name="flip-in-place",
        why="the labels are flipped in the array passed in: the caller's y is changed too",
        cells={"flip-labels": edit(FLIP, "noisy = y.copy()", "noisy = y")},
        fails={"test-flip-basic"},
    ),
    Variant(
        name="flip-python-round",
        why="round() sends halves to the nearest even number, so 4.5 flips 4 labels instead of 5",
        cells={"flip-labels": edit(FLIP, "m = math.floor(rate * len(y) + 0.5)", "m = round(rate * len(y))")},
        fails={"test-flip-reference"},
    ),
    Variant(
        name="flip-permutation-draw",
        why="the rows are drawn with rng.permutation instead of the one rng.choice call the rule asks for, so the "
            "flips cannot be reproduced",
        cells={"flip-labels": edit(FLIP, "flipped = np.sort(rng.choice(len(y), size=m, replace=False))",
                                   "flipped = np.sort(rng.permutation(len(y))[:m])")},
        fails={"test-flip-reference", "test-experiment-protocol", "test-experiment-claim"},
    ),
    Variant(
        name="flip-no-validation",
        why="a rate outside [0, 1] or a label other than 0/1 is not rejected with ValueError",
        cells={"flip-labels": """
            def flip_labels(y, rate, rng):
                y = np.asarray(y)
                m = min(max(math.floor(rate * len(y) + 0.5), 0), len(y))
                flipped = np.sort(rng.choice(len(y), size=m, replace=False))
                noisy = y.copy()
                noisy[flipped] = 1 - noisy[flipped]
                return noisy, flipped
        """},
        fails={"test-flip-reference"},
    ),
    # ------------------------------------------------------------------ 1.2 out_of_fold_proba
    Variant(
        name="oof-kfold-not-stratified",
        why="plain KFold ignores the class balance: the folds differ from StratifiedKFold's",
        cells={"out-of-fold": "from sklearn.model_selection import KFold\n" + edit(
            OOF, "StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)",
            "KFold(n_splits=n_splits, shuffle=True, random_state=seed)")},
        fails={"test-oof-reference", "test-experiment-protocol", "test-experiment-claim"},
    ),
    Variant(
        name="oof-no-shuffle",
        why="the folds are not shuffled, so they follow the order of the rows",
        cells={"out-of-fold": edit(OOF, "StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)",
                                   "StratifiedKFold(n_splits=n_splits)")},
        fails={"test-oof-reference", "test-experiment-protocol", "test-experiment-claim"},
    ),
    Variant(
        name="oof-in-sample",
        why="each row is scored by a model that was trained on it (in-sample), so a flipped label looks plausible",
        cells={"out-of-fold": """
            def out_of_fold_proba(model, X, y, n_splits=5, seed=0):
                return clone(model).fit(X, y).predict_proba(X)
        """},
        fails={"test-oof-reference", "test-experiment-protocol"},
    ),
    Variant(
        name="oof-fits-the-model-passed-in",
        why="the model passed in is fitted fold after fold instead of fresh clones of it",
        cells={"out-of-fold": edit(OOF, "fitted = clone(model).fit(X[train], y[train])",
                                   "fitted = model.fit(X[train], y[train])")},
        fails={"test-oof-shape"},
    ),
    Variant(
        name="oof-calls-cross-val-predict",
        why="cross_val_predict is the function this exercise is compared with",
        cells={"out-of-fold": """
            from sklearn.model_selection import cross_val_predict

            def out_of_fold_proba(model, X, y, n_splits=5, seed=0):
                return cross_val_predict(clone(model), X, y, method="predict_proba",
                                         cv=StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed))
        """},
        fails={"test-oof-reference"},
    ),
    # ------------------------------------------------------------------ 1.3 flag_suspect_labels
    Variant(
        name="flag-at-threshold",
        why="a probability equal to the threshold is flagged; the rule flags strictly below it",
        cells={"flag-suspects": edit(FLAG, "own < threshold", "own <= threshold")},
        fails={"test-flag-toy"},
    ),
    Variant(
        name="flag-argmax-disagreement",
        why="rows are flagged when the most probable class differs from the label, which ignores the threshold",
        cells={"flag-suspects": """
            def flag_suspect_labels(proba, y, threshold=0.5):
                return np.flatnonzero(np.asarray(proba).argmax(axis=1) != np.asarray(y)).astype(np.int64)
        """},
        fails={"test-flag-toy", "test-flag-reference", "test-experiment-protocol"},
    ),
    Variant(
        name="flag-uncertain-rows",
        why="rows are flagged when the model is unsure (largest probability below the threshold), not when it "
            "contradicts the row's own label",
        cells={"flag-suspects": """
            def flag_suspect_labels(proba, y, threshold=0.5):
                return np.flatnonzero(np.asarray(proba).max(axis=1) < threshold).astype(np.int64)
        """},
        fails={"test-flag-toy", "test-flag-reference", "test-experiment-protocol", "test-experiment-claim"},
    ),
    # ------------------------------------------------------------------ 1.4 flag_quality
    Variant(
        name="quality-swapped",
        why="precision and recall are swapped: precision divides by the flagged rows, recall by the flipped rows",
        cells={"flag-quality": edit(QUALITY, "return float(precision), float(recall)",
                                    "return float(recall), float(precision)")},
        fails={"test-flag-quality", "test-experiment-protocol"},
    ),
    Variant(
        name="quality-empty-sets",
        why="an empty set of flags (or of flips) divides by zero instead of giving 0.0",
        cells={"flag-quality": """
            def flag_quality(flagged, flipped, n):
                flagged, flipped = set(np.asarray(flagged).tolist()), set(np.asarray(flipped).tolist())
                hits = len(flagged & flipped)
                return hits / len(flagged), hits / len(flipped)
        """},
        fails={"test-flag-quality"},
    ),
    Variant(
        name="quality-calls-sklearn",
        why="precision_score and recall_score inside a from-scratch exercise",
        cells={"flag-quality": """
            from sklearn.metrics import precision_score, recall_score

            def flag_quality(flagged, flipped, n):
                f, t = np.zeros(n, dtype=int), np.zeros(n, dtype=int)
                f[np.asarray(flagged, dtype=int)] = 1
                t[np.asarray(flipped, dtype=int)] = 1
                return (float(precision_score(t, f, zero_division=0)), float(recall_score(t, f, zero_division=0)))
        """},
        fails={"test-flag-quality"},
    ),
    # ------------------------------------------------------------------ 1.5 data_centric_experiment
    Variant(
        name="experiment-noise-before-split",
        why="the labels are flipped before the split, so the test labels are noisy too and no longer measure the "
            "truth",
        cells={"data-centric-experiment": """
            def data_centric_experiment(X, y, noise_rate, seed, simple_model, complex_model, threshold=0.5):
                noisy_all, flipped_all = flip_labels(y, noise_rate, np.random.default_rng(seed))
                X_train, X_test, noisy, y_test = train_test_split(X, noisy_all, test_size=0.3, stratify=y,
                                                                  random_state=seed)
                flagged = flag_suspect_labels(out_of_fold_proba(simple_model, X_train, noisy, 5, seed), noisy, threshold)
                keep = np.setdiff1d(np.arange(len(noisy)), flagged)
                _, y_train_clean, _, _ = train_test_split(y, y, test_size=0.3, stratify=y, random_state=seed)
                flipped = np.flatnonzero(noisy != y_train_clean)
                precision, recall = flag_quality(flagged, flipped, len(noisy))
                return {"n_flagged": int(len(flagged)), "flag_precision": precision, "flag_recall": recall,
                        "simple_noisy": float(clone(simple_model).fit(X_train, noisy).score(X_test, y_test)),
                        "simple_cleaned": float(clone(simple_model).fit(X_train[keep], noisy[keep]).score(X_test, y_test)),
                        "complex_noisy": float(clone(complex_model).fit(X_train, noisy).score(X_test, y_test))}
        """},
        fails={"test-experiment-protocol", "test-experiment-claim"},
    ),
    Variant(
        name="experiment-flags-not-removed",
        why="the 'cleaned' model is trained on every row: the flagged rows were never dropped",
        cells={"data-centric-experiment": edit(EXPERIMENT, "fit(X_train[keep], noisy[keep])", "fit(X_train, noisy)")},
        fails={"test-experiment-protocol", "test-experiment-claim"},
    ),
    Variant(
        name="experiment-complex-on-cleaned",
        why="the complex model is trained on the cleaned rows, so the comparison no longer sets clean data against "
            "a fancier model",
        cells={"data-centric-experiment": edit(EXPERIMENT, "clone(complex_model).fit(X_train, noisy)",
                                               "clone(complex_model).fit(X_train[keep], noisy[keep])")},
        fails={"test-experiment-protocol", "test-experiment-claim"},
    ),
    Variant(
        name="experiment-split-not-stratified",
        why="the train/test split is not stratified by the labels, so it differs from the protocol's split",
        cells={"data-centric-experiment": edit(EXPERIMENT, "test_size=0.3, stratify=y, random_state=seed",
                                               "test_size=0.3, random_state=seed")},
        fails={"test-experiment-protocol", "test-experiment-claim"},
    ),
    # ------------------------------------------------------------------ 1.6 OOF_WHY
    Variant(
        name="oof-why-calibration",
        why="cross-validation is not used here for calibration; the point is that no row scores itself",
        cells={"oof-why": 'OOF_WHY = "b"'},
        fails={"test-oof-why"},
    ),
    Variant(
        name="oof-why-same-flags",
        why="in-sample probabilities do not flag the same rows: the model has fitted the flipped labels",
        cells={"oof-why": 'OOF_WHY = "c"'},
        fails={"test-oof-why"},
    ),
    # ------------------------------------------------------------------ 2.1 parse_requirements
    Variant(
        name="parse-highest-degree",
        why="the highest degree named is returned; the rule asks for the lowest (the entry bar)",
        cells={"parse-requirements": edit(edit(PARSE, 'if "bachelor" in lower:\n        min_degree = "bachelor"',
                                               'if "master" in lower:\n        min_degree = "master"'),
                                          'elif "master" in lower:\n        min_degree = "master"',
                                          'elif "bachelor" in lower:\n        min_degree = "bachelor"')},
        fails={"test-parse-article", "test-parse-generated", "test-job-table-article"},
    ),
    Variant(
        name="parse-negated-phd-counted",
        why="'no PhD required' is read as a PhD requirement: a negated degree is not named",
        cells={"parse-requirements": edit(PARSE, r'r"(?<!no )ph\.?d"', r'r"ph\.?d"')},
        fails={"test-parse-article", "test-parse-generated", "test-job-table-article"},
    ),
    Variant(
        name="parse-years-need-plus",
        why="only '5+ years' is read; '7 years' without a plus sign is missed",
        cells={"parse-requirements": edit(PARSE, r'r"(\d+)\s*\+?\s*years?"', r'r"(\d+)\s*\+\s*years?"')},
        fails={"test-parse-generated"},
    ),
    Variant(
        name="parse-skills-case-sensitive",
        why="skills are looked up in the original text, so 'Python' or 'TensorFlow' with capitals are missed",
        cells={"parse-requirements": edit(PARSE, "any(k in lower for k in keywords)", "any(k in text for k in keywords)")},
        fails={"test-parse-article", "test-parse-generated"},
    ),
    # ------------------------------------------------------------------ 2.2 job_table
    Variant(
        name="table-midpoint-half-width",
        why="the midpoint is computed as (high - low) / 2, half the width, not the middle of the range",
        cells={"job-table": edit(TABLE, "midpoint = (low + high) / 2", "midpoint = (high - low) / 2")},
        fails={"test-job-table-article", "test-job-table-generated"},
    ),
    Variant(
        name="table-spread-as-fraction",
        why="the spread is left as a fraction of the midpoint; spread_percent is 100 times it",
        cells={"job-table": edit(TABLE, '"spread_percent": 100 * (high - low) / midpoint',
                                 '"spread_percent": (high - low) / midpoint')},
        fails={"test-job-table-article", "test-job-table-generated"},
    ),
    Variant(
        name="table-global-figures",
        why="the salaries are read from the global FIGURES instead of the figures argument",
        cells={"job-table": edit(edit(TABLE, 'low = float(figures.loc[', 'low = float(FIGURES.loc['),
                                 'high = float(figures.loc[', 'high = float(FIGURES.loc[')},
        fails={"test-job-table-generated"},
    ),
    # ------------------------------------------------------------------ 2.3 compare_ranges
    Variant(
        name="compare-first-of-ties",
        why="idxmax keeps only the first company of a tie; every company with the largest value is listed",
        cells={"compare-ranges": """
            def compare_ranges(table):
                low, high = float(table["salary_low"].max()), float(table["salary_high"].min())
                return {"overlap": [low, high] if low <= high else None,
                        "highest_midpoint": [table["midpoint"].idxmax()], "widest": [table["width"].idxmax()]}
        """},
        fails={"test-compare-article", "test-compare-generated"},
    ),
    Variant(
        name="compare-overlap-never-empty",
        why="disjoint ranges still return [largest low, smallest high], a backwards range, instead of None",
        cells={"compare-ranges": edit(COMPARE, '[low, high] if low <= high else None', '[low, high]')},
        fails={"test-compare-generated"},
    ),
    Variant(
        name="compare-touching-is-empty",
        why="ranges that touch in one point are reported as having no common point",
        cells={"compare-ranges": edit(COMPARE, "if low <= high", "if low < high")},
        fails={"test-compare-generated"},
    ),
    Variant(
        name="compare-union",
        why="the overlap is computed as the union (smallest low, largest high) of the ranges",
        cells={"compare-ranges": edit(COMPARE, 'low, high = float(table["salary_low"].max()), float(table["salary_high"].min())',
                                      'low, high = float(table["salary_low"].min()), float(table["salary_high"].max())')},
        fails={"test-compare-article", "test-compare-generated"},
    ),
    # ------------------------------------------------------------------ 2.4 RANGE_CAVEAT
    Variant(
        name="range-caveat-phd-parity",
        why="the list has no Ph.D. holders to compare with: it cannot show that they are paid the same",
        cells={"range-caveat": 'RANGE_CAVEAT = "a"'},
        fails={"test-range-caveat"},
    ),
    Variant(
        name="range-caveat-total-comp",
        why="nothing in the article says the ranges are total compensation or senior-level",
        cells={"range-caveat": 'RANGE_CAVEAT = "d"'},
        fails={"test-range-caveat"},
    ),
    # ------------------------------------------------------------------ 3.1 MYTH_VERDICTS
    Variant(
        name="verdicts-myth-missing",
        why="one myth has no section: the six myths are judged one by one, in the article's order",
        cells={"myth-verdicts": verdicts(sections=[1, 2, 3, 5, 6])},
        fails={"test-myth-verdicts-structure"},
    ),
    Variant(
        name="verdicts-one-liners",
        why="each section is a single short line: a verdict needs its evidence and what would settle it",
        cells={"myth-verdicts": verdicts(body="Not supported (line {line}).")},
        fails={"test-myth-verdicts-structure"},
    ),
    Variant(
        name="verdicts-without-numbers",
        why="no section cites a line of the article or a result: the verdicts are not tied to the evidence",
        cells={"myth-verdicts": verdicts(body=WORDY_BODY)},
        fails={"test-myth-verdicts-structure"},
    ),
]

# Mutants no test can tell from the reference solution (course validate --mutants), with the reason.
EQUIVALENT_MUTANTS = {
    "flip-labels@61e1799e": "`y = np.asarray(y)` dropped: exercise 1.1 promises y as a 1-d numpy array (its hint "
                            "copies it with y.copy()) and data_centric_experiment passes one, so the call changes "
                            "nothing",
}

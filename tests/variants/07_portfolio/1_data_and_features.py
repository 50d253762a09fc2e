"""Plausible wrong answers to 07_portfolio/1_data_and_features; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

CLEAN_TESTS = {
    "test-clean-duplicates",
    "test-clean-categories",
    "test-clean-dtypes",
    "test-clean-missing",
    "test-clean-outliers",
    "test-clean-frame",
}

# The reference clean() with one step changed; {…} placeholders are filled per variant.
CLEAN_TEMPLATE = """
def clean(df):
    out = {dedup}
    churned = out["churned"].str.strip().str.lower()
    out["churned"] = churned.map({{"yes": 1, "y": 1, "no": 0, "n": 0}}).astype({churned_dtype})
    plan = {plan_text}
    out["plan"] = plan.where(plan.isin(PLANS), "unknown")
    out["region"] = out["region"].str.strip().str.lower()
    charges = out["monthly_charges"].str.replace("$", "").str.replace(",", "").str.strip()
    out["monthly_charges"] = pd.to_numeric(charges.replace("", None))
    iso = pd.to_datetime(out["signup_date"], format="%Y-%m-%d", errors="coerce")
    {dates}
    {outliers}
    for column in ["age", "tenure_months", "monthly_charges"]:
        out[column] = out[column].fillna({fill})
    return out[COLUMNS].astype({{**DTYPES, "churned": {churned_dtype}}})
"""

OUTLIERS = """out["age"] = out["age"].where(out["age"].between(18, 100))
    q1, q3 = out["monthly_charges"].quantile([0.25, 0.75])
    low, high = q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1)
    out["monthly_charges"] = out["monthly_charges"].where(out["monthly_charges"].between(low, high))
    out["tenure_months"] = out["tenure_months"].clip(0, 72)"""

BOTH_DATES = (
    """out["signup_date"] = iso.fillna(pd.to_datetime(out["signup_date"], format="%d/%m/%Y", errors="coerce"))"""
)

REFERENCE = {
    "dedup": 'df.drop_duplicates(keep="first").reset_index(drop=True)',
    "churned_dtype": '"int64"',
    "plan_text": 'out["plan"].str.strip().str.lower()',
    "dates": BOTH_DATES,
    "outliers": OUTLIERS,
    "fill": "out[column].median()",
}


def clean_variant(**changes):
    return CLEAN_TEMPLATE.format(**{**REFERENCE, **changes})


# The reference RecordCleaner with one part changed; {…} placeholders are filled per variant.
RC_TEMPLATE = """
class RecordCleaner(BaseEstimator, TransformerMixin):
    def _rules(self, X):
        out = pd.DataFrame(index=X.index)
        out["month"] = X["month"]
        iso = pd.to_datetime(X["signup_date"], format="%Y-%m-%d", errors="coerce")
        out["signup_date"] = iso.fillna(pd.to_datetime(X["signup_date"], format="%d/%m/%Y", errors="coerce"))
        plan = X["plan"].str.strip().str.lower()
        out["plan"] = plan.where(plan.isin(PLANS), "unknown")
        out["region"] = X["region"].str.strip().str.lower()
        {numbers}
        out["support_calls"] = X["support_calls"]
        return out

    def fit(self, X, y=None):
        parsed = self._rules(X)
        q1, q3 = parsed["monthly_charges"].quantile([0.25, 0.75])
        self.fences_ = (float(q1 - 3 * (q3 - q1)), float(q3 + 3 * (q3 - q1)))
        {fit_medians}
        return self

    def transform(self, X):
        {transform}
"""

RC_NUMBERS = """age = pd.to_numeric(X["age"], errors="coerce")
        out["age"] = age.where(age.between(18, 100))
        out["tenure_months"] = pd.to_numeric(X["tenure_months"], errors="coerce").clip(0, 72)
        charges = X["monthly_charges"].str.replace("$", "").str.replace(",", "").str.strip()
        out["monthly_charges"] = pd.to_numeric(charges.replace("", None), errors="coerce")"""
RC_FIT_MEDIANS = """parsed["monthly_charges"] = parsed["monthly_charges"].where(parsed["monthly_charges"].between(*self.fences_))
        self.medians_ = {c: float(parsed[c].median()) for c in ["age", "tenure_months", "monthly_charges"]}"""
RC_TRANSFORM = """out = self._rules(X)
        out["monthly_charges"] = out["monthly_charges"].where(out["monthly_charges"].between(*self.fences_))
        for column, median in self.medians_.items():
            out[column] = out[column].fillna(median)
        return out[RAW_FEATURES].astype({c: DTYPES[c] for c in RAW_FEATURES})"""


def rc_variant(numbers=RC_NUMBERS, fit_medians=RC_FIT_MEDIANS, transform=RC_TRANSFORM):
    return RC_TEMPLATE.format(numbers=numbers, fit_medians=fit_medians, transform=transform)


# The reference ChurnFeatures with one part changed.
FEATURES_TEMPLATE = """
class ChurnFeatures(BaseEstimator, TransformerMixin):
    def fit(self, X, y=None):
        {fit}

    def transform(self, X):
        out = X.copy()
        snapshot = pd.to_datetime(X["month"], format="%Y-%m", errors="coerce")
        days = (snapshot - X["signup_date"]).dt.days
        {tenure}
        out["tenure_from_signup"] = tenure
        out["calls_per_month"] = {calls}
        out["charges_vs_plan"] = {ratio}
        out["basic_x_calls"] = X["support_calls"].where(X["plan"] == "basic", 0)
        new = ["tenure_from_signup", "calls_per_month", "charges_vs_plan", "basic_x_calls"]
        return out.astype({{c: "float64" for c in new}})
"""
FEATURES_FIT = """self.plan_medians_ = {str(p): float(v) for p, v in X.groupby("plan")["monthly_charges"].median().items()}
        self.overall_median_ = float(X["monthly_charges"].median())
        return self"""
FEATURES_TENURE = """tenure = (days // 30).astype(float).fillna(X["tenure_months"]).clip(0, 72)"""
FEATURES_CALLS = """X["support_calls"] / (tenure + 1)"""
FEATURES_RATIO = """X["monthly_charges"] / X["plan"].map(self.plan_medians_).fillna(self.overall_median_)"""


def features_variant(fit=FEATURES_FIT, tenure=FEATURES_TENURE, calls=FEATURES_CALLS, ratio=FEATURES_RATIO):
    return FEATURES_TEMPLATE.format(fit=fit, tenure=tenure, calls=calls, ratio=ratio)


LEAKY_TEMPLATE = """
def leaky_vs_honest_cv(X, y, k, folds):
    X, y = np.asarray(X, dtype=float), np.asarray(y)

    def select(rows_X, rows_y):
        centred = rows_X - rows_X.mean(axis=0)
        target = rows_y - rows_y.mean()
        r = centred.T @ target / np.sqrt((centred**2).sum(axis=0) * (target**2).sum())
        return {rank}

    chosen = select(X, y)
    results = []
    for kind in ("leaky", "honest"):
        scores = []
        for train, test in folds:
            columns = chosen if kind == "leaky" else {honest}
            model = LogisticRegression(max_iter=1000).fit(X[train][:, columns], y[train])
            scores.append(np.mean(model.predict(X[test][:, columns]) == y[test]))
        results.append(float({mean}))
    return results[0], results[1]
"""

AUC_TEMPLATE = """
def single_feature_auc(df, target):
    y = df[target].to_numpy()
    scores = {{}}
    for column in {columns}:
        values = df[column].astype(float)
        auc = roc_auc_score(y, {fill})
        scores[column] = {score}
    scores = pd.Series(scores, dtype=float)
    return {order}
"""
AUC_COLUMNS = "[c for c in df.columns if c != target and pd.api.types.is_numeric_dtype(df[c])]"
AUC_FILL = "values.fillna(values.min() - 1 if values.notna().any() else 0.0)"
AUC_ORDER = "scores.sort_values(ascending=False, kind='stable')"

VARIANTS = [
    # ----------------------------------------------------------------------------------------- clean
    Variant(
        name="clean-median-before-dedup",
        why="medians and fences are computed while duplicate customers still count twice; duplicates dropped last",
        cells={
            "clean": """
            def clean(df):
                out = df.copy()
                churned = out["churned"].str.strip().str.lower()
                out["churned"] = churned.map({"yes": 1, "y": 1, "no": 0, "n": 0}).astype("int64")
                plan = out["plan"].str.strip().str.lower()
                out["plan"] = plan.where(plan.isin(PLANS), "unknown")
                out["region"] = out["region"].str.strip().str.lower()
                charges = out["monthly_charges"].str.replace("$", "").str.replace(",", "").str.strip()
                out["monthly_charges"] = pd.to_numeric(charges.replace("", None))
                iso = pd.to_datetime(out["signup_date"], format="%Y-%m-%d", errors="coerce")
                out["signup_date"] = iso.fillna(pd.to_datetime(out["signup_date"], format="%d/%m/%Y", errors="coerce"))
                out["age"] = out["age"].where(out["age"].between(18, 100))
                q1, q3 = out["monthly_charges"].quantile([0.25, 0.75])
                low, high = q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1)
                out["monthly_charges"] = out["monthly_charges"].where(out["monthly_charges"].between(low, high))
                out["tenure_months"] = out["tenure_months"].clip(0, 72)
                for column in ["age", "tenure_months", "monthly_charges"]:
                    out[column] = out[column].fillna(out[column].median())
                out = out.drop_duplicates(keep="first").reset_index(drop=True)
                return out[COLUMNS].astype(DTYPES)
        """
        },
        fails={"test-clean-missing", "test-clean-outliers", "test-clean-frame"},
    ),
    Variant(
        name="clean-mean-imputation",
        why="imputes the mean instead of the stated median",
        cells={"clean": clean_variant(fill="out[column].mean()")},
        fails={"test-clean-missing", "test-clean-outliers", "test-clean-frame"},
    ),
    Variant(
        name="clean-dedup-by-id-keep-last",
        why="deduplicates by customer_id keeping the last copy: same customers, wrong row order",
        cells={
            "clean": clean_variant(dedup='df.drop_duplicates(subset="customer_id", keep="last").reset_index(drop=True)')
        },
        fails=CLEAN_TESTS,
    ),
    Variant(
        name="clean-no-reset-index",
        why="drops duplicates but keeps the old index, with gaps",
        cells={"clean": clean_variant(dedup='df.drop_duplicates(keep="first")')},
        fails={"test-clean-duplicates", "test-clean-frame"},
    ),
    Variant(
        name="clean-plan-not-lowercased",
        why="strips plan but does not lower-case it, so 'Basic' and 'BASIC' become 'unknown'",
        cells={"clean": clean_variant(plan_text='out["plan"].str.strip()')},
        fails={"test-clean-categories", "test-clean-frame"},
    ),
    Variant(
        name="clean-no-outlier-rules",
        why="skips step 4: impossible ages, mistyped charges and out-of-range tenures survive",
        cells={"clean": clean_variant(outliers="pass")},
        fails={"test-clean-missing", "test-clean-outliers", "test-clean-frame"},
    ),
    Variant(
        name="clean-iso-dates-only",
        why="parses only YYYY-MM-DD: day-first dates become NaT",
        cells={"clean": clean_variant(dates='out["signup_date"] = iso')},
        fails={"test-clean-dtypes", "test-clean-missing", "test-clean-frame"},
    ),
    Variant(
        name="clean-churned-bool",
        why="churned kept as bool instead of int64",
        cells={"clean": clean_variant(churned_dtype='"bool"')},
        fails={"test-clean-dtypes", "test-clean-frame"},
    ),
    Variant(
        name="clean-modifies-input",
        why="normalises the text columns in the caller's frame before copying it",
        cells={
            "clean": """
            def clean(df):
                for column in ["churned", "plan", "region"]:
                    df[column] = df[column].str.strip().str.lower()
                out = df.drop_duplicates(keep="first").reset_index(drop=True)
                out["churned"] = out["churned"].map({"yes": 1, "y": 1, "no": 0, "n": 0}).astype("int64")
                out["plan"] = out["plan"].where(out["plan"].isin(PLANS), "unknown")
                charges = out["monthly_charges"].str.replace("$", "").str.replace(",", "").str.strip()
                out["monthly_charges"] = pd.to_numeric(charges.replace("", None))
                iso = pd.to_datetime(out["signup_date"], format="%Y-%m-%d", errors="coerce")
                out["signup_date"] = iso.fillna(pd.to_datetime(out["signup_date"], format="%d/%m/%Y", errors="coerce"))
                out["age"] = out["age"].where(out["age"].between(18, 100))
                q1, q3 = out["monthly_charges"].quantile([0.25, 0.75])
                low, high = q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1)
                out["monthly_charges"] = out["monthly_charges"].where(out["monthly_charges"].between(low, high))
                out["tenure_months"] = out["tenure_months"].clip(0, 72)
                for column in ["age", "tenure_months", "monthly_charges"]:
                    out[column] = out[column].fillna(out[column].median())
                return out[COLUMNS].astype(DTYPES)
        """
        },
        fails={"test-clean-frame"},
    ),
    Variant(
        name="clean-open-age-range",
        why="the age range is treated as open: ages of exactly 18 or 100 are possible, so they must be kept",
        cells={"clean": clean_variant(outliers=OUTLIERS.replace(
            'out["age"].where(out["age"].between(18, 100))', 'out["age"].where((out["age"] > 18) & (out["age"] < 100))'))},
        fails={"test-clean-missing", "test-clean-outliers", "test-clean-frame"},
    ),
    Variant(
        name="clean-open-fences",
        why="a charge exactly on one of Tukey's fences is kept: the fences are a closed interval",
        cells={"clean": clean_variant(outliers=OUTLIERS.replace(
            'out["monthly_charges"].between(low, high)', '(out["monthly_charges"] > low) & (out["monthly_charges"] < high)'))},
        fails={"test-clean-outliers"},
    ),
    # ----------------------------------------------------------------------------------------- RecordCleaner
    Variant(
        name="record-cleaner-statistics-at-transform",
        why="the fences and medians are recomputed on the rows being transformed: a single record or a test month "
        "is then cleaned with its own statistics (training/serving skew, and a leak of the test rows)",
        cells={"record-cleaner": rc_variant(transform="""q1, q3 = self._rules(X)["monthly_charges"].quantile([0.25, 0.75])
        out = self._rules(X)
        out["monthly_charges"] = out["monthly_charges"].where(out["monthly_charges"].between(q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1)))
        for column in self.medians_:
            out[column] = out[column].fillna(out[column].median())
        return out[RAW_FEATURES].astype({c: DTYPES[c] for c in RAW_FEATURES})""")},
        fails={"test-record-cleaner-serving"},
    ),
    Variant(
        name="record-cleaner-median-before-fences",
        why="the median charge is learned before the far-out charges are removed, so mistyped charges pull it up",
        cells={"record-cleaner": rc_variant(fit_medians="""self.medians_ = {c: float(parsed[c].median()) for c in ["age", "tenure_months", "monthly_charges"]}""")},
        fails={"test-record-cleaner-fit", "test-record-cleaner-batch", "test-record-cleaner-serving"},
    ),
    Variant(
        name="record-cleaner-resets-index",
        why="the output gets a fresh 0..n-1 index: a transformer must keep its rows aligned with the input's index",
        cells={"record-cleaner": rc_variant(transform=RC_TRANSFORM.replace(
            "return out[RAW_FEATURES]", "return out.reset_index(drop=True)[RAW_FEATURES]"))},
        fails={"test-record-cleaner-batch", "test-record-cleaner-serving"},
    ),
    Variant(
        name="record-cleaner-strict-parsing",
        why="numbers are parsed as strictly as in the batch clean(): a JSON null in a numeric column or a charge such "
        "as 'n/a' makes transform fail instead of becoming a missing value",
        cells={"record-cleaner": rc_variant(numbers="""out["age"] = X["age"].where(X["age"].between(18, 100))
        out["tenure_months"] = X["tenure_months"].clip(0, 72)
        charges = X["monthly_charges"].str.replace("$", "").str.replace(",", "").str.strip()
        out["monthly_charges"] = pd.to_numeric(charges.replace("", None))""")},
        fails={"test-record-cleaner-serving"},
    ),
    Variant(
        name="record-cleaner-keeps-id-and-label",
        why="transform returns every column of clean(), the identifier and the label included: a model must only see "
        "RAW_FEATURES (the label is not known at serving time)",
        cells={"record-cleaner": rc_variant(transform=RC_TRANSFORM.replace(
            "return out[RAW_FEATURES].astype({c: DTYPES[c] for c in RAW_FEATURES})",
            """out.insert(0, "customer_id", X["customer_id"])
        return out""").replace("out = self._rules(X)", "out = self._rules(X)"))},
        fails={"test-record-cleaner-batch", "test-record-cleaner-serving"},
    ),
    Variant(
        name="record-cleaner-fit-returns-none",
        why="fit() does not return self, so fit(X).transform(X) and a Pipeline fail",
        cells={"record-cleaner": rc_variant(fit_medians=RC_FIT_MEDIANS + """
        return None""")},
        fails={"test-record-cleaner-fit", "test-record-cleaner-batch", "test-record-cleaner-serving"},
    ),
    Variant(
        name="record-cleaner-unknown-region-dropped",
        why="a region outside REGIONS becomes missing: keep it (normalised) and let the encoder ignore it",
        cells={"record-cleaner": rc_variant(numbers=RC_NUMBERS + """
        out["region"] = out["region"].where(out["region"].isin(REGIONS))""")},
        fails={"test-record-cleaner-serving"},
    ),
    Variant(
        name="record-cleaner-modifies-input",
        why="normalises the text columns in the caller's frame: transform must return a new frame",
        cells={"record-cleaner": rc_variant(numbers=RC_NUMBERS + """
        X["plan"] = out["plan"]""")},
        fails={"test-record-cleaner-batch"},
    ),
    # ----------------------------------------------------------------------------------------- ChurnFeatures
    Variant(
        name="features-rounded-months",
        why="tenure is rounded to the nearest month: 29 days is not yet a month (floor division)",
        cells={"churn-features": features_variant(
            tenure="""tenure = (days / 30).round().astype(float).fillna(X["tenure_months"]).clip(0, 72)""")},
        fails={"test-features-values", "test-features-pipeline"},
    ),
    Variant(
        name="features-no-plus-one",
        why="calls are divided by the tenure itself: a customer in their first month (tenure 0) gets an infinite rate",
        cells={"churn-features": features_variant(calls="""X["support_calls"] / tenure""")},
        fails={"test-features-values", "test-features-pipeline"},
    ),
    Variant(
        name="features-no-clip",
        why="tenure from the dates is not clipped: a signup after the snapshot gives a negative tenure",
        cells={"churn-features": features_variant(
            tenure="""tenure = (days // 30).astype(float).fillna(X["tenure_months"])""")},
        fails={"test-features-values"},
    ),
    Variant(
        name="features-no-date-fallback",
        why="a missing signup date or an unparsable month leaves tenure missing instead of using tenure_months",
        cells={"churn-features": features_variant(tenure="""tenure = (days // 30).astype(float).clip(0, 72)""")},
        fails={"test-features-values"},
    ),
    Variant(
        name="features-medians-at-transform",
        why="the per-plan medians are computed on the rows being transformed, not learned in fit: test rows leak "
        "into their own features",
        cells={"churn-features": features_variant(
            ratio="""X["monthly_charges"] / X.groupby("plan")["monthly_charges"].transform("median")""")},
        fails={"test-features-values", "test-features-fit", "test-features-pipeline"},
    ),
    Variant(
        name="features-unseen-plan-missing",
        why="a plan not seen in fit gets a missing ratio: fall back to the overall median",
        cells={"churn-features": features_variant(ratio="""X["monthly_charges"] / X["plan"].map(self.plan_medians_)""")},
        fails={"test-features-fit"},
    ),
    Variant(
        name="features-fit-returns-none",
        why="fit() does not return self, so fit(X).transform(X) and Pipeline.fit fail",
        cells={"churn-features": features_variant(fit=FEATURES_FIT.replace("        return self", "        return None"))},
        fails={"test-features-values", "test-features-fit", "test-features-pipeline"},
    ),
    Variant(
        name="features-plan-means",
        why="the per-plan statistic is the mean, not the median: one mistyped charge moves it",
        cells={"churn-features": features_variant(fit=FEATURES_FIT.replace(
            '["monthly_charges"].median().items()', '["monthly_charges"].mean().items()'))},
        fails={"test-features-values", "test-features-fit", "test-features-pipeline"},
    ),
    Variant(
        name="features-interaction-all-plans",
        why="basic_x_calls copies the calls of every customer: the interaction is the calls of basic-plan customers only",
        cells={"churn-features": features_variant().replace(
            'X["support_calls"].where(X["plan"] == "basic", 0)', 'X["support_calls"]')},
        fails={"test-features-values", "test-features-pipeline"},
    ),
    Variant(
        name="features-modifies-input",
        why="adds the columns to the caller's frame instead of a copy",
        cells={"churn-features": features_variant().replace("out = X.copy()", "out = X")},
        fails={"test-features-values", "test-features-fit"},
    ),
    Variant(
        name="features-integer-interaction",
        why="basic_x_calls keeps the integer dtype of support_calls: the four features are float64",
        cells={"churn-features": features_variant().replace(
            'new = ["tenure_from_signup", "calls_per_month", "charges_vs_plan", "basic_x_calls"]',
            'new = ["tenure_from_signup", "calls_per_month", "charges_vs_plan"]')},
        fails={"test-features-values"},
    ),
    # ----------------------------------------------------------------------------------------- one_hot
    Variant(
        name="one-hot-appearance-order",
        why="categories in order of appearance instead of sorted",
        cells={
            "one-hot": """
            def one_hot(df, columns, categories=None):
                out = {}
                for column in columns:
                    levels = list(df[column].unique()) if categories is None else list(categories[column])
                    for level in levels:
                        out[f"{column}_{level}"] = (df[column] == level).to_numpy(dtype=float)
                return pd.DataFrame(out, index=df.index)
        """
        },
        fails={"test-one-hot-fit"},
    ),
    Variant(
        name="one-hot-get-dummies",
        why="pd.get_dummies ignores the given categories (unseen values get new columns) and returns bools",
        cells={
            "one-hot": """
            def one_hot(df, columns, categories=None):
                return pd.get_dummies(df[list(columns)], columns=list(columns))
        """
        },
        fails={"test-one-hot-fit", "test-one-hot-unknown"},
    ),
    Variant(
        name="one-hot-unknown-raises",
        why="raises on a value that is not among the given categories instead of encoding it as zeros",
        cells={
            "one-hot": """
            def one_hot(df, columns, categories=None):
                out = {}
                for column in columns:
                    levels = sorted(df[column].unique()) if categories is None else list(categories[column])
                    unknown = set(df[column]) - set(levels)
                    if unknown:
                        raise ValueError(f"unknown categories {unknown} in {column}")
                    for level in levels:
                        out[f"{column}_{level}"] = (df[column] == level).to_numpy(dtype=float)
                return pd.DataFrame(out, index=df.index)
        """
        },
        fails={"test-one-hot-unknown"},
    ),
    # ----------------------------------------------------------------------------------------- standardise
    Variant(
        name="standardise-pandas-std",
        why="pandas' .std() divides by n - 1 (ddof=1); StandardScaler divides by n",
        cells={
            "standardise": """
            def standardise(df, columns):
                out = df.copy()
                for column in columns:
                    spread = df[column].std()
                    out[column] = (df[column] - df[column].mean()) / (spread if spread > 0 else 1.0)
                return out
        """
        },
        fails={"test-standardise-values", "test-standardise-edge"},
    ),
    Variant(
        name="standardise-divides-by-zero",
        why="a constant column is divided by a zero standard deviation and becomes NaN",
        cells={
            "standardise": """
            def standardise(df, columns):
                out = df.copy()
                for column in columns:
                    values = df[column].to_numpy(dtype=float)
                    out[column] = (values - values.mean()) / values.std()
                return out
        """
        },
        fails={"test-standardise-edge"},
    ),
    Variant(
        name="standardise-in-place",
        why="overwrites the caller's columns instead of working on a copy",
        cells={
            "standardise": """
            def standardise(df, columns):
                for column in columns:
                    values = df[column].to_numpy(dtype=float)
                    spread = values.std()
                    df[column] = (values - values.mean()) / (spread if spread > 0 else 1.0)
                return df
        """
        },
        fails={"test-standardise-edge"},
    ),
    # ----------------------------------------------------------------------------------------- preprocessor / pipeline
    Variant(
        name="preprocessor-unknown-raises",
        why="OneHotEncoder's default handle_unknown='error' fails on a category first seen in the test rows",
        cells={
            "preprocessor": """
            def make_preprocessor(numeric, categorical):
                return ColumnTransformer([("num", StandardScaler(), list(numeric)),
                                          ("cat", OneHotEncoder(sparse_output=False), list(categorical))])
        """
        },
        fails={"test-preprocessor"},
    ),
    Variant(
        name="preprocessor-minmax",
        why="MinMaxScaler instead of StandardScaler",
        cells={
            "preprocessor": """
            from sklearn.preprocessing import MinMaxScaler

            def make_preprocessor(numeric, categorical):
                return ColumnTransformer([
                    ("num", MinMaxScaler(), list(numeric)),
                    ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), list(categorical))])
        """
        },
        fails={"test-preprocessor", "test-pipeline", "test-train-evaluate"},
    ),
    Variant(
        name="preprocessor-keeps-other-columns",
        why="remainder='passthrough' keeps identifiers and unscaled columns in the features",
        cells={
            "preprocessor": """
            def make_preprocessor(numeric, categorical):
                return ColumnTransformer([
                    ("num", StandardScaler(), list(numeric)),
                    ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), list(categorical))],
                    remainder="passthrough")
        """
        },
        fails={"test-preprocessor"},
    ),
    Variant(
        name="pipeline-ignores-C",
        why="the C argument is not passed to LogisticRegression",
        cells={
            "pipeline-model": """
            def make_pipeline_model(numeric, categorical, C=1.0):
                return Pipeline([("preprocess", make_preprocessor(numeric, categorical)),
                                 ("model", LogisticRegression(max_iter=1000))])
        """
        },
        fails={"test-pipeline"},
    ),
    Variant(
        name="pipeline-other-step-names",
        why="steps named 'scale' and 'clf' instead of 'preprocess' and 'model'",
        cells={
            "pipeline-model": """
            def make_pipeline_model(numeric, categorical, C=1.0):
                return Pipeline([("scale", make_preprocessor(numeric, categorical)),
                                 ("clf", LogisticRegression(C=C, max_iter=1000))])
        """
        },
        fails={"test-pipeline", "test-train-evaluate"},
    ),
    # ----------------------------------------------------------------------------------------- train_and_evaluate
    Variant(
        name="train-scales-before-split",
        why="standardises the whole frame before splitting: the test rows leak into the scaling",
        cells={
            "train-evaluate": """
            def train_and_evaluate(df, numeric, categorical, target, seed=0):
                scaled = standardise(df, numeric)
                train, test = train_test_split(scaled, test_size=0.25, random_state=seed, stratify=scaled[target])
                features = list(numeric) + list(categorical)
                pipeline = make_pipeline_model(numeric, categorical).fit(train[features], train[target])
                return pipeline, float(pipeline.score(test[features], test[target]))
        """
        },
        fails={"test-train-evaluate"},
    ),
    Variant(
        name="train-fits-on-all-rows",
        why="fits the pipeline on every row and then scores the test rows it has already seen",
        cells={
            "train-evaluate": """
            def train_and_evaluate(df, numeric, categorical, target, seed=0):
                train, test = train_test_split(df, test_size=0.25, random_state=seed, stratify=df[target])
                features = list(numeric) + list(categorical)
                pipeline = make_pipeline_model(numeric, categorical).fit(df[features], df[target])
                return pipeline, float(pipeline.score(test[features], test[target]))
        """
        },
        fails={"test-train-evaluate"},
    ),
    Variant(
        name="train-split-not-stratified",
        why="forgets stratify=, so the split is not the one asked for",
        cells={
            "train-evaluate": """
            def train_and_evaluate(df, numeric, categorical, target, seed=0):
                train, test = train_test_split(df, test_size=0.25, random_state=seed)
                features = list(numeric) + list(categorical)
                pipeline = make_pipeline_model(numeric, categorical).fit(train[features], train[target])
                return pipeline, float(pipeline.score(test[features], test[target]))
        """
        },
        fails={"test-train-evaluate"},
    ),
    # ----------------------------------------------------------------------------------------- leaky_vs_honest_cv
    Variant(
        name="leaky-cv-signed-correlation",
        why="the columns are ranked by the signed correlation: a strongly negative correlation is just as informative",
        cells={"leaky-cv": LEAKY_TEMPLATE.format(rank="np.argsort(-r, kind='stable')[:k]", honest="select(X[train], y[train])", mean="np.mean(scores)")},
        fails={"test-leaky-cv", "test-leaky-cv-fold-rows"},
    ),
    Variant(
        name="leaky-cv-honest-on-test-rows",
        why="the 'honest' selection looks at the held-out rows of the fold: it must use the training rows only",
        cells={"leaky-cv": LEAKY_TEMPLATE.format(rank="np.argsort(-np.abs(r), kind='stable')[:k]", honest="select(X[test], y[test])", mean="np.mean(scores)")},
        fails={"test-leaky-cv", "test-leaky-cv-fold-rows"},
    ),
    Variant(
        name="leaky-cv-honest-is-leaky",
        why="the columns chosen on all rows are reused inside the folds, so both numbers are leaky",
        cells={"leaky-cv": LEAKY_TEMPLATE.format(rank="np.argsort(-np.abs(r), kind='stable')[:k]", honest="chosen", mean="np.mean(scores)")},
        fails={"test-leaky-cv", "test-leaky-cv-fold-rows"},
    ),
    Variant(
        name="leaky-cv-k-plus-one",
        why="keeps k + 1 columns (an off-by-one in the slice)",
        cells={"leaky-cv": LEAKY_TEMPLATE.format(rank="np.argsort(-np.abs(r), kind='stable')[:k + 1]", honest="select(X[train], y[train])", mean="np.mean(scores)")},
        fails={"test-leaky-cv", "test-leaky-cv-fold-rows"},
    ),
    Variant(
        name="leaky-cv-pooled-accuracy",
        why="pools the predictions of all folds into one accuracy instead of averaging the fold accuracies; with "
        "folds of different sizes the two differ",
        cells={"leaky-cv": LEAKY_TEMPLATE.format(rank="np.argsort(-np.abs(r), kind='stable')[:k]", honest="select(X[train], y[train])",
                                                 mean="np.sum([s * len(t) for s, (_, t) in zip(scores, folds)]) / sum(len(t) for _, t in folds)")},
        fails={"test-leaky-cv", "test-leaky-cv-fold-rows"},
    ),
    # ----------------------------------------------------------------------------------------- single_feature_auc
    Variant(
        name="auc-scan-raw-auc",
        why="reports the AUC itself: a column that ranks the classes backwards (AUC near 0) leaks just as much",
        cells={"single-feature-auc": AUC_TEMPLATE.format(columns=AUC_COLUMNS, fill=AUC_FILL, score="auc", order=AUC_ORDER)},
        fails={"test-auc-scan-values"},
    ),
    Variant(
        name="auc-scan-fill-zero",
        why="missing values are filled with 0, which is not below every value when a column has negative values",
        cells={"single-feature-auc": AUC_TEMPLATE.format(columns=AUC_COLUMNS, fill="values.fillna(0.0)", score="max(auc, 1 - auc)", order=AUC_ORDER)},
        fails={"test-auc-scan-values"},
    ),
    Variant(
        name="auc-scan-drop-missing",
        why="rows with a missing value are dropped: the missingness itself, which can be a perfect leak, is ignored",
        cells={"single-feature-auc": """
            def single_feature_auc(df, target):
                scores = {}
                for column in df.columns:
                    if column == target or not pd.api.types.is_numeric_dtype(df[column]):
                        continue
                    kept = df[column].notna()
                    auc = roc_auc_score(df.loc[kept, target], df.loc[kept, column].astype(float))
                    scores[column] = max(auc, 1 - auc)
                return pd.Series(scores, dtype=float).sort_values(ascending=False, kind="stable")
        """},
        fails={"test-auc-scan-values"},
    ),
    Variant(
        name="auc-scan-strict-ties",
        why="counts a tied pair as a loss instead of one half (the Mann-Whitney statistic with '>' only)",
        cells={"single-feature-auc": """
            def single_feature_auc(df, target):
                y = df[target].to_numpy()
                scores = {}
                for column in df.columns:
                    if column == target or not pd.api.types.is_numeric_dtype(df[column]):
                        continue
                    values = df[column].astype(float)
                    v = values.fillna(values.min() - 1 if values.notna().any() else 0.0).to_numpy()
                    pos, neg = v[y == 1], v[y == 0]
                    auc = (pos[:, None] > neg[None, :]).mean()
                    scores[column] = max(auc, 1 - auc)
                return pd.Series(scores, dtype=float).sort_values(ascending=False, kind="stable")
        """},
        fails={"test-auc-scan-values"},
    ),
    Variant(
        name="auc-scan-skips-booleans",
        why="select_dtypes('number') leaves boolean columns out, although a flag can leak the label too",
        cells={"single-feature-auc": AUC_TEMPLATE.format(
            columns="[c for c in df.select_dtypes('number').columns if c != target]", fill=AUC_FILL, score="max(auc, 1 - auc)", order=AUC_ORDER)},
        fails={"test-auc-scan-values"},
    ),
    Variant(
        name="auc-scan-reversed-ties",
        why="sorts ascending and reverses the result: equal scores come out in reverse column order",
        cells={"single-feature-auc": AUC_TEMPLATE.format(columns=AUC_COLUMNS, fill=AUC_FILL, score="max(auc, 1 - auc)",
                                                         order="scores.sort_values(kind='stable').iloc[::-1]")},
        fails={"test-auc-scan-order"},
    ),
    Variant(
        name="auc-scan-includes-target",
        why="scores the target column against itself: it must be left out of the scan",
        cells={"single-feature-auc": AUC_TEMPLATE.format(
            columns="[c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]", fill=AUC_FILL,
            score="max(auc, 1 - auc)", order=AUC_ORDER)},
        fails={"test-auc-scan-values", "test-auc-scan-order"},
    ),
]

EQUIVALENT_MUTANTS = {
    "clean@600ba034": "pandas' clip swaps scalar bounds given in the wrong order (lower > upper), so clip(72, 0) "
                      "is clip(0, 72)",
    "clean@677555a5": "reset_index(drop=False) only adds an 'index' column, which the final out[COLUMNS] drops; "
                      "the index is 0..n-1 either way",
    "record-cleaner@8bdfa0bf": "pandas' clip swaps scalar bounds given in the wrong order, so clip(72, 0) is "
                               "clip(0, 72)",
    "churn-features@5ef9f07b": "pandas' clip swaps scalar bounds given in the wrong order, so clip(72, 0) is "
                               "clip(0, 72)",
    "standardise@e975e6b3": "the population std is 0 only when every value equals the mean, so the numerator is 0 "
                            "and dividing it by 1.0 or 2.0 gives the same zeros",
    "leaky-cv@4a0d95a7": "centred columns sum to 0, so centred.T @ (y + mean) equals centred.T @ (y - mean); the "
                         "changed denominator is one positive factor for all columns: the same top-k columns",
    "leaky-cv@ad69693c": "(target**2).sum() is one positive scalar for every column, so dividing instead of "
                         "multiplying rescales every |r| alike and the top-k columns stay the same",
    "leaky-cv@22886945": "lbfgs converges on these few selected columns in far fewer than 999 iterations "
                         "(n_iter_), so max_iter=1001 fits the same model",
    "leaky-cv@c957a407": "lbfgs converges on these few selected columns in far fewer than 999 iterations "
                         "(n_iter_), so max_iter=999 fits the same model",
    "single-feature-auc@d5a7d846": "a column with no value at all is filled with one constant, 0.0 or 1.0, and a "
                                   "constant score has AUC 0.5 either way",
    "single-feature-auc@2d7c20f3": "missing values filled with min - 2 instead of min - 1 are still below every "
                                   "observed value, so the ranking and the AUC are the same",
}

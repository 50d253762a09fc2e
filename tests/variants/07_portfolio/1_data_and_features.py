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
    # ----------------------------------------------------------------------------------------- quiz
    Variant(
        name="scaling-answer-unsupervised",
        why="believes an unsupervised step cannot leak",
        cells={"scaling-answer": 'SCALING_ANSWER = "a"'},
        fails={"test-scaling-answer"},
    ),
    Variant(
        name="scaling-answer-minmax",
        why="changing the scaler does not remove the leak",
        cells={"scaling-answer": 'SCALING_ANSWER = "c"'},
        fails={"test-scaling-answer"},
    ),
    Variant(
        name="too-good-answer-publish",
        why="publishes a number that is too good to be true",
        cells={"too-good-answer": 'TOO_GOOD_ANSWER = "a"'},
        fails={"test-too-good-answer"},
    ),
    Variant(
        name="too-good-answer-deep-net",
        why="a bigger model does not check a suspicious score",
        cells={"too-good-answer": 'TOO_GOOD_ANSWER = "d"'},
        fails={"test-too-good-answer"},
    ),
]

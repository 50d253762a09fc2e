"""Plausible wrong answers to 07_portfolio/2_model_deploy_document; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

# ---------------------------------------------------------------------------------------------------- server
# The reference server with one piece changed; {…} placeholders are filled per variant.
SERVER_TEMPLATE = """
def make_server(pipeline, schema, host="127.0.0.1", port=0):
    dtypes = {{"text": "str", "number": "float64", "integer": "int64"}}

    def problem(records):
        if not isinstance(records, list) or not records:
            return "'records' must be a non-empty list of objects"
        for i, record in enumerate(records):
            if not isinstance(record, dict):
                return f"record {{i}} is not a JSON object"
{extra_keys}
            for name, (kind, nullable) in schema.items():
                if name not in record:
                    return f"record {{i}} has no '{{name}}'"
                value = record[name]
                if value is None:
                    if not nullable:
                        return f"record {{i}}: '{{name}}' may not be null"
                elif kind == "text":
                    if not isinstance(value, str):
                        return f"record {{i}}: '{{name}}' must be a string"
{number_check}
        return None

    class Handler(BaseHTTPRequestHandler):
        def send_json(self, status, payload, extra_headers=()):
            body = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in extra_headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
{get}

        def do_POST(self):
{length}
            if self.path != "/predict":
{not_found}
                return
{media}
{parse}
            records = payload.get("records") if isinstance(payload, dict) else None
{validate}
            rows = [{{name: record[name] for name in schema}} for record in records]
{frame}
{predict}

        def log_message(self, format, *args):
            pass

    return HTTPServer((host, port), Handler)
"""

NUMBER_CHECK = """                elif isinstance(value, bool) or not isinstance(value, (int, float)):
                    return f"record {i}: '{name}' must be a number"
                elif kind == "integer" and not isinstance(value, int):
                    return f"record {i}: '{name}' must be an integer"
                elif isinstance(value, float) and not math.isfinite(value):
                    return f"record {i}: '{name}' must be a finite number\""""
GET = """            if self.path == "/predict":
                self.send_json(405, {"error": "use POST /predict"}, [("Allow", "POST")])
            else:
                self.send_json(404, {"error": "use POST /predict"})"""
LENGTH = """            length = self.headers.get("Content-Length", "")
            valid_length = re.fullmatch(r"[0-9]+", length) is not None
            body = self.rfile.read(int(length)) if valid_length else b''
"""
NOT_FOUND = """                self.send_json(404, {"error": "use POST /predict"})"""
MEDIA = """            if self.headers.get("Content-Type", "").split(";")[0].strip().lower() != "application/json":
                self.send_json(415, {"error": "send application/json"})
                return
            if not valid_length:
                self.send_json(400, {"error": "a valid Content-Length is required"})
                return"""
PARSE = """            try:
                payload = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                self.send_json(400, {"error": "not valid JSON"})
                return"""
VALIDATE = """            message = problem(records)
            if message is not None:
                self.send_json(400, {"error": message})
                return"""
FRAME = """            frame = pd.DataFrame(rows, columns=list(schema)).astype({n: dtypes[k] for n, (k, _) in schema.items()})"""
PREDICT = """            try:
                predictions = np.asarray(pipeline.predict(frame)).tolist()
                probabilities = np.asarray(pipeline.predict_proba(frame))[:, 1].tolist()
            except Exception as exc:
                self.send_json(500, {"error": f"the model failed ({type(exc).__name__})"})
                return
            self.send_json(200, {"predictions": predictions, "probabilities": probabilities})"""

SERVER_PARTS = {"extra_keys": "", "number_check": NUMBER_CHECK, "get": GET, "length": LENGTH, "not_found": NOT_FOUND,
                "media": MEDIA, "parse": PARSE, "validate": VALIDATE, "frame": FRAME, "predict": PREDICT}


def server_variant(**changes):
    return SERVER_TEMPLATE.format(**{**SERVER_PARTS, **changes})


# ---------------------------------------------------------------------------------------------------- other templates
TIME_FOLDS_TEMPLATE = """
def time_folds(months, n_folds):
    values = np.asarray(months)
    distinct = {distinct}
    {check}
    folds = [({train}, np.flatnonzero(values == month)) for month in distinct[-n_folds:]]
    return {order}
"""
TIME_PARTS = {"distinct": "sorted(set(values.tolist()))",
              "check": "if n_folds < 1 or n_folds >= len(distinct):\n        raise ValueError('n_folds out of range')",
              "train": "np.flatnonzero(values < month)", "order": "folds"}


def time_variant(**changes):
    return TIME_FOLDS_TEMPLATE.format(**{**TIME_PARTS, **changes})


HOLDOUT_TEMPLATE = """
def holdout_report(model, X_train, y_train, X_test, y_test):
    fitted = {fit}
    baseline = DummyClassifier(strategy="most_frequent").fit({baseline_rows})
    truth = np.asarray(y_test)
    predicted = np.asarray(fitted.predict(X_test))
    hits = int(((predicted == 1) & (truth == 1)).sum())
    report = {{
        "n_train": int(len(y_train)),
        "n_test": int(len(truth)),
        "baseline_accuracy": float(np.mean(np.asarray(baseline.predict(X_test)) == truth)),
        "accuracy": float(np.mean(predicted == truth)),
        "precision": {precision},
        "recall": hits / int((truth == 1).sum()) if (truth == 1).any() else 0.0,
    }}
    return fitted, {report}
"""
HOLDOUT_PARTS = {"fit": "clone(model).fit(X_train, y_train)", "baseline_rows": "X_train, y_train",
                 "precision": "hits / int((predicted == 1).sum()) if (predicted == 1).any() else 0.0", "report": "report"}


def holdout_variant(**changes):
    return HOLDOUT_TEMPLATE.format(**{**HOLDOUT_PARTS, **changes})


ONE_SE_TEMPLATE = """
def one_standard_error_choice(fold_scores, complexity):
    names = list(fold_scores)
    means = {{name: float(np.mean(fold_scores[name])) for name in names}}
    best = {best}
    best_scores = np.asarray(fold_scores[best], dtype=float)
    threshold = means[best] - {spread}
    eligible = [name for name in names if {keep}]
    choice = min(eligible, key=lambda name: {order})
    return choice, float(threshold)
"""
ONE_SE_PARTS = {"best": "max(names, key=lambda name: means[name])",
                "spread": "best_scores.std(ddof=1) / np.sqrt(len(best_scores))",
                "keep": "means[name] >= threshold", "order": "(complexity[name], -means[name])"}


def one_se_variant(**changes):
    return ONE_SE_TEMPLATE.format(**{**ONE_SE_PARTS, **changes})


SAVE_TEMPLATE = """
def save_model(model, path):
    path = Path(path)
    {mkdir}
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            {dump}
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path
"""


def save_variant(mkdir="path.parent.mkdir(parents=True, exist_ok=True)", dump="pickle.dump(model, handle)"):
    return SAVE_TEMPLATE.format(mkdir=mkdir, dump=dump)


CHANGELOG_TEMPLATE = """
def changelog_status(text, today, max_age_days=180):
    releases, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip()
        if not line.startswith("## ") or {skip_unreleased}:
            continue
        match = re.fullmatch(r"## \\[(\\d+)\\.(\\d+)\\.(\\d+)\\] - (\\d{{4}}-\\d{{2}}-\\d{{2}})", line)
        try:
            day = datetime.date.fromisoformat(match.group(4)) if match else None
        except ValueError:
            day = None
        if day is None:
            problems.append((number, "malformed"))
            continue
        version = {version}
        if releases and version >= releases[-1][1]:
            problems.append((number, "version-order"))
        if releases and {date_order}:
            problems.append((number, "date-order"))
        if {future}:
            problems.append((number, "future-date"))
        releases.append((".".join(match.groups()[:3]), version, day))
    if not releases:
        return {{"latest": None, "days_since_release": None, "stale": True, "problems": problems}}
    age = (today - releases[0][2]).days
    return {{"latest": releases[0][0], "days_since_release": age, "stale": {stale}, "problems": problems}}
"""
CHANGELOG_PARTS = {"skip_unreleased": 'line == "## [Unreleased]"', "version": "tuple(int(part) for part in match.groups()[:3])",
                   "date_order": "day > releases[-1][2]", "future": "day > today", "stale": "age > max_age_days"}


def changelog_variant(**changes):
    return CHANGELOG_TEMPLATE.format(**{**CHANGELOG_PARTS, **changes})


CV_TEMPLATE = """
def cross_val_accuracy(estimator, params, X, y, folds):
    def take(values, positions):
        return {take}

    scores = []
    for train, test in folds:
        {body}
    return np.array(scores, dtype=float)
"""
CV_TAKE = "values.iloc[positions] if isinstance(values, (pd.DataFrame, pd.Series)) else np.asarray(values)[positions]"
CV_BODY = """model = clone(estimator).set_params(**params).fit(take(X, train), take(y, train))
        scores.append(np.mean(np.asarray(model.predict(take(X, test))) == np.asarray(take(y, test))))"""


def cv_variant(take=CV_TAKE, body=CV_BODY):
    return CV_TEMPLATE.format(take=take, body=body)


WRITEUP = """
PROJECT_WRITEUP = \"\"\"
## Problem
{problem}

## Data
A synthetic monthly extract of 1,200 customers with duplicates, inconsistent spellings, charges stored as text, two
date formats, impossible ages and missing values; the cleaning statistics are learned on the training months only.

## Approach
A pipeline of a record cleaner, engineered features, scaling, one-hot encoding and a logistic regression, tuned by
grid search on forward-chaining monthly folds, with the latest month held out and used once at the end.

## Results
{results}

## Trade-offs
A logistic regression rather than a forest or a stack, because the complex models were within one standard error;
a time-based split rather than a random one, and a threshold that favours precision over recall for now.

## Deployment and limitations
The fitted pipeline is saved atomically and served over HTTP with strict validation of raw records. Limitations:
one synthetic year, a small held-out month, no drift monitoring yet; next, tune the threshold and monitor drift.
\"\"\"
"""
PROBLEM = ("The retention team can call only a few hundred customers a month, so the model ranks customers by their "
           "risk of cancelling, and accuracy is read next to a majority-class baseline with precision and recall.")
RESULTS = ("On the held-out month the baseline reaches 0.667 and the tuned pipeline 0.720, with a precision of 0.667 "
           "and a recall of 0.323 for churners; grid search chose C = 0.3.")

VARIANTS = [
    # ----------------------------------------------------------------------------------------- time_folds
    Variant(
        name="time-folds-includes-month",
        why="the training rows include the validation month itself ('<=' instead of '<'): the model is validated on "
        "rows it was trained on",
        cells={"time-folds": time_variant(train="np.flatnonzero(values <= month)")},
        fails={"test-time-folds-split", "test-time-folds-expanding", "test-time-folds-errors"},
    ),
    Variant(
        name="time-folds-sliding-window",
        why="each fold trains on the previous month only: the folds should use every earlier month (an expanding window)",
        cells={"time-folds": time_variant(train="np.flatnonzero(values == distinct[distinct.index(month) - 1])")},
        fails={"test-time-folds-split", "test-time-folds-expanding", "test-time-folds-errors"},
    ),
    Variant(
        name="time-folds-newest-first",
        why="returns the folds from the newest month to the oldest instead of in chronological order",
        cells={"time-folds": time_variant(order="folds[::-1]")},
        fails={"test-time-folds-expanding", "test-time-folds-errors"},
    ),
    Variant(
        name="time-folds-appearance-order",
        why="takes the months in their order of appearance instead of sorting them, so the 'latest' months are wrong",
        cells={"time-folds": time_variant(distinct="list(dict.fromkeys(values.tolist()))")},
        fails={"test-time-folds-split", "test-time-folds-expanding"},
    ),
    Variant(
        name="time-folds-index-labels",
        why="returns the index labels of a pandas Series instead of the row positions",
        cells={"time-folds": """
            def time_folds(months, n_folds):
                series = months if isinstance(months, pd.Series) else pd.Series(list(months))
                distinct = sorted(set(series.tolist()))
                if n_folds < 1 or n_folds >= len(distinct):
                    raise ValueError("n_folds out of range")
                return [(series.index[series < m].to_numpy(), series.index[series == m].to_numpy())
                        for m in distinct[-n_folds:]]
        """},
        fails={"test-time-folds-split"},
    ),
    Variant(
        name="time-folds-no-check",
        why="does not refuse n_folds as large as the number of months: the first fold then has no training row",
        cells={"time-folds": time_variant(check="pass")},
        fails={"test-time-folds-errors"},
    ),
    # ----------------------------------------------------------------------------------------- holdout_report
    Variant(
        name="time-folds-boolean-masks",
        why="returns boolean masks instead of integer row positions",
        cells={"time-folds": time_variant(train="values < month").replace("np.flatnonzero(values == month)", "values == month")},
        fails={"test-time-folds-split", "test-time-folds-expanding", "test-time-folds-errors"},
    ),
    Variant(
        name="holdout-baseline-on-test-labels",
        why="the baseline learns the majority class of the test labels: a baseline may only know the training data",
        cells={"holdout-report": holdout_variant(baseline_rows="X_test, y_test")},
        fails={"test-holdout-report-values", "test-holdout-report-baseline", "test-holdout-report-edge"},
    ),
    Variant(
        name="holdout-fits-caller-model",
        why="fits the caller's model instead of a clone, so the caller's object changes",
        cells={"holdout-report": holdout_variant(fit="model.fit(X_train, y_train)")},
        fails={"test-holdout-report-edge"},
    ),
    Variant(
        name="holdout-nan-precision",
        why="divides by the number of predicted churners even when it is zero: precision becomes NaN instead of 0.0",
        cells={"holdout-report": holdout_variant(precision="float(hits / np.sum(predicted == 1))")},
        fails={"test-holdout-report-edge"},
    ),
    Variant(
        name="holdout-nan-recall",
        why="divides by the number of churners in the test rows even when it is zero: recall becomes NaN instead of 0.0",
        cells={"holdout-report": holdout_variant().replace(
            '"recall": hits / int((truth == 1).sum()) if (truth == 1).any() else 0.0,', '"recall": float(hits / np.sum(truth == 1)),')},
        fails={"test-holdout-report-edge"},
    ),
    Variant(
        name="holdout-macro-precision",
        why="averages the precision of both classes instead of reporting the precision of class 1 (churn)",
        cells={"holdout-report": holdout_variant(
            precision="float(np.mean([np.mean(truth[predicted == c] == c) for c in (0, 1) if (predicted == c).any()]))")},
        fails={"test-holdout-report-values", "test-holdout-report-baseline", "test-holdout-report-edge"},
    ),
    Variant(
        name="holdout-keys-sorted",
        why="returns the report's keys in alphabetical order instead of the stated order",
        cells={"holdout-report": holdout_variant(report="dict(sorted(report.items()))")},
        fails={"test-holdout-report-values"},
    ),
    # ----------------------------------------------------------------------------------------- parameter_grid
    Variant(
        name="grid-insertion-order",
        why="keeps the dict's insertion order instead of sorting the parameter names",
        cells={
            "parameter-grid": """
            def parameter_grid(param_grid):
                grids = [param_grid] if isinstance(param_grid, dict) else list(param_grid)
                out = []
                for grid in grids:
                    names = list(grid)
                    for values in itertools.product(*(grid[n] for n in names)):
                        out.append(dict(zip(names, values)))
                return out
        """
        },
        fails={"test-parameter-grid", "test-grid-search"},
    ),
    Variant(
        name="grid-first-name-fastest",
        why="nests the loops the other way round: the first name varies fastest",
        cells={
            "parameter-grid": """
            def parameter_grid(param_grid):
                grids = [param_grid] if isinstance(param_grid, dict) else list(param_grid)
                out = []
                for grid in grids:
                    names = sorted(grid)[::-1]
                    for values in itertools.product(*(grid[n] for n in names)):
                        out.append(dict(sorted(zip(names, values))))
                return out
        """
        },
        fails={"test-parameter-grid", "test-grid-search"},
    ),
    Variant(
        name="grid-calls-parametergrid",
        why="ParameterGrid from sklearn.model_selection inside a from-scratch exercise earns nothing",
        cells={
            "parameter-grid": """
            from sklearn.model_selection import ParameterGrid

            def parameter_grid(param_grid):
                return list(ParameterGrid(param_grid))
        """
        },
        fails={"test-parameter-grid", "test-grid-search", "test-grid-search-ties"},
    ),
    # ----------------------------------------------------------------------------------------- cross_val_accuracy
    Variant(
        name="cv-train-test-swapped",
        why="fits on the held-out fold and scores on the training rows",
        cells={"cv-accuracy": cv_variant(body="""model = clone(estimator).set_params(**params).fit(take(X, test), take(y, test))
        scores.append(np.mean(np.asarray(model.predict(take(X, train))) == np.asarray(take(y, train))))""")},
        fails={"test-cv-accuracy-values", "test-grid-search", "test-grid-search-ties", "test-random-search"},
    ),
    Variant(
        name="cv-mutates-estimator",
        why="sets the parameters on and fits the caller's estimator instead of a clone",
        cells={"cv-accuracy": cv_variant(body="""model = estimator.set_params(**params).fit(take(X, train), take(y, train))
        scores.append(np.mean(np.asarray(model.predict(take(X, test))) == np.asarray(take(y, test))))""")},
        fails={"test-cv-accuracy-clone"},
    ),
    Variant(
        name="cv-calls-cross-val-score",
        why="cross_val_score inside a from-scratch exercise earns nothing",
        cells={
            "cv-accuracy": """
            from sklearn.model_selection import cross_val_score

            def cross_val_accuracy(estimator, params, X, y, folds):
                return cross_val_score(clone(estimator).set_params(**params), X, y, cv=folds)
        """
        },
        fails={"test-cv-accuracy-values", "test-grid-search", "test-grid-search-ties", "test-random-search"},
    ),
    Variant(
        name="cv-rows-by-label",
        why="selects DataFrame rows with .loc, i.e. by index label: the fold indices are positions",
        cells={"cv-accuracy": cv_variant(
            take="values.loc[positions] if isinstance(values, (pd.DataFrame, pd.Series)) else np.asarray(values)[positions]")},
        fails={"test-cv-accuracy-values"},
    ),
    Variant(
        name="cv-numpy-only",
        why="turns X into a numpy array, so a pipeline that selects its columns by name cannot find them",
        cells={"cv-accuracy": cv_variant(take="np.asarray(values)[positions]")},
        fails={"test-cv-accuracy-values"},
    ),
    # ----------------------------------------------------------------------------------------- grid_search_cv
    Variant(
        name="grid-search-last-best",
        why="'>=' while scanning keeps the last of tied candidates instead of the first",
        cells={
            "grid-search": """
            def grid_search_cv(estimator, param_grid, X, y, folds):
                folds = list(folds)
                candidates = parameter_grid(param_grid)
                means = np.array([cross_val_accuracy(estimator, p, X, y, folds).mean() for p in candidates])
                best = 0
                for i, score in enumerate(means):
                    if score >= means[best]:
                        best = i
                return candidates[best], means
        """
        },
        fails={"test-grid-search", "test-grid-search-ties"},
    ),
    Variant(
        name="grid-search-training-scores",
        why="ranks candidates by their mean training accuracy",
        cells={
            "grid-search": """
            def grid_search_cv(estimator, param_grid, X, y, folds):
                X, y = np.asarray(X), np.asarray(y)
                candidates = parameter_grid(param_grid)
                means = []
                for params in candidates:
                    scores = []
                    for train, test in folds:
                        model = clone(estimator).set_params(**params).fit(X[train], y[train])
                        scores.append(np.mean(model.predict(X[train]) == y[train]))
                    means.append(np.mean(scores))
                means = np.array(means)
                return candidates[int(np.argmax(means))], means
        """
        },
        fails={"test-grid-search", "test-grid-search-ties"},
    ),
    Variant(
        name="grid-search-calls-gridsearchcv",
        why="GridSearchCV inside a from-scratch exercise earns nothing",
        cells={
            "grid-search": """
            from sklearn.model_selection import GridSearchCV

            def grid_search_cv(estimator, param_grid, X, y, folds):
                search = GridSearchCV(estimator, param_grid, cv=list(folds), refit=False).fit(X, y)
                return search.best_params_, search.cv_results_["mean_test_score"]
        """
        },
        fails={"test-grid-search", "test-grid-search-ties"},
    ),
    # ----------------------------------------------------------------------------------------- random_search_cv
    Variant(
        name="random-search-insertion-order",
        why="draws the parameters in the dict's insertion order, not sorted by name",
        cells={
            "random-search": """
            def random_search_cv(estimator, param_lists, X, y, folds, n_iter, rng):
                folds = list(folds)
                candidates = [{name: values[rng.integers(len(values))] for name, values in param_lists.items()}
                              for _ in range(n_iter)]
                means = np.array([cross_val_accuracy(estimator, c, X, y, folds).mean() for c in candidates])
                return candidates, means, candidates[int(np.argmax(means))]
        """
        },
        fails={"test-random-search"},
    ),
    Variant(
        name="random-search-own-generator",
        why="ignores the rng passed in and seeds a new generator",
        cells={
            "random-search": """
            def random_search_cv(estimator, param_lists, X, y, folds, n_iter, rng):
                folds = list(folds)
                own = np.random.default_rng(42)
                candidates = [{name: param_lists[name][own.integers(len(param_lists[name]))] for name in sorted(param_lists)}
                              for _ in range(n_iter)]
                means = np.array([cross_val_accuracy(estimator, c, X, y, folds).mean() for c in candidates])
                return candidates, means, candidates[int(np.argmax(means))]
        """
        },
        fails={"test-random-search"},
    ),
    Variant(
        name="random-search-without-replacement",
        why="samples n_iter distinct candidates of the full grid: another (valid) method, but not the one asked for",
        cells={
            "random-search": """
            def random_search_cv(estimator, param_lists, X, y, folds, n_iter, rng):
                folds = list(folds)
                names = sorted(param_lists)
                grid = [dict(zip(names, v)) for v in itertools.product(*(param_lists[n] for n in names))]
                candidates = [grid[i] for i in rng.permutation(len(grid))[:n_iter]]
                means = np.array([cross_val_accuracy(estimator, c, X, y, folds).mean() for c in candidates])
                return candidates, means, candidates[int(np.argmax(means))]
        """
        },
        fails={"test-random-search"},
    ),
    # ----------------------------------------------------------------------------------------- one_standard_error_choice
    Variant(
        name="one-se-population-std",
        why="uses the population standard deviation (ddof=0): the standard error of a mean uses the sample one",
        cells={"one-se-choice": one_se_variant(spread="best_scores.std() / np.sqrt(len(best_scores))")},
        fails={"test-one-se-choice", "test-one-se-ties"},
    ),
    Variant(
        name="one-se-no-sqrt",
        why="subtracts a whole standard deviation instead of the standard error of the mean (divide by sqrt(k))",
        cells={"one-se-choice": one_se_variant(spread="best_scores.std(ddof=1)")},
        fails={"test-one-se-choice", "test-one-se-ties"},
    ),
    Variant(
        name="one-se-strict-threshold",
        why="keeps only models strictly above the threshold: a model exactly on it is within one standard error",
        cells={"one-se-choice": one_se_variant(keep="means[name] > threshold or name == best")},
        fails={"test-one-se-ties"},
    ),
    Variant(
        name="one-se-returns-best",
        why="returns the best-scoring model: the rule picks the simplest model within one standard error of it",
        cells={"one-se-choice": one_se_variant(order="-means[name]")},
        fails={"test-one-se-choice", "test-one-se-ties"},
    ),
    Variant(
        name="one-se-first-among-equals",
        why="among equally simple models, takes the first instead of the one with the higher mean",
        cells={"one-se-choice": one_se_variant(order="complexity[name]")},
        fails={"test-one-se-ties"},
    ),
    Variant(
        name="one-se-last-among-equals",
        why="when equally simple models also have equal means, takes the last one instead of the first",
        cells={"one-se-choice": one_se_variant().replace("choice = min(eligible,", "choice = min(eligible[::-1],")},
        fails={"test-one-se-ties"},
    ),
    Variant(
        name="one-se-last-best",
        why="when two models share the best mean, the last one sets the threshold instead of the first",
        cells={"one-se-choice": one_se_variant(best="max(reversed(names), key=lambda name: means[name])")},
        fails={"test-one-se-ties"},
    ),
    # ----------------------------------------------------------------------------------------- confusion plot
    Variant(
        name="confusion-transposed",
        why="rows are predicted labels and columns true labels",
        cells={
            "confusion-plot": """
            from sklearn.metrics import confusion_matrix

            def plot_confusion_matrix(y_true, y_pred, labels):
                counts = confusion_matrix(y_true, y_pred, labels=labels).T
                fig, ax = plt.subplots()
                ax.imshow(counts)
                for i in range(len(labels)):
                    for j in range(len(labels)):
                        ax.text(j, i, str(counts[i, j]))
                ax.set_xticks(range(len(labels)), labels=[str(l) for l in labels])
                ax.set_yticks(range(len(labels)), labels=[str(l) for l in labels])
                ax.set_xlabel("Predicted label")
                ax.set_ylabel("True label")
                ax.set_title("Confusion matrix")
                return fig
        """
        },
        fails={"test-confusion-counts"},
    ),
    Variant(
        name="confusion-sorted-labels",
        why="orders the matrix by the sorted labels found in the data instead of the labels given",
        cells={
            "confusion-plot": """
            from sklearn.metrics import ConfusionMatrixDisplay

            def plot_confusion_matrix(y_true, y_pred, labels):
                display = ConfusionMatrixDisplay.from_predictions(y_true, y_pred)
                display.ax_.set_title("Confusion matrix")
                return display.figure_
        """
        },
        fails={"test-confusion-figure", "test-confusion-counts"},
    ),
    Variant(
        name="confusion-normalised",
        why="shows row-normalised rates instead of the raw counts",
        cells={
            "confusion-plot": """
            from sklearn.metrics import ConfusionMatrixDisplay

            def plot_confusion_matrix(y_true, y_pred, labels):
                display = ConfusionMatrixDisplay.from_predictions(y_true, y_pred, labels=labels, normalize="true")
                display.ax_.set_title("Confusion matrix")
                return display.figure_
        """
        },
        fails={"test-confusion-counts"},
    ),
    Variant(
        name="confusion-no-labels",
        why="no title and no axis labels: the reader cannot tell rows from columns",
        cells={
            "confusion-plot": """
            from sklearn.metrics import confusion_matrix

            def plot_confusion_matrix(y_true, y_pred, labels):
                counts = confusion_matrix(y_true, y_pred, labels=labels)
                fig, ax = plt.subplots()
                ax.imshow(counts)
                for i in range(len(labels)):
                    for j in range(len(labels)):
                        ax.text(j, i, str(counts[i, j]))
                ax.set_xticks(range(len(labels)), labels=[str(l) for l in labels])
                ax.set_yticks(range(len(labels)), labels=[str(l) for l in labels])
                return fig
        """
        },
        fails={"test-confusion-figure"},
    ),
    Variant(
        name="confusion-closes-figure",
        why="closes the figure before returning it, so the notebook can no longer display it",
        cells={
            "confusion-plot": """
            from sklearn.metrics import confusion_matrix

            def plot_confusion_matrix(y_true, y_pred, labels):
                counts = confusion_matrix(y_true, y_pred, labels=labels)
                fig, ax = plt.subplots()
                ax.imshow(counts)
                for i in range(len(labels)):
                    for j in range(len(labels)):
                        ax.text(j, i, str(counts[i, j]))
                ax.set_xticks(range(len(labels)), labels=[str(l) for l in labels])
                ax.set_yticks(range(len(labels)), labels=[str(l) for l in labels])
                ax.set_xlabel("Predicted label")
                ax.set_ylabel("True label")
                ax.set_title("Confusion matrix")
                plt.close(fig)
                return fig
        """
        },
        fails={"test-confusion-figure"},
    ),
    # ----------------------------------------------------------------------------------------- save_model
    Variant(
        name="save-no-parent-folders",
        why="does not create the missing parent folders",
        cells={"save-model": save_variant(mkdir="pass")},
        fails={"test-save-model"},
    ),
    Variant(
        name="save-unfitted-clone",
        why="saves clone(model), which drops the fitted state",
        cells={"save-model": save_variant(dump="pickle.dump(clone(model), handle)")},
        fails={"test-save-model"},
    ),
    Variant(
        name="save-params-as-json",
        why="writes the hyper-parameters as JSON: a configuration, not a trained model",
        cells={"save-model": save_variant(dump="handle.write(json.dumps({k: repr(v) for k, v in model.get_params().items()}).encode())")},
        fails={"test-save-model"},
    ),
    Variant(
        name="save-in-place",
        why="opens the model file itself for writing: a crash or a failing pickle leaves a truncated model behind",
        cells={"save-model": """
            def save_model(model, path):
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "wb") as handle:
                    pickle.dump(model, handle)
                return path
        """},
        fails={"test-save-model-atomic"},
    ),
    Variant(
        name="save-fixed-temporary-name",
        why="writes to a fixed temporary name (path + '.tmp'), which another file or a concurrent save can share",
        cells={"save-model": """
            def save_model(model, path):
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_name(path.name + ".tmp")
                try:
                    with open(temporary, "wb") as handle:
                        pickle.dump(model, handle)
                    os.replace(temporary, path)
                except BaseException:
                    temporary.unlink(missing_ok=True)
                    raise
                return path
        """},
        fails={"test-save-model-atomic"},
    ),
    Variant(
        name="save-system-temporary-folder",
        why="writes the temporary file in the system's temporary folder: moving it onto path is then not an atomic "
        "rename when the folders are on different file systems",
        cells={"save-model": """
            import shutil

            def save_model(model, path):
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                descriptor, temporary = tempfile.mkstemp(suffix=".tmp")
                with os.fdopen(descriptor, "wb") as handle:
                    pickle.dump(model, handle)
                shutil.move(temporary, path)
                return path
        """},
        fails={"test-save-model-atomic"},
    ),
    Variant(
        name="save-no-cleanup",
        why="a failing save leaves its temporary file behind: remove it before re-raising",
        cells={"save-model": """
            def save_model(model, path):
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                with os.fdopen(descriptor, "wb") as handle:
                    pickle.dump(model, handle)
                os.replace(temporary, path)
                return path
        """},
        fails={"test-save-model-atomic"},
    ),
    Variant(
        name="save-swallows-errors",
        why="hides a failing save (except: pass) and returns the path as if the model had been saved",
        cells={"save-model": """
            def save_model(model, path):
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                try:
                    with os.fdopen(descriptor, "wb") as handle:
                        pickle.dump(model, handle)
                    os.replace(temporary, path)
                except Exception:
                    os.unlink(temporary)
                return path
        """},
        fails={"test-save-model-atomic"},
    ),
    # ----------------------------------------------------------------------------------------- server
    Variant(
        name="server-isinstance-only",
        why="checks numbers with isinstance(value, (int, float)) only: True is an int, and NaN, Infinity and 1e400 are "
        "floats, so they reach the model",
        cells={"server": server_variant(number_check="""                elif not isinstance(value, (int, float)):
                    return f"record {i}: '{name}' must be a number"
                elif kind == "integer" and not isinstance(value, int):
                    return f"record {i}: '{name}' must be an integer\"""")},
        fails={"test-server-json-numbers"},
    ),
    Variant(
        name="server-no-finite-check",
        why="accepts NaN, Infinity and numbers that overflow to infinity (1e400) as numbers",
        cells={"server": server_variant(number_check="""                elif isinstance(value, bool) or not isinstance(value, (int, float)):
                    return f"record {i}: '{name}' must be a number"
                elif kind == "integer" and not isinstance(value, int):
                    return f"record {i}: '{name}' must be an integer\"""")},
        fails={"test-server-json-numbers"},
    ),
    Variant(
        name="server-integer-accepts-floats",
        why="accepts 2.0 or 2.5 where the schema asks for an integer",
        cells={"server": server_variant(number_check="""                elif isinstance(value, bool) or not isinstance(value, (int, float)):
                    return f"record {i}: '{name}' must be a number"
                elif isinstance(value, float) and not math.isfinite(value):
                    return f"record {i}: '{name}' must be a finite number\"""")},
        fails={"test-server-bad-requests"},
    ),
    Variant(
        name="server-no-record-validation",
        why="sends the records to the model unchecked: a client's mistake becomes a 500 (or a silent prediction) "
        "instead of a 400",
        cells={"server": server_variant(validate="""            if not isinstance(records, list) or not records:
                self.send_json(400, {"error": "send a non-empty list of records"})
                return
            try:
                rows = [{name: record[name] for name in schema} for record in records]
                frame = pd.DataFrame(rows, columns=list(schema)).astype({n: dtypes[k] for n, (k, _) in schema.items()})
            except Exception:
                self.send_json(500, {"error": "could not read the records"})
                return""", frame="")},
        fails={"test-server-bad-requests", "test-server-json-numbers"},
    ),
    Variant(
        name="server-rejects-extra-keys",
        why="refuses records with keys outside the schema (an id, the label): they should be ignored",
        cells={"server": server_variant(extra_keys="""            if set(record) - set(schema):
                return f"record {i} has unknown keys\"""")},
        fails={"test-server-predict"},
    ),
    Variant(
        name="server-frame-without-dtypes",
        why="builds the frame without the training dtypes: a record sent alone with a null gets an object column and "
        "is encoded differently from the same record in a batch (training/serving skew)",
        cells={"server": server_variant(frame="""            frame = pd.DataFrame(rows, columns=list(schema))""")},
        fails={"test-server-predict"},
    ),
    Variant(
        name="server-fills-missing",
        why="the server fills missing numbers with 0 before calling the pipeline, instead of leaving missing values to "
        "the fitted pipeline (which imputes the training median): training/serving skew",
        cells={"server": server_variant(frame=FRAME + """
            frame = frame.fillna({"age": 0.0, "tenure_months": 0.0})""")},
        fails={"test-server-predict"},
    ),
    Variant(
        name="server-model-errors-are-400",
        why="answers a failure of the model with 400: the request was valid, so it is a server error (500)",
        cells={"server": server_variant(predict=PREDICT.replace("self.send_json(500,", "self.send_json(400,"))},
        fails={"test-server-errors"},
    ),
    Variant(
        name="server-no-500",
        why="does not catch an exception of the model: the handler crashes and the client gets no answer at all",
        cells={"server": server_variant(predict="""            predictions = np.asarray(pipeline.predict(frame)).tolist()
            probabilities = np.asarray(pipeline.predict_proba(frame))[:, 1].tolist()
            self.send_json(200, {"predictions": predictions, "probabilities": probabilities})""")},
        fails={"test-server-errors"},
    ),
    Variant(
        name="server-json-errors-only",
        why="catches json.JSONDecodeError only: a body that is not UTF-8 raises UnicodeDecodeError and crashes the handler",
        cells={"server": server_variant(parse=PARSE.replace("except (ValueError, UnicodeDecodeError):",
                                                            "except json.JSONDecodeError:").replace(
            "payload = json.loads(body)", "payload = json.loads(body.decode(\"utf-8\"))"))},
        fails={"test-server-bad-requests"},
    ),
    Variant(
        name="server-no-content-type-check",
        why="accepts any Content-Type: a form or plain text body should be refused with 415",
        cells={"server": server_variant(media="""            if not valid_length:
                self.send_json(400, {"error": "a valid Content-Length is required"})
                return""")},
        fails={"test-server-headers"},
    ),
    Variant(
        name="server-exact-content-type",
        why="compares the Content-Type header as an exact string: 'application/json; charset=utf-8' is JSON too",
        cells={"server": server_variant(media=MEDIA.replace(
            'self.headers.get("Content-Type", "").split(";")[0].strip().lower()', 'self.headers.get("Content-Type", "")'))},
        fails={"test-server-headers"},
    ),
    Variant(
        name="server-unchecked-length",
        why="converts Content-Length with int() without checking it: 'abc' crashes the handler and '-1' makes it wait "
        "for a body that never comes",
        cells={"server": server_variant(length="""            length = self.headers.get("Content-Length", "0")
            valid_length = True
            body = self.rfile.read(int(length))""")},
        fails={"test-server-headers"},
    ),
    Variant(
        name="server-404-for-get-predict",
        why="answers GET /predict with 404: the resource exists, only the method is wrong (405 with Allow: POST)",
        cells={"server": server_variant(get="""            self.send_json(404, {"error": "use POST /predict"})""")},
        fails={"test-server-unknown-path", "test-server-headers", "test-server-errors"},
    ),
    Variant(
        name="server-405-without-allow",
        why="a 405 answer must say which methods are allowed (Allow: POST)",
        cells={"server": server_variant(get=GET.replace(', [("Allow", "POST")]', ""))},
        fails={"test-server-unknown-path"},
    ),
    Variant(
        name="server-html-errors",
        why="uses send_error for unknown paths: its answer is an HTML page, not JSON",
        cells={"server": server_variant(get="""            if self.path == "/predict":
                self.send_json(405, {"error": "use POST /predict"}, [("Allow", "POST")])
            else:
                self.send_error(404)""", not_found="""                self.send_error(404)""")},
        fails={"test-server-unknown-path", "test-server-headers"},
    ),
    Variant(
        name="server-probability-of-class-0",
        why="returns the first column of predict_proba (the probability of staying) instead of the churn probability",
        cells={"server": server_variant(predict=PREDICT.replace("[:, 1].tolist()", "[:, 0].tolist()"))},
        fails={"test-server-predict"},
    ),
    Variant(
        name="server-wrong-key",
        why="answers {'prediction': ...} instead of {'predictions': ...}",
        cells={"server": server_variant(predict=PREDICT.replace('{"predictions": predictions', '{"prediction": predictions'))},
        fails={"test-server-predict"},
    ),
    # ----------------------------------------------------------------------------------------- README
    Variant(
        name="readme-sections-out-of-order",
        why="Results come before Approach",
        cells={
            "readme": """
            def write_readme(path, results):
                lines = ["# Churn prediction", "", "## Problem", "Which customers will cancel next month, so that the retention team calls them first.",
                         "", "## Data", "A messy customer extract, cleaned by tested rules: duplicates, categories, parsing, outliers, missing values.",
                         "", "## Results"]
                lines += [f"- {k}: {v:.3f}" if isinstance(v, float) else f"- {k}: {v}" for k, v in results.items()]
                lines += ["", "## Approach", "A scikit-learn pipeline fitted on the training split, tuned by cross-validated grid search on the training data only.",
                          "", "## How to run", "```bash", "python train.py", "python serve.py --port 8000", "```",
                          "", "## Limitations", "One year of data from one market; no drift monitoring or fairness check yet; the threshold still needs tuning."]
                text = "\\n".join(lines) + "\\n"
                Path(path).write_text(text, encoding="utf-8")
                return text
        """
        },
        fails={"test-readme-structure"},
    ),
    Variant(
        name="readme-hard-coded-results",
        why="the numbers are typed into the README instead of coming from results",
        cells={
            "readme": """
            def write_readme(path, results):
                lines = ["# Churn prediction", "", "## Problem", "Which customers will cancel next month, so that the retention team calls them first.",
                         "", "## Data", "A messy customer extract, cleaned by tested rules: duplicates, categories, parsing, outliers, missing values.",
                         "", "## Approach", "A scikit-learn pipeline fitted on the training split, tuned by cross-validated grid search on the training data only.",
                         "", "## Results", "- test_accuracy: 0.842", "- n_train: 600",
                         "", "## How to run", "```bash", "python train.py", "python serve.py --port 8000", "```",
                         "", "## Limitations", "One year of data from one market; no drift monitoring or fairness check yet; the threshold still needs tuning."]
                text = "\\n".join(lines) + "\\n"
                Path(path).write_text(text, encoding="utf-8")
                return text
        """
        },
        fails={"test-readme-results"},
    ),
    Variant(
        name="readme-raw-floats",
        why="prints floats with all their digits instead of 3 decimals",
        cells={
            "readme": """
            def write_readme(path, results):
                lines = ["# Churn prediction", "", "## Problem", "Which customers will cancel next month, so that the retention team calls them first.",
                         "", "## Data", "A messy customer extract, cleaned by tested rules: duplicates, categories, parsing, outliers, missing values.",
                         "", "## Approach", "A scikit-learn pipeline fitted on the training split, tuned by cross-validated grid search on the training data only.",
                         "", "## Results"]
                lines += [f"- {k}: {v}" for k, v in results.items()]
                lines += ["", "## How to run", "```bash", "python train.py", "python serve.py --port 8000", "```",
                          "", "## Limitations", "One year of data from one market; no drift monitoring or fairness check yet; the threshold still needs tuning."]
                text = "\\n".join(lines) + "\\n"
                Path(path).write_text(text, encoding="utf-8")
                return text
        """
        },
        fails={"test-readme-results"},
    ),
    Variant(
        name="readme-not-written",
        why="returns the text but never writes the file",
        cells={
            "readme": """
            def write_readme(path, results):
                lines = ["# Churn prediction", "", "## Problem", "Which customers will cancel next month, so that the retention team calls them first.",
                         "", "## Data", "A messy customer extract, cleaned by tested rules: duplicates, categories, parsing, outliers, missing values.",
                         "", "## Approach", "A scikit-learn pipeline fitted on the training split, tuned by cross-validated grid search on the training data only.",
                         "", "## Results"]
                lines += [f"- {k}: {v:.3f}" if isinstance(v, float) else f"- {k}: {v}" for k, v in results.items()]
                lines += ["", "## How to run", "```bash", "python train.py", "python serve.py --port 8000", "```",
                          "", "## Limitations", "One year of data from one market; no drift monitoring or fairness check yet; the threshold still needs tuning."]
                return "\\n".join(lines) + "\\n"
        """
        },
        fails={"test-readme-structure"},
    ),
    # ----------------------------------------------------------------------------------------- changelog_status
    Variant(
        name="changelog-string-versions",
        why="compares versions as strings: '1.10.0' < '1.9.0' as text, although 1.10.0 is the higher version",
        cells={"changelog-status": changelog_variant(version='".".join(match.groups()[:3])')},
        fails={"test-changelog-order"},
    ),
    Variant(
        name="changelog-stale-at-limit",
        why="a release exactly max_age_days old is counted as stale ('>=' instead of '>')",
        cells={"changelog-status": changelog_variant(stale="age >= max_age_days")},
        fails={"test-changelog-latest"},
    ),
    Variant(
        name="changelog-unreleased-malformed",
        why="reports the [Unreleased] heading as malformed, although Keep a Changelog puts it on top",
        cells={"changelog-status": changelog_variant(skip_unreleased="False")},
        fails={"test-changelog-latest", "test-changelog-malformed"},
    ),
    Variant(
        name="changelog-equal-versions-allowed",
        why="accepts a release whose version equals the previous one: versions must strictly decrease down the file",
        cells={"changelog-status": changelog_variant().replace("version >= releases[-1][1]", "version > releases[-1][1]")},
        fails={"test-changelog-order"},
    ),
    Variant(
        name="changelog-latest-from-any-heading",
        why="takes the latest version from the first heading even when it is malformed: only a well-formed release counts",
        cells={"changelog-status": changelog_variant().replace(
            "    releases, problems = [], []", "    releases, problems, first = [], [], None").replace(
            '        if day is None:\n', '        if first is None:\n            first = line[4:].split("]")[0]\n        if day is None:\n').replace(
            '"latest": releases[0][0]', '"latest": first')},
        fails={"test-changelog-malformed"},
    ),
    Variant(
        name="changelog-same-day-flagged",
        why="flags two releases on the same day as out of date order",
        cells={"changelog-status": changelog_variant(date_order="day >= releases[-1][2]")},
        fails={"test-changelog-order"},
    ),
    Variant(
        name="changelog-no-future-check",
        why="does not report releases dated after today",
        cells={"changelog-status": changelog_variant(future="False")},
        fails={"test-changelog-malformed"},
    ),
    Variant(
        name="changelog-trailing-spaces",
        why="does not ignore trailing spaces, so a valid heading followed by spaces is reported as malformed",
        cells={"changelog-status": changelog_variant().replace("line = line.rstrip()", "pass")},
        fails={"test-changelog-malformed"},
    ),
    # ----------------------------------------------------------------------------------------- write-up
    Variant(
        name="writeup-empty",
        why="an empty write-up",
        cells={"project-writeup": 'PROJECT_WRITEUP = ""'},
        fails={"test-project-writeup"},
    ),
    Variant(
        name="writeup-results-without-numbers",
        why="the Results section gives no number: quote the held-out month's figures and the baseline's",
        cells={"project-writeup": WRITEUP.format(problem=PROBLEM, results=(
            "The tuned pipeline beats the majority-class baseline on the held-out month, with a reasonable precision and a "
            "lower recall for churners, and grid search chose a moderate regularisation strength for the model."))},
        fails={"test-project-writeup"},
    ),
    Variant(
        name="writeup-short-section",
        why="the Problem section is a single phrase: say what the business question is and which metric fits it",
        cells={"project-writeup": WRITEUP.format(problem="Predict churn.", results=RESULTS)},
        fails={"test-project-writeup"},
    ),
]

UNTESTED_CELLS = {
    "project-code": "the learner pastes Notebook 1's functions here so that the project runs; the notebook says the "
                    "cell is not graded and no test uses it, and the same code is graded and mutated in Notebook 1",
}

EQUIVALENT_MUTANTS = {
    "grid-search@390551f3": "the exercises pass folds as a list of (train, test) pairs (section 1), which can be "
                            "iterated once per candidate without list()",
    "random-search@d6fe68e6": "the exercises pass folds as a list of (train, test) pairs (section 1), which can be "
                              "iterated once per candidate without list()",
    "confusion-plot@0c1a6d71": "labels is a sequence indexed as labels[i] by the spec; enumerate, len and the tick "
                               "labels work on it the same without list()",
}

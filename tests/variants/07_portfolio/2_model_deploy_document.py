"""Plausible wrong answers to 07_portfolio/2_model_deploy_document; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

# A server with the reference behaviour except where a variant says otherwise; {…} placeholders per variant.
SERVER_TEMPLATE = """
def make_server(model, host="127.0.0.1", port=0):
    n_features = int(model.n_features_in_)

    class Handler(BaseHTTPRequestHandler):
        def send_json(self, status, payload):
            body = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

{get}
        def do_POST(self):
{path_check}
            length = int(self.headers.get("Content-Length") or 0)
{body}

        def log_message(self, format, *args):
            pass

    return HTTPServer((host, port), Handler)
"""

GET_404 = """        def do_GET(self):
            self.send_json(404, {"error": "use POST /predict"})
"""
PATH_404 = """            if self.path != "/predict":
                self.send_json(404, {"error": "use POST /predict"})
                return"""
VALIDATED_BODY = """            try:
                payload = json.loads(self.rfile.read(length))
                rows = payload["rows"]
                ok = (isinstance(rows, list) and rows and all(isinstance(r, list) and len(r) == n_features for r in rows)
                      and all(isinstance(v, (int, float)) and not isinstance(v, bool) for r in rows for v in r))
            except (ValueError, KeyError, TypeError):
                ok = False
            if not ok:
                self.send_json(400, {"error": "send {'rows': [[numbers]]} with the right number of values per row"})
                return
            self.send_json(200, {"{key}": model.predict(np.array(rows, dtype=float)).tolist()})"""


def server_variant(get=GET_404, path_check=PATH_404, body=VALIDATED_BODY, key="predictions"):
    return SERVER_TEMPLATE.format(get=get, path_check=path_check, body=body.replace("{key}", key))


VARIANTS = [
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
        cells={
            "cv-accuracy": """
            def cross_val_accuracy(estimator, params, X, y, folds):
                X, y = np.asarray(X), np.asarray(y)
                scores = []
                for train, test in folds:
                    model = clone(estimator).set_params(**params).fit(X[test], y[test])
                    scores.append(np.mean(model.predict(X[train]) == y[train]))
                return np.array(scores)
        """
        },
        fails={"test-cv-accuracy-values", "test-grid-search", "test-grid-search-ties", "test-random-search"},
    ),
    Variant(
        name="cv-training-accuracy",
        why="scores each model on the rows it was fitted on",
        cells={
            "cv-accuracy": """
            def cross_val_accuracy(estimator, params, X, y, folds):
                X, y = np.asarray(X), np.asarray(y)
                scores = []
                for train, test in folds:
                    model = clone(estimator).set_params(**params).fit(X[train], y[train])
                    scores.append(np.mean(model.predict(X[train]) == y[train]))
                return np.array(scores)
        """
        },
        fails={"test-cv-accuracy-values", "test-grid-search", "test-grid-search-ties", "test-random-search"},
    ),
    Variant(
        name="cv-mutates-estimator",
        why="sets the parameters on and fits the caller's estimator instead of a clone",
        cells={
            "cv-accuracy": """
            def cross_val_accuracy(estimator, params, X, y, folds):
                X, y = np.asarray(X), np.asarray(y)
                estimator.set_params(**params)
                scores = []
                for train, test in folds:
                    estimator.fit(X[train], y[train])
                    scores.append(np.mean(estimator.predict(X[test]) == y[test]))
                return np.array(scores)
        """
        },
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
        name="grid-search-one-fold",
        why="a generator of folds is exhausted after the first candidate (folds not turned into a list), "
        "here written as scoring only the first fold",
        cells={
            "grid-search": """
            def grid_search_cv(estimator, param_grid, X, y, folds):
                first = list(folds)[:1]
                candidates = parameter_grid(param_grid)
                means = np.array([cross_val_accuracy(estimator, p, X, y, first).mean() for p in candidates])
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
    # ----------------------------------------------------------------------------------------- save_model
    Variant(
        name="save-no-parent-folders",
        why="does not create the missing parent folders",
        cells={
            "save-model": """
            def save_model(model, path):
                with open(path, "wb") as handle:
                    pickle.dump(model, handle)
                return Path(path)
        """
        },
        fails={"test-save-model"},
    ),
    Variant(
        name="save-unfitted-clone",
        why="saves clone(model), which drops the fitted state",
        cells={
            "save-model": """
            def save_model(model, path):
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pickle.dumps(clone(model)))
                return path
        """
        },
        fails={"test-save-model"},
    ),
    Variant(
        name="save-params-as-json",
        why="writes the hyper-parameters as JSON: a configuration, not a trained model",
        cells={
            "save-model": """
            def save_model(model, path):
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps({k: repr(v) for k, v in model.get_params().items()}))
                return path
        """
        },
        fails={"test-save-model"},
    ),
    # ----------------------------------------------------------------------------------------- server
    Variant(
        name="server-no-validation",
        why="predicts whatever arrives: bad input crashes the handler and the client gets no answer",
        cells={
            "server": server_variant(
                body="""            rows = json.loads(self.rfile.read(length))["rows"]
            self.send_json(200, {"predictions": model.predict(np.array(rows, dtype=float)).tolist()})"""
            )
        },
        fails={"test-server-bad-requests"},
    ),
    Variant(
        name="server-500-for-bad-input",
        why="answers a client's mistake with 500 (server error) instead of 400",
        cells={
            "server": server_variant(
                body="""            try:
                rows = json.loads(self.rfile.read(length))["rows"]
                if not rows or any(len(r) != n_features for r in rows):
                    raise ValueError("wrong rows")
                self.send_json(200, {"predictions": model.predict(np.array(rows, dtype=float)).tolist()})
            except Exception as exc:
                self.send_json(500, {"error": str(exc) or "error"})"""
            )
        },
        fails={"test-server-bad-requests"},
    ),
    Variant(
        name="server-any-path",
        why="predicts on every POST path and has no GET handler (501 HTML instead of a JSON 404)",
        cells={"server": server_variant(get="", path_check="            pass")},
        fails={"test-server-unknown-path"},
    ),
    Variant(
        name="server-wrong-key",
        why="answers {'prediction': ...} instead of {'predictions': ...}",
        cells={"server": server_variant(key="prediction")},
        fails={"test-server-predict", "test-server-bad-requests"},
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
    # ----------------------------------------------------------------------------------------- quiz
    Variant(
        name="credible-answer-titanic",
        why="a toy dataset with an accuracy figure is the first common mistake",
        cells={"credible-answer": 'CREDIBLE_ANSWER = "a"'},
        fails={"test-credible-answer"},
    ),
    Variant(
        name="credible-answer-leaderboard",
        why="a leaderboard rank without a write-up or a runnable project",
        cells={"credible-answer": 'CREDIBLE_ANSWER = "b"'},
        fails={"test-credible-answer"},
    ),
]

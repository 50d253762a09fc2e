"""Reference implementations of 02_algorithms against their scikit-learn counterparts: wall time and ratio.

The reference code is read from the source notebooks at run time (`course.notebooks.solution_code` of every
solution cell, plus the setup cell and provided helper cells, executed in one namespace per notebook), so this
file holds no answers. Every algorithm is timed at the size its hidden tests use and at 10 times as many rows,
in this process, one BLAS thread for both sides; the table gives both times, their ratio (ours / scikit-learn;
below 1 means ours is faster) and how the ratio grows when the data grow tenfold. Ratios, not absolute times,
are the result: they are stable across machines, absolute times are not. Nothing is asserted.

    .venv/bin/python benchmarks/reference_vs_sklearn.py [--quick]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from course.layout import Course
from course.notebooks import is_grade, is_locked, is_solution, read_notebook, solution_code

MODULE = "02_algorithms"


def _defines_only(source: str) -> bool:
    """A provided helper cell: nothing but imports and function definitions (no demo that prints or trains)."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(isinstance(n, (ast.FunctionDef, ast.Import, ast.ImportFrom)) for n in body)


def reference_namespace(path: Path) -> dict:
    """The reference solution of one notebook, executed: setup cell, provided helpers, solution cells in order."""
    namespace: dict = {"__name__": f"reference_{path.stem}"}
    for cell in read_notebook(path).cells:
        if cell.cell_type != "code":
            continue
        if is_solution(cell):
            source = solution_code(cell.source)
        elif cell.get("id") == "setup" or (is_locked(cell) and not is_grade(cell) and _defines_only(cell.source)):
            source = cell.source
        else:
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, f"{path.name}#{cell.get('id')}", "exec"), namespace)
    return namespace


@dataclass
class Case:
    notebook: str
    algorithm: str
    size: str  # the test-size data, in words
    make: Callable[[int], tuple]  # scale (1 or 10) -> data
    ours: Callable[..., object]
    sklearn: Callable[..., object]


def best_time(fn: Callable[..., object], args: tuple, budget: float) -> float:
    """Seconds per call of `fn(*args)`: the best of a few repeats, each repeat long enough to be measured."""
    start = time.perf_counter()
    fn(*args)
    first = time.perf_counter() - start
    number = max(1, int(0.05 / max(first, 1e-6)))
    repeats = 3 if first * number * 3 < budget else 1
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn(*args)
        times.append((time.perf_counter() - start) / number)
    return min([*times, first]) if repeats == 1 else min(times)


def cases(ns: dict[str, dict]) -> list[Case]:
    from scipy.special import logit
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier
    from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
    from sklearn.metrics import r2_score, silhouette_score
    from sklearn.metrics.pairwise import euclidean_distances, rbf_kernel
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
    from sklearn.utils.extmath import softmax as sk_softmax

    lin, trees, unsup, nets = (ns[k] for k in ("1_linear_models", "2_trees_and_ensembles",
                                               "3_neighbours_clustering_pca", "4_svm_and_neural_networks"))

    def normal(seed, n, d):
        return np.random.default_rng(seed).normal(size=(n, d))

    def regression(n, d, seed=0):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d) + rng.normal(scale=5.0, size=d)
        return X, X @ rng.normal(size=d) + rng.normal(size=n)

    def standardised(n, d, seed=0):
        X, y = regression(n, d, seed)
        return (X - X.mean(axis=0)) / X.std(axis=0), y

    def binary(n, d, seed=0):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, d))
        return X, (rng.random(n) < 1 / (1 + np.exp(-(X @ rng.normal(scale=1.5, size=d) - 0.7)))).astype(int)

    def classes(n, d, k, seed=0):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, d)).astype(np.float32).astype(float)
        return X, np.argmax(X @ rng.normal(scale=1.5, size=(k, d)).T + rng.gumbel(size=(n, k)), axis=1)

    def forest_data(n, seed=0):
        rng = np.random.default_rng(seed)
        Z = rng.normal(size=(n, 8))
        return Z, (Z[:, 0] + Z[:, 1] ** 2 - 1 + 0.8 * Z[:, 2] * Z[:, 3] + 0.5 * rng.normal(size=n) > 0).astype(int)

    def gbm_data(n, seed=0):
        rng = np.random.default_rng(seed)
        X = rng.uniform(-2, 2, size=(n, 3)).astype(np.float32).astype(float)
        return X, np.sin(1.5 * X[:, 0]) + 0.5 * X[:, 1] ** 2 + 0.3 * X[:, 2] + 0.2 * rng.normal(size=n)

    def blobs(n, d, k, seed=0):
        rng = np.random.default_rng(seed)
        centres = rng.normal(scale=6.0, size=(k, d))
        return centres[rng.integers(0, k, n)] + rng.normal(scale=2.0, size=(n, d))

    def kmeans_ref(X, init):
        return KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=1000).fit(X)

    def elbow_ref(X, inits):
        out = []
        for k, init in inits.items():
            model = kmeans_ref(X, init)
            out.append((model.inertia_, silhouette_score(X, model.labels_) if k > 1 else np.nan))
        return out

    def choose_components_ref(X, threshold):
        k = PCA(n_components=threshold, svd_solver="full").fit(X).n_components_
        errors = [np.mean(np.sum((X - X.mean(axis=0)) ** 2, axis=1))]
        for m in range(1, X.shape[1] + 1):
            pca = PCA(n_components=m, svd_solver="full").fit(X)
            errors.append(np.mean(np.sum((X - pca.inverse_transform(pca.transform(X))) ** 2, axis=1)))
        return k, errors

    def vif_ref(X, y):
        out = []
        for j in range(X.shape[1]):
            other = np.delete(X, j, axis=1)
            out.append(1 / (1 - LinearRegression().fit(other, X[:, j]).score(other, X[:, j])))
        model = LinearRegression().fit(X, y)
        return out, np.linalg.cond(X - X.mean(axis=0)), model

    def residual_ref(X, y, model):
        predicted = model.predict(X)
        squared = (y - predicted) ** 2
        return r2_score(y, predicted), LinearRegression().fit(X, squared).score(X, squared)

    def depth_ref(X, y, Xv, yv, depths):
        return [DecisionTreeClassifier(max_depth=d).fit(X, y).score(Xv, yv) for d in depths]

    def mlp_params(X, y, hidden):
        model = MLPClassifier(hidden_layer_sizes=(hidden,), max_iter=5, random_state=0).fit(X, y)
        return model, {"W1": model.coefs_[0], "b1": model.intercepts_[0], "W2": model.coefs_[1],
                       "b2": model.intercepts_[1]}

    def svm_data(n, d, seed=0):
        rng = np.random.default_rng(seed)
        y = np.where(rng.random(n) < 0.5, -1, 1)
        direction = rng.normal(size=d)
        return rng.normal(size=(n, d)) + 1.25 * np.outer(y, direction / np.linalg.norm(direction)), y

    def moons_svc(n):
        from sklearn.datasets import make_moons
        X, y = make_moons(n_samples=n, noise=0.25, random_state=0)
        return X, SVC(kernel="rbf", gamma=0.8).fit(X, y)

    def with_inits(n, seed=0):
        X = blobs(n, 2, 4, seed)
        return X, {k: X[np.random.default_rng(k).choice(len(X), size=k, replace=False)] for k in range(1, 7)}

    def full_batch_data(n):
        rng = np.random.default_rng(0)
        X, y = rng.normal(size=(n, 3)), rng.integers(0, 3, size=n)
        start = {"W1": rng.normal(scale=0.7, size=(3, 5)), "b1": np.zeros(5), "W2": rng.normal(scale=0.7, size=(5, 3)),
                 "b2": np.zeros(3)}
        return X, y, start

    def mlp_full_batch_ref(X, y, start, steps):
        return MLPClassifier(hidden_layer_sizes=(5,), solver="sgd", batch_size=len(y), momentum=0.0, alpha=0.0,
                             learning_rate_init=0.5, max_iter=steps, n_iter_no_change=steps, shuffle=False, tol=0,
                             random_state=0).fit(X, y)

    return [
        # ------------------------------------------------------------------ 1 linear models
        Case("1", "linear regression, normal equations", "300 x 6", lambda s: regression(300 * s, 6),
             lambda X, y: lin["fit_normal_equation"](X, y), lambda X, y: LinearRegression().fit(X, y)),
        Case("1", "linear regression, gradient descent (1000 steps)", "200 x 4", lambda s: standardised(200 * s, 4),
             lambda X, y: lin["fit_linear_gd"](X, y), lambda X, y: LinearRegression().fit(X, y)),
        Case("1", "ridge regression", "300 x 4", lambda s: regression(300 * s, 4),
             lambda X, y: lin["fit_ridge"](X, y, 10.0), lambda X, y: Ridge(alpha=10.0).fit(X, y)),
        Case("1", "collinearity report (VIF, condition, s.e.)", "200 x 5", lambda s: regression(200 * s, 5),
             lambda X, y: lin["collinearity_report"](X, y, 1.0), vif_ref),
        Case("1", "R² and Breusch-Pagan", "300 x 5",
             lambda s: (*regression(300 * s, 5), LinearRegression().fit(*regression(300 * s, 5))),
             lambda X, y, m: lin["residual_analysis"](X, y, m.coef_, m.intercept_), residual_ref),
        Case("1", "logistic regression, L2 (Newton)", "300 x 5", lambda s: binary(300 * s, 5),
             lambda X, y: lin["fit_logistic_l2"](X, y, 1.0),
             lambda X, y: LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(X, y)),
        Case("1", "softmax (rows)", "50 x 4", lambda s: (np.random.default_rng(0).normal(scale=30, size=(50 * s, 4)),),
             lambda Z: lin["softmax"](Z), lambda Z: sk_softmax(Z.copy())),
        Case("1", "softmax regression (Newton, 4 classes)", "240 x 4", lambda s: classes(240 * s, 4, 4),
             lambda X, y: lin["fit_softmax_regression"](X, y, 1.0),
             lambda X, y: LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(X, y)),
        Case("1", "probability after a change (vs expit∘logit)", "20 values",
             lambda s: (np.random.default_rng(0).uniform(0.01, 0.99, size=20 * s),),
             lambda p: lin["probability_after_change"](p, 0.7), lambda p: 1 / (1 + np.exp(-(logit(p) + 0.7)))),
        # ------------------------------------------------------------------ 2 trees and ensembles
        Case("2", "best split (root of a stump)", "180 x 4", lambda s: classes(180 * s, 4, 3),
             lambda X, y: trees["best_split"](X, y), lambda X, y: DecisionTreeClassifier(max_depth=1).fit(X, y)),
        Case("2", "classification tree, fit + predict", "200 x 4", lambda s: classes(200 * s, 4, 3),
             lambda X, y: trees["predict_tree"](trees["fit_tree"](X, y), X),
             lambda X, y: DecisionTreeClassifier().fit(X, y).predict(X)),
        Case("2", "regression tree, fit + predict", "200 x 3", lambda s: gbm_data(200 * s),
             lambda X, y: trees["predict_tree"](trees["fit_tree"](X, y, "squared_error"), X),
             lambda X, y: DecisionTreeRegressor().fit(X, y).predict(X)),
        Case("2", "depth chosen on validation rows (6 depths)", "160 + 100 x 3",
             lambda s: (*classes(160 * s, 3, 2), *classes(100 * s, 3, 2, seed=1), [1, 2, 3, 4, 6, 10]),
             lambda X, y, Xv, yv, d: trees["choose_max_depth"](X, y, Xv, yv, d), depth_ref),
        Case("2", "random forest, 25 trees, fit + predict", "200 x 8", lambda s: forest_data(200 * s),
             lambda X, y: trees["predict_forest"](trees["fit_forest"](X, y, 25, rng=np.random.default_rng(0)), X),
             lambda X, y: RandomForestClassifier(n_estimators=25, random_state=0).fit(X, y).predict(X)),
        Case("2", "random forest + OOB score", "300 x 8", lambda s: forest_data(300 * s),
             lambda X, y: trees["oob_score"](trees["fit_forest"](X, y, 25, rng=np.random.default_rng(0)), X, y),
             lambda X, y: RandomForestClassifier(n_estimators=25, oob_score=True, random_state=0).fit(X, y).oob_score_),
        Case("2", "gradient boosting, 40 stages, fit + predict", "200 x 3", lambda s: gbm_data(200 * s),
             lambda X, y: trees["predict_gbm"](trees["fit_gbm"](X, y, 40, 0.1, 3), X),
             lambda X, y: GradientBoostingRegressor(n_estimators=40, max_depth=3, random_state=0).fit(X, y).predict(X)),
        # ------------------------------------------------------------------ 3 neighbours, clustering, PCA
        Case("3", "pairwise distances", "60 x 45 x 8",
             lambda s: (normal(0, 60 * s, 8), normal(1, 45 * s, 8)),
             lambda A, B: unsup["pairwise_distances"](A, B), lambda A, B: euclidean_distances(A, B)),
        Case("3", "KNN classifier, k = 7", "240 train, 120 test, d 4",
             lambda s: (*classes(240 * s, 4, 3), classes(120 * s, 4, 3, seed=1)[0]),
             lambda X, y, T: unsup["knn_classify"](X, y, T, k=7),
             lambda X, y, T: KNeighborsClassifier(n_neighbors=7).fit(X, y).predict(T)),
        Case("3", "KNN regressor, distance weights", "200 train, 100 test, d 3",
             lambda s: (*gbm_data(200 * s), gbm_data(100 * s, seed=1)[0]),
             lambda X, y, T: unsup["knn_regress"](X, y, T, k=6, weights="distance"),
             lambda X, y, T: KNeighborsRegressor(n_neighbors=6, weights="distance").fit(X, y).predict(T)),
        Case("3", "KNN after standardisation", "150 train, 80 test, d 4",
             lambda s: (*classes(150 * s, 4, 2), classes(80 * s, 4, 2, seed=1)[0]),
             lambda X, y, T: unsup["knn_standardised"](X, y, T, k=5),
             lambda X, y, T: make_pipeline(StandardScaler(), KNeighborsClassifier(5)).fit(X, y).predict(T)),
        Case("3", "k-means (Lloyd, given start)", "300 x 3, k 5",
             lambda s: (blobs(300 * s, 3, 5), blobs(300 * s, 3, 5)[:5].copy()),
             lambda X, init: unsup["kmeans"](X, init), kmeans_ref),
        Case("3", "silhouette", "90 x 3", lambda s: (blobs(90 * s, 3, 5), np.arange(90 * s) % 5),
             lambda X, labels: unsup["silhouette"](X, labels), lambda X, labels: silhouette_score(X, labels)),
        Case("3", "elbow and silhouette, k = 1..6", "200 x 2", lambda s: with_inits(200 * s),
             lambda X, inits: unsup["elbow_and_silhouette"](X, inits), elbow_ref),
        Case("3", "PCA fit", "120 x 5", lambda s: (blobs(120 * s, 5, 3),),
             lambda X: unsup["pca_fit"](X, 3), lambda X: PCA(n_components=3, svd_solver="full").fit(X)),
        Case("3", "standardised PCA", "150 x 4", lambda s: (blobs(150 * s, 4, 3) * [1e4, 1, 30, 1e-2],),
             lambda X: unsup["standardised_pca"](X, 2),
             lambda X: make_pipeline(StandardScaler(), PCA(n_components=2, svd_solver="full")).fit(X)),
        Case("3", "components for a threshold + reconstruction", "200 x 8", lambda s: (blobs(200 * s, 8, 4), 0.9),
             lambda X, t: unsup["choose_n_components"](X, t), choose_components_ref),
        # ------------------------------------------------------------------ 4 SVM and neural networks
        Case("4", "linear SVM (sub-gradient, 2000 steps)", "200 x 4", lambda s: svm_data(200 * s, 4),
             lambda X, y: nets["fit_linear_svm"](X, y, C=1.0),
             lambda X, y: SVC(kernel="linear", C=1.0, tol=1e-10).fit(X, y)),
        Case("4", "RBF kernel matrix", "40 x 25 x 5",
             lambda s: (normal(0, 40 * s, 5), normal(1, 25 * s, 5)),
             lambda X, Y: nets["rbf_kernel_matrix"](X, Y, 0.5), lambda X, Y: rbf_kernel(X, Y, gamma=0.5)),
        Case("4", "kernel SVM decision function", "150 queries",
             lambda s: (np.random.default_rng(0).uniform(-1.5, 2.5, size=(150 * s, 2)), moons_svc(200)[1]),
             lambda X, m: nets["kernel_svm_decision"](X, m.support_vectors_, m.dual_coef_[0], m.intercept_[0], 0.8),
             lambda X, m: m.decision_function(X)),
        Case("4", "MLP forward pass (predict_proba)", "90 x 5, 7 hidden",
             lambda s: (np.random.default_rng(0).normal(size=(90 * s, 5)), mlp_params(*classes(120, 5, 3), 7)),
             lambda X, mp: nets["mlp_forward"](mp[1], X), lambda X, mp: mp[0].predict_proba(X)),
        Case("4", "MLP training, 50 epochs of mini-batch SGD", "600 x 6, 32 hidden", lambda s: classes(600 * s, 6, 3),
             lambda X, y: nets["fit_mlp"](X, y, 32, 0.1, 50, 32, 0),
             lambda X, y: MLPClassifier(hidden_layer_sizes=(32,), solver="sgd", learning_rate_init=0.1, momentum=0.0,
                                        batch_size=32, max_iter=50, n_iter_no_change=50, alpha=0.0,
                                        random_state=0).fit(X, y)),
        Case("4", "full-batch gradient descent, 40 steps", "50 x 3, 5 hidden", lambda s: full_batch_data(50 * s),
             lambda X, y, p: nets["train_full_batch"](p, X, y, 0.5, 40),
             lambda X, y, p: mlp_full_batch_ref(X, y, p, 40)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="test sizes only (no 10x run)")
    args = parser.parse_args()
    course = Course.find()
    paths = sorted((course.source_dir / MODULE).glob("*.ipynb"))
    ns = {p.stem: reference_namespace(p) for p in paths}
    rows = []
    with threadpool_limits(limits=1), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for case in cases(ns):
            measured = []
            for scale in (1,) if args.quick else (1, 10):
                data = case.make(scale)
                budget = 2.0 if scale == 1 else 6.0
                ours = best_time(case.ours, data, budget)
                theirs = best_time(case.sklearn, data, budget)
                measured.append((ours, theirs))
            rows.append((case, measured))
            (o1, s1) = measured[0]
            print(f"  measured {case.algorithm}: {o1 * 1e3:.2f} ms vs {s1 * 1e3:.2f} ms", flush=True)

    header = (f"{'nb':2}  {'algorithm':47}  {'test size':25}  {'ours':>9}  {'sklearn':>9}  {'ratio':>7}  "
              f"{'ours 10x':>9}  {'sklearn 10x':>11}  {'ratio 10x':>9}  {'growth':>6}")
    print()
    print(header)
    print("-" * len(header))

    def ms(seconds: float) -> str:
        return f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"

    for case, measured in rows:
        (o1, s1) = measured[0]
        line = f"{case.notebook:2}  {case.algorithm:47}  {case.size:25}  {ms(o1):>9}  {ms(s1):>9}  {o1 / s1:>6.2f}x"
        if len(measured) > 1:
            (o10, s10) = measured[1]
            line += f"  {ms(o10):>9}  {ms(s10):>11}  {o10 / s10:>8.2f}x  {(o10 / s10) / (o1 / s1):>5.2f}x"
        print(line)
    worst = max(rows, key=lambda r: r[1][0][0] / r[1][0][1])
    ratio = worst[1][0][0] / worst[1][0][1]
    print()
    print("ratio = ours / scikit-learn (below 1: ours is faster); growth = ratio at 10x the rows / ratio at test size")
    print(f"max ratio at test size: {ratio:.2f} ({worst[0].algorithm})")


if __name__ == "__main__":
    main()

"""Plausible wrong answers to 03_ml_theory/2_model_selection_and_bias_variance; each must lose exactly the tests listed."""

from course.proof.variants import Variant

_KFOLD = """
def kfold_indices(n, k, shuffle=False, seed=None):
    {validation}
    order = np.arange(n)
    if shuffle:
        {shuffle}
    sizes = np.full(k, n // k)
    {extra}
    splits, start = [], 0
    for size in sizes:
        test = order[start:start + size]
        in_test = np.zeros(n, dtype=bool)
        in_test[test] = True
        splits.append((np.flatnonzero(~in_test), {test}))
        start += size
    return splits
"""


def _kfold(validation='if not 2 <= k <= n:\n        raise ValueError("2 <= k <= n")',
           shuffle="np.random.RandomState(seed).shuffle(order)", extra="sizes[: n % k] += 1",
           test="np.flatnonzero(in_test)"):
    return _KFOLD.format(validation=validation, shuffle=shuffle, extra=extra, test=test)


_STRATIFIED = """
def stratified_kfold_indices(y, k):
    y = np.asarray(y)
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    codes = {codes}
    n_classes = len(first)
    sorted_codes = np.sort(codes)
    counts = np.array([np.bincount(sorted_codes[i::k], minlength=n_classes) for i in range(k)])
    fold_of = np.empty(len(y), dtype=int)
    for c in range(n_classes):
        fold_of[codes == c] = {fill}
    return [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in range(k)]
"""


def _stratified(codes="np.argsort(np.argsort(first))[inverse]", fill="np.repeat(np.arange(k), counts[:, c])"):
    return _STRATIFIED.format(codes=codes, fill=fill)


_TIME_SERIES = """
def time_series_indices(n, n_splits, test_size=None, gap=0, max_train_size=None):
    size = {size}
    {validation}
    splits = []
    for start in range(n - n_splits * size, n, size):
        end = {end}
        first = 0 if max_train_size is None or max_train_size >= end else end - max_train_size
        splits.append((np.arange(first, end), np.arange(start, start + size)))
    return splits
"""


def _time_series(size="n // (n_splits + 1) if test_size is None else test_size",
                 validation='if n_splits + 1 > n or n - gap - size * n_splits <= 0:\n        raise ValueError("too many splits")',
                 end="start - gap"):
    return _TIME_SERIES.format(size=size, validation=validation, end=end)


_LOOCV = """
def loocv_least_squares(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    A = {design}
    projector = np.linalg.solve(A.T @ A, A.T)
    leverage = np.sum(A * projector.T, axis=1)
    residuals = {residuals}
    return float(np.mean(residuals ** 2)), residuals
"""


def _loocv(design="np.column_stack([np.ones(len(y)), X])", residuals="(y - A @ (projector @ y)) / (1.0 - leverage)"):
    return _LOOCV.format(design=design, residuals=residuals)


_NESTED = """
def nested_cv(estimator, param_name, values, X, y, outer_k, inner_k):
    X, y = np.asarray(X), np.asarray(y)

    def cv_mean(X_part, y_part, value, k):
        scores = []
        for train, test in kfold_indices(len(y_part), k):
            model = clone(estimator).set_params(**{{param_name: value}}).fit(X_part[train], y_part[train])
            scores.append(model.score(X_part[test], y_part[test]))
        return np.mean(scores)

    outer_scores, chosen = [], []
    for train, test in kfold_indices(len(y), outer_k):
        means = [cv_mean({inner_X}, {inner_y}, value, inner_k) for value in values]
        best = {best}
        model = clone(estimator).set_params(**{{param_name: best}}).fit(X[train], y[train])
        outer_scores.append(model.score(X[test], y[test]))
        chosen.append(best)
    naive_best = {naive}
    return np.array(outer_scores), chosen, float(naive_best)
"""


def _nested(inner_X="X[train]", inner_y="y[train]", best="values[int(np.argmax(means))]",
            naive="max(cv_mean(X, y, value, outer_k) for value in values)"):
    return _NESTED.format(inner_X=inner_X, inner_y=inner_y, best=best, naive=naive)


_CURVES = """
def validation_curve_scores(estimator, param_name, values, X, y, k):
    X, y = np.asarray(X), np.asarray(y)
    splits = kfold_indices(len(y), k)
    train_scores, val_scores = np.zeros((len(values), k)), np.zeros((len(values), k))
    for i, value in enumerate(values):
        for j, (train, test) in enumerate(splits):
            model = clone(estimator).set_params(**{{param_name: value}}).fit(X[train], y[train])
            train_scores[i, j] = model.score(X[train], y[train])
            val_scores[i, j] = model.score(X[test], y[test])
    return {validation_return}


def learning_curve_scores(estimator, X, y, train_sizes, k):
    X, y = np.asarray(X), np.asarray(y)
    splits = kfold_indices(len(y), k)
    train_scores, val_scores = np.zeros((len(train_sizes), k)), np.zeros((len(train_sizes), k))
    for i, size in enumerate(train_sizes):
        for j, (train, test) in enumerate(splits):
            subset = {subset}
            model = clone(estimator).fit(X[subset], y[subset])
            train_scores[i, j] = model.score(X[subset], y[subset])
            val_scores[i, j] = model.score(X[test], y[test])
    return train_scores, val_scores


def diagnose(train_scores, val_scores, target, max_gap):
    train_mean = np.asarray(train_scores, dtype=float).mean(axis=1)
    val_mean = np.asarray(val_scores, dtype=float).mean(axis=1)
    labels = []
    for train, val in zip(train_mean, val_mean):
        {rule}
    return labels
"""

_RULE = """if train < target:
            labels.append("underfit")
        elif train - val {gap_op} max_gap:
            labels.append("overfit")
        else:
            labels.append("good")"""

_RULE_OVERFIT_FIRST = """if train - val > max_gap:
            labels.append("overfit")
        elif train < target:
            labels.append("underfit")
        else:
            labels.append("good")"""


_RULE_STATED = _RULE.format(gap_op=">")


def _curves(validation_return="train_scores, val_scores", subset="train[:size]", rule=_RULE_STATED):
    return _CURVES.format(validation_return=validation_return, subset=subset, rule=rule)


_EARLY = """
def early_stopping(val_losses, patience, min_delta=0.0):
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses):
        if {improved}:
            best, best_epoch, wait = loss, epoch, 0
        else:
            {not_improved}
            wait += 1
            if wait {stop_op} patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses) - 1
"""


def _early(improved="loss < best - min_delta", not_improved="pass", stop_op=">="):
    return _EARLY.format(improved=improved, not_improved=not_improved, stop_op=stop_op)


_BV = """
def bias_variance_simulation(x_train, f_train, x_test, f_test, sigma, degree, n_sims, seed):
    rng = np.random.default_rng(seed)
    f_train, f_test = np.asarray(f_train, dtype=float), np.asarray(f_test, dtype=float)
    A = np.vander(np.asarray(x_train, dtype=float), degree + 1, increasing=True)
    A0 = np.vander(np.asarray(x_test, dtype=float), degree + 1, increasing=True)
    preds = np.empty((n_sims, len(f_test)))
    squared_errors = np.empty((n_sims, len(f_test)))
    for s in range(n_sims):
        {draws}
        preds[s] = A0 @ np.linalg.lstsq(A, y, rcond=None)[0]
        squared_errors[s] = (y0 - preds[s]) ** 2
    return {{"mse": float(squared_errors.mean()),
            "bias2": float({bias2}),
            "variance": float(np.mean(preds.var(axis=0{ddof}))),
            "noise": float({noise})}}


def bias_variance_closed_form(x_train, f_train, x_test, f_test, sigma, degree):
    A = np.vander(np.asarray(x_train, dtype=float), degree + 1, increasing=True)
    A0 = np.vander(np.asarray(x_test, dtype=float), degree + 1, increasing=True)
    G = np.linalg.inv(A.T @ A)
    mean_prediction = A0 @ G @ A.T @ np.asarray(f_train, dtype=float)
    return {{"bias2": float(np.mean((mean_prediction - np.asarray(f_test, dtype=float)) ** 2)),
            "variance": float({closed_variance})}}
"""

_DRAWS = """y = f_train + sigma * rng.standard_normal(len(f_train))
        y0 = f_test + sigma * rng.standard_normal(len(f_test))"""


def _bv(draws=_DRAWS, bias2="np.mean((preds.mean(axis=0) - f_test) ** 2)", ddof="", noise="sigma ** 2",
        closed_variance="sigma ** 2 * np.mean(np.sum((A0 @ G) * A0, axis=1))"):
    return _BV.format(draws=draws, bias2=bias2, ddof=ddof, noise=noise, closed_variance=closed_variance)


_CURSE = """
def relative_contrast(n_points, dims, seed):
    rng = np.random.default_rng(seed)
    contrasts = []
    for d in dims:
        {draw_points}
        distances = np.sqrt(((X - q) ** 2).sum(axis=1))
        contrasts.append({contrast})
    return np.array(contrasts)


def knn_accuracy_with_noise(X_train, y_train, X_test, y_test, n_noise, k, seed):
    rng = np.random.default_rng(seed)
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    accuracies = []
    for m in n_noise:
        {noise_rng}
        A = np.hstack([X_train, rng.standard_normal((len(X_train), m))])
        B = np.hstack([X_test, rng.standard_normal((len(X_test), m))])
        squared = (B ** 2).sum(axis=1)[:, None] - 2 * B @ A.T + (A ** 2).sum(axis=1)[None, :]
        nearest = {nearest}
        predicted = (y_train[nearest].mean(axis=1) > 0.5).astype(int)
        accuracies.append(float(np.mean(predicted == y_test)))
    return np.array(accuracies)
"""


def _curse(draw_points="X = rng.random((n_points, d))\n        q = rng.random(d)",
           contrast="(distances.max() - distances.min()) / distances.min()", noise_rng="pass",
           nearest="np.argpartition(squared, k - 1, axis=1)[:, :k]"):
    return _CURSE.format(draw_points=draw_points, contrast=contrast, noise_rng=noise_rng, nearest=nearest)


VARIANTS = [
    # ------------------------------------------------------------------------------------- 1.1 K-fold
    Variant(
        name="kfold-extra-rows-last",
        why="the folds that get one extra row are the first n % k, not the last ones",
        cells={"kfold": _kfold(extra="sizes[k - n % k:] += 1 if n % k else 0")},
        # the curves are built on kfold_indices(), so their folds move too
        fails={"test-kfold", "test-kfold-shuffle", "test-validation-curve", "test-learning-curve"},
    ),
    Variant(
        name="kfold-no-validation",
        why="k = 1 or k > n cannot make k non-empty folds: raise ValueError",
        cells={"kfold": _kfold(validation="pass")},
        fails={"test-kfold"},
    ),
    Variant(
        name="kfold-default-rng",
        why="np.random.default_rng(seed) shuffles differently from scikit-learn's np.random.RandomState(seed)",
        cells={"kfold": _kfold(shuffle="order = np.random.default_rng(seed).permutation(n)")},
        fails={"test-kfold-shuffle"},
    ),
    Variant(
        name="kfold-test-unsorted",
        why="after shuffling, the test indices of a fold must still be returned sorted, as scikit-learn does",
        cells={"kfold": _kfold(test="test")},
        fails={"test-kfold-shuffle"},
    ),
    Variant(
        name="stratified-sorted-class-order",
        why="classes are numbered by their first appearance in y, not in sorted order; the round-robin deal then "
            "gives different folds",
        cells={"stratified-kfold": _stratified(codes="inverse")},
        fails={"test-stratified-sklearn"},
    ),
    Variant(
        name="stratified-round-robin-rows",
        why="dealing each class's rows round-robin keeps the proportions but is not StratifiedKFold's assignment "
            "(consecutive rows of a class go to the same fold)",
        cells={"stratified-kfold": _stratified(fill="np.arange(np.sum(codes == c)) % k")},
        fails={"test-stratified-sklearn"},
    ),
    Variant(
        name="stratified-ignores-labels",
        why="plain consecutive folds ignore the labels: a rare class can end up in only one or two folds",
        cells={"stratified-kfold": """
            def stratified_kfold_indices(y, k):
                n = len(y)
                sizes = np.full(k, n // k)
                sizes[: n % k] += 1
                bounds = np.r_[0, np.cumsum(sizes)]
                return [(np.r_[np.arange(0, bounds[f]), np.arange(bounds[f + 1], n)], np.arange(bounds[f], bounds[f + 1]))
                        for f in range(k)]
        """},
        fails={"test-stratified-property", "test-stratified-sklearn"},
    ),
    Variant(
        name="time-series-gap-ignored",
        why="the gap rows just before each test block must be left out of training",
        cells={"time-series-split": _time_series(end="start")},
        fails={"test-time-series"},
    ),
    Variant(
        name="time-series-test-size",
        why="the default test size is n // (n_splits + 1): the first block is reserved for training",
        cells={"time-series-split": _time_series(size="n // n_splits if test_size is None else test_size")},
        fails={"test-time-series"},
    ),
    Variant(
        name="time-series-no-validation",
        why="when the test blocks and the gap leave no training row, raise ValueError",
        cells={"time-series-split": _time_series(validation="pass")},
        fails={"test-time-series"},
    ),
    # ------------------------------------------------------------------------------------- 1.2 leave-one-out
    Variant(
        name="loocv-plain-residuals",
        why="the ordinary residuals y - y_hat are the in-sample errors; the left-out error divides them by 1 - h_ii",
        cells={"loocv": _loocv(residuals="y - A @ (projector @ y)")},
        fails={"test-loocv-residuals", "test-loocv-mse"},
    ),
    Variant(
        name="loocv-no-intercept",
        why="the hat matrix must include the column of ones: the model has an intercept",
        cells={"loocv": _loocv(design="X")},
        fails={"test-loocv-residuals", "test-loocv-mse"},
    ),
    Variant(
        name="loocv-calls-sklearn",
        why="n scikit-learn fits inside a from-scratch exercise earn nothing (and miss the point: one fit suffices)",
        cells={"loocv": """
            from sklearn.linear_model import LinearRegression

            def loocv_least_squares(X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                res = np.array([y[i] - LinearRegression().fit(np.delete(X, i, 0), np.delete(y, i)).predict(X[i:i + 1])[0]
                                for i in range(len(y))])
                return float(np.mean(res ** 2)), res
        """},
        fails={"test-loocv-residuals", "test-loocv-mse"},
    ),
    # ------------------------------------------------------------------------------------- 2.1 nested CV
    Variant(
        name="nested-last-best-on-tie",
        why="on a tie the first value of the grid wins (GridSearchCV's rank), not the last",
        cells={"nested-cv": _nested(best="values[len(values) - 1 - int(np.argmax(means[::-1]))]")},
        fails={"test-nested-toy", "test-nested-sklearn"},
    ),
    Variant(
        name="nested-inner-on-all-rows",
        why="the inner search must only see the outer training rows; searching on all rows leaks the outer test "
            "fold into the choice",
        cells={"nested-cv": _nested(inner_X="X", inner_y="y")},
        fails={"test-nested-sklearn"},
    ),
    Variant(
        name="nested-naive-is-nested-mean",
        why="naive_best is the best plain cross-validated mean over the grid (what a non-nested search reports), "
            "not the mean of the nested outer scores",
        cells={"nested-cv": _nested(naive="np.mean(outer_scores)")},
        fails={"test-nested-sklearn"},
    ),
    Variant(
        name="nested-calls-gridsearch",
        why="GridSearchCV and cross_validate from sklearn.model_selection are what this exercise asks you to write",
        cells={"nested-cv": """
            from sklearn.model_selection import GridSearchCV, KFold, cross_validate

            def nested_cv(estimator, param_name, values, X, y, outer_k, inner_k):
                grid = GridSearchCV(estimator, {param_name: values}, cv=KFold(inner_k))
                res = cross_validate(grid, X, y, cv=KFold(outer_k), return_estimator=True)
                naive = GridSearchCV(estimator, {param_name: values}, cv=KFold(outer_k)).fit(X, y).best_score_
                return res["test_score"], [e.best_params_[param_name] for e in res["estimator"]], float(naive)
        """},
        fails={"test-nested-sklearn"},
    ),
    # ------------------------------------------------------------------------------------- 3.1 curves
    Variant(
        name="validation-curve-swapped",
        why="returns (validation, training) scores: the training scores come first",
        cells={"curves": _curves(validation_return="val_scores, train_scores")},
        fails={"test-validation-curve"},
    ),
    Variant(
        name="learning-curve-last-rows",
        why="a learning curve trains on the FIRST m training indices of each split (scikit-learn without shuffling)",
        cells={"curves": _curves(subset="train[-size:]")},
        fails={"test-learning-curve"},
    ),
    Variant(
        name="diagnose-overfit-first",
        why="the stated rule checks underfitting first: a model below the target is underfit, whatever its gap",
        cells={"curves": _curves(rule=_RULE_OVERFIT_FIRST)},
        fails={"test-diagnose"},
    ),
    Variant(
        name="diagnose-gap-inclusive",
        why="a gap exactly equal to max_gap is tolerated: overfit means a gap strictly larger than max_gap",
        cells={"curves": _curves(rule=_RULE.format(gap_op=">="))},
        fails={"test-diagnose"},
    ),
    Variant(
        name="curve-more-data",
        why="two curves that meet below the target are a bias problem: more data will not lift them",
        cells={"curve-mc": 'CURVE_ANSWER = "a"'},
        fails={"test-curve-mc"},
    ),
    Variant(
        name="curve-regularise",
        why="there is no gap to close: regularising a model that already underfits lowers both curves",
        cells={"curve-mc": 'CURVE_ANSWER = "c"'},
        fails={"test-curve-mc"},
    ),
    # ------------------------------------------------------------------------------------- 3.2 early stopping
    Variant(
        name="early-stopping-off-by-one",
        why="stops when the counter exceeds patience: training stops at the epoch where it REACHES patience",
        cells={"early-stopping": _early(stop_op=">")},
        fails={"test-early-stopping-toy", "test-early-stopping-rules"},
    ),
    Variant(
        name="early-stopping-ignores-min-delta",
        why="an improvement must beat the best loss by more than min_delta",
        cells={"early-stopping": _early(improved="loss < best")},
        fails={"test-early-stopping-rules"},
    ),
    Variant(
        name="early-stopping-inclusive",
        why="loss <= best - min_delta counts ties (and exact min_delta steps) as improvements",
        cells={"early-stopping": _early(improved="loss <= best - min_delta")},
        fails={"test-early-stopping-toy", "test-early-stopping-rules"},
    ),
    Variant(
        name="early-stopping-best-without-reset",
        why="a small improvement (below min_delta) must not move the best loss; only real improvements do",
        cells={"early-stopping": _early(not_improved="best = min(best, loss)")},
        fails={"test-early-stopping-rules"},
    ),
    # ------------------------------------------------------------------------------------- 4.1 bias-variance
    Variant(
        name="bv-ddof-one",
        why="the variance across simulations uses ddof=0 (the protocol's definition), not the sample variance",
        cells={"bias-variance": _bv(ddof=", ddof=1")},
        fails={"test-bv-simulation"},
    ),
    Variant(
        name="bv-draw-order",
        why="the protocol draws the training labels first, then the test labels; swapping them changes every number",
        cells={"bias-variance": _bv(draws="""y0 = f_test + sigma * rng.standard_normal(len(f_test))
        y = f_train + sigma * rng.standard_normal(len(f_train))""")},
        fails={"test-bv-simulation"},
    ),
    Variant(
        name="bv-bias-of-the-average",
        why="bias^2 is the mean over test points of the squared bias, not the square of the mean bias (errors of "
            "opposite sign would cancel)",
        cells={"bias-variance": _bv(bias2="np.mean(preds.mean(axis=0) - f_test) ** 2")},
        fails={"test-bv-simulation", "test-bv-identity", "test-bv-agree"},
    ),
    Variant(
        name="bv-noise-sigma",
        why="the noise term is the variance sigma^2, not the standard deviation sigma",
        cells={"bias-variance": _bv(noise="sigma")},
        fails={"test-bv-simulation", "test-bv-identity"},
    ),
    Variant(
        name="bv-closed-variance-without-sigma",
        why="Var f_hat(x0) = sigma^2 a0^T (A^T A)^-1 a0: the noise variance multiplies the leverage term",
        cells={"bias-variance": _bv(closed_variance="np.mean(np.sum((A0 @ G) * A0, axis=1))")},
        fails={"test-bv-closed-form", "test-bv-agree"},
    ),
    # ------------------------------------------------------------------------------------- 5.1 curse
    Variant(
        name="contrast-query-first",
        why="the protocol draws the points first and the query second; the other order gives other numbers",
        cells={"curse": _curse(draw_points="q = rng.random(d)\n        X = rng.random((n_points, d))")},
        fails={"test-contrast"},
    ),
    Variant(
        name="contrast-ratio",
        why="relative contrast is (D_max - D_min) / D_min, not D_max / D_min",
        cells={"curse": _curse(contrast="distances.max() / distances.min()")},
        fails={"test-contrast"},
    ),
    Variant(
        name="knn-noise-reseeded",
        why="one generator for all noise levels: re-creating it for each level repeats the same first columns",
        cells={"curse": _curse(noise_rng="rng = np.random.default_rng(seed)")},
        fails={"test-knn-noise"},
    ),
    Variant(
        name="knn-skips-nearest",
        why="the nearest training point is a real neighbour of a test point (only in leave-one-out would it be the "
            "point itself)",
        cells={"curse": _curse(nearest="np.argsort(squared, axis=1)[:, 1:k + 1]")},
        fails={"test-knn-noise"},
    ),
    Variant(
        name="knn-calls-sklearn",
        why="KNeighborsClassifier inside a from-scratch exercise earns nothing",
        cells={"curse": """
            from sklearn.neighbors import KNeighborsClassifier as KNN

            def relative_contrast(n_points, dims, seed):
                rng = np.random.default_rng(seed)
                out = []
                for d in dims:
                    X = rng.random((n_points, d))
                    q = rng.random(d)
                    dist = np.sqrt(((X - q) ** 2).sum(axis=1))
                    out.append((dist.max() - dist.min()) / dist.min())
                return np.array(out)

            def knn_accuracy_with_noise(X_train, y_train, X_test, y_test, n_noise, k, seed):
                rng = np.random.default_rng(seed)
                acc = []
                for m in n_noise:
                    A = np.hstack([X_train, rng.standard_normal((len(X_train), m))])
                    B = np.hstack([X_test, rng.standard_normal((len(X_test), m))])
                    acc.append(KNN(k).fit(A, y_train).score(B, y_test))
                return np.array(acc)
        """},
        fails={"test-knn-noise"},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
_EPOCH_ZERO = ("epoch 0's loss (at least one float epoch) is always < inf - min_delta, so best_epoch and wait are "
               "reset to 0 before either initial value is read")
_ROW_CONSTANT = ("(B ** 2).sum(axis=1)[:, None] is one constant per test row: changing it shifts a whole row of "
                 "squared distances and never changes which training points are nearest")
EQUIVALENT_MUTANTS = {
    "loocv@51f7fb19": "X is only read by np.column_stack, which converts an array or a nested list itself",
    "loocv@d86127ec": "y only enters arithmetic with numpy arrays (projector @ y, y - A @ ...), which converts a list "
                      "or an array alike",
    "early-stopping@4924ec2f": _EPOCH_ZERO,
    "early-stopping@30b507cc": _EPOCH_ZERO,
    "early-stopping@a3925ed3": _EPOCH_ZERO,
    "early-stopping@6774c5c4": _EPOCH_ZERO,
    "curse@47ddc485": _ROW_CONSTANT,
    "curse@18db6c9b": _ROW_CONSTANT,
    "curse@3befa148": _ROW_CONSTANT,
    "curse@516022af": "np.argpartition(D, k)[:, :k] also holds the k smallest of each row (everything before "
                      "position k is <= the element placed there)",
    "curse@06d2074a": "labels are 0/1 and k is odd (the spec), so the mean vote of k neighbours is never exactly 0.5",
    "curse@a058e77a": "X_train and X_test are only read by np.hstack and len(), which take arrays and nested lists "
                      "alike",
    "time-series-split@6cc204e7": "when n_splits + 1 > n, either size >= 1 and n - gap - size * n_splits <= 0 raises "
                                  "the same ValueError, or size == 0 and range(..., 0) raises ValueError",
    "time-series-split@2f4ac5df": "as time-series-split@6cc204e7: every case the first test catches raises ValueError "
                                  "anyway",
    "time-series-split@7b13caa6": "at max_train_size == end both branches give first = 0 (end - max_train_size = 0)",
}

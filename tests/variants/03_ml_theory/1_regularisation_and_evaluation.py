"""Plausible wrong answers to 03_ml_theory/1_regularisation_and_evaluation; each must lose exactly the tests listed."""

from course.proof.variants import Variant

# A compact coordinate-descent loop; the variants below change one piece of it.
_CD = """
def {name}(X, y, alpha, {extra}max_iter=10_000, tol=1e-10):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    x_mean, y_mean = {x_mean}, y.mean()
    Xc, residual = X - x_mean, y - y_mean
    sq = (Xc ** 2).sum(axis=0)
    w = np.zeros(d)
    for _ in range({sweeps}):
        largest_change = 0.0
        for j in range(d):
            {guard}
            rho = Xc[:, j] @ residual + sq[j] * w[j]
            new = float(soft_threshold(rho, {threshold})) / ({denominator})
            change = new - w[j]
            residual -= Xc[:, j] * change
            w[j] = new
            largest_change = max(largest_change, abs(change))
        if largest_change < tol:
            break
    return w, float(y_mean - x_mean @ w)
"""


def _lasso(x_mean="X.mean(axis=0)", sweeps="max_iter", guard="if sq[j] == 0.0:\n                continue",
           threshold="n * alpha", denominator="sq[j]"):
    return _CD.format(name="fit_lasso_cd", extra="", x_mean=x_mean, sweeps=sweeps, guard=guard,
                      threshold=threshold, denominator=denominator)


def _enet(threshold="n * alpha * l1_ratio", denominator="sq[j] + n * alpha * (1.0 - l1_ratio)"):
    return _CD.format(name="fit_elastic_net_cd", extra="l1_ratio, ", x_mean="X.mean(axis=0)", sweeps="max_iter",
                      guard="if sq[j] == 0.0:\n                continue", threshold=threshold, denominator=denominator)


# A precision/recall/F1 skeleton whose averaging and 0/0 handling the variants change.
_PRF = """
def precision_recall_f1(y_true, y_pred, average="binary", pos_label=1, zero_division=0.0):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)

    def ratio(num, den):
        num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
        safe = np.where(den == 0, 1.0, den)
        return np.where(den == 0, {zero_value}, num / safe)

    labels = [pos_label] if average == "binary" else {labels}
    tp = np.array([np.sum((y_pred == c) & (y_true == c)) for c in labels], dtype=float)
    fp = np.array([np.sum((y_pred == c) & (y_true != c)) for c in labels], dtype=float)
    fn = np.array([np.sum((y_pred != c) & (y_true == c)) for c in labels], dtype=float)
    if average == "micro" and {pool_micro}:
        tp, fp, fn = tp.sum(keepdims=True), fp.sum(keepdims=True), fn.sum(keepdims=True)
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = {f1}
    if average is None:
        return precision, recall, f1
    if average == "weighted":
        support = {support}

        def mean(values):
            keep = ~np.isnan(values)
            return float(np.sum(values[keep] * support[keep]) / np.sum(support[keep]))
    else:
        def mean(values):
            return float({nanmean}(values))
    return mean(precision), mean(recall), mean(f1)
"""


def _prf(zero_value="zero_division", labels="np.unique(np.concatenate([y_true, y_pred])).tolist()",
         pool_micro="True", f1="ratio(2 * tp, 2 * tp + fp + fn)", support="tp + fn", nanmean="np.nanmean"):
    return _PRF.format(zero_value=zero_value, labels=labels, pool_micro=pool_micro, f1=f1, support=support,
                       nanmean=nanmean)


_ERROR_RATES = """
def error_rates(y_true, scores, threshold):
    y_true = np.asarray(y_true)
    flag = np.asarray(scores, dtype=float) {flag_op} threshold
    tp, fp = int(np.sum(flag & (y_true == 1))), int(np.sum(flag & (y_true == 0)))
    fn, tn = int(np.sum(~flag & (y_true == 1))), int(np.sum(~flag & (y_true == 0)))
    return {{"tp": tp, "fp": fp, "tn": tn, "fn": fn, "type_i": {type_i}, "type_ii": {type_ii}}}


def threshold_for_type_i(y_true, scores, max_type_i):
    scores = np.asarray(scores, dtype=float)
    best = np.inf
    for t in np.unique(scores)[::-1]:
        if error_rates(y_true, scores, t)["type_i"] {cap_op} max_type_i:
            best = float(t)
            {after_feasible}
        else:
            break
    return best, error_rates(y_true, scores, best)["type_ii"]
"""


def _error_rates(flag_op=">=", type_i="fp / (fp + tn)", type_ii="fn / (fn + tp)", cap_op="<=", after_feasible="pass"):
    return _ERROR_RATES.format(flag_op=flag_op, type_i=type_i, type_ii=type_ii, cap_op=cap_op,
                               after_feasible=after_feasible)


_ROC = """
def roc_points(y_true, scores):
    y_true = np.asarray(y_true, dtype=float)
    scores = np.asarray(scores, dtype=float)
    order = np.argsort({sort_key}, kind="stable")
    sorted_scores, sorted_labels = scores[order], y_true[order]
    last_of_group = {groups}
    tps = np.cumsum(sorted_labels)[last_of_group]
    fps = np.cumsum(1.0 - sorted_labels)[last_of_group]
    fpr = {fpr}
    tpr = {tpr}
    return fpr, tpr, {thresholds}
"""


def _roc(sort_key="-scores", groups="np.r_[np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1]",
         fpr="np.r_[0.0, fps / fps[-1]]", tpr="np.r_[0.0, tps / tps[-1]]",
         thresholds="np.r_[np.inf, sorted_scores[last_of_group]]"):
    return _ROC.format(sort_key=sort_key, groups=groups, fpr=fpr, tpr=tpr, thresholds=thresholds)


_AUC = """
def auc_trapezoid(fpr, tpr):
    fpr, tpr = np.asarray(fpr, dtype=float), np.asarray(tpr, dtype=float)
    return float({trapezoid})


def auc_mann_whitney(y_true, scores):
    y_true = np.asarray(y_true)
    scores = np.asarray(scores, dtype=float)
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    wins = {wins}
    return float(wins / (len(pos) * len(neg)))
"""


def _auc(trapezoid="np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0)",
         wins="np.sum(pos[:, None] > neg[None, :]) + 0.5 * np.sum(pos[:, None] == neg[None, :])"):
    return _AUC.format(trapezoid=trapezoid, wins=wins)


_INTERPRET = """
def interpret_auc(auc):
    {validation}
    if auc == 1.0:
        return "Perfect classifier"
    if auc {excellent_op} 0.9:
        return "Excellent model"
    if auc >= {good_floor}:
        return "Good model"
    if auc == 0.5:
        return "No better than random guessing"
    return None
"""


def _interpret(validation='if not 0.0 <= auc <= 1.0:\n        raise ValueError("an AUC lies in [0, 1]")',
               excellent_op=">", good_floor="0.7"):
    return _INTERPRET.format(validation=validation, excellent_op=excellent_op, good_floor=good_floor)


# lasso_path_nonzeros() and the elastic net build on fit_lasso_cd() and soft_threshold(), so their mistakes cascade.
LASSO_TESTS = {"test-lasso-kkt", "test-lasso-sklearn", "test-lasso-intercept"}
NOT_OPTIMAL = {"test-lasso-kkt", "test-lasso-sklearn", "test-path-nonzeros"}
ENET_TESTS = {"test-enet-sklearn", "test-enet-limits"}
ROC_TESTS = {"test-roc-toy", "test-roc-sklearn", "test-auc-agree"}

VARIANTS = [
    # ------------------------------------------------------------------------------------- 1.1 soft-thresholding
    Variant(
        name="soft-threshold-loses-sign",
        why="the shrunk magnitude max(|z| - t, 0) is returned without the sign of z, so negative weights flip",
        cells={"soft-threshold": """
            def soft_threshold(z, t):
                return np.maximum(np.abs(np.asarray(z, dtype=float)) - t, 0.0)
        """},
        fails={"test-soft-threshold"} | NOT_OPTIMAL | ENET_TESTS,
    ),
    Variant(
        name="soft-threshold-hard",
        why="keeps z unchanged when |z| > t (hard thresholding): the L1 penalty also shrinks the surviving values by t",
        cells={"soft-threshold": """
            def soft_threshold(z, t):
                z = np.asarray(z, dtype=float)
                return np.where(np.abs(z) > t, z, 0.0)
        """},
        fails={"test-soft-threshold"} | NOT_OPTIMAL | ENET_TESTS,
    ),
    # ------------------------------------------------------------------------------------- 1.1 Lasso
    Variant(
        name="lasso-threshold-alpha-not-n-alpha",
        why="the threshold of the coordinate update is alpha instead of n * alpha: the 1/(2n) in front of the "
            "squared loss was dropped, so the penalty is n times too weak",
        cells={"fit-lasso": _lasso(threshold="alpha")},
        fails=NOT_OPTIMAL,
    ),
    Variant(
        name="lasso-x-not-centred",
        why="y is centred but the columns of X are not, so the intercept is not really left out of the penalty",
        cells={"fit-lasso": _lasso(x_mean="np.zeros(X.shape[1])")},
        fails=NOT_OPTIMAL | LASSO_TESTS,
    ),
    Variant(
        name="lasso-one-sweep",
        why="a single sweep over the coordinates is not the optimum: repeat sweeps until no weight moves by tol",
        cells={"fit-lasso": _lasso(sweeps="1")},
        fails=NOT_OPTIMAL,
    ),
    Variant(
        name="lasso-constant-column",
        why="a column with zero variance divides 0 by 0: its weight must simply stay at 0",
        cells={"fit-lasso": _lasso(guard="pass")},
        fails={"test-lasso-kkt", "test-lasso-sklearn"},
    ),
    Variant(
        name="lasso-calls-sklearn",
        why="sklearn's Lasso inside a from-scratch exercise earns nothing",
        cells={"fit-lasso": """
            from sklearn.linear_model import Lasso

            def fit_lasso_cd(X, y, alpha, max_iter=10_000, tol=1e-10):
                model = Lasso(alpha=alpha, tol=1e-12, max_iter=10**6).fit(X, y)
                return model.coef_, float(model.intercept_)
        """},
        fails=LASSO_TESTS | {"test-path-nonzeros"},
    ),
    # ------------------------------------------------------------------------------------- 1.2 path
    Variant(
        name="alpha-max-uncentred",
        why="alpha_max uses the raw X and y: with an intercept the correlations must be taken on centred data",
        cells={"lasso-path": """
            def lasso_alpha_max(X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                return float(np.abs(X.T @ y).max() / len(y))

            def lasso_path_nonzeros(X, y, alphas):
                return np.array([np.count_nonzero(fit_lasso_cd(X, y, a)[0]) for a in alphas], dtype=int)
        """},
        fails={"test-alpha-max"},
    ),
    Variant(
        name="alpha-max-without-n",
        why="max |x_j^T y| without dividing by n: the objective's 1/(2n) scaling is forgotten",
        cells={"lasso-path": """
            def lasso_alpha_max(X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                return float(np.abs((X - X.mean(0)).T @ (y - y.mean())).max())

            def lasso_path_nonzeros(X, y, alphas):
                return np.array([np.count_nonzero(fit_lasso_cd(X, y, a)[0]) for a in alphas], dtype=int)
        """},
        fails={"test-alpha-max"},
    ),
    Variant(
        name="path-sorted-alphas",
        why="the counts come back for the alphas sorted from large to small, not in the order they were given",
        cells={"lasso-path": """
            def lasso_alpha_max(X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                return float(np.abs((X - X.mean(0)).T @ (y - y.mean())).max() / len(y))

            def lasso_path_nonzeros(X, y, alphas):
                return np.array([np.count_nonzero(fit_lasso_cd(X, y, a)[0]) for a in sorted(alphas, reverse=True)])
        """},
        fails={"test-path-nonzeros"},
    ),
    Variant(
        name="path-counts-positive-only",
        why="counts the positive weights only: a negative weight is just as much a selected feature",
        cells={"lasso-path": """
            def lasso_alpha_max(X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                return float(np.abs((X - X.mean(0)).T @ (y - y.mean())).max() / len(y))

            def lasso_path_nonzeros(X, y, alphas):
                return np.array([int(np.sum(fit_lasso_cd(X, y, a)[0] > 0)) for a in alphas])
        """},
        fails={"test-path-nonzeros"},
    ),
    # ------------------------------------------------------------------------------------- 1.3 elastic net
    Variant(
        name="enet-l2-not-times-n",
        why="the L2 part of the denominator is alpha * (1 - l1_ratio) instead of n * alpha * (1 - l1_ratio)",
        cells={"fit-elastic-net": _enet(denominator="sq[j] + alpha * (1.0 - l1_ratio)")},
        fails={"test-enet-sklearn", "test-enet-limits"},
    ),
    Variant(
        name="enet-ignores-l1-ratio-in-threshold",
        why="the soft-threshold uses the full n * alpha: only the l1_ratio share of alpha is an L1 penalty",
        cells={"fit-elastic-net": _enet(threshold="n * alpha")},
        fails={"test-enet-sklearn", "test-enet-limits"},
    ),
    Variant(
        name="enet-half-l2",
        why="the L2 term is halved twice: scikit-learn's objective already has alpha * (1 - l1_ratio) / 2 * ||w||^2, "
            "whose derivative gives n * alpha * (1 - l1_ratio) in the denominator",
        cells={"fit-elastic-net": _enet(denominator="sq[j] + n * alpha * (1.0 - l1_ratio) / 2")},
        fails={"test-enet-sklearn", "test-enet-limits"},
    ),
    Variant(
        name="support-precision-one-when-empty",
        why="an empty selection gets precision 1: the stated convention (zero_division=0) gives 0",
        cells={"support-recovery": """
            def support_recovery(coef, true_coef):
                selected, relevant = np.asarray(coef) != 0, np.asarray(true_coef) != 0
                hits = int(np.sum(selected & relevant))
                return {"selected": int(selected.sum()),
                        "precision": hits / selected.sum() if selected.sum() else 1.0,
                        "recall": hits / relevant.sum()}
        """},
        fails={"test-support-recovery"},
    ),
    Variant(
        name="support-precision-recall-swapped",
        why="precision divides by the relevant features and recall by the selected ones: the other way round",
        cells={"support-recovery": """
            def support_recovery(coef, true_coef):
                selected, relevant = np.asarray(coef) != 0, np.asarray(true_coef) != 0
                hits = int(np.sum(selected & relevant))
                return {"selected": int(selected.sum()),
                        "precision": hits / relevant.sum(),
                        "recall": hits / selected.sum() if selected.sum() else 0.0}
        """},
        fails={"test-support-recovery"},
    ),
    Variant(
        name="correlated-ridge-selects",
        why="it is the L1 penalty, not L2, that puts the weight on one of two correlated copies",
        cells={"correlated-mc": 'CORRELATED_ANSWER = "b"'},
        fails={"test-correlated-mc"},
    ),
    Variant(
        name="correlated-both-zero",
        why="collinearity does not zero both weights: the demo shows their sum stays near the true effect",
        cells={"correlated-mc": 'CORRELATED_ANSWER = "d"'},
        fails={"test-correlated-mc"},
    ),
    # ------------------------------------------------------------------------------------- 2.1 precision/recall/F1
    Variant(
        name="prf-micro-as-macro",
        why="micro averaging pools the TP, FP and FN counts of all classes before dividing; averaging the "
            "per-class ratios is macro",
        cells={"prf": _prf(pool_micro="False")},
        fails={"test-prf-averages", "test-prf-zero-division"},
    ),
    Variant(
        name="prf-weighted-by-predictions",
        why="the weighted average weighs each class by its support, the number of TRUE samples of the class, not "
            "by how often it is predicted",
        cells={"prf": _prf(support="tp + fp")},
        fails={"test-prf-averages", "test-prf-zero-division"},
    ),
    Variant(
        name="prf-labels-from-y-true-only",
        why="a label that is only ever predicted is still a class (with support 0): its precision enters the "
            "macro average",
        cells={"prf": _prf(labels="np.unique(y_true).tolist()")},
        fails={"test-prf-averages", "test-prf-zero-division"},
    ),
    Variant(
        name="prf-f1-from-precision-and-recall",
        why="F1 computed as 2PR/(P + R) inherits a nan precision; from the counts, 2TP/(2TP + FP + FN) is 0 "
            "whenever FP + FN > 0",
        cells={"prf": _prf(f1="ratio(2 * precision * recall, precision + recall)")},
        fails={"test-prf-zero-division"},
    ),
    Variant(
        name="prf-zero-division-ignored",
        why="0/0 always gives 0: the zero_division argument (1 or nan) is ignored",
        cells={"prf": _prf(zero_value="0.0")},
        fails={"test-prf-zero-division"},
    ),
    Variant(
        name="prf-nan-not-skipped",
        why="with zero_division=nan, the macro average must skip the nan classes (np.nanmean), not become nan",
        cells={"prf": _prf(nanmean="np.mean")},
        fails={"test-prf-zero-division"},
    ),
    # ------------------------------------------------------------------------------------- 2.2 Type I / Type II
    Variant(
        name="error-rates-strict-threshold",
        why="flags score > threshold: a score equal to the threshold must be flagged (score >= threshold)",
        cells={"error-rates": _error_rates(flag_op=">")},
        fails={"test-error-rates", "test-threshold-type-i"},
    ),
    Variant(
        name="error-rates-swapped",
        why="Type I is the false-positive rate FP / (FP + TN) (a false alarm), Type II the false-negative rate",
        cells={"error-rates": _error_rates(type_i="fn / (fn + tp)", type_ii="fp / (fp + tn)")},
        fails={"test-error-rates", "test-threshold-type-i"},
    ),
    Variant(
        name="type-i-threshold-highest",
        why="returns the first (highest) threshold under the cap; the lowest one under the cap misses the fewest "
            "positives",
        cells={"error-rates": _error_rates(after_feasible="break")},
        fails={"test-threshold-type-i"},
    ),
    Variant(
        name="type-i-cap-strict",
        why="the cap is 'at most max_type_i': a Type I rate exactly equal to the cap is allowed",
        cells={"error-rates": _error_rates(cap_op="<")},
        fails={"test-threshold-type-i"},
    ),
    # ------------------------------------------------------------------------------------- 3.1 ROC and AUC
    Variant(
        name="roc-no-origin",
        why="the curve must start at (0, 0) with threshold inf (flag nothing)",
        cells={"roc-points": _roc(fpr="fps / fps[-1]", tpr="tps / tps[-1]", thresholds="sorted_scores[last_of_group]")},
        fails=ROC_TESTS,
    ),
    Variant(
        name="roc-ties-not-merged",
        why="one point per sample: tied scores cannot be separated by any threshold, so they give one point",
        cells={"roc-points": _roc(groups="np.arange(len(scores))")},
        fails=ROC_TESTS,
    ),
    Variant(
        name="roc-increasing-thresholds",
        why="the thresholds must decrease from inf, so that the rates grow from (0, 0) to (1, 1)",
        cells={"roc-points": _roc(sort_key="scores")},
        fails=ROC_TESTS,
    ),
    Variant(
        name="auc-left-riemann",
        why="a staircase (left Riemann sum) under-counts the diagonal segments of tied scores; use trapezoids",
        cells={"auc-two-ways": _auc(trapezoid="np.sum(np.diff(fpr) * tpr[:-1])")},
        fails={"test-auc-trapezoid", "test-auc-agree"},
    ),
    Variant(
        name="auc-ties-count-zero",
        why="a tie between a positive and a negative must count one half, not zero",
        cells={"auc-two-ways": _auc(wins="np.sum(pos[:, None] > neg[None, :])")},
        fails={"test-auc-mann-whitney", "test-auc-agree"},
    ),
    Variant(
        name="auc-ties-count-one",
        why="a tie between a positive and a negative must count one half, not one",
        cells={"auc-two-ways": _auc(wins="np.sum(pos[:, None] >= neg[None, :])")},
        fails={"test-auc-mann-whitney", "test-auc-agree"},
    ),
    Variant(
        name="auc-calls-scipy",
        why="scipy's rankdata inside a from-scratch exercise earns nothing",
        cells={"auc-two-ways": """
            from scipy.stats import rankdata

            def auc_trapezoid(fpr, tpr):
                fpr, tpr = np.asarray(fpr, dtype=float), np.asarray(tpr, dtype=float)
                return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))

            def auc_mann_whitney(y_true, scores):
                y_true = np.asarray(y_true)
                ranks = rankdata(scores)
                n_pos, n_neg = int(np.sum(y_true == 1)), int(np.sum(y_true == 0))
                return float((ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
        """},
        fails={"test-auc-mann-whitney"},
    ),
    # ------------------------------------------------------------------------------------- 3.2 the article's bands
    Variant(
        name="interpret-0.9-excellent",
        why="the article's 'Excellent' band is AUC > 0.9; 0.9 itself is in 'between 0.7 and 0.9'",
        cells={"interpret-auc": _interpret(excellent_op=">=")},
        fails={"test-interpret-auc"},
    ),
    Variant(
        name="interpret-no-validation",
        why="an AUC outside [0, 1] (or nan) is an error, not a value to interpret",
        cells={"interpret-auc": _interpret(validation="pass")},
        fails={"test-interpret-auc"},
    ),
    Variant(
        name="interpret-fills-the-gap",
        why="the article has no band between 0.5 and 0.7: stretching 'Good model' down to 0.5 invents one",
        cells={"interpret-auc": _interpret(good_floor="0.5000001")},
        fails={"test-interpret-auc"},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
EQUIVALENT_MUTANTS = {
    "soft-threshold@be126c71": "np.sign(z) * np.maximum(np.abs(z) - t, 0.0) already gives floats of z's shape for a "
                               "number or an array z, the only inputs the spec allows",
    "fit-lasso@90ada5c0": "the residual is only read through Xc[:, j] @ residual and Xc's columns sum to zero, so a "
                          "constant offset (y + y_mean instead of y - y_mean) changes no update",
    "fit-lasso@cb33deaf": "differs only when a sweep's largest change equals tol bit for bit; a test forcing that "
                          "tie would also fail correct code whose float operations differ by one ulp",
    "fit-elastic-net@5c7fef68": "as fit-lasso@cb33deaf: only a bit-exact tie largest change == tol tells them apart, "
                                "which no test can force fairly",
    "lasso-path@ada499e5": "Xc.T @ yc with a centred yc: X + mean instead of X - mean adds mean * sum(yc) = 0 to every "
                           "correlation",
    "lasso-path@d4f025df": "the centred columns sum to zero, so Xc.T @ (y + mean) equals Xc.T @ (y - mean)",
    "prf@0a048a88": "den is a count (>= 0), so den == -1 is never true; the 0/0 it then computes is discarded by the "
                    "np.where(den == 0, zero_division, ...) that follows (checks.run drops the warning)",
    "prf@5de9615d": "only average='micro' takes this branch; a 0-d sum instead of a shape-(1,) one gives the same ratios "
                    "and the same nanmean",
    "prf@af946e14": "as prf@5de9615d: micro averaging gives one number whether the pooled counts are 0-d or shape (1,)",
    "prf@7926c6f4": "as prf@5de9615d: micro averaging gives one number whether the pooled counts are 0-d or shape (1,)",
    "error-rates@5c432b72": "the Type I rate only grows as the threshold falls, so once one candidate breaks the cap no "
                            "lower one meets it: the break only saves time",
    "error-rates@c227677f": "scores is only passed to np.unique and error_rates, which convert a list or an array "
                            "themselves",
}

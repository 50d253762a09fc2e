"""Plausible wrong answers to 04_system_design/5_online_learning_and_monitoring; each must lose exactly `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    # ------------------------------------------------------------------ 1.1 sgd_partial_fit
    Variant(
        name="sgd-minibatch-gradient",
        why="one averaged gradient step per batch is mini-batch GD, not partial_fit's per-sample updates",
        cells={
            "sgd-partial-fit": """
            def sgd_partial_fit(w, b, X_batch, y_batch, eta=0.05, alpha=0.0):
                w = np.array(w, dtype=float)
                X_batch = np.asarray(X_batch, dtype=float)
                g = 1 / (1 + np.exp(-(X_batch @ w + b))) - np.asarray(y_batch, dtype=float)
                return (1 - eta * alpha) * w - eta * X_batch.T @ g / len(g), float(b - eta * g.mean())
        """
        },
        fails={"test-sgd-partial-fit-sklearn", "test-prequential"},
    ),
    Variant(
        name="sgd-zero-one-labels-in-signed-formula",
        why="scikit-learn's g = -y / (1 + exp(y s)) needs labels in {-1, +1}; with y = 0 negatives never update",
        cells={
            "sgd-partial-fit": """
            def sgd_partial_fit(w, b, X_batch, y_batch, eta=0.05, alpha=0.0):
                w = np.array(w, dtype=float)
                b = float(b)
                for x_i, y_i in zip(np.asarray(X_batch, dtype=float), y_batch):
                    g = -y_i / (1 + np.exp(y_i * (x_i @ w + b)))
                    w = (1 - eta * alpha) * w - eta * g * x_i
                    b = b - eta * g
                return w, float(b)
        """
        },
        fails={"test-sgd-partial-fit-sklearn", "test-prequential"},
    ),
    Variant(
        name="sgd-updates-w-in-place",
        why="np.asarray does not copy, so the caller's model is overwritten (no rollback possible)",
        cells={
            "sgd-partial-fit": """
            def sgd_partial_fit(w, b, X_batch, y_batch, eta=0.05, alpha=0.0):
                w = np.asarray(w, dtype=float)
                b = float(b)
                for x_i, y_i in zip(np.asarray(X_batch, dtype=float), y_batch):
                    g = 1 / (1 + np.exp(-(x_i @ w + b))) - y_i
                    w *= 1 - eta * alpha
                    w -= eta * g * x_i
                    b -= eta * g
                return w, float(b)
        """
        },
        fails={"test-sgd-partial-fit-basic"},
    ),
    Variant(
        name="sgd-regularises-intercept",
        why="the L2 penalty shrinks the intercept too; scikit-learn never penalises it",
        cells={
            "sgd-partial-fit": """
            def sgd_partial_fit(w, b, X_batch, y_batch, eta=0.05, alpha=0.0):
                w = np.array(w, dtype=float)
                b = float(b)
                for x_i, y_i in zip(np.asarray(X_batch, dtype=float), y_batch):
                    g = 1 / (1 + np.exp(-(x_i @ w + b))) - y_i
                    w = (1 - eta * alpha) * w - eta * g * x_i
                    b = (1 - eta * alpha) * b - eta * g
                return w, float(b)
        """
        },
        fails={"test-sgd-partial-fit-sklearn", "test-prequential"},
    ),
    Variant(
        name="sgd-calls-sklearn",
        why="SGDClassifier inside a from-scratch exercise earns nothing (and fit() refuses a one-class batch)",
        cells={
            "sgd-partial-fit": """
            from sklearn.linear_model import SGDClassifier

            def sgd_partial_fit(w, b, X_batch, y_batch, eta=0.05, alpha=0.0):
                model = SGDClassifier(loss="log_loss", penalty="l2", alpha=alpha, learning_rate="constant",
                                      eta0=eta, shuffle=False, max_iter=1, tol=None)
                model.fit(X_batch, y_batch, coef_init=np.asarray(w, dtype=float), intercept_init=float(b))
                return model.coef_.ravel(), float(model.intercept_[0])
        """
        },
        fails={"test-sgd-partial-fit-basic", "test-sgd-partial-fit-sklearn", "test-prequential"},
    ),
    # ------------------------------------------------------------------ 1.2 prequential_accuracy
    Variant(
        name="prequential-train-then-test",
        why="training on a batch before scoring it reports an optimistic accuracy users never saw",
        cells={
            "prequential": """
            def prequential_accuracy(batches, eta=0.05, alpha=0.0):
                w, b = np.zeros(np.asarray(batches[0][0]).shape[1]), 0.0
                accuracies = []
                for X_batch, y_batch in batches:
                    w, b = sgd_partial_fit(w, b, X_batch, y_batch, eta=eta, alpha=alpha)
                    accuracies.append(np.mean((np.asarray(X_batch) @ w + b > 0).astype(int) == y_batch))
                return np.array(accuracies), w, b
        """
        },
        fails={"test-prequential"},
    ),
    Variant(
        name="prequential-zero-score-predicts-one",
        why="'>= 0' predicts class 1 for a score of exactly 0, unlike SGDClassifier.predict (first batch all ones)",
        cells={
            "prequential": """
            def prequential_accuracy(batches, eta=0.05, alpha=0.0):
                w, b = np.zeros(np.asarray(batches[0][0]).shape[1]), 0.0
                accuracies = []
                for X_batch, y_batch in batches:
                    accuracies.append(np.mean((np.asarray(X_batch) @ w + b >= 0).astype(int) == y_batch))
                    w, b = sgd_partial_fit(w, b, X_batch, y_batch, eta=eta, alpha=alpha)
                return np.array(accuracies), w, b
        """
        },
        fails={"test-prequential"},
    ),
    Variant(
        name="prequential-model-never-updated",
        why="the new (w, b) returned by sgd_partial_fit is thrown away, so the model never learns",
        cells={
            "prequential": """
            def prequential_accuracy(batches, eta=0.05, alpha=0.0):
                w, b = np.zeros(np.asarray(batches[0][0]).shape[1]), 0.0
                accuracies = []
                for X_batch, y_batch in batches:
                    accuracies.append(np.mean((np.asarray(X_batch) @ w + b > 0).astype(int) == y_batch))
                    sgd_partial_fit(w, b, X_batch, y_batch, eta=eta, alpha=alpha)
                return np.array(accuracies), w, b
        """
        },
        fails={"test-prequential"},
    ),
    # ------------------------------------------------------------------ 2.1 psi
    Variant(
        name="psi-bins-from-current",
        why="quantile bins of the current sample move the yardstick with the thing being measured",
        cells={
            "psi": """
            def psi(reference, current, n_bins=10, eps=1e-4):
                reference, current = np.asarray(reference, float), np.asarray(current, float)
                edges = np.quantile(current, np.arange(1, n_bins) / n_bins)
                p = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=n_bins) / len(reference)
                q = np.bincount(np.searchsorted(edges, current, side="right"), minlength=n_bins) / len(current)
                p, q = np.maximum(p, eps), np.maximum(q, eps)
                return float(np.sum((q - p) * np.log(q / p)))
        """
        },
        fails={"test-psi-reference"},
    ),
    Variant(
        name="psi-numpy-histogram-drops-outliers",
        why="np.histogram over the reference's min..max drops current values outside that range",
        cells={
            "psi": """
            def psi(reference, current, n_bins=10, eps=1e-4):
                reference, current = np.asarray(reference, float), np.asarray(current, float)
                edges = np.quantile(reference, np.linspace(0, 1, n_bins + 1))
                p = np.histogram(reference, bins=edges)[0] / len(reference)
                q = np.histogram(current, bins=edges)[0] / len(current)
                p, q = np.maximum(p, eps), np.maximum(q, eps)
                return float(np.sum((q - p) * np.log(q / p)))
        """
        },
        fails={"test-psi-reference"},
    ),
    Variant(
        name="psi-no-epsilon",
        why="an empty bin gives log(0): PSI becomes infinite or NaN",
        cells={
            "psi": """
            def psi(reference, current, n_bins=10, eps=1e-4):
                reference, current = np.asarray(reference, float), np.asarray(current, float)
                edges = np.quantile(reference, np.arange(1, n_bins) / n_bins)
                p = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=n_bins) / len(reference)
                q = np.bincount(np.searchsorted(edges, current, side="right"), minlength=n_bins) / len(current)
                return float(np.sum((q - p) * np.log(q / p)))
        """
        },
        fails={"test-psi-reference"},
    ),
    Variant(
        name="psi-ties-go-left",
        why="side='left' (pd.cut's right-closed bins) puts values equal to an edge in the left bin",
        cells={
            "psi": """
            def psi(reference, current, n_bins=10, eps=1e-4):
                reference, current = np.asarray(reference, float), np.asarray(current, float)
                edges = np.quantile(reference, np.arange(1, n_bins) / n_bins)
                p = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=n_bins) / len(reference)
                q = np.bincount(np.searchsorted(edges, current, side="left"), minlength=n_bins) / len(current)
                p, q = np.maximum(p, eps), np.maximum(q, eps)
                return float(np.sum((q - p) * np.log(q / p)))
        """
        },
        fails={"test-psi-reference"},
    ),
    Variant(
        name="psi-equal-width-bins",
        why="equal-width bins over the reference range instead of quantile bins",
        cells={
            "psi": """
            def psi(reference, current, n_bins=10, eps=1e-4):
                reference, current = np.asarray(reference, float), np.asarray(current, float)
                edges = np.linspace(reference.min(), reference.max(), n_bins + 1)[1:-1]
                p = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=n_bins) / len(reference)
                q = np.bincount(np.searchsorted(edges, current, side="right"), minlength=n_bins) / len(current)
                p, q = np.maximum(p, eps), np.maximum(q, eps)
                return float(np.sum((q - p) * np.log(q / p)))
        """
        },
        fails={"test-psi-reference"},
    ),
    # ------------------------------------------------------------------ 2.2 ks_statistic
    Variant(
        name="ks-unsorted-samples",
        why="searchsorted on unsorted samples counts garbage: the CDFs need sorted arrays",
        cells={
            "ks": """
            def ks_statistic(a, b):
                a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
                pooled = np.concatenate([a, b])
                cdf_a = np.searchsorted(a, pooled, side="right") / len(a)
                cdf_b = np.searchsorted(b, pooled, side="right") / len(b)
                return float(np.max(np.abs(cdf_a - cdf_b)))
        """
        },
        fails={"test-ks-basic", "test-ks-scipy"},
    ),
    Variant(
        name="ks-evaluated-at-a-only",
        why="F_b - F_a peaks at values of b, so evaluating only at a's values misses half the gaps",
        cells={
            "ks": """
            def ks_statistic(a, b):
                a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))
                cdf_a = np.searchsorted(a, a, side="right") / len(a)
                cdf_b = np.searchsorted(b, a, side="right") / len(b)
                return float(np.max(np.abs(cdf_a - cdf_b)))
        """
        },
        fails={"test-ks-basic", "test-ks-scipy"},
    ),
    Variant(
        name="ks-calls-scipy",
        why="scipy.stats.ks_2samp inside a from-scratch exercise earns nothing",
        cells={
            "ks": """
            from scipy.stats import ks_2samp

            def ks_statistic(a, b):
                return float(ks_2samp(a, b).statistic)
        """
        },
        fails={"test-ks-scipy"},
    ),
    # ------------------------------------------------------------------ 2.3 drift type
    Variant(
        name="drift-type-covariate",
        why="covariate shift would move PSI and KS, which stayed flat",
        cells={"drift-type": 'DRIFT_TYPE = "a"'},
        fails={"test-drift-type"},
    ),
    Variant(
        name="drift-type-noise",
        why="low input drift says nothing about P(y | x); a 13-point drop is not noise",
        cells={"drift-type": 'DRIFT_TYPE = "c"'},
        fails={"test-drift-type"},
    ),
    # ------------------------------------------------------------------ 3.1 rolling_accuracy
    Variant(
        name="rolling-mean-of-batch-accuracies",
        why="averaging batch accuracies weights a small batch like a large one; the pooled ratio does not",
        cells={
            "rolling-accuracy": """
            def rolling_accuracy(correct, total, window):
                n = len(correct)
                if not 1 <= window <= n:
                    raise ValueError("bad window")
                ratio = np.asarray(correct, dtype=float) / np.asarray(total, dtype=float)
                return np.array([ratio[j : j + window].mean() for j in range(n - window + 1)])
        """
        },
        fails={"test-rolling-accuracy"},
    ),
    Variant(
        name="rolling-cumsum-off-by-one",
        why="differences of cumulative sums without a leading 0 lose the first window",
        cells={
            "rolling-accuracy": """
            def rolling_accuracy(correct, total, window):
                n = len(correct)
                if not 1 <= window <= n:
                    raise ValueError("bad window")
                c, t = np.cumsum(correct), np.cumsum(total)
                return (c[window:] - c[:-window]) / (t[window:] - t[:-window])
        """
        },
        fails={"test-rolling-accuracy", "test-first-alert-toy", "test-first-alert-drift"},
    ),
    Variant(
        name="rolling-window-one-too-long",
        why="slicing j : j + window + 1 pools window + 1 batches",
        cells={
            "rolling-accuracy": """
            def rolling_accuracy(correct, total, window):
                correct, total = np.asarray(correct, float), np.asarray(total, float)
                n = len(correct)
                if not 1 <= window <= n:
                    raise ValueError("bad window")
                return np.array([correct[j : j + window + 1].sum() / total[j : j + window + 1].sum()
                                 for j in range(n - window + 1)])
        """
        },
        fails={"test-rolling-accuracy", "test-first-alert-toy", "test-first-alert-drift"},
    ),
    # ------------------------------------------------------------------ 3.2 first_alert
    Variant(
        name="alert-on-single-bad-batch",
        why="alerting on one batch's own accuracy pages the on-call for every outage",
        cells={
            "first-alert": """
            def first_alert(correct, total, window, threshold):
                ratio = np.asarray(correct, dtype=float) / np.asarray(total, dtype=float)
                for t in range(window - 1, len(ratio)):
                    if ratio[t] < threshold:
                        return t
                return None
        """
        },
        fails={"test-first-alert-drift"},
    ),
    Variant(
        name="alert-returns-window-start",
        why="returns the index into the rolling array (the window's first batch), window - 1 batches too early",
        cells={
            "first-alert": """
            def first_alert(correct, total, window, threshold):
                below = np.flatnonzero(rolling_accuracy(correct, total, window) < threshold)
                return int(below[0]) if len(below) else None
        """
        },
        fails={"test-first-alert-toy", "test-first-alert-drift"},
    ),
    Variant(
        name="alert-at-threshold",
        why="'<=' fires when the accuracy merely equals the threshold",
        cells={
            "first-alert": """
            def first_alert(correct, total, window, threshold):
                below = np.flatnonzero(rolling_accuracy(correct, total, window) <= threshold)
                return int(below[0]) + window - 1 if len(below) else None
        """
        },
        fails={"test-first-alert-toy"},
    ),
    # ------------------------------------------------------------------ 3.3 retraining_trigger
    # ------------------------------------------------------------------ 3.3 alert_threshold
    Variant(
        name="alert-threshold-at-or-below",
        why="uses P(X <= k) for an alert that fires strictly below k/n: the threshold comes out one step too low",
        cells={
            "alert-threshold": """
            def alert_threshold(baseline_acc, window_total, max_false_alarm):
                k = np.arange(window_total + 1)
                ok = np.flatnonzero(stats.binom.cdf(k, window_total, baseline_acc) <= max_false_alarm)
                return float(ok.max() / window_total) if len(ok) else 0.0
        """
        },
        fails={"test-alert-threshold"},
    ),
    Variant(
        name="alert-threshold-normal-approximation",
        why="the normal approximation p - z * sqrt(p(1 - p)/n) is off in the tail for small windows and high "
        "accuracies; the binomial gives the exact rate",
        cells={
            "alert-threshold": """
            def alert_threshold(baseline_acc, window_total, max_false_alarm):
                sd = np.sqrt(baseline_acc * (1 - baseline_acc) / window_total)
                t = baseline_acc + stats.norm.ppf(max_false_alarm) * sd
                return float(np.floor(t * window_total) / window_total)
        """
        },
        fails={"test-alert-threshold"},
    ),
    Variant(
        name="alert-threshold-smallest",
        why="returns the smallest threshold that satisfies the false-alarm limit (0): the alert would never fire",
        cells={
            "alert-threshold": """
            def alert_threshold(baseline_acc, window_total, max_false_alarm):
                k = np.arange(window_total + 1)
                return float(np.flatnonzero(stats.binom.cdf(k - 1, window_total, baseline_acc) <= max_false_alarm).min()
                             / window_total)
        """
        },
        fails={"test-alert-threshold"},
    ),
    Variant(
        name="trigger-or-instead-of-and",
        why="retraining on any single major signal ignores the 'two detectors agree' rule",
        cells={
            "retraining-trigger": """
            def retraining_trigger(psi_values, ks_values, rolling_acc, baseline_acc, psi_major=0.25,
                                   psi_moderate=0.10, ks_limit=0.15, max_drop=0.05):
                if rolling_acc is not None and baseline_acc - rolling_acc > max_drop:
                    return "retrain"
                if any(psi_values[f] >= psi_major or ks_values[f] >= ks_limit for f in psi_values):
                    return "retrain"
                if any(psi_values[f] >= psi_moderate or ks_values[f] >= ks_limit for f in psi_values):
                    return "watch"
                return "ok"
        """
        },
        fails={"test-retraining-trigger"},
    ),
    Variant(
        name="trigger-crashes-while-labels-delayed",
        why="rolling_acc is None while labels are delayed; subtracting it raises TypeError",
        cells={
            "retraining-trigger": """
            def retraining_trigger(psi_values, ks_values, rolling_acc, baseline_acc, psi_major=0.25,
                                   psi_moderate=0.10, ks_limit=0.15, max_drop=0.05):
                if baseline_acc - rolling_acc > max_drop:
                    return "retrain"
                if any(psi_values[f] >= psi_major and ks_values[f] >= ks_limit for f in psi_values):
                    return "retrain"
                if any(psi_values[f] >= psi_moderate or ks_values[f] >= ks_limit for f in psi_values):
                    return "watch"
                return "ok"
        """
        },
        fails={"test-retraining-trigger"},
    ),
    Variant(
        name="trigger-detectors-on-different-features",
        why="a PSI alarm on one feature and a KS alarm on another do not confirm the same shift",
        cells={
            "retraining-trigger": """
            def retraining_trigger(psi_values, ks_values, rolling_acc, baseline_acc, psi_major=0.25,
                                   psi_moderate=0.10, ks_limit=0.15, max_drop=0.05):
                if rolling_acc is not None and baseline_acc - rolling_acc > max_drop:
                    return "retrain"
                if max(psi_values.values()) >= psi_major and max(ks_values.values()) >= ks_limit:
                    return "retrain"
                if max(psi_values.values()) >= psi_moderate or max(ks_values.values()) >= ks_limit:
                    return "watch"
                return "ok"
        """
        },
        fails={"test-retraining-trigger"},
    ),
    Variant(
        name="trigger-strict-thresholds",
        why="'>' instead of '>=' ignores a PSI or KS exactly at the stated threshold",
        cells={
            "retraining-trigger": """
            def retraining_trigger(psi_values, ks_values, rolling_acc, baseline_acc, psi_major=0.25,
                                   psi_moderate=0.10, ks_limit=0.15, max_drop=0.05):
                if rolling_acc is not None and baseline_acc - rolling_acc > max_drop:
                    return "retrain"
                if any(psi_values[f] > psi_major and ks_values[f] > ks_limit for f in psi_values):
                    return "retrain"
                if any(psi_values[f] > psi_moderate or ks_values[f] > ks_limit for f in psi_values):
                    return "watch"
                return "ok"
        """
        },
        fails={"test-retraining-trigger"},
    ),
]

# Mutants of the reference solutions (course validate --mutants) that no input allowed by the specification can
# tell from the solution, with the reason.
EQUIVALENT_MUTANTS = {
    "sgd-partial-fit@36d07a60": "the copy of w dropped: w is an array by specification and every update builds a new "
                                "array (w is rebound, never written), so the caller's w is untouched and the values "
                                "are the same",
    "sgd-partial-fit@a72b72fb": "float(b) dropped: b - eta * g is the same number whether b starts as an int, a "
                                "numpy scalar or a float, and the result is returned as float(b)",
    "sgd-partial-fit@f7172649": "np.asarray(X_batch) dropped: each row (array, or list: numpy converts it in x_i @ w "
                                "and eta * g * x_i) gives the same numbers",
    "sgd-partial-fit@d6138e3d": "s > 0 instead of s >= 0 in the stable sigmoid: at s = 0 both formulas give exactly "
                                "0.5",
    "sgd-partial-fit@b5c3c6e8": "switch of the stable sigmoid at s >= 1: both formulas are the same sigmoid, and exp "
                                "does not overflow near 1 (differences are rounding, far below rtol=1e-6)",
    "sgd-partial-fit@2b9d5b76": "switch of the stable sigmoid at s >= -1: both formulas are the same sigmoid, and "
                                "exp does not overflow near -1 (differences are rounding, far below rtol=1e-6)",
    "prequential@8bc5a3e5": "np.asarray(X_batch) dropped: X_batch @ w works the same on arrays and lists of rows, "
                            "and sgd_partial_fit converts the batch itself",
    "prequential@0ffb3092": "d taken from the last batch instead of the first: every batch has the same number of "
                            "features d by specification",
    "psi@2ee64525": "np.asarray(reference) dropped: np.quantile, np.searchsorted and len give the same results on "
                    "arrays, lists and Series",
    "psi@10f27d8a": "np.asarray(current) dropped: np.searchsorted and len give the same results on arrays, lists and "
                    "Series",
    "rolling-accuracy@709327de": "float conversion of correct dropped: correct is an integer array by specification, "
                                 "and int sum / int sum is the same true division",
    "rolling-accuracy@67465d8a": "float conversion of total dropped: total is an integer array by specification, and "
                                 "int sum / int sum is the same true division",
}

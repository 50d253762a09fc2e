"""Plausible wrong answers to 04_system_design/3_fraud_detection; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

# average_precision() is built on pr_curve(), so a wrong curve also gives a wrong AP.
PR_TESTS = {"test-pr-curve-toy", "test-pr-curve-sklearn", "test-average-precision"}

VARIANTS = [
    # ------------------------------------------------------------------------------------------ 1.1 metrics
    Variant(
        name="metrics-precision-one-when-nothing-flagged",
        why="a model that flags nothing gets precision 1 instead of 0: the zero-division rule says 0/0 counts as 0",
        cells={
            "confusion-metrics": """
            def confusion_metrics(y_true, flagged):
                y, f = np.asarray(y_true).astype(bool), np.asarray(flagged).astype(bool)
                tp, fp, fn = np.sum(f & y), np.sum(f & ~y), np.sum(~f & y)
                precision = tp / (tp + fp) if tp + fp else 1.0
                recall = tp / (tp + fn) if tp + fn else 0.0
                f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
                return {"accuracy": float(np.mean(f == y)), "precision": float(precision), "recall": float(recall),
                        "f1": float(f1)}
        """
        },
        fails={"test-confusion-metrics-edges"},
    ),
    Variant(
        name="metrics-f1-arithmetic-mean",
        why="F1 is the harmonic mean of precision and recall; the arithmetic mean rewards a lopsided model",
        cells={
            "confusion-metrics": """
            def confusion_metrics(y_true, flagged):
                y, f = np.asarray(y_true).astype(bool), np.asarray(flagged).astype(bool)
                tp, fp, fn = np.sum(f & y), np.sum(f & ~y), np.sum(~f & y)
                precision = tp / (tp + fp) if tp + fp else 0.0
                recall = tp / (tp + fn) if tp + fn else 0.0
                return {"accuracy": float(np.mean(f == y)), "precision": float(precision), "recall": float(recall),
                        "f1": float((precision + recall) / 2)}
        """
        },
        fails={"test-confusion-metrics", "test-confusion-metrics-edges"},
    ),
    Variant(
        name="metrics-precision-recall-swapped",
        why="precision divides by the flagged transactions (TP + FP), recall by the actual frauds (TP + FN)",
        cells={
            "confusion-metrics": """
            def confusion_metrics(y_true, flagged):
                y, f = np.asarray(y_true).astype(bool), np.asarray(flagged).astype(bool)
                tp, fp, fn = np.sum(f & y), np.sum(f & ~y), np.sum(~f & y)
                precision = tp / (tp + fn) if tp + fn else 0.0
                recall = tp / (tp + fp) if tp + fp else 0.0
                f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
                return {"accuracy": float(np.mean(f == y)), "precision": float(precision), "recall": float(recall),
                        "f1": float(f1)}
        """
        },
        fails={"test-confusion-metrics", "test-confusion-metrics-edges"},
    ),
    Variant(
        name="metrics-nan-on-zero-division",
        why="0/0 gives nan (numpy division without a guard); the stated rule makes every undefined ratio 0",
        cells={
            "confusion-metrics": """
            def confusion_metrics(y_true, flagged):
                y, f = np.asarray(y_true).astype(bool), np.asarray(flagged).astype(bool)
                tp, fp, fn = np.sum(f & y), np.sum(f & ~y), np.sum(~f & y)
                with np.errstate(invalid="ignore", divide="ignore"):
                    precision = np.float64(tp) / (tp + fp)
                    recall = np.float64(tp) / (tp + fn)
                    f1 = 2 * precision * recall / (precision + recall)
                return {"accuracy": float(np.mean(f == y)), "precision": float(precision), "recall": float(recall),
                        "f1": float(f1)}
        """
        },
        fails={"test-confusion-metrics-edges"},
    ),
    Variant(
        name="metrics-calls-sklearn",
        why="precision_score and friends inside a from-scratch exercise earn nothing",
        cells={
            "confusion-metrics": """
            from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

            def confusion_metrics(y_true, flagged):
                return {"accuracy": float(accuracy_score(y_true, flagged)),
                        "precision": float(precision_score(y_true, flagged, zero_division=0)),
                        "recall": float(recall_score(y_true, flagged, zero_division=0)),
                        "f1": float(f1_score(y_true, flagged, zero_division=0))}
        """
        },
        fails={"test-confusion-metrics", "test-confusion-metrics-edges"},
    ),
    # ------------------------------------------------------------------------------------------ 1.2 weights
    Variant(
        name="class-weights-inverted",
        why="k * n_c / n gives the frequent class the large weight",
        cells={
            "class-weights": """
            def class_weights(y):
                labels, counts = np.unique(np.asarray(y), return_counts=True)
                return {label: float(len(labels) * count / counts.sum()) for label, count in zip(labels.tolist(), counts)}
        """
        },
        fails={"test-class-weights"},
    ),
    Variant(
        name="class-weights-without-k",
        why="n / n_c forgets to divide by the number of classes",
        cells={
            "class-weights": """
            def class_weights(y):
                labels, counts = np.unique(np.asarray(y), return_counts=True)
                return {label: float(counts.sum() / count) for label, count in zip(labels.tolist(), counts)}
        """
        },
        fails={"test-class-weights"},
    ),
    Variant(
        name="class-weights-binary-only",
        why="assumes labels 0 and 1, so string labels and more classes break",
        cells={
            "class-weights": """
            def class_weights(y):
                y = np.asarray(y)
                n, n_pos = len(y), int(np.sum(y == 1))
                return {0: n / (2 * (n - n_pos)), 1: n / (2 * n_pos)}
        """
        },
        fails={"test-class-weights"},
    ),
    Variant(
        name="class-weights-calls-sklearn",
        why="compute_class_weight inside a from-scratch exercise earns nothing",
        cells={
            "class-weights": """
            from sklearn.utils.class_weight import compute_class_weight

            def class_weights(y):
                labels = np.unique(y)
                return dict(zip(labels.tolist(), compute_class_weight("balanced", classes=labels, y=y).tolist()))
        """
        },
        fails={"test-class-weights"},
    ),
    # ------------------------------------------------------------------------------------------ 2.1 PR curve
    Variant(
        name="pr-curve-ties-not-merged",
        why="one threshold per transaction: tied scores give several points that no threshold can separate",
        cells={
            "pr-curve": """
            def pr_curve(y_true, scores):
                y_true, scores = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
                order = np.argsort(-scores, kind="stable")
                tp = np.cumsum(y_true[order])
                fp = np.cumsum(1 - y_true[order])
                precision, recall = tp / (tp + fp), tp / tp[-1]
                return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], scores[order][::-1]
        """
        },
        fails=PR_TESTS,
    ),
    Variant(
        name="pr-curve-first-of-tie-group",
        why="keeps the first instead of the last position of each group of tied scores (counts half a tie)",
        cells={
            "pr-curve": """
            def pr_curve(y_true, scores):
                y_true, scores = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
                order = np.argsort(-scores, kind="stable")
                s = scores[order]
                tp, fp = np.cumsum(y_true[order]), np.cumsum(1 - y_true[order])
                first = np.r_[0, np.flatnonzero(np.diff(s)) + 1]
                tp, fp = tp[first], fp[first]
                tp_all = y_true.sum()
                return np.r_[(tp / (tp + fp))[::-1], 1.0], np.r_[(tp / tp_all)[::-1], 0.0], s[first][::-1]
        """
        },
        fails=PR_TESTS,
    ),
    Variant(
        name="pr-curve-strict-threshold",
        why="flags score > t instead of score >= t, so each point is shifted by one group",
        cells={
            "pr-curve": """
            def pr_curve(y_true, scores):
                y_true, scores = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
                thresholds = np.unique(scores)
                precision, recall = [], []
                for t in thresholds:
                    flagged = scores > t
                    tp = float(np.sum(flagged & (y_true == 1)))
                    precision.append(tp / flagged.sum() if flagged.sum() else 1.0)
                    recall.append(tp / y_true.sum())
                return np.r_[precision, 1.0], np.r_[recall, 0.0], thresholds
        """
        },
        fails={"test-pr-curve-toy", "test-pr-curve-sklearn"},  # every point shifts by one: the AP sum is unchanged
    ),
    Variant(
        name="pr-curve-no-final-point",
        why="forgets the (precision 1, recall 0) point that closes the curve",
        cells={
            "pr-curve": """
            def pr_curve(y_true, scores):
                y_true, scores = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
                thresholds = np.unique(scores)
                precision, recall = [], []
                for t in thresholds:
                    flagged = scores >= t
                    tp = float(np.sum(flagged & (y_true == 1)))
                    precision.append(tp / flagged.sum())
                    recall.append(tp / y_true.sum())
                return np.array(precision), np.array(recall), thresholds
        """
        },
        fails=PR_TESTS,
    ),
    Variant(
        name="pr-curve-calls-sklearn",
        why="precision_recall_curve inside a from-scratch exercise earns nothing (and AP built on it neither)",
        cells={
            "pr-curve": """
            from sklearn.metrics import precision_recall_curve

            def pr_curve(y_true, scores):
                return precision_recall_curve(y_true, scores)
        """
        },
        fails={"test-pr-curve-sklearn", "test-average-precision"},
    ),
    # ------------------------------------------------------------------------------------------ 2.2 AP
    Variant(
        name="ap-trapezoid",
        why="the trapezoidal area interpolates linearly between points and overestimates AP",
        cells={
            "average-precision": """
            def average_precision(y_true, scores):
                precision, recall, _ = pr_curve(y_true, scores)
                return float(-np.trapezoid(precision, recall))
        """
        },
        fails={"test-average-precision"},
    ),
    Variant(
        name="ap-interpolated",
        why="Pascal-VOC style interpolation (running maximum of precision) is not scikit-learn's AP",
        cells={
            "average-precision": """
            def average_precision(y_true, scores):
                precision, recall, _ = pr_curve(y_true, scores)
                interpolated = np.maximum.accumulate(precision[::-1])[::-1]
                return float(-np.sum(np.diff(recall) * interpolated[:-1]))
        """
        },
        fails={"test-average-precision"},
    ),
    Variant(
        name="ap-mean-precision",
        why="the plain mean of the precision values ignores the recall steps",
        cells={
            "average-precision": """
            def average_precision(y_true, scores):
                precision, _, _ = pr_curve(y_true, scores)
                return float(np.mean(precision[:-1]))
        """
        },
        fails={"test-average-precision"},
    ),
    Variant(
        name="ap-calls-sklearn",
        why="average_precision_score inside a from-scratch exercise earns nothing",
        cells={
            "average-precision": """
            from sklearn.metrics import average_precision_score

            def average_precision(y_true, scores):
                return float(average_precision_score(y_true, scores))
        """
        },
        fails={"test-average-precision"},
    ),
    # ------------------------------------------------------------------------------------------ 2.3 plot
    Variant(
        name="pr-plot-axes-swapped",
        why="precision on the x axis and recall on the y axis (labels right, data wrong)",
        cells={
            "pr-plot": """
            def plot_pr_curve(precision, recall, ap, prevalence):
                fig, ax = plt.subplots()
                ax.plot(precision, recall)
                ax.plot([0, 1], [prevalence, prevalence], "--")
                ax.set_xlabel("Recall")
                ax.set_ylabel("Precision")
                ax.set_title(f"Precision-recall curve (AP = {ap:.3f})")
                return fig
        """
        },
        fails={"test-pr-plot-data"},
    ),
    Variant(
        name="pr-plot-roc-baseline",
        why="draws the ROC diagonal instead of the prevalence as the no-skill baseline",
        cells={
            "pr-plot": """
            def plot_pr_curve(precision, recall, ap, prevalence):
                fig, ax = plt.subplots()
                ax.step(recall, precision, where="post")
                ax.plot([0, 1], [1, 0], "--")
                ax.set_xlabel("Recall")
                ax.set_ylabel("Precision")
                ax.set_title(f"Precision-recall curve (AP = {ap:.3f})")
                return fig
        """
        },
        fails={"test-pr-plot-data"},
    ),
    Variant(
        name="pr-plot-title-two-decimals",
        why="rounds AP to 2 decimals in the title",
        cells={
            "pr-plot": """
            def plot_pr_curve(precision, recall, ap, prevalence):
                fig, ax = plt.subplots()
                ax.step(recall, precision, where="post")
                ax.axhline(prevalence, linestyle="--")
                ax.set_xlabel("Recall")
                ax.set_ylabel("Precision")
                ax.set_title(f"Precision-recall curve (AP = {ap:.2f})")
                return fig
        """
        },
        fails={"test-pr-plot-data"},
    ),
    # ------------------------------------------------------------------------------------------ 3.1 threshold
    Variant(
        name="threshold-max-f1",
        why="maximises F1 instead of minimising the expected cost: ignores that a miss costs more than an alarm",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in np.unique(scores)[::-1]:
                    flagged = scores >= t
                    tp = np.sum(flagged & (y_true == 1))
                    f1 = 2 * tp / (flagged.sum() + y_true.sum())
                    if best is None or f1 > best[0]:
                        fp, fn = np.sum(flagged & (y_true == 0)), np.sum(~flagged & (y_true == 1))
                        best = (f1, float(t), float((cost_fp * fp + cost_fn * fn) / len(y_true)))
                return best[1], best[2]
        """
        },
        fails={"test-threshold", "test-threshold-ties", "test-threshold-flag-nothing", "test-threshold-report"},
    ),
    Variant(
        name="threshold-never-flags-nothing",
        why="only the distinct scores are candidates: when false alarms are expensive, flagging nothing is cheaper",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in np.unique(scores)[::-1]:
                    flagged = scores >= t
                    total = cost_fp * np.sum(flagged & (y_true == 0)) + cost_fn * np.sum(~flagged & (y_true == 1))
                    if best is None or total < best[1]:
                        best = (float(t), total)
                return best[0], float(best[1] / len(y_true))
        """
        },
        fails={"test-threshold-flag-nothing"},
    ),
    Variant(
        name="threshold-flag-nothing-loses-ties",
        why="'flag nothing' is the highest threshold of all: on an exact cost tie it must win",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in list(np.unique(scores)[::-1]) + [np.inf]:
                    flagged = scores >= t
                    total = cost_fp * np.sum(flagged & (y_true == 0)) + cost_fn * np.sum(~flagged & (y_true == 1))
                    if best is None or total < best[1] or (total == best[1] and t > best[0] and t != np.inf):
                        best = (float(t), total)
                return best[0], float(best[1] / len(y_true))
        """
        },
        fails={"test-threshold-flag-nothing"},
    ),
    Variant(
        name="threshold-lowest-on-tie",
        why="breaks exact cost ties towards the lowest threshold (more alerts for the same cost)",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in [np.inf] + list(np.unique(scores)[::-1]):
                    flagged = scores >= t
                    total = cost_fp * np.sum(flagged & (y_true == 0)) + cost_fn * np.sum(~flagged & (y_true == 1))
                    if best is None or total <= best[1]:
                        best = (float(t), total)
                return best[0], float(best[1] / len(y_true))
        """
        },
        fails={"test-threshold-ties", "test-threshold-flag-nothing"},
    ),
    Variant(
        name="threshold-strict-flagging",
        why="flags score > t instead of score >= t: the transactions exactly at the threshold are never flagged",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in [np.inf] + list(np.unique(scores)[::-1]):
                    flagged = scores > t
                    total = cost_fp * np.sum(flagged & (y_true == 0)) + cost_fn * np.sum(~flagged & (y_true == 1))
                    if best is None or total < best[1]:
                        best = (float(t), total)
                return best[0], float(best[1] / len(y_true))
        """
        },
        fails={"test-threshold", "test-threshold-ties", "test-threshold-flag-nothing", "test-threshold-report"},
    ),
    Variant(
        name="threshold-costs-swapped",
        why="charges cost_fn to false positives and cost_fp to false negatives",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in [np.inf] + list(np.unique(scores)[::-1]):
                    flagged = scores >= t
                    total = cost_fn * np.sum(flagged & (y_true == 0)) + cost_fp * np.sum(~flagged & (y_true == 1))
                    if best is None or total < best[1]:
                        best = (float(t), total)
                return best[0], float(best[1] / len(y_true))
        """
        },
        fails={"test-threshold", "test-threshold-ties", "test-threshold-flag-nothing", "test-threshold-report"},
    ),
    Variant(
        name="threshold-total-not-per-transaction",
        why="returns the total cost instead of the expected cost per transaction",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in [np.inf] + list(np.unique(scores)[::-1]):
                    flagged = scores >= t
                    total = cost_fp * np.sum(flagged & (y_true == 0)) + cost_fn * np.sum(~flagged & (y_true == 1))
                    if best is None or total < best[1]:
                        best = (float(t), float(total))
                return best
        """
        },
        fails={"test-threshold", "test-threshold-ties", "test-threshold-flag-nothing"},
    ),
    # ------------------------------------------------------------------------------------------ 3.2 Bayes
    Variant(
        name="report-bayes-threshold-inverted",
        why="t* = c_FN / (c_FP + c_FN) flags only near-certain frauds when misses are the expensive error",
        cells={
            "threshold-report": """
            def threshold_report(y_val, p_val, y_test, p_test, cost_fp, cost_fn):
                y_test, p_test = np.asarray(y_test), np.asarray(p_test, dtype=float)
                cost = lambda t: float((cost_fp * np.sum((p_test >= t) & (y_test == 0))
                                        + cost_fn * np.sum((p_test < t) & (y_test == 1))) / len(y_test))
                bayes = cost_fn / (cost_fp + cost_fn)
                empirical = choose_threshold(y_val, p_val, cost_fp, cost_fn)[0]
                return {"bayes_threshold": bayes, "empirical_threshold": empirical,
                        "bayes_test_cost": cost(bayes), "empirical_test_cost": cost(empirical)}
        """
        },
        fails={"test-threshold-report", "test-threshold-report-boundary"},
    ),
    Variant(
        name="report-bayes-threshold-cost-ratio",
        why="c_FP / c_FN is the odds of the threshold, not the probability: t* divides by c_FP + c_FN",
        cells={
            "threshold-report": """
            def threshold_report(y_val, p_val, y_test, p_test, cost_fp, cost_fn):
                y_test, p_test = np.asarray(y_test), np.asarray(p_test, dtype=float)
                cost = lambda t: float((cost_fp * np.sum((p_test >= t) & (y_test == 0))
                                        + cost_fn * np.sum((p_test < t) & (y_test == 1))) / len(y_test))
                bayes = cost_fp / cost_fn
                empirical = choose_threshold(y_val, p_val, cost_fp, cost_fn)[0]
                return {"bayes_threshold": bayes, "empirical_threshold": empirical,
                        "bayes_test_cost": cost(bayes), "empirical_test_cost": cost(empirical)}
        """
        },
        fails={"test-threshold-report", "test-threshold-report-boundary"},
    ),
    Variant(
        name="report-strict-flagging",
        why="a probability exactly at t* is flagged (flagging and not flagging cost the same there, and the rule is p >= t)",
        cells={
            "threshold-report": """
            def threshold_report(y_val, p_val, y_test, p_test, cost_fp, cost_fn):
                y_test, p_test = np.asarray(y_test), np.asarray(p_test, dtype=float)
                cost = lambda t: float((cost_fp * np.sum((p_test > t) & (y_test == 0))
                                        + cost_fn * np.sum((p_test <= t) & (y_test == 1))) / len(y_test))
                bayes = cost_fp / (cost_fp + cost_fn)
                empirical = choose_threshold(y_val, p_val, cost_fp, cost_fn)[0]
                return {"bayes_threshold": bayes, "empirical_threshold": empirical,
                        "bayes_test_cost": cost(bayes), "empirical_test_cost": cost(empirical)}
        """
        },
        fails={"test-threshold-report", "test-threshold-report-boundary"},
    ),
    Variant(
        name="report-empirical-threshold-chosen-on-test",
        why="the empirical threshold is chosen on the test set it is then judged on: its test cost is optimistic",
        cells={
            "threshold-report": """
            def threshold_report(y_val, p_val, y_test, p_test, cost_fp, cost_fn):
                y_test, p_test = np.asarray(y_test), np.asarray(p_test, dtype=float)
                cost = lambda t: float((cost_fp * np.sum((p_test >= t) & (y_test == 0))
                                        + cost_fn * np.sum((p_test < t) & (y_test == 1))) / len(y_test))
                bayes = cost_fp / (cost_fp + cost_fn)
                empirical = choose_threshold(y_test, p_test, cost_fp, cost_fn)[0]
                return {"bayes_threshold": bayes, "empirical_threshold": empirical,
                        "bayes_test_cost": cost(bayes), "empirical_test_cost": cost(empirical)}
        """
        },
        fails={"test-threshold-report"},
    ),
    Variant(
        name="report-total-test-cost",
        why="the test costs are totals, not expected costs per transaction",
        cells={
            "threshold-report": """
            def threshold_report(y_val, p_val, y_test, p_test, cost_fp, cost_fn):
                y_test, p_test = np.asarray(y_test), np.asarray(p_test, dtype=float)
                cost = lambda t: float(cost_fp * np.sum((p_test >= t) & (y_test == 0))
                                       + cost_fn * np.sum((p_test < t) & (y_test == 1)))
                bayes = cost_fp / (cost_fp + cost_fn)
                empirical = choose_threshold(y_val, p_val, cost_fp, cost_fn)[0]
                return {"bayes_threshold": bayes, "empirical_threshold": empirical,
                        "bayes_test_cost": cost(bayes), "empirical_test_cost": cost(empirical)}
        """
        },
        fails={"test-threshold-report", "test-threshold-report-boundary"},
    ),
]

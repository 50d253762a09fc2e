"""Plausible wrong answers to 04_system_design/3_fraud_detection; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

# average_precision() is built on pr_curve(), so a wrong curve also gives a wrong AP.
PR_TESTS = {"test-pr-curve-toy", "test-pr-curve-sklearn", "test-average-precision"}

VARIANTS = [
    # ------------------------------------------------------------------------------------------ 1.1 accuracy
    Variant(
        name="accuracy-trap-catches-frauds",
        why="99 % accuracy says nothing about recall of a 1 % class",
        cells={"accuracy-trap": 'ACCURACY_TRAP = "a"'},
        fails={"test-accuracy-trap"},
    ),
    Variant(
        name="accuracy-trap-overfitting",
        why="a high accuracy on imbalanced data is not a sign of overfitting",
        cells={"accuracy-trap": 'ACCURACY_TRAP = "c"'},
        fails={"test-accuracy-trap"},
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
        fails={"test-pr-plot-labels"},
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
        fails={"test-threshold", "test-threshold-ties"},
    ),
    Variant(
        name="threshold-lowest-on-tie",
        why="breaks exact cost ties towards the lowest threshold (more alerts for the same cost)",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in np.unique(scores)[::-1]:
                    flagged = scores >= t
                    total = cost_fp * np.sum(flagged & (y_true == 0)) + cost_fn * np.sum(~flagged & (y_true == 1))
                    if best is None or total <= best[1]:
                        best = (float(t), total)
                return best[0], float(best[1] / len(y_true))
        """
        },
        fails={"test-threshold-ties"},
    ),
    Variant(
        name="threshold-costs-swapped",
        why="charges cost_fn to false positives and cost_fp to false negatives",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in np.unique(scores)[::-1]:
                    flagged = scores >= t
                    total = cost_fn * np.sum(flagged & (y_true == 0)) + cost_fp * np.sum(~flagged & (y_true == 1))
                    if best is None or total < best[1]:
                        best = (float(t), total)
                return best[0], float(best[1] / len(y_true))
        """
        },
        fails={"test-threshold", "test-threshold-ties"},
    ),
    Variant(
        name="threshold-total-not-per-transaction",
        why="returns the total cost instead of the expected cost per transaction",
        cells={
            "choose-threshold": """
            def choose_threshold(y_true, scores, cost_fp, cost_fn):
                y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)
                best = None
                for t in np.unique(scores)[::-1]:
                    flagged = scores >= t
                    total = cost_fp * np.sum(flagged & (y_true == 0)) + cost_fn * np.sum(~flagged & (y_true == 1))
                    if best is None or total < best[1]:
                        best = (float(t), float(total))
                return best
        """
        },
        fails={"test-threshold", "test-threshold-ties"},
    ),
]

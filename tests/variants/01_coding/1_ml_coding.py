"""Plausible wrong answers to 01_coding/1_ml_coding; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    Variant(
        name="sigmoid-overflows",
        why="exp(z) / (1 + exp(z)) is inf / inf = nan for large z",
        cells={
            "sigmoid": """
            def sigmoid(z):
                z = np.asarray(z, dtype=float)
                return np.exp(z) / (1.0 + np.exp(z))
        """
        },
        fails={"test-sigmoid"},
    ),
    Variant(
        name="sigmoid-sign-error",
        why="1 / (1 + exp(z)) is sigma(-z): right at 0, wrong everywhere else, and breaks training",
        cells={
            "sigmoid": """
            def sigmoid(z):
                return 1.0 / (1.0 + np.exp(np.asarray(z, dtype=float)))
        """
        },
        fails={"test-sigmoid", "test-fit-logreg-shapes", "test-fit-logreg-sklearn", "test-predict-logreg",
               "test-fit-logreg-l2"},
    ),
    Variant(
        name="fit-gradient-not-averaged",
        why="the gradient of the summed loss is n times too large for the step size: training diverges",
        cells={
            "fit-logreg": """
            def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
                X = np.asarray(X, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(n_iterations):
                    error = sigmoid(X @ w + b) - y
                    w -= learning_rate * X.T @ error
                    b -= learning_rate * error.sum()
                return w, b
        """
        },
        fails={"test-fit-logreg-shapes", "test-fit-logreg-sklearn"},
    ),
    Variant(
        name="fit-without-intercept",
        why="the intercept is never updated, so the model is forced through the origin",
        cells={
            "fit-logreg": """
            def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
                X = np.asarray(X, dtype=float)
                w = np.zeros(X.shape[1])
                for _ in range(n_iterations):
                    w -= learning_rate * X.T @ (sigmoid(X @ w) - y) / len(y)
                return w, 0.0
        """
        },
        fails={"test-fit-logreg-shapes", "test-fit-logreg-sklearn"},
    ),
    Variant(
        name="fit-gradient-ascent",
        why="adding the gradient climbs the loss instead of descending it",
        cells={
            "fit-logreg": """
            def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
                X = np.asarray(X, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(n_iterations):
                    error = sigmoid(X @ w + b) - y
                    w += learning_rate * X.T @ error / len(y)
                    b += learning_rate * error.mean()
                return w, b
        """
        },
        fails={"test-fit-logreg-shapes", "test-fit-logreg-sklearn"},
    ),
    Variant(
        name="fit-calls-sklearn",
        why="scikit-learn inside a from-scratch exercise earns nothing",
        cells={
            "fit-logreg": """
            def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
                from sklearn.linear_model import LogisticRegression
                model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
                return model.coef_.ravel(), float(model.intercept_[0])
        """
        },
        fails={"test-fit-logreg-shapes", "test-fit-logreg-sklearn"},
    ),
    Variant(
        name="predict-strict-threshold",
        why="'>' instead of '>=' misclassifies points exactly on the threshold",
        cells={
            "predict-logreg": """
            def predict_proba(X, w, b):
                return sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)

            def predict(X, w, b, threshold=0.5):
                return (predict_proba(X, w, b) > threshold).astype(int)
        """
        },
        fails={"test-predict-logreg"},
    ),
    Variant(
        name="predict-ignores-threshold",
        why="the threshold argument is ignored (always 0.5)",
        cells={
            "predict-logreg": """
            def predict_proba(X, w, b):
                return sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)

            def predict(X, w, b, threshold=0.5):
                return (predict_proba(X, w, b) >= 0.5).astype(int)
        """
        },
        fails={"test-predict-logreg"},
    ),
    Variant(
        name="predict-proba-two-columns",
        why="returns scikit-learn's (n, 2) layout instead of P(y=1) of shape (n,)",
        cells={
            "predict-logreg": """
            def predict_proba(X, w, b):
                p = sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)
                return np.column_stack([1 - p, p])

            def predict(X, w, b, threshold=0.5):
                return (predict_proba(X, w, b)[:, 1] >= threshold).astype(int)
        """
        },
        fails={"test-predict-logreg"},
    ),
    Variant(
        name="predict-returns-booleans",
        why="the comparison gives booleans; the specification asks for integer labels 0 and 1",
        cells={
            "predict-logreg": """
            def predict_proba(X, w, b):
                return sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)

            def predict(X, w, b, threshold=0.5):
                return predict_proba(X, w, b) >= threshold
        """
        },
        fails={"test-predict-logreg"},
    ),
    Variant(
        name="fit-runs-to-convergence",
        why="the loop runs until the gradient vanishes instead of taking exactly n_iterations steps",
        cells={
            "fit-logreg": """
            def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(100_000):
                    error = sigmoid(X @ w + b) - y
                    grad_w, grad_b = X.T @ error / len(y), error.mean()
                    w -= learning_rate * grad_w
                    b -= learning_rate * grad_b
                    if max(np.abs(grad_w).max(), abs(grad_b)) < 1e-10:
                        break
                return w, float(b)
        """
        },
        fails={"test-fit-logreg-shapes"},
    ),
    Variant(
        name="fit-random-start",
        why="the weights start from small random values instead of w = 0, b = 0",
        cells={
            "fit-logreg": """
            def fit_logistic_regression(X, y, learning_rate=0.5, n_iterations=5000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w, b = np.random.default_rng(0).normal(scale=0.01, size=X.shape[1]), 0.0
                for _ in range(n_iterations):
                    error = sigmoid(X @ w + b) - y
                    w -= learning_rate * X.T @ error / len(y)
                    b -= learning_rate * error.mean()
                return w, float(b)
        """
        },
        fails={"test-fit-logreg-shapes"},
    ),
    Variant(
        name="l2-penalises-intercept",
        why="the penalty also shrinks the intercept; only the weights are penalised, so b can follow the base rate",
        cells={
            "fit-logreg-l2": """
            def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(n_iterations):
                    error = sigmoid(X @ w + b) - y
                    w -= learning_rate * (X.T @ error / len(y) + lam * w)
                    b -= learning_rate * (error.mean() + lam * b)
                return w, float(b)
        """
        },
        fails={"test-fit-logreg-l2"},
    ),
    Variant(
        name="l2-penalty-gradient-doubled",
        why="the gradient of lam/2 ||w||^2 is lam w; 2 lam w is the gradient of a penalty twice as strong",
        cells={
            "fit-logreg-l2": """
            def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(n_iterations):
                    error = sigmoid(X @ w + b) - y
                    w -= learning_rate * (X.T @ error / len(y) + 2 * lam * w)
                    b -= learning_rate * error.mean()
                return w, float(b)
        """
        },
        fails={"test-fit-logreg-l2"},
    ),
    Variant(
        name="l2-calls-scipy-optimize",
        why="a library optimiser inside the gradient-descent exercise earns nothing",
        cells={
            "fit-logreg-l2": """
            from scipy.optimize import minimize

            def fit_logistic_regression_l2(X, y, lam, learning_rate=0.5, n_iterations=5000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                d = X.shape[1]

                def objective(theta):
                    z = X @ theta[:d] + theta[d]
                    return np.mean(np.logaddexp(0, z) - y * z) + lam / 2 * theta[:d] @ theta[:d]

                theta = minimize(objective, np.zeros(d + 1), method="BFGS", options={"gtol": 1e-10}).x
                return theta[:d], float(theta[d])
        """
        },
        fails={"test-fit-logreg-l2"},
    ),
    Variant(
        name="sklearn-c-inverse-lambda",
        why="C = 1/lam holds for a summed loss; scikit-learn's C multiplies a sum, so for a mean loss C depends on n",
        cells={"sklearn-c": """
            def sklearn_C(lam, n_samples):
                return 1.0 / lam
        """},
        fails={"test-sklearn-c"},
    ),
    Variant(
        name="sklearn-c-n-over-lambda",
        why="rescaling scikit-learn's objective divides by n, it does not multiply by it",
        cells={"sklearn-c": """
            def sklearn_C(lam, n_samples):
                return n_samples / lam
        """},
        fails={"test-sklearn-c"},
    ),
    Variant(
        name="sklearn-c-halved",
        why="scikit-learn's penalty already carries the factor 1/2, as lam/2 ||w||^2 does: no extra 2 is needed",
        cells={"sklearn-c": """
            def sklearn_C(lam, n_samples):
                return 1.0 / (2 * n_samples * lam)
        """},
        fails={"test-sklearn-c"},
    ),
    Variant(
        name="gd-complexity-quadratic",
        why="O(nd^2) confuses a gradient step with forming X^T X",
        cells={"gd-complexity": 'GD_STEP_COMPLEXITY = "b"'},
        fails={"test-gd-complexity"},
    ),
    Variant(
        name="gd-complexity-linear",
        why="O(n) forgets that every sample touches all d features",
        cells={"gd-complexity": 'GD_STEP_COMPLEXITY = "a"'},
        fails={"test-gd-complexity"},
    ),
    Variant(
        name="knn-k-off-by-one",
        why="takes k + 1 neighbours",
        cells={
            "knn": """
            def knn_predict(X_train, y_train, X_test, k=5):
                X_train, X_test, y_train = np.asarray(X_train, float), np.asarray(X_test, float), np.asarray(y_train)
                d = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(-1)
                nearest = np.argsort(d, axis=1)[:, : k + 1]
                labels = np.unique(y_train)
                votes = (y_train[nearest][:, :, None] == labels).sum(1)
                return labels[votes.argmax(1)]
        """
        },
        fails={"test-knn-binary", "test-knn-multiclass-ties", "test-knn-far-from-origin"},
    ),
    Variant(
        name="knn-tie-to-nearest-seen",
        why="Counter.most_common breaks vote ties by the first label met, not the smallest label",
        cells={
            "knn": """
            from collections import Counter

            def knn_predict(X_train, y_train, X_test, k=5):
                X_train, X_test, y_train = np.asarray(X_train, float), np.asarray(X_test, float), np.asarray(y_train)
                out = []
                for x in X_test:
                    order = np.argsort(((X_train - x) ** 2).sum(1))[:k]
                    out.append(Counter(y_train[order].tolist()).most_common(1)[0][0])
                return np.array(out)
        """
        },
        fails={"test-knn-multiclass-ties", "test-knn-far-from-origin"},
    ),
    Variant(
        name="knn-manhattan",
        why="L1 distance instead of Euclidean",
        cells={
            "knn": """
            def knn_predict(X_train, y_train, X_test, k=5):
                X_train, X_test, y_train = np.asarray(X_train, float), np.asarray(X_test, float), np.asarray(y_train)
                d = np.abs(X_test[:, None, :] - X_train[None, :, :]).sum(-1)
                nearest = np.argsort(d, axis=1)[:, :k]
                labels = np.unique(y_train)
                votes = (y_train[nearest][:, :, None] == labels).sum(1)
                return labels[votes.argmax(1)]
        """
        },
        fails={"test-knn-binary", "test-knn-multiclass-ties", "test-knn-far-from-origin"},
    ),
    Variant(
        name="knn-calls-sklearn",
        why="KNeighborsClassifier inside a from-scratch exercise earns nothing",
        cells={
            "knn": """
            from sklearn.neighbors import KNeighborsClassifier

            def knn_predict(X_train, y_train, X_test, k=5):
                return KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).predict(X_test)
        """
        },
        fails={"test-knn-binary", "test-knn-multiclass-ties", "test-knn-far-from-origin"},
    ),
    Variant(
        name="knn-naive-distance-expansion",
        why="the expansion |a|^2 - 2ab + |b|^2 cancels catastrophically far from the origin: centre the data first",
        cells={
            "knn": """
            def knn_predict(X_train, y_train, X_test, k=5):
                X_train, X_test, y_train = np.asarray(X_train, float), np.asarray(X_test, float), np.asarray(y_train)
                d = (X_test**2).sum(1)[:, None] - 2.0 * X_test @ X_train.T + (X_train**2).sum(1)[None, :]
                nearest = np.argpartition(d, k - 1, axis=1)[:, :k]
                labels = np.unique(y_train)
                votes = (y_train[nearest][:, :, None] == labels).sum(1)
                return labels[votes.argmax(1)]
        """
        },
        fails={"test-knn-far-from-origin"},
    ),
    Variant(
        name="knn-complexity-log",
        why="O(m log n) is a tree index's query cost, not brute force",
        cells={"knn-complexity": 'KNN_COMPLEXITY = "a"'},
        fails={"test-knn-complexity"},
    ),
    Variant(
        name="knn-complexity-training-only",
        why="O(nd) is the cost of one query, not of m queries",
        cells={"knn-complexity": 'KNN_COMPLEXITY = "b"'},
        fails={"test-knn-complexity"},
    ),
    Variant(
        name="matmul-no-shape-check",
        why="zip silently truncates mismatched inner dimensions instead of raising",
        cells={
            "matmul": """
            def matmul(A, B):
                return [[float(sum(a * b for a, b in zip(row, col))) for col in zip(*B)] for row in A]
        """
        },
        fails={"test-matmul-errors"},
    ),
    Variant(
        name="matmul-rows-of-b",
        why="multiplies rows of A with rows of B (A @ B.T)",
        cells={
            "matmul": """
            def matmul(A, B):
                if not A or not B or len(A[0]) != len(B):
                    raise ValueError(f"cannot multiply {(len(A), len(A[0]) if A else 0)} by {(len(B), len(B[0]) if B else 0)}")
                if len({len(r) for r in A}) != 1 or len({len(r) for r in B}) != 1:
                    raise ValueError("ragged matrix")
                return [[float(sum(a * b for a, b in zip(row, other))) for other in B] for row in A]
        """
        },
        fails={"test-matmul-values"},
    ),
    Variant(
        name="matmul-numpy",
        why="numpy inside the pure-Python exercise earns nothing (and its error names no shapes)",
        cells={
            "matmul": """
            def matmul(A, B):
                return np.matmul(np.array(A, dtype=float), np.array(B, dtype=float)).tolist()
        """
        },
        fails={"test-matmul-values", "test-matmul-errors"},
    ),
    Variant(
        name="matmul-integer-entries",
        why="integer inputs give integer sums; the specification asks for floats in every case",
        cells={
            "matmul": """
            def matmul(A, B):
                for M in (A, B):
                    if not M or not M[0] or any(len(row) != len(M[0]) for row in M):
                        raise ValueError("empty or ragged matrix")
                if len(A[0]) != len(B):
                    raise ValueError(f"cannot multiply {(len(A), len(A[0]))} by {(len(B), len(B[0]))}")
                return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
        """
        },
        fails={"test-matmul-values"},
    ),
    Variant(
        name="matmul-complexity-strassen",
        why="Strassen's exponent is not the cost of the triple loop",
        cells={"matmul-complexity": 'MATMUL_COMPLEXITY = "d"'},
        fails={"test-matmul-complexity"},
    ),
    Variant(
        name="matmul-complexity-square",
        why="O(n^2) is the size of a square output, not the work to fill it",
        cells={"matmul-complexity": 'MATMUL_COMPLEXITY = "a"'},
        fails={"test-matmul-complexity"},
    ),
]

# Mutants no test can tell from the reference solution (course validate --mutants), with the reason.
_EARLY_STOP = ("the spec lets the loop stop early once the gradient is tiny or run all n_iterations steps; near the "
               "optimum the remaining steps move w and b by less than rounding, so the result is the same")
EQUIVALENT_MUTANTS = {
    "sigmoid@9700f46f": "`z >= 0` → `z > 0`: at z = 0 both branches give exactly 0.5",
    "sigmoid@f85ff35d": "`z >= 0` → `z >= 1`: for 0 <= z < 1 the form exp(z) / (1 + exp(z)) is as exact as "
                        "1 / (1 + exp(-z)) (no overflow, a few ulps apart, far inside rtol=1e-7)",
    "sigmoid@a9d70fb6": "`z >= 0` → `z >= -1`: for -1 <= z < 0 the form 1 / (1 + exp(-z)) cannot overflow "
                        "(exp(-z) <= e) and is as exact as the other, far inside rtol=1e-7",
    "fit-logreg@a9b6e073": "`y = np.asarray(y, dtype=float)` dropped: y is only used in `sigmoid(...) - y`, which "
                           "turns any array or list of 0/1 numbers into a float array by itself",
    "fit-logreg@70e1b003": "the early stop dropped: " + _EARLY_STOP,
    "fit-logreg@85980562": "the early stop's `break` dropped: " + _EARLY_STOP,
    "fit-logreg@88db92d7": "`< 1e-12` → `<= 1e-12` in the early stop: " + _EARLY_STOP,
    "fit-logreg-l2@e8114711": "`y = np.asarray(y, dtype=float)` dropped: y is only used in `sigmoid(...) - y`, "
                              "which turns any array or list of 0/1 numbers into a float array by itself",
    "fit-logreg-l2@e253a436": "the early stop dropped: " + _EARLY_STOP,
    "fit-logreg-l2@7ff9173b": "the early stop's `break` dropped: " + _EARLY_STOP,
    "fit-logreg-l2@a99080f7": "`< 1e-12` → `<= 1e-12` in the early stop: " + _EARLY_STOP,
    "knn@9979ac1e": "the clip of negative squared distances at 0 dropped: the clip only replaces rounding errors "
                    "below 0 and never reorders distinct distances; the spec's data has no distance ties, so the k "
                    "nearest are the same",
    "knn@71053cad": "`X_test = np.asarray(X_test, dtype=float)` dropped: X_test is first used in `X_test - centre`, "
                    "with centre a float array, which turns any array or list of numbers into a float array",
    "matmul@404ffd68": "`width = len(M[0])` → `len(M[-1])`: a matrix whose first and last rows differ in length is "
                       "ragged and rejected either way; otherwise the widths are equal",
    "matmul@fd9867cc": "`not M[0]` → `not M[-1]`: a matrix with an empty first row and a non-empty last row is "
                       "ragged and raises ValueError either way",
    "matmul@a1bc2fbf": "`zip(row, col)` → `zip(col, row)`: a * b becomes b * a, and float multiplication is "
                       "commutative exactly, summed in the same order",
}

"""Plausible wrong answers to 02_algorithms/4_svm_and_neural_networks; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

FIT_MLP_OK = """
            def fit_mlp(X, y, n_hidden=32, learning_rate=0.1, n_epochs=50, batch_size=32, seed=0):
                X, y = np.asarray(X, float), np.asarray(y, int)
                rng = np.random.default_rng(seed)
                n, d = X.shape
                k = int(y.max()) + 1
                a1, a2 = np.sqrt(6.0 / (d + n_hidden)), np.sqrt(6.0 / (n_hidden + k))
                params = {"W1": rng.uniform(-a1, a1, size=(d, n_hidden)), "b1": np.zeros(n_hidden)}
                params["W2"] = rng.uniform(-a2, a2, size=(n_hidden, k))
                params["b2"] = np.zeros(k)
                for _ in range(n_epochs):
                    order = rng.permutation(n)
                    for start in range(0, n, batch_size):
                        batch = order[start:start + batch_size]
                        _, grads = mlp_loss_and_gradients(params, X[batch], y[batch])
                        for key in params:
                            params[key] = params[key] - learning_rate * grads[key]
                return params
"""

VARIANTS = [
    # ------------------------------------------------------------------------------------ svm_objective
    Variant(
        name="svm-objective-mean-hinge",
        why="averages the hinge terms (scikit-learn's hinge_loss metric) instead of summing them",
        cells={
            "svm-objective": """
            def svm_objective(w, b, X, y, C=1.0):
                w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
                return float(0.5 * w @ w + C * np.maximum(0.0, 1.0 - y * (X @ w + b)).mean())
        """
        },
        fails={"test-svm-objective"},
    ),
    Variant(
        name="svm-objective-no-half",
        why="penalises ||w||^2 instead of 0.5 * ||w||^2",
        cells={
            "svm-objective": """
            def svm_objective(w, b, X, y, C=1.0):
                w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
                return float(w @ w + C * np.maximum(0.0, 1.0 - y * (X @ w + b)).sum())
        """
        },
        fails={"test-svm-objective"},
    ),
    Variant(
        name="svm-objective-penalises-intercept",
        why="adds b^2 to the penalty; SVC does not regularise the intercept",
        cells={
            "svm-objective": """
            def svm_objective(w, b, X, y, C=1.0):
                w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
                return float(0.5 * (w @ w + b * b) + C * np.maximum(0.0, 1.0 - y * (X @ w + b)).sum())
        """
        },
        fails={"test-svm-objective"},
    ),
    Variant(
        name="svm-objective-perceptron-loss",
        why="max(0, -margin) is the perceptron loss: it forgets the 1 that creates the margin",
        cells={
            "svm-objective": """
            def svm_objective(w, b, X, y, C=1.0):
                w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
                return float(0.5 * w @ w + C * np.maximum(0.0, -y * (X @ w + b)).sum())
        """
        },
        fails={"test-svm-objective"},
    ),
    # ------------------------------------------------------------------------------------ fit_linear_svm
    Variant(
        name="fit-svm-no-intercept",
        why="never updates b, so the hyperplane is forced through the origin",
        cells={
            "fit-svm": """
            def fit_linear_svm(X, y, C=1.0, n_iterations=2000, learning_rate=10.0):
                X, y = np.asarray(X, float), np.asarray(y, float)
                n, d = X.shape
                w = np.zeros(d)
                best = (np.inf, w)
                for t in range(1, n_iterations + 1):
                    m = y * (X @ w)
                    value = 0.5 * w @ w + C * np.maximum(0, 1 - m).sum()
                    if value < best[0]:
                        best = (value, w.copy())
                    active = np.where(m < 1, y, 0.0)
                    w = w - learning_rate / np.sqrt(t) * (w / (n * C) - active @ X / n)
                return best[1], 0.0
        """
        },
        fails={"test-fit-svm-sklearn"},
    ),
    Variant(
        name="fit-svm-perceptron-condition",
        why="only misclassified points (margin < 0) contribute, instead of every point inside the margin (< 1)",
        cells={
            "fit-svm": """
            def fit_linear_svm(X, y, C=1.0, n_iterations=2000, learning_rate=10.0):
                X, y = np.asarray(X, float), np.asarray(y, float)
                n, d = X.shape
                centre = X.mean(axis=0)
                Xc = X - centre
                w, b = np.zeros(d), 0.0
                for t in range(1, n_iterations + 1):
                    m = y * (Xc @ w + b)
                    active = np.where(m < 0, y, 0.0)
                    step = learning_rate / np.sqrt(t)
                    w = w - step * (w / (n * C) - active @ Xc / n)
                    b = b + step * active.sum() / n
                return w, float(b - centre @ w)
        """
        },
        fails={"test-fit-svm-shapes", "test-fit-svm-sklearn"},
    ),
    Variant(
        name="fit-svm-no-regulariser",
        why="drops the w term of the sub-gradient, so ||w|| keeps growing and the margin collapses",
        cells={
            "fit-svm": """
            def fit_linear_svm(X, y, C=1.0, n_iterations=2000, learning_rate=10.0):
                X, y = np.asarray(X, float), np.asarray(y, float)
                n, d = X.shape
                centre = X.mean(axis=0)
                Xc = X - centre
                w, b = np.zeros(d), 0.0
                for t in range(1, n_iterations + 1):
                    m = y * (Xc @ w + b)
                    active = np.where(m < 1, y, 0.0)
                    step = learning_rate / np.sqrt(t)
                    w = w + step * active @ Xc / n
                    b = b + step * active.sum() / n
                return w, float(b - centre @ w)
        """
        },
        fails={"test-fit-svm-shapes", "test-fit-svm-sklearn"},
    ),
    Variant(
        name="fit-svm-centred-intercept-kept",
        why="fits on centred features but returns the centred intercept b_c, not b = b_c - mean @ w",
        cells={
            "fit-svm": """
            def fit_linear_svm(X, y, C=1.0, n_iterations=2000, learning_rate=10.0):
                X, y = np.asarray(X, float), np.asarray(y, float)
                n, d = X.shape
                Xc = X - X.mean(axis=0)
                w, b = np.zeros(d), 0.0
                best = (np.inf, w, b)
                for t in range(1, n_iterations + 1):
                    m = y * (Xc @ w + b)
                    value = 0.5 * w @ w + C * np.maximum(0, 1 - m).sum()
                    if value < best[0]:
                        best = (value, w.copy(), b)
                    active = np.where(m < 1, y, 0.0)
                    step = learning_rate / np.sqrt(t)
                    w = w - step * (w / (n * C) - active @ Xc / n)
                    b = b + step * active.sum() / n
                return best[1], float(best[2])
        """
        },
        fails={"test-fit-svm-sklearn"},
    ),
    Variant(
        name="fit-svm-calls-sklearn",
        why="SVC inside a from-scratch exercise earns nothing",
        cells={
            "fit-svm": """
            from sklearn.svm import SVC

            def fit_linear_svm(X, y, C=1.0, n_iterations=2000, learning_rate=10.0):
                model = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
                return model.coef_.ravel(), float(model.intercept_[0])
        """
        },
        fails={"test-fit-svm-sklearn"},
    ),
    # ------------------------------------------------------------------------------------ rbf_kernel_matrix
    Variant(
        name="rbf-distance-not-squared",
        why="exp(-gamma * ||x - z||) uses the distance, not its square (a Laplacian-like kernel)",
        cells={
            "rbf-kernel": """
            def rbf_kernel_matrix(X, Y, gamma):
                X, Y = np.asarray(X, float), np.asarray(Y, float)
                dist = np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(-1))
                return np.exp(-gamma * dist)
        """
        },
        fails={"test-rbf-kernel", "test-kernel-decision"},
    ),
    Variant(
        name="rbf-half-gamma",
        why="exp(-gamma * d^2 / 2) mixes scikit-learn's gamma with the 1 / (2 sigma^2) convention",
        cells={
            "rbf-kernel": """
            def rbf_kernel_matrix(X, Y, gamma):
                X, Y = np.asarray(X, float), np.asarray(Y, float)
                sq = ((X[:, None, :] - Y[None, :, :]) ** 2).sum(-1)
                return np.exp(-gamma * sq / 2)
        """
        },
        fails={"test-rbf-kernel", "test-kernel-decision"},
    ),
    Variant(
        name="rbf-transposed",
        why="returns K(Y, X), shape (m, n) instead of (n, m)",
        cells={
            "rbf-kernel": """
            def rbf_kernel_matrix(X, Y, gamma):
                X, Y = np.asarray(X, float), np.asarray(Y, float)
                sq = ((Y[:, None, :] - X[None, :, :]) ** 2).sum(-1)
                return np.exp(-gamma * sq)
        """
        },
        fails={"test-rbf-kernel", "test-kernel-decision"},
    ),
    Variant(
        name="rbf-calls-sklearn",
        why="sklearn's rbf_kernel inside a from-scratch exercise earns nothing (and taints the decision function)",
        cells={
            "rbf-kernel": """
            from sklearn.metrics.pairwise import rbf_kernel

            def rbf_kernel_matrix(X, Y, gamma):
                return rbf_kernel(X, Y, gamma=gamma)
        """
        },
        fails={"test-rbf-kernel", "test-kernel-decision"},
    ),
    # ------------------------------------------------------------------------------------ kernel_svm_decision
    Variant(
        name="decision-no-intercept",
        why="forgets + b",
        cells={
            "kernel-decision": """
            def kernel_svm_decision(X, support_vectors, dual_coef, intercept, gamma):
                return rbf_kernel_matrix(X, support_vectors, gamma) @ np.ravel(dual_coef)
        """
        },
        fails={"test-kernel-decision"},
    ),
    Variant(
        name="decision-drops-label-signs",
        why="uses |dual_coef| (the alphas) and loses the labels y_j that the dual coefficients carry",
        cells={
            "kernel-decision": """
            def kernel_svm_decision(X, support_vectors, dual_coef, intercept, gamma):
                return rbf_kernel_matrix(X, support_vectors, gamma) @ np.abs(np.ravel(dual_coef)) + intercept
        """
        },
        fails={"test-kernel-decision"},
    ),
    Variant(
        name="decision-calls-sklearn",
        why="sklearn's rbf_kernel inside a from-scratch exercise earns nothing",
        cells={
            "kernel-decision": """
            from sklearn.metrics.pairwise import rbf_kernel

            def kernel_svm_decision(X, support_vectors, dual_coef, intercept, gamma):
                return rbf_kernel(X, support_vectors, gamma=gamma) @ np.ravel(dual_coef) + intercept
        """
        },
        fails={"test-kernel-decision"},
    ),
    # ------------------------------------------------------------------------------------ SVM multiple choice
    Variant(
        name="svm-diagnosis-gaussian-features",
        why="the RBF kernel makes no assumption about feature distributions",
        cells={"svm-diagnosis": 'SVM_DIAGNOSIS = "b"'},
        fails={"test-svm-diagnosis"},
    ),
    Variant(
        name="svm-diagnosis-huge-c",
        why="C does not cause a feature-scale problem, and C=1e6 overfits",
        cells={"svm-diagnosis": 'SVM_DIAGNOSIS = "d"'},
        fails={"test-svm-diagnosis"},
    ),
    Variant(
        name="forward-no-relu",
        why="forgets the activation: the network collapses to a linear model",
        cells={
            "mlp-forward": """
            def mlp_forward(params, X):
                X = np.asarray(X, dtype=float)
                return softmax((X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"])

            def mlp_predict(params, X):
                return np.argmax(mlp_forward(params, X), axis=1)
        """
        },
        fails={"test-mlp-forward"},
    ),
    Variant(
        name="forward-relu-on-logits",
        why="applies ReLU to the output logits too, clipping negative logits to 0 before the softmax",
        cells={
            "mlp-forward": """
            def mlp_forward(params, X):
                X = np.asarray(X, dtype=float)
                hidden = np.maximum(X @ params["W1"] + params["b1"], 0.0)
                return softmax(np.maximum(hidden @ params["W2"] + params["b2"], 0.0))

            def mlp_predict(params, X):
                return np.argmax(mlp_forward(params, X), axis=1)
        """
        },
        fails={"test-mlp-forward"},
    ),
    Variant(
        name="predict-wrong-axis",
        why="argmax over the samples (axis 0) instead of over the classes",
        cells={
            "mlp-forward": """
            def mlp_forward(params, X):
                X = np.asarray(X, dtype=float)
                hidden = np.maximum(X @ params["W1"] + params["b1"], 0.0)
                return softmax(hidden @ params["W2"] + params["b2"])

            def mlp_predict(params, X):
                return np.argmax(mlp_forward(params, X), axis=0)
        """
        },
        fails={"test-mlp-forward"},
    ),
    # ------------------------------------------------------------------------------------ numerical_gradient
    Variant(
        name="numgrad-forward-difference",
        why="one-sided difference (f(x + eps) - f(x)) / eps: only O(eps) accurate",
        cells={
            "numerical-gradient": """
            def numerical_gradient(f, x, eps=1e-5):
                point = np.array(x, dtype=float)
                grad = np.zeros_like(point)
                base = f(point)
                for index in np.ndindex(point.shape):
                    point[index] += eps
                    grad[index] = (f(point) - base) / eps
                    point[index] -= eps
                return grad
        """
        },
        fails={"test-numerical-gradient"},
    ),
    Variant(
        name="numgrad-divides-by-eps",
        why="central difference divided by eps instead of 2 * eps: twice the gradient",
        cells={
            "numerical-gradient": """
            def numerical_gradient(f, x, eps=1e-5):
                point = np.array(x, dtype=float)
                grad = np.zeros_like(point)
                for index in np.ndindex(point.shape):
                    original = point[index]
                    point[index] = original + eps
                    f_plus = f(point)
                    point[index] = original - eps
                    f_minus = f(point)
                    point[index] = original
                    grad[index] = (f_plus - f_minus) / eps
                return grad
        """
        },
        fails={"test-numerical-gradient"},
    ),
    Variant(
        name="numgrad-not-restored",
        why="perturbs the caller's x in place and never restores it: x changes and later entries are shifted",
        cells={
            "numerical-gradient": """
            def numerical_gradient(f, x, eps=1e-5):
                grad = np.zeros_like(x, dtype=float)
                for index in np.ndindex(x.shape):
                    x[index] += eps
                    f_plus = f(x)
                    x[index] -= 2 * eps
                    f_minus = f(x)
                    grad[index] = (f_plus - f_minus) / (2 * eps)
                return grad
        """
        },
        fails={"test-numerical-gradient"},
    ),
    Variant(
        name="numgrad-first-axis-only",
        why="loops over range(len(x)): for a matrix it perturbs whole rows at once",
        cells={
            "numerical-gradient": """
            def numerical_gradient(f, x, eps=1e-5):
                point = np.array(x, dtype=float)
                grad = np.zeros_like(point)
                for i in range(len(point)):
                    original = point[i].copy()
                    point[i] = original + eps
                    f_plus = f(point)
                    point[i] = original - eps
                    f_minus = f(point)
                    point[i] = original
                    grad[i] = (f_plus - f_minus) / (2 * eps)
                return grad
        """
        },
        fails={"test-numerical-gradient"},
    ),
    Variant(
        name="numgrad-calls-scipy",
        why="scipy.optimize.approx_fprime is a forward difference, for 1-d x only, and not from scratch",
        cells={
            "numerical-gradient": """
            from scipy.optimize import approx_fprime

            def numerical_gradient(f, x, eps=1e-5):
                return approx_fprime(np.asarray(x, dtype=float), f, eps)
        """
        },
        fails={"test-numerical-gradient"},
    ),
    # ------------------------------------------------------------------------------------ backpropagation
    Variant(
        name="grads-no-relu-mask",
        why="back-propagates through the ReLU as if it were the identity (missing the Z1 > 0 mask)",
        cells={
            "mlp-gradients": """
            def mlp_loss_and_gradients(params, X, y):
                X, y = np.asarray(X, float), np.asarray(y, int)
                n = len(X)
                Z1 = X @ params["W1"] + params["b1"]
                H = np.maximum(Z1, 0.0)
                Z2 = H @ params["W2"] + params["b2"]
                Z2 = Z2 - Z2.max(axis=1, keepdims=True)
                P = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
                loss = -np.log(P[np.arange(n), y]).mean()
                D = P.copy()
                D[np.arange(n), y] -= 1
                D /= n
                dZ1 = D @ params["W2"].T
                return float(loss), {"W1": X.T @ dZ1, "b1": dZ1.sum(0), "W2": H.T @ D, "b2": D.sum(0)}
        """
        },
        fails={"test-fit-mlp-basic", "test-full-batch", "test-mlp-gradients"},
    ),
    Variant(
        name="grads-not-averaged",
        why="gradients of the summed loss: n times too large (the loss itself is still the mean)",
        cells={
            "mlp-gradients": """
            def mlp_loss_and_gradients(params, X, y):
                X, y = np.asarray(X, float), np.asarray(y, int)
                n = len(X)
                Z1 = X @ params["W1"] + params["b1"]
                H = np.maximum(Z1, 0.0)
                Z2 = H @ params["W2"] + params["b2"]
                Z2 = Z2 - Z2.max(axis=1, keepdims=True)
                P = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
                loss = -np.log(P[np.arange(n), y]).mean()
                D = P.copy()
                D[np.arange(n), y] -= 1
                dZ1 = (D @ params["W2"].T) * (Z1 > 0)
                return float(loss), {"W1": X.T @ dZ1, "b1": dZ1.sum(0), "W2": H.T @ D, "b2": D.sum(0)}
        """
        },
        fails={"test-fit-mlp-basic", "test-fit-mlp-sklearn", "test-full-batch", "test-mlp-gradients"},
    ),
    Variant(
        name="grads-bias-wrong-axis",
        why="sums the bias gradients over the units (axis 1) instead of over the samples",
        cells={
            "mlp-gradients": """
            def mlp_loss_and_gradients(params, X, y):
                X, y = np.asarray(X, float), np.asarray(y, int)
                n = len(X)
                Z1 = X @ params["W1"] + params["b1"]
                H = np.maximum(Z1, 0.0)
                Z2 = H @ params["W2"] + params["b2"]
                Z2 = Z2 - Z2.max(axis=1, keepdims=True)
                P = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
                loss = -np.log(P[np.arange(n), y]).mean()
                D = P.copy()
                D[np.arange(n), y] -= 1
                D /= n
                dZ1 = (D @ params["W2"].T) * (Z1 > 0)
                return float(loss), {"W1": X.T @ dZ1, "b1": dZ1.sum(1), "W2": H.T @ D, "b2": D.sum(1)}
        """
        },
        fails={"test-mlp-gradients", "test-fit-mlp-basic", "test-fit-mlp-sklearn", "test-full-batch",
                       "test-full-batch-symmetry"},
    ),
    Variant(
        name="grads-sign-flipped",
        why="uses Y - P instead of P - Y at the output: every gradient points uphill",
        cells={
            "mlp-gradients": """
            def mlp_loss_and_gradients(params, X, y):
                X, y = np.asarray(X, float), np.asarray(y, int)
                n = len(X)
                Z1 = X @ params["W1"] + params["b1"]
                H = np.maximum(Z1, 0.0)
                Z2 = H @ params["W2"] + params["b2"]
                Z2 = Z2 - Z2.max(axis=1, keepdims=True)
                P = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
                loss = -np.log(P[np.arange(n), y]).mean()
                D = -P
                D[np.arange(n), y] += 1
                D /= n
                dZ1 = (D @ params["W2"].T) * (Z1 > 0)
                return float(loss), {"W1": X.T @ dZ1, "b1": dZ1.sum(0), "W2": H.T @ D, "b2": D.sum(0)}
        """
        },
        fails={"test-mlp-gradients", "test-fit-mlp-basic", "test-fit-mlp-sklearn", "test-full-batch"},
    ),
    Variant(
        name="loss-summed",
        why="returns the summed cross-entropy instead of the mean (the gradients are right)",
        cells={
            "mlp-gradients": """
            def mlp_loss_and_gradients(params, X, y):
                X, y = np.asarray(X, float), np.asarray(y, int)
                n = len(X)
                Z1 = X @ params["W1"] + params["b1"]
                H = np.maximum(Z1, 0.0)
                Z2 = H @ params["W2"] + params["b2"]
                Z2 = Z2 - Z2.max(axis=1, keepdims=True)
                P = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
                loss = -np.log(P[np.arange(n), y]).sum()
                D = P.copy()
                D[np.arange(n), y] -= 1
                D /= n
                dZ1 = (D @ params["W2"].T) * (Z1 > 0)
                return float(loss), {"W1": X.T @ dZ1, "b1": dZ1.sum(0), "W2": H.T @ D, "b2": D.sum(0)}
        """
        },
        fails={"test-mlp-loss", "test-mlp-gradients"},
    ),
    # ------------------------------------------------------------------------------------ fit_mlp
    Variant(
        name="fit-mlp-zero-init",
        why="all weights start at 0: ReLU outputs and W1 gradients are 0, only b2 ever learns",
        cells={
            "fit-mlp": """
            def fit_mlp(X, y, n_hidden=32, learning_rate=0.1, n_epochs=50, batch_size=32, seed=0):
                X, y = np.asarray(X, float), np.asarray(y, int)
                rng = np.random.default_rng(seed)
                n, d = X.shape
                k = int(y.max()) + 1
                params = {"W1": np.zeros((d, n_hidden)), "b1": np.zeros(n_hidden),
                          "W2": np.zeros((n_hidden, k)), "b2": np.zeros(k)}
                for _ in range(n_epochs):
                    order = rng.permutation(n)
                    for start in range(0, n, batch_size):
                        batch = order[start:start + batch_size]
                        _, grads = mlp_loss_and_gradients(params, X[batch], y[batch])
                        for key in params:
                            params[key] = params[key] - learning_rate * grads[key]
                return params
        """
        },
        fails={"test-fit-mlp-basic", "test-fit-mlp-sklearn"},
    ),
    Variant(
        name="fit-mlp-shuffle-once",
        why="shuffles the rows once before training instead of drawing a new order every epoch: every epoch then "
        "sees the same mini-batches in the same order",
        cells={"fit-mlp": FIT_MLP_OK.replace("""                for _ in range(n_epochs):
                    order = rng.permutation(n)""", """                order = rng.permutation(n)
                for _ in range(n_epochs):""")},
        fails={"test-fit-mlp-basic"},
    ),
    Variant(
        name="fit-mlp-drops-last-batch",
        why="skips the last, smaller mini-batch (range(0, n - batch_size + 1, batch_size)): those rows are never "
        "used in that epoch",
        cells={"fit-mlp": FIT_MLP_OK.replace("for start in range(0, n, batch_size):",
                                             "for start in range(0, n - batch_size + 1, batch_size):")},
        fails={"test-fit-mlp-basic"},
    ),
    Variant(
        name="fit-mlp-gradient-ascent",
        why="adds the gradient: climbs the loss",
        cells={
            "fit-mlp": """
            def fit_mlp(X, y, n_hidden=32, learning_rate=0.1, n_epochs=50, batch_size=32, seed=0):
                X, y = np.asarray(X, float), np.asarray(y, int)
                rng = np.random.default_rng(seed)
                n, d = X.shape
                k = int(y.max()) + 1
                params = {"W1": rng.normal(0, np.sqrt(2 / d), (d, n_hidden)), "b1": np.zeros(n_hidden),
                          "W2": rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, k)), "b2": np.zeros(k)}
                for _ in range(n_epochs):
                    order = rng.permutation(n)
                    for start in range(0, n, batch_size):
                        batch = order[start:start + batch_size]
                        _, grads = mlp_loss_and_gradients(params, X[batch], y[batch])
                        for key in params:
                            params[key] = params[key] + learning_rate * grads[key]
                return params
        """
        },
        fails={"test-fit-mlp-basic", "test-fit-mlp-sklearn"},
    ),
    Variant(
        name="fit-mlp-classes-off-by-one",
        why="k = max(y) instead of max(y) + 1: the output layer has one class too few",
        cells={
            "fit-mlp": """
            def fit_mlp(X, y, n_hidden=32, learning_rate=0.1, n_epochs=50, batch_size=32, seed=0):
                X, y = np.asarray(X, float), np.asarray(y, int)
                rng = np.random.default_rng(seed)
                n, d = X.shape
                k = int(y.max())
                a1, a2 = np.sqrt(6 / (d + n_hidden)), np.sqrt(6 / (n_hidden + k))
                params = {"W1": rng.uniform(-a1, a1, (d, n_hidden)), "b1": np.zeros(n_hidden),
                          "W2": rng.uniform(-a2, a2, (n_hidden, k)), "b2": np.zeros(k)}
                for _ in range(n_epochs):
                    order = rng.permutation(n)
                    for start in range(0, n, batch_size):
                        batch = order[start:start + batch_size]
                        _, grads = mlp_loss_and_gradients(params, X[batch], y[batch])
                        for key in params:
                            params[key] = params[key] - learning_rate * grads[key]
                return params
        """
        },
        fails={"test-fit-mlp-basic", "test-fit-mlp-sklearn"},
    ),
    Variant(
        name="fit-mlp-calls-sklearn",
        why="MLPClassifier inside a from-scratch exercise earns nothing",
        cells={
            "fit-mlp": """
            from sklearn.neural_network import MLPClassifier

            def fit_mlp(X, y, n_hidden=32, learning_rate=0.1, n_epochs=50, batch_size=32, seed=0):
                model = MLPClassifier(hidden_layer_sizes=(n_hidden,), solver="sgd", learning_rate_init=learning_rate,
                                      momentum=0.0, batch_size=batch_size, max_iter=n_epochs, alpha=0.0,
                                      random_state=seed).fit(X, y)
                return {"W1": model.coefs_[0], "b1": model.intercepts_[0],
                        "W2": model.coefs_[1], "b2": model.intercepts_[1]}
        """
        },
        fails={"test-fit-mlp-basic", "test-fit-mlp-sklearn"},
    ),
    # ------------------------------------------------------------------------------------ NN multiple choice
    Variant(
        name="full-batch-in-place",
        why="updates the caller's arrays in place (p -= ...): the function returns the right weights but also "
        "trains the initial weights the caller still holds, so a second run starts from trained weights",
        cells={
            "full-batch": """
            def train_full_batch(params, X, y, learning_rate=0.5, n_steps=100):
                for _ in range(n_steps):
                    _, grads = mlp_loss_and_gradients(params, X, y)
                    for key in params:
                        params[key] -= learning_rate * grads[key]
                return dict(params)
        """
        },
        fails={"test-full-batch-symmetry", "test-full-batch"},
    ),
    Variant(
        name="full-batch-mini-batches",
        why="updates on mini-batches of 16 rows instead of the whole data set at every step",
        cells={
            "full-batch": """
            def train_full_batch(params, X, y, learning_rate=0.5, n_steps=100):
                trained = {key: np.array(value, dtype=float) for key, value in params.items()}
                for step in range(n_steps):
                    rows = slice((16 * step) % len(y), (16 * step) % len(y) + 16)
                    _, grads = mlp_loss_and_gradients(trained, X[rows], y[rows])
                    trained = {key: trained[key] - learning_rate * grads[key] for key in trained}
                return trained
        """
        },
        fails={"test-full-batch"},
    ),
    Variant(
        name="full-batch-one-step-short",
        why="stops one step early (range(n_steps - 1)), and so returns the starting point for n_steps=1",
        cells={
            "full-batch": """
            def train_full_batch(params, X, y, learning_rate=0.5, n_steps=100):
                trained = {key: np.array(value, dtype=float) for key, value in params.items()}
                for _ in range(n_steps - 1):
                    _, grads = mlp_loss_and_gradients(trained, X, y)
                    trained = {key: trained[key] - learning_rate * grads[key] for key in trained}
                return trained
        """
        },
        fails={"test-full-batch"},
    ),
    Variant(
        name="full-batch-breaks-symmetry",
        why="adds a little noise to the starting weights to break the symmetry: a good idea for training, but "
        "not the algorithm asked for, which must start exactly from the given parameters",
        cells={
            "full-batch": """
            def train_full_batch(params, X, y, learning_rate=0.5, n_steps=100):
                rng = np.random.default_rng(0)
                trained = {key: np.array(value, dtype=float) + 1e-3 * rng.normal(size=np.shape(value))
                           for key, value in params.items()}
                for _ in range(n_steps):
                    _, grads = mlp_loss_and_gradients(trained, X, y)
                    trained = {key: trained[key] - learning_rate * grads[key] for key in trained}
                return trained
        """
        },
        fails={"test-full-batch", "test-full-batch-symmetry"},
    ),
]

# Mutants of the reference solutions that no input allowed by the specification can tell from them (course validate
# --mutants), with the reason; every other mutant loses a point in its exercise or is a listed survivor.
_ANY_METHOD = ("the specification fixes the bar (objective within 1 %, margin within 5 %, 98 % of decisions), "
               "not the method: ")
EQUIVALENT_MUTANTS = {
    "svm-objective@dfee6edd": "with w already an array, X is only used in X @ w, where numpy converts a list",
    "svm-objective@23e9c2cf": "y is only used in y * (X @ w + b), where numpy converts a list or an array alike",
    "fit-svm@1e8a4e11": "y is only used in products and np.where with arrays, where numpy converts a list",
    "fit-svm@03763cb1": _ANY_METHOD + "one more sub-gradient step after the last evaluation changes no returned "
                        "iterate (the best one is returned)",
    "fit-svm@9b714952": _ANY_METHOD + "the step after the last evaluation is never evaluated or returned",
    "fit-svm@9a010f7d": _ANY_METHOD + "starting from b = 1 instead of 0 still meets it",
    "fit-svm@1917647a": _ANY_METHOD + "steps η/√t from t = 2 still meet it",
    "fit-svm@12d67d30": _ANY_METHOD + "three fewer iterations of 2000 still meet it",
    "fit-svm@16e1d68b": _ANY_METHOD + "keeping the later of two equally good iterates still meets it",
    "fit-svm@8bd9c423": _ANY_METHOD + "one iteration fewer still meets it",
    "fit-svm@c3e73b48": _ANY_METHOD + "one more iteration still meets it",
    "fit-svm@b587394a": _ANY_METHOD + "not evaluating the last iterate still meets it",
    "fit-svm@8c245fa4": _ANY_METHOD + "counting margins of exactly 1 as active is another valid sub-gradient",
    "fit-svm@60eab100": _ANY_METHOD + "ranking the iterates by ‖w‖² + C·hinge instead of ½‖w‖² + C·hinge still "
                        "meets it",
    "softmax-reuse@cf97d8d4": "softmax is only called by mlp_forward, with the numpy array of logits",
}

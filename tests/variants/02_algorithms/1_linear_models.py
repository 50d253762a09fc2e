"""Plausible wrong answers to 02_algorithms/1_linear_models; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

# A compact, correct Newton solver for the multinomial model; variants below change one line of it.
_SOFTMAX_NEWTON = """
def fit_softmax_regression(X, y, C=1.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, d = X.shape
    classes = np.unique(y)
    K = len(classes)
    Y = {onehot}
    A = np.column_stack([X, np.ones(n)])
    R = np.tile(np.r_[np.ones(d), {intercept_penalty}], (K, 1))
    theta = np.zeros((K, d + 1))
    for _ in range(60):
        P = softmax(A @ theta.T)
        g = ({c_loss} * (P - Y).T @ A + R * theta).ravel()
        H = -np.einsum("ik,il,ij,im->kjlm", P, P, A, A)
        H[np.arange(K), :, np.arange(K), :] += np.einsum("ik,ij,im->kjm", P, A, A)
        H = {c_loss} * H.reshape(K * (d + 1), K * (d + 1)) + np.diag(R.ravel())
        step = np.linalg.lstsq(H, g, rcond=None)[0].reshape(K, d + 1)
        theta = theta - step
        if np.abs(step).max() < 1e-12:
            break
    return theta[:, :d], theta[:, d]
"""


def _softmax_newton(onehot="(y[:, None] == classes[None, :]).astype(float)", intercept_penalty="0.0", c_loss="C"):
    return _SOFTMAX_NEWTON.format(onehot=onehot, intercept_penalty=intercept_penalty, c_loss=c_loss)


# The same for the binary model.
_LOGISTIC_NEWTON = """
def fit_logistic_l2(X, y, C=1.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    R = np.r_[{weight_penalty} * np.ones(d), {intercept_penalty}]
    theta = np.zeros(d + 1)
    for _ in range(60):
        p = expit(A @ theta)
        g = {c_loss} * A.T @ (p - y) + R * theta
        H = {c_loss} * (A.T * (p * (1 - p))) @ A + np.diag(R)
        step = np.linalg.solve(H, g)
        theta = theta - step
        if np.abs(step).max() < 1e-12:
            break
    return theta[:d], float(theta[d])
"""


def _logistic_newton(weight_penalty="1.0", intercept_penalty="0.0", c_loss="C"):
    return _LOGISTIC_NEWTON.format(weight_penalty=weight_penalty, intercept_penalty=intercept_penalty, c_loss=c_loss)


VARIANTS = [
    # ------------------------------------------------------------------------------ 1.1 normal equation
    Variant(
        name="normal-no-intercept",
        why="solves XᵀX w = Xᵀy on the raw X and returns b = 0: the fit is forced through the origin",
        cells={
            "fit-normal": """
            def fit_normal_equation(X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                return np.linalg.solve(X.T @ X, X.T @ y), 0.0
        """
        },
        fails={"test-normal-basics", "test-normal-sklearn"},
    ),
    Variant(
        name="normal-intercept-is-mean-y",
        why="centres X correctly but returns b = mean(y), forgetting the - x̄ᵀw term",
        cells={
            "fit-normal": """
            def fit_normal_equation(X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                Xc = X - X.mean(axis=0)
                w = np.linalg.solve(Xc.T @ Xc, Xc.T @ y)
                return w, float(y.mean())
        """
        },
        fails={"test-normal-basics", "test-normal-sklearn"},
    ),
    Variant(
        name="normal-returns-augmented-theta",
        why="solves the augmented system but returns all d + 1 parameters as w",
        cells={
            "fit-normal": """
            def fit_normal_equation(X, y):
                A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
                theta = np.linalg.solve(A.T @ A, A.T @ np.asarray(y, dtype=float))
                return theta, float(theta[-1])
        """
        },
        fails={"test-normal-basics", "test-normal-sklearn"},
    ),
    Variant(
        name="normal-calls-sklearn",
        why="LinearRegression inside a from-scratch exercise earns nothing",
        cells={
            "fit-normal": """
            def fit_normal_equation(X, y):
                from sklearn.linear_model import LinearRegression
                model = LinearRegression().fit(X, y)
                return model.coef_, float(model.intercept_)
        """
        },
        fails={"test-normal-sklearn"},
    ),
    # ------------------------------------------------------------------------------ 1.2 gradient descent
    Variant(
        name="gd-gradient-not-averaged",
        why="the gradient of the summed loss is n times too large for the step size: training diverges",
        cells={
            "fit-gd": """
            def fit_linear_gd(X, y, learning_rate=0.1, n_iterations=1000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(n_iterations):
                    r = X @ w + b - y
                    w, b = w - learning_rate * 2 * X.T @ r, b - learning_rate * 2 * r.sum()
                return w, float(b)
        """
        },
        fails={"test-gd-steps", "test-gd-sklearn"},
    ),
    Variant(
        name="gd-half-mse-gradient",
        why="uses the gradient of ½·MSE (no factor 2): converges, but does not follow the stated update rule",
        cells={
            "fit-gd": """
            def fit_linear_gd(X, y, learning_rate=0.1, n_iterations=1000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(n_iterations):
                    r = X @ w + b - y
                    w, b = w - learning_rate * X.T @ r / len(y), b - learning_rate * r.mean()
                return w, float(b)
        """
        },
        fails={"test-gd-steps"},
    ),
    Variant(
        name="gd-sequential-update",
        why="computes the intercept's gradient with the already-updated w (not a simultaneous update)",
        cells={
            "fit-gd": """
            def fit_linear_gd(X, y, learning_rate=0.1, n_iterations=1000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                n = len(y)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(n_iterations):
                    w = w - learning_rate * 2 * X.T @ (X @ w + b - y) / n
                    b = b - learning_rate * 2 * np.mean(X @ w + b - y)
                return w, float(b)
        """
        },
        fails={"test-gd-steps"},
    ),
    Variant(
        name="gd-intercept-never-updated",
        why="b stays at 0, so the fit is forced through the origin",
        cells={
            "fit-gd": """
            def fit_linear_gd(X, y, learning_rate=0.1, n_iterations=1000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w = np.zeros(X.shape[1])
                for _ in range(n_iterations):
                    w = w - learning_rate * 2 * X.T @ (X @ w - y) / len(y)
                return w, 0.0
        """
        },
        fails={"test-gd-steps", "test-gd-sklearn"},
    ),
    Variant(
        name="gd-calls-sklearn",
        why="returns LinearRegression's solution whatever the iterations; scikit-learn earns nothing here",
        cells={
            "fit-gd": """
            def fit_linear_gd(X, y, learning_rate=0.1, n_iterations=1000):
                from sklearn.linear_model import LinearRegression
                model = LinearRegression().fit(X, y)
                return model.coef_, float(model.intercept_)
        """
        },
        fails={"test-gd-steps", "test-gd-sklearn"},
    ),
    # ------------------------------------------------------------------------------ 1.3 ridge
    Variant(
        name="ridge-penalises-intercept",
        why="appends a column of ones and adds alpha to the whole diagonal, shrinking the intercept too",
        cells={
            "fit-ridge": """
            def fit_ridge(X, y, alpha):
                A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
                theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ np.asarray(y, dtype=float))
                return theta[:-1], float(theta[-1])
        """
        },
        fails={"test-ridge-basics", "test-ridge-sklearn"},
    ),
    Variant(
        name="ridge-alpha-per-sample",
        why="uses the mean-loss convention (alpha·n on the diagonal), not scikit-learn's sum of squares",
        cells={
            "fit-ridge": """
            def fit_ridge(X, y, alpha):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                Xc, yc = X - X.mean(axis=0), y - y.mean()
                w = np.linalg.solve(Xc.T @ Xc + alpha * len(y) * np.eye(X.shape[1]), Xc.T @ yc)
                return w, float(y.mean() - X.mean(axis=0) @ w)
        """
        },
        fails={"test-ridge-sklearn"},
    ),
    Variant(
        name="ridge-no-intercept",
        why="solves (XᵀX + αI) w = Xᵀy without centring and returns b = 0",
        cells={
            "fit-ridge": """
            def fit_ridge(X, y, alpha):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                return np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y), 0.0
        """
        },
        fails={"test-ridge-basics", "test-ridge-sklearn"},
    ),
    Variant(
        name="ridge-calls-sklearn",
        why="Ridge inside a from-scratch exercise earns nothing",
        cells={
            "fit-ridge": """
            def fit_ridge(X, y, alpha):
                from sklearn.linear_model import Ridge
                model = Ridge(alpha=alpha).fit(X, y)
                return model.coef_, float(model.intercept_)
        """
        },
        fails={"test-ridge-sklearn"},
    ),
    # ------------------------------------------------------------------------------ 1.4 collinearity MC
    Variant(
        name="collinearity-r2-drops",
        why="collinearity does not hurt the training fit; it makes the coefficients unstable",
        cells={"collinearity-mc": 'COLLINEARITY_ANSWER = "a"'},
        fails={"test-collinearity-mc"},
    ),
    Variant(
        name="collinearity-biased",
        why="OLS stays unbiased under collinearity (its variance explodes); ridge adds bias, it does not remove it",
        cells={"collinearity-mc": 'COLLINEARITY_ANSWER = "d"'},
        fails={"test-collinearity-mc"},
    ),
    # ------------------------------------------------------------------------------ 2.1 binary logistic L2
    Variant(
        name="logreg-penalises-intercept",
        why="the ½‖θ‖² penalty also shrinks the intercept (liblinear's behaviour, not lbfgs')",
        cells={"fit-logreg-l2": _logistic_newton(intercept_penalty="1.0")},
        fails={"test-logreg-l2-basics", "test-logreg-l2-sklearn"},
    ),
    Variant(
        name="logreg-mean-loss",
        why="C multiplies the mean log-loss instead of the sum: the penalty is n times too strong",
        cells={"fit-logreg-l2": _logistic_newton(c_loss="(C / n)")},
        fails={"test-logreg-l2-basics", "test-logreg-l2-sklearn"},
    ),
    Variant(
        name="logreg-c-as-penalty-strength",
        why="minimises Σ loss + (C/2)‖w‖²: C treated as λ instead of 1/λ",
        cells={"fit-logreg-l2": _logistic_newton(weight_penalty="C", c_loss="1.0")},
        fails={"test-logreg-l2-basics", "test-logreg-l2-sklearn"},
    ),
    Variant(
        name="logreg-fixed-step-not-converged",
        why="gradient descent with a fixed learning rate that ignores C and n, stopped after 500 steps",
        cells={
            "fit-logreg-l2": """
            def fit_logistic_l2(X, y, C=1.0):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                w, b = np.zeros(X.shape[1]), 0.0
                for _ in range(500):
                    p = expit(X @ w + b)
                    w = w - 0.001 * (C * X.T @ (p - y) + w)
                    b = b - 0.001 * C * np.sum(p - y)
                return w, float(b)
        """
        },
        fails={"test-logreg-l2-basics", "test-logreg-l2-sklearn"},
    ),
    Variant(
        name="logreg-calls-sklearn",
        why="LogisticRegression inside a from-scratch exercise earns nothing",
        cells={
            "fit-logreg-l2": """
            def fit_logistic_l2(X, y, C=1.0):
                from sklearn.linear_model import LogisticRegression
                model = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
                return model.coef_.ravel(), float(model.intercept_[0])
        """
        },
        fails={"test-logreg-l2-sklearn"},
    ),
    # ------------------------------------------------------------------------------ 2.2 softmax
    Variant(
        name="softmax-no-max-shift",
        why="exp of scores near 1000 overflows: inf / inf = nan",
        cells={
            "softmax": """
            def softmax(Z):
                E = np.exp(np.asarray(Z, dtype=float))
                return E / E.sum(axis=1, keepdims=True)
        """
        },
        fails={"test-softmax"},
    ),
    Variant(
        name="softmax-global-max-shift",
        why="shifts by the maximum of the whole array: rows far below it underflow to 0 / 0",
        cells={
            "softmax": """
            def softmax(Z):
                Z = np.asarray(Z, dtype=float)
                E = np.exp(Z - Z.max())
                return E / E.sum(axis=1, keepdims=True)
        """
        },
        fails={"test-softmax"},
    ),
    Variant(
        name="softmax-over-columns",
        why="normalises each column (axis=0) instead of each row",
        cells={
            "softmax": """
            def softmax(Z):
                Z = np.asarray(Z, dtype=float)
                E = np.exp(Z - Z.max(axis=0, keepdims=True))
                return E / E.sum(axis=0, keepdims=True)
        """
        },
        fails={"test-softmax", "test-softmax-reg-basics", "test-softmax-reg-sklearn"},
    ),
    Variant(
        name="softmax-calls-scipy",
        why="scipy.special.softmax inside the exercise that asks for it in numpy earns nothing",
        cells={
            "softmax": """
            def softmax(Z):
                from scipy.special import softmax as scipy_softmax
                return scipy_softmax(Z, axis=1)
        """
        },
        fails={"test-softmax"},
    ),
    # ------------------------------------------------------------------------------ 2.3 softmax regression
    Variant(
        name="softreg-one-vs-rest",
        why="fits K independent binary models (one-vs-rest): not the multinomial optimum",
        cells={
            "fit-softmax-reg": """
            def fit_softmax_regression(X, y, C=1.0):
                y = np.asarray(y)
                fits = [fit_logistic_l2(X, (y == label).astype(int), C) for label in np.unique(y)]
                return np.array([w for w, _ in fits]), np.array([b for _, b in fits])
        """
        },
        fails={"test-softmax-reg-basics", "test-softmax-reg-sklearn"},
    ),
    Variant(
        name="softreg-penalises-intercept",
        why="the penalty also shrinks the intercepts",
        cells={"fit-softmax-reg": _softmax_newton(intercept_penalty="1.0")},
        fails={"test-softmax-reg-basics", "test-softmax-reg-sklearn"},
    ),
    Variant(
        name="softreg-labels-as-indices",
        why="one-hot encodes with np.eye(K)[y], assuming the labels are 0..K-1",
        cells={"fit-softmax-reg": _softmax_newton(onehot="np.eye(K)[y]")},
        fails={"test-softmax-reg-basics", "test-softmax-reg-sklearn"},
    ),
    Variant(
        name="softreg-mean-loss",
        why="C multiplies the mean cross-entropy instead of the sum",
        cells={"fit-softmax-reg": _softmax_newton(c_loss="(C / n)")},
        fails={"test-softmax-reg-basics", "test-softmax-reg-sklearn"},
    ),
    Variant(
        name="softreg-calls-sklearn",
        why="LogisticRegression inside a from-scratch exercise earns nothing",
        cells={
            "fit-softmax-reg": """
            def fit_softmax_regression(X, y, C=1.0):
                from sklearn.linear_model import LogisticRegression
                model = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
                return model.coef_, model.intercept_
        """
        },
        fails={"test-softmax-reg-sklearn"},
    ),
    # ------------------------------------------------------------------------------ 2.4 odds MC
    Variant(
        name="odds-probability-multiplied",
        why="e^w multiplies the odds, not the probability",
        cells={"odds-mc": 'ODDS_ANSWER = "b"'},
        fails={"test-odds-mc"},
    ),
    Variant(
        name="odds-probability-additive",
        why="a logistic coefficient is not a change in probability",
        cells={"odds-mc": 'ODDS_ANSWER = "a"'},
        fails={"test-odds-mc"},
    ),
]

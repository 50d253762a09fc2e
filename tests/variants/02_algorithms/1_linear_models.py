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


_COLLINEARITY = """
def collinearity_report(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    Xc = {centred}
    gram = Xc.T @ Xc
    eigenvalues = np.linalg.eigvalsh(gram)
    ridge_eigenvalues = {ridge}
    inverse = np.linalg.inv(gram)
    w = inverse @ (Xc.T @ (y - y.mean()))
    sigma2 = np.sum((y - y.mean() - Xc @ w) ** 2) / ({dof})
    return {{
        "condition_ols": {condition_ols},
        "condition_ridge": float(ridge_eigenvalues[-1] / ridge_eigenvalues[0]),
        "vif": {vif},
        "std_errors": np.sqrt(sigma2 * np.diag(inverse)),
    }}
"""


def _collinearity(centre="X - X.mean(axis=0)", ridge="eigenvalues + alpha", dof="n - d - 1",
                  condition_ols="float(eigenvalues[-1] / eigenvalues[0])", vif="np.diag(inverse) * np.diag(gram)"):
    return _COLLINEARITY.format(centred=centre, ridge=ridge, dof=dof, condition_ols=condition_ols, vif=vif)


_RESIDUALS = """
import scipy.stats


def residual_analysis(X, y, w, b):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    residuals = {residuals}
    r2 = {r2}
    squared = {squared}
    design = {design}
    fitted = design @ np.linalg.lstsq(design, squared, rcond=None)[0]
    statistic = n * (1.0 - np.sum((squared - fitted) ** 2) / np.sum((squared - squared.mean()) ** 2))
    return {{
        "residuals": residuals,
        "r2": float(r2),
        "adjusted_r2": float({adjusted}),
        "bp_statistic": float(statistic),
        "bp_pvalue": float(scipy.stats.chi2.{tail}(statistic, {dof})),
    }}
"""


def _residuals(residuals="y - (X @ np.asarray(w, dtype=float) + float(b))",
               r2="1.0 - np.sum(residuals**2) / np.sum((y - y.mean()) ** 2)", squared="residuals**2",
               design="np.column_stack([X, np.ones(n)])", adjusted="1.0 - (1.0 - r2) * (n - 1) / (n - d - 1)",
               tail="sf", dof="d"):
    return _RESIDUALS.format(residuals=residuals, r2=r2, squared=squared, design=design, adjusted=adjusted,
                             tail=tail, dof=dof)


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
        name="gd-early-stop-loose",
        why="stops as soon as the gradient is below 1e-6: the contract allows stopping only below 1e-10, and on "
        "targets of small magnitude the first gradients are already that small",
        cells={
            "fit-gd": """
            def fit_linear_gd(X, y, learning_rate=0.1, n_iterations=1000):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                n, d = X.shape
                w, b = np.zeros(d), 0.0
                for _ in range(n_iterations):
                    r = X @ w + b - y
                    grad_w, grad_b = 2.0 * X.T @ r / n, 2.0 * r.mean()
                    if max(np.abs(grad_w).max(), abs(grad_b)) < 1e-6:
                        break
                    w, b = w - learning_rate * grad_w, b - learning_rate * grad_b
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
        fails={"test-ridge-basics", "test-ridge-sklearn"},
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
    # ------------------------------------------------------------------------------ 1.4 collinearity report
    Variant(
        name="collinearity-condition-of-x",
        why="the condition number of Xc itself, not of the matrix Xcᵀ Xc that the normal equations solve (it is "
        "the square): that squaring is exactly why they lose digits",
        cells={"collinearity": _collinearity(condition_ols="float(np.sqrt(eigenvalues[-1] / eigenvalues[0]))")},
        fails={"test-collinearity-basics", "test-collinearity-condition"},
    ),
    Variant(
        name="collinearity-ridge-alpha-per-sample",
        why="adds alpha·n to the eigenvalues: scikit-learn's Ridge adds alpha itself to Xcᵀ Xc (a sum of squares)",
        cells={"collinearity": _collinearity(ridge="eigenvalues + alpha * n")},
        fails={"test-collinearity-condition"},
    ),
    Variant(
        name="collinearity-uncentred-gram",
        why="builds the Gram matrix of the raw columns: without centring, the intercept's direction is mixed in and "
        "columns far from the origin look collinear with it",
        cells={"collinearity": _collinearity(centre="X")},
        fails={"test-collinearity-basics", "test-collinearity-condition", "test-collinearity-vif",
               "test-collinearity-std-errors"},
    ),
    Variant(
        name="collinearity-vif-without-intercept",
        why="the VIF regressions are run without an intercept (uncentred R²): a column far from the origin then "
        "looks explained by any other column",
        cells={"collinearity": _collinearity(vif="np.diag(np.linalg.inv(X.T @ X)) * np.diag(X.T @ X)")},
        fails={"test-collinearity-basics", "test-collinearity-vif"},
    ),
    Variant(
        name="collinearity-noise-variance-biased",
        why="divides the residual sum of squares by n - d: the intercept was estimated too, so n - d - 1 degrees "
        "of freedom remain",
        cells={"collinearity": _collinearity(dof="n - d")},
        fails={"test-collinearity-std-errors"},
    ),
    Variant(
        name="collinearity-calls-sklearn",
        why="LinearRegression inside the report earns nothing: compute the regressions with numpy",
        cells={
            "collinearity": """
            def collinearity_report(X, y, alpha):
                from sklearn.linear_model import LinearRegression
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                n, d = X.shape
                Xc = X - X.mean(axis=0)
                gram = Xc.T @ Xc
                vif = []
                for j in range(d):
                    other = np.delete(X, j, axis=1)
                    vif.append(1 / (1 - LinearRegression().fit(other, X[:, j]).score(other, X[:, j])))
                model = LinearRegression().fit(X, y)
                sigma2 = np.sum((y - model.predict(X)) ** 2) / (n - d - 1)
                return {"condition_ols": np.linalg.cond(gram), "condition_ridge": np.linalg.cond(gram + alpha * np.eye(d)),
                        "vif": np.array(vif), "std_errors": np.sqrt(sigma2 * np.diag(np.linalg.inv(gram)))}
        """
        },
        fails={"test-collinearity-basics", "test-collinearity-condition", "test-collinearity-vif",
               "test-collinearity-std-errors"},
    ),
    # ------------------------------------------------------------------------------ 1.5 R² and residual analysis
    Variant(
        name="residuals-predicted-minus-observed",
        why="residuals are observed minus predicted, y - ŷ: with the sign flipped, a model that under-predicts "
        "shows negative residuals",
        cells={"residuals": _residuals(residuals="(X @ np.asarray(w, dtype=float) + float(b)) - y")},
        fails={"test-residuals-r2"},
    ),
    Variant(
        name="r2-clipped-at-zero",
        why="R² is clipped at 0: on new data a model can be worse than predicting the mean, and R² must say so "
        "with a negative value",
        cells={"residuals": _residuals(r2="max(0.0, 1.0 - np.sum(residuals**2) / np.sum((y - y.mean()) ** 2))")},
        fails={"test-residuals-r2"},
    ),
    Variant(
        name="r2-around-mean-prediction",
        why="the total sum of squares is taken around the mean prediction instead of the mean of y: equal on "
        "training data with an intercept, wrong on new data",
        cells={"residuals": _residuals(
            r2="1.0 - np.sum(residuals**2) / np.sum((y - (y - residuals).mean()) ** 2)")},
        fails={"test-residuals-r2"},
    ),
    Variant(
        name="adjusted-r2-n-minus-d",
        why="adjusts with n - d degrees of freedom: the intercept is a parameter too, so n - d - 1 remain",
        cells={"residuals": _residuals(adjusted="1.0 - (1.0 - r2) * (n - 1) / (n - d)")},
        fails={"test-residuals-adjusted"},
    ),
    Variant(
        name="bp-raw-residuals",
        why="regresses the residuals themselves on X: least-squares residuals are orthogonal to X, so that R² is "
        "always about 0; the test is about their variance, i.e. the squared residuals",
        cells={"residuals": _residuals(squared="residuals")},
        fails={"test-residuals-breusch-pagan", "test-residuals-bp-pvalue"},
    ),
    Variant(
        name="bp-auxiliary-without-intercept",
        why="the auxiliary regression has no intercept, so its R² also credits X with the mean level of the "
        "squared residuals: the statistic is inflated and constant noise looks heteroscedastic",
        cells={"residuals": _residuals(design="X")},
        fails={"test-residuals-breusch-pagan", "test-residuals-bp-pvalue"},
    ),
    Variant(
        name="bp-pvalue-lower-tail",
        why="takes the lower tail of χ² (cdf): a large statistic must give a small p-value (sf)",
        cells={"residuals": _residuals(tail="cdf")},
        fails={"test-residuals-bp-pvalue"},
    ),
    Variant(
        name="bp-degrees-of-freedom-plus-one",
        why="uses d + 1 degrees of freedom: the auxiliary regression's intercept is not tested, d slopes are",
        cells={"residuals": _residuals(dof="d + 1")},
        fails={"test-residuals-bp-pvalue"},
    ),
    Variant(
        name="residuals-calls-sklearn",
        why="r2_score and LinearRegression inside the exercise earn nothing: compute them with numpy",
        cells={
            "residuals": """
            import scipy.stats


            def residual_analysis(X, y, w, b):
                from sklearn.linear_model import LinearRegression
                from sklearn.metrics import r2_score
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                n, d = X.shape
                predicted = X @ np.asarray(w, dtype=float) + float(b)
                r2 = r2_score(y, predicted)
                squared = (y - predicted) ** 2
                statistic = n * LinearRegression().fit(X, squared).score(X, squared)
                return {"residuals": y - predicted, "r2": float(r2),
                        "adjusted_r2": float(1 - (1 - r2) * (n - 1) / (n - d - 1)),
                        "bp_statistic": float(statistic), "bp_pvalue": float(scipy.stats.chi2.sf(statistic, d))}
        """
        },
        fails={"test-residuals-r2", "test-residuals-adjusted", "test-residuals-breusch-pagan", "test-residuals-bp-pvalue"},
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
        name="softreg-two-classes-binary",
        why="with two classes, fits the binary model and puts its weights in the second row: the multinomial "
        "objective penalises both rows, so its optimum splits the weights between them",
        cells={
            "fit-softmax-reg": _softmax_newton().replace("def fit_softmax_regression", "def _multinomial") + """

def fit_softmax_regression(X, y, C=1.0):
    y = np.asarray(y)
    classes = np.unique(y)
    if len(classes) > 2:
        return _multinomial(X, y, C)
    w, b = fit_logistic_l2(X, (y == classes[1]).astype(int), C)
    return np.vstack([np.zeros_like(w), w]), np.array([0.0, b])
"""
        },
        fails={"test-softmax-reg-basics"},
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
        fails={"test-softmax-reg-basics", "test-softmax-reg-sklearn"},
    ),
    # ------------------------------------------------------------------------------ 2.4 probability after a change
    Variant(
        name="odds-multiplies-probability",
        why="multiplies the probability by e^(coef·delta): e^coef multiplies the odds p/(1-p), so a 30% risk with "
        "coef 0.7 becomes about 46%, not 60% (and a probability can never pass 1)",
        cells={
            "odds-change": """
            def probability_after_change(p0, coef, delta=1.0):
                return np.asarray(p0, dtype=float) * np.exp(coef * delta)
        """
        },
        fails={"test-odds-change", "test-odds-change-extreme"},
    ),
    Variant(
        name="odds-additive-probability",
        why="adds coef·delta to the probability: a logistic coefficient moves the log-odds, not the probability",
        cells={
            "odds-change": """
            def probability_after_change(p0, coef, delta=1.0):
                return np.asarray(p0, dtype=float) + coef * delta
        """
        },
        fails={"test-odds-change", "test-odds-change-extreme"},
    ),
    Variant(
        name="odds-overflow",
        why="multiplies the odds by e^(coef·delta) literally: right for moderate values, but e^800 overflows to "
        "inf and inf / inf is nan; stay in the log-odds scale and use a stable sigmoid",
        cells={
            "odds-change": """
            def probability_after_change(p0, coef, delta=1.0):
                p0 = np.asarray(p0, dtype=float)
                with np.errstate(over="ignore", invalid="ignore"):
                    odds = p0 / (1 - p0) * np.exp(coef * delta)
                    return odds / (1 + odds)
        """
        },
        fails={"test-odds-change-extreme"},
    ),
    Variant(
        name="odds-zero-d-array",
        why="a stable sigmoid built with np.where returns a 0-d array for a float p0: numerically right, but the "
        "caller asked for a number (a float for a float, an array for an array)",
        cells={
            "odds-change": """
            def probability_after_change(p0, coef, delta=1.0):
                p0 = np.asarray(p0, dtype=float)
                z = np.log(p0) - np.log1p(-p0) + coef * delta
                with np.errstate(over="ignore", invalid="ignore"):
                    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
        """
        },
        fails={"test-odds-change"},
    ),
    Variant(
        name="odds-ignores-delta",
        why="moves the log-odds by coef whatever delta is: the change is coef times the number of standard "
        "deviations",
        cells={
            "odds-change": """
            def probability_after_change(p0, coef, delta=1.0):
                p0 = np.asarray(p0, dtype=float)
                return expit(np.log(p0) - np.log1p(-p0) + coef)
        """
        },
        fails={"test-odds-change", "test-odds-change-extreme"},
    ),
]

# Mutants of the reference solutions that no input allowed by the specification can tell from them (course validate
# --mutants), with the reason; every other mutant loses a point in its exercise.
EQUIVALENT_MUTANTS = {
    "fit-normal@4f9873a3": "Xc.T @ (y + ȳ) = Xc.T @ y + ȳ·Xc.T @ 1 and the centred columns sum to 0: the same w",
    "fit-gd@f4ebb394": "y is used only in X @ w + b - y, where numpy converts a list or an array alike",
    "fit-gd@42a1dcd0": "the contract allows running every iteration: the early stop is optional, and after it "
                       "every gradient component is below 1e-10 (later steps move w by less than η·1e-10)",
    "fit-gd@90a5df90": "the early stop is optional (see fit-gd@42a1dcd0): without `break` the loop runs on with "
                       "steps below η·1e-10",
    "fit-gd@42aa3e08": "stopping at a largest gradient component equal to 1e-10 or only below it: both are allowed",
    "fit-ridge@03a651db": "Xc.T @ (y + ȳ) = Xc.T @ y because the centred columns sum to 0 (as in fit-normal)",
    "collinearity@449c1688": "Xc.T @ (y + ȳ) = Xc.T @ y because the centred columns sum to 0 (as in fit-normal)",
    # fit_logistic_l2 / fit_softmax_regression: the specification fixes the optimum, not the optimiser, so an
    # optimiser that still converges tightly is a correct answer.
    "fit-logreg-l2@029786e5": "without the step-size stop the line search finds no decrease at the optimum and "
                              "returns the same theta",
    "fit-logreg-l2@10baeadd": "without the guard t halves to 0, the zero step is accepted and the step-size stop "
                              "ends the loop at the same theta",
    "fit-logreg-l2@517d402b": "Newton converges in about 10 of the 100 iterations: 101 allowed changes nothing",
    "fit-logreg-l2@3e1fb883": "Newton converges in about 10 of the 100 iterations: 99 allowed changes nothing",
    "fit-logreg-l2@d036975f": "a line search that starts at t = 2 still converges to the same optimum",
    "fit-logreg-l2@ff9062fc": "stopping at a step of exactly 1e-12 or only below it: the same optimum",
    "fit-logreg-l2@24d6d4cb": "a strict Armijo test only differs where the step is 0, and then the guard returns "
                              "the same theta",
    "fit-logreg-l2@202a7615": "dividing t by 4 instead of 2 is another valid backtracking line search",
    "fit-logreg-l2@b94e418c": "the guard at t ≤ 1e-10 or t < 1e-10: the same theta, one halving apart",
    "fit-logreg-l2@556a49f8": "np.logaddexp is symmetric: logaddexp(z, 0) = logaddexp(0, z)",
    "fit-logreg-l2@10f9c470": "with |t/step| the step-size stop never fires and the guard returns the same optimum "
                              "once no decrease is left",
    "fit-logreg-l2@5bdc49ed": "a wrong objective only changes which Newton steps the line search accepts; Newton's "
                              "exact gradient and Hessian reach the same optimum (no difference on 4,000 random "
                              "datasets within the specification)",
    "fit-logreg-l2@5a0daadf": "a wrong objective only in the line search, as fit-logreg-l2@5bdc49ed: the same "
                              "optimum on 4,000 random datasets within the specification",
    "fit-logreg-l2@560cf473": "an Armijo test that accepts slight increases: the full Newton step is accepted "
                              "anyway on data of the specification (no difference on 4,000 random datasets)",
    "fit-logreg-l2@7d7109d3": "the guard's return runs only when rounding blocks every decrease before the step is "
                              "below 1e-12; no dataset within the specification reached it (4,000 random ones)",
    "fit-logreg-l2@ca7e308f": "the same unreachable guard's return as fit-logreg-l2@7d7109d3",
    "fit-softmax-reg@0782f8a5": "without the guard t halves to 0, the zero step is accepted and the step-size stop "
                                "ends the loop at the same theta",
    "fit-softmax-reg@0e2a491d": "Newton converges in about 10 of the 100 iterations: 101 allowed changes nothing",
    "fit-softmax-reg@5cf83766": "stopping at a step of exactly 1e-12 or only below it: the same optimum",
    "fit-softmax-reg@14925eb3": "a strict Armijo test only differs where the step is 0, and then the guard returns "
                                "the same theta",
    "fit-softmax-reg@d7decb09": "the guard at t ≤ 1e-10 or t < 1e-10: the same theta, one halving apart",
    "fit-softmax-reg@2edf99ee": "an Armijo test stricter for t < 1 is another valid line search: the full step, "
                                "accepted near the optimum, is unchanged",
    "fit-softmax-reg@5fe5a2ed": "the guard's return runs only when rounding blocks every decrease before the step is "
                                "below 1e-12 (as fit-logreg-l2@7d7109d3); no dataset within the specification "
                                "reached it (2,000 random ones)",
    "fit-softmax-reg@b4cfc060": "the same unreachable guard's return as fit-softmax-reg@5fe5a2ed",
    "odds-change@23b2204d": "expit of a float returns numpy.float64, already a float: float() changes nothing a "
                            "check of the specified return type can see",
}

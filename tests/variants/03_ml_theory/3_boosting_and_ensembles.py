"""Plausible wrong answers to 03_ml_theory/3_boosting_and_ensembles; each must lose exactly the tests listed."""

from course.proof.variants import Variant

_SAMME = """
def samme_step(sample_weight, incorrect, n_classes, learning_rate=1.0):
    w = np.asarray(sample_weight, dtype=float)
    incorrect = np.asarray(incorrect, dtype=bool)
    error = float(np.sum(w * incorrect) / np.sum(w))
    if error <= 0:
        return error, 1.0, w / w.sum()
    if error {random_op} 1.0 - 1.0 / n_classes:
        return error, None, None
    alpha = {alpha}
    new = w * np.exp(alpha * {boosted})
    return error, float(alpha), {new}
"""


def _samme(random_op=">=", alpha="learning_rate * (np.log((1.0 - error) / error) + np.log(n_classes - 1.0))",
           boosted="incorrect", new="new / new.sum()"):
    return _SAMME.format(random_op=random_op, alpha=alpha, boosted=boosted, new=new)


_ADABOOST = """
def fit_adaboost(X, y, n_estimators=50, learning_rate=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    classes = np.unique(y)
    w = np.full(len(y), 1.0 / len(y))
    stumps, alphas, errors = [], [], []
    for _ in range(n_estimators):
        stump = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y{weights})
        error, alpha, new_w = samme_step(w, stump.predict(X) != y, len(classes), learning_rate)
        if alpha is None:
            {first_discard}
            break
        stumps.append(stump)
        alphas.append(alpha)
        errors.append(error)
        {perfect}
        w = new_w
    return {{"classes": classes, "stumps": stumps, "alphas": np.array(alphas), "errors": np.array(errors)}}


def predict_adaboost(model, X):
    X = np.asarray(X, dtype=float)
    classes = model["classes"]
    votes = np.zeros((len(X), len(classes)))
    for stump, alpha in zip(model["stumps"], model["alphas"]):
        votes[np.arange(len(X)), np.searchsorted(classes, stump.predict(X))] += {vote}
    return classes[np.argmax(votes, axis=1)]
"""


def _adaboost(weights=", sample_weight=w", first_discard='if not stumps:\n                raise ValueError("no stump")',
              perfect="if error <= 0:\n            break", vote="alpha"):
    return _ADABOOST.format(weights=weights, first_discard=first_discard, perfect=perfect, vote=vote)


_NEWTON = """
def newton_leaf_values(leaf_ids, y, p):
    leaf_ids = np.asarray(leaf_ids)
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    values = {{}}
    for leaf in np.unique(leaf_ids):
        rows = leaf_ids == leaf
        denominator = {denominator}
        values[int(leaf)] = {value}
    return values
"""


def _newton(denominator="np.sum(p[rows] * (1.0 - p[rows]))",
            value="0.0 if abs(denominator) < 1e-150 else float(np.sum(y[rows] - p[rows]) / denominator)"):
    return _NEWTON.format(denominator=denominator, value=value)


_GB = """
def fit_gb_classifier(X, y, n_estimators=100, learning_rate=0.1, max_depth=3):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    prior = y.mean()
    start = {start}
    F = np.full(len(y), start)
    stages = []
    for _ in range(n_estimators):
        p = expit(F)
        tree = DecisionTreeRegressor(max_depth=max_depth, random_state=0).fit(X, y - p)
        leaves = tree.apply(X)
        values = {values}
        F = F + {step} * np.array([values[leaf] for leaf in leaves])
        stages.append((tree, values))
    return {{"start": start, "learning_rate": learning_rate, "stages": stages}}


def predict_proba_gb(model, X):
    X = np.asarray(X, dtype=float)
    F = np.full(len(X), model["start"])
    for tree, values in model["stages"]:
        F = F + model["learning_rate"] * np.array([values[leaf] for leaf in tree.apply(X)])
    return expit(F)
"""


def _gb(start="float(np.log(prior / (1.0 - prior)))", values="newton_leaf_values(leaves, y, p)", step="learning_rate"):
    return _GB.format(start=start, values=values, step=step)


_STAGED = """
def staged_log_loss(model, X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    F = np.full(len(X), model["start"])
    losses = []
    for tree, values in model["stages"]:
        {before}
        F = F + model["learning_rate"] * np.array([values[leaf] for leaf in tree.apply(X)])
        {after}
    losses = np.array(losses)
    return losses, {best}
"""

_LOSS = "p = expit(F)\n        losses.append(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))"


def _staged(before="pass", after=_LOSS, best="int(np.argmin(losses)) + 1"):
    return _STAGED.format(before=before, after=after, best=best)


_TABLE = """
def bias_variance_table(models, X_train, f_train, X_test, f_test, sigma, n_repeats, seed):
    f_train, f_test = np.asarray(f_train, dtype=float), np.asarray(f_test, dtype=float)
    rows = []
    {shared_rng}
    for model in models.values():
        {model_rng}
        preds = np.empty((n_repeats, len(f_test)))
        for r in range(n_repeats):
            y = f_train + sigma * rng.standard_normal(len(f_train))
            preds[r] = clone(model).fit(X_train, y).predict(X_test)
        variance = {variance}
        bias2 = {bias2}
        rows.append({{"bias2": float(bias2.mean()), "variance": float(variance.mean())}})
    return pd.DataFrame(rows, index=list(models))[["bias2", "variance"]]
"""


def _table(shared_rng="pass", model_rng="rng = np.random.default_rng(seed)", variance="preds.var(axis=0, ddof=1)",
           bias2="(preds.mean(axis=0) - f_test) ** 2 - variance / n_repeats"):
    return _TABLE.format(shared_rng=shared_rng, model_rng=model_rng, variance=variance, bias2=bias2)


GB_TESTS = {"test-gb-start", "test-gb-sklearn", "test-gb-new-rows", "test-staged-loss"}

VARIANTS = [
    # ------------------------------------------------------------------------------------- 1.1 one SAMME round
    Variant(
        name="samme-without-log-k-minus-1",
        why="the two-class AdaBoost weight ln((1 - e)/e) lacks SAMME's ln(K - 1) term, so with 3 or more classes a "
            "stump that beats random guessing can get a weight of zero or less",
        cells={"samme-step": _samme(alpha="learning_rate * np.log((1.0 - error) / error)")},
        fails={"test-samme-step", "test-samme-stops", "test-adaboost-sklearn"},
    ),
    Variant(
        name="samme-half-log",
        why="alpha = 1/2 ln((1 - e)/e) is the exponential-loss weight of the two-class textbook derivation; "
            "scikit-learn's SAMME uses ln((1 - e)/e) + ln(K - 1) without the 1/2",
        cells={"samme-step": _samme(alpha="learning_rate * 0.5 * (np.log((1.0 - error) / error) + np.log(n_classes - 1.0))")},
        fails={"test-samme-step", "test-samme-stops", "test-adaboost-basics", "test-adaboost-sklearn"},
    ),
    Variant(
        name="samme-weights-not-renormalised",
        why="the new weights must be renormalised to sum 1 after the misclassified ones are multiplied by e^alpha",
        cells={"samme-step": _samme(new="new")},
        fails={"test-samme-step"},
    ),
    Variant(
        name="samme-upweights-correct",
        why="AdaBoost increases the weight of the MISCLASSIFIED samples so that the next stump focuses on them",
        cells={"samme-step": _samme(boosted="~incorrect")},
        fails={"test-samme-step", "test-adaboost-basics", "test-adaboost-sklearn"},
    ),
    Variant(
        name="samme-random-guess-kept",
        why="a stump whose error equals 1 - 1/K is exactly random guessing: it must be discarded (error >= 1 - 1/K)",
        cells={"samme-step": _samme(random_op=">")},
        fails={"test-samme-stops", "test-adaboost-stops"},
    ),
    # ------------------------------------------------------------------------------------- 1.2 AdaBoost
    Variant(
        name="adaboost-unweighted-stumps",
        why="each stump must be fitted with the current sample weights; without them every round fits the same stump",
        cells={"adaboost": _adaboost(weights="")},
        fails={"test-adaboost-basics", "test-adaboost-sklearn"},
    ),
    Variant(
        name="adaboost-plain-vote",
        why="the ensemble's vote weighs each stump by its alpha; a plain majority vote ignores how good each stump is",
        cells={"adaboost": _adaboost(vote="1.0")},
        fails={"test-adaboost-basics", "test-adaboost-sklearn"},
    ),
    Variant(
        name="adaboost-continues-after-perfect",
        why="a perfect stump ends boosting: its error is 0 and another round would only repeat it",
        cells={"adaboost": _adaboost(perfect="pass")},
        fails={"test-adaboost-stops"},
    ),
    Variant(
        name="adaboost-empty-model",
        why="when the first stump is no better than random there is no model at all: raise ValueError, as "
            "scikit-learn does, instead of returning an empty ensemble",
        cells={"adaboost": _adaboost(first_discard="pass")},
        fails={"test-adaboost-stops"},
    ),
    Variant(
        name="adaboost-calls-sklearn-ensemble",
        why="AdaBoostClassifier inside the exercise earns nothing: the boosting loop is the exercise",
        cells={"adaboost": """
            from sklearn.ensemble import AdaBoostClassifier

            def fit_adaboost(X, y, n_estimators=50, learning_rate=1.0):
                model = AdaBoostClassifier(DecisionTreeClassifier(max_depth=1), n_estimators=n_estimators,
                                           learning_rate=learning_rate).fit(X, y)
                kept = len(model.estimators_)
                return {"classes": model.classes_, "stumps": list(model.estimators_), "model": model,
                        "alphas": model.estimator_weights_[:kept], "errors": model.estimator_errors_[:kept]}

            def predict_adaboost(model, X):
                return model["model"].predict(X)
        """},
        fails={"test-adaboost-basics", "test-adaboost-sklearn", "test-adaboost-stops"},
    ),
    # ------------------------------------------------------------------------------------- 2.1 Newton leaves
    Variant(
        name="newton-gradient-step",
        why="the mean residual is a gradient step; the Newton step divides the summed residual by the summed "
            "curvature p(1 - p)",
        cells={"newton-leaves": _newton(value="float(np.mean(y[rows] - p[rows]))")},
        fails={"test-newton-leaves"} | GB_TESTS,
    ),
    Variant(
        name="newton-no-guard",
        why="a leaf whose probabilities are all exactly 0 or 1 has no curvature: its value must be 0, not 0/0",
        cells={"newton-leaves": _newton(value="float(np.sum(y[rows] - p[rows]) / denominator)")},
        fails={"test-newton-leaves"},
    ),
    # ------------------------------------------------------------------------------------- 2.2 GB classifier
    Variant(
        name="gb-start-at-zero",
        why="the start is the log-odds of the training prior, ln(p / (1 - p)), not a score of 0 (probability 1/2)",
        cells={"gb-classifier": _gb(start="0.0")},
        fails=GB_TESTS,
    ),
    Variant(
        name="gb-start-at-prior",
        why="the start is on the score (log-odds) scale: the prior itself is a probability, its log-odds is the score",
        cells={"gb-classifier": _gb(start="float(prior)")},
        fails=GB_TESTS,
    ),
    Variant(
        name="gb-tree-mean-leaves",
        why="the regression tree's own leaf values (mean residuals) are not the Newton values scikit-learn uses",
        cells={"gb-classifier": _gb(values="{int(leaf): float(v) for leaf, v in zip(leaves, tree.predict(X))}")},
        fails=GB_TESTS,
    ),
    Variant(
        name="gb-training-scores-not-shrunk",
        why="the learning rate shrinks every stage during training too: the next residuals come from the shrunk scores",
        cells={"gb-classifier": _gb(step="1.0")},
        fails={"test-gb-sklearn", "test-gb-new-rows", "test-staged-loss"},
    ),
    Variant(
        name="gb-calls-sklearn-ensemble",
        why="GradientBoostingClassifier inside the exercise earns nothing: the boosting loop is the exercise",
        cells={"gb-classifier": """
            from sklearn.ensemble import GradientBoostingClassifier

            def fit_gb_classifier(X, y, n_estimators=100, learning_rate=0.1, max_depth=3):
                return GradientBoostingClassifier(n_estimators=n_estimators, learning_rate=learning_rate,
                                                  max_depth=max_depth, random_state=0).fit(X, y)

            def predict_proba_gb(model, X):
                return model.predict_proba(X)[:, 1]
        """},
        fails={"test-gb-start", "test-gb-sklearn", "test-gb-new-rows", "test-staged-loss"},
    ),
    # ------------------------------------------------------------------------------------- 2.3 staged loss
    Variant(
        name="staged-loss-before-stage",
        why="the loss after stage m is measured once stage m has been added; measuring before it shifts the curve "
            "by one stage",
        cells={"staged-loss": _staged(before=_LOSS, after="pass")},
        fails={"test-staged-loss"},
    ),
    Variant(
        name="staged-best-zero-based",
        why="the best number of stages counts stages from 1: argmin + 1",
        cells={"staged-loss": _staged(best="int(np.argmin(losses))")},
        fails={"test-staged-loss"},
    ),
    Variant(
        name="staged-best-last-on-tie",
        why="on a tie the smaller number of stages wins: the same loss for less computation",
        cells={"staged-loss": _staged(best="len(losses) - int(np.argmin(losses[::-1]))")},
        fails={"test-staged-loss"},
    ),
    Variant(
        name="staged-calls-log-loss",
        why="sklearn.metrics.log_loss inside the exercise earns nothing: the log-loss is one line of numpy",
        cells={"staged-loss": _staged(after="from sklearn.metrics import log_loss\n        "
                                            "losses.append(log_loss(y, expit(F), labels=[0, 1]))")},
        fails={"test-staged-loss"},
    ),
    # ------------------------------------------------------------------------------------- 3.1 bagging vs boosting
    Variant(
        name="table-one-generator",
        why="every model must see the same training sets (a fresh default_rng(seed) per model): one shared "
            "generator gives each model different noise, so differences between models are partly simulation noise",
        cells={"ensemble-bias-variance": _table(shared_rng="rng = np.random.default_rng(seed)", model_rng="pass")},
        fails={"test-ensemble-bv-protocol"},
    ),
    Variant(
        name="table-plug-in-bias",
        why="the squared distance of the average prediction from f includes var/R: subtract it for an unbiased bias^2",
        cells={"ensemble-bias-variance": _table(bias2="(preds.mean(axis=0) - f_test) ** 2")},
        fails={"test-ensemble-bv-protocol"},
    ),
    Variant(
        name="table-ddof-zero",
        why="the unbiased variance over R repetitions divides by R - 1 (ddof=1)",
        cells={"ensemble-bias-variance": _table(variance="preds.var(axis=0)")},
        fails={"test-ensemble-bv-protocol"},
    ),
    Variant(
        name="ensemble-boost-stumps",
        why="a deep tree's problem is variance, not bias: boosting stumps targets bias",
        cells={"ensemble-mc": 'ENSEMBLE_ANSWER = "c"'},
        fails={"test-ensemble-mc"},
    ),
    Variant(
        name="ensemble-boost-deep",
        why="boosting deep trees at learning rate 1 chases the noise that already makes the deep tree unstable",
        cells={"ensemble-mc": 'ENSEMBLE_ANSWER = "b"'},
        fails={"test-ensemble-mc"},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
EQUIVALENT_MUTANTS = {
    "adaboost@2c9e2146": "X and y are only passed to DecisionTreeClassifier.fit/predict, np.unique, len() and an "
                         "elementwise != with a numpy array, which treat lists and arrays alike",
    "adaboost@7f116c92": "X is only passed to len() and stump.predict, which take lists and arrays alike",
    "adaboost@dbdf8e8d": "samme_step divides by the weights' sum and a stump's split is invariant to scaling every "
                         "sample weight, so 2/n instead of 1/n gives the same stumps, errors and alphas",
    "newton-leaves@31b0b4e6": "leaf_ids is only read by np.unique and `leaf_ids == leaf` (a numpy scalar compared "
                              "with a list broadcasts), so a list behaves like an array",
    "samme-step@6e512c21": "incorrect only enters w * incorrect and alpha * incorrect, where numpy converts a list or an "
                           "array of booleans alike",
}

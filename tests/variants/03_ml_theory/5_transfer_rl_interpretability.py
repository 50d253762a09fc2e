"""Plausible wrong answers to 03_ml_theory/5_transfer_rl_interpretability; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

HF, HF_HEAD = "test-hidden-features", "test-hidden-features-head"
SPLIT, TRANSFER = "test-few-shot-split", "test-transfer"
PE, VI, VI_RULES = "test-policy-evaluation", "test-value-iteration", "test-value-iteration-rules"
QL_EXACT, QL_POLICY = "test-q-learning-exact", "test-q-learning-policy"
PI, PI_SK = "test-permutation-importance", "test-permutation-importance-sklearn"
SH_LIN, SH_EFF, SH_INT = "test-shapley-linear", "test-shapley-efficiency", "test-shapley-interactions"
PD, PD_CLF = "test-partial-dependence", "test-partial-dependence-classifier"
LIME_RIDGE, LIME_LOCAL = "test-lime-ridge", "test-lime-local"

HIDDEN = '''
def hidden_features(mlp, X):
    activations = np.asarray(X, dtype=float)
    for weights, bias in zip({layers}):
        activations = {activation}
    return activations
'''
HIDDEN_OK = {"layers": "mlp.coefs_[:-1], mlp.intercepts_[:-1]", "activation": "np.maximum(activations @ weights + bias, 0.0)"}

SPLIT_CODE = '''
def few_shot_split(y, n_per_class, seed):
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    labelled = np.concatenate([{draw} for label in np.unique(y)])
    rest = np.setdiff1d(np.arange(len(y)), labelled)
    return labelled, {rest}
'''
SPLIT_OK = {"draw": "rng.choice(np.flatnonzero(y == label), size=n_per_class, replace=False)", "rest": "rest"}

TRANSFER_CODE = '''
def transfer_vs_scratch(pretrained, X_target, y_target, n_per_class, seed):
    labelled, rest = few_shot_split(y_target, n_per_class, seed)
    features = {features}
    head = LogisticRegression(max_iter=2000).fit(features[labelled], y_target[labelled])
    scratch = MLPClassifier(hidden_layer_sizes=pretrained.hidden_layer_sizes, max_iter=pretrained.max_iter,
                            random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        scratch.fit({scratch_fit})
    return {{"transfer": float(head.score({transfer_eval})),
            "scratch": float(scratch.score(X_target[rest], y_target[rest]))}}
'''
TRANSFER_OK = {"features": "hidden_features(pretrained, X_target)",
               "scratch_fit": "X_target[labelled], y_target[labelled]",
               "transfer_eval": "features[rest], y_target[rest]"}

PE_CODE = '''
def policy_evaluation(P, r, terminal, policy, gamma):
    P, r = np.asarray(P, dtype=float), np.asarray(r, dtype=float)
    terminal = np.asarray(terminal, dtype=bool)
    n_states = P.shape[0]
    actions = np.where(terminal, 0, np.asarray(policy)).astype(int)
    P_pi = P[np.arange(n_states), actions]
    {terminal_rows}
    return np.linalg.solve({matrix}, {rhs})
'''
PE_OK = {"terminal_rows": "P_pi[terminal] = 0.0", "matrix": "np.eye(n_states) - gamma * P_pi", "rhs": "P_pi @ r"}

VI_CODE = '''
def value_iteration(P, r, terminal, gamma, tol=1e-10):
    P, r = np.asarray(P, dtype=float), np.asarray(r, dtype=float)
    terminal = np.asarray(terminal, dtype=bool)
    V = np.zeros(P.shape[0])
    {loop}
    policy = {greedy}
    {terminal_policy}
    return V_new, policy
'''
VI_LOOP = """while True:
        V_new = {update}
        if np.max(np.abs(V_new - V)) < tol:
            break
        V = V_new"""
VI_OK = {"loop": VI_LOOP.format(update="np.where(terminal, 0.0, (P @ (r + gamma * V)).max(axis=1))"),
         "greedy": "np.argmax(P @ (r + gamma * V_new), axis=1)", "terminal_policy": "policy[terminal] = -1"}

Q_CODE = '''
def q_learning(P, r, terminal, gamma, alpha, epsilon, n_episodes, max_steps, seed):
    P, r = np.asarray(P, dtype=float), np.asarray(r, dtype=float)
    terminal = np.asarray(terminal, dtype=bool)
    n_states, n_actions, _ = P.shape
    rng = np.random.default_rng(seed)
    starts = np.flatnonzero(~terminal)
    Q = np.zeros((n_states, n_actions))
    for _ in range(n_episodes):
        s = {start}
        for _ in range(max_steps):
            {choose}
            s_next = int(rng.choice(n_states, p=P[s, a]))
            target = {target}
            Q[s, a] += alpha * (target - Q[s, a])
            s = s_next
            {stop}
    return Q
'''
Q_CHOOSE = """if rng.random() < epsilon:
                a = int(rng.integers(n_actions))
            else:
                a = int(np.argmax(Q[s]))"""
Q_OK = {"start": "int(rng.choice(starts))", "choose": Q_CHOOSE,
        "target": "r[s_next] if terminal[s_next] else r[s_next] + gamma * Q[s_next].max()",
        "stop": "if terminal[s]:\n                break"}

PI_CODE = '''
def permutation_importance_given(model, X, y, permutations):
    X = np.asarray(X, dtype=float)
    baseline = model.score(X, y)
    importances = np.empty((X.shape[1], len(permutations)))
    for j in range(X.shape[1]):
        {per_feature}
        for k, permutation in enumerate(permutations):
            {permute}
            importances[j, k] = {importance}
    return importances
'''
PI_OK = {"per_feature": "pass", "permute": "X_permuted = X.copy()\n            X_permuted[:, j] = X[np.asarray(permutation), j]",
         "importance": "baseline - model.score(X_permuted, y)"}

SHAP_CODE = '''
def exact_shapley(f, x, background):
    x = np.asarray(x, dtype=float)
    background = np.asarray(background, dtype=float)
    d = x.shape[0]

    def value(coalition):
        {value_body}

    values = {{coalition: value(coalition)
              for size in range(d + 1) for coalition in itertools.combinations(range(d), size)}}
    phi = np.zeros(d)
    for j in range(d):
        others = [i for i in range(d) if i != j]
        for size in range(d):
            weight = {weight}
            for coalition in itertools.combinations(others, size):
                phi[j] += weight * (values[tuple(sorted(coalition + (j,)))] - values[coalition])
    return phi
'''
SHAP_VALUE = "z = background.copy()\n        z[:, list(coalition)] = x[list(coalition)]\n        return float(np.mean(f(z)))"
SHAP_WEIGHT = "math.factorial(size) * math.factorial(d - size - 1) / math.factorial(d)"

PD_CODE = '''
def partial_dependence_1d(model, X, feature, grid):
    X = np.asarray(X, dtype=float)
    averages = []
    for value in grid:
        {build}
        predictions = {predict}
        averages.append(float(np.mean(predictions)))
    return np.array(averages)
'''
PD_OK = {"build": "Z = X.copy()\n        Z[:, feature] = value",
         "predict": 'model.predict_proba(Z)[:, 1] if hasattr(model, "predict_proba") else model.predict(Z)'}

LIME_CODE = '''
def lime_surrogate(f, x, Z, kernel_width, alpha):
    x, Z = np.asarray(x, dtype=float), np.asarray(Z, dtype=float)
    y = np.asarray(f(Z), dtype=float)
    weights = {weights}
    z_mean = weights @ Z / weights.sum()
    y_mean = weights @ y / weights.sum()
    Z_c, y_c = Z - z_mean, y - y_mean
    beta = np.linalg.solve(Z_c.T @ (weights[:, None] * Z_c) + alpha * np.eye(Z.shape[1]), Z_c.T @ (weights * y_c))
    return beta, float(y_mean - z_mean @ beta)
'''
LIME_WEIGHTS = "np.exp(-np.sum((Z - x) ** 2, axis=1) / kernel_width**2)"


def fill(template: str, defaults: dict[str, str], **changes: str) -> str:
    return template.format(**{**defaults, **changes})


VARIANTS = [
    # ------------------------------------------------------------------------------------ 1.1 hidden features
    Variant(
        name="hidden-features-no-relu",
        why="returns the pre-activations x W + b: the hidden layer's output is the ReLU of them",
        cells={"hidden-features": fill(HIDDEN, HIDDEN_OK, activation="activations @ weights + bias")},
        fails={HF, HF_HEAD, TRANSFER},
    ),
    Variant(
        name="hidden-features-first-layer-only",
        why="uses only the first hidden layer; with several hidden layers the features are the last hidden layer's",
        cells={"hidden-features": fill(HIDDEN, HIDDEN_OK, layers="mlp.coefs_[:1], mlp.intercepts_[:1]")},
        fails={HF, HF_HEAD},
    ),
    Variant(
        name="hidden-features-includes-output-layer",
        why="also applies the output layer, so it returns (rectified) class scores instead of hidden features",
        cells={"hidden-features": fill(HIDDEN, HIDDEN_OK, layers="mlp.coefs_, mlp.intercepts_")},
        fails={HF, HF_HEAD, TRANSFER},
    ),
    # ------------------------------------------------------------------------------------ 1.2 split and transfer
    Variant(
        name="split-first-images",
        why="takes the first n_per_class images of each class instead of a random draw",
        cells={"few-shot-split": fill(SPLIT_CODE, SPLIT_OK, draw="np.flatnonzero(y == label)[:n_per_class]")},
        fails={SPLIT, TRANSFER},
    ),
    Variant(
        name="split-rest-shuffled",
        why="returns the remaining indices in random order; the rule asks for increasing order",
        cells={"few-shot-split": fill(SPLIT_CODE, SPLIT_OK, rest="rng.permutation(rest)")},
        fails={SPLIT},
    ),
    Variant(
        name="transfer-head-on-pixels",
        why="fits the 'transfer' head on the raw pixels, so the pretrained network is never used",
        cells={"transfer": fill(TRANSFER_CODE, TRANSFER_OK, features="np.asarray(X_target, dtype=float)")},
        fails={TRANSFER},
    ),
    Variant(
        name="transfer-scored-on-labelled-images",
        why="reports the head's accuracy on the images it was trained on instead of the held-out rest",
        cells={"transfer": fill(TRANSFER_CODE, TRANSFER_OK, transfer_eval="features[labelled], y_target[labelled]")},
        fails={TRANSFER},
    ),
    Variant(
        name="transfer-keys-swapped",
        why="returns the frozen-feature accuracy under 'scratch' and the from-scratch accuracy under 'transfer'",
        cells={"transfer": """
            def transfer_vs_scratch(pretrained, X_target, y_target, n_per_class, seed):
                labelled, rest = few_shot_split(y_target, n_per_class, seed)
                features = hidden_features(pretrained, X_target)
                head = LogisticRegression(max_iter=2000).fit(features[labelled], y_target[labelled])
                scratch = MLPClassifier(hidden_layer_sizes=pretrained.hidden_layer_sizes, max_iter=pretrained.max_iter,
                                        random_state=seed)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    scratch.fit(X_target[labelled], y_target[labelled])
                return {"scratch": float(head.score(features[rest], y_target[rest])),
                        "transfer": float(scratch.score(X_target[rest], y_target[rest]))}
        """},
        fails={TRANSFER},
    ),
    # ------------------------------------------------------------------------------------ 2.1 evaluation and VI
    Variant(
        name="policy-evaluation-no-discount",
        why="solves (I - P_pi) V = r_pi without gamma: the system is singular or the values are undiscounted",
        cells={"policy-evaluation": fill(PE_CODE, PE_OK, matrix="np.eye(n_states) - P_pi")},
        fails={PE},
    ),
    Variant(
        name="policy-evaluation-reward-of-current-state",
        why="pays the reward of the state you leave; the reward r[s'] belongs to the state you arrive in",
        cells={"policy-evaluation": fill(PE_CODE, PE_OK, rhs="np.where(terminal, 0.0, r)")},
        fails={PE},
    ),
    Variant(
        name="policy-evaluation-terminal-keeps-transitions",
        why="lets terminal states keep their transitions, so they collect rewards forever instead of being worth 0",
        cells={"policy-evaluation": fill(PE_CODE, PE_OK, terminal_rows="pass")},
        fails={PE},
    ),
    Variant(
        name="value-iteration-terminal-value-kept",
        why="updates terminal states like the others, so they accumulate value; a terminal state is worth 0",
        cells={"value-iteration": fill(VI_CODE, VI_OK, loop=VI_LOOP.format(update="(P @ (r + gamma * V)).max(axis=1)"))},
        fails={VI, VI_RULES},
    ),
    Variant(
        name="value-iteration-terminal-policy-action",
        why="reports an action for terminal states; the rule asks for -1 there",
        cells={"value-iteration": fill(VI_CODE, VI_OK, terminal_policy="pass")},
        fails={VI_RULES},
    ),
    Variant(
        name="value-iteration-in-place",
        why="updates the values in place within a sweep (Gauss-Seidel); the rule asks for a synchronous sweep from V_k",
        cells={"value-iteration": fill(VI_CODE, VI_OK, loop="""while True:
        V_new = V.copy()
        for s in range(P.shape[0]):
            V_new[s] = 0.0 if terminal[s] else (P[s] @ (r + gamma * V_new)).max()
        if np.max(np.abs(V_new - V)) < tol:
            break
        V = V_new""")},
        fails={VI_RULES},
    ),
    Variant(
        name="value-iteration-fixed-sweeps",
        why="stops after 100 sweeps whatever the change: with gamma close to 1 the values have not converged",
        cells={"value-iteration": fill(VI_CODE, VI_OK, loop="""for _ in range(100):
        V_new = np.where(terminal, 0.0, (P @ (r + gamma * V)).max(axis=1))
        V = V_new""")},
        fails={VI, VI_RULES},
    ),
    Variant(
        name="value-iteration-ties-highest-action",
        why="breaks ties towards the highest action index; np.argmax returns the first (lowest) maximiser",
        cells={"value-iteration": fill(VI_CODE, VI_OK,
                                        greedy="P.shape[1] - 1 - np.argmax((P @ (r + gamma * V_new))[:, ::-1], axis=1)")},
        fails={VI_RULES},
    ),
    # ------------------------------------------------------------------------------------ 2.2 Q-learning
    Variant(
        name="q-learning-sarsa-target",
        why="bootstraps from the next action actually chosen (SARSA, on-policy) instead of the max over actions",
        cells={"q-learning": """
            def q_learning(P, r, terminal, gamma, alpha, epsilon, n_episodes, max_steps, seed):
                P, r = np.asarray(P, dtype=float), np.asarray(r, dtype=float)
                terminal = np.asarray(terminal, dtype=bool)
                n_states, n_actions, _ = P.shape
                rng = np.random.default_rng(seed)
                starts = np.flatnonzero(~terminal)
                Q = np.zeros((n_states, n_actions))

                def choose(s):
                    return int(rng.integers(n_actions)) if rng.random() < epsilon else int(np.argmax(Q[s]))

                for _ in range(n_episodes):
                    s = int(rng.choice(starts))
                    a = choose(s)
                    for _ in range(max_steps):
                        s_next = int(rng.choice(n_states, p=P[s, a]))
                        a_next = choose(s_next)
                        target = r[s_next] if terminal[s_next] else r[s_next] + gamma * Q[s_next, a_next]
                        Q[s, a] += alpha * (target - Q[s, a])
                        s, a = s_next, a_next
                        if terminal[s]:
                            break
                return Q
        """},
        fails={QL_EXACT, QL_POLICY},
    ),
    Variant(
        name="q-learning-fixed-start",
        why="starts every episode in the first non-terminal state; the rule draws the start state at random (exploring "
            "starts), without which remote states are rarely visited",
        cells={"q-learning": fill(Q_CODE, Q_OK, start="int(starts[0])")},
        fails={QL_EXACT, QL_POLICY},
    ),
    Variant(
        name="q-learning-epsilon-inverted",
        why="exploits with probability epsilon and explores with probability 1 - epsilon; epsilon is the exploration rate",
        cells={"q-learning": fill(Q_CODE, Q_OK, choose="""if rng.random() < epsilon:
                a = int(np.argmax(Q[s]))
            else:
                a = int(rng.integers(n_actions))""")},
        fails={QL_EXACT},
    ),
    Variant(
        name="q-learning-max-over-current-state",
        why="bootstraps from max Q(s, .) of the state just left instead of the next state s'",
        cells={"q-learning": fill(Q_CODE, Q_OK, target="r[s_next] if terminal[s_next] else r[s_next] + gamma * Q[s].max()")},
        fails={QL_EXACT, QL_POLICY},
    ),
    Variant(
        name="q-learning-random-calls-reordered",
        why="draws the random action before the exploration test, which changes every later random number",
        cells={"q-learning": fill(Q_CODE, Q_OK, choose="""candidate = int(rng.integers(n_actions))
            a = candidate if rng.random() < epsilon else int(np.argmax(Q[s]))""")},
        fails={QL_EXACT},
    ),
    # ------------------------------------------------------------------------------------ 3.1 permutation importance
    Variant(
        name="permutation-importance-sign-flipped",
        why="reports permuted score minus baseline: an important feature must get a positive importance",
        cells={"permutation-importance": fill(PI_CODE, PI_OK, importance="model.score(X_permuted, y) - baseline")},
        fails={PI, PI_SK},
    ),
    Variant(
        name="permutation-importance-cumulative",
        why="permutes the already-permuted column again at each repeat; each repeat must start from the original X",
        cells={"permutation-importance": fill(
            PI_CODE, PI_OK, per_feature="X_permuted = X.copy()",
            permute="X_permuted[:, j] = X_permuted[np.asarray(permutation), j]")},
        fails={PI, PI_SK},
    ),
    Variant(
        name="permutation-importance-in-place",
        why="shuffles the columns of X in place and never restores them, so later features see earlier shuffles",
        cells={"permutation-importance": fill(
            PI_CODE, PI_OK, permute="X_permuted = X\n            X_permuted[:, j] = X_permuted[np.asarray(permutation), j]")},
        fails={PI, PI_SK},
    ),
    Variant(
        name="permutation-importance-whole-rows",
        why="permutes whole rows of X (every feature at once) instead of one column",
        cells={"permutation-importance": fill(PI_CODE, PI_OK, permute="X_permuted = X[np.asarray(permutation)]")},
        fails={PI, PI_SK},
    ),
    # ------------------------------------------------------------------------------------ 3.2 Shapley
    Variant(
        name="shapley-uniform-weights",
        why="averages the marginal contributions with equal weights per coalition; Shapley weights depend on |S|",
        cells={"shapley": SHAP_CODE.format(value_body=SHAP_VALUE, weight="1.0 / 2 ** (d - 1)")},
        fails={SH_EFF, SH_INT},
    ),
    Variant(
        name="shapley-weights-off-by-one",
        why="uses |S|! (d - |S|)! / d!; the weights |S|! (d - |S| - 1)! / d! are the ones that sum to 1",
        cells={"shapley": SHAP_CODE.format(value_body=SHAP_VALUE,
                                           weight="math.factorial(size) * math.factorial(d - size) / math.factorial(d)")},
        fails={SH_LIN, SH_EFF, SH_INT},
    ),
    Variant(
        name="shapley-model-at-mean-background",
        why="evaluates f at the mean background row (f of the mean) instead of averaging f over the background rows",
        cells={"shapley": SHAP_CODE.format(
            value_body="z = background.mean(axis=0)[None, :].copy()\n        z[:, list(coalition)] = x[list(coalition)]\n"
                       "        return float(np.mean(f(z)))",
            weight=SHAP_WEIGHT)},
        fails={SH_EFF, SH_INT},
    ),
    Variant(
        name="shapley-absent-features-zero",
        why="sets the absent features to 0 instead of taking them from the background data",
        cells={"shapley": SHAP_CODE.format(
            value_body="z = np.zeros((1, d))\n        z[:, list(coalition)] = x[list(coalition)]\n        return float(np.mean(f(z)))",
            weight=SHAP_WEIGHT)},
        fails={SH_LIN, SH_EFF, SH_INT},
    ),
    Variant(
        name="shapley-leave-one-out",
        why="uses v(N) - v(N without j) only; with interactions the contribution depends on the coalition",
        cells={"shapley": """
            def exact_shapley(f, x, background):
                x = np.asarray(x, dtype=float)
                background = np.asarray(background, dtype=float)
                d = x.shape[0]

                def value(members):
                    z = background.copy()
                    z[:, members] = x[members]
                    return float(np.mean(f(z)))

                everyone = list(range(d))
                return np.array([value(everyone) - value([i for i in everyone if i != j]) for j in range(d)])
        """},
        fails={SH_EFF, SH_INT},
    ),
    # ------------------------------------------------------------------------------------ 3.3 partial dependence
    Variant(
        name="partial-dependence-at-mean-row",
        why="predicts at the average row with the feature set to v; partial dependence averages over the real rows",
        cells={"partial-dependence": fill(PD_CODE, PD_OK, build="Z = X.mean(axis=0, keepdims=True)\n        Z[:, feature] = value")},
        fails={PD, PD_CLF},
    ),
    Variant(
        name="partial-dependence-classifier-labels",
        why="averages predicted labels for a classifier; the partial dependence uses the probability of class 1",
        cells={"partial-dependence": fill(PD_CODE, PD_OK, predict="model.predict(Z)")},
        fails={PD_CLF},
    ),
    Variant(
        name="partial-dependence-class-zero",
        why="averages the probability of the first class; scikit-learn uses the second (positive) class",
        cells={"partial-dependence": fill(
            PD_CODE, PD_OK,
            predict='model.predict_proba(Z)[:, 0] if hasattr(model, "predict_proba") else model.predict(Z)')},
        fails={PD_CLF},
    ),
    Variant(
        name="partial-dependence-modifies-x",
        why="overwrites the column of the caller's X instead of a copy, so X comes back changed",
        cells={"partial-dependence": fill(PD_CODE, PD_OK, build="Z = X\n        Z[:, feature] = value")},
        fails={PD},
    ),
    # ------------------------------------------------------------------------------------ 3.4 LIME
    Variant(
        name="lime-unweighted",
        why="fits the ridge with equal weights: without the proximity kernel the surrogate is global, not local",
        cells={"lime": LIME_CODE.format(weights="np.ones(len(Z))")},
        fails={LIME_RIDGE, LIME_LOCAL},
    ),
    Variant(
        name="lime-distance-not-squared",
        why="uses exp(-distance / width^2); the kernel is exp(-distance^2 / width^2)",
        cells={"lime": LIME_CODE.format(weights="np.exp(-np.sqrt(np.sum((Z - x) ** 2, axis=1)) / kernel_width**2)")},
        fails={LIME_RIDGE, LIME_LOCAL},
    ),
    Variant(
        name="lime-normalised-weights",
        why="normalises the weights to sum to 1, which changes their balance with the penalty alpha",
        cells={"lime": LIME_CODE.format(weights=f"{LIME_WEIGHTS} / np.sum(np.exp(-np.sum((Z - x) ** 2, axis=1) / kernel_width**2))")},
        fails={LIME_RIDGE, LIME_LOCAL},
    ),
    Variant(
        name="lime-penalised-intercept",
        why="adds a column of ones and penalises it with the slopes; the intercept must not be penalised",
        cells={"lime": """
            def lime_surrogate(f, x, Z, kernel_width, alpha):
                x, Z = np.asarray(x, dtype=float), np.asarray(Z, dtype=float)
                y = np.asarray(f(Z), dtype=float)
                weights = np.exp(-np.sum((Z - x) ** 2, axis=1) / kernel_width**2)
                design = np.column_stack([np.ones(len(Z)), Z])
                coef = np.linalg.solve(design.T @ (weights[:, None] * design) + alpha * np.eye(design.shape[1]),
                                       design.T @ (weights * y))
                return coef[1:], float(coef[0])
        """},
        fails={LIME_RIDGE, LIME_LOCAL},
    ),
    Variant(
        name="lime-calls-sklearn",
        why="Ridge inside a from-scratch exercise earns nothing",
        cells={"lime": """
            from sklearn.linear_model import Ridge

            def lime_surrogate(f, x, Z, kernel_width, alpha):
                x, Z = np.asarray(x, dtype=float), np.asarray(Z, dtype=float)
                weights = np.exp(-np.sum((Z - x) ** 2, axis=1) / kernel_width**2)
                model = Ridge(alpha=alpha).fit(Z, f(Z), sample_weight=weights)
                return model.coef_, float(model.intercept_)
        """},
        fails={LIME_RIDGE, LIME_LOCAL},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
_ARRAYS = "the spec gives P, r and terminal as numpy arrays (of shapes (S, A, S), (S,), (S,)), so np.asarray is a no-op"
_SQUARE = "P has shape (S, A, S), so P.shape[-1] == P.shape[0] == S"
_TERMINAL_ROW = ("the action chosen at a terminal state only selects a row of P_pi that the next line sets to 0, "
                 "so any action index there gives the same V")
EQUIVALENT_MUTANTS = {
    "few-shot-split@e1ef6366": "y is only read by np.unique, `y == c` (numpy scalars broadcast against a list) and "
                               "len(), so a list behaves like an array",
    "policy-evaluation@bfeec7d8": _ARRAYS,
    "policy-evaluation@d76a1680": _ARRAYS,
    "policy-evaluation@94bb2684": _SQUARE,
    "policy-evaluation@101d1995": _TERMINAL_ROW,
    "policy-evaluation@d2d245f0": _TERMINAL_ROW,
    "value-iteration@32292b90": _ARRAYS,
    "value-iteration@c76747af": _ARRAYS,
    "value-iteration@313b8715": _SQUARE,
    "value-iteration@88dc8635": "differs only when a sweep's largest change equals tol bit for bit; a test "
                                "forcing that tie would also fail correct code whose float operations differ by one ulp",
    "q-learning@6cba02c5": _ARRAYS,
    "q-learning@66a31a32": _ARRAYS,
    "q-learning@304ded1e": "differs only when a draw of rng.random() equals epsilon exactly (probability about 2**-53 "
                           "per draw)",
    "shapley@c8ea3793": "x is one instance of shape (d,), so x.shape[-1] == x.shape[0]",
    "shapley@c1a268bc": "itertools.combinations(range(d), d + 1) is empty, so the extra coalition size adds nothing",
}

"""Plausible wrong answers to 02_algorithms/2_trees_and_ensembles; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant


def bug(code, old, new):
    """`code` with one plausible mistake: `old` (which must occur) replaced by `new`."""
    assert old in code, f"variant template out of date: {old!r} not found"
    return code.replace(old, new)


# Reference implementations (as in the source notebook); each variant injects one bug with bug().
SPLIT_OK = """
def best_split(X, y, criterion="gini", features=None):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, d = X.shape
    if criterion in ("gini", "entropy"):
        _, codes = np.unique(y, return_inverse=True)
        stats = np.eye(codes.max() + 1)[codes]
    else:
        centred = y.astype(float) - y.mean()
        stats = np.column_stack([centred, centred**2])

    def impurity(sums, size):
        if criterion == "squared_error":
            mean = sums[..., 0] / size
            return np.maximum(sums[..., 1] / size - mean**2, 0.0)
        p = sums / size[..., None]
        if criterion == "gini":
            return 1.0 - (p**2).sum(axis=-1)
        return -(p * np.log2(np.where(p > 0, p, 1.0))).sum(axis=-1)

    features = np.arange(d) if features is None else np.asarray(features, dtype=int)
    if n < 2 or len(features) == 0:
        return None
    columns = X[:, features]
    order = columns.argsort(axis=0, kind="stable")
    values = columns[order, np.arange(len(features))]
    left = stats[order].cumsum(axis=0)[:-1]
    total = stats.sum(axis=0)
    n_left = np.arange(1, n, dtype=float)[:, None]
    parent = impurity(total, np.float64(n))
    child = (n_left * impurity(left, n_left) + (n - n_left) * impurity(total - left, n - n_left)) / n
    gain = np.where(values[1:] > values[:-1], parent - child, -np.inf)
    f, i = divmod(int(gain.T.argmax()), n - 1)
    if not np.isfinite(gain[i, f]):
        return None
    return int(features[f]), float((values[i, f] + values[i + 1, f]) / 2), float(gain[i, f])
"""

TREE_OK = """
def fit_tree(X, y, criterion="gini", max_depth=None, min_samples_split=2, max_features=None, rng=None):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    d = X.shape[1]
    rng = np.random.default_rng() if rng is None else rng

    def grow(rows, depth):
        labels = y[rows]
        if criterion == "squared_error":
            leaf = {"value": float(np.mean(labels))}
        else:
            classes, counts = np.unique(labels, return_counts=True)
            leaf = {"value": classes[np.argmax(counts)]}
        if np.all(labels == labels[0]) or len(rows) < min_samples_split or (max_depth is not None and depth >= max_depth):
            return leaf
        features = None
        if max_features is not None and max_features < d:
            features = rng.choice(d, size=max_features, replace=False)
        split = best_split(X[rows], labels, criterion, features)
        if split is None:
            return leaf
        j, t, _ = split
        mask = X[rows, j] <= t
        return {"feature": j, "threshold": t, "left": grow(rows[mask], depth + 1), "right": grow(rows[~mask], depth + 1)}

    return grow(np.arange(len(y)), 0)


def predict_tree(tree, X):
    X = np.asarray(X, dtype=float)
    leaves = []

    def route(node, rows):
        if "value" in node:
            leaves.append((rows, node["value"]))
            return
        mask = X[rows, node["feature"]] <= node["threshold"]
        route(node["left"], rows[mask])
        route(node["right"], rows[~mask])

    route(tree, np.arange(len(X)))
    values = np.array([value for _, value in leaves])
    out = np.empty(len(X), dtype=values.dtype)
    for (rows, _), value in zip(leaves, values):
        out[rows] = value
    return out
"""

FOREST_OK_VOTE = """
def predict_forest(forest, X):
    votes = np.array([predict_tree(tree, X) for tree, _ in forest])
    classes = np.unique(votes)
    counts = (votes[:, :, None] == classes[None, None, :]).sum(axis=0)
    return classes[np.argmax(counts, axis=1)]
"""


def forest_variant(fit_body, vote=FOREST_OK_VOTE):
    return (
        """
def fit_forest(X, y, n_trees=25, max_features="sqrt", max_depth=None, min_samples_split=2, rng=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng() if rng is None else rng
    d = X.shape[1]
    k = d if max_features is None else (max(1, int(np.sqrt(d))) if max_features == "sqrt" else int(max_features))
"""
        + fit_body
        + vote
    )


GBM_TEMPLATE = """
def fit_gbm(X, y, n_estimators=50, learning_rate=0.1, max_depth=3):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    start = START_RULE
    F = np.full(len(y), start)
    trees = []
    for _ in range(n_estimators):
        tree = fit_tree(X, TARGET_RULE, "squared_error", max_depth=max_depth)
        F = F + UPDATE_RULE * predict_tree(tree, X)
        trees.append(tree)
    return {"start": start, "learning_rate": learning_rate, "trees": trees}


def predict_gbm(model, X):
    F = np.full(len(X), model["start"])
    for tree in model["trees"]:
        F = F + PREDICT_RULE * predict_tree(tree, X)
    return F
"""


def gbm_variant(start="float(y.mean())", target="y - F", update="learning_rate", predict='model["learning_rate"]'):
    return (
        GBM_TEMPLATE.replace("START_RULE", start)
        .replace("TARGET_RULE", target)
        .replace("UPDATE_RULE", update)
        .replace("PREDICT_RULE", predict)
    )


CHOOSE_OK = """
def choose_max_depth(X_train, y_train, X_val, y_val, depths, criterion="gini"):
    y_train, y_val = np.asarray(y_train), np.asarray(y_val)
    train_accuracy, val_accuracy = [], []
    for depth in depths:
        tree = fit_tree(X_train, y_train, criterion, max_depth=depth)
        train_accuracy.append(np.mean(predict_tree(tree, X_train) == y_train))
        val_accuracy.append(np.mean(predict_tree(tree, X_val) == y_val))
    train_accuracy, val_accuracy = np.array(train_accuracy), np.array(val_accuracy)
    best_depth = int(min(np.asarray(depths)[val_accuracy == val_accuracy.max()]))
    return best_depth, train_accuracy, val_accuracy
"""

ALL_TREE_TESTS = {"test-tree-rules", "test-tree-classifier", "test-tree-regressor"}

VARIANTS = [
    # ----------------------------------------------------------------------------------------- impurity
    Variant(
        name="gini-sum-of-squares",
        why="returns sum p_k^2 (the purity), forgetting the 1 -",
        cells={
            "impurity": """
            def gini(y):
                _, c = np.unique(np.asarray(y), return_counts=True)
                return float(np.sum((c / c.sum()) ** 2))

            def entropy(y):
                _, c = np.unique(np.asarray(y), return_counts=True)
                p = c / c.sum()
                return float(-np.sum(p * np.log2(p)))
        """
        },
        fails={"test-gini"},
    ),
    Variant(
        name="entropy-natural-log",
        why="np.log gives nats; scikit-learn's entropy is in bits",
        cells={
            "impurity": """
            def gini(y):
                _, c = np.unique(np.asarray(y), return_counts=True)
                return float(1 - np.sum((c / c.sum()) ** 2))

            def entropy(y):
                _, c = np.unique(np.asarray(y), return_counts=True)
                p = c / c.sum()
                return float(-np.sum(p * np.log(p)))
        """
        },
        fails={"test-entropy"},
    ),
    Variant(
        name="entropy-bincount-zero-counts",
        why="np.bincount creates zero counts for absent label values: 0 * log(0) is nan (and strings fail)",
        cells={
            "impurity": """
            def gini(y):
                _, c = np.unique(np.asarray(y), return_counts=True)
                return float(1 - np.sum((c / c.sum()) ** 2))

            def entropy(y):
                p = np.bincount(np.asarray(y)) / len(y)
                return float(-np.sum(p * np.log2(p)))
        """
        },
        fails={"test-entropy"},
    ),
    Variant(
        name="entropy-calls-scipy",
        why="scipy.stats.entropy inside a from-scratch exercise earns nothing",
        cells={
            "impurity": """
            from scipy.stats import entropy as scipy_entropy

            def gini(y):
                _, c = np.unique(np.asarray(y), return_counts=True)
                return float(1 - np.sum((c / c.sum()) ** 2))

            def entropy(y):
                _, c = np.unique(np.asarray(y), return_counts=True)
                return float(scipy_entropy(c, base=2))
        """
        },
        fails={"test-entropy"},
    ),
    # ----------------------------------------------------------------------------------------- best split
    Variant(
        name="split-threshold-at-left-value",
        why="the threshold is the left value x_i instead of the midpoint (x_i + x_i+1) / 2",
        cells={"best-split": bug(SPLIT_OK, "float((values[i, f] + values[i + 1, f]) / 2)", "float(values[i, f])")},
        fails={"test-best-split-toy", "test-best-split-sklearn", "test-tree-classifier", "test-tree-regressor",
               "test-gbm-sklearn"},
    ),
    Variant(
        name="split-unweighted-children",
        why="averages the children's impurities instead of weighting them by their sizes",
        cells={
            "best-split": bug(
                SPLIT_OK,
                "(n_left * impurity(left, n_left) + (n - n_left) * impurity(total - left, n - n_left)) / n",
                "(impurity(left, n_left) + impurity(total - left, n - n_left)) / 2",
            )
        },
        fails={*ALL_TREE_TESTS, "test-best-split-toy", "test-best-split-sklearn", "test-forest-accuracy",
               "test-gbm-sklearn", "test-choose-depth", "test-choose-depth-ties"},
    ),
    Variant(
        name="split-gain-not-divided-by-n",
        why="weights the children by their counts but forgets to divide by n: same splits, wrong gain",
        cells={
            "best-split": bug(
                SPLIT_OK, "impurity(total - left, n - n_left)) / n", "impurity(total - left, n - n_left))"
            )
        },
        fails={"test-best-split-toy", "test-best-split-sklearn"},
    ),
    Variant(
        name="split-between-equal-values",
        why="considers thresholds between equal values, whose partition is not the one scored",
        cells={
            "best-split": bug(SPLIT_OK, "np.where(values[1:] > values[:-1], parent - child, -np.inf)", "parent - child")
        },
        fails={"test-best-split-toy"},
    ),
    Variant(
        name="split-ignores-features",
        why="always searches every feature, so the forest's max_features has no effect",
        cells={
            "best-split": bug(
                SPLIT_OK, "np.arange(d) if features is None else np.asarray(features, dtype=int)", "np.arange(d)"
            )
        },
        fails={"test-best-split-sklearn", "test-forest-feature-sampling"},
    ),
    Variant(
        name="split-calls-sklearn",
        why="a scikit-learn stump inside a from-scratch exercise earns nothing",
        cells={
            "best-split": """
            from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

            def best_split(X, y, criterion="gini", features=None):
                X = np.asarray(X, dtype=float)
                cols = list(range(X.shape[1])) if features is None else list(features)
                if len(X) < 2 or np.all(X[:, cols] == X[0, cols]):
                    return None
                model = DecisionTreeRegressor(max_depth=1) if criterion == "squared_error" else \\
                    DecisionTreeClassifier(criterion=criterion, max_depth=1)
                t = model.fit(X[:, cols], y).tree_
                if t.node_count < 3:
                    return None
                n = t.n_node_samples
                gain = t.impurity[0] - (n[1] * t.impurity[1] + n[2] * t.impurity[2]) / n[0]
                return cols[t.feature[0]], float(t.threshold[0]), float(gain)
        """
        },
        fails={*ALL_TREE_TESTS, "test-best-split-toy", "test-best-split-sklearn", "test-forest-basics",
               "test-forest-accuracy", "test-forest-feature-sampling", "test-gbm-basics",
               "test-gbm-sklearn", "test-choose-depth"},
    ),
    # ----------------------------------------------------------------------------------------- tree
    Variant(
        name="tree-depth-off-by-one",
        why="stops at depth > max_depth instead of depth == max_depth: one level too deep",
        cells={"tree": bug(TREE_OK, "depth >= max_depth", "depth > max_depth")},
        fails={*ALL_TREE_TESTS, "test-gbm-sklearn", "test-choose-depth", "test-choose-depth-ties",
               "test-forest-feature-sampling"},
    ),
    Variant(
        name="tree-min-samples-split-off-by-one",
        why="treats a node with exactly min_samples_split rows as a leaf",
        cells={"tree": bug(TREE_OK, "len(rows) < min_samples_split", "len(rows) <= min_samples_split")},
        fails={"test-tree-rules", "test-gbm-sklearn"},
    ),
    Variant(
        name="tree-tie-to-largest-label",
        why="breaks majority ties towards the largest label (last maximum)",
        cells={
            "tree": bug(TREE_OK, "classes[np.argmax(counts)]", "classes[len(counts) - 1 - np.argmax(counts[::-1])]")
        },
        fails={"test-tree-rules", "test-choose-depth"},
    ),
    Variant(
        name="tree-leaf-median",
        why="a regression leaf predicts the median instead of the mean (the squared-error optimum)",
        cells={"tree": bug(TREE_OK, "float(np.mean(labels))", "float(np.median(labels))")},
        fails={"test-tree-rules", "test-tree-regressor", "test-gbm-sklearn"},
    ),
    Variant(
        name="tree-ignores-max-features",
        why="fit_tree searches every feature even when max_features is set",
        cells={"tree": bug(TREE_OK, "if max_features is not None and max_features < d", "if False")},
        fails={"test-forest-feature-sampling"},
    ),
    Variant(
        name="tree-calls-sklearn",
        why="scikit-learn's trees inside a from-scratch exercise earn nothing",
        cells={
            "tree": """
            from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

            def fit_tree(X, y, criterion="gini", max_depth=None, min_samples_split=2, max_features=None, rng=None):
                seed = None if rng is None else int(rng.integers(2**31))
                if criterion == "squared_error":
                    model = DecisionTreeRegressor(max_depth=max_depth, min_samples_split=min_samples_split,
                                                  max_features=max_features, random_state=seed)
                else:
                    model = DecisionTreeClassifier(criterion=criterion, max_depth=max_depth, max_features=max_features,
                                                   min_samples_split=min_samples_split, random_state=seed)
                return model.fit(X, y)

            def predict_tree(tree, X):
                return tree.predict(np.asarray(X, dtype=float))
        """
        },
        fails={*ALL_TREE_TESTS, "test-forest-basics", "test-forest-accuracy", "test-forest-feature-sampling",
               "test-oob", "test-gbm-basics", "test-gbm-sklearn", "test-choose-depth"},
    ),
    # ----------------------------------------------------------------------------------------- MC trees
    Variant(
        name="depth-ties-to-deepest",
        why="among depths with equal validation accuracy it keeps the deepest tree: with no gain in accuracy, the "
        "simplest tree is the one to keep",
        cells={"choose-depth": CHOOSE_OK.replace(
            "best_depth = int(min(np.asarray(depths)[val_accuracy == val_accuracy.max()]))",
            "best_depth = int(max(np.asarray(depths)[val_accuracy == val_accuracy.max()]))")},
        fails={"test-choose-depth-ties", "test-choose-depth"},
    ),
    Variant(
        name="depth-first-in-list",
        why="takes the first maximum in the order the depths were given (np.argmax on the list): the tie rule is "
        "about depth, not about position in the list",
        cells={"choose-depth": CHOOSE_OK.replace(
            "best_depth = int(min(np.asarray(depths)[val_accuracy == val_accuracy.max()]))",
            "best_depth = int(depths[int(np.argmax(val_accuracy))])")},
        fails={"test-choose-depth-ties"},
    ),
    Variant(
        name="depth-chosen-on-training-rows",
        why="picks the depth with the best training accuracy: training accuracy only grows with depth, so this "
        "always picks the deepest tree; the choice must be made on validation rows",
        cells={"choose-depth": CHOOSE_OK.replace(
            "best_depth = int(min(np.asarray(depths)[val_accuracy == val_accuracy.max()]))",
            "best_depth = int(min(np.asarray(depths)[train_accuracy == train_accuracy.max()]))")},
        fails={"test-choose-depth"},
    ),
    Variant(
        name="depth-accuracies-sorted-by-depth",
        why="returns the accuracies sorted by depth instead of in the order of `depths`",
        cells={"choose-depth": CHOOSE_OK.replace("for depth in depths:", "for depth in sorted(depths):")},
        fails={"test-choose-depth", "test-choose-depth-ties"},
    ),
    Variant(
        name="depth-calls-sklearn",
        why="DecisionTreeClassifier inside the exercise earns nothing: use your own fit_tree and predict_tree",
        cells={
            "choose-depth": """
            def choose_max_depth(X_train, y_train, X_val, y_val, depths, criterion="gini"):
                from sklearn.tree import DecisionTreeClassifier
                train, val = [], []
                for depth in depths:
                    tree = DecisionTreeClassifier(criterion=criterion, max_depth=depth).fit(X_train, y_train)
                    train.append(tree.score(X_train, y_train))
                    val.append(tree.score(X_val, y_val))
                val = np.array(val)
                return int(min(np.asarray(depths)[val == val.max()])), np.array(train), val
        """
        },
        fails={"test-choose-depth"},
    ),
    # ----------------------------------------------------------------------------------------- bootstrap
    Variant(
        name="bootstrap-without-replacement",
        why="a permutation is not a bootstrap sample: every row is in bag, no OOB rows are left",
        cells={
            "bootstrap": """
            def bootstrap_indices(n, rng):
                sample = rng.permutation(n)
                return sample, np.setdiff1d(np.arange(n), sample)
        """
        },
        fails={"test-bootstrap", "test-forest-basics", "test-oob"},
    ),
    Variant(
        name="bootstrap-global-rng",
        why="np.random.randint ignores the given generator: results are not reproducible from the seed",
        cells={
            "bootstrap": """
            def bootstrap_indices(n, rng):
                sample = np.random.randint(0, n, size=n)
                return sample, np.setdiff1d(np.arange(n), sample)
        """
        },
        fails={"test-bootstrap", "test-forest-basics"},
    ),
    Variant(
        name="bootstrap-never-last-row",
        why="rng.integers(0, n - 1) excludes the upper bound: the last row is never drawn",
        cells={
            "bootstrap": """
            def bootstrap_indices(n, rng):
                sample = rng.integers(0, n - 1, size=n)
                return sample, np.setdiff1d(np.arange(n), sample)
        """
        },
        fails={"test-bootstrap"},
    ),
    Variant(
        name="bootstrap-oob-is-in-bag",
        why="returns the distinct in-bag rows as the OOB set",
        cells={
            "bootstrap": """
            def bootstrap_indices(n, rng):
                sample = rng.integers(0, n, size=n)
                return sample, np.unique(sample)
        """
        },
        fails={"test-bootstrap", "test-forest-basics", "test-oob"},
    ),
    # ----------------------------------------------------------------------------------------- forest
    Variant(
        name="forest-features-per-tree",
        why="draws one feature subset per tree (random subspace) instead of a fresh subset at every split",
        cells={
            "forest": forest_variant("""
    forest = []
    for _ in range(n_trees):
        sample, oob = bootstrap_indices(len(y), rng)
        hidden = np.setdiff1d(np.arange(d), rng.choice(d, size=k, replace=False))
        Xs = X[sample].copy()
        Xs[:, hidden] = 0.0          # constant columns are never split on: the tree sees only k features
        forest.append((fit_tree(Xs, y[sample], "gini", max_depth, min_samples_split), oob))
    return forest
""")
        },
        fails={"test-forest-accuracy"},
    ),
    Variant(
        name="forest-forgets-max-features",
        why="never passes max_features to fit_tree, so every split searches all features (plain bagging)",
        cells={
            "forest": forest_variant("""
    forest = []
    for _ in range(n_trees):
        sample, oob = bootstrap_indices(len(y), rng)
        forest.append((fit_tree(X[sample], y[sample], "gini", max_depth, min_samples_split), oob))
    return forest
""")
        },
        fails={"test-forest-feature-sampling"},
    ),
    Variant(
        name="forest-vote-by-mean",
        why="rounds the mean of the votes: only right for two numeric classes",
        cells={
            "forest": forest_variant(
                """
    forest = []
    for _ in range(n_trees):
        sample, oob = bootstrap_indices(len(y), rng)
        forest.append((fit_tree(X[sample], y[sample], "gini", max_depth, min_samples_split, k, rng), oob))
    return forest
""",
                vote="""
def predict_forest(forest, X):
    votes = np.array([predict_tree(tree, X) for tree, _ in forest]).astype(float)
    return np.rint(votes.mean(axis=0)).astype(int)
""",
            )
        },
        fails={"test-forest-basics", "test-forest-accuracy"},
    ),
    Variant(
        name="forest-vote-ties-first-seen",
        why="Counter.most_common breaks vote ties by the first tree's label, not the smallest label",
        cells={
            "forest": forest_variant(
                """
    forest = []
    for _ in range(n_trees):
        sample, oob = bootstrap_indices(len(y), rng)
        forest.append((fit_tree(X[sample], y[sample], "gini", max_depth, min_samples_split, k, rng), oob))
    return forest
""",
                vote="""
from collections import Counter

def predict_forest(forest, X):
    votes = np.array([predict_tree(tree, X) for tree, _ in forest])
    return np.array([Counter(votes[:, i].tolist()).most_common(1)[0][0] for i in range(votes.shape[1])])
""",
            )
        },
        fails={"test-forest-basics"},
    ),
    Variant(
        name="forest-calls-sklearn",
        why="RandomForestClassifier inside a from-scratch exercise earns nothing",
        cells={
            "forest": """
            from sklearn.ensemble import RandomForestClassifier

            def fit_forest(X, y, n_trees=25, max_features="sqrt", max_depth=None, min_samples_split=2, rng=None):
                seed = None if rng is None else int(rng.integers(2**31))
                model = RandomForestClassifier(n_estimators=n_trees, max_features=max_features, max_depth=max_depth,
                                               min_samples_split=min_samples_split, random_state=seed).fit(X, y)
                n = len(y)
                pairs = []
                for est, sample in zip(model.estimators_, model.estimators_samples_):
                    pairs.append((est, np.setdiff1d(np.arange(n), sample)))
                return pairs

            def predict_forest(forest, X):
                votes = np.array([est.classes_[est.predict(np.asarray(X, dtype=float)).astype(int)]
                                  for est, _ in forest])
                classes = np.unique(votes)
                counts = (votes[:, :, None] == classes[None, None, :]).sum(axis=0)
                return classes[np.argmax(counts, axis=1)]
        """
        },
        fails={"test-forest-basics", "test-forest-accuracy", "test-forest-feature-sampling", "test-oob"},
    ),
    # ----------------------------------------------------------------------------------------- OOB
    Variant(
        name="oob-uses-all-trees",
        why="votes with every tree, including those that trained on the row: that is training accuracy",
        cells={
            "oob": """
            def oob_score(forest, X, y):
                return float(np.mean(predict_forest(forest, X) == np.asarray(y)))
        """
        },
        fails={"test-oob"},
    ),
    Variant(
        name="oob-mean-of-tree-accuracies",
        why="averages each tree's own OOB accuracy instead of scoring the OOB majority vote of the ensemble",
        cells={
            "oob": """
            def oob_score(forest, X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y)
                scores = [np.mean(predict_tree(t, X[oob]) == y[oob]) for t, oob in forest if len(oob)]
                return float(np.mean(scores))
        """
        },
        fails={"test-oob"},
    ),
    Variant(
        name="oob-in-bag-rows",
        why="inverts the mask: each row is scored by the trees that did train on it",
        cells={
            "oob": """
            def oob_score(forest, X, y):
                X, y = np.asarray(X, dtype=float), np.asarray(y)
                classes = np.unique(y)
                votes = np.zeros((len(y), len(classes)))
                for tree, oob in forest:
                    inbag = np.setdiff1d(np.arange(len(y)), oob)
                    votes[inbag] += predict_tree(tree, X[inbag])[:, None] == classes[None, :]
                voted = votes.sum(axis=1) > 0
                return float(np.mean(classes[np.argmax(votes, axis=1)][voted] == y[voted]))
        """
        },
        fails={"test-oob"},
    ),
    # ----------------------------------------------------------------------------------------- MC forest
    Variant(
        name="forest-mc-overfits",
        why="confuses bagging with boosting: adding trees to a forest does not overfit",
        cells={"forest-mc": 'FOREST_MORE_TREES = "a"'},
        fails={"test-forest-mc"},
    ),
    Variant(
        name="forest-mc-bias",
        why="averaging trees does not lower their bias",
        cells={"forest-mc": 'FOREST_MORE_TREES = "b"'},
        fails={"test-forest-mc"},
    ),
    # ----------------------------------------------------------------------------------------- boosting
    Variant(
        name="gbm-start-at-zero",
        why="starts from 0 instead of the mean of y: the shrunken trees never catch up",
        cells={"gbm": gbm_variant(start="0.0")},
        fails={"test-gbm-basics", "test-gbm-sklearn"},
    ),
    Variant(
        name="gbm-no-shrinkage-while-fitting",
        why="updates the training predictions with the full tree but shrinks the trees at prediction time",
        cells={"gbm": gbm_variant(update="1.0")},
        fails={"test-gbm-sklearn"},
    ),
    Variant(
        name="gbm-fits-targets",
        why="every stage fits y instead of the current residuals y - F",
        cells={"gbm": gbm_variant(target="y")},
        fails={"test-gbm-basics", "test-gbm-sklearn"},
    ),
    Variant(
        name="gbm-predict-without-rate",
        why="adds the trees unshrunk at prediction time",
        cells={"gbm": gbm_variant(predict="1.0")},
        fails={"test-gbm-basics", "test-gbm-sklearn"},
    ),
    Variant(
        name="gbm-calls-sklearn",
        why="GradientBoostingRegressor inside a from-scratch exercise earns nothing",
        cells={
            "gbm": """
            from sklearn.ensemble import GradientBoostingRegressor

            def fit_gbm(X, y, n_estimators=50, learning_rate=0.1, max_depth=3):
                if n_estimators == 0:
                    return float(np.mean(y))
                return GradientBoostingRegressor(n_estimators=n_estimators, learning_rate=learning_rate,
                                                 max_depth=max_depth, random_state=0).fit(X, y)

            def predict_gbm(model, X):
                if isinstance(model, float):
                    return np.full(len(X), model)
                return model.predict(np.asarray(X, dtype=float))
        """
        },
        fails={"test-gbm-basics", "test-gbm-sklearn"},
    ),
    # ----------------------------------------------------------------------------------------- MC boosting
    Variant(
        name="gbm-mc-parallel",
        why="boosting's trees depend on each other; only a forest's are independent",
        cells={"gbm-mc": 'BOOSTING_CLAIM = "a"'},
        fails={"test-gbm-mc"},
    ),
    Variant(
        name="gbm-mc-robust",
        why="squared loss makes boosting chase outliers",
        cells={"gbm-mc": 'BOOSTING_CLAIM = "c"'},
        fails={"test-gbm-mc"},
    ),
]

# Mutants of the reference solutions that no input allowed by the specification can tell from them (course validate
# --mutants), with the reason; every other mutant loses a point in its exercise or is a listed survivor.
EQUIVALENT_MUTANTS = {
    "forest@e97f51c6": "max(0, int(sqrt(d))) = max(1, int(sqrt(d))) because d ≥ 1 gives int(sqrt(d)) ≥ 1",
    "gbm@f9e10245": "fit_gbm only passes X to fit_tree and predict_tree, which convert a list or an array alike",
    "gbm@6349841b": "predict_gbm only passes X to predict_tree (which converts it) and takes len(X), the same for "
                    "a list",
}

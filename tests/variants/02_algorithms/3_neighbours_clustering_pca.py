"""Plausible wrong answers to 02_algorithms/3_neighbours_clustering_pca; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

KNN_DISTANCE_TESTS = {
    "test-knn-classify-uniform",
    "test-knn-classify-distance",
    "test-knn-regress-uniform",
    "test-knn-regress-distance",
}

KNN_STANDARDISED_OK = """
def knn_standardised(X_train, y_train, X_test, k=5):
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    scale[scale == 0] = 1.0
    return knn_classify((X_train - mean) / scale, y_train, (X_test - mean) / scale, k=k)
"""

SILHOUETTE_OK = """
def silhouette(X, labels):
    labels = np.asarray(labels)
    names, codes = np.unique(labels, return_inverse=True)
    n, k = len(codes), len(names)
    if not 2 <= k <= n - 1:
        raise ValueError("the silhouette needs between 2 and n - 1 clusters")
    D = pairwise_distances(np.asarray(X, dtype=float), np.asarray(X, dtype=float))
    sizes = np.bincount(codes, minlength=k)
    sums = np.column_stack([D[:, codes == c].sum(axis=1) for c in range(k)])
    own = sizes[codes]
    a = sums[np.arange(n), codes] / np.maximum(own - 1, 1)
    other = sums / sizes
    other[np.arange(n), codes] = np.inf
    b = other.min(axis=1)
    s = np.where(own > 1, (b - a) / np.maximum(a, b), 0.0)
    return float(s.mean())
"""

ELBOW_OK = """
def elbow_and_silhouette(X, init_by_k):
    ks = sorted(init_by_k)
    inertia, scores = [], []
    for k in ks:
        _, labels, value = kmeans(X, init_by_k[k])
        inertia.append(value)
        scores.append(silhouette(X, labels) if k >= 2 else np.nan)
    inertia, scores = np.array(inertia), np.array(scores)
    bend = inertia[:-2] - 2.0 * inertia[1:-1] + inertia[2:]
    return {"ks": ks, "inertia": inertia, "silhouette": scores,
            "best_k": int(ks[int(np.nanargmax(scores))]), "elbow_k": int(ks[1 + int(np.argmax(bend))])}
"""

STANDARDISED_PCA_OK = """
def standardised_pca(X, n_components):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    _, components, variance, ratio = pca_fit((X - mean) / scale, n_components)
    return mean, scale, components, variance, ratio
"""

CHOOSE_OK = """
def choose_n_components(X, threshold):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    singular = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    variance = singular**2 / (n - 1)
    cumulative = np.cumsum(variance) / variance.sum()
    k = min(int(np.sum(cumulative <= threshold)) + 1, len(variance))
    dropped = np.r_[np.cumsum(variance[::-1])[::-1], 0.0]
    return k, cumulative, dropped * (n - 1) / n
"""


def bug(code, old, new):
    """`code` with one plausible mistake: `old` (which must occur) replaced by `new`."""
    assert old in code, f"variant template out of date: {old!r} not found"
    return code.replace(old, new)


VARIANTS = [
    # ------------------------------------------------------------------------------------------ distances
    Variant(
        name="distances-squared",
        why="forgets the square root: squared distances keep the neighbour order, but every distance is wrong, "
        "and so is every mean distance built on them (silhouette)",
        cells={
            "distances": """
            def pairwise_distances(A, B):
                A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
                return ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
        """
        },
        fails={"test-distances", "test-distances-far", "test-elbow-curves", "test-silhouette",
               "test-silhouette-undefined"},
    ),
    Variant(
        name="distances-expansion-not-shifted",
        why="|a|^2 - 2ab + |b|^2 on raw data cancels catastrophically for points far from the origin",
        cells={
            "distances": """
            def pairwise_distances(A, B):
                A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
                sq = (A**2).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B**2).sum(axis=1)[None, :]
                return np.sqrt(np.maximum(sq, 0.0))
        """
        },
        fails={"test-distances-far"},
    ),
    Variant(
        name="distances-expansion-not-clipped",
        why="without clipping, rounding makes some squared self-distances negative: sqrt gives nan, and the KNN "
        "functions built on it then miss a query's own training point",
        cells={
            "distances": """
            def pairwise_distances(A, B):
                A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
                shift = B.mean(axis=0)
                A, B = A - shift, B - shift
                return np.sqrt((A**2).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B**2).sum(axis=1)[None, :])
        """
        },
        fails={"test-distances", "test-knn-classify-distance", "test-knn-regress-distance", "test-elbow-choices",
               "test-elbow-curves", "test-silhouette"},
    ),
    Variant(
        name="distances-calls-sklearn",
        why="euclidean_distances inside a from-scratch exercise earns nothing (nor do the KNN functions built on it)",
        cells={
            "distances": """
            from sklearn.metrics.pairwise import euclidean_distances

            def pairwise_distances(A, B):
                return euclidean_distances(A, B)
        """
        },
        fails={"test-distances", "test-distances-far", "test-elbow-choices", "test-elbow-curves",
               "test-knn-standardised", "test-knn-standardised-constant", "test-silhouette"} | KNN_DISTANCE_TESTS,
    ),
    Variant(
        name="distances-calls-scipy",
        why="scipy's cdist inside the numpy-only distance exercise earns nothing there (KNN only forbids scikit-learn)",
        cells={
            "distances": """
            from scipy.spatial.distance import cdist

            def pairwise_distances(A, B):
                return cdist(A, B)
        """
        },
        fails={"test-distances", "test-distances-far"},
    ),
    # ------------------------------------------------------------------------------------------ knn_classify
    Variant(
        name="classify-k-plus-one",
        why="takes k + 1 neighbours",
        cells={
            "knn-classify": """
            def knn_classify(X_train, y_train, X_test, k=5, weights="uniform"):
                y_train = np.asarray(y_train)
                dist = pairwise_distances(np.asarray(X_test, float), np.asarray(X_train, float))
                nearest = np.argsort(dist, axis=1)[:, : k + 1]
                d = np.take_along_axis(dist, nearest, axis=1)
                if weights == "distance":
                    with np.errstate(divide="ignore"):
                        w = 1.0 / d
                    zero = d == 0
                    w[zero.any(axis=1)] = zero[zero.any(axis=1)]
                else:
                    w = np.ones_like(d)
                labels = np.unique(y_train)
                votes = ((y_train[nearest][:, :, None] == labels) * w[:, :, None]).sum(axis=1)
                return labels[votes.argmax(axis=1)]
        """
        },
        fails={"test-knn-classify-uniform", "test-knn-classify-distance", "test-knn-standardised"},
    ),
    Variant(
        name="classify-tie-to-nearest-label",
        why="Counter.most_common breaks vote ties by the first label met (the nearest), not the smallest label",
        cells={
            "knn-classify": """
            from collections import Counter

            def knn_classify(X_train, y_train, X_test, k=5, weights="uniform"):
                y_train = np.asarray(y_train)
                dist = pairwise_distances(np.asarray(X_test, float), np.asarray(X_train, float))
                out = []
                for row in dist:
                    order = np.argsort(row)[:k]
                    if weights == "uniform":
                        out.append(Counter(y_train[order].tolist()).most_common(1)[0][0])
                        continue
                    d = row[order]
                    w = (d == 0).astype(float) if (d == 0).any() else 1.0 / d
                    labels = np.unique(y_train)
                    out.append(labels[np.argmax([(w * (y_train[order] == c)).sum() for c in labels])])
                return np.array(out)
        """
        },
        fails={"test-knn-classify-uniform"},
    ),
    Variant(
        name="classify-ignores-weights",
        why="the weights argument is ignored: always one vote per neighbour",
        cells={
            "knn-classify": """
            def knn_classify(X_train, y_train, X_test, k=5, weights="uniform"):
                y_train = np.asarray(y_train)
                dist = pairwise_distances(np.asarray(X_test, float), np.asarray(X_train, float))
                nearest = np.argsort(dist, axis=1)[:, :k]
                labels = np.unique(y_train)
                votes = (y_train[nearest][:, :, None] == labels).sum(axis=1)
                return labels[votes.argmax(axis=1)]
        """
        },
        fails={"test-knn-classify-distance", "test-knn-classify-uniform"},
    ),
    Variant(
        name="classify-no-zero-distance-rule",
        why="1/0 = inf for every duplicate of the query: inf votes tie and the smallest label wins instead of the majority",
        cells={
            "knn-classify": """
            def knn_classify(X_train, y_train, X_test, k=5, weights="uniform"):
                y_train = np.asarray(y_train)
                dist = pairwise_distances(np.asarray(X_test, float), np.asarray(X_train, float))
                nearest = np.argsort(dist, axis=1)[:, :k]
                d = np.take_along_axis(dist, nearest, axis=1)
                with np.errstate(divide="ignore"):
                    w = 1.0 / d if weights == "distance" else np.ones_like(d)
                labels = np.unique(y_train)
                votes = ((y_train[nearest][:, :, None] == labels) * w[:, :, None]).sum(axis=1)
                return labels[votes.argmax(axis=1)]
        """
        },
        fails={"test-knn-classify-distance", "test-knn-classify-uniform"},
    ),
    Variant(
        name="classify-calls-sklearn",
        why="KNeighborsClassifier inside a from-scratch exercise earns nothing",
        cells={
            "knn-classify": """
            from sklearn.neighbors import KNeighborsClassifier

            def knn_classify(X_train, y_train, X_test, k=5, weights="uniform"):
                model = KNeighborsClassifier(n_neighbors=k, weights=weights).fit(X_train, y_train)
                return model.predict(X_test)
        """
        },
        fails={"test-knn-classify-uniform", "test-knn-classify-distance", "test-knn-standardised",
               "test-knn-standardised-constant"},
    ),
    # ------------------------------------------------------------------------------------------ knn_regress
    Variant(
        name="regress-median",
        why="the median of the neighbours' targets is not their mean",
        cells={
            "knn-regress": """
            def knn_regress(X_train, y_train, X_test, k=5, weights="uniform"):
                y_train = np.asarray(y_train, float)
                dist = pairwise_distances(np.asarray(X_test, float), np.asarray(X_train, float))
                nearest = np.argsort(dist, axis=1)[:, :k]
                d = np.take_along_axis(dist, nearest, axis=1)
                if weights == "uniform":
                    return np.median(y_train[nearest], axis=1)
                with np.errstate(divide="ignore"):
                    w = 1.0 / d
                zero = d == 0
                w[zero.any(axis=1)] = zero[zero.any(axis=1)]
                return (w * y_train[nearest]).sum(axis=1) / w.sum(axis=1)
        """
        },
        fails={"test-knn-regress-distance", "test-knn-regress-uniform"},
    ),
    Variant(
        name="regress-weights-not-normalised",
        why="divides the weighted sum by k instead of by the sum of the weights",
        cells={
            "knn-regress": """
            def knn_regress(X_train, y_train, X_test, k=5, weights="uniform"):
                y_train = np.asarray(y_train, float)
                dist = pairwise_distances(np.asarray(X_test, float), np.asarray(X_train, float))
                nearest = np.argsort(dist, axis=1)[:, :k]
                d = np.take_along_axis(dist, nearest, axis=1)
                if weights == "uniform":
                    return y_train[nearest].mean(axis=1)
                with np.errstate(divide="ignore"):
                    w = 1.0 / d
                zero = d == 0
                w[zero.any(axis=1)] = zero[zero.any(axis=1)]
                return (w * y_train[nearest]).sum(axis=1) / k
        """
        },
        fails={"test-knn-regress-distance"},
    ),
    Variant(
        name="regress-no-zero-distance-rule",
        why="inf / inf = nan for a query equal to a training point",
        cells={
            "knn-regress": """
            def knn_regress(X_train, y_train, X_test, k=5, weights="uniform"):
                y_train = np.asarray(y_train, float)
                dist = pairwise_distances(np.asarray(X_test, float), np.asarray(X_train, float))
                nearest = np.argsort(dist, axis=1)[:, :k]
                d = np.take_along_axis(dist, nearest, axis=1)
                w = 1.0 / d if weights == "distance" else np.ones_like(d)
                return (w * y_train[nearest]).sum(axis=1) / w.sum(axis=1)
        """
        },
        fails={"test-knn-regress-distance"},
    ),
    Variant(
        name="regress-calls-sklearn",
        why="KNeighborsRegressor inside a from-scratch exercise earns nothing",
        cells={
            "knn-regress": """
            from sklearn.neighbors import KNeighborsRegressor

            def knn_regress(X_train, y_train, X_test, k=5, weights="uniform"):
                return KNeighborsRegressor(n_neighbors=k, weights=weights).fit(X_train, y_train).predict(X_test)
        """
        },
        fails={"test-knn-regress-uniform", "test-knn-regress-distance"},
    ),
    Variant(
        name="standardise-each-set-separately",
        why="standardises the test rows with their own mean and standard deviation: the model must apply the "
        "training rows' transformation to every new row, whatever its distribution",
        cells={"knn-standardised": bug(KNN_STANDARDISED_OK, "(X_test - mean) / scale",
                                       "(X_test - X_test.mean(axis=0)) / X_test.std(axis=0)")},
        fails={"test-knn-standardised", "test-knn-standardised-constant"},
    ),
    Variant(
        name="standardise-on-all-rows",
        why="computes the mean and standard deviation on the training and test rows together: the scaler then "
        "depends on the test set (leakage), and its neighbours differ from the fitted pipeline's",
        cells={"knn-standardised": bug(KNN_STANDARDISED_OK, """    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)""", """    mean = np.vstack([X_train, X_test]).mean(axis=0)
    scale = np.vstack([X_train, X_test]).std(axis=0)""")},
        fails={"test-knn-standardised", "test-knn-standardised-constant"},
    ),
    Variant(
        name="standardise-constant-divides-by-zero",
        why="divides a constant training column by its standard deviation 0: its test values become ±inf and the "
        "distances nan; scikit-learn leaves such a column unscaled",
        cells={"knn-standardised": bug(bug(KNN_STANDARDISED_OK, "    scale[scale == 0] = 1.0\n", ""),
                                       "    return knn_classify(", "    with np.errstate(divide=\"ignore\", invalid=\"ignore\"):\n"
                                       "        return knn_classify(")},
        fails={"test-knn-standardised-constant"},
    ),
    Variant(
        name="standardise-min-max",
        why="rescales to [0, 1] with the minimum and maximum: a valid scaling, but not the standardisation asked "
        "for, and its neighbours differ",
        cells={"knn-standardised": bug(KNN_STANDARDISED_OK, """    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)""", """    mean = X_train.min(axis=0)
    scale = X_train.max(axis=0) - X_train.min(axis=0)""")},
        fails={"test-knn-standardised"},
    ),
    Variant(
        name="standardise-calls-sklearn",
        why="StandardScaler inside the exercise earns nothing: compute the statistics with numpy",
        cells={
            "knn-standardised": """
            def knn_standardised(X_train, y_train, X_test, k=5):
                from sklearn.preprocessing import StandardScaler
                scaler = StandardScaler().fit(X_train)
                return knn_classify(scaler.transform(X_train), y_train, scaler.transform(X_test), k=k)
        """
        },
        fails={"test-knn-standardised", "test-knn-standardised-constant"},
    ),
    # ------------------------------------------------------------------------------------------ kmeans
    Variant(
        name="kmeans-empty-cluster-at-origin",
        why="dividing by max(count, 1) leaves an empty cluster's centroid at the origin",
        cells={
            "kmeans": """
            def kmeans(X, init_centroids, max_iter=300):
                X = np.asarray(X, float)
                C = np.array(init_centroids, float)
                k = len(C)
                previous = None
                for _ in range(max_iter):
                    labels = ((X[:, None, :] - C[None]) ** 2).sum(2).argmin(1)
                    if previous is not None and np.array_equal(labels, previous):
                        break
                    previous = labels
                    sums = np.zeros_like(C)
                    np.add.at(sums, labels, X)
                    C = sums / np.maximum(np.bincount(labels, minlength=k), 1)[:, None]
                d2 = ((X[:, None, :] - C[None]) ** 2).sum(2)
                labels = d2.argmin(1)
                return C, labels, float(d2[np.arange(len(X)), labels].sum())
        """
        },
        fails={"test-kmeans-empty"},
    ),
    Variant(
        name="kmeans-empty-cluster-kept",
        why="keeps an empty cluster's old centroid, so the cluster can stay empty for ever",
        cells={
            "kmeans": """
            def kmeans(X, init_centroids, max_iter=300):
                X = np.asarray(X, float)
                C = np.array(init_centroids, float)
                previous = None
                for _ in range(max_iter):
                    labels = ((X[:, None, :] - C[None]) ** 2).sum(2).argmin(1)
                    if previous is not None and np.array_equal(labels, previous):
                        break
                    previous = labels
                    for j in range(len(C)):
                        if np.any(labels == j):
                            C[j] = X[labels == j].mean(axis=0)
                d2 = ((X[:, None, :] - C[None]) ** 2).sum(2)
                labels = d2.argmin(1)
                return C, labels, float(d2[np.arange(len(X)), labels].sum())
        """
        },
        fails={"test-kmeans-empty"},
    ),
    Variant(
        name="kmeans-inertia-not-squared",
        why="inertia is the sum of squared distances, not of distances",
        cells={
            "kmeans": """
            def kmeans(X, init_centroids, max_iter=300):
                X = np.asarray(X, float)
                C = np.array(init_centroids, float)
                n, k = len(X), len(C)
                previous = None
                for _ in range(max_iter):
                    d2 = ((X[:, None, :] - C[None]) ** 2).sum(2)
                    labels = d2.argmin(1)
                    if previous is not None and np.array_equal(labels, previous):
                        break
                    previous = labels
                    sums = np.zeros_like(C)
                    np.add.at(sums, labels, X)
                    counts = np.bincount(labels, minlength=k).astype(float)
                    for j in np.flatnonzero(counts == 0):
                        far = int(np.argmax(d2[np.arange(n), labels]))
                        sums[labels[far]] -= X[far]
                        counts[labels[far]] -= 1
                        sums[j], counts[j] = X[far], 1
                    C = sums / counts[:, None]
                d2 = ((X[:, None, :] - C[None]) ** 2).sum(2)
                labels = d2.argmin(1)
                return C, labels, float(np.sqrt(d2[np.arange(n), labels]).sum())
        """
        },
        fails={"test-kmeans-sklearn", "test-kmeans-empty", "test-elbow-curves"},
    ),
    Variant(
        name="kmeans-three-iterations",
        why="stops after a fixed 3 iterations instead of running to convergence",
        cells={
            "kmeans": """
            def kmeans(X, init_centroids, max_iter=300):
                X = np.asarray(X, float)
                C = np.array(init_centroids, float)
                n, k = len(X), len(C)
                for _ in range(3):
                    d2 = ((X[:, None, :] - C[None]) ** 2).sum(2)
                    labels = d2.argmin(1)
                    sums = np.zeros_like(C)
                    np.add.at(sums, labels, X)
                    counts = np.bincount(labels, minlength=k).astype(float)
                    for j in np.flatnonzero(counts == 0):
                        far = int(np.argmax(d2[np.arange(n), labels]))
                        sums[labels[far]] -= X[far]
                        counts[labels[far]] -= 1
                        sums[j], counts[j] = X[far], 1
                    C = sums / counts[:, None]
                d2 = ((X[:, None, :] - C[None]) ** 2).sum(2)
                labels = d2.argmin(1)
                return C, labels, float(d2[np.arange(n), labels].sum())
        """
        },
        fails={"test-kmeans-sklearn", "test-kmeans-empty", "test-elbow-curves"},
    ),
    Variant(
        name="kmeans-calls-sklearn",
        why="KMeans inside a from-scratch exercise earns nothing",
        cells={
            "kmeans": """
            from sklearn.cluster import KMeans

            def kmeans(X, init_centroids, max_iter=300):
                init = np.asarray(init_centroids, float)
                model = KMeans(len(init), init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=max_iter).fit(X)
                return model.cluster_centers_, model.labels_, float(model.inertia_)
        """
        },
        fails={"test-kmeans-sklearn", "test-kmeans-empty", "test-elbow-choices", "test-elbow-curves"},
    ),
    # ------------------------------------------------------------------------------------------ k-means++
    Variant(
        name="kpp-distance-not-squared",
        why="samples proportionally to D(x) instead of D(x)^2",
        cells={
            "kpp": """
            def kmeans_plus_plus(X, k, rng):
                X = np.asarray(X, float)
                chosen = [int(rng.integers(len(X)))]
                d = np.sqrt(((X - X[chosen[0]]) ** 2).sum(1))
                for _ in range(1, k):
                    c = int(rng.choice(len(X), p=d / d.sum()))
                    chosen.append(c)
                    d = np.minimum(d, np.sqrt(((X - X[c]) ** 2).sum(1)))
                return np.array(chosen)
        """
        },
        fails={"test-kpp-d2"},
    ),
    Variant(
        name="kpp-greedy-farthest",
        why="always takes the farthest point (farthest-first traversal) instead of sampling",
        cells={
            "kpp": """
            def kmeans_plus_plus(X, k, rng):
                X = np.asarray(X, float)
                chosen = [int(rng.integers(len(X)))]
                d2 = ((X - X[chosen[0]]) ** 2).sum(1)
                for _ in range(1, k):
                    c = int(np.argmax(d2))
                    chosen.append(c)
                    d2 = np.minimum(d2, ((X - X[c]) ** 2).sum(1))
                return np.array(chosen)
        """
        },
        fails={"test-kpp-d2"},
    ),
    Variant(
        name="kpp-first-always-row-0",
        why="the first centre is always the first row instead of a uniform draw",
        cells={
            "kpp": """
            def kmeans_plus_plus(X, k, rng):
                X = np.asarray(X, float)
                chosen = [0]
                d2 = ((X - X[0]) ** 2).sum(1)
                for _ in range(1, k):
                    c = int(rng.choice(len(X), p=d2 / d2.sum()))
                    chosen.append(c)
                    d2 = np.minimum(d2, ((X - X[c]) ** 2).sum(1))
                return np.array(chosen)
        """
        },
        fails={"test-kpp-d2"},
    ),
    Variant(
        name="kpp-uniform-sampling",
        why="k distinct indices drawn uniformly: not D^2 sampling, and duplicates of a chosen point can be drawn",
        cells={
            "kpp": """
            def kmeans_plus_plus(X, k, rng):
                return rng.choice(len(X), size=k, replace=False)
        """
        },
        fails={"test-kpp-properties", "test-kpp-d2"},
    ),
    Variant(
        name="kpp-global-random-state",
        why="draws from np.random instead of the given generator, so a seed does not reproduce the result",
        cells={
            "kpp": """
            def kmeans_plus_plus(X, k, rng):
                X = np.asarray(X, float)
                chosen = [int(np.random.randint(len(X)))]
                d2 = ((X - X[chosen[0]]) ** 2).sum(1)
                for _ in range(1, k):
                    c = int(np.random.choice(len(X), p=d2 / d2.sum()))
                    chosen.append(c)
                    d2 = np.minimum(d2, ((X - X[c]) ** 2).sum(1))
                return np.array(chosen)
        """
        },
        fails={"test-kpp-properties"},
    ),
    Variant(
        name="kpp-calls-sklearn",
        why="sklearn.cluster.kmeans_plusplus inside a from-scratch exercise earns nothing",
        cells={
            "kpp": """
            from sklearn.cluster import kmeans_plusplus

            def kmeans_plus_plus(X, k, rng):
                _, indices = kmeans_plusplus(np.asarray(X, float), k, random_state=int(rng.integers(2**31)))
                return indices
        """
        },
        fails={"test-kpp-properties", "test-kpp-d2"},
    ),
    # ------------------------------------------------------------------------------------------ silhouette
    Variant(
        name="silhouette-a-counts-self",
        why="divides a point's distances to its own cluster by |C|, counting its zero distance to itself: a is "
        "the mean over the other |C| - 1 points",
        cells={"silhouette": bug(SILHOUETTE_OK, "np.maximum(own - 1, 1)", "own")},
        fails={"test-silhouette", "test-elbow-curves", "test-silhouette-undefined"},
    ),
    Variant(
        name="silhouette-b-all-other-points",
        why="takes b as the mean distance to every point outside the cluster: b is the mean distance to the "
        "nearest other cluster",
        cells={"silhouette": bug(bug(SILHOUETTE_OK, "    other = sums / sizes\n", "    other = sums.copy()\n"),
                                 "    b = other.min(axis=1)",
                                 "    b = (sums.sum(axis=1) - sums[np.arange(n), codes]) / (n - own)")},
        fails={"test-silhouette", "test-elbow-choices", "test-elbow-curves", "test-silhouette-undefined"},
    ),
    Variant(
        name="silhouette-singleton-not-zero",
        why="lets a point alone in its cluster score (b - 0) / b = 1: by convention its silhouette is 0",
        cells={"silhouette": bug(SILHOUETTE_OK, "np.where(own > 1, (b - a) / np.maximum(a, b), 0.0)",
                                 "(b - a) / np.maximum(a, b)")},
        fails={"test-silhouette", "test-silhouette-undefined"},
    ),
    Variant(
        name="silhouette-no-validation",
        why="computes a number for a single cluster or for one point per cluster, where the silhouette is undefined",
        cells={"silhouette": bug(SILHOUETTE_OK, """    if not 2 <= k <= n - 1:
        raise ValueError("the silhouette needs between 2 and n - 1 clusters")
""", "")},
        fails={"test-silhouette-undefined"},
    ),
    Variant(
        name="silhouette-labels-as-indices",
        why="uses the labels themselves as cluster indices (np.bincount(labels)): labels may be strings or any "
        "integers, so map them to 0..k-1 first (np.unique with return_inverse)",
        cells={"silhouette": bug(SILHOUETTE_OK, "names, codes = np.unique(labels, return_inverse=True)\n    n, k = len(codes), len(names)",
                                 "codes = labels.astype(int)\n    n, k = len(codes), len(np.unique(codes))")},
        fails={"test-silhouette"},
    ),
    Variant(
        name="silhouette-calls-sklearn",
        why="silhouette_score inside the exercise earns nothing: compute a and b with numpy",
        cells={
            "silhouette": """
            def silhouette(X, labels):
                from sklearn.metrics import silhouette_score
                return float(silhouette_score(X, labels))
        """
        },
        fails={"test-silhouette", "test-elbow-choices", "test-elbow-curves"},
    ),
    # ------------------------------------------------------------------------------------------ elbow
    Variant(
        name="elbow-largest-drop",
        why="puts the elbow after the largest drop of inertia, which is almost always at k = 2: the bend is where "
        "the drops stop being large, the largest second difference",
        cells={"elbow": bug(ELBOW_OK, "int(ks[1 + int(np.argmax(bend))])",
                            "int(ks[1 + int(np.argmax(inertia[:-1] - inertia[1:]))])")},
        fails={"test-elbow-choices"},
    ),
    Variant(
        name="elbow-silhouette-zero-for-one-cluster",
        why="reports a silhouette of 0 for k = 1: with one cluster there is no nearest other cluster, so it is "
        "undefined (nan), not 0",
        cells={"elbow": bug(ELBOW_OK, "if k >= 2 else np.nan", "if k >= 2 else 0.0")},
        fails={"test-elbow-curves"},
    ),
    Variant(
        name="elbow-best-k-is-elbow",
        why="returns the elbow as best_k: the silhouette and the elbow are two criteria and need not agree",
        cells={"elbow": bug(ELBOW_OK, '"best_k": int(ks[int(np.nanargmax(scores))])',
                            '"best_k": int(ks[1 + int(np.argmax(bend))])')},
        fails={"test-elbow-choices"},
    ),
    Variant(
        name="elbow-unsorted-ks",
        why="keeps the dict's own key order: the curves must be in increasing k for the elbow to mean anything",
        cells={"elbow": bug(ELBOW_OK, "ks = sorted(init_by_k)", "ks = list(init_by_k)")},
        fails={"test-elbow-curves"},
    ),
    Variant(
        name="elbow-calls-sklearn",
        why="KMeans and silhouette_score inside the exercise earn nothing: use your kmeans and silhouette",
        cells={
            "elbow": """
            def elbow_and_silhouette(X, init_by_k):
                from sklearn.cluster import KMeans
                from sklearn.metrics import silhouette_score
                ks = sorted(init_by_k)
                models = [KMeans(n_clusters=k, init=init_by_k[k], n_init=1, algorithm="lloyd", tol=0).fit(X) for k in ks]
                inertia = np.array([m.inertia_ for m in models])
                scores = np.array([silhouette_score(X, m.labels_) if k > 1 else np.nan for k, m in zip(ks, models)])
                bend = inertia[:-2] - 2.0 * inertia[1:-1] + inertia[2:]
                return {"ks": ks, "inertia": inertia, "silhouette": scores,
                        "best_k": int(ks[int(np.nanargmax(scores))]), "elbow_k": int(ks[1 + int(np.argmax(bend))])}
        """
        },
        fails={"test-elbow-curves", "test-elbow-choices"},
    ),
    # ------------------------------------------------------------------------------------------ PCA
    Variant(
        name="pca-not-centred",
        why="the SVD of uncentred data finds the direction of the mean, not of the variance",
        cells={
            "pca-fit": """
            def pca_fit(X, n_components):
                X = np.asarray(X, float)
                _, S, Vt = np.linalg.svd(X, full_matrices=False)
                var = S**2 / (len(X) - 1)
                return X.mean(axis=0), Vt[:n_components], var[:n_components], var[:n_components] / var.sum()
        """
        },
        fails={"test-pca-components", "test-pca-variance"},
    ),
    Variant(
        name="pca-variance-ddof-0",
        why="divides by n instead of n - 1 (the ratios are unaffected)",
        cells={
            "pca-fit": """
            def pca_fit(X, n_components):
                X = np.asarray(X, float)
                mean = X.mean(axis=0)
                _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
                var = S**2 / len(X)
                return mean, Vt[:n_components], var[:n_components], var[:n_components] / var.sum()
        """
        },
        fails={"test-pca-variance", "test-pca-standardised", "test-pca-standardised-constant"},
    ),
    Variant(
        name="pca-components-as-columns",
        why="returns V[:, :k] (components as columns), not scikit-learn's rows",
        cells={
            "pca-fit": """
            def pca_fit(X, n_components):
                X = np.asarray(X, float)
                mean = X.mean(axis=0)
                _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
                var = S**2 / (len(X) - 1)
                return mean, Vt.T[:, :n_components], var[:n_components], var[:n_components] / var.sum()
        """
        },
        fails={"test-pca-components", "test-pca-standardised"},
    ),
    Variant(
        name="pca-ratio-over-kept-components",
        why="divides by the variance of the kept components, so the ratios always sum to 1",
        cells={
            "pca-fit": """
            def pca_fit(X, n_components):
                X = np.asarray(X, float)
                mean = X.mean(axis=0)
                _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
                var = (S**2 / (len(X) - 1))[:n_components]
                return mean, Vt[:n_components], var, var / var.sum()
        """
        },
        fails={"test-pca-variance", "test-pca-standardised", "test-pca-standardised-constant"},
    ),
    Variant(
        name="pca-eigh-ascending",
        why="np.linalg.eigh returns eigenvalues in ascending order: takes the smallest-variance directions",
        cells={
            "pca-fit": """
            def pca_fit(X, n_components):
                X = np.asarray(X, float)
                mean = X.mean(axis=0)
                values, vectors = np.linalg.eigh(np.cov(X - mean, rowvar=False))
                return mean, vectors[:, :n_components].T, values[:n_components], values[:n_components] / values.sum()
        """
        },
        fails={"test-pca-components", "test-pca-variance", "test-pca-standardised",
               "test-pca-standardised-constant"},
    ),
    Variant(
        name="pca-calls-sklearn",
        why="sklearn's PCA inside a from-scratch exercise earns nothing",
        cells={
            "pca-fit": """
            from sklearn.decomposition import PCA

            def pca_fit(X, n_components):
                model = PCA(n_components=n_components, svd_solver="full").fit(X)
                return model.mean_, model.components_, model.explained_variance_, model.explained_variance_ratio_
        """
        },
        fails={"test-pca-components", "test-pca-variance", "test-pca-standardised",
               "test-pca-standardised-constant"},
    ),
    Variant(
        name="pca-transform-not-centred",
        why="projects X without subtracting the mean",
        cells={
            "pca-transform": """
            def pca_transform(X, mean, components):
                return np.asarray(X, float) @ np.asarray(components, float).T

            def pca_inverse_transform(Z, mean, components):
                return np.asarray(Z, float) @ np.asarray(components, float) + mean
        """
        },
        fails={"test-pca-transform"},
    ),
    Variant(
        name="pca-inverse-without-mean",
        why="rebuilds the centred data and forgets to add the mean back",
        cells={
            "pca-transform": """
            def pca_transform(X, mean, components):
                return (np.asarray(X, float) - mean) @ np.asarray(components, float).T

            def pca_inverse_transform(Z, mean, components):
                return np.asarray(Z, float) @ np.asarray(components, float)
        """
        },
        fails={"test-pca-inverse"},
    ),
    # ------------------------------------------------------------------------------------------ standardised PCA
    Variant(
        name="standardised-ddof-one",
        why="scales by the standard deviation with ddof=1: StandardScaler divides by the ddof=0 one, which changes "
        "scale and the explained variances by a factor (n - 1) / n",
        cells={"pca-standardised": bug(STANDARDISED_PCA_OK, "scale = X.std(axis=0)", "scale = X.std(axis=0, ddof=1)")},
        fails={"test-pca-standardised", "test-pca-standardised-constant"},
    ),
    Variant(
        name="standardised-constant-divides-by-zero",
        why="divides a constant column by 0: nan everywhere in the SVD; scikit-learn gives such a column a scale of 1",
        cells={"pca-standardised": bug(bug(STANDARDISED_PCA_OK, "    scale[scale == 0] = 1.0\n", ""),
                                       "    _, components, variance, ratio = pca_fit(",
                                       "    with np.errstate(divide=\"ignore\", invalid=\"ignore\"):\n"
                                       "        _, components, variance, ratio = pca_fit(")},
        fails={"test-pca-standardised-constant"},
    ),
    Variant(
        name="standardised-divides-by-variance",
        why="divides by the variance instead of the standard deviation: the columns do not end with unit variance",
        cells={"pca-standardised": bug(STANDARDISED_PCA_OK, "(X - mean) / scale, n_components", "(X - mean) / scale**2, n_components")},
        fails={"test-pca-standardised", "test-pca-standardised-constant"},
    ),
    Variant(
        name="standardised-calls-sklearn",
        why="StandardScaler inside the exercise earns nothing: compute the statistics with numpy",
        cells={
            "pca-standardised": """
            def standardised_pca(X, n_components):
                from sklearn.preprocessing import StandardScaler
                scaler = StandardScaler().fit(X)
                _, components, variance, ratio = pca_fit(scaler.transform(X), n_components)
                return scaler.mean_, scaler.scale_, components, variance, ratio
        """
        },
        fails={"test-pca-standardised", "test-pca-standardised-constant"},
    ),
    # ------------------------------------------------------------------------------------------ choosing components
    Variant(
        name="components-at-least-threshold",
        why="stops at the first cumulative ratio that reaches the threshold (>=): scikit-learn keeps adding "
        "components until the ratio is strictly greater",
        cells={"choose-components": bug(CHOOSE_OK, "np.sum(cumulative <= threshold)", "np.sum(cumulative < threshold)")},
        fails={"test-choose-components-boundary"},
    ),
    Variant(
        name="components-off-by-one",
        why="returns the number of ratios at or below the threshold, one short: the component that crosses the "
        "threshold must be kept",
        cells={"choose-components": bug(CHOOSE_OK, "int(np.sum(cumulative <= threshold)) + 1", "int(np.sum(cumulative <= threshold))")},
        fails={"test-choose-components", "test-choose-components-boundary"},
    ),
    Variant(
        name="reconstruction-summed-over-rows",
        why="sums the squared reconstruction errors over the rows instead of averaging them",
        cells={"choose-components": bug(CHOOSE_OK, "dropped * (n - 1) / n", "dropped * (n - 1)")},
        fails={"test-reconstruction-error"},
    ),
    Variant(
        name="reconstruction-sample-variance",
        why="reports the dropped sample variance (divided by n - 1): the mean squared error over the rows divides "
        "the squared distances by n",
        cells={"choose-components": bug(CHOOSE_OK, "dropped * (n - 1) / n", "dropped")},
        fails={"test-reconstruction-error"},
    ),
    Variant(
        name="reconstruction-without-zero-components",
        why="starts the error curve at one component: with 0 components every row is rebuilt as the mean, and that "
        "error (the total variance) is the reference point of the curve",
        cells={"choose-components": bug(CHOOSE_OK, "np.r_[np.cumsum(variance[::-1])[::-1], 0.0]",
                                        "np.r_[np.cumsum(variance[::-1])[::-1][1:], 0.0]")},
        fails={"test-choose-components", "test-reconstruction-error"},
    ),
    Variant(
        name="components-calls-sklearn",
        why="PCA inside the exercise earns nothing: one SVD gives every number asked for",
        cells={
            "choose-components": """
            def choose_n_components(X, threshold):
                from sklearn.decomposition import PCA
                X = np.asarray(X, dtype=float)
                full = PCA(svd_solver="full").fit(X)
                variance = full.explained_variance_
                dropped = np.r_[np.cumsum(variance[::-1])[::-1], 0.0]
                k = PCA(n_components=threshold, svd_solver="full").fit(X).n_components_
                return int(k), np.cumsum(full.explained_variance_ratio_), dropped * (len(X) - 1) / len(X)
        """
        },
        fails={"test-choose-components", "test-reconstruction-error"},
    ),
]

# Mutants of the reference solutions that no input allowed by the specification can tell from them (course validate
# --mutants), with the reason; every other mutant loses a point in its exercise or is a listed survivor.
EQUIVALENT_MUTANTS = {
    "knn-classify@55903e9e": "y_train is only passed to np.unique, which converts a list or an array alike",
    "knn-classify@6640e64a": "weights 2/d instead of 1/d double every vote of a row: the same argmax",
    "knn-regress@8cc8d5f8": "weights 2/d instead of 1/d cancel in the weighted mean (divided by the sum of weights)",
    "knn-standardised@c56e1d96": "X_test only appears in X_test - mean, where numpy converts a list or an array "
                                 "alike",
    "knn-standardised@f8b86af0": "a column constant in the training rows adds the same (x - mean)² / s² to the "
                                 "distance from a query to every training row, so its scale never changes the "
                                 "neighbours",
    "kmeans@1867c08f": "without the convergence stop Lloyd's iterations repeat the same assignment and the same "
                       "means until max_iter: the same result",
    "kmeans@1fb0dd1e": "previous never set: the loop runs to max_iter from the fixed point, the same result "
                       "(as kmeans@1867c08f)",
    "kmeans@0728d6f1": "no break at convergence: the same fixed point repeated until max_iter (as kmeans@1867c08f)",
    "kmeans@f936f092": "the stop never fires: the same fixed point repeated until max_iter (as kmeans@1867c08f)",
    "kmeans@161f7b58": "np.array_equal is symmetric",
    "pca-standardised@61603930": "pca_fit centres its input again, so (X + mean) / scale and (X - mean) / scale "
                                 "give the same components and variances",
}

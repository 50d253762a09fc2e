"""Plausible wrong answers to 02_algorithms/3_neighbours_clustering_pca; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

KNN_DISTANCE_TESTS = {
    "test-knn-classify-uniform",
    "test-knn-classify-distance",
    "test-knn-regress-uniform",
    "test-knn-regress-distance",
}

VARIANTS = [
    # ------------------------------------------------------------------------------------------ distances
    Variant(
        name="distances-squared",
        why="forgets the square root: squared distances keep the neighbour order but break 1/d weights",
        cells={
            "distances": """
            def pairwise_distances(A, B):
                A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
                return ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
        """
        },
        fails={"test-distances", "test-distances-far", "test-knn-classify-distance", "test-knn-regress-distance"},
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
        fails={"test-distances", "test-knn-classify-distance", "test-knn-regress-distance"},
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
        fails={"test-distances", "test-distances-far"} | KNN_DISTANCE_TESTS,
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
        fails={"test-knn-classify-uniform", "test-knn-classify-distance"},
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
        fails={"test-knn-classify-distance"},
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
        fails={"test-knn-classify-distance"},
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
        fails={"test-knn-classify-uniform", "test-knn-classify-distance"},
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
        fails={"test-knn-regress-uniform"},
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
        name="knn-choice-scale-invariant",
        why="distances are not invariant to the units of the features",
        cells={"knn-choice": 'KNN_SCALING = "a"'},
        fails={"test-knn-choice"},
    ),
    Variant(
        name="knn-choice-larger-k",
        why="a larger k averages over more neighbours chosen by the same income-dominated distance",
        cells={"knn-choice": 'KNN_SCALING = "d"'},
        fails={"test-knn-choice"},
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
        fails={"test-kmeans-sklearn", "test-kmeans-empty"},
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
        fails={"test-kmeans-sklearn", "test-kmeans-empty"},
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
        fails={"test-kmeans-sklearn", "test-kmeans-empty"},
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
    Variant(
        name="kmeans-choice-global-optimum",
        why="Lloyd's algorithm only reaches a local minimum; restarts are for quality, not speed",
        cells={"kmeans-choice": 'KMEANS_ASSUMPTION = "a"'},
        fails={"test-kmeans-choice"},
    ),
    Variant(
        name="kmeans-choice-any-shape",
        why="k-means cannot follow rings or moons and does not choose k",
        cells={"kmeans-choice": 'KMEANS_ASSUMPTION = "c"'},
        fails={"test-kmeans-choice"},
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
        fails={"test-pca-variance"},
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
        fails={"test-pca-components"},
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
        fails={"test-pca-variance"},
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
        fails={"test-pca-components", "test-pca-variance"},
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
        fails={"test-pca-components", "test-pca-variance"},
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
    Variant(
        name="pca-choice-separates-classes",
        why="PCA is unsupervised: maximal variance is not maximal class separation",
        cells={"pca-choice": 'PCA_CAVEAT = "a"'},
        fails={"test-pca-choice"},
    ),
    Variant(
        name="pca-choice-scale-invariant",
        why="the covariance matrix changes with the units of the features",
        cells={"pca-choice": 'PCA_CAVEAT = "b"'},
        fails={"test-pca-choice"},
    ),
]

"""Plausible wrong answers to 04_system_design/2_recommendation; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    # ----------------------------------------------------------------------------------------- 1.1 interaction_matrix
    Variant(
        name="matrix-sparse-sums-repeats",
        why="converting a COO matrix sums duplicate (user, item) pairs: counts instead of 0/1",
        cells={
            "interaction-matrix": r"""
            import scipy.sparse

            def interaction_matrix(events, n_users, n_items):
                ones = np.ones(len(events))
                return scipy.sparse.coo_matrix((ones, (events["user"], events["item"])),
                                               shape=(n_users, n_items)).toarray()
        """
        },
        fails={"test-interaction-matrix"},
    ),
    Variant(
        name="matrix-items-by-users",
        why="builds the (n_items, n_users) transpose",
        cells={
            "interaction-matrix": r"""
            def interaction_matrix(events, n_users, n_items):
                R = np.zeros((n_items, n_users))
                R[events["item"].to_numpy(), events["user"].to_numpy()] = 1.0
                return R
        """
        },
        fails={"test-interaction-matrix"},
    ),
    # ----------------------------------------------------------------------------------------- 1.2 item_similarity
    Variant(
        name="similarity-without-normalisation",
        why="R.T @ R counts co-occurrences: popular items look similar to everything",
        cells={
            "item-similarity": r"""
            def item_similarity(R):
                R = np.asarray(R, dtype=float)
                return R.T @ R
        """
        },
        fails={"test-item-similarity-basic", "test-item-similarity-sklearn"},
    ),
    Variant(
        name="similarity-normalises-users",
        why="normalises the rows (users) instead of the columns (items)",
        cells={
            "item-similarity": r"""
            def item_similarity(R):
                R = np.asarray(R, dtype=float)
                norms = np.linalg.norm(R, axis=1, keepdims=True)
                U = np.divide(R, norms, out=np.zeros_like(R), where=norms > 0)
                return U.T @ U
        """
        },
        fails={"test-item-similarity-basic", "test-item-similarity-sklearn"},
    ),
    Variant(
        name="similarity-nan-for-unused-items",
        why="divides by a zero norm: items without interactions get nan similarities",
        cells={
            "item-similarity": r"""
            def item_similarity(R):
                R = np.asarray(R, dtype=float)
                U = R / np.linalg.norm(R, axis=0)
                return U.T @ U
        """
        },
        fails={"test-item-similarity-basic", "test-item-similarity-sklearn"},
    ),
    Variant(
        name="similarity-calls-sklearn",
        why="cosine_similarity inside a from-scratch exercise earns nothing",
        cells={
            "item-similarity": r"""
            from sklearn.metrics.pairwise import cosine_similarity

            def item_similarity(R):
                return cosine_similarity(np.asarray(R, dtype=float).T)
        """
        },
        fails={"test-item-similarity-sklearn"},
    ),
    # ----------------------------------------------------------------------------------------- 1.3 recommend
    Variant(
        name="recommend-seen-items",
        why="does not remove the items the user already interacted with",
        cells={
            "recommend": r"""
            def recommend(R, S, user, n):
                scores = np.asarray(R, dtype=float)[user] @ np.asarray(S, dtype=float)
                return np.argsort(-scores, kind="stable")[:n]
        """
        },
        fails={"test-recommend", "test-fallback"},
    ),
    Variant(
        name="recommend-ties-reversed",
        why="argsort(scores)[::-1] puts equal scores in decreasing id order",
        cells={
            "recommend": r"""
            def recommend(R, S, user, n):
                R = np.asarray(R, dtype=float)
                scores = R[user] @ np.asarray(S, dtype=float)
                unseen = np.flatnonzero(R[user] == 0)
                return unseen[np.argsort(scores[unseen], kind="stable")[::-1][:n]]
        """
        },
        fails={"test-recommend"},  # the fallback test's top 10 of users with a history holds no tied scores
    ),
    Variant(
        name="recommend-max-similarity",
        why="scores an item by its largest similarity to the user's items instead of the sum",
        cells={
            "recommend": r"""
            def recommend(R, S, user, n):
                R, S = np.asarray(R, dtype=float), np.asarray(S, dtype=float)
                seen = np.flatnonzero(R[user] > 0)
                scores = S[seen].max(axis=0) if seen.size else np.zeros(S.shape[1])
                unseen = np.flatnonzero(R[user] == 0)
                return unseen[np.argsort(-scores[unseen], kind="stable")[:n]]
        """
        },
        fails={"test-recommend", "test-fallback"},
    ),
    # ----------------------------------------------------------------------------------------- 1.4 popularity + fallback
    Variant(
        name="popularity-over-users",
        why="counts distinct users per item instead of interactions",
        cells={
            "popularity": r"""
            def popular_items(events, n_items):
                pairs = events[["user", "item"]].drop_duplicates()
                return np.argsort(-np.bincount(pairs["item"].to_numpy(), minlength=n_items), kind="stable")

            def recommend_with_fallback(R, S, popular, user, n):
                if not np.asarray(R)[user].any():
                    return np.asarray(popular)[:n]
                return recommend(R, S, user, n)
        """
        },
        fails={"test-popular-items"},
    ),
    Variant(
        name="popularity-value-counts",
        why="value_counts() skips items without events and does not order ties by id",
        cells={
            "popularity": r"""
            def popular_items(events, n_items):
                return events["item"].value_counts().index.to_numpy()

            def recommend_with_fallback(R, S, popular, user, n):
                if not np.asarray(R)[user].any():
                    return np.asarray(popular)[:n]
                return recommend(R, S, user, n)
        """
        },
        fails={"test-popular-items"},
    ),
    Variant(
        name="fallback-missing",
        why="no cold-start fallback: a user without history gets items 0, 1, 2, ...",
        cells={
            "popularity": r"""
            def popular_items(events, n_items):
                return np.argsort(-np.bincount(events["item"].to_numpy(), minlength=n_items), kind="stable")

            def recommend_with_fallback(R, S, popular, user, n):
                return recommend(R, S, user, n)
        """
        },
        fails={"test-fallback"},
    ),
    Variant(
        name="fallback-always-popular",
        why="shows the popular items to everyone, ignoring the users' histories",
        cells={
            "popularity": r"""
            def popular_items(events, n_items):
                return np.argsort(-np.bincount(events["item"].to_numpy(), minlength=n_items), kind="stable")

            def recommend_with_fallback(R, S, popular, user, n):
                return np.asarray(popular)[:n]
        """
        },
        fails={"test-fallback"},
    ),
    # ----------------------------------------------------------------------------------------- 2.1 leave_one_out
    Variant(
        name="loo-earliest-event",
        why="idxmin holds out each user's first event: the model is evaluated on the past",
        cells={
            "leave-one-out": r"""
            def leave_one_out(events):
                first = events.loc[events.groupby("user")["timestamp"].idxmin(), ["user", "item", "timestamp"]]
                held_out = first.sort_values("user").reset_index(drop=True)
                pairs = set(zip(held_out["user"].tolist(), held_out["item"].tolist()))
                keep = np.array([(u, i) not in pairs for u, i in zip(events["user"], events["item"])], dtype=bool)
                return events[keep].reset_index(drop=True), held_out
        """
        },
        fails={"test-loo-held-out", "test-loo-train"},
    ),
    Variant(
        name="loo-drops-only-the-latest-event",
        why="removes only the latest event: earlier events of the held-out pair leak into training",
        cells={
            "leave-one-out": r"""
            def leave_one_out(events):
                latest = events.groupby("user")["timestamp"].idxmax()
                held_out = events.loc[latest, ["user", "item", "timestamp"]].sort_values("user").reset_index(drop=True)
                return events.drop(index=latest.to_numpy()).reset_index(drop=True), held_out
        """
        },
        fails={"test-loo-train"},
    ),
    Variant(
        name="loo-last-row-not-latest-time",
        why="takes each user's last row, but the log is not in time order",
        cells={
            "leave-one-out": r"""
            def leave_one_out(events):
                held_out = (events.groupby("user").tail(1)[["user", "item", "timestamp"]].sort_values("user")
                            .reset_index(drop=True))
                pairs = set(zip(held_out["user"].tolist(), held_out["item"].tolist()))
                keep = np.array([(u, i) not in pairs for u, i in zip(events["user"], events["item"])], dtype=bool)
                return events[keep].reset_index(drop=True), held_out
        """
        },
        fails={"test-loo-held-out", "test-loo-train"},
    ),
    # ----------------------------------------------------------------------------------------- 2.2 global split
    Variant(
        name="global-split-cutoff-inclusive",
        why="timestamp <= cutoff puts the event that happens exactly at the cutoff into training: it is the future",
        cells={
            "global-split": r"""
            def global_time_split(events, cutoff):
                before = (events["timestamp"] <= cutoff).to_numpy()
                train = events[before].reset_index(drop=True)
                seen = set(zip(train["user"].tolist(), train["item"].tolist()))
                warm = set(train["user"].tolist())
                later = events[~before]
                later = later[np.array([u in warm and (u, i) not in seen
                                        for u, i in zip(later["user"].tolist(), later["item"].tolist())], dtype=bool)]
                first = later.sort_values("timestamp").groupby("user").head(1)[["user", "item", "timestamp"]]
                return train, first.sort_values("user").reset_index(drop=True)
        """
        },
        fails={"test-global-split-train", "test-global-split-test"},
    ),
    Variant(
        name="global-split-keeps-cold-users",
        why="users without any training event get a test row: they can only be served by the cold-start fallback",
        cells={
            "global-split": r"""
            def global_time_split(events, cutoff):
                before = (events["timestamp"] < cutoff).to_numpy()
                train = events[before].reset_index(drop=True)
                seen = set(zip(train["user"].tolist(), train["item"].tolist()))
                later = events[~before]
                later = later[np.array([(u, i) not in seen
                                        for u, i in zip(later["user"].tolist(), later["item"].tolist())], dtype=bool)]
                first = later.sort_values("timestamp").groupby("user").head(1)[["user", "item", "timestamp"]]
                return train, first.sort_values("user").reset_index(drop=True)
        """
        },
        fails={"test-global-split-test"},
    ),
    Variant(
        name="global-split-keeps-repeat-items",
        why="the test item may be one the user already had in training: the recommender excludes seen items, so it "
        "can never be hit",
        cells={
            "global-split": r"""
            def global_time_split(events, cutoff):
                before = (events["timestamp"] < cutoff).to_numpy()
                train = events[before].reset_index(drop=True)
                warm = set(train["user"].tolist())
                later = events[~before]
                later = later[later["user"].isin(warm).to_numpy()]
                first = later.sort_values("timestamp").groupby("user").head(1)[["user", "item", "timestamp"]]
                return train, first.sort_values("user").reset_index(drop=True)
        """
        },
        fails={"test-global-split-test"},
    ),
    Variant(
        name="global-split-last-event",
        why="tests on each user's last event after the cutoff instead of the first: the next interaction is the one "
        "to predict",
        cells={
            "global-split": r"""
            def global_time_split(events, cutoff):
                before = (events["timestamp"] < cutoff).to_numpy()
                train = events[before].reset_index(drop=True)
                seen = set(zip(train["user"].tolist(), train["item"].tolist()))
                warm = set(train["user"].tolist())
                later = events[~before]
                later = later[np.array([u in warm and (u, i) not in seen
                                        for u, i in zip(later["user"].tolist(), later["item"].tolist())], dtype=bool)]
                last = later.sort_values("timestamp").groupby("user").tail(1)[["user", "item", "timestamp"]]
                return train, last.sort_values("user").reset_index(drop=True)
        """
        },
        fails={"test-global-split-test"},
    ),
    # ----------------------------------------------------------------------------------------- 2.3 future share
    Variant(
        name="future-share-counts-ties",
        why="counts training events at the same timestamp as 'after': only strictly later events are the future",
        cells={
            "future-share": r"""
            def future_training_share(train, held_out):
                times = np.sort(train["timestamp"].to_numpy())
                after = len(times) - np.searchsorted(times, held_out["timestamp"].to_numpy(), side="left")
                return after / len(times)
        """
        },
        fails={"test-future-share"},
    ),
    Variant(
        name="future-share-unsorted-searchsorted",
        why="np.searchsorted only works on a sorted array: the training timestamps are in log order",
        cells={
            "future-share": r"""
            def future_training_share(train, held_out):
                times = train["timestamp"].to_numpy()
                after = len(times) - np.searchsorted(times, held_out["timestamp"].to_numpy(), side="right")
                return after / len(times)
        """
        },
        fails={"test-future-share"},
    ),
    Variant(
        name="future-share-counts-not-shares",
        why="returns the number of later training events, not their share of the training set",
        cells={
            "future-share": r"""
            def future_training_share(train, held_out):
                times = np.sort(train["timestamp"].to_numpy())
                return (len(times) - np.searchsorted(times, held_out["timestamp"].to_numpy(), side="right")).astype(float)
        """
        },
        fails={"test-future-share"},
    ),
    # ----------------------------------------------------------------------------------------- 2.4 hit rate / MRR
    Variant(
        name="hit-rate-over-whole-list",
        why="looks for the held-out item in the whole recommended row, not in the first k",
        cells={
            "hit-rate": r"""
            def hit_rate_and_mrr(recommended, held_out_items, k):
                hits = np.asarray(recommended) == np.asarray(held_out_items)[:, None]
                found = hits.any(axis=1)
                return float(found.mean()), float(np.where(found, 1.0 / (hits.argmax(axis=1) + 1), 0.0).mean())
        """
        },
        fails={"test-hit-rate"},
    ),
    Variant(
        name="mrr-over-hit-users-only",
        why="averages the reciprocal ranks over the users with a hit only: a miss must count as 0 for every user",
        cells={
            "hit-rate": r"""
            def hit_rate_and_mrr(recommended, held_out_items, k):
                hits = np.asarray(recommended)[:, :k] == np.asarray(held_out_items)[:, None]
                found = hits.any(axis=1)
                ranks = hits.argmax(axis=1)[found] + 1
                return float(found.mean()), float(np.mean(1.0 / ranks)) if len(ranks) else 0.0
        """
        },
        fails={"test-hit-rate"},
    ),
    Variant(
        name="mrr-zero-based-rank",
        why="positions start at 1: an item in first place has reciprocal rank 1, not 1/0 (here: 1/(r+1) for all)",
        cells={
            "hit-rate": r"""
            def hit_rate_and_mrr(recommended, held_out_items, k):
                hits = np.asarray(recommended)[:, :k] == np.asarray(held_out_items)[:, None]
                found = hits.any(axis=1)
                return float(found.mean()), float(np.where(found, 1.0 / (hits.argmax(axis=1) + 2), 0.0).mean())
        """
        },
        fails={"test-hit-rate"},
    ),
    Variant(
        name="mrr-is-precision",
        why="returns the hit rate divided by k (precision@k with one relevant item), not the mean reciprocal rank",
        cells={
            "hit-rate": r"""
            def hit_rate_and_mrr(recommended, held_out_items, k):
                found = (np.asarray(recommended)[:, :k] == np.asarray(held_out_items)[:, None]).any(axis=1)
                return float(found.mean()), float(found.mean() / k)
        """
        },
        fails={"test-hit-rate"},
    ),
    # ----------------------------------------------------------------------------------------- 2.5 MC
    Variant(
        name="offline-online-metric",
        why="cosine not being a metric has nothing to do with the offline/online gap",
        cells={"offline-online": 'OFFLINE_ONLINE_GAP = "b"'},
        fails={"test-offline-online"},
    ),
    Variant(
        name="offline-online-sample-size",
        why="more users shrink the noise of the offline estimate, not the bias of logs produced by the old system",
        cells={"offline-online": 'OFFLINE_ONLINE_GAP = "c"'},
        fails={"test-offline-online"},
    ),
    # ----------------------------------------------------------------------------------------- 3.1 lsh_hash
    Variant(
        name="lsh-hash-msb-first",
        why="weights bit j by 2**(n_bits - 1 - j): a valid hash, but not the one specified (codes differ)",
        cells={
            "lsh-hash": r"""
            def lsh_hash(V, planes):
                bits = np.einsum("nd,tbd->ntb", np.asarray(V, dtype=float), np.asarray(planes, dtype=float)) >= 0
                weights = 2 ** np.arange(bits.shape[2] - 1, -1, -1, dtype=np.int64)
                return (bits * weights).sum(axis=2)
        """
        },
        fails={"test-lsh-hash", "test-lsh-search-exact", "test-lsh-search-recall"},
    ),
    Variant(
        name="lsh-hash-counts-bits",
        why="sums the bits without weights: very different vectors share a code",
        cells={
            "lsh-hash": r"""
            def lsh_hash(V, planes):
                bits = np.einsum("nd,tbd->ntb", np.asarray(V, dtype=float), np.asarray(planes, dtype=float)) >= 0
                return bits.sum(axis=2)
        """
        },
        fails={"test-lsh-hash", "test-lsh-search-exact", "test-lsh-search-recall", "test-tradeoff"},
    ),
    # ----------------------------------------------------------------------------------------- 3.2 build_tables
    Variant(
        name="tables-first-column-everywhere",
        why="uses the codes of table 0 for every table",
        cells={
            "build-tables": r"""
            def build_tables(codes):
                codes = np.asarray(codes)
                tables = []
                for t in range(codes.shape[1]):
                    table = {}
                    for item, code in enumerate(codes[:, 0]):
                        table.setdefault(int(code), []).append(item)
                    tables.append(table)
                return tables
        """
        },
        fails={"test-build-tables", "test-tradeoff"},
    ),
    Variant(
        name="tables-one-shared-dict",
        why="one dict for all tables: equal codes of different tables collide",
        cells={
            "build-tables": r"""
            def build_tables(codes):
                table = {}
                for item, row in enumerate(np.asarray(codes)):
                    for code in row:
                        table.setdefault(int(code), []).append(item)
                return [table]
        """
        },
        fails={"test-build-tables", "test-tradeoff"},
    ),
    # ----------------------------------------------------------------------------------------- 3.3 lsh_search
    Variant(
        name="lsh-search-single-table",
        why="looks only at table 0: far fewer candidates and low recall",
        cells={
            "lsh-search": r"""
            def lsh_search(q, V, planes, tables, k):
                q = np.asarray(q, dtype=float)
                code = lsh_hash(q[None, :], planes)[0, 0]
                candidates = np.array(sorted(tables[0].get(int(code), [])), dtype=int)
                if candidates.size == 0:
                    return candidates, 0
                Vc = np.asarray(V, dtype=float)[candidates]
                cosine = (Vc @ q) / (np.linalg.norm(Vc, axis=1) * np.linalg.norm(q))
                return candidates[np.argsort(-cosine, kind="stable")[:k]], int(candidates.size)
        """
        },
        fails={"test-lsh-search-exact", "test-lsh-search-recall", "test-tradeoff"},
    ),
    Variant(
        name="lsh-search-dot-product",
        why="ranks candidates by dot product (cosine without normalisation): long vectors win",
        cells={
            "lsh-search": r"""
            def lsh_search(q, V, planes, tables, k):
                q = np.asarray(q, dtype=float)
                codes = lsh_hash(q[None, :], planes)[0]
                candidates = np.array(sorted({i for t, c in enumerate(codes) for i in tables[t].get(int(c), [])}),
                                      dtype=int)
                if candidates.size == 0:
                    return candidates, 0
                scores = np.asarray(V, dtype=float)[candidates] @ q
                return candidates[np.argsort(-scores, kind="stable")[:k]], int(candidates.size)
        """
        },
        fails={"test-lsh-search-exact", "test-lsh-search-recall", "test-tradeoff"},
    ),
    Variant(
        name="lsh-search-intersects-tables",
        why="keeps items that share the bucket in every table (intersection) instead of any table (union)",
        cells={
            "lsh-search": r"""
            def lsh_search(q, V, planes, tables, k):
                q = np.asarray(q, dtype=float)
                codes = lsh_hash(q[None, :], planes)[0]
                buckets = [set(tables[t].get(int(c), [])) for t, c in enumerate(codes)]
                candidates = np.array(sorted(set.intersection(*buckets)), dtype=int)
                if candidates.size == 0:
                    return candidates, 0
                Vc = np.asarray(V, dtype=float)[candidates]
                cosine = (Vc @ q) / (np.linalg.norm(Vc, axis=1) * np.linalg.norm(q))
                return candidates[np.argsort(-cosine, kind="stable")[:k]], int(candidates.size)
        """
        },
        fails={"test-lsh-search-exact", "test-lsh-search-recall", "test-tradeoff"},
    ),
    Variant(
        name="lsh-search-counts-bucket-sizes",
        why="counts candidates with multiplicity (an item in several matching buckets counts several times)",
        cells={
            "lsh-search": r"""
            def lsh_search(q, V, planes, tables, k):
                q = np.asarray(q, dtype=float)
                codes = lsh_hash(q[None, :], planes)[0]
                found = [i for t, c in enumerate(codes) for i in tables[t].get(int(c), [])]
                candidates = np.array(sorted(set(found)), dtype=int)
                if candidates.size == 0:
                    return candidates, 0
                Vc = np.asarray(V, dtype=float)[candidates]
                cosine = (Vc @ q) / (np.linalg.norm(Vc, axis=1) * np.linalg.norm(q))
                return candidates[np.argsort(-cosine, kind="stable")[:k]], len(found)
        """
        },
        fails={"test-lsh-search-exact", "test-tradeoff"},
    ),
    Variant(
        name="lsh-search-calls-sklearn",
        why="exact NearestNeighbors inside the index: perfect recall, every item scored, and scikit-learn is forbidden",
        cells={
            "lsh-search": r"""
            from sklearn.neighbors import NearestNeighbors

            def lsh_search(q, V, planes, tables, k):
                V = np.asarray(V, dtype=float)
                model = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(V)
                return model.kneighbors(np.asarray(q, dtype=float)[None, :], return_distance=False)[0], len(V)
        """
        },
        fails={"test-lsh-search-exact", "test-lsh-search-recall", "test-tradeoff"},
    ),
    # ----------------------------------------------------------------------------------------- 3.4 recall_at_k
    Variant(
        name="recall-over-whole-exact-row",
        why="intersects with the whole exact row (neighbours beyond the true top k count as found)",
        cells={
            "recall-at-k": r"""
            def recall_at_k(approx, exact, k):
                exact = np.asarray(exact)
                return float(np.mean([len(set(np.asarray(a).tolist()[:k]) & set(exact[q].tolist())) / k
                                      for q, a in enumerate(approx)]))
        """
        },
        fails={"test-recall-at-k", "test-tradeoff"},
    ),
    Variant(
        name="recall-divides-by-returned",
        why="divides by the number of results returned, so short result lists look perfect",
        cells={
            "recall-at-k": r"""
            def recall_at_k(approx, exact, k):
                exact = np.asarray(exact)
                found = []
                for q, a in enumerate(approx):
                    top = np.asarray(a).tolist()[:k]
                    found.append(len(set(top) & set(exact[q, :k].tolist())) / len(top) if top else 0.0)
                return float(np.mean(found))
        """
        },
        fails={"test-recall-at-k"},  # in the trade-off test every query has at least k candidates
    ),
    # ----------------------------------------------------------------------------------------- 3.5 tradeoff_table
    Variant(
        name="tradeoff-one-generator-for-all-settings",
        why="draws every setting's planes from one generator: the planes depend on the order of the settings",
        cells={
            "tradeoff": r"""
            def tradeoff_table(V, queries, exact, settings, k, seed):
                V = np.asarray(V, dtype=float)
                rng = np.random.default_rng(seed)
                rows = []
                for n_tables, n_bits in settings:
                    planes = rng.standard_normal((n_tables, n_bits, V.shape[1]))
                    tables = build_tables(lsh_hash(V, planes))
                    found, candidates, seconds = [], [], []
                    for q in queries:
                        start = time.perf_counter()
                        ids, n_candidates = lsh_search(q, V, planes, tables, k)
                        seconds.append(time.perf_counter() - start)
                        found.append(ids)
                        candidates.append(n_candidates)
                    rows.append({"n_tables": n_tables, "n_bits": n_bits, "recall": recall_at_k(found, exact, k),
                                 "mean_candidates": float(np.mean(candidates)),
                                 "ms_per_query": 1e3 * float(np.mean(seconds))})
                return pd.DataFrame(rows, columns=["n_tables", "n_bits", "recall", "mean_candidates", "ms_per_query"])
        """
        },
        fails={"test-tradeoff"},
    ),
    Variant(
        name="tradeoff-total-candidates",
        why="reports the total number of candidates over all queries instead of the mean per query",
        cells={
            "tradeoff": r"""
            def tradeoff_table(V, queries, exact, settings, k, seed):
                V = np.asarray(V, dtype=float)
                rows = []
                for n_tables, n_bits in settings:
                    planes = np.random.default_rng(seed).standard_normal((n_tables, n_bits, V.shape[1]))
                    tables = build_tables(lsh_hash(V, planes))
                    found, candidates, seconds = [], [], []
                    for q in queries:
                        start = time.perf_counter()
                        ids, n_candidates = lsh_search(q, V, planes, tables, k)
                        seconds.append(time.perf_counter() - start)
                        found.append(ids)
                        candidates.append(n_candidates)
                    rows.append({"n_tables": n_tables, "n_bits": n_bits, "recall": recall_at_k(found, exact, k),
                                 "mean_candidates": float(np.sum(candidates)),
                                 "ms_per_query": 1e3 * float(np.mean(seconds))})
                return pd.DataFrame(rows, columns=["n_tables", "n_bits", "recall", "mean_candidates", "ms_per_query"])
        """
        },
        fails={"test-tradeoff"},
    ),
]

# Mutants of the reference solutions (course validate --mutants) that no input allowed by the specification can
# tell from the solution, with the reason.
EQUIVALENT_MUTANTS = {
    "item-similarity@9c62140e": "np.asarray(R) dropped: R is the dense float matrix of exercise 1.1 by specification",
    "recommend@864b1604": "np.asarray(R) dropped: R is the dense float matrix of exercise 1.1 by specification",
    "build-tables@fe79924f": "np.asarray(codes) dropped: codes is the integer array returned by lsh_hash by "
                             "specification",
    "lsh-search@88bc7bca": "np.asarray(q) dropped: q is an array of shape (dim,) by specification",
    "lsh-search@0b6632f9": "[-1] instead of [0] of the codes of one query: an array with a single row has the same "
                           "first and last row",
    "lsh-search@7725ce40": "early return for no candidates dropped: the general path returns the same empty integer "
                           "array and 0",
    "lsh-search@101ad3f6": "the early return's `return` dropped: the general path returns the same empty integer "
                           "array and 0",
    "lsh-search@5d9cebd7": "size == -1 never holds, so the early return is skipped: the general path returns the "
                           "same empty integer array and 0",
    "lsh-search@80c22179": "dividing instead of multiplying by ||q|| scales every candidate's cosine by the same "
                           "positive 1/||q||^2: the ranking does not change",
    "recall-at-k@7e2bd130": "np.asarray(exact) dropped: exact is an integer array by specification",
    "tradeoff@32ae2470": "np.asarray(V) dropped: V is an array by specification (its shape is used)",
}

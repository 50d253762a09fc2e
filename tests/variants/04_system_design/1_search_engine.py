"""Plausible wrong answers to 04_system_design/1_search_engine; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

TOKENIZE_CASCADE = {"test-tokenize", "test-build-index", "test-tfidf-shapes", "test-tfidf-idf", "test-tfidf-matrix"}

VARIANTS = [
    # ----------------------------------------------------------------------------------------- 1.1 tokenize
    Variant(
        name="tokenize-keeps-one-char-tokens",
        why=r"\b\w+\b keeps 'a', 'I', '7': the vocabulary, the counts and the BM25 document lengths change",
        cells={
            "tokenize": r"""
            def tokenize(text):
                return re.findall(r"(?u)\b\w+\b", text.lower())
        """
        },
        fails=TOKENIZE_CASCADE | {"test-bm25"},
    ),
    Variant(
        name="tokenize-no-lowercase",
        why="'Peko' and 'peko' become different terms (documents and queries)",
        cells={
            "tokenize": r"""
            def tokenize(text):
                return re.findall(r"(?u)\b\w\w+\b", text)
        """
        },
        fails=TOKENIZE_CASCADE | {"test-transform-query", "test-bm25"},
    ),
    Variant(
        name="tokenize-whitespace-split",
        why="str.split keeps punctuation ('peko,') and one-character words",
        cells={
            "tokenize": r"""
            def tokenize(text):
                return text.lower().split()
        """
        },
        fails=TOKENIZE_CASCADE | {"test-transform-query", "test-bm25"},
    ),
    Variant(
        name="tokenize-calls-sklearn",
        why="scikit-learn's analyser inside a from-scratch exercise earns nothing (nor do the functions that call it)",
        cells={
            "tokenize": r"""
            from sklearn.feature_extraction.text import CountVectorizer

            def tokenize(text):
                return CountVectorizer().build_analyzer()(text)
        """
        },
        fails=TOKENIZE_CASCADE
        | {"test-rank-documents", "test-bm25", "test-search-index-results", "test-search-index-counter"},
    ),
    # ----------------------------------------------------------------------------------------- 1.2 build_index
    Variant(
        name="index-posting-per-occurrence",
        why="appends (doc_id, 1) for every occurrence instead of one (doc_id, count) per document",
        cells={
            "build-index": r"""
            def build_index(docs):
                index = {}
                for doc_id, text in enumerate(docs):
                    for term in tokenize(text):
                        index.setdefault(term, []).append((doc_id, 1))
                return index
        """
        },
        fails={"test-build-index"},
    ),
    Variant(
        name="index-doc-ids-only",
        why="postings hold document ids without the term counts",
        cells={
            "build-index": r"""
            def build_index(docs):
                index = {}
                for doc_id, text in enumerate(docs):
                    for term in sorted(set(tokenize(text))):
                        index.setdefault(term, []).append(doc_id)
                return index
        """
        },
        fails={"test-build-index"},
    ),
    Variant(
        name="index-calls-sklearn",
        why="CountVectorizer inside a from-scratch exercise earns nothing",
        cells={
            "build-index": r"""
            from sklearn.feature_extraction.text import CountVectorizer

            def build_index(docs):
                vectorizer = CountVectorizer()
                counts = vectorizer.fit_transform(docs).tocsc()
                index = {}
                for j, term in enumerate(vectorizer.get_feature_names_out()):
                    rows = counts[:, j].nonzero()[0]
                    index[str(term)] = [(int(r), int(counts[r, j])) for r in sorted(rows)]
                return index
        """
        },
        fails={"test-build-index"},
    ),
    # ----------------------------------------------------------------------------------------- 2.1 fit_tfidf
    Variant(
        name="tfidf-without-smoothing",
        why="idf = ln(n / df) + 1 is TfidfVectorizer(smooth_idf=False), not the default",
        cells={
            "fit-tfidf": r"""
            def fit_tfidf(docs):
                counts = [Counter(tokenize(text)) for text in docs]
                vocabulary = sorted(set().union(*counts))
                column = {t: j for j, t in enumerate(vocabulary)}
                tf = np.zeros((len(docs), len(vocabulary)))
                for i, c in enumerate(counts):
                    for t, n in c.items():
                        tf[i, column[t]] = n
                idf = np.log(len(docs) / (tf > 0).sum(axis=0)) + 1
                X = tf * idf
                norms = np.linalg.norm(X, axis=1, keepdims=True)
                return vocabulary, idf, np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
        """
        },
        fails={"test-tfidf-idf", "test-tfidf-matrix"},
    ),
    Variant(
        name="tfidf-idf-without-plus-one",
        why="idf = ln((1 + n) / (1 + df)) without the + 1 ignores terms that occur in every document",
        cells={
            "fit-tfidf": r"""
            def fit_tfidf(docs):
                counts = [Counter(tokenize(text)) for text in docs]
                vocabulary = sorted(set().union(*counts))
                column = {t: j for j, t in enumerate(vocabulary)}
                tf = np.zeros((len(docs), len(vocabulary)))
                for i, c in enumerate(counts):
                    for t, n in c.items():
                        tf[i, column[t]] = n
                idf = np.log((1 + len(docs)) / (1 + (tf > 0).sum(axis=0)))
                X = tf * idf
                norms = np.linalg.norm(X, axis=1, keepdims=True)
                return vocabulary, idf, np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
        """
        },
        fails={"test-tfidf-idf", "test-tfidf-matrix"},
    ),
    Variant(
        name="tfidf-without-l2-norm",
        why="raw count x idf without normalising the rows: cosine is no longer a dot product",
        cells={
            "fit-tfidf": r"""
            def fit_tfidf(docs):
                counts = [Counter(tokenize(text)) for text in docs]
                vocabulary = sorted(set().union(*counts))
                column = {t: j for j, t in enumerate(vocabulary)}
                tf = np.zeros((len(docs), len(vocabulary)))
                for i, c in enumerate(counts):
                    for t, n in c.items():
                        tf[i, column[t]] = n
                idf = np.log((1 + len(docs)) / (1 + (tf > 0).sum(axis=0))) + 1
                return vocabulary, idf, tf * idf
        """
        },
        fails={"test-tfidf-shapes", "test-tfidf-matrix"},
    ),
    Variant(
        name="tfidf-sublinear-tf",
        why="1 + ln(count) is TfidfVectorizer(sublinear_tf=True), not the default",
        cells={
            "fit-tfidf": r"""
            def fit_tfidf(docs):
                counts = [Counter(tokenize(text)) for text in docs]
                vocabulary = sorted(set().union(*counts))
                column = {t: j for j, t in enumerate(vocabulary)}
                tf = np.zeros((len(docs), len(vocabulary)))
                for i, c in enumerate(counts):
                    for t, n in c.items():
                        tf[i, column[t]] = 1 + np.log(n)
                idf = np.log((1 + len(docs)) / (1 + (tf > 0).sum(axis=0))) + 1
                X = tf * idf
                norms = np.linalg.norm(X, axis=1, keepdims=True)
                return vocabulary, idf, np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
        """
        },
        fails={"test-tfidf-matrix"},
    ),
    Variant(
        name="tfidf-calls-sklearn",
        why="TfidfVectorizer inside a from-scratch exercise earns nothing",
        cells={
            "fit-tfidf": r"""
            from sklearn.feature_extraction.text import TfidfVectorizer

            def fit_tfidf(docs):
                vectorizer = TfidfVectorizer()
                X = vectorizer.fit_transform(docs).toarray()
                return list(vectorizer.get_feature_names_out()), vectorizer.idf_, X
        """
        },
        fails={"test-tfidf-shapes", "test-tfidf-idf", "test-tfidf-matrix"},
    ),
    # ----------------------------------------------------------------------------------------- 2.2 transform_query
    Variant(
        name="query-nan-without-known-terms",
        why="divides by a zero norm: a query without known terms becomes nan",
        cells={
            "transform-query": r"""
            def transform_query(query, vocabulary, idf):
                column = {t: j for j, t in enumerate(vocabulary)}
                vector = np.zeros(len(vocabulary))
                for term in tokenize(query):
                    if term in column:
                        vector[column[term]] += 1
                vector *= idf
                return vector / np.linalg.norm(vector)
        """
        },
        fails={"test-transform-query"},
    ),
    Variant(
        name="query-without-idf",
        why="weighs query terms by their counts only, as if every term were equally informative",
        cells={
            "transform-query": r"""
            def transform_query(query, vocabulary, idf):
                column = {t: j for j, t in enumerate(vocabulary)}
                vector = np.zeros(len(vocabulary))
                for term in tokenize(query):
                    if term in column:
                        vector[column[term]] += 1
                norm = np.linalg.norm(vector)
                return vector / norm if norm > 0 else vector
        """
        },
        fails={"test-transform-query", "test-rank-documents", "test-search-index-results"},
    ),
    Variant(
        name="query-not-normalised",
        why="the query vector is not L2-normalised (the ranking survives, the vector does not)",
        cells={
            "transform-query": r"""
            def transform_query(query, vocabulary, idf):
                column = {t: j for j, t in enumerate(vocabulary)}
                vector = np.zeros(len(vocabulary))
                for term in tokenize(query):
                    if term in column:
                        vector[column[term]] += 1
                return vector * idf
        """
        },
        fails={"test-transform-query"},
    ),
    # ----------------------------------------------------------------------------------------- 2.3 rank_documents
    Variant(
        name="rank-ties-reversed",
        why="argsort(scores)[::-1] puts equal scores in decreasing id order",
        cells={
            "rank-documents": r"""
            def rank_documents(query, vocabulary, idf, X, k):
                scores = np.asarray(X) @ transform_query(query, vocabulary, idf)
                return np.argsort(scores, kind="stable")[::-1][:k]
        """
        },
        fails={"test-rank-documents"},
    ),
    Variant(
        name="rank-unstable-sort",
        why="the default argsort is not stable, so ties are not in id order",
        cells={
            "rank-documents": r"""
            def rank_documents(query, vocabulary, idf, X, k):
                scores = np.asarray(X) @ transform_query(query, vocabulary, idf)
                return np.argsort(-scores)[:k]
        """
        },
        fails={"test-rank-documents"},
    ),
    Variant(
        name="rank-calls-sklearn",
        why="linear_kernel inside a from-scratch exercise earns nothing",
        cells={
            "rank-documents": r"""
            from sklearn.metrics.pairwise import linear_kernel

            def rank_documents(query, vocabulary, idf, X, k):
                scores = linear_kernel(transform_query(query, vocabulary, idf)[None, :], X).ravel()
                return np.argsort(-scores, kind="stable")[:k]
        """
        },
        fails={"test-rank-documents"},
    ),
    # ----------------------------------------------------------------------------------------- 3.1 bm25
    Variant(
        name="bm25-classic-idf",
        why="ln((N - df + 0.5) / (df + 0.5)) without the 1 + is negative for terms in more than half the documents",
        cells={
            "bm25": r"""
            def bm25_scores(query, docs, k1=1.5, b=0.75):
                counts = [Counter(tokenize(t)) for t in docs]
                lengths = np.array([sum(c.values()) for c in counts], dtype=float)
                scores = np.zeros(len(docs))
                for term in set(tokenize(query)):
                    tf = np.array([c.get(term, 0) for c in counts], dtype=float)
                    df = np.count_nonzero(tf)
                    if df:
                        idf = np.log((len(docs) - df + 0.5) / (df + 0.5))
                        scores += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / lengths.mean()))
                return scores
        """
        },
        fails={"test-bm25"},
    ),
    Variant(
        name="bm25-no-length-normalisation",
        why="ignores b and the document length: long documents are not penalised",
        cells={
            "bm25": r"""
            def bm25_scores(query, docs, k1=1.5, b=0.75):
                counts = [Counter(tokenize(t)) for t in docs]
                scores = np.zeros(len(docs))
                for term in set(tokenize(query)):
                    tf = np.array([c.get(term, 0) for c in counts], dtype=float)
                    df = np.count_nonzero(tf)
                    if df:
                        idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                        scores += idf * tf * (k1 + 1) / (tf + k1)
                return scores
        """
        },
        fails={"test-bm25"},
    ),
    Variant(
        name="bm25-repeated-query-terms",
        why="sums over every query token, so a word repeated in the query counts twice",
        cells={
            "bm25": r"""
            def bm25_scores(query, docs, k1=1.5, b=0.75):
                counts = [Counter(tokenize(t)) for t in docs]
                lengths = np.array([sum(c.values()) for c in counts], dtype=float)
                scores = np.zeros(len(docs))
                for term in tokenize(query):
                    tf = np.array([c.get(term, 0) for c in counts], dtype=float)
                    df = np.count_nonzero(tf)
                    if df:
                        idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                        scores += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / lengths.mean()))
                return scores
        """
        },
        fails={"test-bm25"},
    ),
    Variant(
        name="bm25-calls-sklearn",
        why="CountVectorizer inside a from-scratch exercise earns nothing",
        cells={
            "bm25": r"""
            from sklearn.feature_extraction.text import CountVectorizer

            def bm25_scores(query, docs, k1=1.5, b=0.75):
                vectorizer = CountVectorizer()
                C = vectorizer.fit_transform(docs).toarray().astype(float)
                lengths = C.sum(axis=1)
                df = (C > 0).sum(axis=0)
                idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                columns = {t: j for j, t in enumerate(vectorizer.get_feature_names_out())}
                scores = np.zeros(len(docs))
                for term in set(tokenize(query)):
                    if term in columns:
                        j = columns[term]
                        scores += idf[j] * C[:, j] * (k1 + 1) / (C[:, j] + k1 * (1 - b + b * lengths / lengths.mean()))
                return scores
        """
        },
        fails={"test-bm25"},
    ),
    # ----------------------------------------------------------------------------------------- 4.1 precision_at_k
    Variant(
        name="precision-divides-by-relevant",
        why="dividing by the number of relevant documents computes recall@k",
        cells={
            "precision-at-k": r"""
            def precision_at_k(ranked, relevant, k):
                relevant = set(relevant)
                return sum(1 for d in list(ranked)[:k] if d in relevant) / len(relevant)
        """
        },
        fails={"test-precision-at-k"},
    ),
    Variant(
        name="precision-divides-by-returned",
        why="dividing by the number of results returned rewards returning fewer than k",
        cells={
            "precision-at-k": r"""
            def precision_at_k(ranked, relevant, k):
                top = list(ranked)[:k]
                return sum(1 for d in top if d in set(relevant)) / len(top) if top else 0.0
        """
        },
        fails={"test-precision-at-k"},
    ),
    Variant(
        name="precision-counts-all-results",
        why="counts relevant documents anywhere in the list, not only in the first k",
        cells={
            "precision-at-k": r"""
            def precision_at_k(ranked, relevant, k):
                return sum(1 for d in ranked if d in set(relevant)) / k
        """
        },
        fails={"test-precision-at-k"},
    ),
    # ----------------------------------------------------------------------------------------- 4.2 NDCG
    Variant(
        name="ndcg-exponential-gain",
        why="2**rel - 1 is another convention; the stated one (and scikit-learn's) is the linear gain rel",
        cells={
            "ndcg": r"""
            def ndcg_at_k(ranked, relevance, k):
                relevance = np.asarray(relevance, dtype=float)
                dcg = lambda g: float(np.sum((2 ** g - 1) / np.log2(np.arange(2, len(g) + 2))))
                ideal = dcg(np.sort(relevance)[::-1][:k])
                return 0.0 if ideal == 0 else dcg(relevance[np.asarray(list(ranked)[:k], dtype=int)]) / ideal
        """
        },
        fails={"test-ndcg", "test-ndcg-edges"},
    ),
    Variant(
        name="ndcg-ideal-from-returned-documents",
        why="the ideal ranking re-sorts only the returned documents: relevant documents the ranker missed must lower "
        "the score, so the ideal DCG uses the whole collection",
        cells={
            "ndcg": r"""
            def ndcg_at_k(ranked, relevance, k):
                relevance = np.asarray(relevance, dtype=float)
                dcg = lambda g: float(np.sum(g / np.log2(np.arange(2, len(g) + 2))))
                gains = relevance[np.asarray(list(ranked)[:k], dtype=int)]
                ideal = dcg(np.sort(gains)[::-1])
                return 0.0 if ideal == 0 else dcg(gains) / ideal
        """
        },
        fails={"test-ndcg", "test-ndcg-edges"},
    ),
    Variant(
        name="ndcg-ideal-without-cutoff",
        why="the ideal DCG sums over every relevant document instead of the best k: NDCG@k can never reach 1",
        cells={
            "ndcg": r"""
            def ndcg_at_k(ranked, relevance, k):
                relevance = np.asarray(relevance, dtype=float)
                dcg = lambda g: float(np.sum(g / np.log2(np.arange(2, len(g) + 2))))
                ideal = dcg(np.sort(relevance)[::-1])
                return 0.0 if ideal == 0 else dcg(relevance[np.asarray(list(ranked)[:k], dtype=int)]) / ideal
        """
        },
        fails={"test-ndcg", "test-ndcg-edges"},
    ),
    Variant(
        name="ndcg-discount-off-by-one",
        why="discounts position i by log2(i + 2): the first result must be undiscounted (log2(2) = 1)",
        cells={
            "ndcg": r"""
            def ndcg_at_k(ranked, relevance, k):
                relevance = np.asarray(relevance, dtype=float)
                dcg = lambda g: float(np.sum(g / np.log2(np.arange(3, len(g) + 3))))
                ideal = dcg(np.sort(relevance)[::-1][:k])
                return 0.0 if ideal == 0 else dcg(relevance[np.asarray(list(ranked)[:k], dtype=int)]) / ideal
        """
        },
        fails={"test-ndcg", "test-ndcg-edges"},
    ),
    Variant(
        name="ndcg-nan-without-relevant-documents",
        why="0 / 0 for a query without relevant documents: the stated rule returns 0.0",
        cells={
            "ndcg": r"""
            def ndcg_at_k(ranked, relevance, k):
                relevance = np.asarray(relevance, dtype=float)
                dcg = lambda g: float(np.sum(g / np.log2(np.arange(2, len(g) + 2))))
                ideal = dcg(np.sort(relevance)[::-1][:k])
                with np.errstate(invalid="ignore"):
                    return float(np.float64(dcg(relevance[np.asarray(list(ranked)[:k], dtype=int)])) / ideal)
        """
        },
        fails={"test-ndcg-edges"},
    ),
    Variant(
        name="ndcg-calls-sklearn",
        why="ndcg_score inside a from-scratch exercise earns nothing",
        cells={
            "ndcg": r"""
            from sklearn.metrics import ndcg_score

            def ndcg_at_k(ranked, relevance, k):
                relevance = np.asarray(relevance, dtype=float)
                scores = np.full(len(relevance), -1.0)
                scores[np.asarray(list(ranked), dtype=int)] = np.arange(len(ranked), 0, -1)
                return float(ndcg_score([relevance], [scores], k=k))
        """
        },
        fails={"test-ndcg", "test-ndcg-edges"},
    ),
    # ----------------------------------------------------------------------------------------- 5.1 search_with_index
    Variant(
        name="index-search-counts-postings",
        why="counts every posting, so a document containing two query terms is counted twice",
        cells={
            "search-index": r"""
            def search_with_index(query, index, vocabulary, idf, X, k):
                q = transform_query(query, vocabulary, idf)
                postings = [doc for term in set(tokenize(query)) for doc, _ in index.get(term, [])]
                candidates = np.array(sorted(set(postings)), dtype=int)
                if candidates.size == 0:
                    return candidates, 0
                scores = np.asarray(X)[candidates] @ q
                return candidates[np.argsort(-scores, kind="stable")[:k]], len(postings)
        """
        },
        fails={"test-search-index-counter"},
    ),
    Variant(
        name="index-search-is-a-full-scan",
        why="scores every document and keeps the positive ones: right answer, none of the index's savings",
        cells={
            "search-index": r"""
            def search_with_index(query, index, vocabulary, idf, X, k):
                scores = np.asarray(X) @ transform_query(query, vocabulary, idf)
                order = np.argsort(-scores, kind="stable")
                return order[scores[order] > 0][:k], len(scores)
        """
        },
        fails={"test-search-index-counter"},
    ),
    Variant(
        name="index-search-pads-with-zero-scores",
        why="returns k documents even when fewer than k contain a query term",
        cells={
            "search-index": r"""
            def search_with_index(query, index, vocabulary, idf, X, k):
                candidates = {doc for term in set(tokenize(query)) for doc, _ in index.get(term, [])}
                scores = np.asarray(X) @ transform_query(query, vocabulary, idf)
                return np.argsort(-scores, kind="stable")[:k], len(candidates)
        """
        },
        fails={"test-search-index-results"},
    ),
    # ----------------------------------------------------------------------------------------- 5.2 time_queries
    Variant(
        name="time-averaged-over-the-loop",
        why="one timer around the loop divided by the number of queries hides the slow query",
        cells={
            "time-queries": r"""
            def time_queries(search, queries):
                start = time.perf_counter()
                for query in queries:
                    search(query)
                return np.full(len(queries), (time.perf_counter() - start) / max(len(queries), 1))
        """
        },
        fails={"test-time-queries"},
    ),
    Variant(
        name="time-with-warm-up-call",
        why="calls search twice per query (a warm-up call), which a load test must not do",
        cells={
            "time-queries": r"""
            def time_queries(search, queries):
                seconds = []
                for query in queries:
                    search(query)
                    start = time.perf_counter()
                    search(query)
                    seconds.append(time.perf_counter() - start)
                return np.array(seconds)
        """
        },
        fails={"test-time-queries"},
    ),
    Variant(
        name="time-returns-total",
        why="returns the total time as one number instead of one duration per query",
        cells={
            "time-queries": r"""
            def time_queries(search, queries):
                total = 0.0
                for query in queries:
                    start = time.perf_counter()
                    search(query)
                    total += time.perf_counter() - start
                return total
        """
        },
        fails={"test-time-queries"},
    ),
    # ----------------------------------------------------------------------------------------- 5.3 MC
    Variant(
        name="index-cost-all-documents",
        why="O(N) is the full scan, which the index exists to avoid",
        cells={"index-cost": 'INDEX_QUERY_COST = "a"'},
        fails={"test-index-cost"},
    ),
    Variant(
        name="index-cost-vocabulary",
        why="with postings that carry the weights, a document's score only touches the query's terms, never all V",
        cells={"index-cost": 'INDEX_QUERY_COST = "b"'},
        fails={"test-index-cost"},
    ),
]

# Mutants of the reference solutions (course validate --mutants) that no input allowed by the specification can
# tell from the solution, with the reason.
EQUIVALENT_MUTANTS = {
    "fit-tfidf@b1610f2c": "norms > 1 instead of > 0: a non-empty row has norm >= 1 (counts >= 1, idf >= 1), and "
                          "dividing by exactly 1 changes nothing",
    "transform-query@a3f643af": "each known query token counted 2 instead of 1: the vector is L2-normalised afterwards",
    "transform-query@314101cc": "norm > 1 instead of > 0: the corpus idf is >= 1, so a non-zero query vector has "
                                "norm >= 1, and dividing by exactly 1 changes nothing",
    "precision-at-k@036bbc22": "set(relevant) dropped: relevant is a set by specification, and `in` answers the same "
                               "on any container",
    "ndcg@60731db2": "np.asarray(relevance) dropped: relevance is a float array by specification",
    "search-index@87bcdde0": "early return for no candidates dropped: the general path returns the same empty "
                             "integer array and 0",
    "search-index@c962e3e3": "the early return's `return` dropped: the general path returns the same empty integer "
                             "array and 0",
    "search-index@15880364": "size == -1 never holds, so the early return is skipped: the general path returns the "
                             "same empty integer array and 0",
}

"""Plausible wrong answers to 08_interview_strategy/2_judgement_under_constraints; each must lose exactly the tests
in `fails`."""

from course.proof.variants import Variant

ONE_SE = """
def one_standard_error_rule(means, standard_errors, complexity):
    n = len(means)
    if n == 0 or len(standard_errors) != n or len(complexity) != n:
        raise ValueError("lengths")
    if any(se < 0 for se in standard_errors):
        raise ValueError("negative")
    best = min(range(n), key=lambda i: (-means[i], complexity[i], i))
    eligible = [i for i in range(n) if {eligible}]
    return int(min(eligible, key=lambda i: {key}))
"""


def one_se_variant(eligible="means[i] >= means[best] - standard_errors[best]", key="(complexity[i], -means[i], i)"):
    return ONE_SE.format(eligible=eligible, key=key)


HALVING = """
def successive_halving(score_table, min_resource, eta, total_budget):
    table = np.asarray(score_table, dtype=float)
    n_candidates, n_levels = table.shape
    survivors = list(range(n_candidates))
    resource, spent, rounds, winner = min_resource, 0, [], None
    for level in range(n_levels):
        cost = len(survivors) * resource
        if spent + cost {over} total_budget:
            break
        spent += cost
        rounds.append(list(survivors))
        ranked = sorted(survivors, key=lambda c: {rank})
        {winner}
        keep = {keep}
        {stop}
        survivors = sorted(ranked[:keep])
        resource {grow}
    if winner is None:
        raise ValueError("budget")
    return {{"winner": int(winner), "rounds": rounds, "spent": int(spent)}}
"""


def halving_variant(over=">", rank="(-table[c, level], c)", winner="winner = ranked[0]",
                    keep="max(1, len(survivors) // eta)", stop="if keep == 1:\n            break", grow="*= eta"):
    return HALVING.format(over=over, rank=rank, winner=winner, keep=keep, stop=stop, grow=grow)


PROFIT = """
def profit_curve(y_true, scores, value_saved, contact_cost, success_rate):
    y_true = np.asarray(y_true, dtype=float)
    scores = np.asarray(scores, dtype=float)
    order = {order}
    tp = {tp}
    k = np.arange(len(tp))
    return {profit}
"""


def profit_variant(order='np.argsort(-scores, kind="stable")', tp="np.r_[0.0, np.cumsum(y_true[order])]",
                   profit="success_rate * value_saved * tp - contact_cost * k"):
    return PROFIT.format(order=order, tp=tp, profit=profit)


CAMPAIGN = """
def best_campaign(y_true, scores, value_saved, contact_cost, success_rate):
    y_true = np.asarray(y_true, dtype=float)
    profits = profit_curve(y_true, scores, value_saved, contact_cost, success_rate)
    k = {k}
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    tp = float(y_true[order[:k]].sum())
    positives = float(y_true.sum())
    precision = tp / k if k else 0.0
    recall = tp / positives if positives else 0.0
    return {result}
"""


def campaign_variant(k="int(np.argmax(profits))", result="k, float(profits[k]), precision, recall"):
    return CAMPAIGN.format(k=k, result=result)


VARIANTS = [
    # ------------------------------------------------------------------ 1.1 fold scores
    Variant(
        name="fold-scores-on-training-rows",
        why="scored on the rows the model was trained on: training accuracy says nothing about generalisation",
        cells={"fold-scores": """
            def fold_scores(model, X, y, folds):
                out = []
                for train, test in folds:
                    fitted = clone(model).fit(X[train], y[train])
                    out.append(float(np.mean(fitted.predict(X[train]) == y[train])))
                return np.array(out)
        """},
        fails={"test-fold-scores", "test-choose-model"},
    ),
    Variant(
        name="fold-scores-fit-once",
        why="the model must be refitted on each fold's training rows; fitting once leaks the other folds' test rows",
        cells={"fold-scores": """
            def fold_scores(model, X, y, folds):
                fitted = clone(model).fit(X[folds[0][0]], y[folds[0][0]])
                return np.array([float(np.mean(fitted.predict(X[test]) == y[test])) for _, test in folds])
        """},
        fails={"test-fold-scores", "test-choose-model"},
    ),
    Variant(
        name="fold-scores-calls-cross-val-score",
        why="cross_val_score inside the exercise that asks you to write the loop earns nothing",
        cells={"fold-scores": """
            def fold_scores(model, X, y, folds):
                return cross_val_score(model, X, y, cv=folds)
        """},
        fails={"test-fold-scores"},
    ),
    Variant(
        name="fold-scores-own-kfold",
        why="the given folds must be used: new unshuffled folds give other scores",
        cells={"fold-scores": """
            def fold_scores(model, X, y, folds):
                out = []
                n, k = len(y), len(folds)
                for i in range(k):
                    test = np.arange(i * n // k, (i + 1) * n // k)
                    train = np.setdiff1d(np.arange(n), test)
                    fitted = clone(model).fit(X[train], y[train])
                    out.append(float(np.mean(fitted.predict(X[test]) == y[test])))
                return np.array(out)
        """},
        fails={"test-fold-scores"},
    ),
    # ------------------------------------------------------------------ 1.2 mean and SE
    Variant(
        name="mean-se-ddof-0",
        why="the sample standard deviation of fold scores uses ddof=1 (numpy's default is ddof=0)",
        cells={"mean-se": """
            def mean_and_standard_error(scores):
                scores = np.asarray(scores, dtype=float)
                if scores.size < 2:
                    raise ValueError("few")
                return float(scores.mean()), float(scores.std() / math.sqrt(scores.size))
        """},
        fails={"test-mean-se", "test-mean-se-few"},
    ),
    Variant(
        name="mean-se-divided-by-k",
        why="the standard error divides the standard deviation by the square root of k, not by k",
        cells={"mean-se": """
            def mean_and_standard_error(scores):
                scores = np.asarray(scores, dtype=float)
                if scores.size < 2:
                    raise ValueError("few")
                return float(scores.mean()), float(scores.std(ddof=1) / scores.size)
        """},
        fails={"test-mean-se", "test-mean-se-few", "test-choose-model"},
    ),
    Variant(
        name="mean-se-standard-deviation",
        why="the spread of the fold scores (sd) is not the uncertainty of their mean (sd / sqrt(k))",
        cells={"mean-se": """
            def mean_and_standard_error(scores):
                scores = np.asarray(scores, dtype=float)
                if scores.size < 2:
                    raise ValueError("few")
                return float(scores.mean()), float(scores.std(ddof=1))
        """},
        fails={"test-mean-se", "test-mean-se-few"},
    ),
    Variant(
        name="mean-se-no-validation",
        why="one score has no spread: the standard error is undefined, so refuse it with ValueError",
        cells={"mean-se": """
            def mean_and_standard_error(scores):
                scores = np.asarray(scores, dtype=float)
                se = scores.std(ddof=1) / math.sqrt(scores.size) if scores.size > 1 else 0.0
                return float(scores.mean()) if scores.size else 0.0, float(se)
        """},
        fails={"test-mean-se-few"},
    ),
    # ------------------------------------------------------------------ 1.3 one-SE rule
    Variant(
        name="one-se-strict-threshold",
        why="a mean exactly at the best mean minus one SE is within one standard error: the test is >=",
        cells={"one-se-rule": one_se_variant(eligible="means[i] > means[best] - standard_errors[best]")},
        fails={"test-one-se-boundary"},
    ),
    Variant(
        name="one-se-best-mean",
        why="picks the highest mean: the rule exists to prefer a simpler model that is statistically as good",
        cells={"one-se-rule": one_se_variant(eligible="i == best")},
        fails={"test-one-se", "test-one-se-boundary", "test-one-se-ties", "test-choose-model"},
    ),
    Variant(
        name="one-se-own-standard-error",
        why="the threshold uses the best model's standard error, not each candidate's own",
        cells={"one-se-rule": one_se_variant(eligible="means[i] + standard_errors[i] >= means[best]")},
        fails={"test-one-se", "test-one-se-boundary", "test-one-se-ties"},
    ),
    Variant(
        name="one-se-ties-by-index",
        why="among equally simple eligible models the higher mean wins before the index",
        cells={"one-se-rule": one_se_variant(key="(complexity[i], i)")},
        fails={"test-one-se", "test-one-se-ties"},
    ),
    Variant(
        name="one-se-no-validation",
        why="empty or mismatched lists and negative standard errors should raise ValueError",
        cells={"one-se-rule": """
            def one_standard_error_rule(means, standard_errors, complexity):
                n = min(len(means), len(standard_errors), len(complexity))
                best = min(range(n), key=lambda i: (-means[i], complexity[i], i))
                eligible = [i for i in range(n) if means[i] >= means[best] - abs(standard_errors[best])]
                return int(min(eligible, key=lambda i: (complexity[i], -means[i], i)))
        """},
        fails={"test-one-se-boundary"},
    ),
    # ------------------------------------------------------------------ 1.4 choose_model
    Variant(
        name="choose-model-best-mean",
        why="returns the model with the best CV mean, ignoring the one-standard-error rule",
        cells={"choose-model": """
            def choose_model(candidates, X, y, folds):
                means = [np.mean(fold_scores(est, X, y, folds)) for _, _, est in candidates]
                return candidates[int(np.argmax(means))][0]
        """},
        fails={"test-choose-model"},
    ),
    Variant(
        name="choose-model-position-as-complexity",
        why="uses the position in the list as the complexity instead of the complexity each candidate states",
        cells={"choose-model": """
            def choose_model(candidates, X, y, folds):
                stats_ = [mean_and_standard_error(fold_scores(est, X, y, folds)) for _, _, est in candidates]
                index = one_standard_error_rule([m for m, _ in stats_], [s for _, s in stats_], list(range(len(candidates))))
                return candidates[index][0]
        """},
        fails={"test-choose-model"},
    ),
    Variant(
        name="choose-model-returns-index",
        why="the function returns the candidate's name, not its index",
        cells={"choose-model": """
            def choose_model(candidates, X, y, folds):
                stats_ = [mean_and_standard_error(fold_scores(est, X, y, folds)) for _, _, est in candidates]
                return one_standard_error_rule([m for m, _ in stats_], [s for _, s in stats_], [c for _, c, _ in candidates])
        """},
        fails={"test-choose-model"},
    ),
    # ------------------------------------------------------------------ 2.1 successive halving
    Variant(
        name="halving-ceil-survivors",
        why="the number of survivors is floor(n / eta) (at least 1); rounding up keeps one candidate too many",
        cells={"successive-halving": halving_variant(keep="max(1, math.ceil(len(survivors) / eta))")},
        fails={"test-halving-rounds", "test-halving-budget", "test-halving-ties"},
    ),
    Variant(
        name="halving-ties-higher-id",
        why="tied scores are ranked by the lower candidate id",
        cells={"successive-halving": halving_variant(rank="(-table[c, level], -c)")},
        fails={"test-halving-ties"},
    ),
    Variant(
        name="halving-strict-budget",
        why="a round that spends exactly the remaining budget is allowed: stop only when the cost exceeds it",
        cells={"successive-halving": halving_variant(over=">=")},
        fails={"test-halving-budget"},
    ),
    Variant(
        name="halving-constant-resource",
        why="each round multiplies the resource by eta: later rounds train the survivors with more data",
        cells={"successive-halving": halving_variant(grow="*= 1")},
        fails={"test-halving-rounds", "test-halving-budget", "test-halving-ties"},
    ),
    Variant(
        name="halving-winner-of-first-round",
        why="the winner is the best of the last round run, at the largest resource reached, not of round 0",
        cells={"successive-halving": halving_variant(winner="winner = ranked[0] if winner is None else winner")},
        fails={"test-halving-rounds", "test-halving-budget", "test-halving-ties"},
    ),
    Variant(
        name="halving-extra-final-round",
        why="once a round keeps a single candidate the search is over: training it again wastes budget",
        cells={"successive-halving": halving_variant(stop="pass")},
        fails={"test-halving-rounds", "test-halving-ties"},
    ),
    # ------------------------------------------------------------------ 2.2 MC
    Variant(
        name="halving-assumption-guarantee",
        why="successive halving can drop the candidate a full grid would pick: it trades that risk for compute",
        cells={"halving-assumption": 'HALVING_ASSUMPTION = "c"'},
        fails={"test-halving-assumption"},
    ),
    Variant(
        name="halving-assumption-convergence",
        why="if every candidate converged to the same score there would be nothing to select",
        cells={"halving-assumption": 'HALVING_ASSUMPTION = "b"'},
        fails={"test-halving-assumption"},
    ),
    # ------------------------------------------------------------------ 3.1 profit curve
    Variant(
        name="profit-ascending-order",
        why="contacts the customers least likely to churn first: rank by decreasing score",
        cells={"profit-curve": profit_variant(order='np.argsort(scores, kind="stable")')},
        fails={"test-profit-curve", "test-profit-curve-ties", "test-best-campaign", "test-best-campaign-ties"},
    ),
    Variant(
        name="profit-ties-reversed",
        why="np.argsort(scores)[::-1] also reverses the order of equal scores: use a stable sort of -scores",
        cells={"profit-curve": profit_variant(order='np.argsort(scores, kind="stable")[::-1]')},
        fails={"test-profit-curve-ties", "test-best-campaign-ties"},
    ),
    Variant(
        name="profit-cost-only-false-positives",
        why="every contacted customer costs the contact, churner or not",
        cells={"profit-curve": profit_variant(
            profit="success_rate * value_saved * tp - contact_cost * (k - tp)")},
        fails={"test-profit-curve", "test-profit-curve-ties", "test-best-campaign", "test-best-campaign-ties",
               "test-best-campaign-none"},
    ),
    Variant(
        name="profit-without-k-zero",
        why="the curve starts at k = 0 (no campaign, profit 0): n + 1 entries",
        cells={"profit-curve": profit_variant(tp="np.cumsum(y_true[order])", profit=(
            "success_rate * value_saved * tp - contact_cost * (k + 1)"))},
        fails={"test-profit-curve", "test-profit-curve-ties", "test-best-campaign", "test-best-campaign-ties",
               "test-best-campaign-none"},
    ),
    # ------------------------------------------------------------------ 3.2 best campaign
    Variant(
        name="campaign-largest-k-on-tie",
        why="equally profitable campaigns: the smallest k (same money, fewer calls and annoyed customers)",
        cells={"best-campaign": campaign_variant(k="int(len(profits) - 1 - np.argmax(profits[::-1]))")},
        fails={"test-best-campaign-ties", "test-best-campaign-none"},
    ),
    Variant(
        name="campaign-at-least-one-contact",
        why="k = 0 (no campaign) must be allowed: sometimes no campaign is the profitable answer",
        cells={"best-campaign": campaign_variant(k="int(np.argmax(profits[1:])) + 1")},
        fails={"test-best-campaign-none"},
    ),
    Variant(
        name="campaign-threshold-half",
        why="contacts everyone with a score of at least 0.5: a modelling convention, not a business decision",
        cells={"best-campaign": campaign_variant(k="int(np.sum(np.asarray(scores) >= 0.5))")},
        fails={"test-best-campaign", "test-best-campaign-ties", "test-best-campaign-none"},
    ),
    Variant(
        name="campaign-precision-recall-swapped",
        why="precision is TP / k (how many calls reach churners); recall is TP / P (how many churners are reached)",
        cells={"best-campaign": campaign_variant(result="k, float(profits[k]), recall, precision")},
        fails={"test-best-campaign", "test-best-campaign-ties"},
    ),
]

# Mutants that no test can tell from the reference, each with the reason (course validate --mutants).
EQUIVALENT_MUTANTS = {
    "one-se-rule@eb1a2ba1": "with n == 0 the other lengths must be 0 too, and min() over the empty range then raises "
                            "ValueError, the same exception",
}

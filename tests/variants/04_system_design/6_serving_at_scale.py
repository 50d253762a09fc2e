"""Plausible wrong answers to 04_system_design/6_serving_at_scale; each must lose exactly the tests in `fails`.

The design write-up variants start from one well-formed write-up (`write_up()` below passes the structure test)
and break exactly one structure rule each, so each rule is shown to be enforced.
"""

from course.proof.variants import Variant

SECTIONS = ["Requirements", "Data", "Features", "Model", "Serving", "Scaling", "Monitoring", "Trade-offs"]
BODIES = {
    "Requirements": (
        "Serve 300 million daily users with about 8 requests each, which is 28k requests per second on average and "
        "about 85k at a 3x peak, with a p99 latency under 150 ms. The metric is the business outcome, with guardrails."
    ),
    "Data": (
        "Event logs of what was shown and what the user did next, joined with the entities involved. Labels arrive "
        "with a delay, are imbalanced and biased by what the current system chose to show, so we correct for that."
    ),
    "Features": (
        "User history aggregates, item attributes and embeddings, context such as time and device, and real-time "
        "counters. All features come from a feature store and are computed point in time to avoid any leakage."
    ),
    "Model": (
        "A simple baseline first (popularity or a linear model), then a gradient-boosted or neural model trained on "
        "recent data. A two-stage design keeps expensive scoring for a few hundred candidates per request only."
    ),
    "Serving": (
        "A stateless scoring service behind a load balancer reads features from an in-memory store, with a strict "
        "timeout and a cached fallback answer. New versions go through shadow mode and a canary before an A/B test."
    ),
    "Scaling": (
        "At 85k peak requests per second and 400 requests per second per replica at 60% utilisation, we need about "
        "355 replicas across 3 regions. Embeddings for 50 million items take about 25 GB and are replicated."
    ),
    "Monitoring": (
        "Input drift with PSI and KS per feature, prediction distribution, latency and error rates per version, and "
        "the business metric once labels arrive, with alert thresholds set from historical variation and clear owners."
    ),
    "Trade-offs": (
        "Freshness against cost, model size against latency, exploration against short-term engagement, and a "
        "global model against per-region models. The main risk is a feedback loop that only learns from its own choices."
    ),
}


def write_up(var, order=SECTIONS, bodies=None, level="## ", repeat=1):
    """A solution cell assigning a markdown write-up to `var`."""
    texts = {**BODIES, **(bodies or {})}
    parts = [f"{level}{name}\n" + " ".join([texts[name]] * repeat) + "\n" for name in order]
    return f'{var} = r"""\n' + "\n".join(parts) + '"""'


VARIANTS = [
    # ------------------------------------------------------------------ 1.1 peak_qps
    Variant(
        name="qps-without-peak-factor",
        why="plans for the daily average: the service falls over at the evening peak",
        cells={
            "peak-qps": """
            def peak_qps(dau, requests_per_user, peak_factor=3.0):
                return math.ceil(dau * requests_per_user / SECONDS_PER_DAY)
        """
        },
        fails={"test-peak-qps"},
    ),
    Variant(
        name="qps-rounded-down",
        why="int() truncates: capacity must be rounded up",
        cells={
            "peak-qps": """
            def peak_qps(dau, requests_per_user, peak_factor=3.0):
                return int(dau * requests_per_user * peak_factor / SECONDS_PER_DAY)
        """
        },
        fails={"test-peak-qps"},
    ),
    Variant(
        name="qps-returns-float",
        why="np.ceil returns a float, not the int the task asks for",
        cells={
            "peak-qps": """
            def peak_qps(dau, requests_per_user, peak_factor=3.0):
                return np.ceil(dau * requests_per_user * peak_factor / SECONDS_PER_DAY)
        """
        },
        fails={"test-peak-qps"},
    ),
    # ------------------------------------------------------------------ 1.2 storage and bandwidth
    Variant(
        name="storage-in-tebibytes",
        why="dividing by 1024**4 gives TiB, not the decimal TB the task fixes",
        cells={
            "storage-bandwidth": """
            def storage_tb(events_per_day, bytes_per_event, years, replication=3):
                return events_per_day * bytes_per_event * DAYS_PER_YEAR * years * replication / 1024**4

            def bandwidth_gbps(qps, bytes_per_response):
                return qps * bytes_per_response * 8 / 1e9
        """
        },
        fails={"test-storage"},
    ),
    Variant(
        name="storage-forgets-replication",
        why="counts one copy of the data although every event is stored `replication` times",
        cells={
            "storage-bandwidth": """
            def storage_tb(events_per_day, bytes_per_event, years, replication=3):
                return events_per_day * bytes_per_event * DAYS_PER_YEAR * years / 1e12

            def bandwidth_gbps(qps, bytes_per_response):
                return qps * bytes_per_response * 8 / 1e9
        """
        },
        fails={"test-storage"},
    ),
    Variant(
        name="bandwidth-bytes-not-bits",
        why="network links are sized in bits per second: a factor 8 is missing",
        cells={
            "storage-bandwidth": """
            def storage_tb(events_per_day, bytes_per_event, years, replication=3):
                return events_per_day * bytes_per_event * DAYS_PER_YEAR * years * replication / 1e12

            def bandwidth_gbps(qps, bytes_per_response):
                return qps * bytes_per_response / 1e9
        """
        },
        fails={"test-bandwidth"},
    ),
    # ------------------------------------------------------------------ 1.3 replicas_needed
    Variant(
        name="replicas-rounded-down",
        why="a fractional replica rounded down leaves the fleet short at peak",
        cells={
            "replicas": """
            def replicas_needed(peak_qps, latency_ms, concurrency, latency_budget_ms, utilisation=0.6, min_replicas=2):
                if latency_ms > latency_budget_ms:
                    raise ValueError("too slow for the budget")
                return max(min_replicas, int(peak_qps / (concurrency * 1000 / latency_ms * utilisation)))
        """
        },
        fails={"test-replicas", "test-replicas-budget"},
    ),
    Variant(
        name="replicas-without-headroom",
        why="plans every replica at 100% utilisation: no headroom for spikes or a lost zone",
        cells={
            "replicas": """
            def replicas_needed(peak_qps, latency_ms, concurrency, latency_budget_ms, utilisation=0.6, min_replicas=2):
                if latency_ms > latency_budget_ms:
                    raise ValueError("too slow for the budget")
                return max(min_replicas, math.ceil(peak_qps / (concurrency * 1000 / latency_ms)))
        """
        },
        fails={"test-replicas", "test-replicas-budget"},
    ),
    Variant(
        name="replicas-without-minimum",
        why="a single replica is a single point of failure; min_replicas is ignored",
        cells={
            "replicas": """
            def replicas_needed(peak_qps, latency_ms, concurrency, latency_budget_ms, utilisation=0.6, min_replicas=2):
                if latency_ms > latency_budget_ms:
                    raise ValueError("too slow for the budget")
                return math.ceil(peak_qps / (concurrency * 1000 / latency_ms * utilisation))
        """
        },
        fails={"test-replicas"},
    ),
    Variant(
        name="replicas-ignore-latency-budget",
        why="more replicas never make one request faster; the budget check is missing",
        cells={
            "replicas": """
            def replicas_needed(peak_qps, latency_ms, concurrency, latency_budget_ms, utilisation=0.6, min_replicas=2):
                return max(min_replicas, math.ceil(peak_qps / (concurrency * 1000 / latency_ms * utilisation)))
        """
        },
        fails={"test-replicas-budget"},
    ),
    # ------------------------------------------------------------------ 1.4 queue_wait
    Variant(
        name="queue-wait-mm1-for-every-server-count",
        why="uses the one-server formula P(wait) = rho whatever the number of servers: pooled servers wait far less",
        cells={
            "queue-wait": """
            def queue_wait(arrival_qps, service_ms, servers, quantile=0.99):
                service_s = service_ms / 1000
                rho = arrival_qps * service_s / servers
                if rho >= 1:
                    raise ValueError("unstable")
                p_wait = rho
                if p_wait <= 1 - quantile:
                    return float(p_wait), 0.0
                return float(p_wait), float(1000 * math.log(p_wait / (1 - quantile)) / (servers / service_s - arrival_qps))
        """
        },
        fails={"test-queue-wait", "test-queue-wait-edges"},
    ),
    Variant(
        name="queue-wait-in-seconds",
        why="returns the waiting-time quantile in seconds: the spec (and the latency budget) are in milliseconds",
        cells={
            "queue-wait": """
            def queue_wait(arrival_qps, service_ms, servers, quantile=0.99):
                service_s = service_ms / 1000
                load = arrival_qps * service_s
                if load >= servers:
                    raise ValueError("unstable")
                b = 1.0
                for k in range(1, servers + 1):
                    b = load * b / (k + load * b)
                p_wait = servers * b / (servers - load * (1 - b))
                if p_wait <= 1 - quantile:
                    return float(p_wait), 0.0
                return float(p_wait), float(math.log(p_wait / (1 - quantile)) / (servers / service_s - arrival_qps))
        """
        },
        fails={"test-queue-wait", "test-queue-wait-edges"},
    ),
    Variant(
        name="queue-wait-erlang-b",
        why="Erlang B is the blocking probability of a queue without waiting room; waiting requests need Erlang C",
        cells={
            "queue-wait": """
            def queue_wait(arrival_qps, service_ms, servers, quantile=0.99):
                service_s = service_ms / 1000
                load = arrival_qps * service_s
                if load >= servers:
                    raise ValueError("unstable")
                b = 1.0
                for k in range(1, servers + 1):
                    b = load * b / (k + load * b)
                if b <= 1 - quantile:
                    return float(b), 0.0
                return float(b), float(1000 * math.log(b / (1 - quantile)) / (servers / service_s - arrival_qps))
        """
        },
        fails={"test-queue-wait", "test-queue-wait-edges"},
    ),
    Variant(
        name="queue-wait-stable-at-full-utilisation",
        why="'>' instead of '>=': at utilisation exactly 1 the queue also grows without bound",
        cells={
            "queue-wait": """
            def queue_wait(arrival_qps, service_ms, servers, quantile=0.99):
                service_s = service_ms / 1000
                load = arrival_qps * service_s
                if load > servers:
                    raise ValueError("unstable")
                b = 1.0
                for k in range(1, servers + 1):
                    b = load * b / (k + load * b)
                if load == servers:
                    return 1.0, float("inf")
                p_wait = servers * b / (servers - load * (1 - b))
                if p_wait <= 1 - quantile:
                    return float(p_wait), 0.0
                return float(p_wait), float(1000 * math.log(p_wait / (1 - quantile)) / (servers / service_s - arrival_qps))
        """
        },
        fails={"test-queue-wait-edges"},
    ),
    Variant(
        name="queue-wait-negative-quantile",
        why="when fewer than 1 - q of the requests wait, the quantile of the waiting time is 0, not a negative log",
        cells={
            "queue-wait": """
            def queue_wait(arrival_qps, service_ms, servers, quantile=0.99):
                service_s = service_ms / 1000
                load = arrival_qps * service_s
                if load >= servers:
                    raise ValueError("unstable")
                b = 1.0
                for k in range(1, servers + 1):
                    b = load * b / (k + load * b)
                p_wait = servers * b / (servers - load * (1 - b))
                return float(p_wait), float(1000 * math.log(p_wait / (1 - quantile)) / (servers / service_s - arrival_qps))
        """
        },
        fails={"test-queue-wait", "test-queue-wait-edges"},
    ),
    # ------------------------------------------------------------------ 2.1 two_proportion_ztest
    Variant(
        name="ztest-one-sided-p",
        why="norm.sf(|z|) is a one-sided p-value: half the two-sided one",
        cells={
            "ztest": """
            def two_proportion_ztest(conversions_a, n_a, conversions_b, n_b):
                pooled = (conversions_a + conversions_b) / (n_a + n_b)
                se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
                z = (conversions_b / n_b - conversions_a / n_a) / se
                return float(z), float(stats.norm.sf(abs(z)))
        """
        },
        fails={"test-ztest", "test-peeking"},
    ),
    Variant(
        name="ztest-unpooled-se",
        why="the unpooled standard error is the Wald test, not the pooled test the task states",
        cells={
            "ztest": """
            def two_proportion_ztest(conversions_a, n_a, conversions_b, n_b):
                p_a, p_b = conversions_a / n_a, conversions_b / n_b
                se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
                z = (p_b - p_a) / se
                return float(z), float(2 * stats.norm.sf(abs(z)))
        """
        },
        fails={"test-ztest", "test-canary", "test-canary-edges", "test-rollback-probability"},
    ),
    Variant(
        name="ztest-sign-flipped",
        why="A minus B makes z negative when the treatment wins",
        cells={
            "ztest": """
            def two_proportion_ztest(conversions_a, n_a, conversions_b, n_b):
                pooled = (conversions_a + conversions_b) / (n_a + n_b)
                se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
                z = (conversions_a / n_a - conversions_b / n_b) / se
                return float(z), float(2 * stats.norm.sf(abs(z)))
        """
        },
        fails={"test-ztest", "test-canary", "test-canary-edges", "test-rollback-probability"},
    ),
    # ------------------------------------------------------------------ 2.2 sample_size_per_arm
    Variant(
        name="sample-size-not-rounded-up",
        why="int() truncates the sample size, leaving the test slightly under-powered",
        cells={
            "sample-size": """
            def sample_size_per_arm(baseline, mde, alpha=0.05, power=0.8):
                p1, p2 = baseline, baseline + mde
                z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
                return int(z**2 * (p1 * (1 - p1) + p2 * (1 - p2)) / mde**2)
        """
        },
        fails={"test-sample-size"},
    ),
    Variant(
        name="sample-size-one-sided-quantile",
        why="z at 1 - alpha is the one-sided quantile; the planned test is two-sided",
        cells={
            "sample-size": """
            def sample_size_per_arm(baseline, mde, alpha=0.05, power=0.8):
                p1, p2 = baseline, baseline + mde
                z = stats.norm.ppf(1 - alpha) + stats.norm.ppf(power)
                return math.ceil(z**2 * (p1 * (1 - p1) + p2 * (1 - p2)) / mde**2)
        """
        },
        fails={"test-sample-size"},
    ),
    Variant(
        name="sample-size-relative-mde",
        why="reads the MDE as a relative lift (baseline * (1 + mde)) although the task defines it as absolute",
        cells={
            "sample-size": """
            def sample_size_per_arm(baseline, mde, alpha=0.05, power=0.8):
                p1, p2 = baseline, baseline * (1 + mde)
                z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
                return math.ceil(z**2 * (p1 * (1 - p1) + p2 * (1 - p2)) / (p2 - p1) ** 2)
        """
        },
        fails={"test-sample-size"},
    ),
    # ------------------------------------------------------------------ 2.3 peeking
    Variant(
        name="peeking-only-counts-the-last-look",
        why="the peeking rate counts an experiment as a winner only if the last look is significant: any look counts",
        cells={
            "peeking": """
            def peeking_false_positive_rate(n_experiments, n_days, users_per_day, rate, alpha, seed):
                daily = np.random.default_rng(seed).binomial(users_per_day, rate, size=(n_experiments, n_days, 2))
                cumulative = daily.cumsum(axis=1)
                fixed = 0
                for e in range(n_experiments):
                    n = users_per_day * n_days
                    _, p = two_proportion_ztest(int(cumulative[e, -1, 0]), n, int(cumulative[e, -1, 1]), n)
                    fixed += p < alpha
                return fixed / n_experiments, fixed / n_experiments
        """
        },
        fails={"test-peeking"},
    ),
    Variant(
        name="peeking-daily-counts-not-cumulative",
        why="tests each day's users on their own: a peek looks at everything collected so far (cumulative counts)",
        cells={
            "peeking": """
            def peeking_false_positive_rate(n_experiments, n_days, users_per_day, rate, alpha, seed):
                daily = np.random.default_rng(seed).binomial(users_per_day, rate, size=(n_experiments, n_days, 2))
                peeking = fixed = 0
                for e in range(n_experiments):
                    ps = [two_proportion_ztest(int(daily[e, d, 0]), users_per_day, int(daily[e, d, 1]), users_per_day)[1]
                          for d in range(n_days)]
                    peeking += any(p < alpha for p in ps)
                    fixed += ps[-1] < alpha
                return peeking / n_experiments, fixed / n_experiments
        """
        },
        fails={"test-peeking"},
    ),
    Variant(
        name="peeking-draws-arm-by-arm",
        why="draws the two arms separately instead of the one stated draw: the simulation no longer matches the "
        "reference data",
        cells={
            "peeking": """
            def peeking_false_positive_rate(n_experiments, n_days, users_per_day, rate, alpha, seed):
                rng = np.random.default_rng(seed)
                a = rng.binomial(users_per_day, rate, size=(n_experiments, n_days)).cumsum(axis=1)
                b = rng.binomial(users_per_day, rate, size=(n_experiments, n_days)).cumsum(axis=1)
                peeking = fixed = 0
                for e in range(n_experiments):
                    ps = [two_proportion_ztest(int(a[e, d]), users_per_day * (d + 1), int(b[e, d]),
                                               users_per_day * (d + 1))[1] for d in range(n_days)]
                    peeking += any(p < alpha for p in ps)
                    fixed += ps[-1] < alpha
                return peeking / n_experiments, fixed / n_experiments
        """
        },
        fails={"test-peeking"},
    ),
    # ------------------------------------------------------------------ 3.1 canary_decision
    Variant(
        name="canary-fixed-gap-rule",
        why="a raw error-rate gap of 0.5 points ignores noise: it rolls back healthy small canaries and misses real "
        "regressions in big ones",
        cells={
            "canary": """
            def canary_decision(baseline, canary, min_requests=1000, alpha=0.01, max_latency_ratio=1.2):
                if canary["requests"] < min_requests:
                    return "hold"
                if canary["errors"] / canary["requests"] - baseline["errors"] / baseline["requests"] > 0.005:
                    return "rollback"
                if canary["p99_ms"] > max_latency_ratio * baseline["p99_ms"]:
                    return "rollback"
                return "promote"
        """
        },
        fails={"test-canary", "test-canary-edges", "test-rollback-probability"},
    ),
    Variant(
        name="canary-two-sided",
        why="the two-sided p-value also rolls back a canary that is significantly better than the baseline",
        cells={
            "canary": """
            def canary_decision(baseline, canary, min_requests=1000, alpha=0.01, max_latency_ratio=1.2):
                if canary["requests"] < min_requests:
                    return "hold"
                if baseline["errors"] + canary["errors"] > 0:
                    _, p = two_proportion_ztest(baseline["errors"], baseline["requests"], canary["errors"],
                                                canary["requests"])
                    if p < alpha:
                        return "rollback"
                if canary["p99_ms"] > max_latency_ratio * baseline["p99_ms"]:
                    return "rollback"
                return "promote"
        """
        },
        fails={"test-canary", "test-canary-edges", "test-rollback-probability"},
    ),
    Variant(
        name="canary-arms-swapped",
        why="the canary as A and the baseline as B: z is then positive when the canary errs less",
        cells={
            "canary": """
            def canary_decision(baseline, canary, min_requests=1000, alpha=0.01, max_latency_ratio=1.2):
                if canary["requests"] < min_requests:
                    return "hold"
                if baseline["errors"] + canary["errors"] > 0:
                    z, _ = two_proportion_ztest(canary["errors"], canary["requests"], baseline["errors"],
                                                baseline["requests"])
                    if stats.norm.sf(z) < alpha:
                        return "rollback"
                if canary["p99_ms"] > max_latency_ratio * baseline["p99_ms"]:
                    return "rollback"
                return "promote"
        """
        },
        fails={"test-canary", "test-canary-edges", "test-rollback-probability"},
    ),
    Variant(
        name="canary-crashes-without-errors",
        why="with no error in either version the pooled standard error is 0: the stated rule skips the test instead "
        "of dividing by zero",
        cells={
            "canary": """
            def canary_decision(baseline, canary, min_requests=1000, alpha=0.01, max_latency_ratio=1.2):
                if canary["requests"] < min_requests:
                    return "hold"
                z, _ = two_proportion_ztest(baseline["errors"], baseline["requests"], canary["errors"], canary["requests"])
                if stats.norm.sf(z) < alpha:
                    return "rollback"
                if canary["p99_ms"] > max_latency_ratio * baseline["p99_ms"]:
                    return "rollback"
                return "promote"
        """
        },
        fails={"test-canary-edges"},
    ),
    Variant(
        name="canary-holds-at-exactly-min-requests",
        why="'<=' keeps holding a canary that has served exactly min_requests",
        cells={
            "canary": """
            def canary_decision(baseline, canary, min_requests=1000, alpha=0.01, max_latency_ratio=1.2):
                if canary["requests"] <= min_requests:
                    return "hold"
                if baseline["errors"] + canary["errors"] > 0:
                    z, _ = two_proportion_ztest(baseline["errors"], baseline["requests"], canary["errors"],
                                                canary["requests"])
                    if stats.norm.sf(z) < alpha:
                        return "rollback"
                if canary["p99_ms"] > max_latency_ratio * baseline["p99_ms"]:
                    return "rollback"
                return "promote"
        """
        },
        fails={"test-canary", "test-canary-edges", "test-rollback-probability"},
    ),
    Variant(
        name="canary-ignores-alpha",
        why="a hard-coded 0.05 instead of the alpha argument: the level is the caller's decision",
        cells={
            "canary": """
            def canary_decision(baseline, canary, min_requests=1000, alpha=0.01, max_latency_ratio=1.2):
                if canary["requests"] < min_requests:
                    return "hold"
                if baseline["errors"] + canary["errors"] > 0:
                    z, _ = two_proportion_ztest(baseline["errors"], baseline["requests"], canary["errors"],
                                                canary["requests"])
                    if stats.norm.sf(z) < 0.05:
                        return "rollback"
                if canary["p99_ms"] > max_latency_ratio * baseline["p99_ms"]:
                    return "rollback"
                return "promote"
        """
        },
        fails={"test-canary", "test-rollback-probability"},
    ),
    # ------------------------------------------------------------------ 3.2 rollback_probability
    Variant(
        name="rollback-probability-region-off-by-one",
        why="binom.sf(k_star, ...) is P(K > k_star): the first count that rolls back must be included",
        cells={
            "rollback-probability": """
            def rollback_probability(baseline, n_canary, p_true, alpha=0.01, min_requests=1000):
                for k in range(n_canary + 1):
                    decision = canary_decision(baseline, {"requests": n_canary, "errors": k, "p99_ms": baseline["p99_ms"]},
                                               min_requests=min_requests, alpha=alpha)
                    if decision == "hold":
                        return 0.0
                    if decision == "rollback":
                        return float(stats.binom.sf(k, n_canary, p_true))
                return 0.0
        """
        },
        fails={"test-rollback-probability"},
    ),
    Variant(
        name="rollback-probability-ignores-min-requests",
        why="does not pass min_requests on: the canary is held or judged by the default minimum of 1,000, not the caller's",
        cells={
            "rollback-probability": """
            def rollback_probability(baseline, n_canary, p_true, alpha=0.01, min_requests=1000):
                total = 0.0
                for k in range(n_canary + 1):
                    canary = {"requests": n_canary, "errors": k, "p99_ms": baseline["p99_ms"]}
                    if canary_decision(baseline, canary, alpha=alpha) == "rollback":
                        total += stats.binom.pmf(k, n_canary, p_true)
                return float(total)
        """
        },
        fails={"test-rollback-probability", "test-rollback-probability-hold"},
    ),
    Variant(
        name="rollback-probability-baseline-rate",
        why="weights the error counts with the baseline's rate instead of p_true: every answer is the false-rollback rate",
        cells={
            "rollback-probability": """
            def rollback_probability(baseline, n_canary, p_true, alpha=0.01, min_requests=1000):
                rate = baseline["errors"] / baseline["requests"]
                total = 0.0
                for k in range(n_canary + 1):
                    canary = {"requests": n_canary, "errors": k, "p99_ms": baseline["p99_ms"]}
                    if canary_decision(baseline, canary, min_requests=min_requests, alpha=alpha) == "rollback":
                        total += stats.binom.pmf(k, n_canary, rate)
                return float(total)
        """
        },
        fails={"test-rollback-probability", "test-rollback-probability-hold"},
    ),
    Variant(
        name="rollback-probability-uses-default-alpha",
        why="does not pass alpha on to canary_decision: the probability is always the one of the default level",
        cells={
            "rollback-probability": """
            def rollback_probability(baseline, n_canary, p_true, alpha=0.01, min_requests=1000):
                total = 0.0
                for k in range(n_canary + 1):
                    canary = {"requests": n_canary, "errors": k, "p99_ms": baseline["p99_ms"]}
                    if canary_decision(baseline, canary, min_requests=min_requests) == "rollback":
                        total += stats.binom.pmf(k, n_canary, p_true)
                return float(total)
        """
        },
        fails={"test-rollback-probability"},
    ),
    # ------------------------------------------------------------------ 4.1 FEED_DESIGN
    Variant(
        name="feed-sections-out-of-order",
        why="the model comes before the features: the template order is part of the structure",
        cells={"feed-design": write_up("FEED_DESIGN", order=[SECTIONS[i] for i in (0, 1, 3, 2, 4, 5, 6, 7)])},
        fails={"test-feed-design-structure"},
    ),
    Variant(
        name="feed-requirements-without-numbers",
        why="requirements without a single number (users, QPS, latency) are not requirements",
        cells={
            "feed-design": write_up(
                "FEED_DESIGN",
                bodies={
                    "Requirements": (
                        "Serve many daily users who open the feed several times a day, at a high peak load, with "
                        "a low tail latency. The metric is long-term user value, with integrity guardrails."
                    )
                },
            )
        },
        fails={"test-feed-design-structure"},
    ),
    Variant(
        name="feed-template-pasted",
        why="the template's headings with one-line placeholders: every section is too short",
        cells={"feed-design": write_up("FEED_DESIGN", bodies={name: "TODO: 1 line." for name in SECTIONS})},
        fails={"test-feed-design-structure"},
    ),
    # ------------------------------------------------------------------ 4.2 APPLE_PAY_DESIGN
    Variant(
        name="pay-missing-trade-offs",
        why="the trade-offs section, the one interviewers weigh most, is left out",
        cells={"apple-pay-design": write_up("APPLE_PAY_DESIGN", order=SECTIONS[:-1])},
        fails={"test-apple-pay-design-structure"},
    ),
    Variant(
        name="pay-monitoring-one-liner",
        why="a monitoring section of four words ('we will monitor drift') says nothing",
        cells={"apple-pay-design": write_up("APPLE_PAY_DESIGN", bodies={"Monitoring": "We will monitor drift."})},
        fails={"test-apple-pay-design-structure"},
    ),
    # ------------------------------------------------------------------ 4.3 MAPS_ETA_DESIGN
    Variant(
        name="maps-level-three-headings",
        why="'### ' headings are sub-headings; the sections must be level-2 ('## ')",
        cells={"maps-eta-design": write_up("MAPS_ETA_DESIGN", level="### ")},
        fails={"test-maps-eta-design-structure"},
    ),
    Variant(
        name="maps-scaling-without-numbers",
        why="a scaling section with no estimate (QPS, storage, replicas) skips the arithmetic",
        cells={
            "maps-eta-design": write_up(
                "MAPS_ETA_DESIGN",
                bodies={
                    "Scaling": (
                        "The system scales horizontally: forecasts are sharded by region, replicated in every data "
                        "centre and cached in memory, so that adding machines adds capacity as traffic grows."
                    )
                },
            )
        },
        fails={"test-maps-eta-design-structure"},
    ),
    Variant(
        name="maps-far-too-long",
        why="over 1,200 words: an interview answer has to fit the time",
        cells={"maps-eta-design": write_up("MAPS_ETA_DESIGN", repeat=5)},
        fails={"test-maps-eta-design-structure"},
    ),
]

# Mutants of the reference solutions (course validate --mutants) that no input allowed by the specification can
# tell from the solution, with the reason.
EQUIVALENT_MUTANTS = {
    "queue-wait@6aed721a": "p_wait < 1 - quantile instead of <=: at equality the general formula gives 1000 * log(1) "
                           "/ ... = 0.0, the same waiting time",
    "rollback-probability@e44cde78": "the early return for a held canary dropped: holding depends only on the "
                                     "request count, so every k is held and the loop ends with the same return 0.0",
    "rollback-probability@b8f747e1": "the early `return 0.0` for a held canary dropped: holding depends only on the "
                                     "request count, so every k is held and the loop ends with the same return 0.0",
}

"""Plausible wrong answers to 06_salary_negotiation/2_total_compensation; each must lose exactly the tests in `fails`.

Later exercises build on `vesting_schedule`, `comp_by_year` and `npv`, so a mistake there also costs the tests of
the functions that call them; the `fails` sets say so.
"""

from course.proof.variants import Variant

SECTIONS = ["Options", "Money", "Culture", "Growth", "Work-life balance", "Decision"]
BODIES = {
    "Options": "Option A is the San Francisco offer with its assumed bonus, sign-on, relocation and a back-loaded "
               "grant. Option B is my current job in Columbus after a counter-offer that raises my base by ten percent.",
    "Money": "Over 4 years A pays about 0.98 million dollars and B about 0.58 million, but after the assumed "
             "cost-of-living index B is ahead by about 0.1 million, and 80 % of A's grant vests in years 3 and 4.",
    "Culture": "The San Francisco team shares on-call between four engineers and the manager is new, so I know "
               "little about how decisions are made there; my current team reviews work carefully and supports me.",
    "Growth": "A gives me a new recommendation system at larger scale and a senior engineer to learn from, which "
              "should raise my market range at the next move; B raises pay without changing the scope of my work.",
    "Work-life balance": "B keeps a short commute and adds two remote days, worth about four thousand dollars a year "
                         "before tax; A means relocating, a longer commute and an on-call week in every four.",
    "Decision": "I take A if it adds two remote days or moves part of the grant earlier, because growth in scope "
                "compounds; I stay if the scope of the new role cannot be confirmed in writing before I accept.",
}


def memo(order=SECTIONS, bodies=None):
    """A solution cell assigning a markdown memo to MEMO."""
    texts = {**BODIES, **(bodies or {})}
    parts = [f"## {name}\n{texts[name]}\n" for name in order]
    return 'MEMO = r"""\n' + "\n".join(parts) + '"""'


COMP_DOWNSTREAM = {"test-compare-offers", "test-simulate-reference", "test-simulate-mean"}

VARIANTS = [
    # ------------------------------------------------------------------------------------------ 2.1 vesting
    Variant(
        name="vesting-cumulative",
        why="returns the cumulative share vested so far; each year's entry is what vests in that year only",
        cells={
            "vesting-schedule": """
            def vesting_schedule(grant_value, schedule_pct, years):
                pct = np.asarray(schedule_pct, dtype=float)
                if np.any(pct < 0) or abs(pct.sum() - 100) > 1e-6:
                    raise ValueError("bad schedule")
                out = np.zeros(years)
                n = min(years, len(pct))
                out[:n] = grant_value * np.cumsum(pct)[:n] / 100
                return out
        """
        },
        fails={"test-vesting-schedule", "test-comp-by-year", "test-comp-price-path"} | COMP_DOWNSTREAM,
    ),
    Variant(
        name="vesting-no-validation",
        why="a schedule that does not sum to 100 %, or has a negative entry, is accepted without a ValueError",
        cells={
            "vesting-schedule": """
            def vesting_schedule(grant_value, schedule_pct, years):
                pct = np.asarray(schedule_pct, dtype=float)
                out = np.zeros(years)
                n = min(years, len(pct))
                out[:n] = grant_value * pct[:n] / 100
                return out
        """
        },
        fails={"test-vesting-schedule"},
    ),
    Variant(
        name="vesting-percent-not-divided",
        why="percentages used as fractions: 25 means 25 %, i.e. 0.25 of the grant",
        cells={
            "vesting-schedule": """
            def vesting_schedule(grant_value, schedule_pct, years):
                pct = np.asarray(schedule_pct, dtype=float)
                if np.any(pct < 0) or abs(pct.sum() - 100) > 1e-6:
                    raise ValueError("bad schedule")
                out = np.zeros(years)
                n = min(years, len(pct))
                out[:n] = grant_value * pct[:n]
                return out
        """
        },
        fails={"test-vesting-schedule", "test-comp-by-year", "test-comp-price-path"} | COMP_DOWNSTREAM,
    ),
    # ------------------------------------------------------------------------------------------ 2.2 comp_by_year
    Variant(
        name="comp-bonus-on-starting-base",
        why="the bonus is a percentage of the starting base every year; it follows each year's (raised) base",
        cells={
            "comp-by-year": """
            def comp_by_year(offer, years=4, price_path=None):
                prices = np.ones(years) if price_path is None else np.asarray(price_path, dtype=float)
                if prices.shape != (years,):
                    raise ValueError("one price per year")
                t = np.arange(1, years + 1)
                base = offer["base"] * (1 + offer["raise_pct"] / 100) ** (t - 1)
                table = pd.DataFrame({"base": base, "bonus": np.full(years, offer["base"] * offer["bonus_pct"] / 100),
                                      "sign_on": np.where(t == 1, float(offer["sign_on"]), 0.0),
                                      "relocation": np.where(t == 1, float(offer["relocation"]), 0.0),
                                      "equity": vesting_schedule(offer["grant_value"], offer["vesting"], years) * prices},
                                     index=pd.Index(t, name="year"))
                table["total"] = table.sum(axis=1)
                return table
        """
        },
        fails={"test-comp-by-year", "test-compare-offers", "test-simulate-reference"},
    ),
    Variant(
        name="comp-raise-in-year-one",
        why="the raise is applied from year 1 (exponent t instead of t - 1): the first year pays the offered base",
        cells={
            "comp-by-year": """
            def comp_by_year(offer, years=4, price_path=None):
                prices = np.ones(years) if price_path is None else np.asarray(price_path, dtype=float)
                if prices.shape != (years,):
                    raise ValueError("one price per year")
                t = np.arange(1, years + 1)
                base = offer["base"] * (1 + offer["raise_pct"] / 100) ** t
                table = pd.DataFrame({"base": base, "bonus": base * offer["bonus_pct"] / 100,
                                      "sign_on": np.where(t == 1, float(offer["sign_on"]), 0.0),
                                      "relocation": np.where(t == 1, float(offer["relocation"]), 0.0),
                                      "equity": vesting_schedule(offer["grant_value"], offer["vesting"], years) * prices},
                                     index=pd.Index(t, name="year"))
                table["total"] = table.sum(axis=1)
                return table
        """
        },
        fails={"test-comp-by-year"} | COMP_DOWNSTREAM,
    ),
    Variant(
        name="comp-ignores-price-path",
        why="the equity is valued at the grant-date price whatever the share price does",
        cells={
            "comp-by-year": """
            def comp_by_year(offer, years=4, price_path=None):
                if price_path is not None and len(price_path) != years:
                    raise ValueError("one price per year")
                t = np.arange(1, years + 1)
                base = offer["base"] * (1 + offer["raise_pct"] / 100) ** (t - 1)
                table = pd.DataFrame({"base": base, "bonus": base * offer["bonus_pct"] / 100,
                                      "sign_on": np.where(t == 1, float(offer["sign_on"]), 0.0),
                                      "relocation": np.where(t == 1, float(offer["relocation"]), 0.0),
                                      "equity": vesting_schedule(offer["grant_value"], offer["vesting"], years)},
                                     index=pd.Index(t, name="year"))
                table["total"] = table.sum(axis=1)
                return table
        """
        },
        fails={"test-comp-price-path"},
    ),
    Variant(
        name="comp-sign-on-every-year",
        why="the sign-on bonus and relocation are one-off payments, made in year 1 only",
        cells={
            "comp-by-year": """
            def comp_by_year(offer, years=4, price_path=None):
                prices = np.ones(years) if price_path is None else np.asarray(price_path, dtype=float)
                if prices.shape != (years,):
                    raise ValueError("one price per year")
                t = np.arange(1, years + 1)
                base = offer["base"] * (1 + offer["raise_pct"] / 100) ** (t - 1)
                table = pd.DataFrame({"base": base, "bonus": base * offer["bonus_pct"] / 100,
                                      "sign_on": np.full(years, float(offer["sign_on"])),
                                      "relocation": np.full(years, float(offer["relocation"])),
                                      "equity": vesting_schedule(offer["grant_value"], offer["vesting"], years) * prices},
                                     index=pd.Index(t, name="year"))
                table["total"] = table.sum(axis=1)
                return table
        """
        },
        fails={"test-comp-by-year"} | COMP_DOWNSTREAM,
    ),
    # ------------------------------------------------------------------------------------------ 2.3 npv
    Variant(
        name="npv-first-payment-undiscounted",
        why="discounts from t = 0: the first payment arrives at the end of year 1 and is discounted once",
        cells={
            "npv": """
            def npv(cashflows, rate):
                flows = np.asarray(cashflows, dtype=float)
                return float(np.sum(flows / (1 + rate) ** np.arange(len(flows))))
        """
        },
        fails={"test-npv", "test-compare-offers"},
    ),
    Variant(
        name="npv-simple-discounting",
        why="divides by (1 + r * t): discounting compounds, (1 + r) ** t",
        cells={
            "npv": """
            def npv(cashflows, rate):
                flows = np.asarray(cashflows, dtype=float)
                return float(np.sum(flows / (1 + rate * np.arange(1, len(flows) + 1))))
        """
        },
        fails={"test-npv", "test-compare-offers"},
    ),
    # ------------------------------------------------------------------------------------------ 2.4 compare_offers
    Variant(
        name="compare-adjustment-multiplied",
        why="multiplies by the index: a higher cost of living must shrink the adjusted total",
        cells={
            "compare-offers": """
            def compare_offers(offers, col_index, years=4, rate=0.05):
                rows = []
                for name, offer in offers.items():
                    totals = comp_by_year(offer, years)["total"].to_numpy()
                    index = float(col_index[offer["city"]])
                    rows.append({"offer": name, "city": offer["city"], "year1": totals[0], "total": totals.sum(),
                                 "npv": npv(totals, rate), "col_index": index, "adjusted_total": totals.sum() * index / 100})
                table = pd.DataFrame(rows).set_index("offer")
                table["rank_total"] = table["total"].rank(method="min", ascending=False).astype("int64")
                table["rank_adjusted"] = table["adjusted_total"].rank(method="min", ascending=False).astype("int64")
                return table
        """
        },
        fails={"test-compare-offers"},
    ),
    Variant(
        name="compare-ranks-ascending",
        why="rank 1 goes to the smallest total: the best offer (largest) should rank first",
        cells={
            "compare-offers": """
            def compare_offers(offers, col_index, years=4, rate=0.05):
                rows = []
                for name, offer in offers.items():
                    totals = comp_by_year(offer, years)["total"].to_numpy()
                    index = float(col_index[offer["city"]])
                    rows.append({"offer": name, "city": offer["city"], "year1": totals[0], "total": totals.sum(),
                                 "npv": npv(totals, rate), "col_index": index, "adjusted_total": totals.sum() * 100 / index})
                table = pd.DataFrame(rows).set_index("offer")
                table["rank_total"] = table["total"].rank(method="min").astype("int64")
                table["rank_adjusted"] = table["adjusted_total"].rank(method="min").astype("int64")
                return table
        """
        },
        fails={"test-compare-offers"},
    ),
    Variant(
        name="compare-npv-of-base-only",
        why="discounts the base salary only: the NPV is of each year's total pay",
        cells={
            "compare-offers": """
            def compare_offers(offers, col_index, years=4, rate=0.05):
                rows = []
                for name, offer in offers.items():
                    table_ = comp_by_year(offer, years)
                    totals = table_["total"].to_numpy()
                    index = float(col_index[offer["city"]])
                    rows.append({"offer": name, "city": offer["city"], "year1": totals[0], "total": totals.sum(),
                                 "npv": npv(table_["base"].to_numpy(), rate), "col_index": index,
                                 "adjusted_total": totals.sum() * 100 / index})
                table = pd.DataFrame(rows).set_index("offer")
                table["rank_total"] = table["total"].rank(method="min", ascending=False).astype("int64")
                table["rank_adjusted"] = table["adjusted_total"].rank(method="min", ascending=False).astype("int64")
                return table
        """
        },
        fails={"test-compare-offers"},
    ),
    # ------------------------------------------------------------------------------------------ 2.5 simulation
    Variant(
        name="simulate-no-drift-correction",
        why="without the -sigma**2 / 2 term the expected price ratio is exp((mu + sigma**2 / 2) t): the mean is too high",
        cells={
            "simulate-total-comp": """
            def simulate_total_comp(offer, years, mu, sigma, n_sims, seed):
                rng = np.random.default_rng(seed)
                paths = np.exp(np.cumsum(mu + sigma * rng.standard_normal((n_sims, years)), axis=1))
                flat = comp_by_year(offer, years)
                fixed = float((flat["total"] - flat["equity"]).sum())
                return fixed + paths @ vesting_schedule(offer["grant_value"], offer["vesting"], years)
        """
        },
        fails={"test-simulate-reference", "test-simulate-mean"},
    ),
    Variant(
        name="simulate-draws-transposed",
        why="draws the normals as (years, n_sims): the same distribution, but not the specified scenarios for a seed",
        cells={
            "simulate-total-comp": """
            def simulate_total_comp(offer, years, mu, sigma, n_sims, seed):
                rng = np.random.default_rng(seed)
                z = rng.standard_normal((years, n_sims)).T
                paths = np.exp(np.cumsum((mu - 0.5 * sigma**2) + sigma * z, axis=1))
                flat = comp_by_year(offer, years)
                fixed = float((flat["total"] - flat["equity"]).sum())
                return fixed + paths @ vesting_schedule(offer["grant_value"], offer["vesting"], years)
        """
        },
        fails={"test-simulate-reference"},
    ),
    Variant(
        name="simulate-price-at-start-of-year",
        why="values year t's vesting at the price of the start of the year (one year of growth too few)",
        cells={
            "simulate-total-comp": """
            def simulate_total_comp(offer, years, mu, sigma, n_sims, seed):
                rng = np.random.default_rng(seed)
                steps = (mu - 0.5 * sigma**2) + sigma * rng.standard_normal((n_sims, years))
                paths = np.exp(np.cumsum(steps, axis=1) - steps)
                flat = comp_by_year(offer, years)
                fixed = float((flat["total"] - flat["equity"]).sum())
                return fixed + paths @ vesting_schedule(offer["grant_value"], offer["vesting"], years)
        """
        },
        fails={"test-simulate-reference", "test-simulate-mean"},
    ),
    # ------------------------------------------------------------------------------------------ 2.6 risk
    Variant(
        name="risk-below-or-equal",
        why="counts scenarios equal to the guaranteed total as below it: the rule is strictly below",
        cells={
            "risk-summary": """
            def risk_summary(totals, guaranteed):
                totals = np.asarray(totals, dtype=float)
                p10, p50, p90 = np.quantile(totals, [0.1, 0.5, 0.9])
                return {"mean": float(totals.mean()), "p10": float(p10), "p50": float(p50), "p90": float(p90),
                        "prob_below": float(np.mean(totals <= guaranteed))}
        """
        },
        fails={"test-risk-summary"},
    ),
    Variant(
        name="risk-percentile-with-fractions",
        why="np.percentile takes percents: np.percentile(x, 0.1) is the 0.1th percentile, not the 10th",
        cells={
            "risk-summary": """
            def risk_summary(totals, guaranteed):
                totals = np.asarray(totals, dtype=float)
                p10, p50, p90 = np.percentile(totals, [0.1, 0.5, 0.9])
                return {"mean": float(totals.mean()), "p10": float(p10), "p50": float(p50), "p90": float(p90),
                        "prob_below": float(np.mean(totals < guaranteed))}
        """
        },
        fails={"test-risk-summary"},
    ),
    # ------------------------------------------------------------------------------------------ 2.7 benefits
    Variant(
        name="benefits-calendar-day-rate",
        why="divides the base by 365 calendar days: a paid day off is worth a working day's pay",
        cells={
            "benefits-value": """
            def benefits_value(base, extra_days, remote_days_per_week, commute_cost_per_day, education_budget,
                               marginal_tax, working_days=260):
                if not 0 <= marginal_tax < 1 or not 0 <= remote_days_per_week <= 5:
                    raise ValueError("bad input")
                v = extra_days * base / 365
                r = remote_days_per_week * working_days / 5 * commute_cost_per_day / (1 - marginal_tax)
                e = education_budget / (1 - marginal_tax)
                return {"vacation": v, "remote": r, "education": e, "total": v + r + e}
        """
        },
        fails={"test-benefits-value"},
    ),
    Variant(
        name="benefits-no-gross-up",
        why="after-tax savings are added to pre-tax salary as they are: gross them up by 1 / (1 - tax) first",
        cells={
            "benefits-value": """
            def benefits_value(base, extra_days, remote_days_per_week, commute_cost_per_day, education_budget,
                               marginal_tax, working_days=260):
                if not 0 <= marginal_tax < 1 or not 0 <= remote_days_per_week <= 5:
                    raise ValueError("bad input")
                v = extra_days * base / working_days
                r = remote_days_per_week * working_days / 5 * commute_cost_per_day
                e = education_budget
                return {"vacation": v, "remote": r, "education": e, "total": v + r + e}
        """
        },
        fails={"test-benefits-value"},
    ),
    Variant(
        name="benefits-52-weeks",
        why="counts 52 commuting weeks a year; holidays and vacation are not commuting days (use working_days / 5)",
        cells={
            "benefits-value": """
            def benefits_value(base, extra_days, remote_days_per_week, commute_cost_per_day, education_budget,
                               marginal_tax, working_days=260):
                if not 0 <= marginal_tax < 1 or not 0 <= remote_days_per_week <= 5:
                    raise ValueError("bad input")
                v = extra_days * base / working_days
                r = remote_days_per_week * 52 * commute_cost_per_day / (1 - marginal_tax)
                e = education_budget / (1 - marginal_tax)
                return {"vacation": v, "remote": r, "education": e, "total": v + r + e}
        """
        },
        fails={"test-benefits-value"},
    ),
    Variant(
        name="benefits-no-validation",
        why="a tax rate of 100 % (or more than 5 remote days a week) is accepted instead of raising a ValueError",
        cells={
            "benefits-value": """
            def benefits_value(base, extra_days, remote_days_per_week, commute_cost_per_day, education_budget,
                               marginal_tax, working_days=260):
                with np.errstate(divide="ignore"):
                    gross = np.float64(1.0) / (1 - np.float64(marginal_tax))
                v = extra_days * base / working_days
                r = remote_days_per_week * working_days / 5 * commute_cost_per_day * gross
                e = education_budget * gross
                return {"vacation": float(v), "remote": float(r), "education": float(e), "total": float(v + r + e)}
        """
        },
        fails={"test-benefits-validation"},
    ),
    # ------------------------------------------------------------------------------------------ 2.8 memo
    Variant(
        name="memo-without-culture",
        why="the memo weighs money, growth and work-life balance but has no Culture section",
        cells={"memo": memo(order=[s for s in SECTIONS if s != "Culture"])},
        fails={"test-memo-structure"},
    ),
    Variant(
        name="memo-money-in-words",
        why="the Money section compares the offers without a single number",
        cells={"memo": memo(bodies={"Money": "Option A pays clearly more in dollars, but after the cost of living "
                                             "option B is ahead, and most of the equity of option A vests late, so "
                                             "leaving early would forfeit much of it."})},
        fails={"test-memo-structure"},
    ),
    Variant(
        name="memo-too-short",
        why="a memo of a few lines: every section needs at least 25 words of argument",
        cells={"memo": 'MEMO = """\n## Options\nA or B.\n\n## Money\nA pays 70 % more.\n\n## Culture\nSimilar.\n\n'
                       '## Growth\nA.\n\n## Work-life balance\nB.\n\n## Decision\nA.\n"""'},
        fails={"test-memo-structure"},
    ),
]

EQUIVALENT_MUTANTS = {
    "vesting-schedule@7c6db416": "abs(sum - 100) is a multiple of 2**-46 for sums near 100 and 1e-6 is not, so the "
                                 "difference is never exactly 1e-6 and > and >= agree",
}

"""Plausible wrong answers to 06_salary_negotiation/1_market_figures; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    # ------------------------------------------------------------------------------------------ 1.1 tidy_figures
    Variant(
        name="tidy-empty-source-kept",
        why="an empty source stays an empty string: a figure without a stated source must say so ('not stated')",
        cells={
            "tidy-figures": """
            def tidy_figures(figures, labels):
                rows = figures.loc[list(labels.values())]
                return pd.DataFrame({
                    "label": list(labels), "key": list(labels.values()),
                    "value": rows["value"].astype(float).to_numpy(), "unit": rows["unit"].astype(str).to_numpy(),
                    "article": rows["article"].astype(str).str[:2].to_numpy(),
                    "line": rows["line"].astype("int64").to_numpy(),
                    "source": rows["source_as_stated"].fillna("").astype(str).str.strip().to_numpy(),
                })
        """
        },
        fails={"test-tidy-figures", "test-tidy-figures-source"},
    ),
    Variant(
        name="tidy-reads-global-figures",
        why="the function reads the global FIGURES instead of its `figures` argument, so it ignores the table it is given",
        cells={
            "tidy-figures": """
            def tidy_figures(figures, labels):
                rows = FIGURES.loc[list(labels.values())]
                source = rows["source_as_stated"].fillna("").astype(str).str.strip()
                return pd.DataFrame({
                    "label": list(labels), "key": list(labels.values()),
                    "value": rows["value"].astype(float).to_numpy(), "unit": rows["unit"].astype(str).to_numpy(),
                    "article": rows["article"].astype(str).str[:2].to_numpy(),
                    "line": rows["line"].astype("int64").to_numpy(),
                    "source": source.where(source != "", "not stated").to_numpy(),
                })
        """
        },
        fails={"test-tidy-figures"},
    ),
    Variant(
        name="tidy-no-type-conversion",
        why="value and line keep whatever type the reader guessed: read as text, they stay text (convert explicitly)",
        cells={
            "tidy-figures": """
            def tidy_figures(figures, labels):
                rows = figures.loc[list(labels.values())]
                source = rows["source_as_stated"].fillna("").astype(str).str.strip()
                return pd.DataFrame({
                    "label": list(labels), "key": list(labels.values()),
                    "value": rows["value"].to_numpy(), "unit": rows["unit"].to_numpy(),
                    "article": rows["article"].astype(str).str[:2].to_numpy(), "line": rows["line"].to_numpy(),
                    "source": source.where(source != "", "not stated").to_numpy(),
                })
        """
        },
        fails={"test-tidy-figures"},
    ),
    Variant(
        name="tidy-sorted-by-key",
        why="the rows come out sorted by key instead of in the order of the labels dict",
        cells={
            "tidy-figures": """
            def tidy_figures(figures, labels):
                pairs = sorted(labels.items(), key=lambda item: item[1])
                rows = figures.loc[[k for _, k in pairs]]
                source = rows["source_as_stated"].fillna("").astype(str).str.strip()
                return pd.DataFrame({
                    "label": [l for l, _ in pairs], "key": [k for _, k in pairs],
                    "value": rows["value"].astype(float).to_numpy(), "unit": rows["unit"].astype(str).to_numpy(),
                    "article": rows["article"].astype(str).str[:2].to_numpy(),
                    "line": rows["line"].astype("int64").to_numpy(),
                    "source": source.where(source != "", "not stated").to_numpy(),
                })
        """
        },
        fails={"test-tidy-figures", "test-tidy-figures-source"},
    ),
    Variant(
        name="tidy-nan-source-as-text",
        why="a missing source read as NaN becomes the text 'nan': fill missing values before converting to strings",
        cells={
            "tidy-figures": """
            def tidy_figures(figures, labels):
                rows = figures.loc[list(labels.values())]
                source = rows["source_as_stated"].astype(str).str.strip()
                return pd.DataFrame({
                    "label": list(labels), "key": list(labels.values()),
                    "value": rows["value"].astype(float).to_numpy(), "unit": rows["unit"].astype(str).to_numpy(),
                    "article": rows["article"].astype(str).str[:2].to_numpy(),
                    "line": rows["line"].astype("int64").to_numpy(),
                    "source": source.where(source != "", "not stated").to_numpy(),
                })
        """
        },
        fails={"test-tidy-figures-source"},
    ),
    # ------------------------------------------------------------------------------------------ 1.2 city_premiums
    Variant(
        name="premium-relative-to-city",
        why="the percentage is taken of each city's own salary: a premium over a base city is a share of the base",
        cells={
            "city-premiums": """
            def city_premiums(cities, base_city):
                s = pd.Series(cities["value"].to_numpy(dtype=float), index=pd.Index(cities["label"], name="city"))
                base = s[base_city]
                out = pd.DataFrame({"salary": s, "premium_usd": s - base, "premium_pct": 100 * (s - base) / s})
                out["rank"] = s.rank(method="min", ascending=False).astype("int64")
                return out.reset_index().sort_values(["salary", "city"], ascending=[False, True]).set_index("city")
        """
        },
        fails={"test-city-premiums"},
    ),
    Variant(
        name="premium-rank-first",
        why="tied salaries get different ranks (rank method 'first'): equal salaries must share the smallest rank",
        cells={
            "city-premiums": """
            def city_premiums(cities, base_city):
                s = pd.Series(cities["value"].to_numpy(dtype=float), index=pd.Index(cities["label"], name="city"))
                base = s[base_city]
                out = pd.DataFrame({"salary": s, "premium_usd": s - base, "premium_pct": 100 * (s / base - 1)})
                out["rank"] = s.rank(method="first", ascending=False).astype("int64")
                return out.reset_index().sort_values(["salary", "city"], ascending=[False, True]).set_index("city")
        """
        },
        fails={"test-city-premiums-rank"},
    ),
    Variant(
        name="premium-rank-dense",
        why="dense ranks (1, 1, 2) skip no places after a tie: the rule is the smallest rank of the group (1, 1, 3)",
        cells={
            "city-premiums": """
            def city_premiums(cities, base_city):
                s = pd.Series(cities["value"].to_numpy(dtype=float), index=pd.Index(cities["label"], name="city"))
                base = s[base_city]
                out = pd.DataFrame({"salary": s, "premium_usd": s - base, "premium_pct": 100 * (s / base - 1)})
                out["rank"] = s.rank(method="dense", ascending=False).astype("int64")
                return out.reset_index().sort_values(["salary", "city"], ascending=[False, True]).set_index("city")
        """
        },
        fails={"test-city-premiums-rank"},
    ),
    Variant(
        name="premium-modifies-input",
        why="the function writes new columns into the table it was given: work on a copy",
        cells={
            "city-premiums": """
            def city_premiums(cities, base_city):
                cities["city"] = cities["label"]
                cities["salary"] = cities["value"].astype(float)
                base = float(cities.loc[cities["city"] == base_city, "salary"].iloc[0])
                cities["premium_usd"] = cities["salary"] - base
                cities["premium_pct"] = 100 * (cities["salary"] / base - 1)
                cities["rank"] = cities["salary"].rank(method="min", ascending=False).astype("int64")
                out = cities.sort_values(["salary", "city"], ascending=[False, True]).set_index("city")
                return out[["salary", "premium_usd", "premium_pct", "rank"]]
        """
        },
        fails={"test-city-premiums-rank"},
    ),
    # ------------------------------------------------------------------------------------------ 1.3 col_adjust
    Variant(
        name="col-adjustment-inverted",
        why="multiplies by the city's index instead of dividing: a dearer city should make a salary worth less",
        cells={
            "col-adjust": """
            def col_adjust(cities, col_index, reference_city):
                s = pd.Series(cities["value"].to_numpy(dtype=float), index=pd.Index(cities["label"], name="city"))
                i = pd.Series([float(col_index[c]) for c in s.index], index=s.index)
                out = pd.DataFrame({"salary": s, "col_index": i})
                out["adjusted_salary"] = s * i / col_index[reference_city]
                out["breakeven_ratio"] = s / s[reference_city]
                out["beats_reference"] = out["adjusted_salary"] > s[reference_city]
                return out
        """
        },
        fails={"test-col-adjust", "test-col-adjust-ties"},
    ),
    Variant(
        name="col-tie-counts-as-win",
        why="an exact tie with the reference city counts as beating it: the rule is strictly greater",
        cells={
            "col-adjust": """
            def col_adjust(cities, col_index, reference_city):
                s = pd.Series(cities["value"].to_numpy(dtype=float), index=pd.Index(cities["label"], name="city"))
                i = pd.Series([float(col_index[c]) for c in s.index], index=s.index)
                out = pd.DataFrame({"salary": s, "col_index": i})
                out["adjusted_salary"] = s * col_index[reference_city] / i
                out["breakeven_ratio"] = s / s[reference_city]
                out["beats_reference"] = (out["adjusted_salary"] >= s[reference_city]) & (out.index != reference_city)
                return out
        """
        },
        fails={"test-col-adjust-ties"},
    ),
    Variant(
        name="col-breakeven-inverted",
        why="the break-even ratio is s_ref / s_c: it is the city's salary over the reference salary",
        cells={
            "col-adjust": """
            def col_adjust(cities, col_index, reference_city):
                s = pd.Series(cities["value"].to_numpy(dtype=float), index=pd.Index(cities["label"], name="city"))
                i = pd.Series([float(col_index[c]) for c in s.index], index=s.index)
                out = pd.DataFrame({"salary": s, "col_index": i})
                out["adjusted_salary"] = s * col_index[reference_city] / i
                out["breakeven_ratio"] = s[reference_city] / s
                out["beats_reference"] = out["adjusted_salary"] > s[reference_city]
                return out
        """
        },
        fails={"test-col-adjust"},
    ),
    # ------------------------------------------------------------------------------------------ 1.4 tensions
    Variant(
        name="tensions-premium-of-mle",
        why="the premium is a share of the ML engineer's pay: a premium over the software engineer divides by the SWE figure",
        cells={
            "article-tensions": """
            def article_tensions(values):
                mle, ai, swe = (values["02-base-san-francisco"], values["02-ai-engineer-san-francisco"],
                                values["02-software-engineer-san-francisco"])
                entry = values["02-entry-level-ml-engineer"]
                lo, hi = values["02-senior-ml-engineer-low"], values["02-senior-ml-engineer-high"]
                glo, ghi = values["03-google-mle-low"], values["03-google-mle-high"]
                cities = [v for k, v in values.items() if k.startswith("02-base-")]
                prem = 100 * (mle - swe) / mle
                fr, ff = lo <= glo and ghi <= hi, lo <= glo
                return {"mle_over_swe_pct": prem, "ai_over_swe_pct": 100 * (ai - swe) / ai,
                        "ml_premium_under_1pct": prem < 1, "ai_below_swe": ai < swe,
                        "senior_entry_ratio_low": lo / entry, "senior_entry_ratio_high": hi / entry,
                        "cities_above_entry": sum(c > entry for c in cities),
                        "cities_below_senior_low": sum(c < lo for c in cities),
                        "google_fits_senior_range": fr, "google_fits_senior_floor": ff, "upwards_of_matters": fr != ff}
        """
        },
        fails={"test-tensions-numbers"},
    ),
    Variant(
        name="tensions-strict-floor",
        why="'at least' includes equality: a Google low end equal to the senior low end fits the band",
        cells={
            "article-tensions": """
            def article_tensions(values):
                mle, ai, swe = (values["02-base-san-francisco"], values["02-ai-engineer-san-francisco"],
                                values["02-software-engineer-san-francisco"])
                entry = values["02-entry-level-ml-engineer"]
                lo, hi = values["02-senior-ml-engineer-low"], values["02-senior-ml-engineer-high"]
                glo, ghi = values["03-google-mle-low"], values["03-google-mle-high"]
                cities = [v for k, v in values.items() if k.startswith("02-base-")]
                prem = 100 * (mle / swe - 1)
                fr, ff = lo < glo and ghi < hi, lo < glo
                return {"mle_over_swe_pct": prem, "ai_over_swe_pct": 100 * (ai / swe - 1),
                        "ml_premium_under_1pct": prem < 1, "ai_below_swe": ai < swe,
                        "senior_entry_ratio_low": lo / entry, "senior_entry_ratio_high": hi / entry,
                        "cities_above_entry": sum(c > entry for c in cities),
                        "cities_below_senior_low": sum(c < lo for c in cities),
                        "google_fits_senior_range": fr, "google_fits_senior_floor": ff, "upwards_of_matters": fr != ff}
        """
        },
        fails={"test-tensions-flags"},
    ),
    Variant(
        name="tensions-readings-and",
        why="'upwards_of_matters' asks whether the two readings disagree, not whether both hold",
        cells={
            "article-tensions": """
            def article_tensions(values):
                mle, ai, swe = (values["02-base-san-francisco"], values["02-ai-engineer-san-francisco"],
                                values["02-software-engineer-san-francisco"])
                entry = values["02-entry-level-ml-engineer"]
                lo, hi = values["02-senior-ml-engineer-low"], values["02-senior-ml-engineer-high"]
                glo, ghi = values["03-google-mle-low"], values["03-google-mle-high"]
                cities = [v for k, v in values.items() if k.startswith("02-base-")]
                prem = 100 * (mle / swe - 1)
                fr, ff = lo <= glo and ghi <= hi, lo <= glo
                return {"mle_over_swe_pct": prem, "ai_over_swe_pct": 100 * (ai / swe - 1),
                        "ml_premium_under_1pct": prem < 1, "ai_below_swe": ai < swe,
                        "senior_entry_ratio_low": lo / entry, "senior_entry_ratio_high": hi / entry,
                        "cities_above_entry": sum(c > entry for c in cities),
                        "cities_below_senior_low": sum(c < lo for c in cities),
                        "google_fits_senior_range": fr, "google_fits_senior_floor": ff, "upwards_of_matters": fr and ff}
        """
        },
        fails={"test-tensions-flags"},
    ),
    Variant(
        name="tensions-counts-not-strict",
        why="a city figure equal to the entry-level figure is not above it (and one equal to the senior low end is not below it)",
        cells={
            "article-tensions": """
            def article_tensions(values):
                mle, ai, swe = (values["02-base-san-francisco"], values["02-ai-engineer-san-francisco"],
                                values["02-software-engineer-san-francisco"])
                entry = values["02-entry-level-ml-engineer"]
                lo, hi = values["02-senior-ml-engineer-low"], values["02-senior-ml-engineer-high"]
                glo, ghi = values["03-google-mle-low"], values["03-google-mle-high"]
                cities = [v for k, v in values.items() if k.startswith("02-base-")]
                prem = 100 * (mle / swe - 1)
                fr, ff = lo <= glo and ghi <= hi, lo <= glo
                return {"mle_over_swe_pct": prem, "ai_over_swe_pct": 100 * (ai / swe - 1),
                        "ml_premium_under_1pct": prem < 1, "ai_below_swe": ai < swe,
                        "senior_entry_ratio_low": lo / entry, "senior_entry_ratio_high": hi / entry,
                        "cities_above_entry": sum(c >= entry for c in cities),
                        "cities_below_senior_low": sum(c <= lo for c in cities),
                        "google_fits_senior_range": fr, "google_fits_senior_floor": ff, "upwards_of_matters": fr != ff}
        """
        },
        fails={"test-tensions-flags"},
    ),
    Variant(
        name="tensions-five-fixed-cities",
        why="the city figures are looked up by five fixed keys: count every key that starts with '02-base-'",
        cells={
            "article-tensions": """
            def article_tensions(values):
                mle, ai, swe = (values["02-base-san-francisco"], values["02-ai-engineer-san-francisco"],
                                values["02-software-engineer-san-francisco"])
                entry = values["02-entry-level-ml-engineer"]
                lo, hi = values["02-senior-ml-engineer-low"], values["02-senior-ml-engineer-high"]
                glo, ghi = values["03-google-mle-low"], values["03-google-mle-high"]
                cities = [values[k] for k in ("02-base-san-francisco", "02-base-new-york", "02-base-houston",
                                              "02-base-chicago", "02-base-columbus")]
                prem = 100 * (mle / swe - 1)
                fr, ff = lo <= glo and ghi <= hi, lo <= glo
                return {"mle_over_swe_pct": prem, "ai_over_swe_pct": 100 * (ai / swe - 1),
                        "ml_premium_under_1pct": prem < 1, "ai_below_swe": ai < swe,
                        "senior_entry_ratio_low": lo / entry, "senior_entry_ratio_high": hi / entry,
                        "cities_above_entry": sum(c > entry for c in cities),
                        "cities_below_senior_low": sum(c < lo for c in cities),
                        "google_fits_senior_range": fr, "google_fits_senior_floor": ff, "upwards_of_matters": fr != ff}
        """
        },
        fails={"test-tensions-numbers", "test-tensions-flags"},
    ),
    # ------------------------------------------------------------------------------------------ 1.5 ranges
    Variant(
        name="range-width-pct-of-low",
        why="the width is expressed in percent of the low end; the task asks for percent of the midpoint",
        cells={
            "range-stats": """
            def range_stats(ranges):
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                if np.any(low > high):
                    raise ValueError("low > high")
                return pd.DataFrame({"low": low, "high": high, "midpoint": (low + high) / 2, "width": high - low,
                                     "width_pct": 100 * (high - low) / low}, index=pd.Index(ranges["company"], name="company"))
        """
        },
        fails={"test-range-stats"},
    ),
    Variant(
        name="range-midpoint-half-width",
        why="(high - low) / 2 is half the width, not the midpoint (low + high) / 2",
        cells={
            "range-stats": """
            def range_stats(ranges):
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                if np.any(low > high):
                    raise ValueError("low > high")
                mid = (high - low) / 2
                return pd.DataFrame({"low": low, "high": high, "midpoint": mid, "width": high - low,
                                     "width_pct": 100 * (high - low) / mid}, index=pd.Index(ranges["company"], name="company"))
        """
        },
        fails={"test-range-stats"},
    ),
    Variant(
        name="range-no-validation",
        why="a range with low > high is accepted silently instead of raising a ValueError",
        cells={
            "range-stats": """
            def range_stats(ranges):
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                mid = (low + high) / 2
                return pd.DataFrame({"low": low, "high": high, "midpoint": mid, "width": high - low,
                                     "width_pct": 100 * (high - low) / mid}, index=pd.Index(ranges["company"], name="company"))
        """
        },
        fails={"test-range-stats"},
    ),
    Variant(
        name="overlap-open-ranges",
        why="ranges that only touch are treated as disjoint: closed ranges share their common end point",
        cells={
            "common-overlap": """
            def common_overlap(ranges):
                low, high = float(ranges["low"].max()), float(ranges["high"].min())
                return (low, high) if low < high else None
        """
        },
        fails={"test-common-overlap"},
    ),
    Variant(
        name="overlap-never-none",
        why="returns (max low, min high) even when max low > min high: an empty intersection must be None",
        cells={
            "common-overlap": """
            def common_overlap(ranges):
                return float(ranges["low"].max()), float(ranges["high"].min())
        """
        },
        fails={"test-common-overlap"},
    ),
    Variant(
        name="matrix-not-clipped",
        why="disjoint ranges get a negative 'overlap' (the gap between them): an overlap length is at least 0",
        cells={
            "overlap-matrix": """
            def overlap_matrix(ranges):
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                names = list(ranges["company"])
                return pd.DataFrame(np.minimum.outer(high, high) - np.maximum.outer(low, low), index=names, columns=names)
        """
        },
        fails={"test-overlap-matrix"},
    ),
    Variant(
        name="matrix-zero-diagonal",
        why="a range overlaps itself over its whole width: the diagonal is not 0",
        cells={
            "overlap-matrix": """
            def overlap_matrix(ranges):
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                m = np.clip(np.minimum.outer(high, high) - np.maximum.outer(low, low), 0, None)
                np.fill_diagonal(m, 0.0)
                names = list(ranges["company"])
                return pd.DataFrame(m, index=names, columns=names)
        """
        },
        fails={"test-overlap-matrix"},
    ),
    # ------------------------------------------------------------------------------------------ 1.6 target_range
    Variant(
        name="target-mean-of-quantiles",
        why="averages each range's own quantile: the quantile of a pooled distribution is not the mean of the quantiles",
        cells={
            "target-range": """
            def target_range(ranges, q_low=0.5, q_high=0.75, weights=None):
                if not 0 < q_low < q_high < 1:
                    raise ValueError("need 0 < q_low < q_high < 1")
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                w = np.ones(len(low)) if weights is None else np.asarray(weights, dtype=float)
                w = w / w.sum()
                return tuple(float(np.sum(w * (low + q * (high - low)))) for q in (q_low, q_high))
        """
        },
        fails={"test-target-range"},
    ),
    Variant(
        name="target-ignores-weights",
        why="the weights are ignored, so every comparable counts the same",
        cells={
            "target-range": """
            def target_range(ranges, q_low=0.5, q_high=0.75, weights=None):
                if not 0 < q_low < q_high < 1:
                    raise ValueError("need 0 < q_low < q_high < 1")
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                cdf = lambda x: float(np.mean(np.clip((x - low) / (high - low), 0, 1)))
                out = []
                for q in (q_low, q_high):
                    a, b = low.min(), high.max()
                    for _ in range(100):
                        m = (a + b) / 2
                        a, b = (a, m) if cdf(m) >= q else (m, b)
                    out.append(float(b))
                return tuple(out)
        """
        },
        fails={"test-target-range"},
    ),
    Variant(
        name="target-gap-right-end",
        why="where the pooled distribution is flat at exactly q, the quantile is the left end of the gap (the smallest x)",
        cells={
            "target-range": """
            def target_range(ranges, q_low=0.5, q_high=0.75, weights=None):
                if not 0 < q_low < q_high < 1:
                    raise ValueError("need 0 < q_low < q_high < 1")
                low, high = ranges["low"].to_numpy(dtype=float), ranges["high"].to_numpy(dtype=float)
                w = np.ones(len(low)) if weights is None else np.asarray(weights, dtype=float)
                w = w / w.sum()
                ends = np.unique(np.r_[low, high])
                values = np.array([np.sum(w * np.clip((x - low) / (high - low), 0, 1)) for x in ends])
                out = []
                for q in (q_low, q_high):
                    i = min(int(np.searchsorted(values, q, side="right")), len(ends) - 1)
                    x0, x1, f0, f1 = ends[i - 1], ends[i], values[i - 1], values[i]
                    out.append(float(x0 + (q - f0) / (f1 - f0) * (x1 - x0)) if f1 > f0 else float(x0))
                return tuple(out)
        """
        },
        fails={"test-target-range"},
    ),
    # ------------------------------------------------------------------------------------------ 1.7 growth
    Variant(
        name="growth-linear-annualisation",
        why="divides the total growth by the number of years: growth compounds, so the annual rate is a root",
        cells={
            "growth-table": """
            def growth_table(claims, horizon=10):
                out = claims.set_index("key")[["pct", "basis", "years"]].copy()
                annual = []
                for pct, basis, years in zip(out["pct"], out["basis"], out["years"]):
                    if basis not in ("total", "annual") or (basis == "total" and not years > 0):
                        raise ValueError("bad claim")
                    annual.append(float(pct) if basis == "annual" else float(pct) / float(years))
                out["annual_pct"] = annual
                out["horizon_factor"] = (1 + out["annual_pct"] / 100) ** horizon
                return out.sort_values("annual_pct", ascending=False, kind="stable")
        """
        },
        fails={"test-growth-table"},
    ),
    Variant(
        name="growth-ties-reversed",
        why="sorting ascending and then reversing puts equal rates in reverse input order (use a stable descending sort)",
        cells={
            "growth-table": """
            def growth_table(claims, horizon=10):
                out = claims.set_index("key")[["pct", "basis", "years"]].copy()
                annual = []
                for pct, basis, years in zip(out["pct"], out["basis"], out["years"]):
                    if basis not in ("total", "annual") or (basis == "total" and not years > 0):
                        raise ValueError("bad claim")
                    annual.append(float(pct) if basis == "annual" else 100 * ((1 + pct / 100) ** (1 / years) - 1))
                out["annual_pct"] = annual
                out["horizon_factor"] = (1 + out["annual_pct"] / 100) ** horizon
                return out.sort_values("annual_pct", kind="stable").iloc[::-1]
        """
        },
        fails={"test-growth-table"},
    ),
    Variant(
        name="growth-no-validation",
        why="a total growth without a positive number of years, or an unknown basis, is not refused with a ValueError",
        cells={
            "growth-table": """
            def growth_table(claims, horizon=10):
                out = claims.set_index("key")[["pct", "basis", "years"]].copy()
                pct, years = out["pct"].astype(float), out["years"].astype(float)
                with np.errstate(all="ignore"):
                    total = 100 * ((1 + pct / 100) ** (1 / years) - 1)
                out["annual_pct"] = np.where(out["basis"] == "annual", pct, total)
                out["horizon_factor"] = (1 + out["annual_pct"] / 100) ** horizon
                return out.sort_values("annual_pct", ascending=False, kind="stable")
        """
        },
        fails={"test-growth-table"},
    ),
    Variant(
        name="disagreement-inverted-ratio",
        why="the ratio is slowest over fastest (below 1): the question is how many times faster the fastest claim grows",
        cells={
            "growth-disagreement": """
            def growth_disagreement(table):
                a = table["annual_pct"]
                return {"fastest": a.idxmax(), "slowest": a.idxmin(), "ratio": float(a.min() / a.max()),
                        "gap_pp": float(a.max() - a.min()),
                        "horizon_ratio": float(table["horizon_factor"].max() / table["horizon_factor"].min())}
        """
        },
        fails={"test-growth-disagreement"},
    ),
    Variant(
        name="disagreement-horizon-ratio-one-year",
        why="the horizon ratio compares one year of growth; it must compare the growth factors over the horizon",
        cells={
            "growth-disagreement": """
            def growth_disagreement(table):
                a = table["annual_pct"]
                return {"fastest": a.idxmax(), "slowest": a.idxmin(), "ratio": float(a.max() / a.min()),
                        "gap_pp": float(a.max() - a.min()), "horizon_ratio": float((1 + a.max() / 100) / (1 + a.min() / 100))}
        """
        },
        fails={"test-growth-disagreement"},
    ),
    # ------------------------------------------------------------------------------------------ 1.8 plot
    Variant(
        name="plot-series-swapped",
        why="the adjusted salaries are drawn first and the base salaries second",
        cells={
            "plot-city-salaries": """
            def plot_city_salaries(table, reference_city):
                fig, ax = plt.subplots()
                x = np.arange(len(table))
                ax.bar(x - 0.2, table["adjusted_salary"], width=0.4, label="base salary (article 02)")
                ax.bar(x + 0.2, table["salary"], width=0.4, label=f"adjusted to {reference_city} prices (assumed index)")
                ax.set_xticks(x, list(table.index))
                ax.set_ylabel("USD per year")
                ax.set_title(f"ML engineer base salary by city, adjusted to {reference_city}")
                ax.legend()
                return fig
        """
        },
        fails={"test-plot-city-salaries"},
    ),
    Variant(
        name="plot-fixed-reference-city",
        why="the legend and title name San Francisco whatever the reference city is",
        cells={
            "plot-city-salaries": """
            def plot_city_salaries(table, reference_city):
                fig, ax = plt.subplots()
                x = np.arange(len(table))
                ax.bar(x - 0.2, table["salary"], width=0.4, label="base salary (article 02)")
                ax.bar(x + 0.2, table["adjusted_salary"], width=0.4,
                       label="adjusted to San Francisco, CA prices (assumed index)")
                ax.set_xticks(x, list(table.index))
                ax.set_ylabel("USD per year")
                ax.set_title("ML engineer base salary by city, adjusted to San Francisco, CA")
                ax.legend()
                return fig
        """
        },
        fails={"test-plot-city-salaries"},
    ),
    Variant(
        name="plot-breakeven-series",
        why="the second series shows the break-even ratio, not the adjusted salary",
        cells={
            "plot-city-salaries": """
            def plot_city_salaries(table, reference_city):
                fig, ax = plt.subplots()
                x = np.arange(len(table))
                ax.bar(x - 0.2, table["salary"], width=0.4, label="base salary (article 02)")
                ax.bar(x + 0.2, table["breakeven_ratio"] if "breakeven_ratio" in table else table["salary"] * 0,
                       width=0.4, label=f"adjusted to {reference_city} prices (assumed index)")
                ax.set_xticks(x, list(table.index))
                ax.set_ylabel("USD per year")
                ax.set_title(f"ML engineer base salary by city, adjusted to {reference_city}")
                ax.legend()
                return fig
        """
        },
        fails={"test-plot-city-salaries"},
    ),
]

EQUIVALENT_MUTANTS = {
    "city-premiums@39c7477c": "without the explicit check, `salary[base_city]` raises the same KeyError for a city "
                              "that is not among the labels",
    "city-premiums@36913a72": "with the raise dropped, `salary[base_city]` on the next line raises the same KeyError "
                              "for a city that is not among the labels",
    "article-tensions@ca1ecd5e": "100 * (mle / swe - 1) is never exactly 1.0 in floating point (mle / swe - 1 is a "
                                 "multiple of 2**-52; the one nearest 0.01 gives 1 + 4 ulp), so < 1 and <= 1 agree",
    "overlap-matrix@ba5423d2": "np.clip(0.0, m, None) is np.maximum(0.0, m) broadcast to m's shape, the same array as "
                               "np.clip(m, 0.0, None)",
    "target-range@e685a59c": "np.clip(0.0, v, 1.0) is np.minimum(np.maximum(0.0, v), 1.0), the same number as "
                             "np.clip(v, 0.0, 1.0) for every v",
    "growth-table@2bd042ba": "a row with an unknown basis then appends no rate, so assigning the shorter list to "
                             "`annual_pct` raises pandas' ValueError (length mismatch) anyway",
}

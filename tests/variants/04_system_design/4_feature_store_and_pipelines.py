"""Plausible wrong answers to 04_system_design/4_feature_store_and_pipelines; each must lose exactly the tests
listed in `fails`."""

from course.proof.variants import Variant

# leakage_report() is built on both joins; run_daily_job() on daily_aggregate().
JOB_TESTS = {
    "test-job-idempotent",
    "test-job-late-data",
    "test-job-order",
    "test-job-correction",
    "test-job-concurrent",
}

# Every wrong job below writes its file correctly (atomically, through a unique temporary file beside the table)
# unless the mistake is in the write itself, so that each variant breaks exactly one rule of the specification.
WRITE = """
            def write_table(table, table_path):
                handle, temporary = tempfile.mkstemp(dir=Path(table_path).parent, suffix=".tmp")
                try:
                    with os.fdopen(handle, "w") as file:
                        table.to_csv(file, index=False)
                    os.replace(temporary, table_path)
                except BaseException:
                    os.remove(temporary)
                    raise
"""

VARIANTS = [
    # ------------------------------------------------------------------------------------------ 1.1 PIT join
    Variant(
        name="pit-join-looks-forward",
        why="takes the first feature row at or AFTER the label (direction='forward'): reads the future",
        cells={
            "pit-join": """
            def point_in_time_join(labels, features, entity="entity_id", time="ts"):
                columns = [c for c in features.columns if c not in (entity, time)]
                result = labels.copy()
                values = {c: np.full(len(labels), np.nan) for c in columns}
                for key, group in features.groupby(entity):
                    group = group.sort_values(time)
                    rows = np.flatnonzero(labels[entity].to_numpy() == key)
                    position = np.searchsorted(group[time].to_numpy(), labels[time].to_numpy()[rows], side="left")
                    found = position < len(group)
                    for c in columns:
                        values[c][rows[found]] = group[c].to_numpy(dtype=float)[position[found]]
                for c in columns:
                    result[c] = values[c]
                return result
        """
        },
        fails={"test-pit-join-toy", "test-pit-join-merge-asof", "test-leakage-report"},
    ),
    Variant(
        name="pit-join-ignores-entity",
        why="takes the latest feature row before the label among ALL entities",
        cells={
            "pit-join": """
            def point_in_time_join(labels, features, entity="entity_id", time="ts"):
                columns = [c for c in features.columns if c not in (entity, time)]
                ordered = features.sort_values(time)
                position = np.searchsorted(ordered[time].to_numpy(), labels[time].to_numpy(), side="right") - 1
                result = labels.copy()
                for c in columns:
                    column = ordered[c].to_numpy(dtype=float)
                    result[c] = np.where(position >= 0, column[np.maximum(position, 0)], np.nan)
                return result
        """
        },
        fails={"test-pit-join-toy", "test-pit-join-merge-asof", "test-leakage-report"},
    ),
    Variant(
        name="pit-join-strictly-before",
        why="'<' instead of '<=': a feature row with exactly the label's timestamp is ignored",
        cells={
            "pit-join": """
            def point_in_time_join(labels, features, entity="entity_id", time="ts"):
                columns = [c for c in features.columns if c not in (entity, time)]
                result = labels.copy()
                values = {c: np.full(len(labels), np.nan) for c in columns}
                for key, group in features.groupby(entity):
                    group = group.sort_values(time)
                    rows = np.flatnonzero(labels[entity].to_numpy() == key)
                    position = np.searchsorted(group[time].to_numpy(), labels[time].to_numpy()[rows], side="left") - 1
                    found = position >= 0
                    for c in columns:
                        values[c][rows[found]] = group[c].to_numpy(dtype=float)[position[found]]
                for c in columns:
                    result[c] = values[c]
                return result
        """
        },
        fails={"test-pit-join-toy", "test-pit-join-merge-asof"},
    ),
    Variant(
        name="pit-join-sorted-by-time",
        why="returns the rows sorted by time with a fresh index instead of in the labels' order",
        cells={
            "pit-join": """
            def point_in_time_join(labels, features, entity="entity_id", time="ts"):
                columns = [c for c in features.columns if c not in (entity, time)]
                rows = []
                for _, label in labels.sort_values(time, kind="stable").iterrows():
                    past = features[(features[entity] == label[entity]) & (features[time] <= label[time])]
                    latest = past.sort_values(time).iloc[-1] if len(past) else None
                    rows.append([np.nan if latest is None else float(latest[c]) for c in columns])
                result = labels.sort_values(time, kind="stable").reset_index(drop=True)
                for i, c in enumerate(columns):
                    result[c] = [row[i] for row in rows]
                return result
        """
        },
        fails={"test-pit-join-toy", "test-pit-join-merge-asof"},
    ),
    Variant(
        name="pit-join-calls-merge-asof",
        why="merge_asof is the reference; the exercise asks for the join written by hand",
        cells={
            "pit-join": """
            def point_in_time_join(labels, features, entity="entity_id", time="ts"):
                left = labels.assign(_row=np.arange(len(labels))).sort_values(time, kind="stable")
                joined = pd.merge_asof(left, features.sort_values(time), on=time, by=entity, direction="backward")
                joined = joined.sort_values("_row").drop(columns="_row").set_axis(labels.index)
                return joined[list(labels.columns) + [c for c in features.columns if c not in (entity, time)]]
        """
        },
        fails={"test-pit-join-merge-asof"},
    ),
    # ------------------------------------------------------------------------------------------ 1.2 naive join
    Variant(
        name="naive-join-first-row",
        why="keeps each entity's oldest feature row instead of its latest one",
        cells={
            "naive-join": """
            def naive_join(labels, features, entity="entity_id", time="ts"):
                first = features.sort_values(time).drop_duplicates(entity, keep="first").drop(columns=time)
                return labels.merge(first, on=entity, how="left").set_axis(labels.index)
        """
        },
        fails={"test-naive-join", "test-leakage-report"},
    ),
    Variant(
        name="naive-join-global-latest",
        why="gives every label the single most recent feature row of the table, whatever its entity",
        cells={
            "naive-join": """
            def naive_join(labels, features, entity="entity_id", time="ts"):
                latest = features.sort_values(time).iloc[-1]
                result = labels.copy()
                for c in features.columns:
                    if c not in (entity, time):
                        result[c] = float(latest[c])
                return result
        """
        },
        fails={"test-naive-join", "test-leakage-report"},
    ),
    Variant(
        name="naive-join-index-lost",
        why="a merge returns a fresh RangeIndex; the labels' index is not put back",
        cells={
            "naive-join": """
            def naive_join(labels, features, entity="entity_id", time="ts"):
                latest = features.sort_values(time).drop_duplicates(entity, keep="last").drop(columns=time)
                return labels.merge(latest, on=entity, how="left")
        """
        },
        fails={"test-naive-join"},
    ),
    # ------------------------------------------------------------------------------------------ 1.3 leakage
    Variant(
        name="leakage-report-keys-swapped",
        why="labels the naive AUC as the point-in-time one and vice versa",
        cells={
            "leakage-report": """
            def leakage_report(labels, features, feature, label="is_fraud", entity="entity_id", time="ts"):
                pit = point_in_time_join(labels, features, entity=entity, time=time)
                naive = naive_join(labels, features, entity=entity, time=time)
                return {"point_in_time": float(roc_auc_score(naive[label], naive[feature].fillna(0))),
                        "naive": float(roc_auc_score(pit[label], pit[feature].fillna(0)))}
        """
        },
        fails={"test-leakage-report"},
    ),
    Variant(
        name="leakage-report-naive-both",
        why="uses the naive join for both numbers, so the leak is invisible",
        cells={
            "leakage-report": """
            def leakage_report(labels, features, feature, label="is_fraud", entity="entity_id", time="ts"):
                naive = naive_join(labels, features, entity=entity, time=time)
                auc = float(roc_auc_score(naive[label], naive[feature].fillna(0)))
                return {"point_in_time": auc, "naive": auc}
        """
        },
        fails={"test-leakage-report"},
    ),
    Variant(
        name="leakage-report-score-reversed",
        why="passes (label, score) in the wrong roles to roc_auc_score",
        cells={
            "leakage-report": """
            def leakage_report(labels, features, feature, label="is_fraud", entity="entity_id", time="ts"):
                report = {}
                for name, join in (("point_in_time", point_in_time_join), ("naive", naive_join)):
                    joined = join(labels, features, entity=entity, time=time)
                    report[name] = float(roc_auc_score(joined[label], -joined[feature].fillna(0)))
                return report
        """
        },
        fails={"test-leakage-report"},
    ),
    # ------------------------------------------------------------------------------------------ 1.4 MC
    Variant(
        name="offline-auc-drift",
        why="drift would be a reason, but the details given point elsewhere: compare the time a value is stamped with "
        "and the time the online model can first read it",
        cells={"offline-auc": 'OFFLINE_AUC = "c"'},
        fails={"test-offline-auc"},
    ),
    Variant(
        name="offline-auc-noise",
        why="noise spreads an estimate on both sides; a gap that is consistently one-sided has a cause",
        cells={"offline-auc": 'OFFLINE_AUC = "b"'},
        fails={"test-offline-auc"},
    ),
    # ------------------------------------------------------------------------------------------ 2.1 validate
    Variant(
        name="validate-nulls-out-of-range",
        why="~between(min, max) is True for NaN, so nulls are counted as range violations",
        cells={
            "validate": """
            def validate(df, schema):
                report = {"missing_columns": [c for c in schema if c not in df.columns],
                          "extra_columns": [c for c in df.columns if c not in schema],
                          "wrong_dtypes": {}, "out_of_range": {}, "null_rates": {}}
                for column, spec in schema.items():
                    if column not in df.columns:
                        continue
                    series = df[column]
                    if str(series.dtype) != spec["dtype"]:
                        report["wrong_dtypes"][column] = str(series.dtype)
                    elif "min" in spec or "max" in spec:
                        bad = int((~series.between(spec.get("min", -np.inf), spec.get("max", np.inf))).sum())
                        if bad:
                            report["out_of_range"][column] = bad
                    rate = float(series.isna().mean())
                    if rate > spec.get("max_null_rate", 0.0):
                        report["null_rates"][column] = rate
                return report
        """
        },
        fails={"test-validate-values"},
    ),
    Variant(
        name="validate-null-rate-at-threshold",
        why="'>=' reports a null rate that is exactly at its allowed maximum",
        cells={
            "validate": """
            def validate(df, schema):
                report = {"missing_columns": [c for c in schema if c not in df.columns],
                          "extra_columns": [c for c in df.columns if c not in schema],
                          "wrong_dtypes": {}, "out_of_range": {}, "null_rates": {}}
                for column, spec in schema.items():
                    if column not in df.columns:
                        continue
                    series = df[column]
                    if str(series.dtype) != spec["dtype"]:
                        report["wrong_dtypes"][column] = str(series.dtype)
                    elif "min" in spec or "max" in spec:
                        values = series.dropna()
                        bad = int(((values < spec.get("min", -np.inf)) | (values > spec.get("max", np.inf))).sum())
                        if bad:
                            report["out_of_range"][column] = bad
                    rate = float(series.isna().mean())
                    if rate > 0 and rate >= spec.get("max_null_rate", 0.0):
                        report["null_rates"][column] = rate
                return report
        """
        },
        fails={"test-validate-values"},
    ),
    Variant(
        name="validate-dtype-ignores-width",
        why="treats int32 as int64 (same kind), so a narrowed column passes and is even range-checked",
        cells={
            "validate": """
            def validate(df, schema):
                report = {"missing_columns": [c for c in schema if c not in df.columns],
                          "extra_columns": [c for c in df.columns if c not in schema],
                          "wrong_dtypes": {}, "out_of_range": {}, "null_rates": {}}
                for column, spec in schema.items():
                    if column not in df.columns:
                        continue
                    series = df[column]
                    if str(series.dtype).rstrip("0123456789") != spec["dtype"].rstrip("0123456789"):
                        report["wrong_dtypes"][column] = str(series.dtype)
                    else:
                        values = series.dropna()
                        bad = int(((values < spec.get("min", -np.inf)) | (values > spec.get("max", np.inf))).sum()) \\
                            if ("min" in spec or "max" in spec) else 0
                        if bad:
                            report["out_of_range"][column] = bad
                    rate = float(series.isna().mean())
                    if rate > spec.get("max_null_rate", 0.0):
                        report["null_rates"][column] = rate
                return report
        """
        },
        fails={"test-validate-schema", "test-validate-values"},
    ),
    Variant(
        name="validate-missing-extra-swapped",
        why="reports the unexpected columns as missing and the missing ones as unexpected",
        cells={
            "validate": """
            def validate(df, schema):
                report = {"missing_columns": [c for c in df.columns if c not in schema],
                          "extra_columns": [c for c in schema if c not in df.columns],
                          "wrong_dtypes": {}, "out_of_range": {}, "null_rates": {}}
                for column, spec in schema.items():
                    if column not in df.columns:
                        continue
                    series = df[column]
                    if str(series.dtype) != spec["dtype"]:
                        report["wrong_dtypes"][column] = str(series.dtype)
                    elif "min" in spec or "max" in spec:
                        values = series.dropna()
                        bad = int(((values < spec.get("min", -np.inf)) | (values > spec.get("max", np.inf))).sum())
                        if bad:
                            report["out_of_range"][column] = bad
                    rate = float(series.isna().mean())
                    if rate > spec.get("max_null_rate", 0.0):
                        report["null_rates"][column] = rate
                return report
        """
        },
        fails={"test-validate-schema"},
    ),
    Variant(
        name="validate-range-on-wrong-dtype",
        why="range-checks a column even when its dtype is already reported as wrong",
        cells={
            "validate": """
            def validate(df, schema):
                report = {"missing_columns": [c for c in schema if c not in df.columns],
                          "extra_columns": [c for c in df.columns if c not in schema],
                          "wrong_dtypes": {}, "out_of_range": {}, "null_rates": {}}
                for column, spec in schema.items():
                    if column not in df.columns:
                        continue
                    series = df[column]
                    if str(series.dtype) != spec["dtype"]:
                        report["wrong_dtypes"][column] = str(series.dtype)
                    if ("min" in spec or "max" in spec) and pd.api.types.is_numeric_dtype(series):
                        values = series.dropna()
                        bad = int(((values < spec.get("min", -np.inf)) | (values > spec.get("max", np.inf))).sum())
                        if bad:
                            report["out_of_range"][column] = bad
                    rate = float(series.isna().mean())
                    if rate > spec.get("max_null_rate", 0.0):
                        report["null_rates"][column] = rate
                return report
        """
        },
        fails={"test-validate-values"},
    ),
    Variant(
        name="validate-exclusive-bounds",
        why="treats values equal to min or max as violations (the bounds are inclusive)",
        cells={
            "validate": """
            def validate(df, schema):
                report = {"missing_columns": [c for c in schema if c not in df.columns],
                          "extra_columns": [c for c in df.columns if c not in schema],
                          "wrong_dtypes": {}, "out_of_range": {}, "null_rates": {}}
                for column, spec in schema.items():
                    if column not in df.columns:
                        continue
                    series = df[column]
                    if str(series.dtype) != spec["dtype"]:
                        report["wrong_dtypes"][column] = str(series.dtype)
                    elif "min" in spec or "max" in spec:
                        values = series.dropna()
                        bad = int(((values <= spec.get("min", -np.inf)) | (values >= spec.get("max", np.inf))).sum())
                        if bad:
                            report["out_of_range"][column] = bad
                    rate = float(series.isna().mean())
                    if rate > spec.get("max_null_rate", 0.0):
                        report["null_rates"][column] = rate
                return report
        """
        },
        fails={"test-validate-schema", "test-validate-values"},
    ),
    # ------------------------------------------------------------------------------------------ 3.1 aggregate
    Variant(
        name="aggregate-includes-next-midnight",
        why="'ts <= next midnight' also counts the first instant of the following day",
        cells={
            "daily-aggregate": """
            def daily_aggregate(events, day):
                start = pd.Timestamp(day)
                inside = events[(events["ts"] >= start) & (events["ts"] <= start + pd.Timedelta(days=1))]
                table = inside.groupby("entity_id").agg(n_events=("amount", "size"), total_amount=("amount", "sum"))
                table = table.reset_index()
                table.insert(1, "date", day)
                return table
        """
        },
        fails={"test-daily-aggregate"} | JOB_TESTS,
    ),
    Variant(
        name="aggregate-all-days",
        why="forgets to filter the events of the day: every run aggregates the whole history",
        cells={
            "daily-aggregate": """
            def daily_aggregate(events, day):
                table = events.groupby("entity_id").agg(n_events=("amount", "size"), total_amount=("amount", "sum"))
                table = table.reset_index()
                table.insert(1, "date", day)
                return table
        """
        },
        fails={"test-daily-aggregate"} | JOB_TESTS,
    ),
    Variant(
        name="aggregate-mean-amount",
        why="averages the amounts instead of summing them",
        cells={
            "daily-aggregate": """
            def daily_aggregate(events, day):
                start = pd.Timestamp(day)
                inside = events[(events["ts"] >= start) & (events["ts"] < start + pd.Timedelta(days=1))]
                table = inside.groupby("entity_id").agg(n_events=("amount", "size"), total_amount=("amount", "mean"))
                table = table.reset_index()
                table.insert(1, "date", day)
                return table
        """
        },
        fails={"test-daily-aggregate"} | JOB_TESTS,
    ),
    # ------------------------------------------------------------------------------------------ 3.2 job
    Variant(
        name="job-appends-duplicates",
        why="appends the day's rows on every run: a retry double-counts",
        cells={
            "daily-job": WRITE
            + """
            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    new = pd.concat([pd.read_csv(table_path), new], ignore_index=True)
                table = new.sort_values(["date", "entity_id"], kind="stable").reset_index(drop=True)
                write_table(table, table_path)
                return table
        """
        },
        fails={"test-job-idempotent", "test-job-late-data", "test-job-correction", "test-job-concurrent"},
    ),
    Variant(
        name="job-keeps-old-rows",
        why="on a key conflict keeps the stored row, so a re-run cannot correct a partial run",
        cells={
            "daily-job": WRITE
            + """
            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    new = pd.concat([pd.read_csv(table_path), new], ignore_index=True)
                    new = new.drop_duplicates(["entity_id", "date"], keep="first")
                table = new.sort_values(["date", "entity_id"]).reset_index(drop=True)
                write_table(table, table_path)
                return table
        """
        },
        fails={"test-job-late-data", "test-job-correction"},
    ),
    Variant(
        name="job-keyed-upsert",
        why="replaces only the rows whose (entity, date) key is in the new output: after a correction that removes "
        "an entity's events, its old row stays. Overwrite the whole partition of the day",
        cells={
            "daily-job": WRITE
            + """
            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    old = pd.read_csv(table_path)
                    keys = set(zip(new["entity_id"].tolist(), new["date"].tolist()))
                    keep = [(e, d) not in keys for e, d in zip(old["entity_id"].tolist(), old["date"].tolist())]
                    new = pd.concat([old[keep], new], ignore_index=True)
                table = new.sort_values(["date", "entity_id"]).reset_index(drop=True)
                write_table(table, table_path)
                return table
        """
        },
        fails={"test-job-correction"},
    ),
    Variant(
        name="job-unsorted",
        why="overwrites the partition but writes rows in arrival order, so the file depends on the run history",
        cells={
            "daily-job": WRITE
            + """
            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    old = pd.read_csv(table_path)
                    new = pd.concat([old[old["date"] != day], new], ignore_index=True)
                write_table(new, table_path)
                return new
        """
        },
        fails={"test-job-idempotent", "test-job-order", "test-job-correction"},
    ),
    Variant(
        name="job-overwrites-table",
        why="writes only the current day: every run erases the other days",
        cells={
            "daily-job": WRITE
            + """
            def run_daily_job(events, day, table_path):
                table = daily_aggregate(events, day)
                write_table(table, table_path)
                return table
        """
        },
        fails={
            "test-job-idempotent",
            "test-job-late-data",
            "test-job-order",
            "test-job-correction",
            "test-job-concurrent",
        },
    ),
    Variant(
        name="job-keyed-by-entity-only",
        why="replaces rows by entity_id alone, so a new day deletes the entity's rows of the other days",
        cells={
            "daily-job": WRITE
            + """
            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    old = pd.read_csv(table_path)
                    new = pd.concat([old[~old["entity_id"].isin(new["entity_id"])], new], ignore_index=True)
                table = new.sort_values(["date", "entity_id"]).reset_index(drop=True)
                write_table(table, table_path)
                return table
        """
        },
        fails={
            "test-job-idempotent",
            "test-job-late-data",
            "test-job-order",
            "test-job-correction",
            "test-job-concurrent",
        },
    ),
    Variant(
        name="job-fixed-temporary-name",
        why="every run writes the same temporary file (table.csv.tmp): two overlapping runs truncate and rename "
        "each other's file. Give each run its own temporary file (tempfile.mkstemp in the table's folder)",
        cells={
            "daily-job": """
            def run_daily_job(events, day, table_path):
                table_path = Path(table_path)
                new = daily_aggregate(events, day)
                if table_path.exists():
                    old = pd.read_csv(table_path)
                    new = pd.concat([old[old["date"] != day], new], ignore_index=True)
                table = new.sort_values(["date", "entity_id"]).reset_index(drop=True)
                temporary = table_path.with_name(table_path.name + ".tmp")
                table.to_csv(temporary, index=False)
                os.replace(temporary, table_path)
                return table
        """
        },
        fails={"test-job-concurrent"},
    ),
    Variant(
        name="job-writes-in-place",
        why="writes straight onto the table: a reader or an overlapping run can see a half-written file",
        cells={
            "daily-job": """
            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    old = pd.read_csv(table_path)
                    new = pd.concat([old[old["date"] != day], new], ignore_index=True)
                table = new.sort_values(["date", "entity_id"]).reset_index(drop=True)
                table.to_csv(table_path, index=False)
                return table
        """
        },
        fails={"test-job-concurrent"},
    ),
    Variant(
        name="job-temporary-file-in-system-folder",
        why="the temporary file is created in the system's temporary folder: os.replace is only atomic within one "
        "filesystem, so the temporary file belongs in the table's own folder",
        cells={
            "daily-job": """
            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    old = pd.read_csv(table_path)
                    new = pd.concat([old[old["date"] != day], new], ignore_index=True)
                table = new.sort_values(["date", "entity_id"]).reset_index(drop=True)
                handle, temporary = tempfile.mkstemp(suffix=".csv")
                with os.fdopen(handle, "w") as file:
                    table.to_csv(file, index=False)
                os.replace(temporary, table_path)
                return table
        """
        },
        fails={"test-job-concurrent"},
    ),
    Variant(
        name="job-copies-and-leaves-temporary-file",
        why="copies the temporary file onto the table instead of renaming it: the copy is not atomic and the "
        "temporary files pile up in the folder",
        cells={
            "daily-job": """
            import shutil

            def run_daily_job(events, day, table_path):
                new = daily_aggregate(events, day)
                if os.path.exists(table_path):
                    old = pd.read_csv(table_path)
                    new = pd.concat([old[old["date"] != day], new], ignore_index=True)
                table = new.sort_values(["date", "entity_id"]).reset_index(drop=True)
                handle, temporary = tempfile.mkstemp(dir=os.path.dirname(table_path), suffix=".tmp")
                with os.fdopen(handle, "w") as file:
                    table.to_csv(file, index=False)
                shutil.copyfile(temporary, table_path)
                return table
        """
        },
        fails={"test-job-concurrent"},
    ),
]


# Mutants of the reference solutions (course validate --mutants) that no input allowed by the specification can
# tell from the solution, with the reason.
EQUIVALENT_MUTANTS = {
    "pit-join@4849a5ae": "guard for an entity without labels dropped: rows is empty, so searchsorted gets no times "
                         "and the assignments change nothing",
    "pit-join@2ab05dec": "the guard's `continue` dropped: for an entity without labels rows is empty, so the "
                         "assignments change nothing",
    "pit-join@d4519793": "len(rows) == -1 never holds, so the guard is skipped: for an entity without labels the "
                         "assignments change nothing",
    "pit-join@9973d84e": "groupby(sort=True): each group writes only its own entity's label rows, so the order of "
                         "the groups does not matter",
    "daily-job@8620971d": "concat without ignore_index: the index is discarded by reset_index(drop=True) after "
                          "sorting",
}

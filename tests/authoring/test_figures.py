"""The course's one file of article figures: its checksum, its schema, the notebooks that load it, its quotes."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "source" / "_data"
CSV_PATH = DATA / "article_figures.csv"
SHA_PATH = DATA / "article_figures.sha256"
ARTICLES = Path(os.environ.get("COURSE_ARTICLES", ROOT.parent / "shared" / "articles"))

COLUMNS = ["key", "article", "line", "claim", "value", "unit", "source_as_stated", "year", "note"]
UNITS = {
    "USD/year", "USD", "percent", "percentage points", "years", "months", "hours/week", "count", "ratio", "rank",
    "dimensionless",
}
KEY = re.compile(r"^\d{2}-[a-z0-9-]+$")
YEAR = re.compile(r"^(\d{4}(-\d{4})?)?$")
ARTICLE_STEMS = {
    "01_ace_your_ml_interview_50_questions",
    "02_negotiating_your_ml_salary",
    "03_you_dont_need_a_phd_myths_vs_reality",
    "04_building_your_ml_portfolio",
    "05_landing_your_dream_ml_job",
    "06_avoid_10_common_interview_mistakes",
    "07_mastering_ml_system_design",
    "08_top_10_ml_algorithms",
    "09_where_are_the_older_engineers",
    "10_the_resilient_engineer_layoffs",
}
# rows whose value is a reading of words, not a number written in the claim ("Eight years", "$4 trillion", "24/7")
WORDED_VALUES = {
    "03-eight-years-ago", "03-decade-ago", "03-hustle-24-7", "04-ai-business-value", "08-classification-roles-period",
    "10-past-six-months",
}
LINK_TARGET = "../../_data/article_figures.csv"  # from source/NN_module/data/
UPDATE_HOWTO = (
    "after changing source/_data/article_figures.csv, run `cd source/_data && sha256sum article_figures.csv > "
    "article_figures.sha256`, put the new hash in the setup cell of every notebook that reads "
    "data/article_figures.csv, and run `course build` for their modules"
)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def normalise(text: str) -> str:
    """Lower case, every run of non-alphanumerics a single space (how quotes are compared with the articles)."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def numbers_in(text: str) -> set[float]:
    """The numbers written in `text` ("$143,920" -> 143920.0, "lr=0.01" -> 0.01)."""
    return {float(n) for n in re.findall(r"\d+(?:\.\d+)?", re.sub(r"(?<=\d),(?=\d{3})", "", text))}


def cell_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def figure_problems(source_dir: Path, digest: str) -> list[str]:
    """What is wrong with the notebooks under `source_dir` that read data/article_figures.csv: a setup cell
    without the current SHA-256 `digest`, or a module folder without the data symlink. Empty when all is well."""
    problems = []
    for path in sorted(source_dir.glob("*/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if not any("article_figures.csv" in cell_text(c) for c in cells):
            continue
        name = f"{path.parent.name}/{path.name}"
        setup = [c for c in cells if c.get("id") == "setup"]
        if not setup or digest not in cell_text(setup[0]):
            problems.append(f"{name}: its setup cell does not hold the current SHA-256 of article_figures.csv "
                            f"({digest})")
        link = path.parent / "data" / "article_figures.csv"
        if not link.is_symlink() or os.readlink(link) != LINK_TARGET:
            problems.append(f"{name}: {path.parent.name}/data/article_figures.csv must be a symlink to {LINK_TARGET}")
        elif not link.resolve().samefile(source_dir / "_data" / "article_figures.csv"):
            problems.append(f"{name}: {path.parent.name}/data/article_figures.csv does not resolve to _data/")
    return problems


# (a) the checksum ---------------------------------------------------------------------------------------------

def test_the_checksum_file_matches_the_csv():
    expected = f"{sha256_of(CSV_PATH)}  article_figures.csv\n"
    recorded = SHA_PATH.read_text(encoding="utf-8")
    assert recorded == expected, (
        f"source/_data/article_figures.sha256 holds {recorded.strip()!r}, but the CSV's SHA-256 line is "
        f"{expected.strip()!r}: {UPDATE_HOWTO}"
    )


# (b) the schema -----------------------------------------------------------------------------------------------

def test_the_csv_has_exactly_the_documented_columns():
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == COLUMNS, f"columns should be {COLUMNS}, got {header}"


def test_every_row_follows_the_schema():
    problems = []
    seen = set()
    for number, row in enumerate(rows(), start=2):
        where = f"row {number} ({row.get('key')!r})"
        if None in row or None in row.values():
            problems.append(f"{where}: {len(COLUMNS)} fields expected")
            continue
        key, article = row["key"], row["article"]
        if not KEY.match(key):
            problems.append(f"{where}: key must match {KEY.pattern}")
        if key in seen:
            problems.append(f"{where}: duplicate key")
        seen.add(key)
        if article not in ARTICLE_STEMS:
            problems.append(f"{where}: unknown article {article!r}")
        elif key[:2] != article[:2]:
            problems.append(f"{where}: the key's number {key[:2]} is not the article's {article[:2]}")
        if not (row["line"].isdigit() and int(row["line"]) >= 1):
            problems.append(f"{where}: line must be a positive integer, got {row['line']!r}")
        try:
            value = float(row["value"])
        except ValueError:
            problems.append(f"{where}: value must be a plain number, got {row['value']!r}")
        else:
            if not re.fullmatch(r"-?\d+(\.\d+)?", row["value"]):
                problems.append(f"{where}: value must be a plain decimal (no exponent, no separators), "
                                f"got {row['value']!r}")
            elif key not in WORDED_VALUES and value not in numbers_in(row["claim"]):
                problems.append(f"{where}: the value {row['value']} is not a number written in the claim")
        if row["unit"] not in UNITS:
            problems.append(f"{where}: unit {row['unit']!r} is not one of {sorted(UNITS)}")
        if not YEAR.match(row["year"]):
            problems.append(f"{where}: year must be empty, YYYY or YYYY-YYYY, got {row['year']!r}")
        for column in ("claim", "note"):
            if not row[column].strip():
                problems.append(f"{where}: {column} is empty")
        if row["claim"] != row["claim"].strip():
            problems.append(f"{where}: claim has leading or trailing spaces")
    assert not problems, "article_figures.csv breaks its schema:\n" + "\n".join(problems)


# (c) the notebooks that load the file -------------------------------------------------------------------------

def test_notebooks_reading_the_figures_hold_the_current_hash_and_the_symlink():
    problems = figure_problems(ROOT / "source", sha256_of(CSV_PATH))
    assert not problems, "notebooks out of sync with article_figures.csv:\n" + "\n".join(problems) + (
        f"\n({UPDATE_HOWTO})"
    )


def test_released_figures_are_real_copies_of_the_csv():
    problems = []
    for copy in sorted((ROOT / "release").glob("*/data/article_figures.csv")):
        name = copy.relative_to(ROOT)
        if copy.is_symlink():
            problems.append(f"{name} is a symlink; learners need a real file (run `course build`)")
        elif copy.read_bytes() != CSV_PATH.read_bytes():
            problems.append(f"{name} differs from source/_data/article_figures.csv (run `course build`)")
    assert not problems, "\n".join(problems)


def _notebook(setup_source: str) -> dict:
    cells = [
        {"cell_type": "code", "id": "setup", "metadata": {}, "outputs": [], "execution_count": None,
         "source": setup_source},
        {"cell_type": "code", "id": "use", "metadata": {}, "outputs": [], "execution_count": None,
         "source": 'FIGURES.loc["02-base-san-francisco", "value"]'},
    ]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_the_notebook_check_fails_on_a_stale_hash_or_a_missing_symlink(tmp_path):
    source = tmp_path / "source"
    (source / "_data").mkdir(parents=True)
    shutil.copy(CSV_PATH, source / "_data" / "article_figures.csv")
    module = source / "98_probe"
    (module / "data").mkdir(parents=True)
    digest = sha256_of(CSV_PATH)
    stale = hashlib.sha256(CSV_PATH.read_bytes() + b"\n").hexdigest()
    notebook = module / "1_probe.ipynb"

    def write(hash_in_setup: str) -> None:
        setup = (f'FIGURES_SHA256 = "{hash_in_setup}"\n'
                 'FIGURES = pd.read_csv("data/article_figures.csv").set_index("key")\n')
        notebook.write_text(json.dumps(_notebook(setup)), encoding="utf-8")

    write(digest)
    missing = figure_problems(source, digest)
    assert len(missing) == 1 and "must be a symlink" in missing[0], f"a missing symlink should be reported: {missing}"

    (module / "data" / "article_figures.csv").symlink_to(LINK_TARGET)
    assert figure_problems(source, digest) == [], "a notebook with the current hash and the symlink should pass"

    write(stale)
    problems = figure_problems(source, digest)
    assert len(problems) == 1 and "setup cell" in problems[0], f"a stale hash should be reported: {problems}"

    write(digest)
    (module / "data" / "article_figures.csv").unlink()
    shutil.copy(CSV_PATH, module / "data" / "article_figures.csv")
    problems = figure_problems(source, digest)
    assert len(problems) == 1 and "must be a symlink" in problems[0], f"a copied file should be reported: {problems}"


# (d) every claim is the article's exact words -----------------------------------------------------------------

@pytest.mark.skipif(
    not ARTICLES.is_dir(),
    reason=f"the articles are not here ({ARTICLES}); set COURSE_ARTICLES to the folder of the ten article .txt files "
           "to check every claim against its article",
)
def test_every_claim_is_quoted_from_its_article_at_its_line():
    problems = []
    texts: dict[str, list[str]] = {}
    for row in rows():
        article = ARTICLES / f"{row['article']}.txt"
        if not article.is_file():
            problems.append(f"{row['key']}: no article file {article}")
            continue
        lines = texts.setdefault(row["article"], article.read_text(encoding="utf-8").splitlines())
        line = int(row["line"])
        if line > len(lines):
            problems.append(f"{row['key']}: line {line} is past the end of {article.name} ({len(lines)} lines)")
            continue
        window = normalise(" ".join(lines[line - 1:line + 1]))
        if normalise(row["claim"]) not in window:
            problems.append(f"{row['key']}: the claim {row['claim']!r} is not on line {line} (or {line}-{line + 1}) "
                            f"of {article.name}")
    assert not problems, "claims that are not the article's words:\n" + "\n".join(problems)

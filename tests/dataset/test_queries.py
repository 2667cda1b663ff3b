"""Queries that needed loops: disputes, sources, and the disputed and years filters.

Every expectation is read from the data files or the verified fixtures, never written by hand.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import phare
from phare.dataset import DISPUTE_COLUMNS, SOURCE_COLUMNS
from phare.frame import COLUMNS
from support.datacopy import DATA, copy_data, read_table, write_table
from support.verified import FIGURES, STUDIES

DISPUTE_ROWS = read_table(DATA, "disputes.csv")[1]
SOURCE_ROWS = read_table(DATA, "sources.csv")[1]
FIGURE_ROWS = read_table(DATA, "figures.csv")[1]
#: The figures disputes.csv files a dispute against.
DISPUTED_IDS = {row["subject"] for row in DISPUTE_ROWS if row["subject_kind"] == "figure"}
YEARS = sorted({row.reference_year for row in FIGURES})


def _ids(figures: tuple[phare.Figure, ...]) -> list[str]:
    return [f.id for f in figures]


# --- disputes ------------------------------------------------------------------------------


def test_disputes_lists_every_row_of_the_disputes_file() -> None:
    table = phare.disputes()
    assert tuple(table.columns) == DISPUTE_COLUMNS
    got = Counter(
        (r.subject_kind, r.subject_id, r.field, r.kept, r.other, r.source, r.note)
        for r in table.itertuples(index=False)
    )
    expected = Counter(
        (r["subject_kind"], r["subject"], r["field"], r["kept"], r["other"], r["source"], r["note"])
        for r in DISPUTE_ROWS
    )
    assert got == expected


def test_a_dispute_s_other_value_is_its_number_or_missing() -> None:
    table = phare.disputes()
    by_row = Counter(
        (r.subject_id, r.other, None if pd.isna(r.other_value) else r.other_value)
        for r in table.itertuples(index=False)
    )
    assert by_row == Counter(
        (r["subject"], r["other"], float(r["other_value"]) if r["other_value"] else None)
        for r in DISPUTE_ROWS
    )


def test_every_disputed_source_is_a_source_of_the_dataset() -> None:
    assert set(phare.disputes()["source"]) <= set(phare.sources()["id"])


def test_disputes_is_a_fresh_table_each_time() -> None:
    first = phare.disputes()
    first.loc[0, "kept"] = "changed"
    assert phare.disputes().loc[0, "kept"] != "changed"


# --- disputed= -----------------------------------------------------------------------------


def test_disputed_true_keeps_the_figures_of_the_disputes_file() -> None:
    disputed = phare.figures(disputed=True)
    assert set(_ids(disputed)) == DISPUTED_IDS
    assert all(f.disputed for f in disputed)


def test_disputed_false_keeps_the_others_in_table_order() -> None:
    undisputed = phare.figures(disputed=False)
    assert _ids(undisputed) == [r["id"] for r in FIGURE_ROWS if r["id"] not in DISPUTED_IDS]


def test_disputed_combines_with_the_other_filters_and_to_frame() -> None:
    region = next(f.region for f in phare.figures(disputed=True))
    expected = [f.id for f in phare.figures(region=region.slug) if f.disputed]
    assert _ids(phare.figures(region=region.slug, disputed=True)) == expected
    df = phare.to_frame(region=region.slug, disputed=True)
    assert df["id"].tolist() == expected
    assert bool(df["disputed"].all())


@pytest.mark.parametrize("bad", ["yes", 1, 0, "True"])
def test_disputed_takes_a_bool_only(bad: object) -> None:
    with pytest.raises(TypeError, match="disputed must be True, False or None"):
        phare.figures(disputed=bad)  # type: ignore[arg-type]


# --- years= --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (YEARS[0], YEARS[-1]),
        (YEARS[1], YEARS[-2]),
        (YEARS[len(YEARS) // 2], YEARS[len(YEARS) // 2]),
        (YEARS[1], None),
        (None, YEARS[-2]),
        (None, None),
    ],
)
def test_years_keeps_the_reference_years_of_the_range(first: int | None, last: int | None) -> None:
    def inside(year: int) -> bool:
        return (first is None or year >= first) and (last is None or year <= last)

    expected = [row.fact_id for row in FIGURES if inside(row.reference_year)]
    assert sorted(_ids(phare.figures(years=(first, last)))) == sorted(expected)
    assert sorted(phare.to_frame(years=[first, last])["id"]) == sorted(expected)


def test_a_range_without_figures_is_empty_not_an_error() -> None:
    assert phare.figures(years=(YEARS[0] - 10, YEARS[0] - 1)) == ()
    assert phare.to_frame(years=(YEARS[-1] + 1, None)).empty


@pytest.mark.parametrize(
    "bad",
    [2016, "2015-2021", (2015,), (2015, 2016, 2017), ("2015", 2021), (2015.0, 2021), (True, 2021)],
)
def test_years_must_be_a_pair_of_int(bad: object) -> None:
    with pytest.raises(TypeError, match=r"years must be a pair \(first, last\)"):
        phare.figures(years=bad)  # type: ignore[arg-type]


def test_years_takes_numpy_integers_as_pandas_gives_them() -> None:
    years = phare.to_frame()["reference_year"]
    first, last = years.min(), years.max()
    assert type(first) is not int
    assert len(phare.figures(years=(first, last))) == len(FIGURES)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(phare.PhareError, match="ends before it starts"):
        phare.to_frame(years=(YEARS[-1], YEARS[0]))


# --- programme= ----------------------------------------------------------------------------


@pytest.mark.parametrize("programme", sorted({study.programme for study in STUDIES}))
def test_the_programme_filter_of_to_frame(programme: str) -> None:
    of_programme = {study.study_id for study in STUDIES if study.programme == programme}
    expected = sorted(row.fact_id for row in FIGURES if row.study_id in of_programme)
    df = phare.to_frame(programme=programme.lower())
    assert sorted(df["id"]) == expected
    assert set(df["programme"]) <= {programme}


# --- sources -------------------------------------------------------------------------------


def test_sources_lists_every_source_with_its_figures() -> None:
    table = phare.sources()
    assert tuple(table.columns) == SOURCE_COLUMNS
    assert table["id"].tolist() == [row["id"] for row in SOURCE_ROWS]
    assert table["publisher"].tolist() == [row["publisher"] for row in SOURCE_ROWS]
    assert table["title"].tolist() == [row["title"] for row in SOURCE_ROWS]
    cited = Counter(row["source"] for row in FIGURE_ROWS)
    assert table["figures"].tolist() == [cited[row["id"]] for row in SOURCE_ROWS]
    assert str(table["figures"].dtype) == "int64"


def test_a_source_without_an_address_has_no_url() -> None:
    table = phare.sources()
    seeds = table["id"].str.startswith("seed:")
    assert bool(table.loc[seeds, "url"].isna().all())
    assert table.loc[~seeds, "url"].tolist() == table.loc[~seeds, "id"].tolist()


def test_the_figure_table_keeps_its_columns() -> None:
    assert tuple(phare.to_frame(disputed=True, years=(None, None)).columns) == COLUMNS


def test_a_loaded_copy_answers_with_its_own_disputes_and_sources(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    header, rows = read_table(folder, "disputes.csv")
    # Drop a dispute whose source something else cites, so that every source stays cited.
    elsewhere = Counter(row["source"] for row in rows) + Counter(r["source"] for r in FIGURE_ROWS)
    drop = next(i for i, row in enumerate(rows) if elsewhere[row["source"]] > 1)
    write_table(folder, "disputes.csv", header, rows[:drop] + rows[drop + 1 :])
    mine = phare.load(folder)
    assert len(mine.disputes()) == len(rows) - 1
    assert len(phare.disputes()) == len(rows)
    assert mine.sources()["id"].tolist() == phare.sources()["id"].tolist()


def test_the_new_queries_are_public_and_answer_from_their_dataset() -> None:
    for name in ("disputes", "sources"):
        assert name in phare.__all__
        assert getattr(phare, name).__self__ is phare.dataset.BUNDLED
        assert getattr(phare.Dataset(), name)().equals(getattr(phare, name)())

"""``phare.to_frame()``: one tidy row per figure, equal to the verified facts, a fresh copy each call."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import pytest

import phare
from support.verified import EMPTY_REGION, FIGURES, STUDIES, VerifiedFigure, url_and_document

#: The columns issue 2 asks for, at the least (the frame may hold more).
REQUIRED = [
    "region", "actor", "segment", "indicator", "theme", "value", "unit", "share", "qualifier",
    "reference_year", "study", "programme", "confidence", "source_url", "note",
]  # fmt: skip
CATEGORICAL = ["region", "actor", "segment", "indicator", "theme", "unit", "qualifier", "programme"]
PROGRAMME = {study.study_id: study.programme for study in STUDIES}


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return phare.to_frame()


def _by_id(frame: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {str(row["id"]): row for row in frame.to_dict("records")}


def test_one_row_per_figure(frame: pd.DataFrame) -> None:
    assert len(frame) == len(FIGURES)
    assert list(frame["id"]) == [row.fact_id for row in FIGURES]
    assert frame["id"].is_unique


def test_required_columns(frame: pd.DataFrame) -> None:
    missing = [column for column in REQUIRED if column not in frame.columns]
    assert missing == []


def test_dtypes(frame: pd.DataFrame) -> None:
    for column in CATEGORICAL:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), column
    confidence = frame["confidence"].dtype
    assert isinstance(confidence, pd.CategoricalDtype)
    assert confidence.ordered
    assert list(confidence.categories) == ["A", "B", "C"]
    assert frame["value"].dtype == "float64"
    assert frame["share"].dtype == "float64"
    assert frame["reference_year"].dtype == "int64"


def test_values_equal_the_verified_facts(frame: pd.DataFrame) -> None:
    rows = _by_id(frame)
    for expected in FIGURES:
        row = rows[expected.fact_id]
        url, _ = url_and_document(expected.source)
        found = {
            "region": row["region"],
            "actor": row["actor"],
            "segment": row["segment"],
            "indicator": row["indicator"],
            "theme": None if pd.isna(row["theme"]) else row["theme"],
            "value": row["value"],
            "unit": row["unit"],
            "qualifier": row["qualifier"],
            "reference_year": row["reference_year"],
            "study": row["study"],
            "programme": row["programme"],
            "confidence": row["confidence"],
            "source_url": None if pd.isna(row["source_url"]) else row["source_url"],
            "note": row["note"],
        }
        assert found == {
            "region": expected.region,
            "actor": expected.actor,
            "segment": expected.segment,
            "indicator": expected.indicator,
            "theme": expected.theme,
            "value": expected.value,
            "unit": expected.unit,
            "qualifier": expected.qualifier,
            "reference_year": expected.reference_year,
            "study": expected.study_id,
            "programme": PROGRAMME[expected.study_id],
            "confidence": expected.confidence,
            "source_url": url,
            "note": expected.note,
        }, expected.fact_id


def test_share_is_empty_unless_percent(frame: pd.DataFrame) -> None:
    rows = _by_id(frame)
    for expected in FIGURES:
        share = rows[expected.fact_id]["share"]
        assert isinstance(share, float)
        if expected.is_percent:
            assert share == expected.value / 100, expected.fact_id
        else:
            assert math.isnan(share), expected.fact_id
    assert frame["share"].isna().sum() == sum(not row.is_percent for row in FIGURES)


def test_seed_figures_have_no_url_but_a_named_source(frame: pd.DataFrame) -> None:
    seed = frame[frame["source_url"].isna()]
    assert set(seed["id"]) == {row.fact_id for row in FIGURES if row.source.startswith("seed:")}
    assert seed["source"].str.contains("Press release", case=False).all()


Keep = Callable[[VerifiedFigure], bool]
FILTERS: list[tuple[dict[str, str], Keep]] = [
    ({"region": "FR-NAQ"}, lambda row: row.region == "nouvelle-aquitaine"),
    ({"region": "france"}, lambda row: row.region == "france"),
    ({"actor": "entreprises"}, lambda row: row.actor == "companies"),
    ({"indicator": "partnering"}, lambda row: row.indicator == "partnering"),
    ({"theme": "emploi"}, lambda row: row.theme == "employment"),
    ({"segment": "employer"}, lambda row: row.segment == "employer"),
    ({"study": "impact-2018-2022"}, lambda row: row.study_id == "impact-2018-2022"),
    ({"min_confidence": "A"}, lambda row: row.confidence == "A"),
    ({"min_confidence": "B"}, lambda row: row.confidence in "AB"),
    ({"programme": "arpea"}, lambda row: PROGRAMME[row.study_id] == "ARPEA"),
    (
        {"region": "nouvelle-aquitaine", "actor": "associations", "min_confidence": "A"},
        lambda row: (
            (row.region, row.actor, row.confidence) == ("nouvelle-aquitaine", "associations", "A")
        ),
    ),
    ({"region": EMPTY_REGION.slug}, lambda row: False),
]


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        pytest.param(filters, keep, id=",".join(f"{k}={v}" for k, v in filters.items()))
        for filters, keep in FILTERS
    ],
)
def test_filters(filters: dict[str, str], keep: Keep) -> None:
    frame = phare.to_frame(**filters)
    expected = [row.fact_id for row in FIGURES if keep(row)]
    assert list(frame["id"]) == expected
    assert list(frame.columns) == list(phare.to_frame().columns)


def test_empty_selection_keeps_columns_and_dtypes() -> None:
    empty = phare.to_frame(region="la-reunion")
    assert empty.empty
    assert all(column in empty.columns for column in REQUIRED)
    assert isinstance(empty["region"].dtype, pd.CategoricalDtype)


def test_region_to_frame_matches_the_filter() -> None:
    naq = phare.region("nouvelle-aquitaine").to_frame()
    pd.testing.assert_frame_equal(naq, phare.to_frame(region="nouvelle-aquitaine"))


def test_each_call_is_a_fresh_copy() -> None:
    first = phare.to_frame()
    first.loc[0, "value"] = -1.0
    first["note"] = "changed"
    del first["share"]
    first["region"] = first["region"].cat.add_categories(["atlantis"])
    second = phare.to_frame()
    assert second.loc[0, "value"] == FIGURES[0].value
    assert second.loc[0, "note"] == FIGURES[0].note
    assert "share" in second.columns
    assert "atlantis" not in second["region"].cat.categories
    assert second is not first


def test_mutating_a_region_frame_does_not_touch_the_records() -> None:
    frame = phare.region("nouvelle-aquitaine").to_frame()
    frame["value"] = 0.0
    assert phare.region("nouvelle-aquitaine").share("companies", "partnering") == 0.45
    expected = [row.value for row in FIGURES if row.region == "nouvelle-aquitaine"]
    assert list(phare.region("nouvelle-aquitaine").to_frame()["value"]) == expected


def test_filters_reject_wrong_names_like_figures() -> None:
    with pytest.raises(phare.UnknownRegionError, match="did you mean 'bretagne'"):
        phare.to_frame(region="bretange")
    with pytest.raises(TypeError):
        phare.to_frame(region=75)  # type: ignore[arg-type]

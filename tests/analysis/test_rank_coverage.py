"""phare.rank across regions, phare.coverage and Region.coverage, checked against the facts."""

from __future__ import annotations

import math

import pytest

import phare
from support.expected_analysis import (
    ACTORS,
    GRADES_KEPT,
    counts_by_actor,
    counts_by_indicator,
    latest_per_region,
    national_counterpart,
    programme,
    regional_cells,
)
from support.verified import EMPTY_REGION, FIGURES, REGIONS, figures_of

RANK_COLUMNS = [
    "rank",
    "region",
    "region_name",
    "value",
    "unit",
    "share",
    "national_value",
    "national_study",
    "national_confidence",
    "difference",
    "reference_year",
    "study",
    "programme",
    "confidence",
    "source_url",
]
REGION_NAMES = {r.slug: r.name for r in REGIONS}


def test_rank_companies_partnering() -> None:
    df = phare.rank("companies", "partnering")
    assert list(df.columns) == RANK_COLUMNS
    regional = [
        row
        for row in FIGURES
        if row.region != "france"
        and (row.actor, row.indicator, row.segment) == ("companies", "partnering", "all")
    ]
    assert df["region"].tolist() == [row.region for row in sorted(regional, key=lambda r: -r.value)]
    assert df["rank"].tolist() == list(range(1, len(regional) + 1))
    rows = df.set_index("region")[["region_name", "value", "share", "difference", "national_value"]]
    assert rows.loc["nouvelle-aquitaine"].tolist() == ["Nouvelle-Aquitaine", 45.0, 0.45, 8.0, 37.0]
    assert rows.loc["pays-de-la-loire"].tolist() == ["Pays de la Loire", 43.0, 0.43, 6.0, 37.0]


def test_rank_sets_each_region_against_france_of_its_own_programme() -> None:
    df = phare.rank("citizens", "alliances-innovation")
    got = df[["region", "value", "programme", "national_value", "difference"]].values.tolist()
    assert got == [
        ["occitanie", 82.0, "IMPACT", 74.0, 8.0],
        ["bourgogne-franche-comte", 75.0, "PHARE", 69.0, 6.0],
        ["nouvelle-aquitaine", 67.0, "PHARE", 69.0, -2.0],
        ["pays-de-la-loire", 65.0, "PHARE", 69.0, -4.0],
    ]


def test_rank_programme_filter_drops_other_programmes() -> None:
    df = phare.rank("citizens", "alliances-innovation", programme="phare")
    assert "occitanie" not in df["region"].tolist()
    assert df["rank"].tolist() == [1, 2, 3]


def test_rank_min_confidence_filter() -> None:
    # Pays de la Loire's figures are grade B; the others are A.
    df = phare.rank("companies", "alliances-innovation", min_confidence="A")
    assert df["region"].tolist() == ["bourgogne-franche-comte", "nouvelle-aquitaine"]


def test_rank_without_national_counterpart_leaves_difference_missing() -> None:
    df = phare.rank("associations", "wishing-to-partner")
    assert df["region"].tolist() == ["nouvelle-aquitaine"]
    assert math.isnan(df["difference"].iloc[0])
    assert math.isnan(df["national_value"].iloc[0])
    assert df["share"].tolist() == [0.29]


def test_rank_of_a_score_has_no_share() -> None:
    df = phare.rank("companies", "fragility-score", theme="poverty-exclusion")
    assert df[["region", "value", "difference"]].values.tolist() == [
        ["nouvelle-aquitaine", 6.0, 0.5]
    ]
    assert str(df["share"].dtype) == "float64"
    assert df["share"].isna().all()


@pytest.mark.parametrize(
    "cell", regional_cells(), ids=["-".join(p for p in cell if p) for cell in regional_cells()]
)
def test_rank_of_every_regional_cell_matches_the_facts(
    cell: tuple[str, str, str | None, str],
) -> None:
    actor, indicator, theme, segment = cell
    latest = latest_per_region(actor, indicator, theme, segment)
    expected = sorted(latest.values(), key=lambda f: (-f.value, f.region))
    df = phare.rank(actor, indicator, theme=theme, segment=segment)
    assert df["region"].tolist() == [f.region for f in expected]
    assert df["region_name"].tolist() == [REGION_NAMES[f.region] for f in expected]
    assert df["value"].tolist() == [f.value for f in expected]
    assert df["study"].tolist() == [f.study_id for f in expected]
    assert df["programme"].tolist() == [programme(f) for f in expected]
    for f, difference in zip(expected, df["difference"], strict=True):
        national = national_counterpart(f)
        if national is None:
            assert math.isnan(difference)
        else:
            assert difference == pytest.approx(f.value - national.value)
    values = df["value"].tolist()
    assert values == sorted(values, reverse=True)


CELLS_AND_GRADES = [(cell, grade) for cell in regional_cells() for grade in GRADES_KEPT]


@pytest.mark.parametrize(
    ("cell", "grade"),
    CELLS_AND_GRADES,
    ids=[f"{'-'.join(p for p in cell if p)}-{grade}" for cell, grade in CELLS_AND_GRADES],
)
def test_min_confidence_applies_to_france_s_figure_too(
    cell: tuple[str, str, str | None, str], grade: str | None
) -> None:
    actor, indicator, theme, segment = cell
    latest = latest_per_region(actor, indicator, theme, segment, min_confidence=grade)
    if not latest:
        with pytest.raises(phare.FigureNotFoundError):
            phare.rank(actor, indicator, theme=theme, segment=segment, min_confidence=grade)
        return
    df = phare.rank(actor, indicator, theme=theme, segment=segment, min_confidence=grade)
    expected = sorted(latest.values(), key=lambda f: (-f.value, f.region))
    assert df["region"].tolist() == [f.region for f in expected]
    kept = GRADES_KEPT[grade]
    assert set(df["confidence"]) <= set(kept)
    for f, (_, row) in zip(expected, df.iterrows(), strict=True):
        national = national_counterpart(f, min_confidence=grade)
        if national is None:
            assert row[["national_study", "national_confidence"]].isna().all()
            assert math.isnan(row["national_value"])
            assert math.isnan(row["difference"])
        else:
            assert row["national_study"] == national.study_id
            assert row["national_confidence"] == national.confidence in kept
            assert row["national_value"] == national.value


def test_a_grade_a_ranking_is_not_set_against_a_grade_b_france() -> None:
    # the associations' PHARE answer in France (2015) is relayed by a third party: grade B
    everyone = phare.rank("associations", "alliances-innovation")
    naq = everyone[everyone["region"] == "nouvelle-aquitaine"].iloc[0]
    assert (naq["national_study"], naq["national_confidence"]) == ("phare-associations-2015", "B")
    sure = phare.rank("associations", "alliances-innovation", min_confidence="A")
    naq = sure[sure["region"] == "nouvelle-aquitaine"].iloc[0]
    assert naq["confidence"] == "A"
    assert naq[["national_value", "national_study", "difference"]].isna().all()
    assert set(sure["national_confidence"].dropna()) <= {"A"}


NOT_TEXT = [None, 1, b"companies", ["companies"]]


@pytest.mark.parametrize("bad", NOT_TEXT, ids=repr)
@pytest.mark.parametrize("argument", ["actor", "indicator", "segment"])
def test_none_is_not_any_actor_indicator_or_segment(argument: str, bad: object) -> None:
    given = {"actor": "companies", "indicator": "partnering", "segment": "all", argument: bad}
    with pytest.raises(TypeError, match=f"{argument} must be a str"):
        phare.rank(given["actor"], given["indicator"], segment=given["segment"])  # type: ignore[arg-type]


def test_rank_reads_a_str_subclass_as_plain_text() -> None:
    class Sly(str):
        def __hash__(self) -> int:
            raise RuntimeError("__hash__ ran")

        def __eq__(self, other: object) -> bool:
            raise RuntimeError("__eq__ ran")

    df = phare.rank(Sly("companies"), Sly("partnering"), segment=Sly("all"))
    assert df["region"].tolist() == phare.rank("companies", "partnering")["region"].tolist()
    themed = phare.rank(
        "companies",
        "fragility-score",
        theme=Sly("poverty-exclusion"),
        programme=Sly("PHARE"),
        min_confidence=Sly("c"),
    )
    assert themed.equals(
        phare.rank(
            "companies",
            "fragility-score",
            theme="poverty-exclusion",
            programme="PHARE",
            min_confidence="C",
        )
    )


def test_rank_errors() -> None:
    with pytest.raises(
        phare.FigureNotFoundError, match="name a theme published in the regions: employment"
    ):
        phare.rank("companies", "fragility-score")
    with pytest.raises(phare.FigureNotFoundError, match="no region has a figure for mayors"):
        phare.rank("mayors", "alliances-innovation")
    with pytest.raises(phare.UnknownIndicatorError, match="did you mean 'partnering'"):
        phare.rank("companies", "partnerng")
    with pytest.raises(TypeError):
        phare.rank("companies", 1)  # type: ignore[arg-type]


def test_rank_frame_is_a_fresh_copy() -> None:
    first = phare.rank("companies", "partnering")
    values = first["value"].tolist()
    first.loc[0, "value"] = -1.0
    assert phare.rank("companies", "partnering")["value"].tolist() == values


# --- coverage ------------------------------------------------------------------------------


def test_coverage_has_one_row_per_region_france_first() -> None:
    cov = phare.coverage()
    assert list(cov.columns) == [
        "region",
        "region_name",
        *ACTORS,
        "total",
        "reports_without_figures",
    ]
    assert cov["region"].tolist() == [r.slug for r in REGIONS]
    assert cov["region"].iloc[0] == "france"
    assert int(cov["total"].sum()) == len(FIGURES)


@pytest.mark.parametrize("slug", [r.slug for r in REGIONS])
def test_coverage_counts_every_region_by_actor(slug: str) -> None:
    cov = phare.coverage().set_index("region")
    expected = counts_by_actor(slug)
    for actor in ACTORS:
        assert cov.loc[slug, actor] == expected[actor], actor
    assert cov.loc[slug, "total"] == sum(expected.values())


def test_coverage_shows_the_gaps() -> None:
    cov = phare.coverage().set_index("region")
    assert cov.loc["nouvelle-aquitaine", "total"] == len(figures_of("nouvelle-aquitaine"))
    assert cov.loc[EMPTY_REGION.slug, "total"] == 0
    assert cov.loc["la-reunion", "total"] == 0
    assert cov.loc["france", "mayors"] == sum(row.actor == "mayors" for row in figures_of("france"))


@pytest.mark.parametrize("slug", [r.slug for r in REGIONS])
def test_region_coverage_counts_by_indicator(slug: str) -> None:
    cov = phare.region(slug).coverage()
    assert list(cov.columns) == ["indicator", "label", *ACTORS, "total"]
    expected = counts_by_indicator(slug)
    assert sorted(cov["indicator"]) == sorted(expected)
    for row in cov.itertuples(index=False):
        counts = expected[row.indicator]
        assert [getattr(row, actor) for actor in ACTORS] == [counts[a] for a in ACTORS]
        assert row.total == sum(counts.values())


def test_region_coverage_of_nouvelle_aquitaine() -> None:
    cov = phare.region("nouvelle-aquitaine").coverage().set_index("indicator")
    assert cov.loc["priority-fragility", ["citizens", "companies", "associations"]].tolist() == [
        1,
        1,
        1,
    ]
    assert cov.loc["fragility-score", "companies"] == 4
    assert cov.loc["partnering", "label"] == "Already partnering"


def test_region_coverage_of_a_region_without_figures_is_empty() -> None:
    cov = phare.region(EMPTY_REGION.slug).coverage()
    assert len(cov) == 0
    assert list(cov.columns) == ["indicator", "label", *ACTORS, "total"]

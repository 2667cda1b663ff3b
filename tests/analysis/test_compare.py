"""Region.compare against France for the same programme, and Region.series over the years."""

from __future__ import annotations

import attrs
import pytest

import phare
from support.expected_analysis import (
    national_counterpart,
    programme,
    recency,
    regional_rows,
    same_cell,
)
from support.verified import EMPTY_REGION, FIGURES, VerifiedFigure

REGIONAL = regional_rows()


def _compare(row: VerifiedFigure) -> phare.Comparison:
    return phare.region(row.region).compare(row.actor, row.indicator, **row.selection)


def test_nouvelle_aquitaine_companies_partnering_is_8_points_above_france() -> None:
    c = phare.region("nouvelle-aquitaine").compare("companies", "partnering")
    assert (c.region.value, c.national.value, c.difference) == (45.0, 37.0, 8.0)
    assert c.region.region.slug == "nouvelle-aquitaine"
    assert c.national.region.slug == "france"
    assert c.national.study.id == "phare-entreprises-2015"
    assert (c.programme, c.unit) == ("PHARE", "percent")


def test_phare_regional_figure_is_never_set_against_arpea() -> None:
    # France has companies partnering in ARPEA (21 %, 2010) and PHARE (37 %, 2015).
    c = phare.region("pays-de-la-loire").compare("companies", "partnering")
    assert (c.national.value, c.national.programme, c.difference) == (37.0, "PHARE", 6.0)


def test_impact_regional_figure_is_set_against_impact_national() -> None:
    # Occitanie's 82 % is IMPACT; France has 69 % (PHARE) and 74 % (IMPACT) for citizens.
    c = phare.region("occitanie").compare("citizens", "alliances-innovation")
    assert (c.national.value, c.national.programme, c.national.study.id) == (
        74.0,
        "IMPACT",
        "impact-2018-2022",
    )
    assert c.difference == 8.0


def test_score_difference_is_in_points_of_the_10_point_scale() -> None:
    c = phare.region("nouvelle-aquitaine").compare(
        "companies", "fragility-score", theme="poverty-exclusion"
    )
    assert (c.region.value, c.national.value, c.difference, c.unit) == (6.0, 5.5, 0.5, "score-10")


@pytest.mark.parametrize("row", REGIONAL, ids=[row.fact_id for row in REGIONAL])
def test_every_regional_figure_meets_its_national_counterpart_or_a_clear_error(
    row: VerifiedFigure,
) -> None:
    expected = national_counterpart(row)
    if expected is None:
        with pytest.raises(phare.FigureNotFoundError, match=f"no national {programme(row)}"):
            _compare(row)
        return
    c = _compare(row)
    assert c.region.id == row.fact_id
    assert c.national.id == expected.fact_id
    assert c.national.value == expected.value
    assert c.difference == pytest.approx(row.value - expected.value)
    assert c.national.programme == c.region.programme == programme(row)


def test_no_counterpart_error_says_france_has_none() -> None:
    naq = phare.region("nouvelle-aquitaine")
    with pytest.raises(phare.FigureNotFoundError) as info:
        naq.compare("associations", "wishing-to-partner")
    message = str(info.value)
    assert "no national PHARE figure" in message
    assert "France has none" in message
    assert isinstance(info.value, LookupError)


def test_compare_names_the_study_it_was_asked_for() -> None:
    c = phare.region("nouvelle-aquitaine").compare(
        "companies", "partnering", study="phare-nouvelle-aquitaine-2016"
    )
    assert c.region.study.id == "phare-nouvelle-aquitaine-2016"


def test_compare_bad_input_raises_the_family() -> None:
    naq = phare.region("nouvelle-aquitaine")
    with pytest.raises(phare.UnknownActorError):
        naq.compare("companys", "partnering")
    with pytest.raises(phare.FigureNotFoundError):
        naq.compare("companies", "fragility-score")  # theme left out
    with pytest.raises(TypeError):
        naq.compare("companies", 3)  # type: ignore[arg-type]


def test_comparison_is_frozen_and_reads_briefly() -> None:
    c = phare.region("nouvelle-aquitaine").compare("companies", "partnering")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.region = c.national  # type: ignore[misc]
    assert repr(c) == (
        "<Comparison nouvelle-aquitaine companies partnering: 45 % against France 37 % "
        "(PHARE), +8 points>"
    )


@pytest.mark.parametrize(
    ("region", "actor", "indicator", "theme", "reads"),
    [
        # below France: the minus sign alone, no "+"
        ("nouvelle-aquitaine", "associations", "partnering", None, "26 % against France 38 % "
         "(PHARE), -12 points"),
        # above France by less than one: still "+"
        ("nouvelle-aquitaine", "companies", "fragility-score", "poverty-exclusion", "6/10 against "
         "France 5.5/10 (PHARE), +0.5 on 10"),
    ],
)  # fmt: skip
def test_a_difference_carries_its_own_sign(
    region: str, actor: str, indicator: str, theme: str | None, reads: str
) -> None:
    c = phare.region(region).compare(actor, indicator, theme=theme)
    assert repr(c).endswith(f": {reads}>")


# --- series --------------------------------------------------------------------------------


def test_france_companies_partnering_21_then_37_then_57() -> None:
    series = phare.national().series("companies", "partnering")
    assert [(f.reference_year, f.value, f.programme) for f in series] == [
        (2010, 21.0, "ARPEA"),
        (2015, 37.0, "PHARE"),
        (2021, 57.0, "IMPACT"),
    ]
    assert isinstance(series, phare.Figures)


def test_series_never_mixes_segments() -> None:
    series = phare.national().series("companies", "partnering")
    assert {f.segment.id for f in series} == {"all"}
    large = phare.national().series("companies", "partnering", segment="1000-plus")
    assert [f.value for f in large] == [49.0]
    employer = phare.national().series("associations", "partnering", segment="employer")
    assert [(f.reference_year, f.value) for f in employer] == [(2009, 46.0), (2015, 53.0)]


def test_series_never_mixes_themes_or_indicators() -> None:
    series = phare.national().series("citizens", "fragility-score", theme="employment")
    assert [(f.indicator.id, f.theme.id if f.theme else None) for f in series] == [
        ("fragility-score", "employment"),
        ("fragility-score", "employment"),
    ]
    assert [f.reference_year for f in series] == [2015, 2019]


def _cells() -> list[VerifiedFigure]:
    seen: dict[tuple[str, str, str, str | None, str], VerifiedFigure] = {}
    for f in FIGURES:
        seen.setdefault((f.region, f.actor, f.indicator, f.theme, f.segment), f)
    return list(seen.values())


@pytest.mark.parametrize("row", _cells(), ids=[row.fact_id for row in _cells()])
def test_every_series_holds_its_cell_oldest_first(row: VerifiedFigure) -> None:
    expected = sorted(
        (f for f in FIGURES if f.region == row.region and same_cell(f, row)), key=recency
    )
    selection = {"segment": row.segment, **({"theme": row.theme} if row.theme else {})}
    series = phare.region(row.region).series(row.actor, row.indicator, **selection)
    assert [f.id for f in series] == [f.fact_id for f in expected]
    assert [f.value for f in series] == [f.value for f in expected]


def test_series_without_figures_raises_figure_not_found() -> None:
    with pytest.raises(
        phare.FigureNotFoundError, match=f"{EMPTY_REGION.name} has no published figure"
    ):
        phare.region(EMPTY_REGION.slug).series("companies", "partnering")


@pytest.mark.parametrize("study", [None, "arpea-entreprises-territoires-2011"])
def test_france_is_the_reference_not_a_region_to_compare(study: str | None) -> None:
    with pytest.raises(phare.PhareError, match="France is the reference every region"):
        phare.national().compare("companies", "partnering", study=study)

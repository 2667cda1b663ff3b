"""Every bundled figure pinned against the verified facts, reached through the public API.

Each parametrised test runs once per row of ``fixtures/verified_figures.csv`` and is named by the
row's ``fact_id``. Expected values come from that independent copy, never from the package's data.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

import phare
from support.verified import FIGURES, STUDIES, VerifiedFigure, url_and_document

PUBLISHED = {study.study_id: study.published or "" for study in STUDIES}
PROGRAMME = {study.study_id: study.programme for study in STUDIES}
DISPUTED = [row for row in FIGURES if row.disputed]

CellKey = tuple[str, str, str, str, str | None]


def _cell(row: VerifiedFigure) -> CellKey:
    return (row.region, row.actor, row.segment, row.indicator, row.theme)


def _cells() -> dict[CellKey, list[VerifiedFigure]]:
    """The verified figures grouped by what they measure, whatever the study."""
    cells: dict[CellKey, list[VerifiedFigure]] = defaultdict(list)
    for row in FIGURES:
        cells[_cell(row)].append(row)
    return dict(cells)


CELLS = _cells()
CELL_IDS = ["/".join(part or "-" for part in key) for key in CELLS]


def _recency(row: VerifiedFigure) -> tuple[int, str]:
    """DESIGN.md's default: the latest reference year, ties broken by the latest study."""
    return (row.reference_year, PUBLISHED[row.study_id])


def _figure(row: VerifiedFigure) -> phare.Figure:
    return phare.region(row.region).figure(row.actor, row.indicator, **row.selection)


# --- one fact at a time -------------------------------------------------------------------------


def test_figure_is_found_by_its_keys(verified_figure: VerifiedFigure) -> None:
    row = verified_figure
    figure = _figure(row)
    assert figure.id == row.fact_id
    selected = phare.figures(
        region=row.region,
        actor=row.actor,
        indicator=row.indicator,
        theme=row.theme,
        segment=row.segment,
        study=row.study_id,
    )
    assert selected == (figure,)


def test_value_is_as_published(verified_figure: VerifiedFigure) -> None:
    row = verified_figure
    region = phare.region(row.region)
    assert _figure(row).value == row.value
    assert region.value(row.actor, row.indicator, **row.selection) == row.value


def test_share_is_the_percent_as_a_fraction_or_refused(verified_figure: VerifiedFigure) -> None:
    row = verified_figure
    region = phare.region(row.region)
    if row.is_percent:
        share = region.share(row.actor, row.indicator, **row.selection)
        assert share == row.value / 100
        assert _figure(row).share == row.value / 100
        assert 0 <= share <= 1
    else:
        assert _figure(row).share is None
        with pytest.raises(phare.NotAPercentError, match=r"use value\(\)"):
            region.share(row.actor, row.indicator, **row.selection)


def test_unit_qualifier_year_and_confidence(verified_figure: VerifiedFigure) -> None:
    row = verified_figure
    figure = _figure(row)
    assert (figure.unit, figure.qualifier, figure.reference_year, figure.confidence) == (
        row.unit,
        row.qualifier,
        row.reference_year,
        row.confidence,
    )
    assert figure.indicator.unit == row.unit


def test_what_was_measured(verified_figure: VerifiedFigure) -> None:
    row = verified_figure
    figure = _figure(row)
    assert figure.region is phare.region(row.region)
    assert figure.region.slug == row.region
    assert figure.actor.id == row.actor
    assert figure.segment.id == row.segment
    assert figure.indicator.id == row.indicator
    assert (figure.theme.id if figure.theme is not None else None) == row.theme


def test_study_and_programme(verified_figure: VerifiedFigure) -> None:
    row = verified_figure
    figure = _figure(row)
    assert figure.study is phare.study(row.study_id)
    assert figure.study.id == row.study_id
    assert figure.programme == PROGRAMME[row.study_id]


def test_source(verified_figure: VerifiedFigure) -> None:
    row = verified_figure
    url, document = url_and_document(row.source)
    source = _figure(row).source
    assert (source.url, source.document) == (url, document)
    assert source.publisher
    if url is not None:
        assert source.location == url
    else:
        assert "press release" in source.location.lower()


def test_note(verified_figure: VerifiedFigure) -> None:
    assert _figure(verified_figure).note == verified_figure.note


def test_disputes_only_where_the_note_says_disputed(verified_figure: VerifiedFigure) -> None:
    figure = _figure(verified_figure)
    assert figure.disputed is verified_figure.disputed
    assert bool(figure.disputes) is verified_figure.disputed


# --- the dataset as a whole ---------------------------------------------------------------------


def test_package_holds_exactly_the_verified_figures() -> None:
    ids = [figure.id for figure in phare.figures()]
    assert len(ids) == len(FIGURES)
    assert sorted(ids) == sorted(row.fact_id for row in FIGURES)


def test_figures_come_in_table_order() -> None:
    assert [figure.id for figure in phare.figures()] == [row.fact_id for row in FIGURES]


@pytest.mark.parametrize("row", DISPUTED, ids=[row.fact_id for row in DISPUTED])
def test_a_disputed_note_keeps_the_other_source(row: VerifiedFigure) -> None:
    figure = _figure(row)
    assert figure.disputes, f"{row.fact_id}: the note is DISPUTED but no Dispute is attached"
    digits = re.sub(r"(?<=\d)[  ](?=\d{3}\b)", "", row.note)  # "675 000" -> "675000"
    for dispute in figure.disputes:
        assert dispute.source.url is not None
        assert dispute.source.url in row.note
        assert dispute.other
        assert dispute.other != dispute.kept
        assert dispute.note
        if dispute.field == "value":
            assert dispute.other_value is not None
            assert dispute.other_value != figure.value
            assert f"{dispute.other_value:g}" in digits
        else:
            assert dispute.field == "meaning"
            assert dispute.other_value is None


def test_the_disputes_hold_the_other_values() -> None:
    security = phare.national().figure(
        "citizens", "fragility-score", theme="security", study="phare-citoyens-2015"
    )
    assert [(d.field, d.other_value) for d in security.disputes] == [("value", 7.0)]
    assert security.value == 6.6

    # Le RAMEAU's own page gives 84 %; the relay cited before gives 83 %.
    headline = phare.national().figure(
        "companies", "alliances-innovation", study="impact-2018-2022"
    )
    assert (headline.value, headline.confidence) == (84.0, "A")
    assert [(d.field, d.other_value, d.source.publisher) for d in headline.disputes] == [
        ("value", 83.0, "Réseau Alliances")
    ]
    partnering = phare.national().figure("companies", "partnering", study="phare-entreprises-2015")
    assert partnering.value == 37.0
    assert [(d.field, d.other_value) for d in partnering.disputes] == [("value", 36.0)]

    # The two relays of the 2021 employer associations' study disagree on five values.
    relayed = phare.figures(study="impact-associations-territoires-2021")
    other_values = {f.theme.id: d.other_value for f in relayed for d in f.disputes if f.theme}
    assert other_values == {
        "local": None,
        "regional": 47.0,
        "sponsorship": 75.0,
        "societal-innovation": 73.0,
        "responsible-practices": 70.0,
        "economic-cooperation": 58.0,
    }

    count = phare.national().figure("companies", "partnerships-count")
    assert [(d.field, d.other_value) for d in count.disputes] == [("value", 675000.0)]
    assert (count.value, count.qualifier) == (674000.0, "lower-bound")

    emerging = phare.national().figure("mayors", "movement-emerging")
    assert emerging.value == 46.0
    assert {d.field for d in emerging.disputes} == {"meaning"}
    assert all("steer" in d.other for d in emerging.disputes)
    assert {d.source.url for d in emerging.disputes} == {
        "https://www.lerameau.fr/le-programme-impact/",
        "https://www.lerameau.fr/1ere-universiste-citoyenne-des-zebres/",
    }


@pytest.mark.parametrize("cell", CELLS, ids=CELL_IDS)
def test_default_is_the_latest_reference_year(cell: CellKey) -> None:
    rows = CELLS[cell]
    region, actor, segment, indicator, theme = cell
    chosen = phare.region(region).figure(actor, indicator, theme=theme, segment=segment)
    assert chosen.id == max(rows, key=_recency).fact_id


@pytest.mark.parametrize("cell", CELLS, ids=CELL_IDS)
def test_series_is_oldest_first(cell: CellKey) -> None:
    rows = CELLS[cell]
    region, actor, segment, indicator, theme = cell
    series = phare.region(region).series(actor, indicator, theme=theme, segment=segment)
    assert [f.id for f in series] == [row.fact_id for row in sorted(rows, key=_recency)]


# --- the examples of DESIGN.md ------------------------------------------------------------------


def test_design_regional_examples() -> None:
    naq = phare.region("nouvelle-aquitaine")
    assert naq.share("companies", "partnering") == 0.45
    assert naq.share("entreprises", "partnering") == 0.45
    assert naq.value("companies", "fragility-score", theme="employment") == 5.7
    figure = naq.figure("companies", "partnering")
    assert (figure.value, figure.unit, figure.reference_year) == (45.0, "percent", 2016)
    assert figure.study.id == "phare-nouvelle-aquitaine-2016"
    assert figure.source.document == "press-release-phare-nouvelle-aquitaine"
    assert naq.figures() == phare.figures(region="nouvelle-aquitaine")
    assert len(naq.figures()) == sum(row.region == "nouvelle-aquitaine" for row in FIGURES)


def test_design_national_examples() -> None:
    france = phare.national()
    assert france.share("associations", "partnering", segment="employer") == 0.53
    # The default is the latest reference year: IMPACT's 2021 wave since it was bundled.
    assert france.share("companies", "partnering") == 0.57
    assert france.share("companies", "partnering", study="phare-entreprises-2015") == 0.37
    assert (
        france.share("companies", "partnering", study="arpea-entreprises-territoires-2011") == 0.21
    )
    series = france.series("companies", "partnering")
    assert [(f.reference_year, f.value) for f in series] == [
        (2010, 21.0),
        (2015, 37.0),
        (2021, 57.0),
    ]


def test_design_compare_example() -> None:
    comparison = phare.region("nouvelle-aquitaine").compare("companies", "partnering")
    assert comparison.region.value == 45.0
    assert comparison.national.value == 37.0
    assert comparison.difference == 8.0
    # the same programme (PHARE), never ARPEA's 21 % of 2010
    assert comparison.national.id == "fr-companies-partnering-2015"
    assert comparison.national.programme == comparison.region.programme == "PHARE"


def test_compare_picks_the_same_programme_as_the_region() -> None:
    comparison = phare.region("occitanie").compare("citizens", "alliances-innovation")
    assert (comparison.region.value, comparison.national.value) == (82.0, 74.0)
    assert comparison.national.study.id == "impact-2018-2022"
    pdl = phare.region("pays-de-la-loire").compare("companies", "partnering")
    assert pdl.difference == 6.0  # the "+6 points" the source states

"""Actors, indicators, themes and segments: bilingual, complete for the verified facts, immutable."""

from __future__ import annotations

import attrs
import pytest

import phare
from support.verified import FIGURES


def test_the_four_actors_in_english_and_french() -> None:
    actors = phare.actors()
    assert [a.id for a in actors] == ["citizens", "companies", "associations", "mayors"]
    assert {a.id for a in actors} == {row.actor for row in FIGURES}
    for actor in actors:
        assert actor.label_en
        assert actor.label_fr
        assert actor.definition_en
        assert actor.definition_fr
        assert actor.definition_en != actor.definition_fr


@pytest.mark.parametrize(
    ("french", "actor"),
    [
        ("citoyens", "citizens"),
        ("Entreprises", "companies"),
        ("associations", "associations"),
        ("MAIRES", "mayors"),
        ("élus", "mayors"),
    ],
)
def test_actors_answer_to_french_names(french: str, actor: str) -> None:
    assert phare.actor(french) is phare.actor(actor)


def test_every_verified_indicator_exists_with_its_unit() -> None:
    units = {row.indicator: row.unit for row in FIGURES}
    assert {i.id for i in phare.indicators()} == set(units)
    for indicator in phare.indicators():
        assert indicator.unit == units[indicator.id], indicator.id
        assert indicator.is_percent is (indicator.unit == "percent")
        assert indicator.label_en
        assert indicator.label_fr
        assert indicator.definition_en
        assert indicator.definition_fr


def test_an_indicator_is_themed_exactly_when_its_figures_have_themes() -> None:
    themed = {row.indicator for row in FIGURES if row.theme is not None}
    unthemed = {row.indicator for row in FIGURES if row.theme is None}
    assert not themed & unthemed
    for indicator in phare.indicators():
        assert indicator.themed is (indicator.id in themed), indicator.id


def test_every_verified_theme_and_segment_exists() -> None:
    themes = {row.theme for row in FIGURES if row.theme is not None}
    assert themes <= {t.id for t in phare.themes()}
    for theme in phare.themes():
        assert theme.label_en
        assert theme.label_fr
    assert {row.segment for row in FIGURES} <= {s.id for s in phare.segments()}
    assert phare.segments()[0].id == "all"


def test_the_tpe_pme_segment_is_a_segment_of_companies() -> None:
    segment = phare.segment("tpe-pme")
    assert (segment.actor, segment.label_fr) == ("companies", "TPE-PME")
    assert "ten employees" in segment.definition_en
    figures = phare.figures(segment="tpe-pme")
    assert {f.study.id for f in figures} == {"impact-jouer-collectif-tpe-pme-2020"}


def test_kinds_of_partner_are_themes_of_their_own_kind() -> None:
    partner_kinds = {t.id for t in phare.themes() if t.kind == "partner"}
    used = {
        row.theme
        for row in FIGURES
        if row.indicator in ("partner-kind", "companies-partner-too-little")
    }
    assert used == partner_kinds
    assert phare.indicator("partner-kind").theme_kind == "partner"


@pytest.mark.parametrize(
    ("name", "theme"),
    [
        ("emploi", "employment"),
        ("Mécénat", "sponsorship"),
        ("pauvrete", "poverty-exclusion"),
        ("niveau de vie", "standard-of-living"),
        ("pouvoir d'achat", "purchasing-power"),
        ("Transition énergétique", "energy-transition"),
        ("collectivités territoriales", "local-authorities"),
    ],
)
def test_themes_answer_to_french_names(name: str, theme: str) -> None:
    assert phare.theme(name).id == theme


def test_collections_are_tuples() -> None:
    calls = [
        phare.regions(),
        phare.actors(),
        phare.indicators(),
        phare.themes(),
        phare.segments(),
        phare.studies(),
        phare.programmes(),
        phare.study("phare-nouvelle-aquitaine-2016").sponsors,
        phare.observatory().founders,
    ]
    assert all(type(found) is tuple for found in calls)
    # Queries for figures return Figures: a tuple that also renders as a table.
    figures = [phare.figures(), phare.national().figures()]
    assert all(type(found) is phare.Figures for found in figures)
    # A series is Figures that also knows where it breaks.
    series = phare.national().series("companies", "partnering")
    assert type(series) is phare.Series
    assert isinstance(series, phare.Figures)
    assert all(isinstance(found, tuple) for found in (*figures, series))


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(lambda: phare.region("bretagne"), id="Region"),
        pytest.param(lambda: phare.actor("citizens"), id="Actor"),
        pytest.param(lambda: phare.indicator("partnering"), id="Indicator"),
        pytest.param(lambda: phare.theme("employment"), id="Theme"),
        pytest.param(lambda: phare.segment("employer"), id="Segment"),
        pytest.param(lambda: phare.study("phare-nouvelle-aquitaine-2016"), id="Study"),
        pytest.param(lambda: phare.programme("PHARE"), id="Programme"),
        pytest.param(phare.observatory, id="Observatory"),
        pytest.param(
            lambda: phare.region("nouvelle-aquitaine").figure("companies", "partnering"),
            id="Figure",
        ),
    ],
)
def test_records_are_frozen_and_hashable(record: object) -> None:
    found = record()  # type: ignore[operator]
    assert attrs.has(type(found))
    field = attrs.fields(type(found))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(found, field, "changed")
    assert hash(found) == hash(record())  # type: ignore[operator]

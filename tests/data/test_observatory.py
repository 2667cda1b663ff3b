"""The Observatory, its people, programmes and Le RAMEAU, as the verified observatory.md says.

That file is prose, so its facts are written out below, each with the URL it cites; the
studies of each programme come from ``fixtures/verified_studies.csv``.
"""

from __future__ import annotations

import pytest

import phare
from support.verified import STUDIES

SEED = "press-release-phare-nouvelle-aquitaine"
PDFSLIDE = (
    "https://pdfslide.fr/documents/"
    "prsentation-du-programme-datudes-1-voir-listes-des-tudes-en-annexe-de-cette.html"
)
D_COMME_DONNEES = "https://www.lerameau.fr/d-comme-donnees/"
ARPEA_2011_REPORT = "http://docplayer.fr/9425152-Etude-arpea-entreprises-territoires.html"
FIVE_YEAR_REPORT = (
    "https://fdocuments.fr/document/"
    "observatoire-national-des-partenariats-associations-lorsque-humanisme-et.html"
)
IMPACT_PAGE = "https://www.lerameau.fr/le-programme-impact/"
PHARE_PAGE = "https://observatoire-des-partenariats.fr/le-programme-phare"
CAISSE_EPARGNE = (
    "https://www.federation.caisse-epargne.fr/"
    "le-rameau-lance-le-referentiel-co-construction-territoriale/"
)


def where(sources: tuple[phare.Source, ...]) -> list[tuple[str | None, str | None]]:
    """Each source as (URL, document name): one of the two is None."""
    return [(s.url, s.document) for s in sources]


def test_names() -> None:
    observatory = phare.observatory()
    assert observatory.name == "Observatoire national des partenariats"
    assert observatory.short_name == "Observatoire des partenariats"
    assert observatory.former_names == (
        "Observatoire national des partenariats associations / entreprises",
    )


def test_founded_in_2008_by_the_seed_and_le_rameau() -> None:
    observatory = phare.observatory()
    assert observatory.founded == 2008
    founded_by = {(s.url, s.document) for s in observatory.founded_sources}
    assert (None, SEED) in founded_by
    assert (PDFSLIDE, None) in founded_by
    assert (D_COMME_DONNEES, None) in founded_by


def test_founding_year_2007_is_kept_as_a_dispute_with_its_two_sources() -> None:
    disputes = phare.observatory().disputes
    assert {(d.field, d.kept, d.other) for d in disputes} == {("founded", "2008", "2007")}
    assert all(d.other_value == 2007 for d in disputes)
    assert {d.source.url for d in disputes} == {ARPEA_2011_REPORT, FIVE_YEAR_REPORT}


def test_founders_and_partners() -> None:
    observatory = phare.observatory()
    assert observatory.founders == ("Le RAMEAU", "Caisse des Dépôts")
    assert where(observatory.founders_sources) == [(None, SEED), (PDFSLIDE, None)]
    assert observatory.partners == ("MEDEF", "Le Mouvement associatif")
    assert observatory.partners_source.url == D_COMME_DONNEES


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("stake", "innovative", "change")),
        ("fr", ("enjeux", "innovantes", "évolution")),
    ],
)
def test_three_objectives_in_english_and_french(language: str, words: tuple[str, ...]) -> None:
    observatory = phare.observatory()
    objectives = observatory.objectives_en if language == "en" else observatory.objectives_fr
    assert len(objectives) == 3
    for objective, word in zip(objectives, words, strict=True):
        assert word in objective.lower()
    assert observatory.objectives_source.document == SEED


def test_scientific_direction() -> None:
    observatory = phare.observatory()
    assert observatory.scientific_director.casefold() == "anne robin"
    assert observatory.scientific_director_firm == "COMISIS"
    assert where(observatory.scientific_direction_sources) == [
        (PDFSLIDE, None),
        (None, SEED),
        (PHARE_PAGE, None),
    ]
    assert observatory.scientific_direction_source.url == PDFSLIDE  # the one 0.1.0 gave


def test_le_rameau() -> None:
    rameau = phare.observatory().le_rameau
    assert rameau.name == "Le RAMEAU"
    assert rameau.founded == 2006
    assert rameau.president_founder.casefold() == "charles-benoît heidsieck"
    assert "research laboratory" in rameau.nature_en
    assert "laboratoire de recherche" in rameau.nature_fr
    assert len(rameau.activities) == 3
    assert rameau.source.document == SEED


def test_four_programmes_in_order() -> None:
    programmes = phare.observatory().programmes
    assert [(p.id, p.rank) for p in programmes] == [
        ("ARPEA", 1),
        ("PHARE", 2),
        ("IMPACT", 3),
        ("IMPACTS-TRAJECTOIRES", 4),
    ]
    assert phare.programmes() == programmes


def test_arpea_is_the_2008_2012_state_of_play() -> None:
    arpea = phare.programme("arpea")
    assert (arpea.start_year, arpea.end_year, arpea.period) == (2008, 2012, "2008-2012")
    assert where(arpea.period_sources) == [(None, SEED), (PDFSLIDE, None)]
    assert "state of play" in arpea.focus_en.lower()
    assert "état des lieux" in arpea.focus_fr.lower()
    assert arpea.strands == 10
    assert len(arpea.expansions) == 3
    assert arpea.disputes == ()


def test_phare_is_2013_2017_with_the_2013_2018_dispute() -> None:
    programme = phare.programme("PHARE")
    assert (programme.start_year, programme.end_year, programme.period) == (2013, 2017, "2013-2017")
    assert where(programme.period_sources) == [(None, SEED), (PDFSLIDE, None)]
    assert "impacts" in programme.focus_en.lower()
    assert programme.strands == 6
    assert [(d.field, d.kept, d.other) for d in programme.disputes] == [
        ("period", "2013-2017", "2013-2018")
    ]
    assert programme.disputes[0].source.url == IMPACT_PAGE


def test_impact_runs_from_2018_to_2022() -> None:
    impact = phare.programme("Impact")
    assert (impact.start_year, impact.end_year, impact.period) == (2018, 2022, "2018-2022")
    assert impact.source.url == IMPACT_PAGE
    # the launch on Le RAMEAU's page; the national study "run from 2018 to 2022" on carenews
    assert [s.url for s in impact.period_sources] == [
        IMPACT_PAGE,
        "https://www.carenews.com/le-rameau/news/odd-17-pourquoi-faire-alliance",
    ]


def test_impact_milestones_run_from_the_launch_to_the_synthesis_report() -> None:
    impact = phare.programme("IMPACT")
    dates = [milestone.split(":")[0] for milestone in impact.milestones]
    assert dates[0] == "2017-11-23"
    assert dates[-1] == "2023-03-28"
    assert dates == sorted(dates)
    assert "https://www.lerameau.fr/81-des-francais-nous-invitent-aux-alliances/" in [
        source.url for source in impact.see_also
    ]


def test_impacts_trajectoires_is_the_fourth_programme_from_2024() -> None:
    programme = phare.programme("impacts-trajectoires")
    assert (programme.rank, programme.start_year, programme.end_year) == (4, 2024, None)
    assert programme.period == "2024-"
    assert (
        programme.source.url
        == "https://www.lerameau.fr/5-ans-dinnovations-territoriales-en-synthese/"
    )
    assert [s.id for s in programme.studies()] == ["impacts-trajectoires-elus-locaux-2024"]
    study = programme.studies()[0]
    assert (study.sample_size, study.published) == (302, "2024-11")
    assert programme.milestones[0].startswith("2024-09-19: ")


def test_no_objective_nor_strand_is_recorded_for_impact() -> None:
    impact = phare.programme("IMPACT")
    assert (impact.objectives_en, impact.objectives_fr, impact.objectives_sources) == ((), (), ())
    assert impact.objectives_note is None
    assert (impact.strands, impact.strand_names, impact.strand_sources) == (None, (), ())


# --- each programme's objectives, in our words ------------------------------------------------

# Key words of each objective, in the order observatory.md gives them.
ARPEA_OBJECTIVES = {
    # what associations and companies each gain from working together; map the partnerships
    # that exist in France; lead thinking on how practices change; spread methods and tools
    "en": (("associations", "companies", "get out of"), ("map", "france"),
           ("thinking", "practices", "change"), ("methods", "tools")),
    "fr": (("associations", "entreprises", "gagnent"), ("carte", "france"),
           ("réflexion", "pratiques", "changent"), ("méthodes", "outils")),
}  # fmt: skip
PHARE_OBJECTIVES = {
    # how citizens, companies, associations and institutions see their territory's priority
    # fragilities and the part alliances can play; a diagnosis of fragilities for each of the
    # 13 regions; the fields where partnerships fit best
    "en": (("citizens", "companies", "associations", "institutions", "priority fragilities",
            "territory", "alliances"), ("each of the 13 regions", "diagnosis", "fragilities"),
           ("fields", "partnerships")),
    "fr": (("citoyens", "entreprises", "associations", "institutions", "fragilités prioritaires",
            "territoire", "alliances"), ("chacune des 13 régions", "diagnostic", "fragilités"),
           ("domaines", "partenariats")),
}  # fmt: skip


@pytest.mark.parametrize(
    ("programme", "expected"), [("ARPEA", ARPEA_OBJECTIVES), ("PHARE", PHARE_OBJECTIVES)]
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_programme_objectives_in_english_and_french(
    programme: str, expected: dict[str, tuple[tuple[str, ...], ...]], language: str
) -> None:
    found = phare.programme(programme)
    objectives = found.objectives_en if language == "en" else found.objectives_fr
    assert len(objectives) == len(expected[language])
    for objective, key_words in zip(objectives, expected[language], strict=True):
        assert all(word in objective.lower() for word in key_words), objective


def test_the_first_programme_objectives_name_every_founding_document() -> None:
    # The national fact sheet gives the four objectives among the founding documents without
    # saying which one states them: all four are cited, and the note says why.
    arpea = phare.programme("ARPEA")
    assert where(arpea.objectives_sources) == [
        (PDFSLIDE, None),
        (D_COMME_DONNEES, None),
        (ARPEA_2011_REPORT, None),
        (FIVE_YEAR_REPORT, None),
    ]
    assert arpea.objectives_note is not None
    assert "without saying which" in arpea.objectives_note


def test_phare_objectives_come_from_the_programme_page() -> None:
    programme = phare.programme("PHARE")
    assert where(programme.objectives_sources) == [(PHARE_PAGE, None)]
    assert programme.objectives_note is None


# --- the strands of each programme ------------------------------------------------------------


def test_arpea_has_ten_named_strands() -> None:
    arpea = phare.programme("ARPEA")
    assert [name.casefold() for name in arpea.strand_names] == [
        "citizens", "associations", "large companies", "smes", "companies & territories",
        "local authorities", "foundations", "trade unions", "professionals", "secondary studies",
    ]  # fmt: skip
    assert arpea.strands == len(arpea.strand_names) == 10
    assert where(arpea.strand_sources) == [(FIVE_YEAR_REPORT, None)]


def test_phare_has_six_named_strands() -> None:
    # PHARE-Citoyens, PHARE-Entreprises, PHARE-Associations, the 13 regional reports,
    # PHARE-Diagnostics sectoriels and PHARE-Institutions
    programme = phare.programme("PHARE")
    assert programme.strand_names == (
        "Citizens", "Companies", "Associations", "Regional reports (13 regions)",
        "Sectoral diagnostics", "Institutions",
    )  # fmt: skip
    assert programme.strands == 6
    assert where(programme.strand_sources) == [(PHARE_PAGE, None), (CAISSE_EPARGNE, None)]


@pytest.mark.parametrize("programme", sorted({row.programme for row in STUDIES}))
def test_each_programme_with_its_studies(programme: str) -> None:
    expected = [row.study_id for row in STUDIES if row.programme == programme]
    found = phare.observatory().programme(programme)
    assert sorted(s.id for s in found.studies()) == sorted(expected)
    assert all(s.programme == programme for s in found.studies())


def test_observatory_programme_lookup_errors() -> None:
    with pytest.raises(phare.UnknownProgrammeError, match="did you mean 'PHARE'"):
        phare.observatory().programme("PHAR")

"""Every study pinned against ``fixtures/verified_studies.csv``, and the Nouvelle-Aquitaine report."""

from __future__ import annotations

import pytest

import phare
from support.verified import FIGURES, STUDIES, VerifiedStudy, url_and_document

NAQ = "phare-nouvelle-aquitaine-2016"


def test_package_holds_exactly_the_verified_studies() -> None:
    ids = [study.id for study in phare.studies()]
    assert len(ids) == len(STUDIES)
    assert sorted(ids) == sorted(row.study_id for row in STUDIES)


def test_programme_and_title(verified_study: VerifiedStudy) -> None:
    study = phare.study(verified_study.study_id)
    assert study.id == verified_study.study_id
    assert study.programme == verified_study.programme
    assert study.title == verified_study.title


def test_actors_scope_and_region(verified_study: VerifiedStudy) -> None:
    study = phare.study(verified_study.study_id)
    assert study.actors == verified_study.actors
    assert study.scope == verified_study.scope
    assert study.region == verified_study.region
    if study.region is not None:
        assert phare.region(study.region).slug == study.region


def test_publication_and_report_number(verified_study: VerifiedStudy) -> None:
    study = phare.study(verified_study.study_id)
    assert study.published == verified_study.published
    assert study.year == (int(verified_study.published[:4]) if verified_study.published else None)
    assert study.regional_report_number == verified_study.regional_report_number


def test_producer_and_sponsors(verified_study: VerifiedStudy) -> None:
    study = phare.study(verified_study.study_id)
    assert study.producer == verified_study.producer
    assert study.sponsors == verified_study.sponsors


def test_sample(verified_study: VerifiedStudy) -> None:
    study = phare.study(verified_study.study_id)
    assert (study.sample_size, study.sample_qualifier) == (
        verified_study.sample_size,
        verified_study.sample_qualifier,
    )


def test_source_and_note(verified_study: VerifiedStudy) -> None:
    study = phare.study(verified_study.study_id)
    assert (study.source.url, study.source.document) == url_and_document(verified_study.source)
    assert study.note == verified_study.note


def test_a_disputed_note_keeps_the_other_source(verified_study: VerifiedStudy) -> None:
    study = phare.study(verified_study.study_id)
    disputed = "DISPUTED:" in verified_study.note
    assert bool(study.disputes) is disputed
    for dispute in study.disputes:
        assert dispute.source.url is not None
        assert dispute.source.url in verified_study.note


PROGRAMMES = sorted({row.programme for row in STUDIES})


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_studies_by_programme(programme: str) -> None:
    expected = sorted(row.study_id for row in STUDIES if row.programme == programme)
    assert sorted(s.id for s in phare.studies(programme)) == expected
    assert sorted(s.id for s in phare.studies(programme.lower())) == expected


def test_study_answers_to_any_case() -> None:
    assert phare.study("PHARE-Nouvelle-Aquitaine-2016") is phare.study(NAQ)


def test_figures_of_each_study(verified_study: VerifiedStudy) -> None:
    expected = [row.fact_id for row in FIGURES if row.study_id == verified_study.study_id]
    assert [f.id for f in phare.figures(study=verified_study.study_id)] == expected


def test_a_study_without_a_published_figure_is_still_a_study() -> None:
    # IMPACT's regional reports on Provence-Alpes-Côte d'Azur and Normandie are known from
    # Le RAMEAU's pages, but none of their figures was found.
    cited = {row.study_id for row in FIGURES}
    without = [row for row in STUDIES if row.study_id not in cited and row.scope == "regional"]
    assert [row.study_id for row in without] == ["impact-paca-2020", "impact-normandie-2020"]
    for row in without:
        study = phare.study(row.study_id)
        assert study.region == row.region
        assert phare.figures(study=row.study_id) == ()
        assert phare.region(row.region).figures() == ()
    assert phare.study("impact-normandie-2020").regional_report_number == 11


def test_every_figure_actor_was_surveyed_by_its_study() -> None:
    actors = {row.study_id: row.actors for row in STUDIES}
    assert all(row.actor in actors[row.study_id] for row in FIGURES)
    assert all(f.actor.id in f.study.actors for f in phare.figures())


# --- the Nouvelle-Aquitaine report, as the seed and the verified facts describe it -------------


def test_naq_is_the_fourth_phare_regional_report() -> None:
    study = phare.study(NAQ)
    assert (study.programme, study.scope, study.region) == (
        "PHARE",
        "regional",
        "nouvelle-aquitaine",
    )
    assert study.regional_report_number == 4


def test_naq_was_unveiled_at_the_rtes_seminar_in_bordeaux_city_hall() -> None:
    presented_at = phare.study(NAQ).presented_at
    assert presented_at is not None
    assert "RTES" in presented_at
    assert "Bordeaux city hall" in presented_at


def test_naq_date_is_disputed_between_4_and_7_november_2016() -> None:
    study = phare.study(NAQ)
    assert study.published == "2016-11-04"
    assert [(d.field, d.kept, d.other) for d in study.disputes] == [
        ("published", "2016-11-04", "2016-11-07")
    ]
    assert study.disputes[0].source.url == (
        "https://www.entrepreneursdavenir.com/actualites/"
        "en-nouvelle-aquitaine-entrepreneurs-et-associations-innovent-ensemble/"
    )


def test_naq_producer_and_sponsors() -> None:
    study = phare.study(NAQ)
    assert "COMISIS" in study.producer
    assert study.sponsors == ("Generali", "Caisse des Dépôts")
    assert study.source.document == "press-release-phare-nouvelle-aquitaine"

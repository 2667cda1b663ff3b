"""Every fact of the Nouvelle-Aquitaine press release (PHARE Nouvelle-Aquitaine, 2016) reachable through the API.

The seed is not copied into the repository: each fact it states is written out below, in the
order the release gives it. The last tests check that no bundled file carries personal contact
data (the release's press contact line was never data for the library), and that none repeats
a run of six words of the release (see ``shingles.py``): labels and descriptions are our own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable

import pytest

import phare
from support.shingles import seed_fingerprints, shared_runs

SEED = "press-release-phare-nouvelle-aquitaine"
NAQ_STUDY = "phare-nouvelle-aquitaine-2016"


# --- the figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "study", "share"),
    [
        ("companies", "phare-entreprises-2015", 0.37),
        ("associations", "phare-associations-2015", 0.38),
    ],
)
def test_national_reference_shares(actor: str, study: str, share: float) -> None:
    """Nationally, 37 % of companies of ten employees or more and 38 % of associations."""
    figure = phare.national().figure(actor, "partnering", study=study)
    assert figure.share == share
    assert phare.national().share(actor, "partnering", study=study) == share
    assert figure.programme == "PHARE"


def test_the_national_companies_are_those_with_at_least_ten_employees() -> None:
    assert "at least ten employees" in phare.actor("companies").definition_en


@pytest.mark.parametrize(
    ("actor", "indicator", "theme", "share"),
    [
        ("companies", "partnering", None, 0.45),
        ("associations", "partnering", None, 0.26),
        ("associations", "wishing-to-partner", None, 0.29),
        ("citizens", "priority-fragility", "employment", 0.47),
        ("associations", "priority-fragility", "employment", 0.65),
        ("companies", "priority-fragility", "employment", 0.27),
        ("citizens", "alliances-innovation", None, 0.67),
        ("associations", "alliances-innovation", None, 0.84),
        ("companies", "alliances-innovation", None, 0.65),
    ],
)
def test_nouvelle_aquitaine_figures_cite_the_seed(
    actor: str, indicator: str, theme: str | None, share: float
) -> None:
    naq = phare.region("Nouvelle Aquitaine")
    assert naq.share(actor, indicator, theme=theme) == share
    figure = naq.figure(actor, indicator, theme=theme)
    assert figure.source.document == SEED
    assert figure.source.url is None
    assert figure.study.id == NAQ_STUDY
    assert (figure.reference_year, figure.confidence, figure.qualifier) == (2016, "A", "exact")


def test_nouvelle_aquitaine_against_france() -> None:
    """45 % of companies in the region against 37 % nationally; 26 % of associations against 38 %."""
    naq = phare.region("nouvelle-aquitaine")
    assert naq.compare("companies", "partnering").difference == 8.0
    assert naq.compare("associations", "partnering").difference == -12.0


def test_seed_figures_are_exactly_the_nine_of_the_release() -> None:
    cited = [f for f in phare.figures() if f.source.document == SEED]
    assert len(cited) == 9
    assert {f.region.slug for f in cited} == {"nouvelle-aquitaine"}


# --- the report and where it was unveiled -------------------------------------------------------


def test_fourth_phare_regional_report() -> None:
    study = phare.study(NAQ_STUDY)
    assert study.regional_report_number == 4
    assert study.programme == "PHARE"
    assert study.source.document == SEED


def test_unveiled_by_le_rameau_at_the_rtes_seminar_in_bordeaux_city_hall() -> None:
    presented_at = phare.study(NAQ_STUDY).presented_at
    assert presented_at is not None
    assert "RTES seminar" in presented_at
    assert "co-constructing local public policy" in presented_at
    assert "Bordeaux city hall" in presented_at


# --- the Observatory and its programmes -----------------------------------------------------------


def test_created_in_2008_by_le_rameau_with_the_caisse_des_depots() -> None:
    observatory = phare.observatory()
    assert observatory.founded == 2008
    assert observatory.founders == ("Le RAMEAU", "Caisse des Dépôts")
    assert SEED in {s.document for s in observatory.founded_sources}


def test_objectives_qualify_identify_follow() -> None:
    observatory = phare.observatory()
    assert observatory.objectives_source.document == SEED
    assert len(observatory.objectives_fr) == 3
    enjeux, pratiques, evolution = observatory.objectives_fr
    assert "enjeux" in enjeux
    assert "pratiques" in pratiques
    assert "innovantes" in pratiques
    assert "évolution" in evolution


def test_arpea_2008_2012_state_of_play() -> None:
    arpea = phare.programme("ARPEA")
    assert arpea.period == "2008-2012"
    assert arpea.rank == 1
    assert "état des lieux" in arpea.focus_fr.lower()


def test_phare_2013_2017_on_impacts_crossing_three_lenses() -> None:
    programme = phare.programme("PHARE")
    assert programme.period == "2013-2017"
    assert programme.rank == 2
    assert programme.source.document == SEED
    # The meaning, not the release's wording: impacts, fragilities of territories, alliance
    # strategies, and three lenses compared.
    for focus, key_words in (
        (programme.focus_en, ("impacts", "fragilities", "territor", "alliance", "three")),
        (programme.focus_fr, ("impacts", "fragilités", "territoire", "alliance", "trois")),
    ):
        assert all(word in focus.lower() for word in key_words), focus


def test_anne_robin_of_comisis_directs_the_studies() -> None:
    observatory = phare.observatory()
    assert observatory.scientific_director.casefold() == "anne robin"
    assert observatory.scientific_director_firm == "COMISIS"
    assert "COMISIS" in phare.study(NAQ_STUDY).producer


def test_le_rameau_founded_in_2006_and_its_president_founder() -> None:
    rameau = phare.observatory().le_rameau
    assert rameau.founded == 2006
    assert rameau.president_founder.casefold() == "charles-benoît heidsieck"
    assert "alliances" in rameau.nature_en
    assert rameau.source.document == SEED


# --- no personal contact data -------------------------------------------------------------------

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"(?<![\d/])(?:\+33[\s.-]?|0033[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"  # French numbers
    r"|\+\d{1,3}(?:[\s.()-]*\d){6,}"  # any international number
)
CONTACT_SCHEMES = re.compile(r"\b(?:mailto|tel):", re.IGNORECASE)


def _bundled_files(folder: Traversable) -> Iterator[Traversable]:
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _bundled_files(entry)
        elif entry.is_file():
            yield entry


BUNDLED = sorted(_bundled_files(resources.files("phare") / "data"), key=lambda f: f.name)


def test_data_files_are_found() -> None:
    names = {f.name for f in BUNDLED}
    assert {"figures.csv", "studies.csv", "regions.csv", "observatory.json"} <= names


@pytest.mark.parametrize("bundled", BUNDLED, ids=[f.name for f in BUNDLED])
def test_no_personal_contact_data(bundled: Traversable) -> None:
    text = bundled.read_text(encoding="utf-8")
    assert EMAIL.findall(text) == []
    assert PHONE.findall(text) == []
    assert CONTACT_SCHEMES.findall(text) == []


@pytest.mark.parametrize(
    "contact",
    [
        "presse@agence.example.fr",
        "a.name+press@mail.example.com",
        "01 23 45 67 89",
        "06.12.34.56.78",
        "+33 6 12 34 56 78",
        "+33 (0)1 23 45 67 89",
        "0612345678",
        "mailto:someone",
        "Tel: 555",
    ],
)
def test_the_contact_patterns_catch_contact_data(contact: str) -> None:
    found = EMAIL.search(contact) or PHONE.search(contact) or CONTACT_SCHEMES.search(contact)
    assert found is not None


@pytest.mark.parametrize(
    "data",
    ["674000", "1200000", "2016-11-04", "http://docplayer.fr/9425152-Etude", "FR-974", "FRY4"],
)
def test_the_contact_patterns_leave_data_alone(data: str) -> None:
    assert EMAIL.search(data) is None
    assert PHONE.search(data) is None
    assert CONTACT_SCHEMES.search(data) is None


# --- in our own words ---------------------------------------------------------------------------

SEED_RUNS = seed_fingerprints()


def _prose(bundled: Traversable) -> str:
    """The text of a bundled file; for JSON, its strings as read, whatever their escapes."""
    text = bundled.read_text(encoding="utf-8")
    if not bundled.name.endswith(".json"):
        return text

    def strings(node: object) -> Iterator[str]:
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for item in node:
                yield from strings(item)

    return "\n".join(strings(json.loads(text)))


@pytest.mark.parametrize("bundled", BUNDLED, ids=[f.name for f in BUNDLED])
def test_no_bundled_file_repeats_six_words_of_the_seed(bundled: Traversable) -> None:
    assert shared_runs(_prose(bundled), SEED_RUNS) == []


def test_the_fixture_holds_a_hash_per_run_of_the_seed() -> None:
    # 554 distinct runs of six words in the release; hashes only, never the words.
    assert len(SEED_RUNS) == 554
    assert all(re.fullmatch(r"[0-9a-f]{16}", digest) for digest in SEED_RUNS)


@pytest.mark.parametrize(
    "copied",
    [
        "charles-benoit heidsieck, PRESIDENT-FONDATEUR du rameau",  # case and accents differ
        "Charles-Benoît **Heidsieck**, président-fondateur du RAMEAU",  # markup in between
    ],
)
def test_a_run_of_the_seed_is_caught_whatever_its_case_and_accents(copied: str) -> None:
    # seven words of the release: two runs of six
    assert shared_runs(copied, SEED_RUNS) == [
        "charles benoit heidsieck president fondateur du",
        "benoit heidsieck president fondateur du rameau",
    ]


@pytest.mark.parametrize(
    "own_words",
    [
        "Charles-Benoît Heidsieck, président-fondateur de l'association",  # five in a row, not six
        "Charles-Benoît Heidsieck, qui a fondé Le RAMEAU et le préside",
    ],
)
def test_the_same_facts_in_other_words_pass(own_words: str) -> None:
    assert shared_runs(own_words, SEED_RUNS) == []

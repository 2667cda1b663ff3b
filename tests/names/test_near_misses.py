"""A pointer for every near-miss: names people type get told what to ask for instead.

Départements (by INSEE code, ``FR-`` code and name), former and provisional region names and
the NUTS-2 codes of the former regions each raise an error naming the region to ask for, never
an answer for another place and never a bare "unknown region". Every member of each kind is
tried, in any spelling the lookup forgives (property tests); expectations come from the data.
"""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from test_names_property import recoded, respelt

import phare
from phare._names import fold, normalise
from support.datacopy import DATA, copy_data, set_cell

ALL = settings(max_examples=300, deadline=None)
REGIONS = phare.regions()
DEPARTEMENTS = [d for r in REGIONS for d in r.departements]
FORMER_NAMES = [n for r in REGIONS for n in r.former_names]
FORMER = [f for r in REGIONS for f in r.former_regions]
#: Every code and name a region or a former region answers to, folded as the lookup folds them.
REGION_CODES = {
    fold(c)
    for r in (*REGIONS, phare.national())
    for c in (r.insee_code or "", r.iso_3166_2, r.nuts)
} | {fold(f.insee_code) for f in FORMER}
TODAY_CODES = {fold(c) for r in REGIONS for c in (r.insee_code or "", r.iso_3166_2)}
REGION_NAMES = {normalise(n) for r in REGIONS for n in (r.slug, r.name)}


def home(slug: str) -> phare.Region:
    return phare.region(slug)


# --- départements --------------------------------------------------------------------------


def test_the_departements_table_holds_every_departement_once() -> None:
    with (DATA / "departements.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [d.code for d in DEPARTEMENTS] != []
    assert sorted(d.code for d in DEPARTEMENTS) == sorted(row["code"] for row in rows)
    assert {d.region for d in DEPARTEMENTS} == {r.slug for r in REGIONS}
    assert {d.source.publisher for d in DEPARTEMENTS} == {"INSEE"}
    assert {d.confidence for d in DEPARTEMENTS} == {"A"}


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("33", "'33' is the département Gironde, in Nouvelle-Aquitaine; ask for 'nouvelle-aquitaine'"),
        ("2A", "'2A' is the département Corse-du-Sud, in Corse; ask for 'corse'"),
        ("974", "'974' is the département La Réunion, in La Réunion; ask for 'la-reunion'"),
        ("FR-33", "'FR-33' is the département Gironde, in Nouvelle-Aquitaine; ask for 'nouvelle-aquitaine'"),
        ("Gironde", "'Gironde' is the département Gironde, in Nouvelle-Aquitaine; ask for 'nouvelle-aquitaine'"),
        ("Finistère", "'Finistère' is the département Finistère, in Bretagne; ask for 'bretagne'"),
        ("Paris", "'Paris' is the département Paris, in Île-de-France; ask for 'ile-de-france'"),
    ],
)  # fmt: skip
def test_the_issue_s_departements(asked: str, message: str) -> None:
    with pytest.raises(phare.DepartementError) as caught:
        phare.region(asked)
    assert str(caught.value) == message


@settings(ALL)
@given(data=st.data())
def test_every_departement_code_is_refused_naming_its_region(data: st.DataObject) -> None:
    departement = data.draw(st.sampled_from(DEPARTEMENTS), label="département")
    code = data.draw(st.sampled_from([departement.code, f"FR-{departement.code}"]), label="code")
    spelling = data.draw(recoded(code), label="spelling")
    if fold(code) in TODAY_CODES:  # a region code wins: "75" is Nouvelle-Aquitaine's
        assert fold(code) in {
            fold(c)
            for c in (phare.region(spelling).insee_code or "", phare.region(spelling).iso_3166_2)
        }
        return
    if fold(code) in REGION_CODES:  # a former region's: "72" was Aquitaine's
        with pytest.raises(phare.FormerRegionError):
            phare.region(spelling)
        return
    with pytest.raises(phare.DepartementError) as caught:
        phare.region(spelling)
    assert (caught.value.departement, caught.value.region) == (departement.name, departement.region)


@settings(ALL)
@given(data=st.data())
def test_every_departement_name_is_refused_naming_its_region(data: st.DataObject) -> None:
    departement = data.draw(st.sampled_from(DEPARTEMENTS), label="département")
    spelling = data.draw(respelt(departement.name), label="spelling")
    if normalise(departement.name) in REGION_NAMES:  # Guadeloupe... the region's own name
        assert phare.region(spelling).slug == departement.region
        return
    with pytest.raises(phare.DepartementError) as caught:
        phare.region(spelling)
    assert caught.value.region == departement.region
    assert home(departement.region).name in str(caught.value)


@pytest.mark.parametrize(
    "code", ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]
)
def test_a_code_of_a_region_and_a_departement_is_the_region_s(code: str) -> None:
    assert phare.region(code).insee_code == code


@pytest.mark.parametrize("code", sorted(f.insee_code for f in FORMER))
def test_a_former_region_s_code_that_is_a_departement_s_is_the_former_region_s(code: str) -> None:
    with pytest.raises(phare.FormerRegionError):
        phare.region(code)


def test_a_departement_is_never_an_answer() -> None:
    for departement in DEPARTEMENTS:
        for asked in (departement.code, f"FR-{departement.code}", departement.name):
            try:
                phare.region(asked)
            except phare.UnknownRegionError:
                continue
            # only a region's own code or name answers, and then it is that region
            assert fold(asked) in REGION_CODES or normalise(asked) in REGION_NAMES, asked


# --- former and provisional names --------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "region"),
    [
        ("Centre", "centre-val-de-loire"),
        ("Aquitaine-Limousin-Poitou-Charentes", "nouvelle-aquitaine"),
        ("Nord-Pas-de-Calais-Picardie", "hauts-de-france"),
        ("Alsace-Champagne-Ardenne-Lorraine", "grand-est"),
        ("Languedoc-Roussillon-Midi-Pyrénées", "occitanie"),
    ],
)
def test_the_issue_s_former_names(asked: str, region: str) -> None:
    with pytest.raises(phare.FormerNameError) as caught:
        phare.region(asked)
    assert caught.value.region == region
    assert str(caught.value).endswith(f"ask for {region!r}")


@pytest.mark.parametrize(
    "current", ["Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Normandie"]
)
def test_a_provisional_name_kept_is_today_s_name(current: str) -> None:
    assert phare.region(current).name == current


@settings(ALL)
@given(data=st.data())
def test_every_former_name_is_refused_naming_its_region(data: st.DataObject) -> None:
    former = data.draw(st.sampled_from(FORMER_NAMES), label="name")
    spelling = data.draw(respelt(former.name), label="spelling")
    with pytest.raises(phare.FormerNameError) as caught:
        phare.region(spelling)
    assert (caught.value.region, caught.value.kind_of_name) == (former.region, former.kind)


def test_former_names_are_graded_and_sourced() -> None:
    assert FORMER_NAMES
    assert all(n.source.url and n.confidence in ("A", "B") for n in FORMER_NAMES)
    assert {n.kind for n in FORMER_NAMES} == {"former", "provisional"}


# --- NUTS-2 codes of the former regions ----------------------------------------------------


@pytest.mark.parametrize(
    ("code", "former"), [("FRI1", "Aquitaine"), ("FRI2", "Limousin"), ("FRI3", "Poitou-Charentes")]
)
def test_the_issue_s_nuts_codes(code: str, former: str) -> None:
    with pytest.raises(phare.FormerRegionError) as caught:
        phare.region(code)
    assert caught.value.former_name == former
    assert str(caught.value).startswith(f"{code!r} is the NUTS-2 code of {former}, a former region")


@pytest.mark.parametrize("error", [phare.DepartementError, phare.FormerNameError])
def test_the_new_errors_are_region_lookups_and_pickle(
    error: type[phare.UnknownRegionError],
) -> None:
    assert issubclass(error, phare.UnknownRegionError)
    assert issubclass(error, LookupError)
    asked = "33" if error is phare.DepartementError else "Centre"
    with pytest.raises(error) as caught:
        phare.region(asked)
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value)


def test_a_former_nuts_code_pickles_with_its_message() -> None:
    with pytest.raises(phare.FormerRegionError) as caught:
        phare.region("FRJ2")
    assert str(pickle.loads(pickle.dumps(caught.value))) == str(caught.value)


# --- the loader's rules for the new tables -------------------------------------------------


def test_a_departement_of_no_region_is_a_data_error(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    set_cell(folder, "departements.csv", 2, "region", "atlantis")
    with pytest.raises(phare.DataError, match=r"^departements\.csv, row 2"):
        phare.load(folder).regions()


def test_a_former_name_that_is_a_region_s_name_is_a_data_error(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    set_cell(folder, "former_names.csv", 2, "name", "Bretagne")
    with pytest.raises(phare.DataError, match=r"names both a former and a current region"):
        phare.load(folder).regions()


# --- the other near-misses of the issue ----------------------------------------------------


def test_an_unknown_theme_lists_the_themes() -> None:
    with pytest.raises(phare.UnknownThemeError) as caught:
        phare.figures(theme="housing")
    assert caught.value.hint == "the themes are: " + ", ".join(t.id for t in phare.themes())


@pytest.mark.parametrize("programme", [p.id for p in phare.programmes()])
def test_a_programme_asked_as_a_study_lists_its_studies(programme: str) -> None:
    with pytest.raises(phare.UnknownStudyError) as caught:
        phare.study(programme.lower())
    studies = [s.id for s in phare.studies(programme)]
    assert caught.value.hint == f"{programme!r} is a programme; its studies: " + ", ".join(studies)


def test_a_ranking_without_a_match_names_the_programme_filter() -> None:
    with pytest.raises(phare.FigureNotFoundError, match=r", programme 'ARPEA'"):
        phare.rank("companies", "partnering", programme="arpea")
    with pytest.raises(phare.FigureNotFoundError, match=r"programme 'ARPEA', confidence A or"):
        phare.rank("companies", "partnering", programme="ARPEA", min_confidence="A")

"""Regions against ``fixtures/verified_regions.csv``: codes, kinds, every spelling, former regions."""

from __future__ import annotations

import unicodedata

import pytest

import phare
from support.verified import REGIONS, FormerRegionRow, VerifiedRegion


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def spellings(region: VerifiedRegion) -> dict[str, str]:
    """Every kind of spelling a user may type for *region*, keyed by what it varies."""
    name = region.name
    found = {
        "slug": region.slug,
        "name": name,
        "ISO 3166-2": region.iso_3166_2,
        "ISO 3166-2, lower case": region.iso_3166_2.lower(),
        "NUTS": region.nuts,
        "NUTS, lower case": region.nuts.lower(),
        "upper case": name.upper(),
        "lower case": name.lower(),
        "mixed case": name.swapcase(),
        "slug, upper case": region.slug.upper(),
        "without accents": _without_accents(name),
        "without accents, lower case": _without_accents(name).lower(),
        "spaces for hyphens": name.replace("-", " "),
        "hyphens for spaces": name.replace(" ", "-"),
        "underscores": name.replace("-", "_").replace(" ", "_"),
        "slug with spaces": region.slug.replace("-", " "),
        "slug with underscores": region.slug.replace("-", "_"),
        "padded with spaces": f"  {name}  ",
        "curly apostrophe": name.replace("'", "’"),
        "straight apostrophe": name.replace("’", "'"),
    }
    if region.insee_code is not None:
        found["INSEE"] = region.insee_code
    return found


def test_every_spelling_kind_names_the_same_region(verified_region: VerifiedRegion) -> None:
    expected = phare.region(verified_region.slug)
    for kind, spelling in spellings(verified_region).items():
        assert phare.region(spelling) is expected, f"{kind}: {spelling!r}"


@pytest.mark.parametrize(
    "spelling",
    [
        "Provence-Alpes-Côte d'Azur",
        "Provence-Alpes-Côte d’Azur",
        "provence alpes cote d'azur",
        "PROVENCE_ALPES_COTE_D’AZUR",
        "Provence Alpes Côte d Azur",
        "provence-alpes-cote-dazur",
        "FR-PAC",
        "93",
        "FRL",
    ],
)
def test_apostrophes_do_not_matter(spelling: str) -> None:
    assert phare.region(spelling).slug == "provence-alpes-cote-d-azur"


@pytest.mark.parametrize(
    "spelling",
    ["nouvelle-aquitaine", "Nouvelle Aquitaine", "NOUVELLE-AQUITAINE", "FR-NAQ", "75", "FRI"],
)
def test_design_spellings_of_nouvelle_aquitaine(spelling: str) -> None:
    assert phare.region(spelling) is phare.region("nouvelle-aquitaine")


@pytest.mark.parametrize(
    ("spelling", "slug"),
    [
        ("ile de france", "ile-de-france"),
        ("ÎLE-DE-FRANCE", "ile-de-france"),
        ("Ile_de_France", "ile-de-france"),
        ("la reunion", "la-reunion"),
        ("LA RÉUNION", "la-reunion"),
        ("Bourgogne Franche Comte", "bourgogne-franche-comte"),
        ("centre val de loire", "centre-val-de-loire"),
        ("Pays-de-la-Loire", "pays-de-la-loire"),
        ("fr-20r", "corse"),
        ("01", "guadeloupe"),
        ("06", "mayotte"),
    ],
)
def test_more_spellings(spelling: str, slug: str) -> None:
    assert phare.region(spelling).slug == slug


#: Separators word processors and web pages put where a hyphen or a space was meant.
TYPESET_SEPARATORS = {
    "en dash": "\u2013",
    "em dash": "\u2014",
    "hyphen": "\u2010",
    "non-breaking hyphen": "\u2011",
    "no-break space": "\u00a0",
    "narrow no-break space": "\u202f",
}


@pytest.mark.parametrize("separator", TYPESET_SEPARATORS.values(), ids=TYPESET_SEPARATORS.keys())
def test_typeset_dashes_and_spaces_are_separators(separator: str) -> None:
    assert phare.region(f"Nouvelle{separator}Aquitaine").slug == "nouvelle-aquitaine"
    assert phare.region(f"Provence{separator}Alpes{separator}Côte d’Azur").slug == (
        "provence-alpes-cote-d-azur"
    )
    assert phare.region(f"FR{separator}NAQ").slug == "nouvelle-aquitaine"
    # A withdrawn ISO code stays refused, never folded onto the NUTS code it then spells.
    with pytest.raises(phare.FormerCodeError):
        phare.region(f"FR{separator}J")


def test_codes_names_and_kind(verified_region: VerifiedRegion) -> None:
    region = phare.region(verified_region.slug)
    assert region.slug == verified_region.slug
    assert region.name == verified_region.name
    assert region.insee_code == verified_region.insee_code
    assert region.iso_3166_2 == verified_region.iso_3166_2
    assert region.nuts == verified_region.nuts
    assert region.kind == verified_region.kind
    assert region.is_national is (verified_region.kind == "country")
    assert str(region) == verified_region.name


def test_former_regions_of_each_region(verified_region: VerifiedRegion) -> None:
    region = phare.region(verified_region.slug)
    assert [(f.name, f.insee_code) for f in region.former_regions] == [
        (f.name, f.insee_code) for f in verified_region.former_regions
    ]
    assert all(f.merged_into == region.slug for f in region.former_regions)


def test_regions_are_the_18_regions_without_france(
    verified_regions: tuple[VerifiedRegion, ...],
) -> None:
    regions = phare.regions()
    assert len(regions) == 18
    assert {r.slug for r in regions} == {r.slug for r in verified_regions if r.kind != "country"}
    assert phare.national() not in regions
    assert sum(r.kind == "metropolitan" for r in regions) == 13
    assert sum(r.kind == "overseas" for r in regions) == 5
    assert all(r is phare.region(r.slug) for r in regions)


def test_national_is_france() -> None:
    france = phare.national()
    assert france is phare.region("france") is phare.region("FR") is phare.region("fr")
    assert france is phare.region("France")
    assert (france.slug, france.kind, france.insee_code) == ("france", "country", None)
    assert france.is_national


def test_there_are_16_former_regions(
    verified_former_regions: tuple[FormerRegionRow, ...],
) -> None:
    assert len(verified_former_regions) == 16
    bundled = {f.name for r in phare.regions() for f in r.former_regions}
    assert bundled == {f.name for f in verified_former_regions}


def _former_region_error(name: str) -> phare.FormerRegionError:
    with pytest.raises(phare.FormerRegionError) as caught:
        phare.region(name)
    return caught.value


@pytest.mark.parametrize("by", ["name", "INSEE code", "upper case without accents", "spaces"])
def test_former_region_names_its_successor(former_region: FormerRegionRow, by: str) -> None:
    asked = {
        "name": former_region.name,
        "INSEE code": former_region.insee_code,
        "upper case without accents": _without_accents(former_region.name).upper(),
        "spaces": former_region.name.replace("-", " "),
    }[by]
    error = _former_region_error(asked)
    assert error.merged_into == former_region.merged_into
    assert error.merged_name == former_region.merged_name
    assert error.former_name == former_region.name
    message = str(error)
    assert message.startswith(f"{former_region.name!r} is a former region")
    assert former_region.merged_name in message
    assert repr(former_region.merged_into) in message


def test_former_region_is_an_unknown_region(former_region: FormerRegionRow) -> None:
    error = _former_region_error(former_region.name)
    assert isinstance(error, phare.UnknownRegionError)
    assert isinstance(error, LookupError)
    assert isinstance(error, phare.PhareError)
    assert error.suggestions == ()


def test_former_region_is_refused_wherever_a_region_is_asked(
    former_region: FormerRegionRow,
) -> None:
    with pytest.raises(phare.FormerRegionError):
        phare.figures(region=former_region.name)


def test_region_objects_are_frozen() -> None:
    region = phare.region("bretagne")
    with pytest.raises(AttributeError):
        region.name = "Breizh"  # type: ignore[misc]
    assert phare.region("bretagne").name == "Bretagne"


def test_every_region_row_is_checked() -> None:
    assert len(REGIONS) == 19


# --- ISO 3166-2 codes withdrawn in 2016 -------------------------------------------------------

#: The one-letter codes of the 22 regions of 1982-2015 (ISO 3166-2:FR before its change of
#: 15 November 2016), and the slug of the current region whose territory holds each.
WITHDRAWN_CODES = {
    "FR-A": ("Alsace", "grand-est"),
    "FR-B": ("Aquitaine", "nouvelle-aquitaine"),
    "FR-C": ("Auvergne", "auvergne-rhone-alpes"),
    "FR-D": ("Bourgogne", "bourgogne-franche-comte"),
    "FR-E": ("Bretagne", "bretagne"),
    "FR-F": ("Centre", "centre-val-de-loire"),
    "FR-G": ("Champagne-Ardenne", "grand-est"),
    "FR-H": ("Corse", "corse"),
    "FR-I": ("Franche-Comté", "bourgogne-franche-comte"),
    "FR-J": ("Île-de-France", "ile-de-france"),
    "FR-K": ("Languedoc-Roussillon", "occitanie"),
    "FR-L": ("Limousin", "nouvelle-aquitaine"),
    "FR-M": ("Lorraine", "grand-est"),
    "FR-N": ("Midi-Pyrénées", "occitanie"),
    "FR-O": ("Nord-Pas-de-Calais", "hauts-de-france"),
    "FR-P": ("Basse-Normandie", "normandie"),
    "FR-Q": ("Haute-Normandie", "normandie"),
    "FR-R": ("Pays de la Loire", "pays-de-la-loire"),
    "FR-S": ("Picardie", "hauts-de-france"),
    "FR-T": ("Poitou-Charentes", "nouvelle-aquitaine"),
    "FR-U": ("Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur"),
    "FR-V": ("Rhône-Alpes", "auvergne-rhone-alpes"),
}


@pytest.mark.parametrize("code", sorted(WITHDRAWN_CODES))
def test_a_withdrawn_iso_code_is_refused_and_names_the_region_now(code: str) -> None:
    name, slug = WITHDRAWN_CODES[code]
    now = phare.region(slug)
    for spelling in (code, code.lower(), code.replace("-", " "), code.replace("-", "_")):
        with pytest.raises(phare.FormerCodeError) as caught:
            phare.region(spelling)
        error = caught.value
        assert (error.former_name, error.region, error.code_now) == (name, slug, now.iso_3166_2)
        assert (error.kind, error.name, error.region_name) == ("region", spelling, now.name)
        assert isinstance(error, phare.UnknownRegionError)
        assert isinstance(error, LookupError)
        assert f"ask for {slug!r}" in str(error)
        assert name in str(error)
    assert code in [c.code for c in now.former_codes]


def test_the_withdrawn_codes_are_all_there() -> None:
    bundled = {c.code: (c.name, c.region) for r in phare.regions() for c in r.former_codes}
    assert bundled == WITHDRAWN_CODES


@pytest.mark.parametrize(
    ("nuts", "slug"),
    [("FRJ", "occitanie"), ("FRI", "nouvelle-aquitaine"), ("FRE", "hauts-de-france")],
)
def test_a_nuts_code_without_hyphen_is_not_a_withdrawn_iso_code(nuts: str, slug: str) -> None:
    # Once its hyphen is dropped, FR-J (Île-de-France until 2016) reads like FRJ (Occitanie).
    assert phare.region(nuts).slug == slug
    with pytest.raises(phare.FormerCodeError):
        phare.region(nuts[:2] + "-" + nuts[2:])


def test_a_merged_region_s_code_says_it_merged() -> None:
    with pytest.raises(phare.FormerCodeError) as caught:
        phare.region("FR-B")
    assert str(caught.value) == (
        "'FR-B' is the ISO 3166-2 code of Aquitaine, part of Nouvelle-Aquitaine (FR-NAQ) "
        "since 2016; ask for 'nouvelle-aquitaine'"
    )


class LoudInt(int):
    """An int whose own formatting must not run inside phare."""

    def __format__(self, spec: str) -> str:
        raise RuntimeError("no formatting")


@pytest.mark.parametrize(
    ("number", "as_text"),
    [(75, "75"), (5, "05"), (971, "971"), (2, "02"), (0, "00"), (-1, "-1"), (LoudInt(974), "974")],
)
def test_any_int_is_a_type_error_that_writes_the_code_as_text(number: int, as_text: str) -> None:
    # Region codes are two digits (the overseas ones 01 to 06), but a département code such as
    # 971 is what people type: every int gets the hint, quoted as the text to ask for instead.
    with pytest.raises(TypeError) as caught:
        phare.region(number)  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"region must be a str, not int: codes are text, as in region('{as_text}')"
    )


def test_a_bool_is_a_plain_type_error() -> None:
    with pytest.raises(TypeError) as caught:
        phare.region(True)  # type: ignore[arg-type]
    assert str(caught.value) == "region must be a str, not bool"

"""Every error path of the public API: its class, its family, and what its message tells the user."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import phare
from support.verified import EMPTY_REGION, FIGURES

# --- unknown names, with a suggestion for a typo -----------------------------------------------

TYPOS: list[tuple[Callable[[str], object], str, type[phare.UnknownNameError], str, str]] = [
    (phare.region, "Bretange", phare.UnknownRegionError, "region", "bretagne"),
    (phare.region, "nouvelle-aquitane", phare.UnknownRegionError, "region", "nouvelle-aquitaine"),
    (phare.region, "Occitane", phare.UnknownRegionError, "region", "occitanie"),
    (phare.actor, "entrprises", phare.UnknownActorError, "actor", "companies"),
    (phare.actor, "citizns", phare.UnknownActorError, "actor", "citizens"),
    (phare.indicator, "partnerng", phare.UnknownIndicatorError, "indicator", "partnering"),
    (phare.indicator, "fragility-scor", phare.UnknownIndicatorError, "indicator", "fragility-score"),
    (phare.theme, "emploii", phare.UnknownThemeError, "theme", "employment"),
    (phare.segment, "employr", phare.UnknownSegmentError, "segment", "employer"),
    (phare.study, "phare-nouvelle-aquitaine-2017", phare.UnknownStudyError, "study", "phare-nouvelle-aquitaine-2016"),
    (phare.programme, "phar", phare.UnknownProgrammeError, "programme", "PHARE"),
    (phare.programme, "IMPCT", phare.UnknownProgrammeError, "programme", "IMPACT"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lookup", "typo", "error", "kind", "suggestion"),
    TYPOS,
    ids=[f"{kind}-{typo}" for _, typo, _, kind, _ in TYPOS],
)
def test_unknown_name_suggests_the_closest(
    lookup: Callable[[str], object],
    typo: str,
    error: type[phare.UnknownNameError],
    kind: str,
    suggestion: str,
) -> None:
    with pytest.raises(error) as caught:
        lookup(typo)
    err = caught.value
    assert isinstance(err, phare.PhareError)
    assert isinstance(err, LookupError)
    assert (err.kind, err.name) == (kind, typo)
    assert err.suggestions[0] == suggestion
    message = str(err)
    assert message.startswith(f"unknown {kind} {typo!r}")
    assert f"did you mean {suggestion!r}" in message


@pytest.mark.parametrize(
    ("lookup", "error"),
    [
        (phare.region, phare.UnknownRegionError),
        (phare.actor, phare.UnknownActorError),
        (phare.indicator, phare.UnknownIndicatorError),
        (phare.theme, phare.UnknownThemeError),
        (phare.segment, phare.UnknownSegmentError),
        (phare.study, phare.UnknownStudyError),
        (phare.programme, phare.UnknownProgrammeError),
    ],
)
@pytest.mark.parametrize("nonsense", ["zzzzqqq", "", " ", "x" * 10_000])
def test_unknown_name_without_a_close_match(
    lookup: Callable[[str], object], error: type[phare.UnknownNameError], nonsense: str
) -> None:
    with pytest.raises(error) as caught:
        lookup(nonsense)
    assert caught.value.suggestions == ()
    assert "did you mean" not in str(caught.value)
    # a huge name is cut short in the message; a hint listing what exists comes on top
    assert len(str(caught.value)) - len(caught.value.hint) < 200


def test_unknown_names_in_a_figure_query() -> None:
    naq = phare.region("nouvelle-aquitaine")
    with pytest.raises(phare.UnknownActorError, match="did you mean 'companies'"):
        naq.share("compagnies", "partnering")
    with pytest.raises(phare.UnknownIndicatorError, match="did you mean 'partnering'"):
        naq.share("companies", "partnerin")
    with pytest.raises(phare.UnknownThemeError, match="did you mean 'employment'"):
        naq.value("companies", "fragility-score", theme="employmnt")
    with pytest.raises(phare.UnknownSegmentError, match="did you mean 'employer'"):
        phare.national().share("associations", "partnering", segment="employers")
    with pytest.raises(phare.UnknownStudyError, match="did you mean 'phare-entreprises-2015'"):
        phare.national().share("companies", "partnering", study="phare-entreprise-2015")


def test_unknown_names_in_figures_filters() -> None:
    with pytest.raises(phare.UnknownRegionError, match="did you mean 'bretagne'"):
        phare.figures(region="bretange")
    with pytest.raises(phare.UnknownActorError, match="did you mean 'mayors'"):
        phare.figures(actor="mayrs")
    with pytest.raises(phare.UnknownIndicatorError):
        phare.figures(indicator="partnerng")
    with pytest.raises(phare.UnknownThemeError):
        phare.figures(theme="sponsorshipp")
    with pytest.raises(phare.UnknownSegmentError):
        phare.figures(segment="smes-and-more")
    with pytest.raises(phare.UnknownStudyError):
        phare.figures(study="arpea-2099")
    with pytest.raises(phare.UnknownProgrammeError):
        phare.studies("PHARES-2")


@pytest.mark.parametrize("grade", ["D", "AB", "1", "", "best"])
def test_unknown_confidence_grade_lists_the_grades(grade: str) -> None:
    with pytest.raises(phare.UnknownNameError) as caught:
        phare.figures(min_confidence=grade)
    err = caught.value
    assert isinstance(err, LookupError)
    assert err.kind == "confidence grade"
    message = str(err)
    assert message.startswith(f"unknown confidence grade {grade!r}; ")
    assert "confidence grades are 'A', 'B' and 'C'." in message
    assert all(f"'{g}'" in message for g in "ABC")


@pytest.mark.parametrize(("grade", "kept"), [("A", "A"), ("b", "AB"), (" C ", "ABC")])
def test_confidence_grade_forgives_case_and_spaces(grade: str, kept: str) -> None:
    expected = [row.fact_id for row in FIGURES if row.confidence in kept]
    assert [f.id for f in phare.figures(min_confidence=grade)] == expected


# --- known names, no figure: FigureNotFoundError says what exists ------------------------------


def _not_found(call: Callable[[], object]) -> str:
    with pytest.raises(phare.FigureNotFoundError) as caught:
        call()
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, phare.PhareError)
    return str(caught.value)


def test_region_without_any_figure() -> None:
    message = _not_found(lambda: phare.region("la-reunion").share("companies", "partnering"))
    assert "La Réunion has no published figure" in message
    assert phare.region("la-reunion").figures() == ()


def test_an_empty_region_says_where_associations_partnering_exists() -> None:
    empty = EMPTY_REGION.name
    message = _not_found(
        lambda: phare.region(EMPTY_REGION.slug).share("associations", "partnering")
    )
    assert message.startswith(f"no figure for {empty}, associations, partnering")
    assert f"{empty} has no published figure" in message
    published_in = {
        phare.region(row.region).name
        for row in FIGURES
        if (row.actor, row.indicator) == ("associations", "partnering")
    }
    assert published_in == {"France", "Nouvelle-Aquitaine"}
    assert all(name in message for name in published_in)


def test_known_actor_without_this_indicator_lists_its_indicators() -> None:
    region = phare.region("pays-de-la-loire")
    message = _not_found(lambda: region.share("associations", "partnering"))
    expected = {
        row.indicator
        for row in FIGURES
        if (row.region, row.actor) == ("pays-de-la-loire", "associations")
    }
    assert expected == {"alliances-innovation", "priority-fragility"}
    assert all(indicator in message for indicator in expected)


def test_actor_absent_from_a_region_lists_the_actors_there() -> None:
    message = _not_found(lambda: phare.region("occitanie").share("mayors", "alliances-innovation"))
    assert "Occitanie has figures for citizens only" in message


def test_missing_segment_lists_the_variants() -> None:
    region = phare.region("nouvelle-aquitaine")
    message = _not_found(lambda: region.share("companies", "partnering", segment="sme"))
    assert "segment 'sme'" in message
    assert "companies partnering in phare-nouvelle-aquitaine-2016" in message


def test_themed_indicator_without_theme_lists_the_themes() -> None:
    message = _not_found(lambda: phare.national().value("citizens", "fragility-score"))
    themes = {
        row.theme
        for row in FIGURES
        if (row.region, row.actor, row.indicator) == ("france", "citizens", "fragility-score")
    }
    assert themes
    assert "name a theme published for citizens in France: " in message
    assert all(theme in message for theme in themes if theme is not None)


def test_themed_indicator_without_theme_where_none_is_published() -> None:
    message = _not_found(
        lambda: phare.region(EMPTY_REGION.slug).value("citizens", "fragility-score")
    )
    assert message == (
        "'fragility-score' is broken down by theme, and none is published for citizens in "
        + EMPTY_REGION.name
    )


def test_messages_read_right_in_python_and_on_the_command_line() -> None:
    # The library's words name no keyword argument and no Python call: the command line
    # prints the same message, where `theme=...` or `phare.region(...)` would mislead.
    themed = _not_found(
        lambda: phare.region("nouvelle-aquitaine").share("companies", "priority-fragility")
    )
    assert themed == (
        "'priority-fragility' is broken down by theme; "
        "name a theme published for companies in Nouvelle-Aquitaine: employment"
    )
    with pytest.raises(phare.FigureNotFoundError) as ranked:
        phare.rank("citizens", "priority-fragility")
    assert str(ranked.value) == (
        "'priority-fragility' is broken down by theme; "
        "name a theme published in the regions: employment"
    )
    with pytest.raises(phare.FormerRegionError) as former:
        phare.region("Aquitaine")
    assert str(former.value) == (
        "'Aquitaine' is a former region: since 2016 it is part of Nouvelle-Aquitaine; "
        "ask for 'nouvelle-aquitaine'"
    )
    for message in (themed, str(ranked.value), str(former.value)):
        assert "=" not in message
        assert "phare." not in message


def test_theme_on_an_unthemed_indicator() -> None:
    message = _not_found(
        lambda: phare.national().share("companies", "partnering", theme="employment")
    )
    assert "'partnering' is not broken down by theme" in message


def test_theme_of_the_wrong_kind_lists_the_themes_it_takes() -> None:
    message = _not_found(
        lambda: phare.national().value("companies", "fragility-score", theme="sponsorship")
    )
    assert "'sponsorship'" in message
    assert "unknown" not in message  # the theme is known; it is the wrong kind
    fragility_themes = [t.id for t in phare.themes() if t.kind == "fragility"]
    assert "employment" in fragility_themes
    assert all(theme in message for theme in fragility_themes)


def test_study_that_does_not_have_the_figure() -> None:
    message = _not_found(
        lambda: phare.national().share("companies", "partnering", study="phare-citoyens-2015")
    )
    assert "study 'phare-citoyens-2015'" in message
    assert "companies partnering in phare-entreprises-2015" in message
    assert "companies partnering in arpea-entreprises-territoires-2011" in message


def test_series_of_nothing() -> None:
    message = _not_found(lambda: phare.region(EMPTY_REGION.slug).series("companies", "partnering"))
    assert EMPTY_REGION.name in message


def test_compare_without_a_national_figure_of_the_same_programme() -> None:
    occitanie = phare.region("occitanie")
    assert not [
        row
        for row in FIGURES
        if (row.region, row.actor, row.indicator)
        == ("france", "citizens", "actors-insufficiently-mobilised")
    ]
    message = _not_found(lambda: occitanie.compare("citizens", "actors-insufficiently-mobilised"))
    assert "IMPACT" in message
    assert "France has none" in message


def test_compare_names_the_programme_it_looked_for() -> None:
    message = _not_found(
        lambda: phare.region("nouvelle-aquitaine").compare("associations", "wishing-to-partner")
    )
    assert "no national PHARE figure" in message
    assert "associations wishing-to-partner" in message


# --- share() on what is not a percentage -------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "actor", "indicator", "theme", "unit_words"),
    [
        ("nouvelle-aquitaine", "companies", "fragility-score", "employment", "a score out of 10"),
        ("france", "companies", "partnering-count", None, "a count"),
        ("france", "associations", "partnerships-count", None, "a count"),
        ("france", "companies", "partnering-change", None, "percentage points"),
    ],
)
def test_share_of_a_non_percent_points_to_value(
    region: str, actor: str, indicator: str, theme: str | None, unit_words: str
) -> None:
    with pytest.raises(phare.NotAPercentError) as caught:
        phare.region(region).share(actor, indicator, theme=theme)
    err = caught.value
    assert isinstance(err, ValueError)
    assert isinstance(err, phare.PhareError)
    assert not isinstance(err, LookupError)
    message = str(err)
    assert repr(indicator) in message
    assert unit_words in message
    assert "use value()" in message
    assert phare.region(region).value(actor, indicator, theme=theme) > 0


# --- wrong types: a plain TypeError, never a PhareError -----------------------------------------

WRONG = [
    pytest.param(75, id="int"),
    pytest.param(b"75", id="bytes"),
    pytest.param(["75"], id="list"),
    pytest.param(75.0, id="float"),
    pytest.param(("FR",), id="tuple"),
    pytest.param(True, id="bool"),
]
#: Where a name is required, None is a wrong type too.
WRONG_OR_NONE = [*WRONG, pytest.param(None, id="None")]


def _type_error(call: Callable[[], object]) -> TypeError:
    with pytest.raises(TypeError) as caught:
        call()
    assert caught.type is TypeError, f"{caught.type.__name__} is not a plain TypeError"
    return caught.value


@pytest.mark.parametrize("wrong", WRONG_OR_NONE)
@pytest.mark.parametrize(
    "lookup",
    [
        phare.region,
        phare.actor,
        phare.indicator,
        phare.theme,
        phare.segment,
        phare.study,
        phare.programme,
    ],
)
def test_lookup_of_a_wrong_type(lookup: Callable[[object], object], wrong: object) -> None:
    error = _type_error(lambda: lookup(wrong))
    assert "must be a str" in str(error)


@pytest.mark.parametrize(("code", "written"), [(75, "'75'"), (1, "'01'")])
def test_a_region_code_given_as_a_number_says_how_to_write_it(code: int, written: str) -> None:
    assert f"region({written})" in str(_type_error(lambda: phare.region(code)))


@pytest.mark.parametrize("wrong", WRONG_OR_NONE)
@pytest.mark.parametrize("method", ["figure", "share", "value", "compare", "series"])
def test_required_figure_argument_of_a_wrong_type(method: str, wrong: object) -> None:
    call = getattr(phare.region("nouvelle-aquitaine"), method)
    assert "actor must be a str" in str(_type_error(lambda: call(wrong, "partnering")))
    assert "indicator must be a str" in str(_type_error(lambda: call("companies", wrong)))
    segment_error = _type_error(lambda: call("companies", "partnering", segment=wrong))
    assert "segment must be a str" in str(segment_error)


@pytest.mark.parametrize("wrong", WRONG)
@pytest.mark.parametrize("method", ["figure", "share", "value", "compare"])
def test_optional_figure_argument_of_a_wrong_type(method: str, wrong: object) -> None:
    call = getattr(phare.region("nouvelle-aquitaine"), method)
    theme_error = _type_error(lambda: call("companies", "fragility-score", theme=wrong))
    assert "theme must be a str" in str(theme_error)
    study_error = _type_error(lambda: call("companies", "partnering", study=wrong))
    assert "study must be a str" in str(study_error)


@pytest.mark.parametrize("wrong", WRONG)
@pytest.mark.parametrize(
    "keyword",
    ["region", "actor", "indicator", "theme", "segment", "study", "min_confidence", "programme"],
)
def test_figures_filter_of_a_wrong_type(keyword: str, wrong: object) -> None:
    _type_error(lambda: phare.figures(**{keyword: wrong}))  # type: ignore[arg-type]


def test_studies_programme_of_a_wrong_type() -> None:
    _type_error(lambda: phare.studies(2013))  # type: ignore[arg-type]


def test_none_means_no_filter() -> None:
    assert len(phare.figures(region=None, actor=None, min_confidence=None)) == len(FIGURES)


# --- the family --------------------------------------------------------------------------------


def test_every_error_is_importable_from_phare_and_in_one_family() -> None:
    errors = [
        phare.DataError,
        phare.FigureNotFoundError,
        phare.FormerRegionError,
        phare.NotAPercentError,
        phare.UnknownActorError,
        phare.UnknownIndicatorError,
        phare.UnknownNameError,
        phare.UnknownProgrammeError,
        phare.UnknownRegionError,
        phare.UnknownSegmentError,
        phare.UnknownStudyError,
        phare.UnknownThemeError,
    ]
    assert all(issubclass(error, phare.PhareError) for error in errors)
    lookups = [e for e in errors if e not in (phare.DataError, phare.NotAPercentError)]
    assert all(issubclass(error, LookupError) for error in lookups)
    assert issubclass(phare.NotAPercentError, ValueError)
    assert all(name in phare.__all__ for name in (e.__name__ for e in errors))

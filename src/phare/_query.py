"""The query functions of phare: names to records, selections to figures.

Every public lookup lands here. Names are matched through the indices of
:mod:`phare._store` (so one spelling rule holds everywhere); a miss raises an error of the
:mod:`phare.errors` family that suggests what was meant or lists what exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from phare import _store
from phare._names import Choices, closest, code_key, normalise
from phare.errors import (
    FigureNotFoundError,
    FormerCodeError,
    FormerRegionError,
    NotAPercentError,
    UnknownActorError,
    UnknownIndicatorError,
    UnknownNameError,
    UnknownProgrammeError,
    UnknownRegionError,
    UnknownSegmentError,
    UnknownStudyError,
    UnknownThemeError,
)
from phare.model import (
    Actor,
    Comparison,
    Confidence,
    Figure,
    Figures,
    Indicator,
    Observatory,
    Programme,
    Region,
    Segment,
    Study,
    Theme,
)

if TYPE_CHECKING:
    import pandas as pd

R = TypeVar("R")
K = TypeVar("K")
V = TypeVar("V")
FigureKey = tuple[str, object, object, object, object, object]

#: Entries kept in each memo before it is emptied; real workloads use a few dozen spellings.
CACHE_LIMIT = 4096
#: Answers already given, keyed on the exact arguments, so that asking again is one dict lookup.
_region_memo: dict[object, Region] = {}
_figure_memo: dict[FigureKey, Figure] = {}
_share_memo: dict[FigureKey, float] = {}
#: The suggestion list of each index (by the index's id, with the index kept to check it).
_choices_memo: dict[int, tuple[Mapping[str, object], Choices]] = {}

#: How an error message names a unit.
UNIT_WORDS = {
    "percent": "a percentage",
    "score-10": "a score out of 10",
    "count": "a count",
    "points": "a change in percentage points",
}

CONFIDENCE_ORDER: tuple[Confidence, ...] = ("A", "B", "C")


# --- names to records ------------------------------------------------------------------------


def _check_str(kind: str, name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(f"{kind} must be a str, not {type(name).__name__}")
    return name


def _lookup(
    kind: str, error: type[UnknownNameError], name: object, index: Mapping[str, R], ident: str
) -> R:
    text = _check_str(kind, name)
    found = index.get(normalise(text))
    if found is None:
        raise error(kind, text, closest(text, _choices(index, ident)))
    return found


def _choices(index: Mapping[str, object], ident: str) -> Choices:
    """What to suggest for each key of *index* (a record's *ident*), prepared once per index."""
    cached = _choices_memo.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    choices = Choices({key: str(getattr(record, ident)) for key, record in index.items()})
    _choices_memo[id(index)] = (index, choices)
    return choices


def resolve_region(name: object) -> Region:
    """The region for any of its names or codes (uncached; see :func:`region`)."""
    if isinstance(name, int) and not isinstance(name, bool) and 0 <= name < 100:
        raise TypeError(
            f"region must be a str, not int: codes are text, as in region('{name:02d}')"
        )
    store = _store.get()
    text = _check_str("region", name)
    withdrawn = store.former_code_index.get(code_key(text))
    if withdrawn is not None:
        now = store.region_index[normalise(withdrawn.region)]
        raise FormerCodeError(text, withdrawn.name, now.slug, now.name, now.iso_3166_2)
    key = normalise(text)
    found = store.region_index.get(key)
    if found is not None:
        return found
    former = store.former_index.get(key)
    if former is not None:
        merged = store.region_index[normalise(former.merged_into)]
        raise FormerRegionError(text, former.name, merged.slug, merged.name)
    raise UnknownRegionError("region", text, closest(text, _choices(store.region_index, "slug")))


def resolve_actor(name: object) -> Actor:
    """The actor for any of its English or French names."""
    index = _store.get().actor_index
    return _lookup("actor", UnknownActorError, name, index, "id")


def resolve_indicator(name: object) -> Indicator:
    """The indicator for its identifier, label or alias."""
    index = _store.get().indicator_index
    return _lookup("indicator", UnknownIndicatorError, name, index, "id")


def resolve_theme(name: object) -> Theme:
    """The theme for its identifier, label or alias."""
    index = _store.get().theme_index
    return _lookup("theme", UnknownThemeError, name, index, "id")


def resolve_segment(name: object) -> Segment:
    """The segment for its identifier or label."""
    index = _store.get().segment_index
    return _lookup("segment", UnknownSegmentError, name, index, "id")


def resolve_study(name: object) -> Study:
    """The study for its identifier."""
    index = _store.get().study_index
    return _lookup("study", UnknownStudyError, name, index, "id")


def resolve_programme(name: object) -> Programme:
    """The programme (ARPEA, PHARE, IMPACT) for its name, in any case."""
    index = _store.get().programme_index
    return _lookup("programme", UnknownProgrammeError, name, index, "id")


def _theme_for(indicator: Indicator, theme: object) -> Theme | None:
    if theme is None:
        return None
    found = resolve_theme(theme)
    if indicator.theme_kind is None:
        raise FigureNotFoundError(f"{indicator.id!r} is not broken down by theme; leave theme out")
    if found.kind != indicator.theme_kind:
        choices = [t.id for t in _store.get().themes if t.kind == indicator.theme_kind]
        raise FigureNotFoundError(
            f"theme {found.id!r} does not apply to {indicator.id!r}, which is broken down by "
            f"{indicator.theme_kind} themes: {', '.join(choices)}"
        )
    return found


def theme_required(
    indicator: Indicator, published: Iterable[str], where: str
) -> FigureNotFoundError:
    """The error for a themed *indicator* asked without a theme: the themes published *where*.

    It names no keyword argument, so it reads right in Python and on the command line alike.

    >>> import phare
    >>> print(theme_required(phare.indicator("priority-fragility"), ["employment"], "in Occitanie"))
    'priority-fragility' is broken down by theme; name a theme published in Occitanie: employment
    >>> print(theme_required(phare.indicator("priority-fragility"), [], "in Bretagne"))
    'priority-fragility' is broken down by theme, and none is published in Bretagne
    """
    themes = sorted(set(published))
    if not themes:
        return FigureNotFoundError(
            f"{indicator.id!r} is broken down by theme, and none is published {where}"
        )
    return FigureNotFoundError(
        f"{indicator.id!r} is broken down by theme; "
        f"name a theme published {where}: {', '.join(themes)}"
    )


def _remember(memo: dict[K, V], key: K, value: V) -> None:
    """Keep *value* under *key*, unless the key holds anything but plain text (or None).

    Only exact ``str`` keys go in: a ``str`` subclass may hash or compare in ways of its own,
    and the memo must answer later callers exactly as the slow path would.
    """
    parts = key if isinstance(key, tuple) else (key,)
    if not all(part is None or type(part) is str for part in parts):
        return
    if len(memo) >= CACHE_LIMIT:
        memo.clear()
    memo[key] = value


# --- selections to figures -------------------------------------------------------------------


def recency(figure: Figure) -> tuple[int, str]:
    """The sort key that makes the latest figure win: reference year, then publication date."""
    return (figure.reference_year, figure.study.published or "")


def _candidates(
    region: Region, actor: object, indicator: object, theme: object, segment: object
) -> tuple[Actor, Indicator, Theme | None, Segment, list[Figure]]:
    """Resolve the names, then the figures of the region that match all but the study."""
    found_actor = resolve_actor(actor)
    found_indicator = resolve_indicator(indicator)
    found_theme = _theme_for(found_indicator, theme)
    found_segment = resolve_segment(segment)
    cell = _store.get().by_cell.get((region.slug, found_actor.id, found_indicator.id), ())
    if found_indicator.themed and found_theme is None:
        raise theme_required(
            found_indicator,
            (f.theme.id for f in cell if f.theme is not None),
            f"for {found_actor.id} in {region.name}",
        )
    matches = [f for f in cell if f.segment is found_segment and f.theme is found_theme]
    return found_actor, found_indicator, found_theme, found_segment, matches


def _not_found(
    region: Region,
    actor: Actor,
    indicator: Indicator,
    theme: Theme | None,
    segment: Segment,
    study: Study | None = None,
) -> FigureNotFoundError:
    asked = f"no figure for {region.name}, {actor.id}, {indicator.id}"
    if theme is not None:
        asked += f", theme {theme.id!r}"
    asked += f", segment {segment.id!r}"
    if study is not None:
        asked += f", study {study.id!r}"
    store = _store.get()
    in_region = store.by_region.get(region.slug, ())
    cell = store.by_cell.get((region.slug, actor.id, indicator.id), ())
    if not in_region:
        detail = f"{region.name} has no published figure"
        elsewhere = [
            r.name for r in store.regions if (r.slug, actor.id, indicator.id) in store.by_cell
        ]
        if elsewhere:
            detail += f"; {actor.id} {indicator.id} is published for {', '.join(elsewhere)}"
    elif cell:
        variants = sorted({f"{f.label} in {f.study.id}" for f in cell})
        detail = "what exists: " + "; ".join(variants[:12])
    else:
        of_actor = sorted({f.indicator.id for f in in_region if f.actor is actor})
        if of_actor:
            detail = f"for {actor.id} in {region.name} there are: {', '.join(of_actor)}"
        else:
            actors = sorted({f.actor.id for f in in_region})
            detail = f"{region.name} has figures for {', '.join(actors)} only"
    return FigureNotFoundError(f"{asked}: {detail}")


def figure(
    region: Region,
    actor: str,
    indicator: str,
    theme: str | None,
    segment: str,
    study: str | None,
) -> Figure:
    """The figure behind :meth:`Region.figure`, memoised on the exact arguments."""
    key: FigureKey = (region.slug, actor, indicator, theme, segment, study)
    try:
        return _figure_memo[key]
    except Exception:  # a miss, or an argument that cannot be a key: the slow path names it
        pass
    found_actor, found_indicator, found_theme, found_segment, matches = _candidates(
        region, actor, indicator, theme, segment
    )
    found_study = None if study is None else resolve_study(study)
    if found_study is not None:
        matches = [f for f in matches if f.study is found_study]
    if not matches:
        raise _not_found(
            region, found_actor, found_indicator, found_theme, found_segment, found_study
        )
    chosen = max(matches, key=recency)
    _remember(_figure_memo, key, chosen)
    return chosen


def share(
    region: Region,
    actor: str,
    indicator: str,
    theme: str | None,
    segment: str,
    study: str | None,
) -> float:
    """The figure as a fraction, or :class:`NotAPercentError` for other units.

    The hot path of the package: a question asked before costs one tuple and one dict lookup.
    """
    key: FigureKey = (region.slug, actor, indicator, theme, segment, study)
    try:
        return _share_memo[key]
    except Exception:  # a miss, or an argument that cannot be a key: figure() names it
        pass
    found = figure(region, actor, indicator, theme, segment, study)
    value = found.share
    if value is None:
        raise NotAPercentError(
            f"{found.indicator.id!r} is published as {UNIT_WORDS[found.unit]}, "
            "not a percentage; use value() instead of share()"
        )
    _remember(_share_memo, key, value)
    return value


def series(region: Region, actor: str, indicator: str, theme: str | None, segment: str) -> Figures:
    """Every study's figure for one cell, oldest first."""
    found_actor, found_indicator, found_theme, found_segment, matches = _candidates(
        region, actor, indicator, theme, segment
    )
    if not matches:
        raise _not_found(region, found_actor, found_indicator, found_theme, found_segment)
    return Figures(sorted(matches, key=recency))


def national_counterpart(regional: Figure) -> Figure | None:
    """France's latest figure of the same programme, actor, segment, indicator and theme."""
    national_cell = _store.get().by_cell.get(
        ("france", regional.actor.id, regional.indicator.id), ()
    )
    same = [
        f
        for f in national_cell
        if f.segment is regional.segment
        and f.theme is regional.theme
        and f.programme == regional.programme
    ]
    return max(same, key=recency) if same else None


def compare(
    region: Region,
    actor: str,
    indicator: str,
    theme: str | None,
    segment: str,
    study: str | None,
) -> Comparison:
    """A regional figure against the national figure of the same programme."""
    regional = figure(region, actor, indicator, theme, segment, study)
    national = national_counterpart(regional)
    if national is None:
        national_cell = _store.get().by_cell.get(
            ("france", regional.actor.id, regional.indicator.id), ()
        )
        others = sorted(
            {
                f"{f.label} in {f.programme} ({f.study.id})"
                for f in national_cell
                if f.theme is regional.theme
            }
        )
        detail = f"France has only: {'; '.join(others)}" if others else "France has none"
        raise FigureNotFoundError(
            f"no national {regional.programme} figure to compare {regional.region.name}'s "
            f"{regional.label} with; {detail}"
        )
    return Comparison(region=regional, national=national)


def region_figures(region: Region) -> Figures:
    """Every figure of one region, in table order."""
    return Figures(_store.get().by_region.get(region.slug, ()))


# --- the public functions --------------------------------------------------------------------


def region(name: str) -> Region:
    """A region, or France, by slug, name, INSEE code, ISO 3166-2 code or NUTS code.

    Case, accents, spaces, hyphens and dashes, underscores and apostrophes do not matter. A
    former region (before the 2016 merger) raises :class:`phare.FormerRegionError` naming its
    successor; codes are strings (``"75"``), and anything but a ``str`` is a :class:`TypeError`.

    >>> import phare
    >>> phare.region("Nouvelle Aquitaine") is phare.region("75") is phare.region("fri")
    True
    >>> phare.region("provence alpes cote d'azur").slug
    'provence-alpes-cote-d-azur'
    """
    try:
        return _region_memo[name]
    except Exception:  # a miss, or an argument that cannot be a key: the slow path names it
        pass
    found = resolve_region(name)
    _remember(_region_memo, name, found)
    return found


def national() -> Region:
    """France as a whole: the national figures of every programme.

    >>> import phare
    >>> phare.national() is phare.region("FR")
    True
    >>> phare.national().share("companies", "partnering", study="phare-entreprises-2015")
    0.37
    """
    return region("france")


def regions() -> tuple[Region, ...]:
    """The 18 regions (13 metropolitan, 5 overseas), France itself excluded.

    >>> import phare
    >>> len(phare.regions()), sum(r.kind == "overseas" for r in phare.regions())
    (18, 5)
    """
    return tuple(r for r in _store.get().regions if not r.is_national)


def actor(name: str) -> Actor:
    """An actor by English or French name: citizens, companies, associations, mayors.

    >>> import phare
    >>> phare.actor("Maires").id
    'mayors'
    """
    return resolve_actor(name)


def actors() -> tuple[Actor, ...]:
    """The four actors the Observatory surveys.

    >>> import phare
    >>> [a.id for a in phare.actors()]
    ['citizens', 'companies', 'associations', 'mayors']
    """
    return _store.get().actors


def indicator(name: str) -> Indicator:
    """An indicator by identifier, English or French label, or alias.

    >>> import phare
    >>> phare.indicator("partnering").unit
    'percent'
    """
    return resolve_indicator(name)


def indicators() -> tuple[Indicator, ...]:
    """Every indicator that has at least one definition in the bundled data.

    >>> import phare
    >>> phare.indicators()[0].id
    'partnering'
    """
    return _store.get().indicators


def theme(name: str) -> Theme:
    """A theme (fragility, partnership type or geographic scope) by name, in English or French.

    >>> import phare
    >>> phare.theme("mécénat").id
    'sponsorship'
    """
    return resolve_theme(name)


def themes() -> tuple[Theme, ...]:
    """Every theme a themed indicator can be broken down by.

    >>> import phare
    >>> sorted({t.kind for t in phare.themes()})
    ['fragility', 'partner', 'partnership-type', 'scope']
    """
    return _store.get().themes


def segment(name: str) -> Segment:
    """A segment of an actor (``employer``, ``sme``...) or ``all``.

    >>> import phare
    >>> phare.segment("PME").id
    'sme'
    """
    return resolve_segment(name)


def segments() -> tuple[Segment, ...]:
    """Every segment, ``all`` first.

    >>> import phare
    >>> [s.id for s in phare.segments()][:3]
    ['all', 'employer', 'non-employer']
    """
    return _store.get().segments


def study(name: str) -> Study:
    """A study by identifier.

    >>> import phare
    >>> phare.study("phare-institutions-2016").actors
    ('mayors',)
    """
    return resolve_study(name)


def studies(programme: str | None = None) -> tuple[Study, ...]:
    """The studies of the Observatory, optionally of one programme, in chronological order.

    >>> import phare
    >>> [s.id for s in phare.studies("PHARE") if s.region == "nouvelle-aquitaine"]
    ['phare-nouvelle-aquitaine-2016']
    >>> {s.programme for s in phare.studies("ARPEA")}
    {'ARPEA'}
    """
    found = _store.get().studies
    if programme is None:
        return found
    wanted = resolve_programme(programme).id
    return tuple(s for s in found if s.programme == wanted)


def programme(name: str) -> Programme:
    """A programme of the Observatory by name: ARPEA, PHARE or IMPACT, in any case.

    >>> import phare
    >>> phare.programme("impact").start_year
    2018
    """
    return resolve_programme(name)


def programmes() -> tuple[Programme, ...]:
    """The three five-year programmes, oldest first.

    >>> import phare
    >>> [p.period for p in phare.programmes()]
    ['2008-2012', '2013-2017', '2018-', '2024-']
    """
    return _store.get().observatory.programmes


def observatory() -> Observatory:
    """The Observatoire national des partenariats itself.

    >>> import phare
    >>> phare.observatory().name
    'Observatoire national des partenariats'
    """
    return _store.get().observatory


def figures(
    region: str | None = None,
    actor: str | None = None,
    indicator: str | None = None,
    theme: str | None = None,
    segment: str | None = None,
    study: str | None = None,
    min_confidence: str | None = None,
    programme: str | None = None,
) -> Figures:
    """Every bundled figure that passes all the filters given, in table order.

    ``min_confidence="B"`` keeps grades A and B. Names follow the same spelling rules as
    :func:`region` and :func:`actor`.

    >>> import phare
    >>> len(phare.figures()) == len(phare.to_frame())
    True
    >>> [f.value for f in phare.figures(region="nouvelle-aquitaine", indicator="partnering")]
    [45.0, 26.0]
    >>> {f.confidence for f in phare.figures(region="nouvelle-aquitaine", min_confidence="A")}
    {'A'}
    >>> [f.value for f in phare.figures(region="nouvelle-aquitaine", actor="mayors")]
    []
    """
    selected: list[Figure] = list(_store.get().figures)
    if region is not None:
        wanted_region = resolve_region(region)
        selected = [f for f in selected if f.region is wanted_region]
    if actor is not None:
        wanted_actor = resolve_actor(actor)
        selected = [f for f in selected if f.actor is wanted_actor]
    if indicator is not None:
        wanted_indicator = resolve_indicator(indicator)
        selected = [f for f in selected if f.indicator is wanted_indicator]
    if theme is not None:
        wanted_theme = resolve_theme(theme)
        selected = [f for f in selected if f.theme is wanted_theme]
    if segment is not None:
        wanted_segment = resolve_segment(segment)
        selected = [f for f in selected if f.segment is wanted_segment]
    if study is not None:
        wanted_study = resolve_study(study)
        selected = [f for f in selected if f.study is wanted_study]
    if programme is not None:
        wanted_programme = resolve_programme(programme).id
        selected = [f for f in selected if f.programme == wanted_programme]
    if min_confidence is not None:
        grades = _grades_from(min_confidence)
        selected = [f for f in selected if f.confidence in grades]
    return Figures(selected)


def _grades_from(min_confidence: object) -> tuple[Confidence, ...]:
    text = _check_str("min_confidence", min_confidence)
    grade = text.strip().upper()
    if grade not in CONFIDENCE_ORDER:
        raise UnknownNameError(
            "confidence grade", text, [], "grades are 'A' (the surest), 'B' and 'C'"
        )
    return CONFIDENCE_ORDER[: CONFIDENCE_ORDER.index(grade) + 1]


def to_frame(
    region: str | None = None,
    actor: str | None = None,
    indicator: str | None = None,
    theme: str | None = None,
    segment: str | None = None,
    study: str | None = None,
    min_confidence: str | None = None,
    programme: str | None = None,
) -> pd.DataFrame:
    """The figures that pass the filters of :func:`figures`, as one tidy DataFrame.

    >>> import phare
    >>> df = phare.to_frame(region="nouvelle-aquitaine", indicator="partnering")
    >>> df[["actor", "share"]].values.tolist()
    [['companies', 0.45], ['associations', 0.26]]
    """
    from phare import frame

    return frame.to_frame(
        figures(region, actor, indicator, theme, segment, study, min_confidence, programme)
    )

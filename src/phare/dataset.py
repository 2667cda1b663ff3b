"""A dataset of the Observatory's figures, and every query it answers.

:class:`Dataset` is the one object behind the API: ``phare.region(...)`` is the bundled
dataset's :meth:`Dataset.region`, and ``phare.load(folder)`` gives another dataset, read from a
copy of the data package laid out like ``phare/data/`` and checked by the same rules. Records
keep a reference to the dataset that loaded them, so a region of a copy answers from that copy.

The modules of the answers few queries need (rankings, citations) are imported by the methods
that need them, so a process that only looks figures up never loads them (see
docs/performance.md). Data is read on first use, once, under a lock; a process forked while another thread was
loading starts with a fresh lock, so the child never waits on a lock nobody will release.
"""

from __future__ import annotations

import itertools
import os
import threading
from typing import TYPE_CHECKING

from phare._names import closest, fold, normalise
from phare._query import (
    ChoicesMemo,
    FigureKey,
    choices_of,
    lookup,
    plain,
    recency,
    remember,
    theme_required,
    without_figures,
    year_range,
)
from phare._store import OBSERVATORY_ID, DataFolder, DataSource, Store, citations
from phare.errors import (
    DepartementError,
    FigureNotFoundError,
    FormerCodeError,
    FormerNameError,
    FormerRegionError,
    NotAPercentError,
    PhareError,
    UnknownActorError,
    UnknownIndicatorError,
    UnknownProgrammeError,
    UnknownRegionError,
    UnknownSegmentError,
    UnknownStudyError,
    UnknownThemeError,
)
from phare.model import (
    Comparison,
    Figures,
    FormerCode,
    FormerName,
    FormerRegion,
    Region,
    Series,
)
from phare.vocabulary import UNIT_WORDS, grades_from, plain_text, type_name

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from phare.model import (
        Actor,
        Dispute,
        Figure,
        Indicator,
        Observatory,
        Programme,
        Segment,
        Study,
        Theme,
    )
    from phare.vocabulary import Style

#: The one lock every first load takes; replaced in a forked child (see :func:`_fresh_lock`).
_load_lock = threading.Lock()


def _fresh_lock() -> None:
    """Give a forked child a lock of its own: the parent's may be held by a thread that is gone."""
    global _load_lock
    _load_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # pragma: no branch - absent on Windows only
    os.register_at_fork(after_in_child=_fresh_lock)


def load(path: DataSource) -> Dataset:
    """Read and check the data package in the folder *path*: a dataset of your own.

    The folder is laid out like ``phare/data/`` (copy it, then add rows), and is checked by the
    same rules as the bundled data: a broken table raises :class:`phare.DataError` naming the
    file, the line and the field. The dataset answers the same queries as the ``phare``
    module, and its records answer from it, never from the bundled data.

    >>> import phare, shutil, tempfile
    >>> from importlib.resources import files
    >>> copy = shutil.copytree(str(files("phare") / "data"), tempfile.mkdtemp() + "/data")
    >>> mine = phare.load(copy)
    >>> mine.region("nouvelle-aquitaine").share("companies", "partnering")
    0.45
    >>> mine.region("nouvelle-aquitaine") == phare.region("nouvelle-aquitaine")
    True
    """
    DataFolder(path, "phare.load()")  # a wrong type or an empty path, named as load's
    dataset = Dataset(path)
    dataset._tables()
    return dataset


class Dataset:
    """The figures of one data package, with every query of the ``phare`` module as a method.

    ``Dataset()`` is the bundled data (what the ``phare`` module functions answer from), read on
    first use; :func:`phare.load` reads a folder of your own at once.

    >>> import phare
    >>> mine = phare.Dataset()
    >>> mine.region("FR-NAQ").name
    'Nouvelle-Aquitaine'
    """

    __slots__ = (
        "_choices_memo", "_figure_memo", "_region_memo", "_share_memo", "_source", "_store"
    )  # fmt: skip

    def __init__(self, source: DataSource | None = None) -> None:
        if source is not None:
            DataFolder(source, "phare.Dataset()")  # refused when given, not on first use
        self._source = source
        self._store: Store | None = None
        #: Answers already given, keyed on the exact arguments: asking again is a dict lookup.
        self._region_memo: dict[object, Region] = {}
        self._figure_memo: dict[FigureKey, Figure] = {}
        self._share_memo: dict[FigureKey, float] = {}
        #: What a miss suggests, prepared once per index on the first miss.
        self._choices_memo: ChoicesMemo = {}

    def _tables(self) -> Store:
        """The loaded tables, read and checked on the first call, under a lock."""
        store = self._store
        if store is None:
            with _load_lock:
                if self._store is None:
                    self._store = Store(self._source, owner=self)
                store = self._store
        return store

    @property
    def version(self) -> str:
        """The version of the data: the date of its last change, the ``version`` of its descriptor.

        It changes apart from the code's (a new figure is a data change, not a new feature), and
        every citation and file export says which one it used.

        >>> import phare
        >>> version = phare.Dataset().version
        >>> version == phare.__data_version__, len(version), version[4], version[7]
        (True, 10, '-', '-')
        """
        return self._tables().version

    def __repr__(self) -> str:
        where = "bundled data" if self._source is None else repr(str(self._source))
        return f"<Dataset of {where}>"

    def region(self, name: str) -> Region:
        """A region, or France, by slug, name, INSEE code, ISO 3166-2 code or NUTS code.

        Case, accents and punctuation do not matter. A name's words may be split or run together
        anywhere; a code keeps its boundaries where they are (``"(FR-NAQ)"`` is ``FR-NAQ``, but
        ``"5.3"`` is not ``53``). A former region (before the 2016 merger), by name, INSEE code
        or NUTS-2 code (``"FRI1"``), raises :class:`phare.FormerRegionError` naming its
        successor, an ISO code withdrawn then :class:`phare.FormerCodeError`, a former or
        provisional name (``"Centre"``, ``"Nord-Pas-de-Calais-Picardie"``)
        :class:`phare.FormerNameError`, and a département, by INSEE code, ``FR-`` code or name
        (``"33"``, ``"FR-2A"``, ``"Gironde"``), :class:`phare.DepartementError`, each naming the
        region to ask for. Region codes are looked up first, so a code that is both a region's
        and a département's (``"75"``) is the region's. Codes are strings (``"75"``), and anything
        but a ``str`` is a :class:`TypeError`.

        >>> import phare
        >>> phare.region("Nouvelle Aquitaine") is phare.region("75") is phare.region("fri")
        True
        >>> phare.region("provence alpes cote d'azur").slug
        'provence-alpes-cote-d-azur'
        """
        if type(name) is str:  # anything else may hash or compare in ways of its own
            known = self._region_memo.get(name)
            if known is not None:
                return known
        found = self._resolve_region(name)
        remember(self._region_memo, name, found)
        return found

    def _resolve_region(self, name: object) -> Region:
        """The region for any of its names or codes (uncached; see :meth:`region`).

        Codes are looked up first, by :func:`~phare._names.fold` (boundaries count), then names,
        by :func:`~phare._names.normalise`; both indices fold by the same rule, so a withdrawn
        code is refused in every spelling the lookup would forgive.
        """
        if isinstance(name, int) and not isinstance(name, bool):
            raise TypeError(
                "region must be a str, not int: codes are text, as in "
                f"region('{int.__format__(name, '02d')}')"
            )
        store = self._tables()
        text = plain_text("region", name)
        known: Region | FormerRegion | FormerCode | FormerName | None
        known = store.code_index.get(fold(text))
        if known is None:
            key = normalise(text)
            known = store.region_index.get(key) or store.former_index.get(key)
        if isinstance(known, Region):
            return known
        if isinstance(known, FormerCode):
            now = store.region_index[normalise(known.region)]
            raise FormerCodeError(text, known.name, now.slug, now.name, now.iso_3166_2)
        if isinstance(known, FormerRegion):
            merged = store.region_index[normalise(known.merged_into)]
            is_nuts = fold(text) == fold(known.nuts)
            raise FormerRegionError(
                text, known.name, merged.slug, merged.name, "NUTS-2 code" if is_nuts else ""
            )
        if isinstance(known, FormerName):
            now = store.region_index[normalise(known.region)]
            raise FormerNameError(text, known.kind, now.slug, now.name)
        departement = store.departement_code_index.get(fold(text)) or store.departement_index.get(
            normalise(text)
        )
        if departement is not None:  # after every region code and name: region codes win
            home = store.region_index[normalise(departement.region)]
            raise DepartementError(text, departement.name, home.slug, home.name)

        def suggest() -> dict[str, str]:  # names, and codes run together ("5.3" finds 53)
            codes = {normalise(c): r for c, r in store.code_index.items() if isinstance(r, Region)}
            return {key: r.slug for key, r in {**codes, **store.region_index}.items()}

        raise UnknownRegionError(
            "region", text, closest(text, choices_of(self._choices_memo, store.code_index, suggest))
        )

    def national(self) -> Region:
        """France as a whole: the national figures of every programme.

        >>> import phare
        >>> phare.national() is phare.region("FR")
        True
        >>> phare.national().share("companies", "partnering", study="phare-entreprises-2015")
        0.37
        """
        return self.region("france")

    def regions(self) -> tuple[Region, ...]:
        """The 18 regions (13 metropolitan, 5 overseas), France itself excluded.

        >>> import phare
        >>> len(phare.regions()), sum(r.kind == "overseas" for r in phare.regions())
        (18, 5)
        """
        return tuple(r for r in self._tables().regions if not r.is_national)

    def actor(self, name: str) -> Actor:
        """An actor by English or French name: citizens, companies, associations, mayors.

        >>> import phare
        >>> phare.actor("Maires").id
        'mayors'
        """
        return lookup(
            "actor", UnknownActorError, name, self._tables().actor_index, "id",
            memo=self._choices_memo,
        )  # fmt: skip

    def actors(self) -> tuple[Actor, ...]:
        """The four actors the Observatory surveys.

        >>> import phare
        >>> [a.id for a in phare.actors()]
        ['citizens', 'companies', 'associations', 'mayors']
        """
        return self._tables().actors

    def indicator(self, name: str) -> Indicator:
        """An indicator by identifier, English or French label, or alias.

        >>> import phare
        >>> phare.indicator("partnering").unit
        'percent'
        """
        return lookup(
            "indicator", UnknownIndicatorError, name, self._tables().indicator_index, "id",
            memo=self._choices_memo,
        )  # fmt: skip

    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator that has at least one definition in the bundled data.

        >>> import phare
        >>> phare.indicators()[0].id
        'partnering'
        """
        return self._tables().indicators

    def theme(self, name: str) -> Theme:
        """A theme (fragility, partnership type or geographic scope) by name, in English or French.

        >>> import phare
        >>> phare.theme("mécénat").id
        'sponsorship'

        A miss lists the themes that exist:

        >>> phare.theme("housing")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        phare.errors.UnknownThemeError: unknown theme 'housing'; the themes are: ...
        """
        themes = self._tables().themes
        return lookup(
            "theme",
            UnknownThemeError,
            name,
            self._tables().theme_index,
            "id",
            lambda _: "the themes are: " + ", ".join(t.id for t in themes),
            memo=self._choices_memo,
        )

    def themes(self) -> tuple[Theme, ...]:
        """Every theme a themed indicator can be broken down by.

        >>> import phare
        >>> sorted({t.kind for t in phare.themes()})
        ['fragility', 'partner', 'partnership-type', 'scope']
        """
        return self._tables().themes

    def segment(self, name: str) -> Segment:
        """A segment of an actor (``employer``, ``sme``...) or ``all``.

        >>> import phare
        >>> phare.segment("PME").id
        'sme'
        """
        return lookup(
            "segment", UnknownSegmentError, name, self._tables().segment_index, "id",
            memo=self._choices_memo,
        )  # fmt: skip

    def segments(self) -> tuple[Segment, ...]:
        """Every segment, ``all`` first.

        >>> import phare
        >>> [s.id for s in phare.segments()][:3]
        ['all', 'employer', 'non-employer']
        """
        return self._tables().segments

    def study(self, name: str) -> Study:
        """A study by identifier.

        >>> import phare
        >>> phare.study("phare-institutions-2016").actors
        ('mayors',)

        A programme's name is not a study's; the error lists the programme's studies:

        >>> phare.study("PHARE")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        phare.errors.UnknownStudyError: unknown study 'PHARE'; ...'PHARE' is a programme; its studies: phare-...
        """
        return lookup(
            "study", UnknownStudyError, name, self._tables().study_index, "id",
            self._programme_hint, memo=self._choices_memo,
        )  # fmt: skip

    def _programme_hint(self, text: str) -> str:
        """What a study lookup that missed says when the name is a programme's."""
        programme = self._tables().programme_index.get(normalise(text))
        if programme is None:
            return ""
        studies = ", ".join(s.id for s in self.studies(programme.id)) or "none yet"
        return f"{programme.id!r} is a programme; its studies: {studies}"

    def studies(self, programme: str | None = None) -> tuple[Study, ...]:
        """The studies of the Observatory, optionally of one programme, in chronological order.

        >>> import phare
        >>> [s.id for s in phare.studies("PHARE") if s.region == "nouvelle-aquitaine"]
        ['phare-nouvelle-aquitaine-2016']
        >>> {s.programme for s in phare.studies("ARPEA")}
        {'ARPEA'}
        """
        found = self._tables().studies
        if programme is None:
            return found
        wanted = self.programme(programme).id
        return tuple(s for s in found if s.programme == wanted)

    def programme(self, name: str) -> Programme:
        """A programme of the Observatory by name (ARPEA, PHARE, IMPACT...), in any case.

        >>> import phare
        >>> phare.programme("impact").start_year
        2018
        """
        return lookup(
            "programme", UnknownProgrammeError, name, self._tables().programme_index, "id",
            memo=self._choices_memo,
        )  # fmt: skip

    def programmes(self) -> tuple[Programme, ...]:
        """The programmes of the Observatory, oldest first.

        >>> import phare
        >>> [p.period for p in phare.programmes()]
        ['2008-2012', '2013-2017', '2018-2022', '2024-']
        """
        return self._tables().observatory.programmes

    def observatory(self) -> Observatory:
        """The Observatoire national des partenariats itself.

        >>> import phare
        >>> phare.observatory().name
        'Observatoire national des partenariats'
        """
        return self._tables().observatory

    def figures(
        self,
        region: str | None = None,
        actor: str | None = None,
        indicator: str | None = None,
        theme: str | None = None,
        segment: str | None = None,
        study: str | None = None,
        min_confidence: str | None = None,
        programme: str | None = None,
        *,
        disputed: bool | None = None,
        years: tuple[int | None, int | None] | None = None,
    ) -> Figures:
        """Every bundled figure that passes all the filters given, in table order.

        ``min_confidence="B"`` keeps grades A and B. Names follow the same spelling rules as
        :func:`region` and :func:`actor`. ``disputed=True`` keeps the figures another source
        contradicts (:func:`disputes` lists what each says), ``disputed=False`` the others.
        ``years=(2015, 2021)`` keeps the reference years from 2015 to 2021, both included;
        ``None`` at either end leaves it open (``years=(2018, None)``). A ``disputed`` that is not
        a ``bool``, or ``years`` that are not a pair of integers, is a :class:`TypeError`; a range
        that ends before it starts is a :class:`phare.PhareError`.

        >>> import phare
        >>> len(phare.figures()) == len(phare.to_frame())
        True
        >>> [f.value for f in phare.figures(region="nouvelle-aquitaine", indicator="partnering")]
        [45.0, 26.0]
        >>> {f.confidence for f in phare.figures(region="nouvelle-aquitaine", min_confidence="A")}
        {'A'}
        >>> [f.value for f in phare.figures(region="nouvelle-aquitaine", actor="mayors")]
        []
        >>> all(f.disputed for f in phare.figures(disputed=True))
        True
        >>> [f.reference_year for f in phare.figures(
        ...     region="france", actor="companies", indicator="partnering", segment="all",
        ...     years=(2011, 2021))]
        [2015, 2021]
        """
        if disputed is not None and not isinstance(disputed, bool):
            raise TypeError(f"disputed must be True, False or None, not {type_name(disputed)}")
        first, last = (None, None) if years is None else year_range(years)
        selected: list[Figure] = list(self._tables().figures)
        if region is not None:
            wanted_region = self._resolve_region(region)
            selected = [f for f in selected if f.region is wanted_region]
        if actor is not None:
            wanted_actor = self.actor(actor)
            selected = [f for f in selected if f.actor is wanted_actor]
        if indicator is not None:
            wanted_indicator = self.indicator(indicator)
            selected = [f for f in selected if f.indicator is wanted_indicator]
        if theme is not None:
            wanted_theme = self.theme(theme)
            selected = [f for f in selected if f.theme is wanted_theme]
        if segment is not None:
            wanted_segment = self.segment(segment)
            selected = [f for f in selected if f.segment is wanted_segment]
        if study is not None:
            wanted_study = self.study(study)
            selected = [f for f in selected if f.study is wanted_study]
        if programme is not None:
            wanted_programme = self.programme(programme).id
            selected = [f for f in selected if f.programme == wanted_programme]
        if min_confidence is not None:
            grades = grades_from(min_confidence)
            selected = [f for f in selected if f.confidence in grades]
        if disputed is not None:
            selected = [f for f in selected if f.disputed is disputed]
        if first is not None:
            selected = [f for f in selected if f.reference_year >= first]
        if last is not None:
            selected = [f for f in selected if f.reference_year <= last]
        return Figures(selected)

    def to_frame(
        self,
        region: str | None = None,
        actor: str | None = None,
        indicator: str | None = None,
        theme: str | None = None,
        segment: str | None = None,
        study: str | None = None,
        min_confidence: str | None = None,
        programme: str | None = None,
        *,
        disputed: bool | None = None,
        years: tuple[int | None, int | None] | None = None,
        lang: str | None = None,
    ) -> pd.DataFrame:
        """The figures that pass the filters of :func:`figures`, as one tidy DataFrame.

        The columns are those of :data:`phare.frame.COLUMNS`. With ``lang="en"`` or ``"fr"``
        (any case), five more follow, in that language: ``actor_label``, ``segment_label``,
        ``indicator_label``, ``theme_label`` (missing without a theme) and ``unit_label``; the ids
        stay the keys, and the notes stay in English, as the sources were read. Another language
        is a :class:`phare.UnknownNameError` listing ``'en'`` and ``'fr'``.

        >>> import phare
        >>> df = phare.to_frame(region="nouvelle-aquitaine", indicator="partnering")
        >>> df[["actor", "share"]].values.tolist()
        [['companies', 0.45], ['associations', 0.26]]
        >>> fr = phare.to_frame(region="nouvelle-aquitaine", indicator="partnering", lang="fr")
        >>> fr[["actor_label", "indicator_label", "unit_label"]].values.tolist()[0]
        ['Entreprises', 'Pratique déjà le partenariat', 'pourcentage']
        """
        from phare import frame

        return frame.to_frame(
            self.figures(
                region,
                actor,
                indicator,
                theme,
                segment,
                study,
                min_confidence,
                programme,
                disputed=disputed,
                years=years,
            ),
            lang,
        )

    def disputes(self) -> pd.DataFrame:
        """Every dispute of the dataset, one row each: where sources disagree, and what was kept.

        Columns: ``subject_kind`` (``figure``, ``study``, ``programme`` or ``observatory``) and
        ``subject_id`` (the figure's, study's or programme's id, or the Observatory's), the
        ``field`` in dispute, the value ``kept`` and the ``other`` one as the disputing source
        words it, ``other_value`` (its number, when it has one), ``source`` (the id of the
        disputing source, its URL for a web page: the key of :func:`sources`) and the ``note``
        on why the kept value was preferred. The Observatory's disputes come first, then the
        programmes', the studies' and the figures', each in table order. The texts are in
        English.

        >>> import phare
        >>> d = phare.disputes()
        >>> d[d["subject_id"] == "fr-companies-partnerships-count-2015"][
        ...     ["subject_kind", "field", "kept", "other_value"]].values.tolist()
        [['figure', 'value', 'more than 674 000', 675000.0]]
        >>> set(d.loc[d["subject_kind"] == "figure", "subject_id"]) == {
        ...     f.id for f in phare.figures(disputed=True)}
        True
        """
        from phare import frame

        rows = [
            {
                "subject_kind": kind,
                "subject_id": subject,
                "field": d.field,
                "kept": d.kept,
                "other": d.other,
                "other_value": d.other_value,
                "source": d.source.id,
                "note": d.note,
            }
            for kind, subject, d in self._disputes_of(self._tables().figures)
        ]
        return frame.table(
            rows, DISPUTE_COLUMNS, floats=("other_value",), categories=("subject_kind", "field")
        )

    def _disputes_of(self, figures: Iterable[Figure]) -> list[tuple[str, str, Dispute]]:
        """(subject kind, subject id, dispute) for every dispute but those of other figures.

        The Observatory's come first, then the programmes', the studies' and those of
        *figures*: the rows of :meth:`disputes` (all the figures) and of a file export's
        disputes table (the exported figures).
        """
        observatory = self._tables().observatory
        subjects = [
            ("observatory", OBSERVATORY_ID, observatory.disputes),
            *(("programme", p.id, p.disputes) for p in observatory.programmes),
            *(("study", s.id, s.disputes) for s in self._tables().studies),
            *(("figure", f.id, f.disputes) for f in figures),
        ]
        return [(kind, subject, d) for kind, subject, disputes in subjects for d in disputes]

    def sources(self) -> pd.DataFrame:
        """Every source the dataset cites, one row each, with how many figures cite it.

        Columns: ``id`` (the URL of a web page, or ``seed:`` and a name for a document without
        an address), ``url`` (missing for such a document), ``publisher``, ``title`` and
        ``figures``, the number of figures read from it (0 for a source cited only by studies,
        programmes, disputes or the Observatory). Rows follow ``sources.csv``.

        >>> import phare
        >>> s = phare.sources()
        >>> int(s["figures"].sum()) == len(phare.figures())
        True
        >>> seed = s[s["id"] == "seed:press-release-phare-nouvelle-aquitaine"]
        >>> seed["url"].isna().tolist(), seed["publisher"].tolist()
        ([True], ['Le RAMEAU'])
        """
        from phare import frame

        store = self._tables()
        cited: dict[str, int] = {}
        for kind, source in citations(store):
            if kind == "figures":
                cited[source.id] = cited.get(source.id, 0) + 1
        rows = [
            {
                "id": source.id,
                "url": source.url,
                "publisher": source.publisher,
                "title": source.title,
                "figures": cited.get(source.id, 0),
            }
            for source in store.sources.values()
        ]
        return frame.table(rows, SOURCE_COLUMNS, integers=("figures",))

    def _national_counterpart(self, regional: Figure) -> Figure | None:
        """France's latest figure of the same programme, actor, segment, indicator and theme."""
        national_cell = self._tables().by_cell.get(
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

    def _theme_for(self, indicator: Indicator, theme: str | None) -> Theme | None:
        """The theme *theme* names for *indicator*; a miss lists the themes of that indicator.

        An indicator not broken down by theme says so first, whatever the theme asked.
        """
        if theme is None:
            return None
        if indicator.theme_kind is None:
            plain_text("theme", theme)
            raise FigureNotFoundError(
                f"{indicator.id!r} is not broken down by theme; leave theme out"
            )
        choices = [t.id for t in self._tables().themes if t.kind == indicator.theme_kind]
        applies = f"{indicator.id!r} is broken down by {indicator.theme_kind} themes: "
        try:
            found = self.theme(theme)
        except UnknownThemeError as err:
            raise UnknownThemeError(
                "theme", err.name, err.suggestions, applies + ", ".join(choices)
            ) from None
        if found.kind != indicator.theme_kind:
            raise FigureNotFoundError(
                f"theme {found.id!r} does not apply to {indicator.id!r}, which is broken down by "
                f"{indicator.theme_kind} themes: {', '.join(choices)}"
            )
        return found

    def _candidates(
        self, region: Region, actor: str, indicator: str, theme: str | None, segment: str
    ) -> tuple[Actor, Indicator, Theme | None, Segment, list[Figure]]:
        """Resolve the names, then the figures of the region that match all but the study."""
        found_actor = self.actor(actor)
        found_indicator = self.indicator(indicator)
        found_theme = self._theme_for(found_indicator, theme)
        found_segment = self.segment(segment)
        cell = self._tables().by_cell.get((region.slug, found_actor.id, found_indicator.id), ())
        if found_indicator.themed and found_theme is None:
            raise theme_required(
                found_indicator,
                (f.theme.id for f in cell if f.theme is not None),
                f"for {found_actor.id} in {region.name}",
            )
        matches = [f for f in cell if f.segment is found_segment and f.theme is found_theme]
        return found_actor, found_indicator, found_theme, found_segment, matches

    def _not_found(
        self,
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
        store = self._tables()
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
        unpublished = without_figures(self._reports_without_figures(region))
        if unpublished:
            detail += f"; {unpublished}"
        return FigureNotFoundError(f"{asked}: {detail}")

    def _reports_without_figures(self, region: Region) -> tuple[Study, ...]:
        """The studies of *region* that no figure comes from: reports known, figures not public."""
        cited = {f.study.id for f in self._tables().by_region.get(region.slug, ())}
        return tuple(
            s for s in self._tables().studies if s.region == region.slug and s.id not in cited
        )

    def _figure(
        self,
        region: Region,
        actor: str,
        indicator: str,
        theme: str | None,
        segment: str,
        study: str | None,
    ) -> Figure:
        """The figure behind :meth:`Region.figure`, memoised on the exact arguments."""
        key: FigureKey = (region.slug, actor, indicator, theme, segment, study)
        if plain(actor, indicator, theme, segment, study):
            known = self._figure_memo.get(key)
            if known is not None:
                return known
        found_actor, found_indicator, found_theme, found_segment, matches = self._candidates(
            region, actor, indicator, theme, segment
        )
        found_study = None if study is None else self.study(study)
        if found_study is not None:
            matches = [f for f in matches if f.study is found_study]
        if not matches:
            raise self._not_found(
                region, found_actor, found_indicator, found_theme, found_segment, found_study
            )
        chosen = max(matches, key=recency)
        remember(self._figure_memo, key, chosen)
        return chosen

    def _share(
        self,
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
        if plain(actor, indicator, theme, segment, study):
            known_share = self._share_memo.get(key)
            if known_share is not None:
                return known_share
        found = self._figure(region, actor, indicator, theme, segment, study)
        value = found.share
        if value is None:
            raise NotAPercentError(
                f"{found.indicator.id!r} is published as {UNIT_WORDS[found.unit]}, "
                "not a percentage; use value() instead of share()"
            )
        remember(self._share_memo, key, value)
        return value

    def _series(
        self, region: Region, actor: str, indicator: str, theme: str | None, segment: str
    ) -> Series:
        """Every study's figure for one cell, oldest first, with the breaks between waves."""
        found_actor, found_indicator, found_theme, found_segment, matches = self._candidates(
            region, actor, indicator, theme, segment
        )
        if not matches:
            raise self._not_found(region, found_actor, found_indicator, found_theme, found_segment)
        waves = sorted(matches, key=recency)
        known = self._tables().breaks
        found = (known.get((a.id, b.id)) for a, b in itertools.pairwise(waves))
        return Series(waves, (b for b in found if b is not None))

    def _compare(
        self,
        region: Region,
        actor: str,
        indicator: str,
        theme: str | None,
        segment: str,
        study: str | None,
    ) -> Comparison:
        """A regional figure against the national figure of the same programme."""
        if region.is_national:
            raise PhareError(
                f"{region.name} is the reference every region is compared with, not a region to "
                "compare with it; ask a region, as in "
                "phare.region('nouvelle-aquitaine').compare(...)"
            )
        regional = self._figure(region, actor, indicator, theme, segment, study)
        national = self._national_counterpart(regional)
        if national is None:
            national_cell = self._tables().by_cell.get(
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

    def _region_figures(self, region: Region) -> Figures:
        """Every figure of one region, in table order."""
        return Figures(self._tables().by_region.get(region.slug, ()))

    def rank(
        self,
        actor: str,
        indicator: str,
        *,
        theme: str | None = None,
        segment: str = "all",
        programme: str | None = None,
        min_confidence: str | None = None,
        lang: str | None = None,
    ) -> pd.DataFrame:
        """The regions that published a figure, ranked by value, against France, as a DataFrame.

        One row per region (France itself is the yardstick, not a row), highest value first:
        ``rank`` (ties share a rank), the region's ``region`` slug and ``region_name``, ``value``
        as published and its ``unit``, ``share`` (percentages only), ``national_value``,
        ``national_study`` and ``national_confidence``, France's figure of the same programme and
        where it comes from, and ``difference``, the gap to it (all missing when France has none),
        and the figure's ``reference_year``, ``study``, ``programme``, ``confidence`` and
        ``source_url``. ``programme="PHARE"`` or ``min_confidence="A"`` narrow the field, on both
        sides: France's figure passes the same filters. A region with several studies counts once,
        with its latest figure. *actor*, *indicator* and *segment* are text, never ``None``.
        With ``lang="en"`` or ``"fr"``, a last column ``unit_label`` names the unit in that
        language (as in :func:`to_frame`); the region names are the regions' own.

        >>> import phare
        >>> df = phare.rank("citizens", "alliances-innovation")
        >>> naq = df[df["region"] == "nouvelle-aquitaine"]
        >>> naq[["value", "national_value", "difference", "programme"]].values.tolist()
        [[67.0, 69.0, -2.0, 'PHARE']]
        >>> naq[["national_study", "national_confidence"]].values.tolist()
        [['phare-citoyens-2015', 'A']]
        >>> list(df["rank"]) == sorted(df["rank"]) and df["value"].is_monotonic_decreasing
        True
        >>> phare.rank("citizens", "alliances-innovation", lang="fr")["unit_label"].iloc[0]
        'pourcentage'
        """
        from phare import _analysis

        return _analysis.rank(
            self,
            actor,
            indicator,
            theme=theme,
            segment=segment,
            programme=programme,
            min_confidence=min_confidence,
            lang=lang,
        )

    def coverage(self) -> pd.DataFrame:
        """Where data exists: one row per region, France first, with its figures counted by actor.

        Columns: ``region`` (slug), ``region_name``, one column per actor (``citizens``,
        ``companies``, ``associations``, ``mayors``), ``total``, and
        ``reports_without_figures``: the region's reports that are known (title and year) but
        of which no figure is public yet, empty when there is none. Every region is listed,
        those without any figure too, so the gaps show, and a gap with a report says so. It
        takes no ``lang``: its only words are the regions' own names, the reports' titles and
        the actor ids that head its columns, which
        ``rename(columns={a.id: a.label_fr for a in phare.actors()})`` puts in French.

        >>> import phare
        >>> cov = phare.coverage()
        >>> len(cov) == len(phare.regions()) + 1, int(cov["total"].sum()) == len(phare.figures())
        (True, True)
        >>> cov[cov["region"] == "nouvelle-aquitaine"].values.tolist()
        [['nouvelle-aquitaine', 'Nouvelle-Aquitaine', 2, 7, 4, 0, 13, '']]
        >>> cov[cov["region"] == "normandie"][["total", "reports_without_figures"]].values.tolist()
        [[0, 'IMPACT-Normandie (2020)']]
        """
        from phare import _analysis

        return _analysis.coverage(self)

    def cite(self, style: Style = "text") -> str:
        r"""How to cite phare's dataset, the package, and the Observatory whose figures it carries.

        Cite the dataset (its data version says which figures you saw) and each figure
        (:meth:`phare.Figure.cite`) or study (:meth:`phare.Study.cite`) for the numbers.
        ``style="bibtex"`` gives three entries: a ``@dataset`` for the data (the year and version
        of its last change), a ``@software`` for the package and a ``@misc`` for the Observatory.

        >>> import phare
        >>> print(phare.cite())  # doctest: +ELLIPSIS
        The phare developers. phare: the figures of the French Observatoire national des
        partenariats, typed and sourced (data version ..., phare 0.1.0) [Dataset and Python
        package]. The figures are the work of the Observatoire national des partenariats, founded in
        2008 by Le RAMEAU and Caisse des Dépôts (programmes ARPEA 2008-2012, PHARE 2013-2017, IMPACT
        2018-2022, IMPACTS-TRAJECTOIRES 2024-); cite each one with Figure.cite() or Study.cite().
        >>> print(phare.cite("bibtex").split("\n\n")[0])  # doctest: +ELLIPSIS
        @dataset{phare-data,
          author = {{The phare developers}},
          title = {phare: the figures of the French Observatoire national des partenariats, typed and sourced},
          year = {...},
          version = {...},
          note = {Data of the Python package phare 0.1.0 (distribution phare-observatoire); ...}
        }
        """
        from phare import citation

        return citation.cite(self, style)

    def _region_coverage(self, region: Region, lang: str | None = None) -> pd.DataFrame:
        from phare import _analysis

        return _analysis.region_coverage(self, region, lang)


#: The columns of :meth:`Dataset.disputes`, in order.
DISPUTE_COLUMNS = (
    "subject_kind",
    "subject_id",
    "field",
    "kept",
    "other",
    "other_value",
    "source",
    "note",
)
#: The columns of :meth:`Dataset.sources`, in order.
SOURCE_COLUMNS = ("id", "url", "publisher", "title", "figures")

#: The data bundled with phare, read on the first query: what the ``phare`` functions answer.
BUNDLED = Dataset()

# The module-level API of phare is the bundled dataset's methods (``phare.region`` is
# ``BUNDLED.region``): one implementation, one docstring, and no hidden global in the records.
region = BUNDLED.region
national = BUNDLED.national
regions = BUNDLED.regions
actor = BUNDLED.actor
actors = BUNDLED.actors
indicator = BUNDLED.indicator
indicators = BUNDLED.indicators
theme = BUNDLED.theme
themes = BUNDLED.themes
segment = BUNDLED.segment
segments = BUNDLED.segments
study = BUNDLED.study
studies = BUNDLED.studies
programme = BUNDLED.programme
programmes = BUNDLED.programmes
observatory = BUNDLED.observatory
figures = BUNDLED.figures
to_frame = BUNDLED.to_frame
disputes = BUNDLED.disputes
sources = BUNDLED.sources
rank = BUNDLED.rank
coverage = BUNDLED.coverage
cite = BUNDLED.cite

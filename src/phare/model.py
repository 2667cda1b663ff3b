"""The typed records of phare: frozen, slotted attrs classes.

Records hold data and answer questions about it; they never read files (that is
:mod:`phare._store`) and never format tables (that is :mod:`phare.frame`). The records are a
leaf of the package: they import nothing that imports them. A :class:`Region`, :class:`Study`,
:class:`Programme` or :class:`Observatory` keeps a reference to the :class:`phare.Dataset` that
built it (out of equality and repr) and answers queries through it, so a record of
``phare.load(copy)`` answers from that copy, never from the bundled data.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NoReturn, SupportsIndex, cast, overload

import attrs

from phare.formatting import counted, format_difference, format_qualified
from phare.vocabulary import (
    BREAK_KINDS,
    BREAK_WORDS,
    CONFIDENCES,
    QUALIFIERS,
    REGION_KINDS,
    UNITS,
    BreakKind,
    Confidence,
    Qualifier,
    RegionKind,
    Unit,
)

if TYPE_CHECKING:
    import pandas as pd

    from phare.dataset import Dataset
    from phare.vocabulary import Style

StudyScope = Literal["national", "regional"]
#: Whether a study covers France or one region.
STUDY_SCOPES: tuple[StudyScope, ...] = ("national", "regional")


SEED_PREFIX = "seed:"


#: The closed sets a field's annotation may name, each checked against its members.
_VOCABULARIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Unit": UNITS,
        "Qualifier": QUALIFIERS,
        "Confidence": CONFIDENCES,
        "RegionKind": REGION_KINDS,
        "StudyScope": STUDY_SCOPES,
        "BreakKind": BREAK_KINDS,
    }
)


class _Rule:
    """The check of one field, read from its annotation: see :class:`_Checked`."""

    __slots__ = ("base", "exact", "label", "many", "name", "optional", "record")

    def __init__(self, owner: str, name: str, annotation: str) -> None:
        self.name = name
        self.label = f"{owner}.{name}"
        self.optional = annotation.endswith(" | None")
        base = annotation.removesuffix(" | None")
        self.many = base.startswith("tuple[") and base.endswith(", ...]")
        self.base = base[len("tuple[") : -len(", ...]")] if self.many else base
        known = self.base in ("str", "int", "float") or self.base in _VOCABULARIES
        #: The record class of the field (or of its items), read from the module once every
        #: class is made: a record may name a later one.
        self.record: type | None = None if known else globals()[self.base]
        #: The one type whose values need no further check: plain text, or a record class.
        self.exact = str if self.base == "str" else None if self.many else self.record

    def __call__(self, value: object) -> object:
        """*value*, or its plain copy (text) or float (a whole number); else a clear error."""
        if type(value) is self.exact or (value is None and self.optional):
            return value
        if not self.many:
            return self.check(value)
        if type(value) is not tuple:
            raise TypeError(f"{self.label} must be a tuple, not {type(value).__name__}")
        for item in value:
            self.check(item)
        return value

    def check(self, value: object) -> object:
        """*value* as the record holds it, if it is one item of the field's annotation."""
        base = self.base
        members = _VOCABULARIES.get(base)
        if members is not None or base == "str":
            if not isinstance(value, str):
                self.refuse("a str", value)
            value = str.__str__(value)  # a plain copy: a subclass's methods never run here
            if members is not None and value not in members:
                choices = ", ".join(repr(member) for member in members)
                raise ValueError(f"{self.label} must be one of {choices}, not {value[:60]!r}")
        elif base == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                self.refuse("an int", value)
            if value < 0:
                raise ValueError(f"{self.label} must not be negative, not {int.__repr__(value)}")
        elif base == "float":
            if isinstance(value, int) and not isinstance(value, bool):
                value = int.__float__(value)  # as the loader reads every number
            if not isinstance(value, float):
                self.refuse("a number", value)
            if value - value != 0:  # inf - inf and nan - nan are nan
                raise ValueError(f"{self.label} must be a finite number, not {value!r}")
        elif self.record is not None and not isinstance(value, self.record):
            self.refuse(f"a {base}", value)
        return value

    def refuse(self, wanted: str, value: object) -> NoReturn:
        what = "None" if value is None else type(value).__name__
        raise TypeError(f"{self.label} must be {wanted}, not {what}")


class _Checked:
    """Base of every record: it checks what it holds when built, by its fields' annotations.

    Text is ``str`` (held as a plain copy), whole numbers ``int`` (never ``bool``, never below
    zero), numbers finite floats (``45`` is held as ``45.0``), a vocabulary (``Qualifier``,
    ``Unit``...) one of its members, a record an instance of its class, ``tuple[X, ...]`` a
    tuple of such items, and ``X | None`` allows ``None``. A record built by hand or by
    :func:`attrs.evolve` is refused at once with a :class:`TypeError` (wrong type) or a
    :class:`ValueError` (wrong value) naming the field, not later, deep inside a repr or an
    export. One method serves every class, where attrs validators and converters would
    compile into each class's ``__init__`` and cost memory (see docs/performance.md). The
    dataset a record keeps (``_dataset``) is left unchecked: naming its class here would import
    the module that imports this one.

    >>> import attrs, phare
    >>> figure = phare.region("nouvelle-aquitaine").figure("companies", "partnering")
    >>> attrs.evolve(figure, qualifier="bogus")
    Traceback (most recent call last):
    ...
    ValueError: Figure.qualifier must be one of 'exact', 'approx', 'lower-bound', not 'bogus'
    """

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        for rule in _RULES[type(self)]:
            value = getattr(self, rule.name)
            held = rule(value)
            if held is not value:
                object.__setattr__(self, rule.name, held)


class _FieldsRepr(_Checked):
    """Base of the records shown field by field: ``Actor(id='companies', label_en=...)``.

    The repr reads as the one attrs would write, but one function serves every record: attrs
    compiles a repr for each class, and eleven of them cost a process about 0.17 MiB (see
    docs/performance.md). Records with a short repr of their own (Region, Figure...) define it.

    >>> import phare
    >>> phare.region("nouvelle-aquitaine").former_regions[0]
    FormerRegion(name='Aquitaine', insee_code='72', nuts='FRI1', merged_into='nouvelle-aquitaine')
    """

    __slots__ = ()

    def __repr__(self) -> str:
        shown = attrs.fields(cast("type[attrs.AttrsInstance]", type(self)))
        fields = ", ".join(
            f"{field.name}={getattr(self, field.name)!r}" for field in shown if field.repr
        )
        return f"{type(self).__name__}({fields})"


@attrs.frozen(repr=False)
class Source(_FieldsRepr):
    """Where a figure or a fact was read: a web page, or the Nouvelle-Aquitaine press release.

    ``id`` is the page's URL, or ``seed:<name>`` for the press release this project started
    from, which has no stable address.

    >>> import phare
    >>> src = phare.national().figure("companies", "partnering", study="phare-entreprises-2015").source
    >>> src.publisher, src.url is not None
    ('Le RAMEAU', True)
    >>> phare.region("nouvelle-aquitaine").figure("companies", "partnering").source.document
    'press-release-phare-nouvelle-aquitaine'
    """

    id: str
    publisher: str
    title: str

    @property
    def url(self) -> str | None:
        """The web address, or ``None`` for a document without one.

        >>> import phare
        >>> phare.national().figure("companies", "partnering", study="phare-entreprises-2015").source.url[:23]
        'https://www.lerameau.fr'
        """
        return None if self.id.startswith(SEED_PREFIX) else self.id

    @property
    def document(self) -> str | None:
        """The name of the document when the source is not a web page, else ``None``.

        >>> import phare
        >>> phare.national().figure("companies", "partnering").source.document is None
        True
        """
        return self.id[len(SEED_PREFIX) :] if self.id.startswith(SEED_PREFIX) else None

    @property
    def location(self) -> str:
        """The URL, or a phrase naming the document: what a reader needs to find it.

        >>> import phare
        >>> phare.region("nouvelle-aquitaine").figure("companies", "partnering").source.location
        'Press release on the PHARE Nouvelle-Aquitaine regional report (November 2016) (Le RAMEAU)'
        """
        if self.url is not None:
            return self.url
        return f"{self.title} ({self.publisher})"


@attrs.frozen(repr=False)
class Dispute(_FieldsRepr):
    """A source that gives another value or meaning than the one phare keeps.

    Disagreements between sources are data, not footnotes: the value kept, the other one, who
    says so, and why the kept one was preferred.

    >>> import phare
    >>> fig = phare.national().figure("citizens", "fragility-score", theme="security", study="phare-citoyens-2015")
    >>> d = fig.disputes[0]
    >>> d.field, d.kept, d.other_value, d.source.publisher
    ('value', '6.6', 7.0, 'Carenews')
    """

    field: str
    kept: str
    other: str
    other_value: float | None
    source: Source
    note: str


@attrs.frozen(repr=False)
class Actor(_FieldsRepr):
    """One of the four populations the Observatory surveys.

    >>> import phare
    >>> a = phare.actor("entreprises")
    >>> a.id, a.label_en, a.label_fr
    ('companies', 'Companies', 'Entreprises')
    """

    id: str
    label_en: str
    label_fr: str
    definition_en: str
    definition_fr: str
    aliases: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.id


@attrs.frozen(repr=False)
class Segment(_FieldsRepr):
    """A sub-population of an actor (employer associations, SMEs...), or ``all``.

    >>> import phare
    >>> phare.segment("employer").actor
    'associations'
    """

    id: str
    actor: str | None
    label_en: str
    label_fr: str
    definition_en: str
    definition_fr: str

    def __str__(self) -> str:
        return self.id


@attrs.frozen(repr=False)
class Theme(_FieldsRepr):
    """What a themed indicator is broken down by: a fragility, a partnership type or a scope.

    >>> import phare
    >>> t = phare.theme("emploi")
    >>> t.id, t.kind, t.label_fr
    ('employment', 'fragility', 'Emploi')
    """

    id: str
    kind: str
    label_en: str
    label_fr: str
    aliases: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.id


@attrs.frozen(repr=False)
class Indicator(_FieldsRepr):
    """A question the Observatory measured, with its unit and a definition in our words.

    ``theme_kind`` names the set of themes the indicator is broken down by (``fragility``,
    ``partnership-type``, ``scope``), or is ``None`` for an indicator with one value.

    >>> import phare
    >>> ind = phare.indicator("fragility-score")
    >>> ind.unit, ind.themed, ind.theme_kind
    ('score-10', True, 'fragility')
    """

    id: str
    unit: Unit
    theme_kind: str | None
    label_en: str
    label_fr: str
    definition_en: str
    definition_fr: str
    aliases: tuple[str, ...] = ()

    @property
    def themed(self) -> bool:
        """Whether a figure of this indicator needs a theme to be named.

        >>> import phare
        >>> phare.indicator("partnering").themed, phare.indicator("priority-fragility").themed
        (False, True)
        """
        return self.theme_kind is not None

    @property
    def is_percent(self) -> bool:
        """Whether :meth:`Region.share` applies (the figure is a percentage).

        >>> import phare
        >>> phare.indicator("partnering").is_percent, phare.indicator("fragility-score").is_percent
        (True, False)
        """
        return self.unit == "percent"

    def __str__(self) -> str:
        return self.id


@attrs.frozen(repr=False)
class Programme(_FieldsRepr):
    """One of the Observatory's study programmes: ARPEA, PHARE, IMPACT, IMPACTS-TRAJECTOIRES.

    >>> import phare
    >>> p = phare.observatory().programme("phare")
    >>> p.id, p.start_year, p.end_year, p.rank
    ('PHARE', 2013, 2017, 2)
    >>> p.disputes[0].other
    '2013-2018'

    ``source`` is where the programme's facts were read; ``see_also`` lists the other pages
    that back them (a report of the programme, its own web page). A fact with sources of its
    own names them beside it: ``period_sources``, ``objectives_sources``, ``strand_sources``.

    >>> [s.publisher for s in phare.programme("IMPACT").see_also][:2]
    ['Le RAMEAU', 'Le RAMEAU']

    The objectives are in our words, in English and in French, item by item;
    ``objectives_note`` says what the sources leave open. ``strand_names`` names the
    ``strands`` (the programme's parts, mostly one survey each) when the sources list them.

    >>> arpea = phare.programme("ARPEA")
    >>> arpea.objectives_en[1]
    'Map the partnerships that exist across France.'
    >>> len(arpea.strand_names) == arpea.strands, arpea.strand_names[:3]
    (True, ('Citizens', 'Associations', 'Large companies'))
    >>> phare.programme("IMPACT").objectives_en, phare.programme("IMPACT").objectives_note
    ((), None)
    """

    id: str
    rank: int
    start_year: int
    end_year: int | None
    period_sources: tuple[Source, ...]
    focus_en: str
    focus_fr: str
    expansions: tuple[str, ...]
    objectives_en: tuple[str, ...]
    objectives_fr: tuple[str, ...]
    objectives_sources: tuple[Source, ...]
    objectives_note: str | None
    strands: int | None
    strand_names: tuple[str, ...]
    strand_sources: tuple[Source, ...]
    milestones: tuple[str, ...]
    source: Source
    see_also: tuple[Source, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    #: The Dataset that loaded the record: out of equality, hashing and repr.
    _dataset: Dataset = attrs.field(eq=False, repr=False, kw_only=True)

    @property
    def period(self) -> str:
        """The years covered, as ``2013-2017``, or ``2024-`` while still running.

        >>> import phare
        >>> phare.programme("PHARE").period
        '2013-2017'
        """
        return f"{self.start_year}-{self.end_year if self.end_year is not None else ''}"

    def studies(self) -> tuple[Study, ...]:
        """The studies of this programme, in the order of :func:`phare.studies`.

        >>> import phare
        >>> [s.id for s in phare.observatory().programme("IMPACT").studies()][:2]
        ['impact-2018-2022', 'impact-occitanie-2019']
        """
        return self._dataset.studies(self.id)


@attrs.frozen(repr=False)
class Study(_Checked):
    """One survey or report of the Observatory.

    ``published`` is an ISO date as precise as the sources allow (``2016-11-04``, ``2016-07``,
    or ``None`` when unknown); ``presented_at`` names the event where a report was made public;
    ``regional_report_number`` is the report's rank in its programme's regional series;
    ``source`` is where the study's facts were read, and ``see_also`` the other pages that back
    them (the event where it was unveiled, an article naming its sponsors).

    >>> import phare
    >>> s = phare.study("phare-nouvelle-aquitaine-2016")
    >>> s.programme, s.published, s.regional_report_number, s.sponsors
    ('PHARE', '2016-11-04', 4, ('Generali', 'Caisse des Dépôts'))
    >>> s.disputes[0].other
    '2016-11-07'
    >>> s.presented_at
    'Unveiled at the RTES seminar on co-constructing local public policy, Bordeaux city hall'
    >>> [source.publisher for source in s.see_also]
    ['RTES', "Entrepreneurs d'Avenir"]
    """

    id: str
    programme: str
    title: str
    actors: tuple[str, ...]
    scope: StudyScope
    region: str | None
    published: str | None
    presented_at: str | None
    regional_report_number: int | None
    producer: str
    sponsors: tuple[str, ...]
    sample_size: int | None
    sample_qualifier: Qualifier | None
    source: Source
    note: str
    see_also: tuple[Source, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    #: The Dataset that loaded the record: out of equality, hashing and repr.
    _dataset: Dataset = attrs.field(eq=False, repr=False, kw_only=True)

    @property
    def year(self) -> int | None:
        """The year of publication, when known.

        >>> import phare
        >>> phare.study("phare-nouvelle-aquitaine-2016").year, phare.study("arpea-citoyens-2008").year
        (2016, None)
        """
        return int(self.published[:4]) if self.published else None

    def cite(self, style: Style = "text") -> str:
        """A reference to this study: ``style="text"`` to paste in a report, or ``"bibtex"``.

        >>> import phare
        >>> print(phare.study("phare-entreprises-2015").cite())  # doctest: +ELLIPSIS
        Observatoire national des partenariats (2015). PHARE-Entreprises. PHARE programme. ...
        >>> phare.study("phare-entreprises-2015").cite("bibtex").splitlines()[0]
        '@techreport{phare-entreprises-2015,'
        """
        from phare import citation

        return citation.study_citation(self, style)

    def __repr__(self) -> str:
        when = self.published or "date unknown"
        return (
            f"<Study {self.id}: {self.title} ({self.programme}, {when}); .cite() for a reference>"
        )

    def _repr_html_(self) -> str:
        from phare import display

        return display.study_html(self)


@attrs.frozen(repr=False)
class FormerRegion(_FieldsRepr):
    """A region abolished by the 2016 reform, and the region it merged into.

    >>> import phare
    >>> [f.name for f in phare.region("nouvelle-aquitaine").former_regions]
    ['Aquitaine', 'Limousin', 'Poitou-Charentes']
    """

    name: str
    insee_code: str
    nuts: str
    merged_into: str


@attrs.frozen(repr=False)
class FormerCode(_FieldsRepr):
    """An ISO 3166-2 code a region had until 2016, and the region its territory is part of now.

    >>> import phare
    >>> [(c.code, c.name) for c in phare.region("grand-est").former_codes]
    [('FR-A', 'Alsace'), ('FR-G', 'Champagne-Ardenne'), ('FR-M', 'Lorraine')]
    """

    code: str
    name: str
    region: str
    source: Source


@attrs.frozen(repr=False)
class FormerName(_FieldsRepr):
    """A name a region bore before today's: ``former`` (renamed) or ``provisional`` (2016).

    ``Centre`` is the former name of Centre-Val de Loire; the merged regions went by the names
    of their former regions, in alphabetical order, until the decrees of September 2016. Each
    name comes with its source and the source's grade.

    >>> import phare
    >>> [(n.name, n.kind) for n in phare.region("grand-est").former_names]
    [('Alsace-Champagne-Ardenne-Lorraine', 'provisional')]
    """

    name: str
    kind: str
    region: str
    source: Source
    confidence: Confidence


@attrs.frozen(repr=False)
class Departement(_FieldsRepr):
    """A département of a region, by its INSEE code of the Code officiel géographique.

    phare has no figure of a département: asking :func:`phare.region` for one raises
    :class:`phare.DepartementError`, which names its region.

    >>> import phare
    >>> [(d.code, d.name) for d in phare.region("corse").departements]
    [('2A', 'Corse-du-Sud'), ('2B', 'Haute-Corse')]
    """

    code: str
    name: str
    region: str
    source: Source
    confidence: Confidence


@attrs.frozen(repr=False)
class Region(_Checked):
    """A French region, or France itself, and the door to its figures.

    >>> import phare
    >>> naq = phare.region("FR-NAQ")
    >>> naq.name, naq.insee_code, naq.nuts
    ('Nouvelle-Aquitaine', '75', 'FRI')
    >>> naq.share("companies", "partnering")
    0.45
    """

    slug: str
    name: str
    kind: RegionKind
    insee_code: str | None
    iso_3166_2: str
    nuts: str
    former_regions: tuple[FormerRegion, ...] = ()
    former_codes: tuple[FormerCode, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    departements: tuple[Departement, ...] = ()
    #: The Dataset that loaded the record: out of equality, hashing and repr.
    _dataset: Dataset = attrs.field(eq=False, repr=False, kw_only=True)

    @property
    def is_national(self) -> bool:
        """Whether this is France as a whole rather than one region.

        >>> import phare
        >>> phare.national().is_national, phare.region("corse").is_national
        (True, False)
        """
        return self.kind == "country"

    def figure(
        self,
        actor: str,
        indicator: str,
        *,
        theme: str | None = None,
        segment: str = "all",
        study: str | None = None,
    ) -> Figure:
        """The one figure for *actor* and *indicator* in this region, with its provenance.

        When several studies published it, the latest reference year wins (ties: the latest
        study); name ``study`` to choose. Indicators broken down by theme need ``theme``.

        >>> import phare
        >>> fig = phare.region("nouvelle-aquitaine").figure("companies", "partnering")
        >>> fig.value, fig.unit, fig.reference_year, fig.study.id, fig.confidence
        (45.0, 'percent', 2016, 'phare-nouvelle-aquitaine-2016', 'A')
        """
        return self._dataset._figure(self, actor, indicator, theme, segment, study)

    def share(
        self,
        actor: str,
        indicator: str,
        *,
        theme: str | None = None,
        segment: str = "all",
        study: str | None = None,
    ) -> float:
        """A percentage figure as a share in [0, 1] (45 % -> 0.45).

        Scores, counts and point changes raise :class:`phare.NotAPercentError`: use
        :meth:`value` for those.

        >>> import phare
        >>> phare.national().share("associations", "partnering", segment="employer")
        0.53
        """
        return self._dataset._share(self, actor, indicator, theme, segment, study)

    def value(
        self,
        actor: str,
        indicator: str,
        *,
        theme: str | None = None,
        segment: str = "all",
        study: str | None = None,
    ) -> float:
        """A figure's value as published, in its own unit (45 for 45 %, 5.7 for 5.7/10).

        >>> import phare
        >>> phare.region("nouvelle-aquitaine").value("companies", "fragility-score", theme="employment")
        5.7
        """
        return self.figure(actor, indicator, theme=theme, segment=segment, study=study).value

    def figures(self) -> Figures:
        """Every figure published for this region, in the order of the bundled table.

        >>> import phare
        >>> [f.id for f in phare.region("pays-de-la-loire").figures()][-1]
        'pdl-companies-partnering'
        >>> phare.region("la-reunion").figures() == ()
        True
        """
        return self._dataset._region_figures(self)

    def series(
        self, actor: str, indicator: str, *, theme: str | None = None, segment: str = "all"
    ) -> Series:
        """The figure over the years, oldest first, across the programmes, with its breaks.

        Only figures of the same actor, indicator, theme and segment are put together: the
        companies of 1,000 employees or more never slip into the series of all companies.
        ``breaks`` holds the :class:`Break` records between consecutive waves that cannot be
        read as one trend (the populations or the questions differ, or a wave does not say).

        >>> import phare
        >>> waves = phare.national().series("companies", "partnering")
        >>> [(f.reference_year, f.value, f.programme) for f in waves]
        [(2010, 21.0, 'ARPEA'), (2015, 37.0, 'PHARE'), (2021, 57.0, 'IMPACT')]
        >>> [(b.before.reference_year, b.after.reference_year, b.kind) for b in waves.breaks]
        [(2010, 2015, 'base'), (2015, 2021, 'unstated')]
        >>> [f.value for f in phare.national().series("associations", "partnering", segment="employer")]
        [46.0, 53.0]
        """
        return self._dataset._series(self, actor, indicator, theme, segment)

    def compare(
        self,
        actor: str,
        indicator: str,
        *,
        theme: str | None = None,
        segment: str = "all",
        study: str | None = None,
    ) -> Comparison:
        """This region's figure against France's for the same programme.

        The national figure has the same actor, segment, indicator and theme, and comes from
        the same programme (a PHARE regional figure is never set against ARPEA or IMPACT);
        when France has none, :class:`phare.FigureNotFoundError` says so.

        >>> import phare
        >>> c = phare.region("nouvelle-aquitaine").compare("companies", "partnering")
        >>> c.region.value, c.national.value, c.difference, c.programme
        (45.0, 37.0, 8.0, 'PHARE')
        """
        return self._dataset._compare(self, actor, indicator, theme, segment, study)

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """This region's figures as a tidy pandas DataFrame, one row per figure.

        ``lang="en"`` or ``"fr"`` adds the label columns in that language, as
        :func:`phare.to_frame` does; the notes stay in English.

        >>> import phare
        >>> df = phare.region("occitanie").to_frame()
        >>> df[["indicator", "value"]].values.tolist()
        [['alliances-innovation', 82.0], ['actors-insufficiently-mobilised', 49.0]]
        >>> phare.region("occitanie").to_frame(lang="fr")["actor_label"].tolist()
        ['Citoyens', 'Citoyens']
        """
        from phare import frame

        return frame.to_frame(self.figures(), lang)

    def reports_without_figures(self) -> tuple[Study, ...]:
        """The studies of this region that no published figure comes from, oldest first.

        A regional report may be known by its title and date while none of its numbers has
        been made public; such a region is not "not surveyed", and says so.

        >>> import phare
        >>> [(s.title, s.year) for s in phare.region("normandie").reports_without_figures()]
        [('IMPACT-Normandie', 2020)]
        >>> phare.region("nouvelle-aquitaine").reports_without_figures()
        ()
        """
        return self._dataset._reports_without_figures(self)

    def coverage(self, lang: str | None = None) -> pd.DataFrame:
        """How many figures this region has, by indicator (rows) and actor (columns).

        Only the indicators with at least one figure are listed; ``total`` sums the actors.
        ``label`` is the indicator's English label; ``lang="fr"`` (or ``"en"``) adds an
        ``indicator_label`` column in that language at the end.

        >>> import phare
        >>> cov = phare.region("nouvelle-aquitaine").coverage()
        >>> cov[["indicator", "citizens", "associations", "companies", "total"]].values.tolist()[:3]
        [['partnering', 0, 1, 1, 2], ['wishing-to-partner', 0, 1, 0, 1], ['alliances-innovation', 1, 1, 1, 3]]
        """
        return self._dataset._region_coverage(self, lang)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        count = counted(len(self.figures()), "figure")
        return (
            f"<Region {self.slug}: {self.name} ({self.iso_3166_2}), {count}; "
            "use .figures() or .to_frame()>"
        )

    def _repr_html_(self) -> str:
        from phare import display

        return display.region_html(self)


@attrs.frozen(repr=False)
class Figure(_Checked):
    """One published number, with everything needed to use and cite it.

    ``value`` is as published (45 for 45 %); ``share`` is the same as a fraction for percent
    figures. ``qualifier`` says whether the source gave it as exact, approximate ("nearly") or a
    lower bound ("more than"). ``confidence`` grades the attribution: A stated by the
    Observatory or Le RAMEAU, B relayed by a third party, C uncertain in population, study or year.

    >>> import phare
    >>> phare.region("nouvelle-aquitaine").figure("companies", "partnering")
    <Figure nouvelle-aquitaine companies partnering = 45 % (2016, phare-nouvelle-aquitaine-2016, A)>
    """

    id: str
    region: Region
    actor: Actor
    segment: Segment
    indicator: Indicator
    theme: Theme | None
    value: float
    qualifier: Qualifier
    reference_year: int
    study: Study
    source: Source
    confidence: Confidence
    note: str
    disputes: tuple[Dispute, ...] = ()

    @property
    def unit(self) -> Unit:
        """The unit the value is published in (the indicator's unit).

        >>> import phare
        >>> phare.region("nouvelle-aquitaine").figure("companies", "fragility-score", theme="employment").unit
        'score-10'
        """
        return self.indicator.unit

    @property
    def share(self) -> float | None:
        """The value as a fraction in [0, 1] for a percentage, else ``None``.

        >>> import phare
        >>> phare.region("nouvelle-aquitaine").figure("associations", "partnering").share
        0.26
        """
        return self.value / 100 if self.indicator.is_percent else None

    @property
    def programme(self) -> str:
        """The programme (ARPEA, PHARE, IMPACT...) of the study behind the figure.

        >>> import phare
        >>> phare.region("occitanie").figure("citizens", "alliances-innovation").programme
        'IMPACT'
        """
        return self.study.programme

    @property
    def disputed(self) -> bool:
        """Whether another source gives a different value or meaning.

        >>> import phare
        >>> phare.national().figure("companies", "partnerships-count").disputed
        True
        """
        return bool(self.disputes)

    @property
    def label(self) -> str:
        """A short human reading of what was measured, theme and segment included.

        >>> import phare
        >>> phare.national().figure("associations", "partnering", segment="employer").label
        'associations (employer) partnering'
        """
        parts = [self.actor.id]
        if self.segment.id != "all":
            parts.append(f"({self.segment.id})")
        parts.append(self.indicator.id)
        if self.theme is not None:
            parts.append(f"[{self.theme.id}]")
        return " ".join(parts)

    def cite(self, style: Style = "text") -> str:
        """A reference for this figure: ``style="text"`` to paste in a report, or ``"bibtex"``.

        It names the study, its programme, the Observatory, the year, the source (web address
        or the Nouvelle-Aquitaine press release) and the confidence grade.

        >>> import phare
        >>> fig = phare.national().figure("companies", "partnering", study="phare-entreprises-2015")
        >>> print(fig.cite())  # doctest: +ELLIPSIS
        Observatoire national des partenariats (Le RAMEAU and Caisse des Dépôts),
        PHARE-Entreprises, PHARE programme, 2015. Companies: Already partnering, France: 37 %
        (reference year 2015). Source: Le RAMEAU, https://www.lerameau.fr/phare-entreprises-.../.
        Confidence A: ...
        >>> print(fig.cite("bibtex"))
        ... # doctest: +ELLIPSIS
        @misc{fr-companies-partnering-2015,
          author = {{Observatoire national des partenariats}},
        ...
        """
        from phare import citation

        return citation.figure_citation(self, style)

    def __repr__(self) -> str:
        shown = format_qualified(self.value, self.unit, self.qualifier)
        return (
            f"<Figure {self.region.slug} {self.label} = {shown} "
            f"({self.reference_year}, {self.study.id}, {self.confidence})>"
        )

    def _repr_html_(self) -> str:
        from phare import display

        return display.figure_html(self)


@attrs.frozen(repr=False)
class Break(_Checked):
    """Two consecutive waves of one series that cannot be read as one trend.

    ``kind`` says why: ``base`` (the populations differ), ``wording`` (the questions differ) or
    ``unstated`` (a wave does not state its population or base, so comparability cannot be
    checked); ``reason`` gives the detail and ``source`` the page that shows it. A series keeps
    its breaks (:attr:`Series.breaks`), so a trend is never drawn across one unnoticed.

    >>> import phare
    >>> first = phare.national().series("companies", "partnering").breaks[0]
    >>> first
    <Break france companies partnering 2010 -> 2015: base (the populations differ)>
    >>> first.before.value, first.after.value, first.source.publisher
    (21.0, 37.0, 'Le RAMEAU')
    """

    before: Figure
    after: Figure
    kind: BreakKind
    reason: str
    source: Source

    @property
    def meaning(self) -> str:
        """What the kind of break means, in a phrase.

        >>> import phare
        >>> phare.national().series("companies", "partnering").breaks[1].meaning
        'a wave does not state its population or base'
        """
        return BREAK_WORDS[self.kind]

    def __repr__(self) -> str:
        return (
            f"<Break {self.before.region.slug} {self.before.label} "
            f"{self.before.reference_year} -> {self.after.reference_year}: "
            f"{self.kind} ({self.meaning})>"
        )


class Figures(tuple[Figure, ...]):
    """The figures a query returns: a tuple, plus a table view for pandas and notebooks.

    It compares, indexes, slices and unpacks like any tuple (a slice is again a
    :class:`Figures`); ``to_frame()`` gives the tidy DataFrame, and notebooks show a table with
    each source as a link.

    >>> import phare
    >>> figs = phare.figures(region="nouvelle-aquitaine", indicator="partnering")
    >>> isinstance(figs, tuple), len(figs), figs[0].value
    (True, 2, 45.0)
    >>> figs
    Figures, 2 figures:
      <Figure nouvelle-aquitaine companies partnering = 45 % (2016, phare-nouvelle-aquitaine-2016, A)>
      <Figure nouvelle-aquitaine associations partnering = 26 % (2016, phare-nouvelle-aquitaine-2016, A)>
    Use .to_frame() for a DataFrame.
    >>> figs.to_frame()["share"].tolist()
    [0.45, 0.26]
    """

    __slots__ = ()

    #: The breaks between consecutive waves: none, but in a :class:`Series`.
    breaks: tuple[Break, ...] = ()

    @overload
    def __getitem__(self, index: SupportsIndex) -> Figure: ...

    @overload
    def __getitem__(self, index: slice) -> Figures: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Figure | Figures:
        if isinstance(index, slice):
            return Figures(super().__getitem__(index))
        return super().__getitem__(index)

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """These figures as a tidy DataFrame, one row per figure (see :func:`phare.to_frame`).

        ``lang="en"`` or ``"fr"`` adds the label columns in that language; the notes stay in
        English.

        >>> import phare
        >>> phare.national().series("companies", "partnering").to_frame()["reference_year"].tolist()
        [2010, 2015, 2021]
        >>> phare.national().series("companies", "partnering").to_frame(lang="fr")["unit_label"][0]
        'pourcentage'
        """
        from phare import frame

        return frame.to_frame(self, lang)

    def __repr__(self) -> str:
        from phare import display

        return display.figures_text(self, self.breaks)

    def _repr_html_(self) -> str:
        from phare import display

        return display.figures_html(self, self.breaks)


class Series(Figures):
    """The waves of one series, oldest first, and the breaks between them.

    A :class:`Figures` (a tuple, compared as one: the breaks are read from the data, not a
    state of their own) whose ``breaks`` lists the :class:`Break` records between consecutive
    waves. Its DataFrame has a ``break_before`` column, the kind of break between a wave and
    the one before it; its repr and notebook table list the breaks. A slice is a plain
    :class:`Figures`: its waves may no longer be consecutive.

    >>> import phare
    >>> waves = phare.national().series("companies", "partnering")
    >>> waves  # doctest: +ELLIPSIS
    Figures, 3 figures:
      <Figure france companies partnering = 21 % (2010, arpea-entreprises-territoires-2011, A)>
      <Figure france companies partnering = 37 % (2015, phare-entreprises-2015, A)>
      <Figure france companies partnering = 57 % (2021, impact-entreprises-territoires-2021, A)>
    2 breaks, between waves that cannot be read as one trend:
      2010 -> 2015: base (the populations differ)
      2015 -> 2021: unstated (a wave does not state its population or base)
    Use .to_frame() for a DataFrame.
    >>> waves.to_frame()[["reference_year", "value", "break_before"]].fillna("").values.tolist()
    [[2010, 21.0, ''], [2015, 37.0, 'base'], [2021, 57.0, 'unstated']]
    """

    # A tuple subclass cannot have slots of its own: the breaks sit in the instance dict,
    # set once by __new__ and read-only afterwards.
    breaks: tuple[Break, ...]

    def __new__(cls, figures: Iterable[Figure] = (), breaks: Iterable[Break] = ()) -> Series:
        """The *figures* of one series, oldest first, and the *breaks* between them."""
        self = super().__new__(cls, figures)
        object.__setattr__(self, "breaks", tuple(breaks))
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Series, (tuple(self), self.breaks))

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """These waves as a tidy DataFrame, with ``break_before`` the kind of break before each.

        ``lang="en"`` or ``"fr"`` adds the label columns in that language, as for any figures.

        >>> import phare
        >>> phare.national().series("companies", "partnering").to_frame()["break_before"].tolist()[1:]
        ['base', 'unstated']
        """
        from phare import frame

        return frame.series_frame(self, lang)


@attrs.frozen(repr=False)
class Comparison(_Checked):
    """A regional figure set against the national figure of the same programme.

    ``difference`` is in the published unit: percentage points for percentages, points on
    the 10-point scale for scores.

    >>> import phare
    >>> c = phare.region("nouvelle-aquitaine").compare("companies", "fragility-score", theme="poverty-exclusion")
    >>> c.difference, c.unit
    (0.5, 'score-10')
    >>> phare.region("nouvelle-aquitaine").compare("companies", "partnering")
    <Comparison nouvelle-aquitaine companies partnering: 45 % against France 37 % (PHARE), +8 points>
    """

    region: Figure
    national: Figure

    @property
    def difference(self) -> float:
        """Regional value minus national value, without the noise of binary floats (45 - 37 = 8.0).

        >>> import phare
        >>> phare.region("nouvelle-aquitaine").compare("associations", "partnering").difference
        -12.0
        """
        return round(self.region.value - self.national.value, 6)

    @property
    def unit(self) -> Unit:
        """The unit of both figures, and of the difference.

        >>> import phare
        >>> phare.region("nouvelle-aquitaine").compare("companies", "partnering").unit
        'percent'
        """
        return self.region.unit

    @property
    def programme(self) -> str:
        """The programme both figures come from.

        >>> import phare
        >>> phare.region("occitanie").compare("citizens", "alliances-innovation").programme
        'IMPACT'
        """
        return self.region.programme

    def __repr__(self) -> str:
        return (
            f"<Comparison {self.region.region.slug} {self.region.label}: "
            f"{format_qualified(self.region.value, self.unit, self.region.qualifier)} against "
            f"{self.national.region.name} "
            f"{format_qualified(self.national.value, self.unit, self.national.qualifier)} "
            f"({self.programme}), "
            f"{format_difference(self.difference, self.unit)}>"
        )

    def _repr_html_(self) -> str:
        from phare import display

        return display.comparison_html(self)


@attrs.frozen(repr=False)
class Organisation(_FieldsRepr):
    """An organisation behind the Observatory (Le RAMEAU), with what the sources say of it.

    >>> import phare
    >>> r = phare.observatory().le_rameau
    >>> r.name, r.founded
    ('Le RAMEAU', 2006)
    """

    name: str
    founded: int
    nature_en: str
    nature_fr: str
    activities: tuple[str, ...]
    president_founder: str
    source: Source


@attrs.frozen(repr=False)
class Observatory(_FieldsRepr):
    """The Observatoire national des partenariats: founding, people, objectives, programmes.

    >>> import phare
    >>> obs = phare.observatory()
    >>> obs.founded, obs.founders, [p.id for p in obs.programmes]
    (2008, ('Le RAMEAU', 'Caisse des Dépôts'), ['ARPEA', 'PHARE', 'IMPACT', 'IMPACTS-TRAJECTOIRES'])
    >>> obs.disputes[0].other
    '2007'
    >>> obs.scientific_director, obs.scientific_director_firm
    ('Anne Robin', 'COMISIS')
    >>> [s.publisher for s in obs.founders_sources]
    ['Le RAMEAU', 'Observatoire national des partenariats (copy on pdfslide.fr)']

    ``objectives_en`` and ``objectives_fr`` are the Observatory's objectives as the PHARE
    Nouvelle-Aquitaine press release states them; each programme has its own too
    (:attr:`Programme.objectives_en`).
    """

    name: str
    short_name: str
    former_names: tuple[str, ...]
    founded: int
    founded_sources: tuple[Source, ...]
    founders: tuple[str, ...]
    founders_sources: tuple[Source, ...]
    partners: tuple[str, ...]
    partners_source: Source
    objectives_en: tuple[str, ...]
    objectives_fr: tuple[str, ...]
    objectives_source: Source
    scientific_director: str
    scientific_director_firm: str
    scientific_direction_sources: tuple[Source, ...]
    le_rameau: Organisation
    programmes: tuple[Programme, ...]
    disputes: tuple[Dispute, ...] = ()
    #: The Dataset that loaded the record: out of equality, hashing and repr.
    _dataset: Dataset = attrs.field(eq=False, repr=False, kw_only=True)

    @property
    def scientific_direction_source(self) -> Source:
        """The first of ``scientific_direction_sources``: the one source phare 0.1.0 gave.

        >>> import phare
        >>> phare.observatory().scientific_direction_source.url[:19]
        'https://pdfslide.fr'
        """
        return self.scientific_direction_sources[0]

    def programme(self, name: str) -> Programme:
        """One programme by name, in any case.

        >>> import phare
        >>> phare.observatory().programme("arpea").period
        '2008-2012'
        """
        return self._dataset.programme(name)


def _rules(cls: type) -> tuple[_Rule, ...]:
    shown = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
    return tuple(_Rule(cls.__name__, f.name, str(f.type)) for f in shown if f.name != "_dataset")


#: The rules of each record class, made once every class of the module exists.
_RULES: Mapping[type, tuple[_Rule, ...]] = MappingProxyType(
    {
        record: _rules(record)
        for record in tuple(globals().values())
        if isinstance(record, type) and issubclass(record, _Checked) and attrs.has(record)
    }
)


def _let_go_of_class_building() -> None:
    """Free what building the record classes left behind, before the data load needs memory.

    attrs builds each slotted class twice and leaves the first as garbage held in reference
    cycles, which only a collection frees, and keeps the source of every method it generates in
    :mod:`linecache` for tracebacks (a traceback through a record's ``__init__`` then shows its
    line number without the text). Together some 0.2 MiB of every process, a thirtieth of what
    phare may add to one (measured with benchmarks/run.py; see docs/performance.md).
    """
    import linecache

    for name in [n for n in linecache.cache if n.startswith("<attrs generated")]:
        if f" {__name__}." in name:
            del linecache.cache[name]
    gc.collect()


_let_go_of_class_building()

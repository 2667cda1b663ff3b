"""The exception family of :mod:`phare`.

Everything the public API raises on bad input is a :class:`PhareError`, except a plain
:class:`TypeError` for an argument of the wrong type. Lookups that miss are also
:class:`LookupError`, so ``except LookupError`` keeps working for code that does not know phare.
"""

from __future__ import annotations

#: As in ``phare/__init__.py``: ``import phare`` loads this module, and nothing more.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


class PhareError(Exception):
    """Root of every error phare raises on purpose.

    >>> import phare
    >>> issubclass(phare.UnknownRegionError, phare.PhareError)
    True
    """


class DataError(PhareError):
    """The bundled data is broken: a file is missing, unreadable or inconsistent.

    The message names the file, and where it can, the row and the field.

    >>> str(DataError("figures.csv, row 3, field 'value': 'abc' is not a number"))
    "figures.csv, row 3, field 'value': 'abc' is not a number"
    """


class UnknownNameError(PhareError, LookupError):
    """A name that matches nothing of its kind; the message suggests the closest known names.

    >>> err = UnknownNameError("region", "bretange", ["bretagne"])
    >>> err.suggestions
    ('bretagne',)
    >>> print(err)
    unknown region 'bretange'; did you mean 'bretagne'?
    """

    def __init__(
        self, kind: str, name: str, suggestions: Sequence[str], hint: str = "", message: str = ""
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        self.hint = hint
        if not message:
            message = f"unknown {kind} {_shorten(name)!r}"
            if self.suggestions:
                message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
            if hint:
                message += f"; {hint}"
        self.message = message
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, str, tuple[str, ...], str, str]]:
        return (type(self), (self.kind, self.name, self.suggestions, self.hint, self.message))


class UnknownRegionError(UnknownNameError):
    """No region has this name, code or alias.

    >>> import phare
    >>> try:
    ...     phare.region("Bretange")
    ... except phare.UnknownRegionError as err:
    ...     print(err)
    unknown region 'Bretange'; did you mean 'bretagne'?
    """


class FormerRegionError(UnknownRegionError):
    """A region that no longer exists since the 2016 merger; the message names its successor.

    Former regions are never mapped silently: a figure for Nouvelle-Aquitaine is not a figure
    for Aquitaine.

    >>> import phare
    >>> try:
    ...     phare.region("Aquitaine")
    ... except phare.FormerRegionError as err:
    ...     print(err.merged_into)
    nouvelle-aquitaine

    The NUTS-2 code of a former region (``FRI1`` was Aquitaine's) is refused the same way,
    its message naming the code (*code_kind* says whose code it is):

    >>> try:
    ...     phare.region("FRI1")
    ... except phare.FormerRegionError as err:
    ...     print(err.former_name, err.code_kind, err.merged_into)
    Aquitaine NUTS-2 code nouvelle-aquitaine
    """

    def __init__(
        self, name: str, former_name: str, merged_into: str, merged_name: str, code_kind: str = ""
    ) -> None:
        self.former_name = former_name
        self.merged_into = merged_into
        self.merged_name = merged_name
        self.code_kind = code_kind
        what = f"{name!r} is the {code_kind} of {former_name}, " if code_kind else ""
        message = (
            f"{what or repr(former_name) + ' is '}a former region: since 2016 it is part of "
            f"{merged_name}; ask for {merged_into!r}"
        )
        super().__init__("region", name, [], message=message)

    def __reduce__(self) -> tuple[type, tuple[str, str, str, str, str]]:  # type: ignore[override]
        return (
            type(self),
            (self.name, self.former_name, self.merged_into, self.merged_name, self.code_kind),
        )


class FormerNameError(UnknownRegionError):
    """A former or provisional name of a region of today; the message gives its name now.

    ``Centre`` (renamed Centre-Val de Loire) and the merged regions' 2016 working names
    (``Nord-Pas-de-Calais-Picardie``...) are told apart from unknown names.

    A renamed region is the same region, but phare still asks for today's name rather than
    answer under another one, so a caller learns the name their figures are filed under.

    >>> import phare
    >>> try:
    ...     phare.region("Nord-Pas-de-Calais-Picardie")
    ... except phare.FormerNameError as err:
    ...     print(err)
    'Nord-Pas-de-Calais-Picardie' is the provisional name (2016) of Hauts-de-France; ask for 'hauts-de-france'
    """

    def __init__(self, name: str, kind: str, region: str, region_name: str) -> None:
        self.kind_of_name = kind
        self.region = region
        self.region_name = region_name
        said = "the provisional name (2016)" if kind == "provisional" else f"a {kind} name"
        message = f"{name!r} is {said} of {region_name}; ask for {region!r}"
        super().__init__("region", name, [], message=message)

    def __reduce__(self) -> tuple[type, tuple[str, str, str, str]]:  # type: ignore[override]
        return (type(self), (self.name, self.kind_of_name, self.region, self.region_name))


class DepartementError(UnknownRegionError):
    """A département asked for as a region; the message names it and its region.

    By INSEE code (``"33"``, ``"2A"``, ``"974"``), ``FR-`` code (``"FR-33"``, as ISO 3166-2
    writes most départements) or name (``"Gironde"``).

    A département is never mapped to its region silently: a regional figure is not a figure
    of the département. A code that is also a region's INSEE code, today's or a former one
    (``"11"``, ``"75"``, ``"72"``...), is that region's: region codes win.

    >>> import phare
    >>> try:
    ...     phare.region("33")
    ... except phare.DepartementError as err:
    ...     print(err)
    '33' is the département Gironde, in Nouvelle-Aquitaine; ask for 'nouvelle-aquitaine'
    """

    def __init__(self, name: str, departement: str, region: str, region_name: str) -> None:
        self.departement = departement
        self.region = region
        self.region_name = region_name
        message = f"{name!r} is the département {departement}, in {region_name}; ask for {region!r}"
        super().__init__("region", name, [], message=message)

    def __reduce__(self) -> tuple[type, tuple[str, str, str, str]]:  # type: ignore[override]
        return (type(self), (self.name, self.departement, self.region, self.region_name))


class FormerCodeError(UnknownRegionError):
    """An ISO 3166-2 code withdrawn in 2016 (``FR-A`` to ``FR-V``); the message gives today's.

    The one-letter codes of the 22 former regions look like today's NUTS codes once their
    hyphen is dropped (``FR-J``, Île-de-France then, against ``FRJ``, Occitanie now), so they
    are caught before any other match and never mapped silently.

    >>> import phare
    >>> try:
    ...     phare.region("FR-J")
    ... except phare.FormerCodeError as err:
    ...     print(err.region)
    ile-de-france
    """

    def __init__(
        self, name: str, former_name: str, region: str, region_name: str, code_now: str
    ) -> None:
        self.former_name = former_name
        self.region = region
        self.region_name = region_name
        self.code_now = code_now
        if former_name == region_name:
            fate = f"{region_name}, whose code is now {code_now}"
        else:
            fate = f"{former_name}, part of {region_name} ({code_now}) since 2016"
        message = f"{name!r} is the ISO 3166-2 code of {fate}; ask for {region!r}"
        super().__init__("region", name, [], message=message)

    def __reduce__(self) -> tuple[type, tuple[str, str, str, str, str]]:  # type: ignore[override]
        return (
            type(self),
            (self.name, self.former_name, self.region, self.region_name, self.code_now),
        )


class UnknownActorError(UnknownNameError):
    """No actor (citizens, companies, associations, mayors) has this name.

    >>> import phare
    >>> try:
    ...     phare.actor("compagnies")
    ... except phare.UnknownActorError as err:
    ...     print(err.suggestions)
    ('companies', 'mayors')
    """


class UnknownIndicatorError(UnknownNameError):
    """No indicator has this name.

    >>> import phare
    >>> try:
    ...     phare.indicator("partnerring")
    ... except phare.UnknownIndicatorError as err:
    ...     print(err.suggestions[0])
    partnering
    """


class UnknownThemeError(UnknownNameError):
    """No theme has this name (a known theme of the wrong kind is a :class:`FigureNotFoundError`).

    >>> import phare
    >>> try:
    ...     phare.theme("emploie")
    ... except phare.UnknownThemeError as err:
    ...     print(err.suggestions, err.hint.startswith("the themes are: employment, "))
    ('employment',) True
    """


class UnknownSegmentError(UnknownNameError):
    """No segment (``all``, ``employer``, ``sme``...) has this name.

    >>> import phare
    >>> try:
    ...     phare.segment("employeur")
    ... except phare.UnknownSegmentError as err:
    ...     print(err.suggestions)
    ('employer', 'non-employer')
    """


class UnknownStudyError(UnknownNameError):
    """No study has this identifier.

    >>> import phare
    >>> try:
    ...     phare.study("phare-nouvelle-aquitaine")
    ... except phare.UnknownStudyError as err:
    ...     print(err)
    unknown study 'phare-nouvelle-aquitaine'; did you mean 'phare-nouvelle-aquitaine-2016'?
    """


class UnknownProgrammeError(UnknownNameError):
    """No programme (ARPEA, PHARE, IMPACT, IMPACTS-TRAJECTOIRES) has this name.

    >>> import phare
    >>> try:
    ...     phare.programme("phares")
    ... except phare.UnknownProgrammeError as err:
    ...     print(err)
    unknown programme 'phares'; did you mean 'PHARE'?
    """


class FigureNotFoundError(PhareError, LookupError):
    """Every key is known, but nothing was published for this combination.

    The message lists what does exist, so the next question can be the right one.

    >>> import phare
    >>> try:
    ...     phare.region("la-reunion").figure("citizens", "partnering")
    ... except phare.FigureNotFoundError as err:
    ...     print(err)
    no figure for La Réunion, citizens, partnering, segment 'all': La Réunion has no published figure
    """


class NotAPercentError(PhareError, ValueError):
    """:meth:`Region.share` was asked for an indicator that is not a percentage.

    >>> import phare
    >>> try:
    ...     phare.national().share("companies", "partnering-count")
    ... except phare.NotAPercentError as err:
    ...     print(err)
    'partnering-count' is published as a count, not a percentage; use value() instead of share()
    """


class MissingExtraError(PhareError, ImportError):
    """An optional feature was used without the extra that installs its dependency.

    The message names the extra to install, such as ``pip install 'phare-observatoire[plot]'`` for plots.

    >>> print(MissingExtraError("plot", "matplotlib"))
    phare's plot feature needs matplotlib, which is not installed: pip install 'phare-observatoire[plot]'
    """

    def __init__(self, extra: str, package: str) -> None:
        self.extra = extra
        self.package = package
        super().__init__(
            f"phare's {extra} feature needs {package}, which is not installed: "
            f"pip install 'phare-observatoire[{extra}]'",
            name=package,
        )

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.extra, self.package))


def _shorten(name: str, limit: int = 60) -> str:
    """Cut a (possibly huge) user string for display in a message."""
    return name if len(name) <= limit else name[:limit] + "…"

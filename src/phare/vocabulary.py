"""The closed vocabularies of phare, how each member is worded, and the one way to match them.

A unit, a qualifier, a confidence grade or a region kind takes one of a few values fixed by the
data contract (``datapackage.json`` lists the same enums, and a test keeps the two equal); an
export format, a citation style or a language is one of a few names an argument may take. Each
set and every wording of its members is written here once, read-only, and every module that
shows or checks one of them reads it from here.

The small sets a caller types (formats, styles, grades, languages) are matched by
:func:`match`, with the same rule for all: case, surrounding and inner spaces, hyphens,
underscores and dots do not matter (``"BibTeX"``, ``" csv "``, ``"b"``). A miss is an
:class:`~phare.errors.UnknownNameError` that lists the choices. This module imports nothing of
phare but its errors, so any other module may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, Protocol, TypeVar

from phare.errors import UnknownNameError, _shorten

Unit = Literal["percent", "score-10", "count", "points"]
Qualifier = Literal["exact", "approx", "lower-bound"]
Confidence = Literal["A", "B", "C"]
RegionKind = Literal["country", "metropolitan", "overseas"]
BreakKind = Literal["base", "wording", "unstated"]
Format = Literal["csv", "json", "markdown", "xlsx", "sqlite"]
Style = Literal["text", "bibtex"]
Language = Literal["en", "fr"]

# --- the data contract's closed sets ---------------------------------------------------------

#: The units a figure is published in.
UNITS: tuple[Unit, ...] = ("percent", "score-10", "count", "points")
#: How each unit reads after a number (``45 %``, ``5.7/10``).
UNIT_SUFFIXES: Mapping[Unit, str] = MappingProxyType(
    {"percent": " %", "score-10": "/10", "count": "", "points": " pts"}
)
#: How a difference between two figures of each unit reads after its number (``+8 points``).
DIFFERENCE_SUFFIXES: Mapping[Unit, str] = MappingProxyType(
    {"percent": " points", "score-10": " on 10", "count": "", "points": " points"}
)
#: How a sentence names each unit (``published as a score out of 10``).
UNIT_WORDS: Mapping[Unit, str] = MappingProxyType(
    {
        "percent": "a percentage",
        "score-10": "a score out of 10",
        "count": "a count",
        "points": "a change in percentage points",
    }
)
#: The value axis label of a chart, for each unit.
UNIT_LABELS: Mapping[Unit, str] = MappingProxyType(
    {
        "percent": "% of respondents, as published",
        "score-10": "mean score out of 10",
        "count": "number, as published",
        "points": "change in percentage points",
    }
)

#: The value axis label of a chart, for each unit, in French (our wording of :data:`UNIT_LABELS`).
UNIT_LABELS_FR: Mapping[Unit, str] = MappingProxyType(
    {
        "percent": "% des personnes interrogées, tel que publié",
        "score-10": "note moyenne sur 10",
        "count": "nombre, tel que publié",
        "points": "écart en points de pourcentage",
    }
)
#: The short name of each unit, by language: the ``unit_label`` column of a table.
UNIT_NAMES: Mapping[Language, Mapping[Unit, str]] = MappingProxyType(
    {
        "en": MappingProxyType(
            {
                "percent": "percentage",
                "score-10": "score out of 10",
                "count": "count",
                "points": "percentage points",
            }
        ),
        "fr": MappingProxyType(
            {
                "percent": "pourcentage",
                "score-10": "note sur 10",
                "count": "nombre",
                "points": "points de pourcentage",
            }
        ),
    }
)

#: How exactly a value was published.
QUALIFIERS: tuple[Qualifier, ...] = ("exact", "approx", "lower-bound")
#: The mark put before a value to carry its qualifier, in tables and reprs.
QUALIFIER_MARKS: Mapping[Qualifier, str] = MappingProxyType(
    {"exact": "", "approx": "~", "lower-bound": ">"}
)
#: The words put before a value to carry its qualifier, in sentences.
QUALIFIER_WORDS: Mapping[Qualifier, str] = MappingProxyType(
    {"exact": "", "approx": "nearly ", "lower-bound": "more than "}
)
#: The mark after a value that another source disputes.
DISPUTED_MARK = "*"
#: What each mark around a value means, in the order a legend lists them.
MARK_MEANINGS: Mapping[str, str] = MappingProxyType(
    {
        QUALIFIER_MARKS["approx"]: "approximate",
        QUALIFIER_MARKS["lower-bound"]: "lower bound",
        DISPUTED_MARK: "disputed by another source",
    }
)

#: The confidence grades of a figure's attribution, the surest first.
CONFIDENCES: tuple[Confidence, ...] = ("A", "B", "C")
#: What each confidence grade says about a figure's attribution.
CONFIDENCE_WORDS: Mapping[Confidence, str] = MappingProxyType(
    {
        "A": "stated by the Observatory or Le RAMEAU themselves",
        "B": "relayed by a third party",
        "C": "population, study or year uncertain",
    }
)

#: What a region is: France itself, a metropolitan region or an overseas one.
REGION_KINDS: tuple[RegionKind, ...] = ("country", "metropolitan", "overseas")

#: Why two waves of a series cannot be read as one trend.
BREAK_KINDS: tuple[BreakKind, ...] = ("base", "wording", "unstated")
#: What each kind of break means, in a phrase.
BREAK_WORDS: Mapping[BreakKind, str] = MappingProxyType(
    {
        "base": "the populations differ",
        "wording": "the questions differ",
        "unstated": "a wave does not state its population or base",
    }
)

# --- the names an argument may take ----------------------------------------------------------

#: The formats ``phare export`` and :func:`phare.export.render` write.
FORMATS: tuple[Format, ...] = ("csv", "json", "markdown", "xlsx", "sqlite")
#: The formats written as files (a workbook, a database), not as text.
FILE_FORMATS: tuple[Format, ...] = ("xlsx", "sqlite")
#: The styles of a reference (:meth:`phare.Figure.cite`).
STYLES: tuple[Style, ...] = ("text", "bibtex")
#: The languages of labels and definitions.
LANGUAGES: tuple[Language, ...] = ("en", "fr")

#: Longest text matched at all: far longer than any member, and cheap to refuse.
MAX_LENGTH = 40

_IGNORED: Mapping[int, int | None] = MappingProxyType(str.maketrans("", "", " \t\n\r\f\v-_."))

T = TypeVar("T", bound=str)


def _key(text: str) -> str:
    return text.casefold().translate(_IGNORED) if len(text) <= MAX_LENGTH else ""


def type_name(value: object) -> str:
    """The name of *value*'s type as an error message gives it: its package too, if not built in.

    NumPy calls its boolean type ``bool``: "not bool" would puzzle whoever passed one.

    >>> import numpy
    >>> type_name(None), type_name(numpy.int64(3))
    ('NoneType', 'numpy.int64')
    """
    kind = type(value)
    if kind.__module__ == "builtins":
        return kind.__qualname__
    return f"{kind.__module__.partition('.')[0]}.{kind.__qualname__}"


def plain_text(argument: str, value: object) -> str:
    """*value* as a plain ``str`` copy, or a :class:`TypeError` naming the *argument*.

    A ``str`` subclass is copied first, so none of its own methods (``casefold``, ``__eq__``,
    ``__hash__``...) ever runs inside phare.

    >>> class Loud(str):
    ...     def casefold(self) -> str:
    ...         raise RuntimeError("ran")
    >>> type(plain_text("format", Loud("csv"))).__name__
    'str'
    >>> plain_text("format", None)
    Traceback (most recent call last):
    ...
    TypeError: format must be a str, not NoneType
    """
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str, not {type_name(value)}")
    return str.__str__(value)


def match(members: tuple[T, ...], value: object, *, kind: str, argument: str) -> T:
    """The member of *members* that *value* names, by the one rule of this module.

    Case, spaces, hyphens, underscores and dots are ignored; anything but a ``str`` is a
    :class:`TypeError` naming the *argument*; a miss is an
    :class:`~phare.errors.UnknownNameError` of this *kind* that suggests the closest member
    and lists them all.

    >>> match(FORMATS, " CSV ", kind="export format", argument="format")
    'csv'
    >>> match(FORMATS, "jsn", kind="export format", argument="format")
    Traceback (most recent call last):
    ...
    phare.errors.UnknownNameError: unknown export format 'jsn'; did you mean 'json'? The export
    formats are 'csv', 'json', 'markdown', 'xlsx' and 'sqlite'.
    """
    text = plain_text(argument, value)
    key = _key(text)
    for member in members:
        if _key(member) == key:
            return member
    import difflib  # only a miss needs it

    by_key = {_key(member): member for member in members}
    suggestions = [by_key[k] for k in difflib.get_close_matches(key, by_key, n=1)] if key else []
    listed = [repr(member) for member in members]
    message = f"unknown {kind} {_shorten(text)!r}; "
    if suggestions:
        message += f"did you mean {suggestions[0]!r}? The "
    else:
        message += "the "
    message += f"{kind}s are {', '.join(listed[:-1])} and {listed[-1]}."
    raise UnknownNameError(kind, text, suggestions, message=message)


def export_format(value: object) -> Format:
    """The export format *value* names.

    >>> export_format("Markdown")
    'markdown'
    """
    return match(FORMATS, value, kind="export format", argument="format")


def citation_style(value: object) -> Style:
    """The citation style *value* names.

    >>> citation_style("BibTeX")
    'bibtex'
    >>> citation_style("apa")
    Traceback (most recent call last):
    ...
    phare.errors.UnknownNameError: unknown citation style 'apa'; the citation styles are 'text'
    and 'bibtex'.
    """
    return match(STYLES, value, kind="citation style", argument="style")


def confidence(value: object) -> Confidence:
    """The confidence grade *value* names (a ``min_confidence`` argument).

    >>> confidence("b")
    'B'
    """
    return match(CONFIDENCES, value, kind="confidence grade", argument="min_confidence")


def grades_from(min_confidence: object) -> tuple[Confidence, ...]:
    """The grades a ``min_confidence`` keeps: that grade and the surer ones.

    >>> grades_from("B")
    ('A', 'B')
    """
    grade = confidence(min_confidence)
    return CONFIDENCES[: CONFIDENCES.index(grade) + 1]


def language(value: object) -> Language:
    """The language *value* names, for labels and definitions.

    >>> language("FR")
    'fr'
    >>> language("de")
    Traceback (most recent call last):
    ...
    phare.errors.UnknownNameError: unknown language 'de'; the languages are 'en' and 'fr'.
    """
    return match(LANGUAGES, value, kind="language", argument="lang")


class Labelled(Protocol):
    """A record worded in both languages: an actor, a segment, an indicator, a theme."""

    @property
    def label_en(self) -> str:
        """The English label."""

    @property
    def label_fr(self) -> str:
        """The French label."""


def label(record: Labelled, lang: Language) -> str:
    """The label of *record* in the language *lang* (already matched by :func:`language`).

    >>> import phare
    >>> label(phare.actor("mayors"), "fr"), label(phare.actor("mayors"), "en")
    ('Maires', 'Mayors')
    """
    return record.label_fr if lang == "fr" else record.label_en

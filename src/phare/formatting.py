"""How phare writes a value: the number as published, its unit, its qualifier, a difference.

Every output (reprs, tables, citations, the command line) writes figures through these
functions, so that a value reads the same everywhere; the wordings themselves (unit suffixes,
qualifier marks and words) are those of :mod:`phare.vocabulary`. The module imports nothing else
from phare: the records and the presentation modules both build on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from phare.vocabulary import DIFFERENCE_SUFFIXES, QUALIFIER_MARKS, QUALIFIER_WORDS, UNIT_SUFFIXES

if TYPE_CHECKING:
    from phare.vocabulary import Qualifier, Unit


def plain_number(value: float) -> str:
    """Write *value* in full: no exponent, no rounding (``:g`` would print 1.2e+06).

    >>> plain_number(1200000.0), plain_number(5.7), plain_number(0.45), plain_number(1234567.0)
    ('1200000', '5.7', '0.45', '1234567')
    """
    return str(int(value)) if value.is_integer() else repr(value)


def counted(number: int, noun: str) -> str:
    """*number* and *noun*, the noun plural unless the number is one.

    >>> counted(1, "figure"), counted(0, "figure"), counted(13, "break")
    ('1 figure', '0 figures', '13 breaks')
    """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def format_value(value: float, unit: Unit) -> str:
    """Write *value* the way it was published, with its unit.

    >>> format_value(45.0, "percent"), format_value(5.7, "score-10"), format_value(1200000.0, "count")
    ('45 %', '5.7/10', '1200000')
    """
    return f"{plain_number(value)}{UNIT_SUFFIXES[unit]}"


def format_qualified(value: float, unit: Unit, qualifier: Qualifier, *, words: bool = False) -> str:
    """Write *value* with its unit and its qualifier: the one way every output shows a figure.

    ``~`` marks an approximate value and ``>`` a lower bound; with ``words=True`` they read
    "nearly" and "more than", for a sentence.

    >>> format_qualified(10.0, "percent", "approx"), format_qualified(674000.0, "count", "lower-bound")
    ('~10 %', '>674000')
    >>> format_qualified(674000.0, "count", "lower-bound", words=True)
    'more than 674000'
    """
    marks = QUALIFIER_WORDS if words else QUALIFIER_MARKS
    return marks[qualifier] + format_value(value, unit)


def format_difference(difference: float, unit: Unit) -> str:
    """Write a regional-minus-national *difference* with its sign and unit.

    A gap of one point is singular.

    >>> format_difference(8.0, "percent"), format_difference(-0.5, "score-10")
    ('+8 points', '-0.5 on 10')
    >>> format_difference(1.0, "percent"), format_difference(-1.0, "points")
    ('+1 point', '-1 point')
    """
    sign = "+" if difference >= 0 else ""
    suffix = DIFFERENCE_SUFFIXES[unit]
    if abs(difference) == 1 and suffix.endswith("points"):
        suffix = suffix[: -len("s")]
    return f"{sign}{plain_number(difference)}{suffix}"

"""The rules of a query, apart from any data: how a name is matched, which figure wins.

:class:`phare.Dataset` answers every query with these helpers; they hold no data of their own,
so every dataset (the bundled one, or a copy loaded with :func:`phare.load`) follows the same
rules. A miss raises an error of the :mod:`phare.errors` family that suggests what was meant
or lists what exists.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from phare._names import Choices, closest, normalise
from phare.errors import FigureNotFoundError, PhareError, UnknownNameError
from phare.vocabulary import plain_text, type_name

if TYPE_CHECKING:
    from phare.model import Figure, Indicator, Study

R = TypeVar("R")
K = TypeVar("K")
V = TypeVar("V")
FigureKey = tuple[str, object, object, object, object, object]

#: A kind with at most this many names lists them all when a miss resembles none of them.
FEW = 12
#: Entries kept in each memo before it is emptied; real workloads use a few dozen spellings.
CACHE_LIMIT = 4096
#: The suggestion list of each index of one dataset, by the index's id: a dataset keeps its own
#: (:attr:`phare.Dataset._choices_memo`), so that it goes with the dataset, indices and all.
ChoicesMemo = dict[int, Choices]


def lookup(
    kind: str,
    error: type[UnknownNameError],
    name: object,
    index: Mapping[str, R],
    ident: str,
    hint: Callable[[str], str] | None = None,
    *,
    memo: ChoicesMemo,
) -> R:
    """The record *index* holds for *name*, or *error* with the closest known names.

    *hint*, given the text asked for, adds what a miss should also tell (what exists, what the
    name is instead); *memo* keeps the suggestions of each index. A miss that resembles
    nothing, in a kind of at most :data:`FEW` names, lists them all, so a user who guessed
    blind learns the choices at once.

    >>> import phare
    >>> phare.actor("foo")
    Traceback (most recent call last):
    ...
    phare.errors.UnknownActorError: unknown actor 'foo'; the actors are: citizens, companies, associations, mayors
    """
    text = plain_text(kind, name)
    found = index.get(normalise(text))
    if found is None:
        choices = choices_of(
            memo, index, lambda: {k: str(getattr(r, ident)) for k, r in index.items()}
        )
        suggestions = closest(text, choices)
        extra = hint(text) if hint else ""
        known = list(dict.fromkeys(str(getattr(r, ident)) for r in index.values()))
        if not suggestions and not extra and len(known) <= FEW:
            extra = f"the {plural(kind)} are: {', '.join(known)}"
        raise error(kind, text, suggestions, extra)
    return found


def plural(kind: str) -> str:
    """The plural of a kind of name, as a message writes it.

    >>> plural("actor"), plural("study")
    ('actors', 'studies')
    """
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def choices_of(
    memo: ChoicesMemo, index: Mapping[str, object], suggest: Callable[[], Mapping[str, str]]
) -> Choices:
    """What to suggest for a miss in *index* (what *suggest* gives), prepared once per index.

    The *memo* is the dataset's own, and its indices live as long as the dataset: an id is
    never reused for another index while the memo holds it.
    """
    cached = memo.get(id(index))
    if cached is None:
        cached = memo[id(index)] = Choices(suggest())
    return cached


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


#: What a figure's theme and study may be, to be looked up in a memo.
_TEXT_OR_NONE = (str, type(None))


def plain(actor: object, indicator: object, theme: object, segment: object, study: object) -> bool:
    """Whether the names of a figure are all exact ``str`` (theme and study may be None).

    Only then may they go near a memo: hashing or comparing a ``str`` subclass would run its
    own ``__hash__`` and ``__eq__``, which could raise or claim to equal a name it is not.
    """
    return (
        str is type(actor) is type(indicator) is type(segment)
        and type(theme) in _TEXT_OR_NONE
        and type(study) in _TEXT_OR_NONE
    )


def remember(memo: dict[K, V], key: K, value: V) -> None:
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


def recency(figure: Figure) -> tuple[int, str]:
    """The sort key that makes the latest figure win: reference year, then publication date."""
    return (figure.reference_year, figure.study.published or "")


#: A range of reference years, both ends included; ``None`` leaves that end open.
YearRange = tuple["int | None", "int | None"]


def year_range(years: object) -> YearRange:
    """The ``years=(first, last)`` filter of a query, checked: both ends included, ``None`` open.

    Anything but a pair of ``int`` (or ``None``) is a :class:`TypeError`; a range that ends before
    it starts is a :class:`phare.PhareError`, not an empty answer.

    >>> year_range((2015, 2021)), year_range([2018, None])
    ((2015, 2021), (2018, None))
    >>> year_range(2016)
    Traceback (most recent call last):
    ...
    TypeError: years must be a pair (first, last) of int or None, as in years=(2015, 2021), not int
    >>> year_range((2021, 2015))
    Traceback (most recent call last):
    ...
    phare.errors.PhareError: years=(2021, 2015) ends before it starts; give (first, last), as in years=(2015, 2021)
    """
    shape = "a pair (first, last) of int or None, as in years=(2015, 2021)"
    if not isinstance(years, (tuple, list)) or len(years) != 2:
        raise TypeError(f"years must be {shape}, not {type_name(years)}")
    first, last = (_year(end, shape) for end in years)
    if first is not None and last is not None and first > last:
        raise PhareError(
            f"years=({first}, {last}) ends before it starts; give (first, last), "
            "as in years=(2015, 2021)"
        )
    return (first, last)


def _year(end: object, shape: str) -> int | None:
    """One end of a year range as a plain ``int``: any integer (a numpy one too), never a bool."""
    import numbers

    if end is None:
        return None
    if isinstance(end, bool) or not isinstance(end, numbers.Integral):
        raise TypeError(f"years must be {shape}, not a pair holding {type(end).__name__}")
    # A plain copy: an int subclass's own methods never run; other integers give their index.
    return int.__index__(end) if isinstance(end, int) else operator.index(end)


def report_name(study: Study) -> str:
    """A study as a reader names a report: its title and, when known, its year.

    >>> import phare
    >>> report_name(phare.study("impact-normandie-2020"))
    'IMPACT-Normandie (2020)'
    """
    return study.title if study.year is None else f"{study.title} ({study.year})"


def without_figures(reports: Iterable[Study]) -> str:
    """The sentence that says a region's *reports* are known but none of their figures is public.

    Empty when there is no such report, so a caller can add it to any message unconditionally.

    >>> import phare
    >>> without_figures([phare.study("impact-normandie-2020")])
    'the report IMPACT-Normandie (2020) is known, but no figure of it is public yet'
    >>> without_figures([])
    ''
    """
    names = [report_name(s) for s in reports]
    if not names:
        return ""
    if len(names) == 1:
        return f"the report {names[0]} is known, but no figure of it is public yet"
    return f"the reports {', '.join(names)} are known, but no figure of them is public yet"

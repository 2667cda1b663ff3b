"""One normalising function for every name and every code the package matches.

:func:`fold` reads any text as its words: runs of letters and digits, lower case, without
accents, with compatibility forms (full-width letters, ligatures) taken apart, and everything
else (spaces, dashes, punctuation, quotes, brackets) a boundary between words. Every index in
:mod:`phare._store` and every check in the queries is keyed by it, so what a lookup forgives
the checks forgive too:

- a *code* (INSEE, ISO 3166-2, NUTS, withdrawn ISO codes) matches by :func:`fold` itself, words
  and boundaries both: ``(FR-J.)`` is the withdrawn code ``FR-J``, never the NUTS code ``FRJ``,
  and ``5.3`` is no INSEE code;
- a *name* matches by :func:`normalise`, the same words run together, since people split and
  join the words of a name at will (``Pays-de-la-Loire``, ``paysdelaloire``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Longest name, in characters, that is normalised at all. The longest real key is under 60
#: characters; anything far longer cannot match, and capping keeps a 10 MB string cheap to reject.
MAX_NAME_LENGTH = 200

#: The dashes typesetting puts where a hyphen was meant: hyphen, non-breaking hyphen, en dash
#: and em dash (``Nouvelle–Aquitaine``), written as escapes since they look alike.
TYPESET_DASHES = "\u2010\u2011\u2013\u2014"
#: The spaces a line must not break at, no-break and narrow no-break, as French text uses them.
NO_BREAK_SPACES = "\u00a0\u202f"
#: Curly quotes and the acute accent typed for an apostrophe.
TYPESET_APOSTROPHES = "\u2018\u2019\u00b4"

#: The accented letters of Latin-1 (all of French's among them) and what NFKD leaves of each
#: once its accents are dropped, written out: folding these needs no ``unicodedata``, whose
#: tables would add some 0.4 MiB to the process. A test checks every pair against it; any other
#: character that is not ASCII still goes through ``unicodedata``.
ACCENTED = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ"
UNACCENTED = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyy"
_TYPESET = TYPESET_DASHES + NO_BREAK_SPACES + TYPESET_APOSTROPHES
_FOLD = str.maketrans(ACCENTED + _TYPESET, UNACCENTED + " " * len(_TYPESET))

#: A word: a run of letters and digits (``\w`` without the underscore).
_WORD = re.compile(r"[^\W_]+")
#: What joins the words of a folded text.
JOINER = "-"


def fold(text: str) -> str:
    """Fold *text* to its words, lower case and unaccented, joined by hyphens.

    Only letters and digits count; any run of anything else is one boundary, and boundaries at
    either end vanish. A region's name folds to its slug. The text is read as a plain ``str``
    first, so a ``str`` subclass's own methods never run here. A text longer than
    :data:`MAX_NAME_LENGTH` folds to ``""``, which no index holds.

    >>> fold("Provence-Alpes-Côte d’Azur")
    'provence-alpes-cote-d-azur'
    >>> fold(" (FR_J.) "), fold("ＦＲ－Ｊ"), fold("FRJ")
    ('fr-j', 'fr-j', 'frj')
    >>> fold("5.3"), fold("'53'")
    ('5-3', '53')
    """
    text = str.__str__(text)
    if len(text) > MAX_NAME_LENGTH:
        return ""
    folded = text.translate(_FOLD)
    if not folded.isascii():
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return JOINER.join(_WORD.findall(folded.casefold()))


def normalise(name: str) -> str:
    """The key a *name* is indexed under: its :func:`fold` with the words run together.

    The words of a name may be split or joined anywhere (``Île de France``, ``iledefrance``);
    a code is matched by :func:`fold` alone, where the boundaries count.

    >>> normalise("Provence-Alpes-Côte d’Azur")
    'provencealpescotedazur'
    >>> normalise("Nouvelle\N{EN DASH}Aquitaine")
    'nouvelleaquitaine'
    >>> normalise("ÎLE_DE_FRANCE") == normalise("ile de france")
    True
    """
    return fold(name).replace(JOINER, "")


#: How alike (difflib's ratio, 0 to 1) a known key must be to a name to be suggested for it.
CUTOFF = 0.6


class Choices:
    """The keys of one index, ready to be searched for suggestions.

    Built once per index: ``suggest`` maps each normalised key to what to suggest for it, and
    ``by_length`` groups the keys by length, so a search skips, in one step per length, the keys
    too short or too long to ever reach :data:`CUTOFF`.

    >>> Choices({"bretagne": "bretagne", "53": "bretagne"}).by_length
    {8: ['bretagne'], 2: ['53']}
    """

    __slots__ = ("by_length", "suggest")

    def __init__(self, suggest: Mapping[str, str]) -> None:
        self.suggest = dict(suggest)
        self.by_length: dict[int, list[str]] = {}
        for key in self.suggest:
            self.by_length.setdefault(len(key), []).append(key)

    def within_reach(self, key: str) -> list[str]:
        """The keys whose length alone does not rule them out as a match for *key*.

        The test is difflib's ``real_quick_ratio``, the bound its ``get_close_matches`` applies
        first, written the same way: dropping these keys beforehand changes no result.

        >>> Choices({"bretagne": "bretagne", "53": "bretagne"}).within_reach("bretange")
        ['bretagne']
        """
        size = len(key)
        return [
            candidate
            for length, keys in self.by_length.items()
            if 2.0 * min(length, size) / (length + size) >= CUTOFF
            for candidate in keys
        ]


def closest(name: str, choices: Mapping[str, str] | Choices, limit: int = 3) -> list[str]:
    """Up to *limit* suggestions for a *name* that matched nothing, best first.

    *choices* maps normalised keys (as an index holds them) to what to suggest for each, or is
    that mapping already prepared as :class:`Choices`; the comparison runs on the normalised
    forms, so the suggestion forgives what a lookup forgives.

    >>> closest("nouvelle-aquitane", {"nouvelleaquitaine": "nouvelle-aquitaine", "bretagne": "bretagne"})
    ['nouvelle-aquitaine']
    """
    key = normalise(name)
    if not key:
        return []
    if not isinstance(choices, Choices):
        choices = Choices(choices)
    import difflib  # only a miss needs it

    suggestions: list[str] = []
    for match in difflib.get_close_matches(
        key, choices.within_reach(key), n=limit * 3, cutoff=CUTOFF
    ):
        suggestion = choices.suggest[match]
        if suggestion not in suggestions:
            suggestions.append(suggestion)
    return suggestions[:limit]

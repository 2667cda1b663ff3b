"""One normalising function for every name the package matches.

Every index in :mod:`phare._store` is keyed by :func:`normalise`, and every query runs its
argument through the same function, so a spelling that works for regions works for actors,
indicators, themes, segments and studies too.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Longest name, in characters, that is normalised at all. The longest real key is under 60
#: characters; anything far longer cannot match, and capping keeps a 10 MB string cheap to reject.
MAX_NAME_LENGTH = 200

#: The dashes typesetting puts where a hyphen was meant: hyphen, non-breaking hyphen, en dash
#: and em dash (``Nouvelle–Aquitaine``), written as escapes since they look alike.
TYPESET_DASHES = "\u2010\u2011\u2013\u2014"
#: The spaces a line must not break at, no-break and narrow no-break, as French text uses them.
NO_BREAK_SPACES = "\u00a0\u202f"

_SEPARATOR_CHARACTERS = " \t\n\r-_'’‘`´.,/()" + TYPESET_DASHES + NO_BREAK_SPACES
_SEPARATORS = str.maketrans("", "", _SEPARATOR_CHARACTERS)

#: The accented letters of Latin-1 (all of French's among them) and what NFKD leaves of each
#: once its accents are dropped, written out: folding these needs no ``unicodedata``, whose
#: tables would add some 0.4 MiB to the process. A test checks every pair against it; any other
#: character that is not ASCII still goes through ``unicodedata``.
ACCENTED = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ"
UNACCENTED = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyy"
_FOLD = str.maketrans(ACCENTED, UNACCENTED, _SEPARATOR_CHARACTERS)


def normalise(name: str) -> str:
    """Fold *name* to the key every index uses.

    Case, accents, spaces (no-break ones too), hyphens and dashes, underscores, dots and
    apostrophes (straight or curly) are dropped, so the many ways people write a French region
    name meet on one key. A name longer than :data:`MAX_NAME_LENGTH` folds to ``""``, which no
    index holds.

    >>> normalise("Provence-Alpes-Côte d’Azur")
    'provencealpescotedazur'
    >>> normalise("Nouvelle\N{EN DASH}Aquitaine")
    'nouvelleaquitaine'
    >>> normalise("ÎLE_DE_FRANCE") == normalise("ile de france")
    True
    """
    if len(name) > MAX_NAME_LENGTH:
        return ""
    folded = name.translate(_FOLD)
    if not folded.isascii():
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return folded.casefold().translate(_SEPARATORS)


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


_CODE_SEPARATORS = str.maketrans(dict.fromkeys("-_" + TYPESET_DASHES, " "))


def code_key(name: str) -> str:
    """Fold a code for the index of withdrawn codes, keeping one hyphen where any separator stood.

    :func:`normalise` drops separators, which is right for names but would make ``FR-J`` (a
    withdrawn ISO code) and ``FRJ`` (a NUTS code) the same key; this keeps them apart.

    >>> code_key(" fr_j "), code_key("FR - J"), code_key("FRJ")
    ('fr-j', 'fr-j', 'frj')
    """
    if len(name) > MAX_NAME_LENGTH:
        return ""
    return "-".join(name.casefold().translate(_CODE_SEPARATORS).split())

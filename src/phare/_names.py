"""One normalising function for every name the package matches.

Every index in :mod:`phare._store` is keyed by :func:`normalise`, and every query runs its
argument through the same function, so a spelling that works for regions works for actors,
indicators, themes, segments and studies too.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping

#: Longest name, in characters, that is normalised at all. The longest real key is under 60
#: characters; anything far longer cannot match, and capping keeps a 10 MB string cheap to reject.
MAX_NAME_LENGTH = 200

_SEPARATORS = str.maketrans("", "", " \t\n\r-_'’‘`´.,/()")


def normalise(name: str) -> str:
    """Fold *name* to the key every index uses.

    Case, accents, spaces, hyphens, underscores, dots and apostrophes (straight or curly) are
    dropped, so the many ways people write a French region name meet on one key. A name longer
    than :data:`MAX_NAME_LENGTH` folds to ``""``, which no index holds.

    >>> normalise("Provence-Alpes-Côte d’Azur")
    'provencealpescotedazur'
    >>> normalise("ÎLE_DE_FRANCE") == normalise("ile de france")
    True
    """
    if len(name) > MAX_NAME_LENGTH:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold().translate(_SEPARATORS)


def closest(name: str, choices: Mapping[str, str], limit: int = 3) -> list[str]:
    """Up to *limit* suggestions for a *name* that matched nothing, best first.

    *choices* maps normalised keys (as an index holds them) to what to suggest for each; the
    comparison runs on the normalised forms, so the suggestion forgives what a lookup forgives.

    >>> closest("nouvelle-aquitane", {"nouvelleaquitaine": "nouvelle-aquitaine", "bretagne": "bretagne"})
    ['nouvelle-aquitaine']
    """
    key = normalise(name)
    if not key:
        return []
    suggestions: list[str] = []
    for match in difflib.get_close_matches(key, list(choices), n=limit * 3, cutoff=0.6):
        if choices[match] not in suggestions:
            suggestions.append(choices[match])
    return suggestions[:limit]

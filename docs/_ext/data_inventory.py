"""Collections the public API does not hand out in one call, gathered from what it does.

The data pages and the check of the counts stated in prose (``tests/docs/test_prose_numbers.py``)
both count with these, so a page and the prose can never count differently.
"""

from __future__ import annotations

from collections import Counter

import phare
from phare import _store
from phare.dataset import BUNDLED
from phare.model import Dispute, Source


def disputes() -> list[tuple[str, str, list[Dispute]]]:
    """Every recorded disagreement: its subject kind, its subject, and the records behind it.

    Records that give the same other value for the same field of the same subject, from
    different sources, make one disagreement.

    >>> [(kind, subject) for kind, subject, _ in disputes()][-1]
    ('observatory', 'Observatoire national des partenariats')
    """
    subjects: list[tuple[str, str, tuple[Dispute, ...]]] = [
        *(("figure", f.id, f.disputes) for f in phare.figures()),
        *(("study", s.id, s.disputes) for s in phare.studies()),
        *(("programme", p.id, p.disputes) for p in phare.programmes()),
        ("observatory", phare.observatory().name, phare.observatory().disputes),
    ]
    grouped: dict[tuple[str, str, str, str], list[Dispute]] = {}
    for kind, subject, records in subjects:
        for record in records:
            grouped.setdefault((kind, subject, record.field, record.other), []).append(record)
    return [(kind, subject, records) for (kind, subject, _, _), records in grouped.items()]


def sources() -> dict[str, tuple[Source, Counter[str]]]:
    """Every source the data cites, with how many figures, studies and others cite it.

    >>> uses = sources()["seed:press-release-phare-nouvelle-aquitaine"][1]
    >>> uses["figures"], uses["programmes"]
    (9, 4)
    """
    found: dict[str, tuple[Source, Counter[str]]] = {}
    for kind, source in _store.citations(BUNDLED._tables()):
        found.setdefault(source.id, (source, Counter()))[1][kind] += 1
    return found


def regions_with_figures() -> tuple[phare.Region, ...]:
    """The regions (France excluded) that have at least one bundled figure.

    >>> slugs = [r.slug for r in regions_with_figures()]
    >>> "nouvelle-aquitaine" in slugs, "france" in slugs, "la-reunion" in slugs
    (True, False, False)
    """
    return tuple(r for r in phare.regions() if r.figures())

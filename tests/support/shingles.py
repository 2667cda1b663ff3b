"""Runs of six words, folded and hashed: how the suite spots prose copied from the seed.

The press release this project started from (the seed, cited as
``seed:press-release-phare-nouvelle-aquitaine``) is not shipped: ``tests/`` goes into the
sdist, and the release's sentences are not ours to redistribute. ``fixtures/seed_shingles.txt``
keeps instead one hash per run of six consecutive words of the release, which tells whether a
text repeats such a run but cannot give the run back. The file was written once, from the
release's text file in the project's source material, with::

    python tests/support/shingles.py press-release-phare-nouvelle-aquitaine.txt > tests/fixtures/seed_shingles.txt

Words are compared without case or accents, and anything that is not a letter or a digit
separates them ("d'alliances" is two words, "**Création**" one).

>>> words("Le RAMEAU, créé en 2006 : l'Observatoire")
['le', 'rameau', 'cree', 'en', '2006', 'l', 'observatoire']
>>> [" ".join(run) for run in runs("un deux trois quatre cinq six sept")]
['un deux trois quatre cinq six', 'deux trois quatre cinq six sept']
>>> fingerprint(("un", "deux", "trois", "quatre", "cinq", "six"))
'502e7d8d704d6a0a'
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

#: How many consecutive words make a run: enough to be a phrase, not a name or a title.
RUN = 6
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "seed_shingles.txt"
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of *text*, lower-case and without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return WORD.findall(bare)


def runs(text: str) -> Iterator[tuple[str, ...]]:
    """Every run of :data:`RUN` consecutive words of *text*."""
    found = words(text)
    for start in range(len(found) - RUN + 1):
        yield tuple(found[start : start + RUN])


def fingerprint(run: tuple[str, ...]) -> str:
    """The hash kept for one run: 64 bits of its SHA-256, in hex."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def seed_fingerprints() -> frozenset[str]:
    """The hashes of the seed's runs, as stored in the fixture (``#`` lines are comments)."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def shared_runs(text: str, fingerprints: frozenset[str]) -> list[str]:
    """The runs of *text* whose hash is in *fingerprints*, each written out once, in order."""
    shared = (" ".join(run) for run in runs(text) if fingerprint(run) in fingerprints)
    return list(dict.fromkeys(shared))


def main(path: str) -> None:
    """Print the fixture for the text file at *path*: a header, then its sorted hashes."""
    text = Path(path).read_text(encoding="utf-8")
    print(f"# SHA-256 (first 16 hex digits) of every run of {RUN} words of the seed press")
    print("# release, folded as tests/support/shingles.py says; written by that module's main().")
    for digest in sorted({fingerprint(run) for run in runs(text)}):
        print(digest)


if __name__ == "__main__":
    main(sys.argv[1])

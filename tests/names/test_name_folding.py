"""fold() folds the accents of Latin-1 from a written-out table: it must agree with NFKD."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from phare._names import ACCENTED, UNACCENTED, fold, normalise


def _by_unicodedata(name: str) -> str:
    """The fold written with unicodedata alone: NFKD, accents dropped, case folded, and the
    runs of letters and digits (``str.isalnum``) kept, one hyphen between each."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "-".join(re.findall(r"[^\W_]+", stripped.casefold()))


def test_the_table_pairs_each_accented_letter_with_what_nfkd_leaves_of_it() -> None:
    assert len(ACCENTED) == len(UNACCENTED) == len(set(ACCENTED)) == 53
    for accented, plain in zip(ACCENTED, UNACCENTED, strict=True):
        decomposed = unicodedata.normalize("NFKD", accented)
        assert "".join(c for c in decomposed if not unicodedata.combining(c)) == plain
    latin_1 = [chr(point) for point in range(0xC0, 0x100)]
    assert [c for c in latin_1 if unicodedata.decomposition(c)] == list(ACCENTED)


@pytest.mark.parametrize(
    "first", [0x00, 0x100, 0x300, 0x2000, 0x3000, 0xFB00, 0xFF00], ids=lambda n: f"U+{n:04X}"
)
def test_fold_agrees_with_nfkd_on_every_character_of_a_block(first: int) -> None:
    for point in range(first, first + 0x100):
        text = f"É{chr(point)}-é’x"
        assert fold(text) == _by_unicodedata(text), hex(point)
        assert normalise(text) == _by_unicodedata(text).replace("-", ""), hex(point)


def test_names_of_the_data_fold_as_before() -> None:
    assert normalise("Provence-Alpes-Côte d’Azur") == "provencealpescotedazur"
    assert normalise("ÎLE-DE-FRANCE") == normalise("Île de France") == "iledefrance"
    assert normalise("ＦＲ－ＮＡＱ") == "frnaq"  # fullwidth forms still go through NFKD
    assert fold("ＦＲ－ＮＡＱ") == fold("(fr-naq)") == "fr-naq"
    assert fold("Provence-Alpes-Côte d’Azur") == "provence-alpes-cote-d-azur"


def test_every_character_but_letters_and_digits_is_a_boundary() -> None:
    assert fold("« FR–J »") == fold("[FR/J]") == fold("'FR_J'") == "fr-j"
    assert fold("5.3") == fold("5 3") == fold("5 3") == "5-3"
    assert fold("__53__") == fold("(53)") == "53"
    assert fold("-") == fold("") == ""


def test_typeset_separators_fold_without_unicodedata(monkeypatch: pytest.MonkeyPatch) -> None:
    # A name of Latin-1 letters and typeset separators takes the fast path of the accent table.
    seen: list[str] = []
    real = unicodedata.normalize

    def spy(form: Any, text: str) -> str:
        seen.append(text)
        return real(form, text)

    monkeypatch.setattr(unicodedata, "normalize", spy)
    assert normalise("Nouvelle\u2013Aquitaine") == "nouvelleaquitaine"
    assert normalise("Provence\u2014Alpes\u2011Côte\u00a0d’Azur") == "provencealpescotedazur"
    assert normalise("Île\u202fde\u2010France") == "iledefrance"
    monkeypatch.undo()
    assert not [text for text in seen if "Aquitaine" in text or "Alpes" in text or "de" in text]

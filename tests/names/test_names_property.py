"""Every known name and code resolves however it is written; no two names meet.

The spellings are generated: any mix of case, accents added or taken away, separators swapped,
added or dropped, straight or curly apostrophes, quotes, brackets and punctuation around, and
full-width forms. A name's words may be split or run together anywhere; a code keeps its
boundaries (any separator where it has one, none where it has none), since ``FR-J`` (withdrawn)
and ``FRJ`` (a NUTS code), or ``53`` and ``5.3``, are not the same. The expected records come
from the public records themselves (their ids, labels, codes and aliases), not from the indices.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import phare
from phare._names import closest, fold, normalise
from phare.dataset import BUNDLED
from support.datacopy import copy_data, set_cell

NAMES = settings(max_examples=60, deadline=None)

SEPARATORS = (
    " ", "-", "_", "  ", "'", "’", "‘", "`", "´", ".", "",
    "\u2010", "\u2011", "\u2013", "\u2014", "\u00a0", "\u202f",
)  # fmt: skip
#: What people put around a name or a code: quotes, brackets, punctuation, spaces of any kind.
AROUND = (
    "", " ", "  ", "\t", "\n", "'", '"', "`", "‘", "’", "“", "”", "«", "» ", "(", ")", "[", "]",
    "{", "}", "<", ">", ".", ",", ";", ":", "!", "?", "*", "/", "\\", "|", "-", "_", "\u00a0",
    "\u202f", "\u3000", "＂", "（", "）", "．",
)  # fmt: skip
ACCENTED = {"a": "àâä", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "c": "ç", "n": "ñ"}
COMBINING = ("\u0301", "\u0300", "\u0302", "\u0308", "\u0327")


def region_names(r: phare.Region) -> Iterable[str]:
    return (r.slug, r.name)


def region_codes(r: phare.Region) -> Iterable[str]:
    return (*([r.insee_code] if r.insee_code else []), r.iso_3166_2, r.nuts)


def labelled_names(record: Any) -> Iterable[str]:
    return (record.id, record.label_en, record.label_fr, *getattr(record, "aliases", ()))


def every_region() -> tuple[phare.Region, ...]:
    return (phare.national(), *phare.regions())


KINDS: dict[str, tuple[Callable[[], tuple[Any, ...]], Callable[[str], Any], Callable[..., Any]]] = {
    "region": (every_region, phare.region, region_names),
    "actor": (phare.actors, phare.actor, labelled_names),
    "indicator": (phare.indicators, phare.indicator, labelled_names),
    "theme": (phare.themes, phare.theme, labelled_names),
    "segment": (phare.segments, phare.segment, labelled_names),
}


def every_name() -> list[tuple[str, Any, str]]:
    return [
        (kind, record, name)
        for kind, (records, _, names) in KINDS.items()
        for record in records()
        for name in names(record)
    ]


def every_code() -> list[tuple[phare.Region, str]]:
    return [(region, code) for region in every_region() for code in region_codes(region)]


def full_width(char: str) -> str:
    """The full-width form of a printable ASCII character (``A`` -> ``Ａ``)."""
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


@st.composite
def decorated(draw: st.DrawFn, text: str) -> str:
    """*text* with quotes, brackets or punctuation around it, and perhaps in full-width forms."""
    if draw(st.integers(0, 3)) == 0:
        text = "".join(full_width(char) if draw(st.booleans()) else char for char in text)
    before = "".join(draw(st.lists(st.sampled_from(AROUND), max_size=3)))
    after = "".join(draw(st.lists(st.sampled_from(AROUND), max_size=3)))
    return before + text + after


@st.composite
def respelt(draw: st.DrawFn, name: str) -> str:
    """*name* with its case, accents, separators and apostrophes changed at random."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", name):
        if unicodedata.combining(char):
            if draw(st.booleans()):
                out.append(char)  # keep the accent, or drop it
            continue
        if not char.isalnum():
            out.append(draw(st.sampled_from(SEPARATORS)))
            continue
        lower = char.lower()
        if lower in ACCENTED and draw(st.integers(0, 3)) == 0:
            char = draw(st.sampled_from(ACCENTED[lower]))
        elif char.isalpha() and draw(st.integers(0, 5)) == 0:
            char += draw(st.sampled_from(COMBINING))
        out.append(char.upper() if draw(st.booleans()) else char.lower())
        if draw(st.integers(0, 6)) == 0:
            out.append(draw(st.sampled_from(SEPARATORS)))
    return draw(decorated("".join(out)))


@st.composite
def recoded(draw: st.DrawFn, code: str) -> str:
    """*code* in any case, with any separator (one or more) where it has one, none elsewhere."""
    out: list[str] = []
    for char in code:
        if char.isalnum():
            out.append(char.upper() if draw(st.booleans()) else char.lower())
        else:
            run = draw(st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3))
            out.append("".join(run) or " ")
    return draw(decorated("".join(out)))


ALL_NAMES = every_name()
ALL_CODES = every_code()
WITHDRAWN = [(code, region) for region in phare.regions() for code in region.former_codes]
FORMER = [former for region in phare.regions() for former in region.former_regions]


@settings(NAMES, max_examples=400)
@given(data=st.data())
def test_a_name_resolves_however_it_is_written(data: st.DataObject) -> None:
    kind, record, name = data.draw(st.sampled_from(ALL_NAMES), label="name")
    spelling = data.draw(respelt(name), label="spelling")
    assert KINDS[kind][1](spelling) == record


@settings(NAMES, max_examples=300)
@given(data=st.data())
def test_a_code_resolves_in_any_decoration(data: st.DataObject) -> None:
    region, code = data.draw(st.sampled_from(ALL_CODES), label="code")
    assert phare.region(data.draw(recoded(code), label="spelling")) is region


@settings(NAMES, max_examples=300)
@given(data=st.data())
def test_a_withdrawn_code_is_refused_in_any_decoration(data: st.DataObject) -> None:
    withdrawn, region = data.draw(st.sampled_from(WITHDRAWN), label="code")
    spelling = data.draw(recoded(withdrawn.code), label="spelling")
    with pytest.raises(phare.FormerCodeError) as caught:
        phare.region(spelling)
    assert (caught.value.region, caught.value.former_name) == (region.slug, withdrawn.name)


@settings(NAMES, max_examples=200)
@given(data=st.data())
def test_a_former_region_is_refused_by_any_name_or_code(data: st.DataObject) -> None:
    former = data.draw(st.sampled_from(FORMER), label="former region")
    spelling = data.draw(
        st.one_of(respelt(former.name), recoded(former.insee_code), recoded(former.nuts)),
        label="spelling",
    )
    with pytest.raises(phare.FormerRegionError) as caught:
        phare.region(spelling)
    assert (caught.value.former_name, caught.value.merged_into) == (
        former.name,
        former.merged_into,
    )


@settings(NAMES, max_examples=300)
@given(data=st.data())
def test_a_boundary_moved_in_a_code_never_picks_another_record_silently(
    data: st.DataObject,
) -> None:
    # "5.3" is not Bretagne's 53, "F.RJ" not Occitanie's FRJ: a code split where it has no
    # boundary, or run together where it has one, answers only if that spelling is itself a
    # code, and then with that code's own record.
    codes = {fold(c): r for r in every_region() for c in region_codes(r)}
    codes |= {fold(w.code): w for w, _ in WITHDRAWN}
    codes |= {fold(f.insee_code): f for f in FORMER} | {fold(f.nuts): f for f in FORMER}
    _, code = data.draw(st.sampled_from(ALL_CODES + [(r, w.code) for w, r in WITHDRAWN]))
    cut = data.draw(st.integers(1, len(code) - 1), label="where")
    if not code[cut].isalnum():
        moved = code[:cut] + code[cut + 1 :]  # its separator dropped
    elif not code[cut - 1].isalnum():
        moved = code[: cut - 1] + code[cut:]
    else:
        boundary = data.draw(st.sampled_from([s for s in SEPARATORS if s]), label="boundary")
        moved = code[:cut] + boundary + code[cut:]
    spelling = data.draw(decorated(moved), label="spelling")
    meant = codes.get(fold(moved))
    if isinstance(meant, phare.Region):
        assert phare.region(spelling) is meant
        return
    expected = {
        phare.FormerCode: phare.FormerCodeError,
        phare.FormerRegion: phare.FormerRegionError,
    }.get(type(meant), phare.UnknownRegionError)
    with pytest.raises(phare.UnknownRegionError) as caught:
        phare.region(spelling)
    assert type(caught.value) is expected


@pytest.mark.parametrize(
    ("spelling", "error"),
    [
        ("FR-J.", phare.FormerCodeError),
        ("(FR-B)", phare.FormerCodeError),
        ("'FR-E'", phare.FormerCodeError),
        ("ＦＲ－Ｊ", phare.FormerCodeError),
        ("« FR – K »", phare.FormerCodeError),
        ("5.3", phare.UnknownRegionError),
        ("7,5", phare.UnknownRegionError),
        ("9 3", phare.UnknownRegionError),
    ],
)
def test_what_the_lookup_forgives_the_checks_forgive(spelling: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        phare.region(spelling)
    assert type(caught.value) is error


def test_a_code_split_or_run_together_is_suggested() -> None:
    # Not an answer, but a pointer: "5.3" reads as 53 once run together.
    with pytest.raises(phare.UnknownRegionError) as caught:
        phare.region("5.3")
    assert caught.value.suggestions[0] == phare.region("53").slug


def plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))


@pytest.mark.parametrize(
    ("kind", "record", "name"), ALL_NAMES, ids=[f"{k}:{n}" for k, _, n in ALL_NAMES]
)
def test_every_name_resolves_in_the_usual_spellings(kind: str, record: Any, name: str) -> None:
    lookup = KINDS[kind][1]
    spellings = {name, name.upper(), name.lower(), plain(name).upper(), f"  {name}  "}
    for separator in SEPARATORS:
        spellings.add("".join(c if c.isalnum() else separator for c in name))
    for spelling in spellings:
        assert lookup(spelling) == record, spelling


@pytest.mark.parametrize(("region", "code"), ALL_CODES, ids=[c for _, c in ALL_CODES])
def test_every_code_resolves_in_the_usual_spellings(region: phare.Region, code: str) -> None:
    spellings = {code, code.lower(), f"  {code}  ", f"({code})", f"'{code}'", f"{code}."}
    for separator in filter(None, SEPARATORS):
        spellings.add("".join(c if c.isalnum() else separator for c in code))
    for spelling in spellings:
        assert phare.region(spelling) is region, spelling


def test_the_spellings_cover_every_kind_of_change() -> None:
    assert phare.region("PROVENCE alpes_CÔTE‘D’AZUR") is phare.region("provence-alpes-cote-d-azur")
    assert phare.region("ile de france") is phare.region("Île-de-France")
    assert phare.region("iledefrance") is phare.region("Île-de-France")
    assert phare.actor("ÉNTREPRISES").id == "companies"
    assert phare.theme("Pouvoir d`achat").id == "purchasing-power"


def test_every_index_and_check_is_keyed_by_the_one_fold() -> None:
    store = BUNDLED._tables()
    regions = every_region()
    assert set(store.region_index) == {normalise(n) for r in regions for n in region_names(r)}
    assert set(store.former_index) == {normalise(f.name) for f in FORMER} | {
        normalise(n.name) for r in regions for n in r.former_names
    }
    assert set(store.code_index) == {
        *(fold(c) for r in regions for c in region_codes(r)),
        *(fold(f.insee_code) for f in FORMER),
        *(fold(f.nuts) for f in FORMER),
        *(fold(w.code) for w, _ in WITHDRAWN),
    }
    assert all(normalise(name) == fold(name).replace("-", "") for _, _, name in ALL_NAMES)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_two_records_share_a_name(kind: str) -> None:
    records, _, names = KINDS[kind]
    owner: dict[str, Any] = {}
    for record in records():
        for name in names(record):
            folded = normalise(name)
            assert folded, f"{name!r} folds to nothing"
            assert owner.setdefault(folded, record) == record, (name, owner[folded])


def test_no_two_codes_meet() -> None:
    owners: dict[str, object] = {}
    codes = [(c, r) for r in every_region() for c in region_codes(r)]
    codes += [(f.insee_code, f) for f in FORMER] + [(w.code, w) for w, _ in WITHDRAWN]
    codes += [(f.nuts, f) for f in FORMER]
    for code, owner in codes:
        assert owners.setdefault(fold(code), owner) is owner, code


def test_no_former_region_shares_a_name_with_a_region() -> None:
    current = {normalise(n) for r in phare.regions() for n in region_names(r)}
    current_codes = {fold(c) for r in phare.regions() for c in region_codes(r)}
    for former in FORMER:
        assert normalise(former.name) not in current
        assert fold(former.insee_code) not in current_codes


@pytest.mark.parametrize(
    ("name", "row", "field", "value"),
    [
        ("actors.csv", 2, "aliases", "citizen;Entreprise"),
        ("indicators.csv", 3, "label_fr", "Pratique déjà le partenariat"),
        ("themes.csv", 3, "aliases", "EMPLOI"),
        ("regions.csv", 2, "name", "Nouvelle Aquitaine"),
    ],
)
def test_the_loader_refuses_two_records_on_one_name(
    tmp_path: Any, name: str, row: int, field: str, value: str
) -> None:
    folder = copy_data(tmp_path)
    set_cell(folder, name, row, field, value)
    with pytest.raises(phare.DataError, match="is given to two records"):
        phare.load(folder)


# --- suggestions ----------------------------------------------------------------------------------


def test_no_more_than_three_suggestions_are_made() -> None:
    choices = {f"bretagne{n}": f"region-{n}" for n in range(5)}
    assert len(closest("bretagne", choices)) == 3


def test_a_suggestion_exactly_on_the_cutoff_is_made() -> None:
    # "abc" against "abcdefg" scores 2 * 3 / 10 = 0.6, the cutoff itself
    assert closest("abc", {"abcdefg": "abcdefg"}) == ["abcdefg"]


def test_a_record_known_by_many_names_leaves_room_for_the_others() -> None:
    choices = {"aaaa1": "first", "aaaa2": "first", "aaaa3": "first", "aaab": "second"}
    assert closest("aaaa", choices) == ["first", "second"]

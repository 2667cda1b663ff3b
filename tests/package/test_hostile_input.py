"""Hostile input: whatever a caller passes, only the phare family or a TypeError comes out.

Every public function that takes a name or a selection is driven by hypothesis with arbitrary
text (control characters, combining accents, right-to-left marks, emoji, lone surrogates, very
long strings), bytes, numbers, None, containers and odd objects, alone and mixed with real
names so that each argument is reached with the others valid. ``--hypothesis-show-statistics``
prints how many inputs each test tried.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

import phare
from phare import _names, cli
from phare.cli import main
from support.hostile import SlyStr

ROOT = Path(__file__).resolve().parents[2]

#: Modest example counts keep the suite in seconds; the strategies aim at the odd corners.
HOSTILE = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip

#: Characters that break naive text handling, mixed into generated strings.
TRICKY = (
    "\u0000", "\u0007", "\u001b", "\u007f", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e",
    "\u2066", "\ufeff", "\u0301", "\u0327", "\u0338", "\ud800", "\udfff", "\U0001f600",
    "\U0001f1eb\U0001f1f7", "\ufdfa", "\u2028", "ǅ", "ß", "İ", "ﬁ", "’", "\\", "%s", "{0}",
)  # fmt: skip

KNOWN = (
    "nouvelle-aquitaine", "FR-NAQ", "75", "FRI", "france", "Aquitaine", "companies",
    "entreprises", "partnering", "fragility-score", "employment", "sme", "all", "employer",
    "phare-nouvelle-aquitaine-2016", "arpea-entreprises-territoires-2011", "PHARE", "A",
    "bibtex", "Text",
)  # fmt: skip


class Weird:
    """An object that fails when compared, hashed, turned to text or measured."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no comparing")

    def __hash__(self) -> int:
        raise RuntimeError("no hashing")

    def __str__(self) -> str:
        raise RuntimeError("no text")

    def __len__(self) -> int:
        raise RuntimeError("no length")

    def __repr__(self) -> str:
        return "Weird()"


any_char = st.characters(codec=None, categories=None, exclude_categories=())
text = st.one_of(
    st.text(any_char, max_size=40),
    st.lists(st.sampled_from(TRICKY + KNOWN), max_size=6).map("".join),
    st.builds(lambda k, t: k[:3] + t + k[3:], st.sampled_from(KNOWN), st.sampled_from(TRICKY)),
    st.builds(lambda k: unicodedata.normalize("NFD", k.upper()), st.sampled_from(KNOWN)),
    st.integers(0, 12).map(lambda n: "x" * 10**n if n < 7 else "é" * 300),
)
others = st.one_of(
    st.none(),
    st.binary(max_size=20),
    st.integers(),
    st.floats(),
    st.complex_numbers(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.tuples(st.text(max_size=5)),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.frozensets(st.integers(), max_size=2),
    st.just(object()),
    st.builds(Weird),
    st.builds(SlyStr, st.sampled_from(KNOWN)),
    st.just(phare.DataError("x")),
    st.just(str),
    st.just(Ellipsis),
)
anything = st.one_of(text, text, st.sampled_from(KNOWN), others)


def real_or(
    real: tuple[str, ...], hostile: st.SearchStrategy[Any] = anything
) -> st.SearchStrategy[Any]:
    """One of the *real* values half the time, a *hostile* one the other half.

    ``st.one_of(st.sampled_from(real), anything)`` would draw a real value once in some thirty
    tries (one_of weighs every branch of the flattened ``anything`` alike), so the arguments of
    a call would rarely be valid together and the call would rarely get past its first check.
    """
    return st.booleans().flatmap(lambda pick_real: st.sampled_from(real) if pick_real else hostile)


SURVIVABLE = (phare.PhareError, TypeError)


def survive(call: Callable[[], Any]) -> None:
    """Run *call*; anything but a phare error or a TypeError fails the test."""
    with contextlib.suppress(SURVIVABLE):
        call()


def figure_cite(style: Any) -> str:
    return phare.national().figure("companies", "partnering").cite(style)


def study_cite(style: Any) -> str:
    return phare.study("phare-nouvelle-aquitaine-2016").cite(style)


def region_coverage(name: Any) -> object:
    return phare.region(name).coverage()


#: ``phare.coverage()`` takes no argument, so no input can reach it; ``Region.coverage`` is
#: reached through the region's name. The charts are driven at the end of this module.
NAME_FUNCTIONS = [
    phare.region, phare.actor, phare.indicator, phare.theme, phare.segment, phare.study,
    phare.programme, phare.studies, lambda n: phare.observatory().programme(n), phare.cite,
    figure_cite, study_cite, region_coverage,
]  # fmt: skip


@pytest.mark.parametrize("lookup", NAME_FUNCTIONS, ids=lambda f: getattr(f, "__name__", "x"))
@HOSTILE
@given(name=anything)
def test_a_name_lookup_raises_only_phare_errors(lookup: Callable[[Any], Any], name: Any) -> None:
    survive(lambda: lookup(name))


FILTERS = ("region", "actor", "indicator", "theme", "segment", "study", "min_confidence")
selections = st.dictionaries(st.sampled_from((*FILTERS, "programme")), anything, max_size=4)


@HOSTILE
@given(selection=selections)
def test_figures_raises_only_phare_errors(selection: dict[str, Any]) -> None:
    survive(lambda: phare.figures(**selection))


@settings(HOSTILE, max_examples=30)
@given(selection=selections)
def test_to_frame_raises_only_phare_errors(selection: dict[str, Any]) -> None:
    survive(lambda: phare.to_frame(**selection))


REGION_METHODS = ("figure", "share", "value", "series", "compare")
real_region = st.sampled_from(("france", "nouvelle-aquitaine", "occitanie", "la-reunion"))


@pytest.mark.parametrize("method", REGION_METHODS)
@HOSTILE
@given(
    where=real_region,
    actor=st.one_of(st.sampled_from(("companies", "associations", "citizens")), anything),
    indicator=st.one_of(st.sampled_from(("partnering", "fragility-score")), anything),
    options=st.dictionaries(st.sampled_from(("theme", "segment", "study")), anything, max_size=3),
)
def test_region_methods_raise_only_phare_errors(
    method: str, where: str, actor: Any, indicator: Any, options: dict[str, Any]
) -> None:
    if method == "series":
        options.pop("study", None)
    bound = getattr(phare.region(where), method)
    survive(lambda: bound(actor, indicator, **options))


#: Each filter of a ranking, left out, given a real value, or given anything.
RANK_OPTIONS = {
    "theme": ("employment", "security"),
    "segment": ("all", "sme"),
    "programme": ("PHARE", "impact"),
    "min_confidence": ("A", "c"),
}
#: The arguments of ``phare.rank`` and ``phare.plot.rank``, each real half the time.
RANK_ARGUMENTS = {
    "actor": real_or(("companies", "citizens", "associations")),
    "indicator": real_or(("partnering", "fragility-score", "alliances-innovation")),
    "options": st.fixed_dictionaries(
        {}, optional={key: real_or(real) for key, real in RANK_OPTIONS.items()}
    ),
}


@HOSTILE
@given(**RANK_ARGUMENTS)
def test_rank_raises_only_phare_errors(actor: Any, indicator: Any, options: dict[str, Any]) -> None:
    survive(lambda: phare.rank(actor, indicator, **options))


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Streams that encode as the interpreter's own do, in a folder the test may litter.

    stdout is strict UTF-8 and stderr escapes what it cannot encode (Python's defaults), so
    echoing a lone surrogate to stdout would fail here as it fails in a real shell. The
    command's ``open`` fails the test rather than create a file anywhere but in *tmp_path*,
    should :func:`writes_here_only` ever let such an argv through.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    monkeypatch.setattr(sys, "stderr", stderr)
    here = tmp_path.resolve()

    def open_here(file: str, *args: Any, **kwargs: Any) -> Any:
        with contextlib.suppress(ValueError):  # a NUL or a lone surrogate: open refuses it too
            assert Path(file).resolve().parent == here, f"the command would write {file!r}"
        return open(file, *args, **kwargs)

    monkeypatch.setattr(cli, "open", open_here, raising=False)


COMMAND_WORDS = (
    "get", "show", "regions", "export", "--theme", "--segment", "--study", "--region", "--actor",
    "--indicator", "--min-confidence", "B", "--format", "csv", "json", "markdown", "--output",
    "figures.csv", "--version", "--help", "-h",
)  # fmt: skip


def writes_here_only(argv: list[str]) -> bool:
    """Whether every file *argv* may name for ``--output`` is a bare name, in the current folder.

    argparse reads ``--output FILE``, ``--output=FILE`` and any unambiguous prefix of the
    option (``--o FILE``, ``--out=FILE``); whatever follows such a word must hold no folder.
    """
    for position, word in enumerate(argv):
        option, equals, attached = word.partition("=")
        if len(option) < 3 or not "--output".startswith(option):
            continue
        for name in [attached] if equals else argv[position + 1 : position + 2]:
            if name in ("", ".", "..") or os.sep in name or (os.altsep or os.sep) in name:
                return False
    return True


@pytest.mark.usefixtures("terminal")
@settings(HOSTILE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(real_or(COMMAND_WORDS + KNOWN, text), max_size=6))
def test_the_command_line_answers_with_a_status(argv: list[str]) -> None:
    assume(writes_here_only(argv))
    assert main(argv) in (0, 1, 2)


@pytest.mark.usefixtures("terminal")
@settings(HOSTILE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=text.filter(lambda name: writes_here_only(["--output", name])))
@example(name="figures\x00.csv").via("a name no file can have")
@example(name="\ud800.csv").via("a name the file system cannot encode")
def test_export_writes_to_any_bare_name_or_says_it_cannot(name: str) -> None:
    status = main(["export", "--region", "occitanie", "--output", name])
    assert status in (0, 1, 2)  # written, a file that cannot be written, or a name to change
    if status == 0:
        assert Path(name).read_text(encoding="utf-8").startswith("id,region,region_name,")


def is_argv(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


@HOSTILE
@given(
    argv=st.one_of(others, st.lists(others, min_size=1, max_size=3)).filter(
        lambda a: not is_argv(a)
    )
)
def test_the_command_line_rejects_what_is_not_a_list_of_text(argv: Any) -> None:
    assume(argv is not None)
    with pytest.raises(TypeError):
        main(argv)


def test_the_reliability_page_states_how_many_inputs_one_run_tries() -> None:
    total = 0
    for name, test in globals().items():
        if name.startswith("test_") and hasattr(test, "hypothesis"):
            marks = getattr(test, "pytestmark", [])
            cases = math.prod(len(m.args[1]) for m in marks if m.name == "parametrize")
            # hypothesis keeps a test's settings here; it offers no public way to read them
            total += test._hypothesis_internal_use_settings.max_examples * cases
    page = " ".join((ROOT / "docs" / "reliability.md").read_text(encoding="utf-8").split())
    assert f"One run tries {total} generated inputs" in page


# --- very long names --------------------------------------------------------------------------


@pytest.fixture
def normalised_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every string unicodedata.normalize sees while the test runs."""
    seen: list[int] = []
    real = unicodedata.normalize

    def spy(form: Any, text: str) -> str:
        seen.append(len(text))
        return real(form, text)

    monkeypatch.setattr(unicodedata, "normalize", spy)
    return seen


#: Ends with a letter that only unicodedata folds, so the spy above would see it normalised.
TEN_MB = "nouvelle-aquitaine" * (10_000_000 // 18) + "œ"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: phare.region(TEN_MB), phare.UnknownRegionError),
        (lambda: phare.actor(TEN_MB), phare.UnknownActorError),
        (lambda: phare.figures(indicator=TEN_MB), phare.UnknownIndicatorError),
        (lambda: phare.national().share(TEN_MB, "partnering"), phare.UnknownActorError),
        (lambda: phare.national().share("companies", "partnering", study=TEN_MB), LookupError),
    ],
)
def test_a_ten_megabyte_name_is_rejected_without_reading_it(
    call: Callable[[], Any], error: type[Exception], normalised_lengths: list[int]
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert max(normalised_lengths, default=0) <= _names.MAX_NAME_LENGTH
    assert len(str(raised.value)) < 500  # the message quotes a short prefix only


def test_the_command_line_rejects_a_ten_megabyte_name(
    capsys: pytest.CaptureFixture[str], normalised_lengths: list[int]
) -> None:
    assert main(["show", TEN_MB]) == 2
    assert "unknown region 'nouvelle-aquitainenouvelle" in capsys.readouterr().err
    assert max(normalised_lengths, default=0) <= _names.MAX_NAME_LENGTH


def test_a_name_just_under_the_cap_still_resolves() -> None:
    padded = "nouvelle-aquitaine" + " " * (_names.MAX_NAME_LENGTH - 18)
    assert phare.region(padded).slug == "nouvelle-aquitaine"
    with pytest.raises(phare.UnknownRegionError):
        phare.region(padded + " ")


# --- what the messages quote ----------------------------------------------------------------------


def test_a_long_name_is_quoted_up_to_sixty_characters() -> None:
    sixty = "x" * 60
    assert str(phare.UnknownNameError("region", sixty, [])) == f"unknown region '{sixty}'"
    assert str(phare.UnknownNameError("region", sixty + "y", [])) == f"unknown region '{sixty}…'"


def test_several_suggestions_read_as_alternatives() -> None:
    err = phare.UnknownNameError("region", "x", ["a", "b"])
    assert str(err) == "unknown region 'x'; did you mean 'a' or 'b'?"
    assert (err.kind, err.name, err.suggestions, err.hint) == ("region", "x", ("a", "b"), "")


def test_a_former_region_error_keeps_what_was_asked() -> None:
    with pytest.raises(phare.FormerRegionError) as raised:
        phare.region("LIMOUSIN")
    assert (raised.value.kind, raised.value.name, raised.value.suggestions) == (
        "region", "LIMOUSIN", ()
    )  # fmt: skip
    assert raised.value.merged_into == "nouvelle-aquitaine"


# --- charts ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plot() -> Iterator[Any]:
    """phare.plot, drawing headless; every chart a test draws is closed afterwards."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import phare.plot

    yield phare.plot
    plt.close("all")


#: Values for ``ax`` that are not matplotlib Axes: the chart must refuse them with a TypeError.
NOT_AXES = st.one_of(
    others.filter(lambda value: value is not None),
    text,
    st.just(phare),
    st.just(Weird),
)


@pytest.mark.parametrize(
    "draw",
    [
        lambda plot, ax: plot.profile("occitanie", ax=ax),
        lambda plot, ax: plot.profile(phare.region("occitanie"), ax),
        lambda plot, ax: plot.rank("citizens", "alliances-innovation", ax=ax),
        lambda plot, ax: plot.rank("companies", "partnering", ax),
    ],
    ids=["profile", "profile-positional", "rank", "rank-positional"],
)
@settings(HOSTILE, max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ax=NOT_AXES)
def test_a_chart_refuses_what_is_not_an_axes(
    plot: Any, draw: Callable[[Any, Any], Any], ax: Any
) -> None:
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None"):
        draw(plot, ax)


def test_a_chart_names_the_wrong_ax_and_region_types(plot: Any) -> None:
    with pytest.raises(
        TypeError, match=r"^ax must be a matplotlib Axes or None, not matplotlib.Figure$"
    ):
        plot.profile("occitanie", ax=plot_figure())
    with pytest.raises(TypeError, match=r"^region must be a Region or a str, not int$"):
        plot.profile(75)
    with pytest.raises(TypeError, match=r"^region must be a Region or a str, not phare.Actor$"):
        plot.profile(phare.actor("citizens"))


def plot_figure() -> Any:
    import matplotlib.pyplot as plt

    return plt.figure()


@settings(HOSTILE, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(region=anything, ax=st.one_of(st.none(), NOT_AXES))
def test_profile_raises_only_phare_errors(plot: Any, region: Any, ax: Any) -> None:
    survive(lambda: plot.profile(region, ax=ax))


@settings(HOSTILE, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ax=st.one_of(st.none(), NOT_AXES), **RANK_ARGUMENTS)
def test_rank_chart_raises_only_phare_errors(
    plot: Any, actor: Any, indicator: Any, ax: Any, options: dict[str, Any]
) -> None:
    survive(lambda: plot.rank(actor, indicator, ax, **options))

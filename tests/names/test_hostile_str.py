"""A ``str`` subclass never runs its own code inside phare.

Every entry point that takes text reads a plain ``str`` copy of it (``str.__str__``, which no
subclass can override) before folding it, looking it up in a cache or quoting it in an error
message. ``Hostile`` overrides the methods phare could be tempted to call on a name, each
raising and noting that it ran; the calls below hand it to every name-taking function, in every
argument, and check that nothing of it ran and that the answer is the one the plain text gets.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Any

import pytest

import phare
from phare import cli, export

#: Which of Hostile's methods ran, in order (emptied by each test).
RAN: list[str] = []

#: The methods Hostile overrides: what folding, caching, formatting and parsing could call.
OVERRIDDEN = (
    "__eq__", "__ne__", "__hash__", "__lt__", "__le__", "__gt__", "__ge__", "__len__",
    "__repr__", "__str__", "__format__", "__iter__", "__getitem__", "__contains__", "__add__",
    "__radd__", "__mod__", "__mul__", "casefold", "lower", "upper", "strip", "lstrip",
    "rstrip", "translate", "replace", "split", "startswith", "endswith", "encode", "isascii",
    "isdigit", "isalnum", "format", "join", "find", "partition", "expandtabs", "splitlines",
)  # fmt: skip


def _refuse(method: str) -> Callable[..., Any]:
    def refuse(self: str, *args: Any, **kwargs: Any) -> Any:
        RAN.append(method)
        raise RuntimeError(f"Hostile.{method} ran")

    refuse.__name__ = method
    return refuse


Hostile = type("Hostile", (str,), {method: _refuse(method) for method in OVERRIDDEN})


@pytest.fixture(autouse=True)
def _nothing_ran() -> Any:
    RAN.clear()
    yield
    assert RAN == [], f"a str subclass ran its own code inside phare: {RAN}"


def outcome(call: Callable[[], Any]) -> tuple[str, str]:
    """What *call* gave: its result's repr, or its error's type and message."""
    try:
        return ("ok", repr(call()))
    except (phare.PhareError, TypeError) as error:
        return (type(error).__name__, str(error))


REGION = phare.region("nouvelle-aquitaine")

#: A call for each argument of each name-taking function, given either plain or Hostile text.
CALLS: dict[str, Callable[[Callable[[str], str]], Any]] = {
    "region": lambda t: phare.region(t("Nouvelle-Aquitaine")),
    "region, withdrawn code": lambda t: phare.region(t("(FR-J.)")),
    "region, former": lambda t: phare.region(t("Aquitaine")),
    "region, unknown": lambda t: phare.region(t("5.3")),
    "region, too long": lambda t: phare.region(t("x" * 500)),
    "actor": lambda t: phare.actor(t("Entreprises")),
    "actor, unknown": lambda t: phare.actor(t("entreprisse")),
    "indicator": lambda t: phare.indicator(t("partnering")),
    "theme": lambda t: phare.theme(t("emploi")),
    "segment": lambda t: phare.segment(t("all")),
    "study": lambda t: phare.study(t("phare-nouvelle-aquitaine-2016")),
    "study, unknown": lambda t: phare.study(t("phare")),
    "programme": lambda t: phare.programme(t("phare")),
    "observatory programme": lambda t: phare.observatory().programme(t("ARPEA")),
    "studies": lambda t: phare.studies(t("PHARE")),
    "share, actor": lambda t: REGION.share(t("companies"), "partnering"),
    "share, indicator": lambda t: REGION.share("companies", t("partnering")),
    "share, segment": lambda t: REGION.share("companies", "partnering", segment=t("all")),
    "share, study": lambda t: REGION.share(
        "companies", "partnering", study=t("phare-nouvelle-aquitaine-2016")
    ),
    "share, theme": lambda t: REGION.share("companies", "partnering", theme=t("employment")),
    "figure, actor": lambda t: REGION.figure(t("companies"), "partnering"),
    "figure, unknown": lambda t: REGION.figure(t("robots"), "partnering"),
    "value, indicator": lambda t: REGION.value("companies", t("partnering")),
    "series, actor": lambda t: REGION.series(t("companies"), "partnering"),
    "compare, actor": lambda t: REGION.compare(t("companies"), "partnering"),
    "figures, region": lambda t: len(phare.figures(region=t("occitanie"))),
    "figures, min_confidence": lambda t: len(phare.figures(min_confidence=t("b"))),
    "figures, programme": lambda t: len(phare.figures(programme=t("arpea"))),
    "rank, actor": lambda t: len(phare.rank(t("companies"), "partnering")),
    "rank, nothing": lambda t: phare.rank(t("mayors"), "partnering", segment=t("all")),
    "rank, theme": lambda t: len(phare.rank("companies", "priority-fragility", theme=t("emploi"))),
    "cite": lambda t: phare.cite(t("BibTeX")),
    "figure cite": lambda t: REGION.figure("companies", "partnering").cite(t("text")),
    "study cite": lambda t: phare.study("phare-nouvelle-aquitaine-2016").cite(t("bibtx")),
    "export": lambda t: export.render(phare.figures(region="occitanie"), t("csv"))[:20],
    "export, unknown": lambda t: export.render(phare.figures(region="occitanie"), t("CSV")),
}


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_str_subclass_gets_the_plain_text_answer_and_runs_nothing(name: str) -> None:
    call = CALLS[name]
    plain = outcome(lambda: call(str))
    assert RAN == []
    assert outcome(lambda: call(Hostile)) == plain


@pytest.mark.parametrize(
    "argv",
    [
        ["regions"],
        ["show", "FR-J."],
        ["show", "Bretagne"],
        ["get", "Nouvelle Aquitaine", "entreprises", "partnering", "--segment", "all"],
        ["get", "occitanie", "companies", "partnering", "--study", "nope"],
        ["export", "--format", "CSV"],
        ["export", "--region", "5.3"],
    ],
)
def test_the_command_line_reads_its_arguments_as_plain_text(argv: list[str]) -> None:
    plain = run_cli(argv)
    assert run_cli([Hostile(arg) for arg in argv]) == plain


def test_a_str_subclass_is_never_remembered() -> None:
    # A cached answer must not be reachable through a subclass's own __eq__ and __hash__: the
    # lookup runs neither, whatever the caches hold.
    phare.region("bretagne")
    REGION.share("companies", "partnering")
    assert phare.region(Hostile("bretagne")) is phare.region("bretagne")
    assert REGION.share(Hostile("companies"), Hostile("partnering")) == 0.45


@pytest.mark.parametrize(
    "draw",
    [
        lambda plot, t: plot.profile(t("Occitanie")),
        lambda plot, t: plot.rank(t("companies"), t("partnering"), segment=t("all")),
        lambda plot, t: plot.rank(t("mayors"), "partnering"),
    ],
    ids=["profile", "rank", "rank, nothing"],
)
def test_a_chart_reads_its_names_as_plain_text(draw: Callable[[Any, Any], Any]) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import phare.plot

    def drawn(text: Callable[[str], str]) -> tuple[str, str]:
        return outcome(lambda: type(draw(phare.plot, text)).__name__)

    try:
        assert drawn(Hostile) == drawn(str)
    finally:
        plt.close("all")

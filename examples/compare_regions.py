"""Set every region that has a figure against France, with the source of each number.

Run it with ``python examples/compare_regions.py`` once phare is installed. It answers the
question the project started from: how many companies partner in Nouvelle-Aquitaine, against
France, and who says so?
"""

from __future__ import annotations

import phare
from phare.formatting import format_value


def describe(region: phare.Region, actor: str, indicator: str) -> str:
    """The region's figure, France's for the same programme, the gap, and both sources."""
    comparison = region.compare(actor, indicator)
    lines = [f"{region.name}: {comparison.difference:+g} against France"]
    for figure in (comparison.region, comparison.national):
        lines.append(
            f"  {figure.region.name:<20} {format_value(figure.value, figure.unit):>6}  "
            f"{figure.study.id} (grade {figure.confidence})\n"
            f"  {'':<20} {'':>6}  source: {figure.source.location}"
        )
    return "\n".join(lines)


def main() -> None:
    """Print the partnering rate of companies, then the alliances question, region by region."""
    for indicator in ("partnering", "alliances-innovation"):
        print(f"== companies, {phare.indicator(indicator).label_en}")
        for region in phare.regions():
            try:
                print(describe(region, "companies", indicator))
            except phare.FigureNotFoundError:
                continue
        print()


if __name__ == "__main__":
    main()

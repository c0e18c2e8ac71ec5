"""The report's charts, drawn by pygal as inline SVG from summary.json's data: no script (pygal's tooltip
script is not asked for, and an XML filter drops the config script it always writes, which would carry the
labels), no external file, and every label from the data escaped by pygal's XML writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pygal.style import Style

from replycoach.charting import plain, pygal

# Most bars a chart of agents or teams, or of rules, draws (the tables list all of them).
MOST_GROUPS = 25
MOST_RULES = 15
# Past this many weeks, the points carry no printed value (they would overlap); the table has them.
MOST_WEEKS_LABELLED = 12

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#9aa5b1",
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    title_font_size=16,
    colors=("#b45309", "#7b8794"),
    guide_stroke_color="#e4e7eb",
    major_guide_stroke_color="#cbd2d9",
)


@dataclass(frozen=True)
class Chart:
    """One chart: a short id (the figure's id in the page), its caption, and its SVG."""

    id: str
    caption: str
    svg: str


def charts(summary: dict[str, Any]) -> list[Chart]:
    """The charts the summary has data for, in report order."""
    drawn: list[Chart] = []
    weeks = [w for w in summary.get("by_week", []) if w["week"] is not None]
    if weeks:
        earlier = (summary.get("compare") or {}).get("weeks", [])
        line = plain(
            pygal.Line,
            **_config(height=360),
            x_label_rotation=30 if len(weeks) > 8 else 0,
            range=(0, 100),
            show_legend=bool(earlier),
            legend_at_bottom=True,
            dots_size=4,
            print_values=len(weeks) <= MOST_WEEKS_LABELLED,
            margin_right=48,  # room for the last week's label
        )
        line.x_labels = [w["week"] for w in weeks]
        line.add("this period", [_share(w["with_warning"], w["replies"]) for w in weeks])
        caption = "Share of replies with a warning, per ISO week (%)"
        if earlier:
            # The earlier audit's weeks, in order, under this one's: its first week under this one's first.
            values = [w["with_warning"] / 10 for w in earlier[: len(weeks)]]
            first, last = earlier[0]["week"], earlier[min(len(weeks), len(earlier)) - 1]["week"]
            line.add(f"previous period ({first} to {last})", values + [None] * (len(weeks) - len(values)))
            caption += ", with the previous period's weeks in order beside this one's"
        drawn.append(Chart("weeks", caption, _render(line)))
    replies = summary["replies"]
    # Each bar chart lists its bars by the value it draws, largest on top.
    categories = sorted(summary["by_category"], key=lambda c: -c["replies"])
    if categories:
        drawn.append(
            Chart(
                "categories",
                "Share of replies flagged, by category (%)",
                _bars(
                    [c["category"] for c in categories], [_share(c["replies"], replies) for c in categories]
                ),
            )
        )
    for key, name in (("by_agent", "agent"), ("by_team", "team")):
        named = [g for g in summary.get(key, []) if g[name] is not None]
        # Groups too small to judge by are left out of the chart; the table lists and marks them.
        groups = [g for g in named if not g["small_sample"]][:MOST_GROUPS]
        groups.sort(key=lambda g: -g["with_warning"] / g["replies"])
        if groups:
            caption = f"Share of replies with a warning, by {name} (%)"
            if len(named) > len(groups):
                caption += (
                    f", the {len(groups)} with the most replies and at least {summary['min_replies']} of them"
                )
            drawn.append(
                Chart(
                    f"{name}s",
                    caption,
                    _bars(
                        [g[name] for g in groups], [_share(g["with_warning"], g["replies"]) for g in groups]
                    ),
                )
            )
    rules = summary["by_rule"][:MOST_RULES]
    if rules:
        drawn.append(
            Chart(
                "rules",
                f"The {len(rules)} rules that flagged most (flags)",
                _bars([r["message"] for r in rules], [r["flags"] for r in rules], percent=False),
            )
        )
    if replies:
        bins = score_bins(summary["scores"])
        bar = plain(pygal.Bar, **_config(height=360), show_legend=False, print_values=True)
        bar.x_labels = [label for label, _ in bins]
        bar.add("replies", [count for _, count in bins])
        drawn.append(Chart("scores", "Score distribution (replies per score band)", _render(bar)))
    return drawn


def score_bins(scores: list[dict[str, int]]) -> list[tuple[str, int]]:
    """Replies per band of ten points, 0-9 to 90-99, and 100 on its own."""
    counts = [0] * 11
    for row in scores:
        counts[min(row["score"] // 10, 10)] += row["replies"]
    return [(f"{10 * i}–{10 * i + 9}" if i < 10 else "100", n) for i, n in enumerate(counts)]


def _bars(labels: list[str], values: list[float], percent: bool = True) -> str:
    # pygal draws the first bar at the bottom: reversed, the largest is on top.
    chart = plain(
        pygal.HorizontalBar,
        **_config(height=90 + 30 * len(labels)),
        show_legend=False,
        print_values=True,
        truncate_label=60,
        **({"range": (0, 100)} if percent else {}),
    )
    chart.x_labels = list(reversed(labels))
    chart.add("", list(reversed(values)))
    return _render(chart)


def _config(height: int) -> dict[str, Any]:
    return {
        "style": _STYLE,
        "width": 860,
        "height": height,
        "disable_xml_declaration": True,
        "margin": 12,
    }


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _render(chart: Any) -> str:
    svg: str = chart.render(is_unicode=True)
    return svg

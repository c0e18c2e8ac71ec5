"""The admin page's Insights charts, drawn as SVG on the server with pygal: the page shows them as images, so
it loads no charting code and its content policy stays strict. No script goes out with a chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pygal.style import Style

from replycoach.charting import plain, pygal
from replycoach.store.insights import Report

# The charts the page shows, by the name in their address.
CHARTS = ("daily", "top-rules", "acceptance")
# The most rules a bar chart lists (the page's tables list them all).
MOST_RULES = 12

BLUE, RED, GREEN, AMBER, PURPLE = "#1f5fbf", "#a4271b", "#1c6b3a", "#c98a00", "#6b4fbb"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _style(*colors: str) -> Style:
    """The admin page's look, with `colors` for the series in order."""
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1d2330",
        foreground_strong="#1d2330",
        foreground_subtle="#5b6475",
        font_family='system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        colors=colors,
        title_font_size=16,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=12,
    )


def _chart(kind: Callable[..., Any], colors: tuple[str, ...], **options: Any) -> Any:
    """A pygal chart of `kind` in the page's colours, with no script."""
    return plain(
        kind,
        style=_style(*colors),
        width=900,
        height=360,
        explicit_size=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_label=-1,
        truncate_legend=-1,
        no_data_text="Nothing counted yet",
        **options,
    )


def daily(report: Report) -> bytes:
    """Drafts checked, drafts with a warning and flags raised, per day."""
    every = max(1, len(report.days) // 10)
    chart = _chart(
        pygal.Line,
        (BLUE, RED, PURPLE),
        title="Per day (UTC)",
        x_labels_major_every=every,
        show_minor_x_labels=False,
        show_dots=len(report.days) <= 31,
    )
    chart.x_labels = [f"{MONTHS[day.day.month - 1]} {day.day.day}" for day in report.days]
    if any(day.analyzed or day.fired for day in report.days):
        chart.add("Drafts checked", [day.analyzed for day in report.days])
        chart.add("With a warning", [day.warnings for day in report.days])
        chart.add("Flags raised", [day.fired for day in report.days])
    return bytes(chart.render())


def top_rules(report: Report) -> bytes:
    """How often the most-firing rules fired."""
    rules = [rule for rule in report.rules if rule.fired][:MOST_RULES]
    chart = _chart(pygal.HorizontalBar, (BLUE,), title="Rules that fire most", show_legend=False)
    # Horizontal bars are drawn bottom-up: reversed, the rule that fires most is on top.
    chart.x_labels = [rule.rule_id for rule in reversed(rules)]
    if rules:
        chart.add("Fired", [rule.fired for rule in reversed(rules)])
    return bytes(chart.render())


def acceptance(report: Report) -> bytes:
    """What agents did with the flags of the rules they acted on most: applied, dismissed or muted."""
    acted = sorted(
        (rule for rule in report.rules if rule.applied + rule.dismissed + rule.muted),
        key=lambda rule: (-(rule.applied + rule.dismissed + rule.muted), rule.rule_id),
    )[:MOST_RULES]
    chart = _chart(
        pygal.HorizontalStackedBar, (GREEN, RED, AMBER), title="What agents did with each rule's flags"
    )
    chart.x_labels = [rule.rule_id for rule in reversed(acted)]
    if acted:
        chart.add("Applied", [rule.applied for rule in reversed(acted)])
        chart.add("Dismissed", [rule.dismissed for rule in reversed(acted)])
        chart.add("Muted", [rule.muted for rule in reversed(acted)])
    return bytes(chart.render())


RENDER: dict[str, Callable[[Report], bytes]] = {
    "daily": daily,
    "top-rules": top_rules,
    "acceptance": acceptance,
}

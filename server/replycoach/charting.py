"""pygal, set up once for the charts Reply Coach draws (the audit report's and the admin page's Insights):
SVG with no script in it, and without the import hook pygal leaves behind.

Import pygal through this module, and make every chart with `plain`:
`from replycoach.charting import plain, pygal`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

import pygal

# pygal appends a finder for its map plugins to sys.meta_path, an old-style one that makes Python 3.11 warn
# (ImportWarning) at every failed import anywhere in the process afterwards. Reply Coach draws no map.
sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)]

__all__ = ["plain", "pygal", "without_scripts"]


def without_scripts(root: Element) -> Element:
    """An XML filter (chart.add_xml_filter) that drops the script pygal writes into every chart, its
    interactive config, which would carry the labels: with `js=[]` too, a chart is a plain image."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rpartition("}")[2] == "script":
                parent.remove(child)
    return root


def plain(kind: Callable[..., Any], **config: Any) -> Any:
    """A pygal chart of `kind` (pygal.Line, pygal.Bar...) that renders as a plain image: no tooltip script
    (`js=[]`), and without_scripts drops the config script pygal writes anyway."""
    chart = kind(js=[], **config)
    chart.add_xml_filter(without_scripts)
    return chart

"""axe-core (the npm package, injected by the tests) run the same way in Chromium and Firefox, on what the
extension draws in its shadow root and on its options page. A run that checked nothing (a context that
matched no element) is a failure, not a pass."""

from __future__ import annotations

from typing import Any

from .helpers import PAGES

AXE = PAGES / "node_modules" / "axe-core" / "axe.min.js"

# Contexts: an element in the open shadow root of a <replycoach-ui> host is named by the host's selector and
# then its own, in an array of their own (axe reads ["a", "b"] as element b in the iframe a).
CARD = {"include": [[["replycoach-ui", ".card"]]]}
LIST_AND_BADGE = {"include": [[["replycoach-ui", ".list"]], [["replycoach-ui", ".badge"]]]}
WHOLE_PAGE: dict[str, Any] = {"exclude": []}

# axe.run(context), answering how many checks ran and each violation as "rule id: targets".
_RUN = """(context) => axe.run(context).then((result) => ({
  checked: result.passes.length + result.violations.length + result.incomplete.length,
  violations: result.violations.map((item) =>
    `${item.id}: ${JSON.stringify(item.nodes.map((node) => node.target))}`),
}))"""
# For Marionette: axe's source, then the run, answering through its callback.
MARIONETTE_RUN = f"""{{AXE}}
;const [context, done] = arguments;
({_RUN})(context).then(done, (error) => done({{ checked: 0, violations: [`axe failed: ${{error}}`] }}));
"""


def verdict(result: dict[str, Any]) -> list[str]:
    """The violations of a run, once it is sure the run checked something."""
    assert result["checked"] > 0, f"axe checked nothing: {result['violations']}"
    violations: list[str] = result["violations"]
    return violations


def chromium_violations(page: Any, context: dict[str, Any]) -> list[str]:
    """axe-core's violations in `context` of a Playwright page (axe injected into the page for the test)."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return verdict(page.evaluate(_RUN, context))


def firefox_violations(client: Any, context: dict[str, Any]) -> list[str]:
    """axe-core's violations in `context` of Firefox's current tab, run in the page's own scope (not
    Marionette's sandbox, whose view of the extension's shadow root is empty)."""
    script = MARIONETTE_RUN.replace("{AXE}", AXE.read_text(encoding="utf-8"), 1)
    result = client.execute_async_script(script, script_args=[context], script_timeout=30000, sandbox=None)
    return verdict(result)

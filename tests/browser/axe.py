"""axe-core in the browser tests: inject it, run the WCAG 2.1 A/AA rules, report clearly.

axe-core comes from npm (package.json pins it; ``npm ci`` or ``make browser-deps``
puts it in node_modules/). It is read from disk: nothing is fetched at run time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
MAX_TARGETS_SHOWN = 3

# Runs in the page. Evaluated through the DevTools protocol, which a page's
# Content-Security-Policy does not govern, so a strict CSP on the site does not stop it.
_RUN_AXE = """
async (tags) => {
  const result = await window.axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations;
}
"""


@cache
def axe_source() -> str:
    if not AXE_PATH.is_file():
        pytest.fail(
            f"axe-core saknas / is missing: {AXE_PATH}. Kör / run: npm ci  (or make browser-deps)",
            pytrace=False,
        )
    # A trailing expression keeps the script's completion value a plain string.
    return AXE_PATH.read_text(encoding="utf-8") + "\n;'axe-loaded';"


def axe_violations(page: Page, *, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its violations (empty when clean)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    if not page.evaluate("() => typeof window.axe === 'object'"):
        pytest.fail(f"axe-core did not load into {page.url}", pytrace=False)
    violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE, list(tags))
    return violations


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One paragraph per rule: id, impact, help, link and the first failing targets."""
    lines: list[str] = []
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown impact'}, "
            f"{len(nodes)} element(s)): {violation['help']}"
        )
        if violation.get("helpUrl"):
            lines.append(f"    {violation['helpUrl']}")
        for node in nodes[:MAX_TARGETS_SHOWN]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
        if len(nodes) > MAX_TARGETS_SHOWN:
            lines.append(f"    … and {len(nodes) - MAX_TARGETS_SHOWN} more")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, *, tags: tuple[str, ...] = WCAG_TAGS) -> None:
    violations = axe_violations(page, tags=tags)
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} WCAG violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )

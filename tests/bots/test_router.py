"""The router: every intent the model is trained on has its own handler, and the handlers sit below the router."""

from __future__ import annotations

import ast
from pathlib import Path

from bots.brain import router
from bots.brain.handlers import guidance
from bots.brain.training.corpus import TEMPLATES

HANDLERS_DIR = Path(router.__file__).with_name("handlers")


def test_every_trained_intent_has_a_handler() -> None:
    """An intent the classifier can answer with must not fall through to the refusal, and the table holds no
    intent the classifier never gives."""
    assert set(router.HANDLERS) == set(TEMPLATES)
    refusing = sorted(kind for kind, handler in router.HANDLERS.items()
                      if handler is guidance.refuse and kind != "unknown")
    assert not refusing


def _imports(path: Path) -> set[str]:
    """What a module imports, relative imports spelled as written (``..reply``), ``from .. import router`` as
    ``..router``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.add(base)
            if not node.module:
                found.update(base + alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_handlers_sit_below_the_router_and_above_the_reply() -> None:
    """Handlers return plain ``Answer`` data: they know neither who picks them (a handler importing the router
    would close an import circle) nor how Slack or the terminal shows what they return."""
    modules = {path.stem: _imports(path) for path in sorted(HANDLERS_DIR.glob("*.py")) if path.stem != "__init__"}
    assert len(modules) >= 10
    assert all("..reply" in found for found in modules.values())
    above = {"..router", "bots.brain.router", "...slack", "bots.slack", "...console", "bots.console"}
    offenders = {name: sorted(found & above) for name, found in modules.items() if found & above}
    assert not offenders

"""Front-ends plug into the service through the ``vendor_assurance.plugins`` entry point group.

A plugin module may define ``mount_api(app, settings)``, ``notifiers(settings)`` and ``addresses(base_url)``.
This keeps the import direction one way (bots, web -> service) while one ``vendor-assurance serve`` still runs
them all. (Their commands are in the command line, ``cli``, which sits above every front end.)
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from types import ModuleType


def load_plugins() -> list[ModuleType]:
    """Every plugin module named in the installed metadata (the project's own: ``bots.plugin``, ``web.plugin``)."""
    return [importlib.import_module(ep.value) for ep in entry_points(group="vendor_assurance.plugins")]

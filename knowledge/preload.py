"""Read every data file now rather than on the first question that needs it.

Each catalogue is loaded and validated lazily, once per process. A server answering its first assessment would
pay for all of them at once (the IAF list alone is a YAML parse of tens of milliseconds, during which every other
request waits), so it calls ``preload()`` while starting instead.
"""

from __future__ import annotations

from .ai import ai_links
from .catalogues import catalogues
from .crosswalk import crosswalk
from .profiles import bundled_profile, bundled_profile_names
from .rules.accreditation import check_accreditation


def preload() -> None:
    """Load and validate the catalogues, the crosswalk, the IAF MLA list, the AI mappings and the bundled profiles."""
    catalogues()
    crosswalk()
    check_accreditation("UKAS", "27001")  # reads the IAF list and prepares its matchers
    ai_links()
    for name in bundled_profile_names():
        bundled_profile(name)

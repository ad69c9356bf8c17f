"""The canonical indicators, as alignment sees them.

The catalog itself lives in :mod:`plancmp.extract.indicators`, since ``extract`` sets
``indicator`` on every target; ``diff`` and ``compare`` read the same catalog through
this module, so the layers stay one-way (extract never imports comparison).
"""
from __future__ import annotations

from ..extract.indicators import Band, Catalog, Profile, catalog, default_catalog

__all__ = ["Band", "Catalog", "Profile", "catalog", "default_catalog"]

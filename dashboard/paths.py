"""Where things live: bundled resources (queries, assets, the demo) and the warehouse.

In a source checkout the resources sit beside the package (`queries/`, `assets/`,
`data/demo/`); a built wheel carries them inside it (`dashboard/queries/`, ...).
"""

from __future__ import annotations

import os
from pathlib import Path

from dashboard import settings

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_WAREHOUSE = Path(".coalition") / "warehouse.duckdb"


def _resource(*parts: str) -> Path:
    for base in (PACKAGE_DIR, PACKAGE_DIR.parent):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"bundled resource {'/'.join(parts)!r} is missing from the install")


def queries_dir() -> Path:
    return _resource("queries")


def assets_dir() -> Path:
    return _resource("assets")


def demo_data_dir() -> Path:
    return _resource("data", "demo")


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The warehouse file: `--warehouse`, else $COALITION_WAREHOUSE, else ./.coalition/."""
    if explicit:
        return Path(explicit)
    return settings.current().warehouse or DEFAULT_WAREHOUSE

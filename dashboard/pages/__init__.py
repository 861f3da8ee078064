"""The dashboard's pages, one module each. A page module has `PAGE` (its registry entry),
`layout(**query_args)` and `register(app)`, which registers the page and its callbacks.
`create_app` registers every module found here, so a new page only needs its module."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def page_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
        if not info.name.startswith("_")
    ]

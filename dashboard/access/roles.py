"""Who is looking: a viewer's role and member orgs, and which pages a role may open.

- **coordinator**: everything, in detail; with orgs, only those orgs in detail (every
  query is clamped to them) and the coalition as small-cell-suppressed totals.
- **funder**: aggregate only: small counts suppressed, no per-person or per-event rows, no
  Data page. With orgs, also clamped to them.

With no users configured the dashboard is open and everybody is a coordinator of all orgs.
"""

from __future__ import annotations

from dataclasses import dataclass

COORDINATOR = "coordinator"
FUNDER = "funder"
ROLES = (COORDINATOR, FUNDER)

# Pages for coordinators only, by page name (the page module's name). A page can also
# say so itself: `dash.register_page(..., roles=("coordinator",))`.
COORDINATOR_PAGES = frozenset({"data"})


@dataclass(frozen=True)
class Viewer:
    role: str
    orgs: tuple[str, ...] | None = None  # None: every member org
    name: str | None = None  # None: open access, no users configured

    @property
    def suppresses(self) -> bool:
        """Small counts are suppressed for this viewer (the funder view)."""
        return self.role == FUNDER

    @property
    def restricted(self) -> bool:
        return self.suppresses or self.orgs is not None

    @property
    def is_open(self) -> bool:
        return self.name is None

    def describe(self) -> str:
        scope = f" of {', '.join(self.orgs)}" if self.orgs else ""
        return f"{self.role}{scope}"


OPEN_ACCESS = Viewer(COORDINATOR)


def page_name(page: dict) -> str:
    return page["module"].rsplit(".", 1)[-1]


def page_roles(page: dict) -> tuple[str, ...]:
    declared = page.get("roles")
    if declared:
        return tuple(declared)
    return (COORDINATOR,) if page_name(page) in COORDINATOR_PAGES else ROLES


def may_open(viewer: Viewer | None, page: dict) -> bool:
    return viewer is not None and viewer.role in page_roles(page)

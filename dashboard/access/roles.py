"""Who is looking: the roles, a viewer's role and member orgs, which pages a role opens.

Roles are data: adding one is an entry in ROLES (its name, what it sees, whether small
counts are suppressed for it, the pages it may not open). Code asks a role what it
does, never which one it is.

With no users configured the dashboard is open and everybody is a coordinator of all orgs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str
    sees: str  # one line, for `--help` and the README
    suppresses_small_counts: bool = False  # aggregates only: small counts, no row details
    closed_pages: frozenset[str] = frozenset()  # page names (page module names)


COORDINATOR = "coordinator"
FUNDER = "funder"

ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role(
            COORDINATOR,
            "everything in detail; with orgs, those orgs in detail and the coalition as "
            "small-cell-suppressed totals",
        ),
        Role(
            FUNDER,
            "aggregates only: small counts suppressed, no per-person or per-event rows, "
            "no Data page; with orgs, also limited to them",
            suppresses_small_counts=True,
            closed_pages=frozenset({"data"}),
        ),
    )
}


def role_named(name: str) -> Role:
    try:
        return ROLES[name]
    except KeyError:
        raise ValueError(f"unknown role {name!r} (roles: {', '.join(ROLES)})") from None


@dataclass(frozen=True)
class Viewer:
    role: str
    orgs: tuple[str, ...] | None = None  # None: every member org
    name: str | None = None  # None: open access, no users configured

    @property
    def suppresses(self) -> bool:
        """Small counts are suppressed for this viewer (the funder view)."""
        return role_named(self.role).suppresses_small_counts

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
    """The roles that may open a page: as it declares (`dash.register_page(...,
    roles=(...))`), else every role that does not close it."""
    declared = page.get("roles")
    if declared:
        return tuple(declared)
    return tuple(name for name, role in ROLES.items() if page_name(page) not in role.closed_pages)


def may_open(viewer: Viewer | None, page: dict) -> bool:
    return viewer is not None and viewer.role in page_roles(page)

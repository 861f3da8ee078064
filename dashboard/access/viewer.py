"""The viewer of the request being served, from the session (or a trusted proxy header),
never from anything a page or callback sends.

- No users configured: open access, a coordinator of every org.
- Users configured: the signed session cookie names a user and carries their password's
  fingerprint and their session generation; the user's role and orgs are read from
  users.json on every request, so a removed user or a changed password ends the session
  at once, and signing out (a new generation, dashboard.access.sessions) ends it too.
- Behind a reverse proxy that authenticates, `COALITION_TRUSTED_USER_HEADER` (e.g.
  X-Forwarded-User) names a header whose value is taken as the configured user's name.
"""

from __future__ import annotations

import logging

import flask

from dashboard.access.gated_warehouse import AccessRefused, gated
from dashboard.access.roles import OPEN_ACCESS, Viewer
from dashboard.access.sessions import SessionGenerations
from dashboard.access.users import UsersError, UserStore

USERS = "coalition.users"
SESSIONS = "coalition.sessions"
TRUSTED_HEADER = "COALITION_TRUSTED_USER_HEADER"
_G_KEY = "coalition_viewer"
_G_WAREHOUSE = "coalition_warehouse"
log = logging.getLogger("dashboard")


def user_store(app: flask.Flask | None = None) -> UserStore:
    return (app or flask.current_app).extensions[USERS]


def session_generations(app: flask.Flask | None = None) -> SessionGenerations:
    return (app or flask.current_app).extensions[SESSIONS]


def _session_is_current(name: str) -> bool:
    try:
        current = session_generations().current(name)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.error("refusing %s's session: cannot read the sessions file: %s", name, error)
        return False
    return flask.session.get("generation") == current


def trusted_header(app: flask.Flask | None = None) -> str | None:
    return (app or flask.current_app).config.get(TRUSTED_HEADER)


def _resolve() -> Viewer | None:
    try:
        users = user_store().users()
    except UsersError as error:
        log.error("refusing every request: %s", error)  # closed, never open, when unsure
        return None
    if not users:
        return OPEN_ACCESS
    header = trusted_header()
    if header and flask.request.headers.get(header):
        user = users.get(flask.request.headers[header].strip())
        return user.viewer() if user else None
    user = users.get(flask.session.get("user"))
    if user is None or flask.session.get("auth") != user.fingerprint:
        return None
    if not _session_is_current(user.name):
        return None
    return user.viewer()


def current_viewer() -> Viewer | None:
    """The signed-in viewer, OPEN_ACCESS without users, or None (not signed in)."""
    if not flask.has_request_context():
        return None
    if _G_KEY not in flask.g:
        setattr(flask.g, _G_KEY, _resolve())
    return getattr(flask.g, _G_KEY)


def viewer_warehouse(warehouse):
    """The warehouse as the current viewer may read it (dashboard.context uses this);
    one per request, so its threshold is looked up once."""
    viewer = current_viewer()
    if viewer is None:
        raise AccessRefused("Sign in to see the dashboard.")
    cached = flask.g.get(_G_WAREHOUSE)
    if cached is None or cached[0] is not warehouse:
        cached = (warehouse, gated(warehouse, viewer))
        setattr(flask.g, _G_WAREHOUSE, cached)
    return cached[1]

"""The sign-in and sign-out pages (plain Flask, no Dash: they must work before anybody is
signed in, and they load nothing but Bootstrap's CSS).

Both change who is signed in, so both are forms posted with the session's CSRF token:
another site can neither sign a visitor in as somebody else nor sign them out. `GET
/logout` only shows a button that posts the form. Signing out ends the user's sessions
on the server (dashboard.access.sessions), so a copied cookie stops working too.
"""

from __future__ import annotations

import hmac
import secrets

import flask

from dashboard.access.throttle import LoginThrottle
from dashboard.access.users import MAX_PASSWORD
from dashboard.access.viewer import current_viewer, session_generations, user_store
from dashboard.vendor import BOOTSTRAP_CSS

THROTTLE = "coalition.login_throttle"
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"


def _page(title: str, main: str) -> str:
    """The sign-in and sign-out pages' shared frame around their `<main>`."""
    return (
        """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>"""
        + title
        + """ · Coalition Dashboard</title>
  <link rel="stylesheet" href="{{ css }}">
</head>
<body class="bg-light">
"""
        + main
        + """</body>
</html>
"""
    )


LOGIN_PAGE = _page(
    "Sign in",
    """  <main class="container py-5">
   <div class="row justify-content-center"><div class="col-md-6 col-lg-4">
    <h1 class="h3 mb-4">Coalition Dashboard</h1>
    {% if error %}<div class="alert alert-danger" role="alert" id="login-error">{{ error }}</div>
    {% endif %}
    {% if message %}<div class="alert alert-info" role="status" id="login-message">{{ message }}
    </div>{% endif %}
    <form method="post" action="{{ action }}" class="card card-body">
      <input type="hidden" name="csrf" value="{{ csrf }}">
      <input type="hidden" name="next" value="{{ next }}">
      <label for="login-name" class="form-label">User name</label>
      <input id="login-name" name="name" class="form-control mb-3" autocomplete="username"
             required autofocus value="{{ name }}" maxlength="64">
      <label for="login-password" class="form-label">Password</label>
      <input id="login-password" name="password" type="password" class="form-control mb-3"
             autocomplete="current-password" required maxlength="1024">
      <button type="submit" id="login-submit" class="btn btn-primary">Sign in</button>
    </form>
  </div></div></main>
""",
)

LOGOUT_PAGE = _page(
    "Sign out",
    """  <main class="container py-5">
    <h1 class="h3 mb-4">Coalition Dashboard</h1>
    {% if error %}<div class="alert alert-danger" role="alert" id="logout-error">{{ error }}</div>
    {% endif %}
    <form method="post" action="{{ action }}" class="card card-body">
      <input type="hidden" name="csrf" value="{{ csrf }}">
      <p>Sign out of the dashboard, here and in every other browser you are signed in with?</p>
      <div><button type="submit" id="logout-submit" class="btn btn-primary">Sign out</button>
      <a href="/" class="btn btn-link">Back to the dashboard</a></div>
    </form>
  </main>
""",
)


def csrf_token() -> str:
    """The session's token for the forms that sign in and out (made when first needed)."""
    token = flask.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        flask.session["csrf"] = token
    return str(token)


def _token_matches(sent) -> bool:
    expected = str(flask.session.get("csrf") or "")
    return bool(expected) and hmac.compare_digest(str(sent or ""), expected)


def safe_next(target: str | None) -> str:
    """Only a path of this site: never another host (`//evil`, `https://…`, `/\\evil`)."""
    if (
        not isinstance(target, str)
        or not target.startswith("/")
        or target.startswith(("//", "/\\"))
        or any(ord(c) < 32 for c in target)
    ):
        return "/"
    return target


def _page(status: int = 200, **values):
    csrf = csrf_token()
    defaults = {"error": None, "message": None, "name": "", "next": "/"}
    html = flask.render_template_string(
        LOGIN_PAGE,
        css=BOOTSTRAP_CSS,
        action=LOGIN_PATH,
        csrf=csrf,
        **(defaults | values),
    )
    return html, status


def _minutes(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def sign_in():
    try:
        users = user_store().users()
    except Exception:  # noqa: BLE001 - an unreadable users file refuses everybody
        return _page(503, error="The users file cannot be read: ask the administrator.")
    if not users:
        return flask.redirect("/")
    target = safe_next(flask.request.values.get("next"))
    if flask.request.method == "GET":
        return _page(next=target)
    form = flask.request.form
    name = form.get("name", "").strip()[:64]
    password = form.get("password", "")[:MAX_PASSWORD]
    if not _token_matches(form.get("csrf")):
        return _page(400, error="The form expired: please sign in again.", name=name, next=target)
    throttle: LoginThrottle = flask.current_app.extensions[THROTTLE]
    keys = (("ip", flask.request.remote_addr or "unknown"), ("user", name.lower()))
    wait = throttle.retry_after(*keys)
    if wait:
        error = f"Too many failed sign-ins: try again in {_minutes(wait)}."
        response = flask.make_response(_page(429, error=error, name=name, next=target))
        response.headers["Retry-After"] = str(wait)
        return response
    user = user_store().verify(name, password)
    if user is None:
        throttle.failed(*keys)
        return _page(401, error="Wrong user name or password.", name=name, next=target)
    try:
        generation = session_generations().current(user.name)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return _page(503, error="The sessions file cannot be read: ask the administrator.")
    throttle.succeeded(("user", name.lower()))
    flask.session.clear()
    flask.session.permanent = True
    flask.session["user"] = user.name
    flask.session["auth"] = user.fingerprint
    flask.session["generation"] = generation
    flask.session["csrf"] = secrets.token_urlsafe(24)  # a new one: the sign-out form's
    return flask.redirect(target)


def _logout_page(status: int = 200, error: str | None = None):
    html = flask.render_template_string(
        LOGOUT_PAGE, css=BOOTSTRAP_CSS, action=LOGOUT_PATH, csrf=csrf_token(), error=error
    )
    return html, status


def sign_out():
    name = flask.session.get("user")
    if flask.request.method == "GET":  # a link from anywhere signs nobody out
        return _logout_page() if name else flask.redirect(LOGIN_PATH)
    if not _token_matches(flask.request.form.get("csrf")):
        return _logout_page(400, error="The form expired: press Sign out again.")
    viewer = current_viewer()
    if viewer is not None and not viewer.is_open and viewer.name == name:
        try:  # only a session still valid ends the others (a stale cookie just goes)
            session_generations().end_sessions(name)
        except OSError as error:
            return _logout_page(503, error=f"Could not sign out on the server: {error.strerror}.")
    flask.session.clear()
    try:
        has_users = bool(user_store().users())
    except Exception:  # noqa: BLE001
        has_users = True
    if not has_users:
        return flask.redirect("/")
    return _page(message="You are signed out.")


def register_login(server: flask.Flask) -> None:
    server.extensions[THROTTLE] = LoginThrottle()
    server.add_url_rule(LOGIN_PATH, "coalition_login", sign_in, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "coalition_logout", sign_out, methods=["GET", "POST"])

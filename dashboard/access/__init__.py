"""Users, roles and the gate: who may see what, enforced on the server in one place.

- `roles`: coordinator and funder, a request's `Viewer`, which pages a role may open.
- `users`: the users file beside the warehouse (salted scrypt hashes, mode 0600).
- `viewer`: the viewer of a request, from the session or a trusted proxy header.
- `gate`: the Flask gate (sign-in, page and callback refusals) and the page guards.
- `gated_warehouse`: the warehouse as a restricted viewer reads it (orgs clamped,
  small counts suppressed); every layout, callback, download and report reads through it.
- `login`, `throttle`, `session_secret`, `account`, `metrics_view`: around them.

Kept free of imports here so `coalition --help` stays quick.
"""

"""`coalition users add|list|remove`: the users file beside the warehouse."""

from __future__ import annotations

import argparse
import getpass
import sys

from dashboard.access.roles import ROLES
from dashboard.access.users import UsersError, UserStore, users_path
from dashboard.cli.common import CommandError, add_warehouse
from dashboard.paths import warehouse_path


def _store(args: argparse.Namespace) -> UserStore:
    return UserStore(users_path(warehouse_path(args.warehouse)))


def _known_orgs(args: argparse.Namespace) -> list[str] | None:
    from dashboard.db import Warehouse

    path = warehouse_path(args.warehouse)
    if not path.exists():
        return None
    warehouse = Warehouse(path)
    try:
        return warehouse.query("lookups/organizations")["org_id"].to_list()
    finally:
        warehouse.close()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise CommandError("the two passwords differ")
    return first


def add_user(args: argparse.Namespace) -> int:
    orgs = tuple(args.org or ()) or None
    known = _known_orgs(args)
    if orgs and known is not None:
        unknown = sorted(set(orgs) - set(known))
        if unknown:
            raise CommandError(
                f"unknown org: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
    elif orgs:
        print("no warehouse yet: the org ids are not checked", file=sys.stderr)
    store = _store(args)
    try:
        user = store.add(
            args.name, args.role, _read_password(args.password_stdin), orgs, replace=args.replace
        )
    except UsersError as error:
        raise CommandError(str(error)) from None
    print(f"{'Replaced' if args.replace else 'Added'} {user.name} ({user.viewer().describe()})")
    print(f"Users are kept in {store.path}")
    return 0


def list_users(args: argparse.Namespace) -> int:
    try:
        users = _store(args).users()
    except UsersError as error:
        raise CommandError(str(error)) from None
    if not users:
        print("No users: the dashboard is open to everyone, as a coordinator.")
        return 0
    width = max(len(name) for name in users)
    for user in users.values():
        orgs = ", ".join(user.orgs) if user.orgs else "all orgs"
        print(f"{user.name:<{width}}  {user.role:<11}  {orgs}")
    return 0


def remove_user(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        store.remove(args.name)
    except UsersError as error:
        raise CommandError(str(error)) from None
    left = len(store.users())
    print(f"Removed {args.name}" + ("" if left else "; no users left: the dashboard is open"))
    return 0


def add_parser(commands) -> None:
    users = commands.add_parser("users", help="manage who may sign in to the dashboard")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add a user (prompts for the password)")
    add.add_argument("name")
    add.add_argument(
        "--role",
        choices=ROLES,
        required=True,
        help="; ".join(f"{role.name}: {role.sees}" for role in ROLES.values()),
    )
    add.add_argument(
        "--org", action="append", metavar="ID", help="limit the user to this org (repeatable)"
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.add_argument("--replace", action="store_true", help="replace a user of that name")
    add_warehouse(add)
    add.set_defaults(run=add_user)

    listing = actions.add_parser("list", help="list the users")
    add_warehouse(listing)
    listing.set_defaults(run=list_users)

    remove = actions.add_parser("remove", help="remove a user (ends their sessions)")
    remove.add_argument("name")
    add_warehouse(remove)
    remove.set_defaults(run=remove_user)

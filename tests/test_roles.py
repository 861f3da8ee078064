"""Roles are data: what a role does is read from its entry, so a new role is one entry."""

from __future__ import annotations

import pytest

from dashboard.access import roles
from dashboard.access.roles import COORDINATOR, FUNDER, ROLES, Role, Viewer, page_roles


def page(module: str, **declared) -> dict:
    return {"module": f"dashboard.pages.{module}", **declared}


def test_the_funder_entry_suppresses_and_closes_the_data_page():
    assert Viewer(FUNDER).suppresses and not Viewer(COORDINATOR).suppresses
    assert page_roles(page("data")) == (COORDINATOR,)
    assert page_roles(page("turnout")) == (COORDINATOR, FUNDER)


def test_a_page_may_declare_its_roles():
    assert page_roles(page("turnout", roles=("coordinator",))) == (COORDINATOR,)


def test_a_new_role_is_one_entry(monkeypatch):
    board = Role(
        "board",
        "totals only",
        suppresses_small_counts=True,
        closed_pages=frozenset({"data", "network"}),
    )
    monkeypatch.setitem(roles.ROLES, "board", board)
    assert Viewer("board").suppresses
    assert "board" not in page_roles(page("network"))
    assert "board" in page_roles(page("overview"))


def test_an_unknown_role_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown role 'owner'"):
        Viewer("owner").suppresses  # noqa: B018


def test_the_command_line_offers_every_role(capsys):
    from dashboard.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["users", "add", "x", "--role", "owner"])
    err = capsys.readouterr().err
    assert all(name in err for name in ROLES), err

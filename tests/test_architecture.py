"""The package's layers, as pyproject.toml's import-linter contracts declare them: every
module in a layer, imports only downward, no circles, the benchmark apart."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = (
    "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
)


def contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_are_kept():
    run = subprocess.run(
        [sys.executable, "-c", LINT], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_the_contracts_list_no_exceptions():
    for contract in contracts():
        assert "ignore_imports" not in contract, contract["name"]


def test_every_module_of_the_package_has_a_layer():
    layers = next(c for c in contracts() if c["type"] == "layers")
    assert layers["exhaustive"] is True
    assert "exhaustive_ignores" not in layers
    declared = {
        name.strip() for layer in layers["layers"] for name in layer.replace(":", "|").split("|")
    }
    package = ROOT / "dashboard"
    children = {p.stem for p in package.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in package.iterdir() if (p / "__init__.py").exists()
    }
    assert children == declared


def test_the_benchmark_is_not_in_the_wheel():
    with open(ROOT / "pyproject.toml", "rb") as file:
        wheel = tomllib.load(file)["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["dashboard"]
    assert not any("bench" in source for source in wheel["force-include"])

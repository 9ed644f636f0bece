"""Shared fixtures: the repository, the `porttwin` command line the results are compared with."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _cli() -> Path:
    given = os.environ.get("PORTTWIN_BIN")
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "debug" / "porttwin"


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `porttwin` binary (PORTTWIN_BIN, else $CARGO_TARGET_DIR/debug/porttwin, which `cargo
    test` builds)."""
    path = _cli()
    if not path.is_file():
        pytest.fail(f"no porttwin binary at {path}: run `cargo build` or set PORTTWIN_BIN")
    return path


def cli_run(cli: Path, scenario: Path, seed: int, out: Path) -> dict:
    """`porttwin run SCENARIO --seed SEED --json --out OUT`: the summary it prints."""
    done = subprocess.run(
        [str(cli), "run", str(scenario), "--seed", str(seed), "--json", "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)

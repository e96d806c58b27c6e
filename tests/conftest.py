"""Shared fixtures: every test keeps its saves and exports in its own folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def parley_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Parley's data folder at a fresh temporary folder, never the user's real one."""
    home = tmp_path_factory.mktemp("parley-home")
    monkeypatch.setenv("PARLEY_HOME", str(home))
    return home


def _hypothesis_profiles() -> None:
    """On CI, property tests draw the same examples every run, so a landing never hangs on
    luck; locally they keep exploring new examples (and remember failures)."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()

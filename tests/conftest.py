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
    """Three Hypothesis profiles; tests size their runs from the active one (``EXAMPLES``).

    - ``default``: local runs keep exploring new examples (and remember failures).
    - ``ci`` (loaded when ``CI`` is set): the same examples every run, so a landing never
      hangs on luck.
    - ``thorough``: before submitting a change to the engine, run
      ``.venv/bin/python -m pytest tests/engine tests/test_loader_properties.py --hypothesis-profile=thorough``:
      random examples, ten times as many, and one bug shrunk at a time (Hypothesis bounds each
      shrink at 500 steps or 300 s). Keep what it finds as an ``@example`` of the test.
    """
    import os

    from hypothesis import HealthCheck, settings

    quiet = [HealthCheck.too_slow]
    settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None, suppress_health_check=quiet)
    settings.register_profile("thorough", derandomize=False, max_examples=1000, deadline=None, print_blob=True,
                              report_multiple_bugs=False, suppress_health_check=quiet)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()

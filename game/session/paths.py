"""Where Parley keeps a player's files: autosaves and exports.

The user's data folder (XDG on Linux, via platformdirs), or ``$PARLEY_HOME`` when set,
which tests and classrooms use to keep games apart.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    root = os.environ.get("PARLEY_HOME")
    return Path(root) if root else Path(platformdirs.user_data_dir("parley", appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def exports_dir() -> Path:
    return data_dir() / "exports"

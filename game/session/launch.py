"""What the command line asks the game screens to open (shared by the TUI and plain mode)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LaunchOptions:
    """Options of ``parley``, ``parley play``, ``parley resume`` and ``parley replay``."""

    scenario_paths: list[Path] = field(default_factory=list)  # files named on the command line
    side: str | None = None  # actor id the player takes
    opponent: str | None = None  # seat spec of the other side: "human" (hot-seat) or "adaptive/hard"
    seed: int | None = None
    resume: Path | None = None  # open this save directly
    resume_list: bool = False  # open the list of saved games
    replay: Path | None = None  # step through this game log
    # A classroom exercise table (``parley play --exercise DIR --table K --as ACTOR``): the table's
    # seed, seats and time limit come from DIR/exercise.json; see game.classroom.play.
    exercise: Path | None = None  # the exercise folder
    table: int | None = None  # table number, from 1
    seat: str | None = None  # the side played from this keyboard; None at a hot-seat table: both
    log_to: Path | None = None  # where the finished game's log goes instead of DIR/results/
    #: The scenario file the title screen highlights first (the last game's, after New game).
    highlight: Path | None = None
    #: Clock times in saves and exports (``--no-timestamps`` turns them off: identical games, identical files).
    timestamps: bool = True

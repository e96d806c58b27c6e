"""What ``parley campaign`` asks the front ends to open (shared by the terminal screens and plain mode)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class CampaignOptions:
    """A new campaign (file, side, opponent, seed), or a save to resume or replay."""

    path: Path
    side: str = "pk"
    opponent: str = "adaptive/normal"
    seed: int = 1
    resume: Path | None = None
    resume_list: bool = False  # choose from the campaigns in progress
    replay: Path | None = None
    json_summary: Path | None = None  # plain mode writes the summary here at the end
    timestamps: bool = True

"""Exporting a game: its log with the debrief data, and a Markdown transcript, side by side.

One home for what an export is, so the TUI's debrief and plain mode write the same files
to the same place and tell the player where they are. A game kept without timestamps
(``--no-timestamps``) exports without them too: two identical games give identical files.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from game.engine.outcome import outcome

from .markdown import transcript_markdown
from .paths import exports_dir
from .protocol import GameSession
from .store import write_atomic


def export_stem(session: GameSession) -> str:
    """The file name (without extension) of a game's export: its save's name when it has one."""
    if session.save_path is not None:
        return session.save_path.stem
    state = session.state
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}-" if getattr(session, "timestamps", True) else ""
    return f"{stamp}{state.scenario.id}-{state.seed}"


def export_game(session: GameSession, folder: Path | None = None) -> tuple[Path, Path]:
    """Write the game log (with the debrief data) and the Markdown transcript; their paths.

    Raises :class:`OSError` when the folder cannot be written (callers say so in one line).
    """
    state = session.state
    result = outcome(state)
    folder = folder or exports_dir()
    stem = export_stem(session)
    log = session.log()
    log["outcome"] = result.to_dict()
    json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
    write_atomic(json_path, json.dumps(log, indent=1, ensure_ascii=False) + "\n")
    write_atomic(md_path, transcript_markdown(state, result))
    return json_path, md_path

"""The live classroom: students play each other from browsers or terminals, the instructor watches.

- :mod:`.store`: the shared SQLite game store (``DIR/live.sqlite``), the only record of live games.
- :mod:`.session`: a seat at a live table with the interface of :class:`game.session.Session`.
- :mod:`.codes`: seat codes and the instructor code.
- :mod:`.results`: signed exercise logs of the store's finished games, and the class report.
- :mod:`.server`: the web server (textual-serve) that gives each browser its own Parley process.

It sits between the front ends and the classroom package: it may use the classroom kit,
sessions and the engine; the TUI, plain mode and commands may use it.
"""

from .errors import LiveError, MoveRefused, StoreError
from .session import LiveSession
from .store import Store
from .tables import STORE_FILE

__all__ = ["STORE_FILE", "LiveError", "LiveSession", "MoveRefused", "Store", "StoreError"]

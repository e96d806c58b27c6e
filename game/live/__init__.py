"""The live classroom: students play each other from browsers or terminals, the instructor watches.

- :mod:`.store`: the shared game store's interface, the only record of live games, and
  what a move means; its backends :mod:`.sqlite` (``DIR/live.sqlite``, the default) and
  :mod:`.postgres` (one database for several serving hosts); :mod:`.locate` picks one.
- :mod:`.session`: a seat at a live table with the interface of :class:`game.session.Session`.
- :mod:`.codes`: seat codes and the instructor code.
- :mod:`.results`: signed exercise logs of the store's finished games, and the class report.
- :mod:`.server`: the web server (textual-serve) that gives each browser its own Parley process.

It sits between the front ends and the classroom package: it may use the classroom kit,
sessions and the engine; the TUI, plain mode and commands may use it.
"""

from .errors import LiveError, MoveRefused, StoreError
from .locate import open_store
from .session import LiveSession
from .store import Store
from .tables import STORE_FILE

__all__ = ["STORE_FILE", "LiveError", "LiveSession", "MoveRefused", "Store", "StoreError", "open_store"]

"""``python -m game`` runs the Parley command line."""

from game.cli import main

raise SystemExit(main())

"""The live classroom's screens: the login for the handout's codes, a seat at a live table, the dashboard."""

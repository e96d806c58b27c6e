"""Widgets of the Parley app: the issue board, the option pane, the score panel, the chart."""

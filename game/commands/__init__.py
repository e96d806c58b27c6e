"""Sub-commands of ``parley``; each module has ``register(subparsers)``.

Modules import the engine and the TUI inside their run functions, so that a command
only pays for what it uses (``parley validate`` never loads Textual).
"""

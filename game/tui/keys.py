"""One declaration per key: the footer, the command palette and the help screen all read it.

A screen lists its keys once, in ``BINDINGS``, as :class:`Key` bindings. Textual reads
them as ordinary bindings (the footer shows ``description``); :func:`key_commands` turns
the same list into command palette entries (``title`` with ``help`` under it), and
:func:`key_lines` into the lines of the help screen. Adding or changing a key is therefore
one edit, and the three views of it cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.actions import parse
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode


@dataclass(frozen=True)
class Key(Binding):
    """A key binding that also says, in a sentence, what it does.

    ``description`` stays the footer's short word; ``title`` (default: the description)
    names the command in the palette; ``help`` is the sentence under it in the palette and
    beside the key on the help screen. ``palette=False`` keeps a key (a cursor key, say)
    out of the palette while the help screen still lists it.
    """

    title: str = ""
    help: str = ""
    palette: bool = True

    @property
    def name(self) -> str:
        """The command's name in the palette."""
        return self.title or self.description


@runtime_checkable
class MoreCommands(Protocol):
    """A screen with palette commands that are not keys (e.g. one per tactic of the scenario)."""

    def more_commands(self) -> Iterable[SystemCommand]:
        """Commands to offer in the palette after the screen's keys."""
        ...


def declared_keys(node_type: type[DOMNode]) -> list[Key]:
    """The :class:`Key` bindings a class and its bases declare, in declaration order.

    Bases come first (as Textual merges them); a subclass that binds an action again
    replaces the base's entry in place, so each action appears once.
    """
    keys: dict[str, Key] = {}
    for base in reversed(node_type.__mro__):
        for binding in vars(base).get("BINDINGS", ()):
            if isinstance(binding, Key):
                keys[binding.action] = binding
    return list(keys.values())


def sentence(text: str) -> str:
    """``text`` with a capital first letter, as the palette shows help lines."""
    return text[:1].upper() + text[1:]


def key_commands(node: DOMNode, app: App[Any]) -> Iterator[SystemCommand]:
    """The palette entries of ``node``'s keys that are enabled now (``check_action`` agrees)."""
    for key in declared_keys(type(node)):
        if not key.palette or not key.help:
            continue
        _, name, parameters = parse(key.action)
        if node.check_action(name, parameters):
            yield SystemCommand(key.name, sentence(key.help), partial(app.run_action, key.action, node))


def key_display(app: App[Any], key: Binding) -> str:
    """Every key of a binding as the footer draws it, e.g. '↑ / k'."""
    return " / ".join(app.get_key_display(one) for one in Binding.make_bindings([key]))


def key_lines(app: App[Any], keys: Iterable[Key]) -> list[str]:
    """Markdown list items for the help screen: each key and what it does."""
    return [f"- **{key_display(app, key)}**: {key.help}" for key in keys if key.help]

"""The key footer, fitted to the width: Help and Quit are never cut off.

Textual's footer lays the keys out in one row and cuts what does not fit, which at 60
columns drops the app's own keys (``?`` Help and ``q`` Quit) off the right edge. This footer
measures the row first and, when it is too wide, gives way in steps: the command-palette
hint goes first (``ctrl+p`` still works), then the screen's keys lose their words and are
shown as one group (``p a r s g w  moves``), while the app's keys keep theirs. The words of
every key stay in the help screen and the palette.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel  # Textual is pinned below 9


class KeyFooter(Footer):
    """A compact footer that keeps every key visible at any width (see the module docstring)."""

    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel {
        margin: 0 2 0 0;
    }
    """

    def __init__(self, group_label: str = "keys") -> None:
        super().__init__(compact=True)
        #: The word after the screen's keys when they are shown without their own words.
        self.group_label = group_label
        self._laid_out_for = 0

    def _keys(self) -> tuple[list[tuple[Binding, bool, str]], list[tuple[Binding, bool, str]]]:
        """The shown keys, one per action: the screen's (and its widgets'), then the app's."""
        mine: list[tuple[Binding, bool, str]] = []
        apps: list[tuple[Binding, bool, str]] = []
        seen: set[str] = set()
        for node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            (apps if node is self.app else mine).append((binding, enabled, tooltip))
        return mine, apps

    def _width(self, keys: list[tuple[Binding, bool, str]], words: bool = True) -> int:
        total = 0
        for binding, _, _ in keys:
            total += len(self.app.get_key_display(binding)) + 1
            if words:
                total += len(binding.description) + 1
        return total

    def _key(self, binding: Binding, enabled: bool, tooltip: str, words: bool, classes: str = "") -> FooterKey:
        return FooterKey(binding.key, self.app.get_key_display(binding), binding.description if words else "",
                         binding.action, disabled=not enabled, tooltip=tooltip or binding.description,
                         classes=classes).data_bind(compact=Footer.compact)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        mine, apps = self._keys()
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        full = self._width(mine) + self._width(apps)
        hint = 0
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            hint = len(self.app.get_key_display(palette[1])) + len(palette[1].description) + 3
        words = full <= width
        if words:
            for binding, enabled, tooltip in mine:
                yield self._key(binding, enabled, tooltip, True)
        elif mine:
            for binding, enabled, tooltip in mine:
                yield self._key(binding, enabled, tooltip, False)
            yield FooterLabel(self.group_label)
        for binding, enabled, tooltip in apps:
            yield self._key(binding, enabled, tooltip, True)
        if palette is not None and hint and full + hint <= width:
            _, binding, enabled, tooltip = palette
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            classes="-command-palette", disabled=not enabled,
                            tooltip=binding.tooltip or binding.description)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)

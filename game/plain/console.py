"""The console of plain mode: numbered questions and answers over a pair of text streams.

For screen readers, pipes and scripted games: everything is a line of text, and a script
file can stand in for the keyboard (its answers are echoed so the transcript reads like
a session).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

RULE = "-" * 72
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")


def plain_text(markdown: str) -> str:
    """Briefings are Markdown; a screen reader should not read out the asterisks."""
    return _EMPHASIS.sub("", markdown.strip())


class Quit(Exception):
    """The player asked to stop (or input ran out); the game is saved."""


class Console:
    """Numbered questions over a pair of text streams (or a script of answers)."""

    def __init__(self, out: TextIO, lines: Iterator[str], echo: bool):
        self.out = out
        self.lines = lines
        self.echo = echo  # scripted answers are echoed so the transcript reads like a session

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def ask(self, prompt: str) -> str:
        self.out.write(f"{prompt} ")
        try:
            line = next(self.lines)
        except StopIteration:
            self.out.write("\n")
            raise Quit from None
        answer = line.rstrip("\n").strip()
        if self.echo:
            self.out.write(answer + "\n")
        self.out.flush()
        return answer

    def choose(self, title: str, options: list[str], allow_back: bool = False) -> int | None:
        """Ask for a number from a list; None for 'back' (0) when allowed. Re-asks on bad input."""
        self.say(title)
        for n, text in enumerate(options, start=1):
            self.say(f"  {n}. {text}")
        if allow_back:
            self.say("  0. Back")
        while True:
            answer = self.ask(">")
            if answer.lower() in ("q", "quit"):
                raise Quit
            if allow_back and answer == "0":
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            self.say(f"Please type a number from {'0' if allow_back else '1'} to {len(options)}.")

    def confirm(self, question: str) -> bool:
        while True:
            answer = self.ask(f"{question} [y/n]").lower()
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            if answer in ("q", "quit"):
                raise Quit
            self.say("Please answer y or n.")


def script_lines(path: Path) -> Iterator[str]:
    """The answers in a script file (read at once, so a missing file fails up front)."""
    text = path.read_text(encoding="utf-8")
    return iter([raw for raw in text.splitlines() if not raw.strip().startswith("#")])

"""The console of plain mode: questions and answers over a pair of text streams.

For screen readers, pipes and scripted games: everything is a line of text, and a script
file can stand in for the keyboard (its answers are echoed so the transcript reads like
a session). Whatever a line holds, the console never raises on it: an answer is cut at
:data:`MAX_ANSWER` characters, numbers are ASCII digits only (``²``, ``①``, ``٣`` or ``２``
are not numbers here) and at most :data:`MAX_DIGITS` long, and anything unexpected is
answered with what is expected, then asked again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

RULE = "-" * 72
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
#: Longest answer read; a longer line is refused as a whole (never half-read as something else).
MAX_ANSWER = 200
#: Longest number in a pick list (no list runs past 999 entries).
MAX_DIGITS = 3
_NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
QUIT_WORDS = ("q", "quit")


def plain_text(markdown: str) -> str:
    """Briefings are Markdown; a screen reader should not read out the asterisks."""
    return _EMPHASIS.sub("", markdown.strip())


def ascii_number(answer: str) -> int | None:
    """The number an answer is, when it is 1 to :data:`MAX_DIGITS` ASCII digits; else None."""
    return int(answer) if _NUMBER.fullmatch(answer) else None


class Quit(Exception):
    """The player asked to stop (or input ran out); the game is saved."""


class Console:
    """Questions over a pair of text streams (or a script of answers)."""

    def __init__(self, out: TextIO, lines: Iterator[str], echo: bool):
        self.out = out
        self.lines = lines
        self.echo = echo  # scripted answers are echoed so the transcript reads like a session

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def ask(self, prompt: str) -> str:
        """One answer, stripped, with control characters removed; re-asks when it is too long.
        Raises :class:`Quit` when input runs out."""
        while True:
            self.out.write(f"{prompt} ")
            try:
                line = next(self.lines)
            except StopIteration:
                self.out.write("\n")
                self.out.flush()
                raise Quit from None
            answer = _CONTROL.sub("", line.rstrip("\n")).strip()
            if self.echo:
                self.out.write((answer if len(answer) <= MAX_ANSWER else answer[:40] + "…") + "\n")
            self.out.flush()
            if len(answer) <= MAX_ANSWER:
                return answer
            self.say(f"That answer is too long (more than {MAX_ANSWER} characters); please answer again.")

    def choose(self, title: str, options: list[str], allow_back: bool = False,
               default: int | None = None) -> int | None:
        """A number from a numbered list; None for 'back' (0) when allowed. An empty answer
        takes ``default`` (an index) when there is one. Re-asks on anything else."""
        self.say(title)
        for n, text in enumerate(options, start=1):
            self.say(f"  {n}. {text}")
        if allow_back:
            self.say("  0. Back")
        low = 0 if allow_back else 1
        keep = f"; Enter keeps {default + 1}" if default is not None else ""
        while True:
            answer = self.ask(">")
            if answer.lower() in QUIT_WORDS:
                raise Quit
            if default is not None and answer == "":
                return default
            number = ascii_number(answer)
            if number is not None and low <= number <= len(options):
                return None if number == 0 else number - 1
            self.say(f"Please type a number from {low} to {len(options)}{keep} (q quits).")

    def confirm(self, question: str) -> bool:
        while True:
            answer = self.ask(f"{question} [y/n]").lower()
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            if answer in QUIT_WORDS:
                raise Quit
            self.say("Please answer y or n.")

    def key(self, prompt: str, keys: list[str]) -> str:
        """One of ``keys`` (single characters, in lower case); re-asks, listing them, on anything else."""
        listed = " ".join(keys)
        while True:
            answer = self.ask(prompt).lower()
            if answer in keys:
                return answer
            if answer == "quit":
                return "q"
            if ascii_number(answer) is not None:
                self.say(f"Moves are letters here, not numbers: {listed}.")
            else:
                self.say(f"Please type one of: {listed}.")


def script_lines(path: Path) -> Iterator[str]:
    """The answers in a script file (read at once, so a missing file fails up front)."""
    text = path.read_text(encoding="utf-8")
    return iter([raw for raw in text.splitlines() if not raw.strip().startswith("#")])


def open_console(stdin: TextIO, stdout: TextIO, script: str | None) -> Console | None:
    """The console of a plain-mode run: answers from ``script`` (a file) or from ``stdin``.

    Echoes answers when they do not come from a person at a terminal, so a transcript reads
    like a session. None, after one line saying why, when the script cannot be read.
    """
    try:
        lines: Iterator[str] = script_lines(Path(script)) if script else iter(stdin)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        stdout.write(f"{script}: cannot read the script ({reason})\n")
        return None
    return Console(stdout, lines, echo=script is not None or not stdin.isatty())

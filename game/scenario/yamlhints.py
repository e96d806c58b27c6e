"""Plain words for YAML syntax errors, said before the parser's own.

PyYAML (libyaml) reports what its grammar expected ("did not find expected key", "found
character that cannot start any token", "mapping values are not allowed in this context"),
which never says what an author did: indent with a tab, line a key up with the wrong
column, leave a quote or a bracket open, write a colon inside a value. :func:`explain`
looks at the text around the parser's marks and says which, in words, and where the
problem starts when that is not where the parser noticed it (an unclosed quote is found
at the end of the file, but opened much earlier).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_NO_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(?![\s:]|$)(\S)")
_SIMPLE_KEY = re.compile(r"^\s*(?:-\s+)?[\"']?[\w -]+[\"']?\s*:(?:\s|$)")
_RESERVED = {"@": "`@`", "`": "a backtick", "%": "`%`", "!": "`!`", "&": "`&`", "*": "`*`", "|": "`|`", ">": "`>`"}


@dataclass(frozen=True)
class Hint:
    """Plain words for one syntax error, and where to point (1-based), if not at the parser's mark."""

    words: str
    line: int | None = None
    col: int | None = None


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _indent(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t"))]


def _first_tab(lines: list[str], last: int) -> int | None:
    """The first line up to ``last`` whose indentation holds a tab."""
    for number in range(1, min(last, len(lines)) + 1):
        if "\t" in _indent(lines[number - 1]):
            return number
    return None


def explain(text: str, problem: str, context: str, at: tuple[int, int], opened: tuple[int, int] | None) -> Hint | None:
    """Plain words for the parser's ``problem`` (in ``context``) at line/column ``at``.

    ``opened`` is the parser's context mark (where the construct it was reading began), if
    any. Returns None when no plain reading fits: the parser's words then stand alone.
    """
    lines = text.splitlines()
    line, col = at
    here = _line(lines, line)
    char = here[col - 1] if 0 < col <= len(here) else ""
    problem, context = problem.lower(), context.lower()

    tab = _first_tab(lines, line)
    if "tab" in problem or char == "\t" or (tab is not None and tab >= line - 1):
        where = tab if tab is not None else line
        return Hint(f"line {where} is indented with a tab; YAML indents with spaces only: replace the tab "
                    "with spaces", where, 1)

    if "escape" in problem:
        return Hint(f"a backslash inside double quotes on line {line} starts an escape: write \\\\ for a "
                    "backslash, or put the value in single quotes")

    if "quoted scalar" in context and opened is not None:
        quote = _line(lines, opened[0])[opened[1] - 1 : opened[1]] or '"'
        return Hint(f"the {quote} opened on line {opened[0]} (column {opened[1]}) is never closed: end the "
                    f"text with {quote}" + (" (write \\\" for a quote mark inside it)" if quote == '"' else
                                            " (write '' for an apostrophe inside it)"),
                    opened[0], opened[1])

    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        close, kind = ("]", "list") if bracket == "[" else ("}", "mapping")
        start = f" on line {opened[0]}" if opened is not None else ""
        return Hint(f"the {bracket} opened{start} is not closed before this point, or a comma is missing "
                    f"between two of its items: end the {kind} with {close} and separate items with commas")

    # Only the lines next to the error: elsewhere `key:value` is a valid plain text.
    for number in range(max(1, line - 2), min(line, len(lines)) + 1):
        found = _KEY_NO_SPACE.match(lines[number - 1])
        if found:
            return Hint(f"line {number} has no space after `{found.group(1)}:`; YAML needs one: "
                        f"write `{found.group(1)}: {found.group(2)}...`", number, 1)

    if char in _RESERVED and "cannot start any token" in problem:
        return Hint(f"a value on line {line} starts with {_RESERVED[char]}, which YAML reserves: put the "
                    "whole value in quotes")

    if "mapping values are not allowed" in problem:
        before = here[: col - 1]
        if ":" in before.split("#", 1)[0] and _SIMPLE_KEY.match(here):
            return Hint(f"the value on line {line} contains ': ', which YAML reads as the start of another "
                        "key: put the whole value in quotes")
        previous = next((n for n in range(line - 1, 0, -1) if _line(lines, n).strip()), None)
        if previous is not None:
            return Hint(f"line {line} is indented further than line {previous}, whose key already has a "
                        f"value: line it up with the key above, or put the value of line {previous} in quotes "
                        "if it goes on")

    if "expected key" in problem or "'-' indicator" in problem or "block end" in problem:
        prefix = here[: col - 1].rstrip()
        if prefix.endswith(("\"", "'")):
            quote = prefix[-1]
            if prefix.count(quote) % 2 == 0:
                return Hint(f"text follows a closing quote on line {line}: put the whole value inside the quotes")
            # This quote closes one opened on an earlier line that was never closed there.
            start = next((n for n in range(line - 1, 0, -1) if _line(lines, n).count(quote) % 2 == 1), None)
            if start is not None:
                return Hint(f"the {quote} opened on line {start} is not closed on that line, so YAML reads on "
                            f"to the next {quote} (line {line}): close it on line {start}", start,
                            _line(lines, start).rfind(quote) + 1)
        if here.lstrip().startswith("- ") and "mapping" in context:
            item = next((n for n in range(line - 1, 0, -1) if _line(lines, n).lstrip().startswith("- ")), None)
            if item is not None and len(_indent(_line(lines, item))) > len(_indent(here)):
                return Hint(f"the `- ` on line {line} is at column {len(_indent(here)) + 1}, but the list's item "
                            f"on line {item} is at column {len(_indent(_line(lines, item))) + 1}: line the items "
                            "of a list up")
            return Hint(f"a list item (`- `) on line {line} where a key was expected: indent the list under "
                        "its key")
        if opened is not None and (len(_indent(here)) + 1 != opened[1] or opened[0] == line):
            what = "keys of its mapping" if "mapping" in context else "items of its list"
            return Hint(f"line {line} is indented to column {len(_indent(here)) + 1}, but the {what} start at "
                        f"column {opened[1]} (line {opened[0]}): line keys up with the keys around them, and "
                        "list items with their `- `")
    return None

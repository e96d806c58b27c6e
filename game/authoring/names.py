"""Turning free text (file names, GENIUS value names) into scenario ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from game.scenario.models import SLUG_PATTERN

MAX_SLUG = 48
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(SLUG_PATTERN)


def slugify(text: str, fallback: str, prefix: str = "v") -> str:
    """A valid id for ``text``: ``"60 Gb"`` -> ``v-60-gb``, ``"Bread type"`` -> ``bread-type``.

    Ids must start with a letter, so text starting with a digit gets ``prefix``; text with
    no letters or digits at all becomes ``fallback``. The result always matches the id pattern.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    core = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if not core:
        return fallback
    if not core[0].isalpha():
        core = f"{prefix}-{core}"
    core = core[:MAX_SLUG].rstrip("-")
    return core if _SLUG.fullmatch(core) else fallback


def unique_slugs(texts: Iterable[str], fallback: str, prefix: str = "v") -> list[str]:
    """Slugs of ``texts``, made unique in order by suffixes ``-2``, ``-3``, ... (deterministic)."""
    out: list[str] = []
    for n, text in enumerate(texts, start=1):
        base = slugify(text, f"{fallback}-{n}", prefix)
        slug, k = base, 2
        while slug in out:
            suffix = f"-{k}"
            slug = base[: MAX_SLUG - len(suffix)].rstrip("-") + suffix
            k += 1
        out.append(slug)
    return out


def file_slug(stem: str) -> str:
    """The id a scenario file's name suggests: ``005-talks-2020`` -> ``talks-2020``."""
    stripped = re.sub(r"^[0-9]+[-_ ]*", "", stem)
    return slugify(stripped or stem, "scenario", prefix="s")

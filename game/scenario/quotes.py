"""The passage of a seed closest to a quote that is not in it, and how the two differ.

A citation must quote its seed verbatim; an author who paraphrased a word, dropped a hedge
or copied from a different version of the article gets "quote not found" and then has to
hunt for the sentence by hand. :func:`closest` finds the passage the author most likely
meant, in two passes so that long seeds stay cheap:

1. every window of the seed as many words long as the quote is scored by how many of the
   quote's words it holds (a rolling count, one pass over the seed);
2. around the best windows, starts and lengths are varied and each candidate is scored by
   :class:`difflib.SequenceMatcher`: first by the quote's words it keeps in order, then by
   its text, so a passage a word longer or shorter than the quote can win.

:func:`differences` then says word by word what to change.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

#: Below this share of the quote's words kept, no passage counts as close: the quote is likely
#: from another text.
CLOSE_ENOUGH = 0.5
#: How much a passage's score weighs the quote's words it keeps (the rest: the words it adds).
COVERAGE = 0.7
#: Best windows of the first pass refined in the second.
CANDIDATES = 6
#: Differences listed in a message; the rest are counted.
SHOWN = 3

_WORD = re.compile(r"\S+")
_LOOKALIKES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "‑": "-", "–": "-", "—": "-"})
_EDGE = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True)
class Passage:
    """A run of the seed's words: their text as in the seed, the line it starts on, and how much
    of the quote it keeps (see :func:`closest`)."""

    words: tuple[str, ...]
    line: int
    similarity: float

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _norm(word: str) -> str:
    """A word as the first pass compares it: case, quote marks, dashes and edge punctuation ignored."""
    return _EDGE.sub("", word.translate(_LOOKALIKES).lower()) or word


def _rough(seed: list[str], quote: list[str]) -> list[int]:
    """Starts of the windows (quote-long) holding most of the quote's words, best first."""
    n = len(quote)
    want = Counter(quote)
    have: Counter[str] = Counter()
    overlap = 0
    scores: list[tuple[int, int]] = []
    for end, word in enumerate(seed):
        if have[word] < want[word]:
            overlap += 1
        have[word] += 1
        start = end - n + 1
        if start > 0:
            gone = seed[start - 1]
            have[gone] -= 1
            if have[gone] < want[gone]:
                overlap -= 1
        if start >= 0:
            scores.append((-overlap, start))
    if not scores:  # the seed is shorter than the quote
        return [0]
    picked: list[int] = []
    for _, start in sorted(scores):
        if all(abs(start - p) > n // 2 for p in picked):
            picked.append(start)
        if len(picked) == CANDIDATES:
            break
    return picked


def closest(seed_text: str, quote: str) -> Passage | None:
    """The passage of ``seed_text`` most like ``quote``, or None when nothing is close enough."""
    spans = [(m.group(), m.start()) for m in _WORD.finditer(seed_text)]
    quote_words = quote.split()
    if not spans or not quote_words:
        return None
    words = [w for w, _ in spans]
    norms = [_norm(w) for w in words]
    wanted = [_norm(w) for w in quote_words]
    target = " ".join(quote_words).translate(_LOOKALIKES).lower()
    n = len(quote_words)
    # How far a passage may start from the rough window and differ in length (in words): enough
    # for a dropped or added phrase, few enough that the second pass stays fast.
    slack = min(4, max(2, n // 4))
    by_word = difflib.SequenceMatcher(autojunk=False)
    by_word.set_seq2(wanted)
    by_char = difflib.SequenceMatcher(autojunk=False)
    by_char.set_seq2(target)

    def kept(start: int, length: int) -> float:
        """The quote's words a passage keeps, in order, weighed mostly against the quote.

        Words come first: of two passages one word off, the one that keeps every word the
        author wrote wins. The text (below) breaks ties between passages that differ only
        in how a word was changed ("refused" against the seed's "refuses").
        """
        by_word.set_seq1(norms[start : start + length])
        same = sum(block.size for block in by_word.get_matching_blocks())
        return COVERAGE * same / n + (1 - COVERAGE) * same / length

    best = (CLOSE_ENOUGH, 0.0, -1, n)
    for rough in _rough(norms, wanted):
        for start in range(max(0, rough - slack), min(len(words) - 1, rough + slack) + 1):
            for length in range(max(1, n - slack), min(n + slack, len(words) - start) + 1):
                share = kept(start, length)
                if share < best[0]:
                    continue
                by_char.set_seq1(" ".join(words[start : start + length]).translate(_LOOKALIKES).lower())
                found = (share, by_char.ratio(), start, length)
                if found[:2] > best[:2]:  # ties keep the earlier, shorter passage
                    best = found
    share, _, start, length = best
    if start < 0:
        return None
    chosen = _trim(words[start : start + length], quote_words)
    line = seed_text.count("\n", 0, spans[start][1]) + 1
    return Passage(tuple(chosen), line, share)


def _trim(passage: list[str], quote: list[str]) -> list[str]:
    """Cut the passage's edge words to the quote's where the quote starts or ends inside a word
    (a quote may end at "half" where the seed says "half,")."""
    out = list(passage)
    if out and out[-1] != quote[-1] and out[-1].startswith(quote[-1]):
        out[-1] = quote[-1]
    if out and out[0] != quote[0] and out[0].endswith(quote[0]):
        out[0] = quote[0]
    return out


def _shown(words: list[str]) -> str:
    return "“" + " ".join(words) + "”"


def differences(quote: str, passage: Passage) -> list[str]:
    """What to change in ``quote`` to get ``passage``, word by word, in reading order."""
    mine, theirs = quote.split(), list(passage.words)
    out = []
    opcodes = difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace":
            if [w.translate(_LOOKALIKES) for w in mine[i1:i2]] == [w.translate(_LOOKALIKES) for w in theirs[j1:j2]]:
                out.append(f"the seed has {_shown(theirs[j1:j2])} (other quote marks or dashes) where the quote has "
                           f"{_shown(mine[i1:i2])}")
            else:
                out.append(f"the seed has {_shown(theirs[j1:j2])} where the quote has {_shown(mine[i1:i2])}")
        elif tag == "delete":
            out.append(f"the seed has no {_shown(mine[i1:i2])} here")
        elif tag == "insert":
            out.append(f"the quote leaves out {_shown(theirs[j1:j2])}")
    return out


def hint(seed_text: str, quote: str) -> str | None:
    """One sentence for a "quote not found" message: the closest passage and how it differs."""
    passage = closest(seed_text, quote)
    if passage is None:
        return None
    diffs = differences(quote, passage)
    listed = "; ".join(diffs[:SHOWN])
    more = f"; and {len(diffs) - SHOWN} more difference(s)" if len(diffs) > SHOWN else ""
    return (f"the closest passage (line {passage.line}) reads {_shown(list(passage.words))}: "
            f"{listed or 'it differs only in spacing'}{more}")

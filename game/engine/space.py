"""The outcome space: every package (one option per issue) as a mixed-radix integer.

Package ``p`` settles issue ``i`` with option ``(p // stride[i]) % radix[i]``; the first
issue is the most significant digit, so package 0 takes every issue's first option and
index order is lexicographic in option order. Utilities are additive (weights normalised
to sum 1, option values in [0, 1]) and computed for the whole space at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Largest space handled exactly. Above it the engine refuses with a clear message
#: rather than silently sampling: analysis and play need every package.
EXACT_LIMIT = 5_000_000

#: Utilities are rounded to this many decimals so that packages whose utilities are equal
#: on paper (0.1 + 0.2 vs 0.3) compare equal, and ties are broken by the stated rules.
DECIMALS = 12


class OutcomeSpaceTooLarge(ValueError):
    """The scenario has more packages than the engine handles exactly."""


@dataclass(frozen=True)
class OutcomeSpace:
    """Sizes of the issues and the digits of every package."""

    radices: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.radices or any(r < 1 for r in self.radices):
            raise ValueError("every issue needs at least one option")
        if self.size > EXACT_LIMIT:
            raise OutcomeSpaceTooLarge(
                f"{self.size:,} packages is more than the {EXACT_LIMIT:,} the engine handles "
                "exactly; merge options or split the scenario"
            )

    @property
    def size(self) -> int:
        return int(np.prod(self.radices, dtype=np.int64))

    @property
    def issues(self) -> int:
        return len(self.radices)

    @property
    def strides(self) -> np.ndarray:
        r = np.asarray(self.radices, dtype=np.int64)
        return np.concatenate([np.cumprod(r[::-1])[::-1][1:], [1]]).astype(np.int64)

    def digits(self, packages: np.ndarray | None = None) -> np.ndarray:
        """Option index per issue, shape ``(len(packages), issues)``; all packages by default."""
        dtype = np.int8 if max(self.radices) < 128 else np.int16
        if packages is None:  # every package at once: a grid, in index order (first issue slowest)
            return np.indices(self.radices, dtype=dtype).reshape(len(self.radices), -1).T.copy()
        idx = np.asarray(packages, dtype=np.int64)
        r = np.asarray(self.radices, dtype=np.int64)
        return ((idx[..., None] // self.strides) % r).astype(dtype)

    def index(self, digits: Sequence[int] | np.ndarray) -> int | np.ndarray:
        """The package index of option digits (one row or many)."""
        d = np.asarray(digits, dtype=np.int64)
        out = d @ self.strides
        return int(out) if np.ndim(out) == 0 else out


def utilities(digits: np.ndarray, values: Sequence[np.ndarray], weights: np.ndarray) -> np.ndarray:
    """Additive utility of every package: sum over issues of weight * value of its option.

    ``values[i]`` holds the option values of issue ``i``; ``weights`` need not sum to 1
    (they are normalised here). One gather per issue, no loop over packages.
    """
    w = np.asarray(weights, dtype=np.float64)
    total = w.sum()
    w = w / total if total > 0 else np.full_like(w, 1.0 / len(w))
    out = np.zeros(digits.shape[0], dtype=np.float64)
    for i, table in enumerate(values):
        out += w[i] * np.asarray(table, dtype=np.float64)[digits[:, i]]
    return np.round(out, DECIMALS)


def forbidden_mask(digits: np.ndarray, barred: Mapping[int, Sequence[int]]) -> np.ndarray:
    """True where a package uses any barred option (issue index -> barred option indices)."""
    mask = np.zeros(digits.shape[0], dtype=bool)
    for issue, options in barred.items():
        if len(options):
            mask |= np.isin(digits[:, issue], np.asarray(options))
    return mask


def beats_no_deal(utility: np.ndarray | float, reservation: np.ndarray | float) -> np.ndarray:
    """Whether a package is worth *more* than no deal: the one definition of "acceptable".

    Strict, everywhere: a deal worth exactly the no-deal value gains nothing, so neither the
    analysis's agreement zone nor any computer side counts it. Both sides are compared at
    the engine's rounding, so equal-on-paper values are equal.
    """
    return np.round(np.asarray(utility, dtype=np.float64), DECIMALS) > np.round(
        np.asarray(reservation, dtype=np.float64), DECIMALS)

"""A hash chain over a game's entries, and an HMAC signature over its head.

The chain starts from a hash of the log's header (exercise, table, seat, seed, scenario),
so a header cannot be swapped under the moves; each entry's hash is
``sha256(previous hash + canonical JSON of the entry)``. Anyone can recompute a chain, so it
only shows that a log is whole and in order; what makes a log genuine is that its moves
replay to what it records. The signature, made with the exercise's secret, is what a
student cannot produce: hosted games carry one, offline games cannot.

The students' names are the chain's last link: the *seal* hashes the chain head with the
names (:func:`seal`), and a hosted log's signature is made over the seal, so a name cannot
be changed without breaking the seal (and the signature). Names come last because in the
live classroom a student may sit down after the table's first move was chained.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

CHAIN_TAG = "parley-exercise-log/1"


def canonical(data: Any) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def genesis(header: dict[str, Any]) -> str:
    """The hash the chain starts from: it binds the header to every entry after it."""
    return hashlib.sha256(f"{CHAIN_TAG}\n{canonical(header)}".encode()).hexdigest()


def link(previous: str, entry: dict[str, Any]) -> str:
    """The hash of ``entry`` (without its own ``hash`` field) after ``previous``."""
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256((previous + canonical(body)).encode()).hexdigest()


def chain(header: dict[str, Any], entries: list[dict[str, Any]]) -> list[str]:
    """The hashes the entries should carry, in order."""
    out: list[str] = []
    previous = genesis(header)
    for entry in entries:
        previous = link(previous, entry)
        out.append(previous)
    return out


def head(header: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    hashes = chain(header, entries)
    return hashes[-1] if hashes else genesis(header)


def seal(chain_head: str, students: dict[str, str]) -> str:
    """The chain's last link: its head and the students' names (side -> name), hashed together."""
    return hashlib.sha256(f"{CHAIN_TAG}:students\n{chain_head}\n{canonical(students)}".encode()).hexdigest()


def sign(secret: bytes, chain_head: str) -> str:
    return hmac.new(secret, chain_head.encode(), hashlib.sha256).hexdigest()


def signature_ok(secret: bytes, chain_head: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, chain_head), signature)


def reordering(header: dict[str, Any], entries: list[dict[str, Any]]) -> list[int] | None:
    """If the entries, each keeping its recorded hash, chain up in another order, that order.

    A shuffled log keeps every entry's hash valid for its *original* predecessor; following
    the links from the header finds the order it was written in. None when they do not.
    """
    recorded = [str(e.get("hash")) for e in entries]
    order: list[int] = []
    previous = genesis(header)
    left = set(range(len(entries)))
    while left:
        nxt = next((i for i in sorted(left) if link(previous, entries[i]) == recorded[i]), None)
        if nxt is None:
            return None
        order.append(nxt)
        left.discard(nxt)
        previous = recorded[nxt]
    return order if order != list(range(len(entries))) else None

"""Seat files: one student's way into a hand-out exercise, without the scenario in plain text.

In hand-out mode each student gets their role sheet and one seat file, never the exercise
folder (whose ``scenario.yaml`` holds both sides' values, which ``parley analyze`` turns
into the Nash package). A seat file holds what the game needs to play that seat offline
— the exercise, the scenario, the table, the side, the rostered name — compressed and
XOR-ed with a SHA-256 keystream, so neither ``cat`` nor ``grep`` nor ``parley analyze``
shows the other side's values.

This is scrambling, not encryption: the key is derived from a nonce stored in the file
(the game must open it without the instructor), so anyone who reads Parley's source can
unscramble it. The instructor sheet says so plainly and recommends the live classroom,
where the scenario never leaves the instructor's machine, for graded work.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import zlib
from typing import Any

SEAT_FORMAT = "parley-seat/1"
SEAT_SUFFIX = ".parley-seat"
_KEY_TAG = b"parley-seat-file/1"
MAX_SEAT_BYTES = 20_000_000


class SeatFileError(ValueError):
    """A file that is not a usable seat file: one line saying why."""


def _keystream(nonce: bytes, length: int) -> bytes:
    blocks = (hashlib.sha256(_KEY_TAG + nonce + n.to_bytes(8, "big")).digest() for n in range(-(-length // 32)))
    return b"".join(blocks)[:length]


def _xor(data: bytes, key: bytes) -> bytes:
    return (int.from_bytes(data, "big") ^ int.from_bytes(key, "big")).to_bytes(len(data), "big")


def is_seat_file(text: str) -> bool:
    """Whether ``text`` looks like a seat file (so a folder-or-file argument can tell them apart)."""
    return f'"format": "{SEAT_FORMAT}"' in text[:400]


def pack(content: dict[str, Any], label: dict[str, Any]) -> str:
    """A seat file: ``label`` in plain text (table, side, how to open it), ``content`` scrambled."""
    nonce = secrets.token_bytes(16)
    body = zlib.compress(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(), 9)
    outer = {
        "format": SEAT_FORMAT,
        **label,
        "note": "The game opens this file; its content is scrambled so that the other side's values cannot be "
                "read as text. It is not encrypted: keep it to yourself and play your table once.",
        "nonce": nonce.hex(),
        "check": hashlib.sha256(body).hexdigest(),
        "payload": base64.b64encode(_xor(body, _keystream(nonce, len(body)))).decode("ascii"),
    }
    return json.dumps(outer, indent=1, ensure_ascii=False) + "\n"


def unpack(text: str, name: str) -> dict[str, Any]:
    """The content of a seat file; :class:`SeatFileError` when it is not one or was damaged."""
    try:
        outer = json.loads(text)
    except json.JSONDecodeError:
        raise SeatFileError(f"{name}: not a Parley seat file (not JSON)") from None
    if not isinstance(outer, dict) or outer.get("format") != SEAT_FORMAT:
        raise SeatFileError(f"{name}: not a Parley seat file (expected format {SEAT_FORMAT})")
    try:
        nonce = bytes.fromhex(str(outer["nonce"]))
        scrambled = base64.b64decode(str(outer["payload"]), validate=True)
        body = _xor(scrambled, _keystream(nonce, len(scrambled)))
        if hashlib.sha256(body).hexdigest() != outer.get("check"):
            raise SeatFileError(f"{name}: the seat file is damaged (its content does not match its check); "
                                "ask your instructor for a new copy")
        content = json.loads(zlib.decompress(body).decode("utf-8"))
    except SeatFileError:
        raise
    except (KeyError, ValueError, binascii.Error, zlib.error, UnicodeDecodeError):
        raise SeatFileError(f"{name}: the seat file is damaged; ask your instructor for a new copy") from None
    if not isinstance(content, dict):
        raise SeatFileError(f"{name}: the seat file is damaged; ask your instructor for a new copy")
    return content

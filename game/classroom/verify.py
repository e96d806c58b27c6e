"""Verifying exercise logs: replay the moves on the table's seed and compare with what the log says.

Only the moves are trusted. A genuine log is exactly what its moves replay to on its own
table's seed (:func:`.logs.replay`), with the students' names sealed onto its chain;
anything else was edited, claims a table or seed the exercise does not have, copies
another table's game, carries a forged signature, or cannot be read. Each verdict comes
with one sentence that says what was found. What logs mean together (copies across logs,
a table that handed in more than one game, a table that handed in none) is :mod:`.standing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from game.engine import Game, Move, ReplayError, State
from game.session.transcript import move_text

from . import chain
from .exercise import OpenExercise, TablePlan
from .logs import LOG_FORMAT, Unreadable, outcome_summary, replay

#: Longest log whose shuffled entries are put back in order to name a reordering (quadratic work).
MAX_REORDER = 1000
#: Distinct packages students must have proposed for two tables' identical games to count as a copy.
COPY_MIN_PACKAGES = 2

Verdict = Literal["genuine", "duplicate", "extra", "edited", "claims", "copy", "forged", "unreadable", "unverified"]
VERDICT_TEXT: dict[str, str] = {
    "genuine": "genuine",
    "duplicate": "DUPLICATE",
    "extra": "ANOTHER GAME",
    "edited": "EDITED",
    "claims": "WRONG TABLE OR SEED",
    "copy": "COPY",
    "forged": "FORGED",
    "unreadable": "UNREADABLE",
    "unverified": "UNVERIFIED",
}


# -- verifying -------------------------------------------------------------------------------------


@dataclass
class Check:
    """The verdict on one log."""

    name: str
    verdict: Verdict
    reason: str
    table: int | None = None  # the table whose game it is (for a copy: the table it was copied from)
    seat: str | None = None
    outcome: dict[str, Any] | None = None
    moves_key: str | None = None
    human_packages: int = 0  # distinct packages that students proposed
    state: State | None = field(default=None, repr=False)
    claimed: int | None = None  # the table its header claims
    students: dict[str, str] = field(default_factory=dict)  # side -> name, as sealed
    attempt: int = 1  # which game at its table, on the computer it was played on
    started: str = ""
    genesis: str = ""  # the hash its chain starts from: what later attempts list as an earlier one
    earlier: list[str] = field(default_factory=list)
    seal: str = ""
    notes: list[str] = field(default_factory=list)  # what a teacher should know about a log that counts

    @property
    def genuine(self) -> bool:
        return self.verdict == "genuine"

    def names_text(self) -> str:
        return ", ".join(f"{name} ({actor})" for actor, name in self.students.items())

    def line(self) -> str:
        extra = "".join(f"; {note}" for note in self.notes)
        return f"{self.name}: {VERDICT_TEXT[self.verdict]} — {self.reason}{extra}"


class _Unreadable(Exception):
    pass


def _structure(data: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Header and entries of something that looks like an exercise log, else :class:`_Unreadable`."""
    if not isinstance(data, dict) or data.get("format") != LOG_FORMAT:
        raise _Unreadable(f"not a Parley exercise log (expected format {LOG_FORMAT})")
    header, entries = data.get("header"), data.get("entries")
    if not isinstance(header, dict):
        raise _Unreadable("the log has no header")
    if not isinstance(entries, list):
        raise _Unreadable("the log has no list of entries")
    for n, entry in enumerate(entries, start=1):
        if not (isinstance(entry, dict) and isinstance(entry.get("move"), dict) and isinstance(entry.get("hash"), str)):
            raise _Unreadable(f"entry {n} is not a log entry (a move, a state and a hash)")
    if not isinstance(data.get("head"), str) or not isinstance(data.get("outcome"), dict):
        raise _Unreadable("the log has no chain head or no outcome")
    if "signature" in data and not isinstance(data["signature"], str):
        raise _Unreadable("the signature is not text")
    students = data.get("students", {})
    if not isinstance(students, dict) or not all(isinstance(v, str) for v in students.values()):
        raise _Unreadable("the students' names are not a list of side and name")
    if "seal" in data and not isinstance(data["seal"], str):
        raise _Unreadable("the seal is not text")
    return header, entries


def _attempt(check: Check, header: dict[str, Any]) -> None:
    """What the header says of the attempt (hand-out games; live and older logs are attempt 1)."""
    attempt, started, earlier = header.get("attempt"), header.get("started"), header.get("earlier_attempts")
    check.attempt = attempt if isinstance(attempt, int) and not isinstance(attempt, bool) and attempt >= 1 else 1
    check.started = started if isinstance(started, str) else ""
    check.earlier = [h for h in earlier if isinstance(h, str)] if isinstance(earlier, list) else []


def _first_difference(recorded: Any, actual: Any, path: str = "") -> str | None:
    """The first path at which two JSON values differ ('utility.us'), or None."""
    if isinstance(recorded, dict) and isinstance(actual, dict):
        for key in sorted(set(recorded) | set(actual), key=str):
            if key not in recorded or key not in actual:
                return f"{path}{key}"
            found = _first_difference(recorded[key], actual[key], f"{path}{key}.")
            if found is not None:
                return found
        return None
    if isinstance(recorded, list) and isinstance(actual, list) and len(recorded) == len(actual):
        for i, (a, b) in enumerate(zip(recorded, actual, strict=True)):
            found = _first_difference(a, b, f"{path}{i}.")
            if found is not None:
                return found
        return None
    if type(recorded) is not type(actual) or recorded != actual:
        return path.rstrip(".") or "(value)"
    return None


def _lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    text = chain.canonical(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def _what(path: str) -> str:
    """'state.utility.us' -> 'the utility for us' (what was edited, in words)."""
    parts = path.split(".")
    if parts[0] == "move":
        return "the move" if len(parts) == 1 or parts[1] != "reason" else "the move's stated reason"
    if parts[0] == "state" and len(parts) > 1:
        name = {"utility": "utility", "offers": "standing offer", "reservation": "no-deal value",
                "trust": "trust", "round": "round", "status": "status", "next": "side to move",
                "deadline": "deadline", "ratification": "ratification", "news": "news"}.get(parts[1], parts[1])
        return f"the recorded {name}" + (f" for {parts[2]}" if len(parts) > 2 and name != "ratification" else "")
    return f"its {path}"


def _entry_label(game: Game, entry: dict[str, Any], n: int) -> str:
    try:
        return f"entry {n} ({move_text(game.scenario, Move.from_dict(entry['move']))})"
    except (ReplayError, KeyError, StopIteration, TypeError, ValueError):
        return f"entry {n}"


def _replays_as(game: Game, table: TablePlan, entries: list[dict[str, Any]],
                recorded_outcome: Any) -> tuple[State | None, str | None, int | None]:
    """Replay under ``table``: (state, problem, first bad entry index) — problem None when all matches."""
    moves = [e["move"] for e in entries]
    try:
        state, rebuilt = replay(game, table.seed, table.engine_seats(), moves)
    except ReplayError as failure:
        return None, failure.why, failure.index
    for i, (recorded, actual) in enumerate(zip(entries, rebuilt, strict=True)):
        body = {k: v for k, v in recorded.items() if k != "hash"}
        diff = _first_difference(body, actual)
        if diff is not None:
            was, now = _lookup(body, diff), _lookup(actual, diff)
            return state, f"{_what(diff)} is {_show(was)}, but the moves give {_show(now)}", i
    if not state.is_terminal:
        return state, "the log stops before the game ends (moves were cut off)", len(entries)
    summary = outcome_summary(state)
    diff = _first_difference(recorded_outcome, summary)
    if diff is not None:
        return state, (f"the outcome's {diff} is {_show(_lookup(recorded_outcome, diff))}, "
                       f"but the moves give {_show(_lookup(summary, diff))}"), len(entries)
    return state, None, None


def _claim_problem(opened: OpenExercise, header: dict[str, Any]) -> tuple[str | None, TablePlan | None]:
    """What the header claims that the exercise does not have, and the claimed table if it exists."""
    ex = opened.exercise
    number = header.get("table")
    if header.get("exercise") != ex.id:
        return f"it belongs to another exercise ({_show(header.get('exercise'))}), not {ex.id}", None
    scenario = header.get("scenario") if isinstance(header.get("scenario"), dict) else {}
    if scenario.get("id") != ex.scenario.id or scenario.get("hash") != ex.scenario.hash:
        return "it claims another scenario or another version of it (id or content hash differs)", None
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(ex.tables):
        return f"it claims table {_show(number)}; the exercise has tables 1-{len(ex.tables)}", None
    table = ex.tables[number - 1]
    if header.get("seed") != table.seed:
        return f"it claims seed {_show(header.get('seed'))}, but table {number}'s seed is {table.seed}", table
    if header.get("table_code") != table.code:
        return f"it claims table code {_show(header.get('table_code'))}; table {number}'s is {table.code}", table
    seats = {actor: plan.player for actor, plan in table.seats.items()}
    if header.get("seats") != seats:
        return f"it claims seats {_show(header.get('seats'))}; table {number} has {_show(seats)}", table
    seat = header.get("seat")
    if seat is not None and seat not in table.humans:
        return f"it claims the seat {_show(seat)}, which no student plays at table {number}", table
    if header.get("round_time") != ex.round_time:
        return f"it claims a time limit of {_show(header.get('round_time'))} s; the exercise has {ex.round_time}", table
    return None, table


def _chained_for(opened: OpenExercise, header: dict[str, Any], entries: list[dict[str, Any]],
                 recorded: list[str], skip: int) -> int | None:
    """The other table whose header the recorded hashes were chained from, if any (a relabelled copy)."""
    for table in opened.exercise.tables:
        if table.number == skip:
            continue
        for seat in dict.fromkeys([header.get("seat"), None, *table.humans]):
            claimed = dict(header, table=table.number, table_code=table.code, seed=table.seed, seat=seat,
                           seats={actor: plan.player for actor, plan in table.seats.items()})
            if chain.chain(claimed, entries) == recorded:
                return table.number
    return None


def verify_log(opened: OpenExercise, name: str, data: Any, secret: bytes | None) -> Check:
    """The verdict on one log, trusting nothing in it but its moves (see the module docstring)."""
    if isinstance(data, Unreadable):
        return Check(name, "unreadable", data.reason)
    try:
        header, entries = _structure(data)
    except _Unreadable as exc:
        return Check(name, "unreadable", str(exc))
    game = opened.game
    hashes = chain.chain(header, entries)
    actual_head = hashes[-1] if hashes else chain.genesis(header)
    given = {str(k): v for k, v in data.get("students", {}).items()}
    order = [a.id for a in opened.scenario.actors]  # the scenario's order of sides, for reading
    students = dict(sorted(given.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0])))
    actual_seal = chain.seal(actual_head, students)
    number = header.get("table")
    mine = header.get("exercise") == opened.exercise.id and isinstance(number, int) and not isinstance(number, bool)
    check = Check(name, "genuine", "", seat=header.get("seat") if isinstance(header.get("seat"), str) else None,
                  claimed=number if mine else None, students=students, genesis=chain.genesis(header),
                  seal=actual_seal)
    if "signature" in data:
        if secret is None:
            check.verdict, check.reason = "unverified", (
                f"it is signed, but {opened.secret_path} is missing, so the signature cannot be checked (run this "
                "where the instructor folder is)")
            return check
        signed = actual_seal if "seal" in data else actual_head  # logs written before names were sealed
        if not chain.signature_ok(secret, signed, data["signature"]):
            check.verdict, check.reason = "forged", (
                "its signature does not match its content: it was not written by the hosted game, or was changed "
                "after it was signed")
            return check
    elif any(entry["move"].get("kind") == "event" for entry in entries):
        check.verdict, check.reason = "forged", (
            "it holds news broadcast by the instructor, which only the signed log of a hosted (live) game can hold")
        return check
    claim, claimed = _claim_problem(opened, header)
    check.table = claimed.number if claimed else None
    _attempt(check, header)
    state, problem, bad = (None, "no table to replay it on", 0)
    if claim is None and claimed is not None:
        state, problem, bad = _replays_as(game, claimed, entries, data["outcome"])
    if claim is not None or problem is not None:
        for other in opened.exercise.tables:
            if claimed is not None and other.number == claimed.number:
                continue
            if _replays_as(game, other, entries, data["outcome"])[1] is None:
                if claimed is None:  # no such table (or exercise): the claim is what is wrong
                    assert claim is not None
                    check.verdict, check.reason = "claims", f"{claim} (its moves are table {other.number}'s game)"
                    return check
                check.verdict, check.table = "copy", other.number
                check.reason = (f"a copy of table {other.number}'s game: its moves only replay under table "
                                f"{other.number}'s seed and seats")
                return check
    if claim is not None:
        check.verdict, check.reason = "claims", claim
        return check
    assert claimed is not None
    recorded = [e["hash"] for e in entries]
    if entries and hashes[0] != recorded[0]:
        origin = _chained_for(opened, header, entries, recorded, skip=claimed.number)
        if origin is not None:
            check.verdict, check.table = "copy", origin
            check.reason = (f"a copy of table {origin}'s game: its hash chain was written at table {origin}, "
                            f"and its header was changed to table {claimed.number}")
            return check
    order = chain.reordering(header, entries) if hashes != recorded and len(entries) <= MAX_REORDER else None
    if order is not None:
        first = next(i for i, j in enumerate(order) if i != j)
        check.verdict = "edited"
        check.reason = (f"the moves were reordered: {_entry_label(game, entries[first], first + 1)} "
                        f"was written as entry {order.index(first) + 1}")
        return check
    broken = next((i for i, (e, h) in enumerate(zip(entries, hashes, strict=True)) if e["hash"] != h), None)
    if problem is not None and bad is not None and (broken is None or bad <= broken):
        check.verdict = "edited"
        if bad < len(entries):
            check.reason = f"{_entry_label(game, entries[bad], bad + 1)}: {problem}"
        else:
            check.reason = problem
        return check
    if broken is not None:
        check.verdict = "edited"
        check.reason = (f"{_entry_label(game, entries[broken], broken + 1)} was changed after it was "
                        "written (its hash does not follow from the entries before it)")
        return check
    if data["head"] != actual_head:
        check.verdict, check.reason = "edited", "the chain head does not match the entries (entries added or removed)"
        return check
    if "seal" in data and data["seal"] != actual_seal:
        check.verdict = "edited"
        check.reason = "the students' names were changed after the game was sealed (the seal does not match them)"
        return check
    assert state is not None
    check.state = state
    check.outcome = outcome_summary(state)
    check.moves_key = chain.canonical([{k: v for k, v in e["move"].items() if k != "reason"} for e in entries])
    check.human_packages = len({
        chain.canonical(e["move"].get("package")) for e in entries
        if e["move"].get("kind") == "propose" and state.seats[e["move"]["actor"]].human
    })
    check.reason = f"table {claimed.number} ({claimed.players_text()}), {result_words(check.outcome)}"
    if students:
        check.reason += f" · {check.names_text()}"
    return check


def result_words(summary: dict[str, Any]) -> str:
    """How a game ended, in words; a deal that failed ratification is said to have."""
    status, rounds = summary["status"], summary["rounds"]
    failed = summary.get("failed_ratifications") or 0
    if status == "deal":
        return f"deal in round {rounds}" + (f", ratified after {failed} failed ratification(s)" if failed else "")
    if status == "walked":
        return f"no deal: {summary['walked_by']} walked away in round {rounds}" + (
            ", after a deal failed ratification" if failed else "")
    if status == "failed":
        return f"no deal: the deal failed ratification in round {rounds}"
    if failed:
        return f"no deal: a deal failed ratification, then the deadline passed (round {rounds})"
    return f"no deal by the deadline (round {rounds})"

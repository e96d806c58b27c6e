"""The live store's PostgreSQL layout: SQLite's tables (:mod:`.schema`) in PostgreSQL's dialect.

The same columns, the same ``UNIQUE (table_no, seq)``, the same version in ``meta``; the
append-only rule is one trigger function refusing UPDATE, DELETE and TRUNCATE on moves and
sittings (a trigger rather than revoked privileges, so it holds for the database's owner
too, who is usually the account Parley connects as). A second trigger function tells
listeners (``LISTEN parley_live``) what a transaction changed: the table number, for its
moves or its clock, or nothing, for the class switches (pause, end). PostgreSQL sends them
when the transaction commits (none for a rolled-back one) and folds identical ones, so a
student's screen reads only after a real change at its own table or of the whole class.

Creating the layout, or bringing it up to date, runs under a transaction-scoped advisory
lock: a whole class opening a fresh database at once creates it exactly once.
"""

from __future__ import annotations

CHANNEL = "parley_live"
#: pg_advisory_xact_lock key of schema work ("parley" in ASCII, as a number).
SCHEMA_LOCK = 0x7061726C6579

_APPEND_ONLY = "parley_append_only"
_NOTIFY = "parley_notify"

PG_SCHEMA: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS moves (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        table_no INTEGER NOT NULL CHECK (table_no >= 1),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        seat TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        move TEXT NOT NULL,
        state TEXT NOT NULL,
        prev TEXT NOT NULL,
        hash TEXT NOT NULL,
        at DOUBLE PRECISION NOT NULL,
        UNIQUE (table_no, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS tables (
        table_no INTEGER PRIMARY KEY,
        opened_at DOUBLE PRECISION,
        turn_started DOUBLE PRECISION
    )""",
    """CREATE TABLE IF NOT EXISTS control (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        paused_at DOUBLE PRECISION,
        ended_at DOUBLE PRECISION
    )""",
    "INSERT INTO control (id) VALUES (1) ON CONFLICT DO NOTHING",
    """CREATE TABLE IF NOT EXISTS sittings (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        table_no INTEGER NOT NULL CHECK (table_no >= 1),
        actor TEXT NOT NULL,
        student TEXT,
        at DOUBLE PRECISION NOT NULL
    )""",
    f"""CREATE OR REPLACE FUNCTION {_APPEND_ONLY}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% are append-only', TG_TABLE_NAME; END $$""",
    f"""CREATE OR REPLACE FUNCTION {_NOTIFY}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'control' THEN PERFORM pg_notify('{CHANNEL}', '');
            ELSE PERFORM pg_notify('{CHANNEL}', NEW.table_no::text); END IF;
            RETURN NULL;
        END $$""",
    *(statement for name in ("moves", "sittings") for statement in (
        f"DROP TRIGGER IF EXISTS {name}_append_only ON {name}",
        f"CREATE TRIGGER {name}_append_only BEFORE UPDATE OR DELETE ON {name} FOR EACH ROW "
        f"EXECUTE FUNCTION {_APPEND_ONLY}()",
        f"DROP TRIGGER IF EXISTS {name}_no_truncate ON {name}",
        f"CREATE TRIGGER {name}_no_truncate BEFORE TRUNCATE ON {name} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {_APPEND_ONLY}()",
    )),
    *(statement for name, events in (("moves", "INSERT"), ("tables", "INSERT OR UPDATE"), ("control", "UPDATE"))
      for statement in (
        f"DROP TRIGGER IF EXISTS {name}_notify ON {name}",
        f"CREATE TRIGGER {name}_notify AFTER {events} ON {name} FOR EACH ROW EXECUTE FUNCTION {_NOTIFY}()",
    )),
)

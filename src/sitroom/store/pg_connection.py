"""A psycopg 3 connection that accepts the SQL the rest of sitroom writes for SQLite.

The library writes portable SQL with ``?`` placeholders (upserts with ``ON CONFLICT``, ``LIKE``
filters, ``json_extract``/``json_each`` over record columns). This wrapper translates the few
things that differ, so queries and the stories layer run unchanged on PostgreSQL:

* ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``), outside string literals;
* ``LIKE`` becomes ``ILIKE``: SQLite's LIKE ignores ASCII case, PostgreSQL's does not;
* ``INSERT OR REPLACE`` / ``INSERT OR IGNORE`` become ``ON CONFLICT`` clauses on the table's
  primary key, read once from the catalog;
* ``INSERT INTO t VALUES (…)`` gets the table's column list, without ``rowid`` (SQLite's
  implicit insertion order, an explicit column here) and generated columns;
* ``BEGIN IMMEDIATE`` / ``BEGIN EXCLUSIVE`` become ``BEGIN``.

``json_extract``, ``json_each``, ``ifnull`` and ``group_concat`` are defined as SQL functions by
the PostgreSQL migrations, with SQLite's meaning for text holding JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.adapt import Loader

from sitroom.store.sqlite import StoreError

_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(REPLACE|IGNORE)\s+INTO\s+(\w+)", re.IGNORECASE)
_POSITIONAL = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)\s+VALUES\b", re.IGNORECASE)
_BEGIN = re.compile(r"^\s*BEGIN\s+(IMMEDIATE|EXCLUSIVE|DEFERRED)\b", re.IGNORECASE)


class Row(tuple):
    """A result row readable by position and by column name, like ``sqlite3.Row``."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """Column names, in order (so ``dict(row)`` works)."""
        return list(self._index)


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    names = [column.name for column in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}
    return lambda values: Row(values, index)


class _NumericLoader(Loader):
    """NUMERIC (what SUM and AVG return) as int or float, as SQLite gives them, never Decimal."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        return float(text) if any(c in text for c in ".eE") or text == "NaN" else int(text)


@lru_cache(maxsize=512)
def translate(sql: str, with_params: bool = True) -> str:
    """SQLite-flavoured SQL → PostgreSQL SQL (placeholders, LIKE); see the module docstring."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        char = sql[i]
        if char in "'\"":
            end = i + 1
            while end < n:
                if sql[end] == char:
                    if end + 1 < n and sql[end + 1] == char:  # doubled quote inside a literal
                        end += 2
                        continue
                    break
                end += 1
            literal = sql[i : end + 1]
            out.append(literal.replace("%", "%%") if with_params else literal)
            i = end + 1
        elif char == "?" and with_params:
            out.append("%s")
            i += 1
        elif char == "%" and with_params:
            out.append("%%")
            i += 1
        elif char.isalpha() or char == "_":
            word = _WORD.match(sql, i)
            assert word is not None
            token = word.group(0)
            out.append("ILIKE" if token.upper() == "LIKE" else token)
            i = word.end()
        else:
            out.append(char)
            i += 1
    return _BEGIN.sub("BEGIN", "".join(out))


class PgConnection:
    """The connection object a `PostgresStore` exposes as ``store.db``.

    Outside ``with connection:`` every statement commits on its own (autocommit); inside it,
    statements share one transaction, and nested blocks become savepoints.
    """

    def __init__(self, conn: psycopg.Connection[Any], where: str) -> None:
        self.raw = conn
        self.where = where
        self._transactions: list[psycopg.Transaction] = []
        self._conflicts: dict[tuple[str, str], str] = {}
        self._order: dict[str, list[str]] = {}
        conn.adapters.register_loader("numeric", _NumericLoader)

    # -- statements ---------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        """Run one statement with ``?`` placeholders; return its cursor."""
        query = self._prepare(sql, bool(params))
        cursor = self.raw.cursor(row_factory=_row_factory)
        with self._errors():
            cursor.execute(query, tuple(params) if params else None)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        """Run one statement for each row of parameters (nothing when there are none)."""
        rows = [tuple(r) for r in rows]
        cursor = self.raw.cursor(row_factory=_row_factory)
        if rows:
            with self._errors():
                cursor.executemany(self._prepare(sql, True), rows)
        return cursor

    def commit(self) -> None:
        """Statements outside a `with` block are already committed; kept for DB-API callers."""
        if not self._transactions:
            self.raw.commit()

    def rollback(self) -> None:
        """Nothing to undo outside a `with` block (autocommit); kept for DB-API callers."""
        if not self._transactions:
            self.raw.rollback()

    def close(self) -> None:
        """Close the connection to the server."""
        self.raw.close()

    # -- transactions -------------------------------------------------------------------------

    def __enter__(self) -> PgConnection:
        transaction = self.raw.transaction()
        with self._errors():
            transaction.__enter__()
        self._transactions.append(transaction)
        return self

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> bool:
        transaction = self._transactions.pop()
        if self.raw.broken:
            # The server is gone: nothing of this transaction was committed.
            if value is None or not isinstance(value, StoreError):
                raise self._lost(value)
            return False
        with self._errors():
            transaction.__exit__(kind, value, traceback)
        return False

    @property
    def in_transaction(self) -> bool:
        """Whether a `with` block is open."""
        return bool(self._transactions)

    # -- translation --------------------------------------------------------------------------

    def _prepare(self, sql: str, with_params: bool) -> str:
        query = translate(sql, with_params)
        match = _INSERT_OR.match(query)
        if match:
            verb, table = match.group(1).upper(), match.group(2)
            query = _INSERT_OR.sub(f"INSERT INTO {table}", query, count=1)
            query = query.rstrip().rstrip(";") + " " + self._conflict(table, verb)
        positional = _POSITIONAL.match(query)
        if positional:
            table = positional.group(1)
            names = ", ".join(f'"{c}"' for c in self._insertable(table))
            query = _POSITIONAL.sub(f"INSERT INTO {table} ({names}) VALUES", query, count=1)
        return query

    def _insertable(self, table: str) -> list[str]:
        """Columns in table order, as SQLite numbers them for a VALUES list."""
        order = self._order.get(table)
        if order is None:
            order = self._order[table] = [c for c in self._all_columns(table) if c != "rowid"]
        return order

    def _conflict(self, table: str, verb: str) -> str:
        """The ON CONFLICT clause that gives `INSERT OR <verb>` its SQLite meaning."""
        key = (table, verb)
        if key not in self._conflicts:
            primary, others = self._columns(table)
            if verb == "IGNORE" or not others:
                clause = "ON CONFLICT DO NOTHING"
            else:
                sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in others)
                keys = ", ".join(f'"{c}"' for c in primary)
                clause = f"ON CONFLICT ({keys}) DO UPDATE SET {sets}"
            self._conflicts[key] = clause
        return self._conflicts[key]

    def _all_columns(self, table: str) -> list[str]:
        return [name for name, _ in self._catalog(table)]

    def _columns(self, table: str) -> tuple[list[str], list[str]]:
        """A table's primary-key columns and its other columns, from the catalog."""
        rows = self._catalog(table)
        primary = [name for name, is_key in rows if is_key]
        if not primary:
            raise StoreError(f"table {table} has no primary key: INSERT OR REPLACE needs one")
        return primary, [name for name, is_key in rows if not is_key]

    def _catalog(self, table: str) -> list[tuple[str, bool]]:
        """(column, is in the primary key) in table order, generated columns left out."""
        cursor = self.raw.execute(
            "SELECT a.attname, COALESCE(a.attnum = ANY(i.indkey), false)"
            " FROM pg_attribute a"
            " LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary"
            " WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped"
            " AND a.attgenerated = '' ORDER BY a.attnum",
            (table,),
        )
        return [(name, bool(is_key)) for name, is_key in cursor.fetchall()]

    # -- errors -------------------------------------------------------------------------------

    def _errors(self) -> _ErrorGuard:
        return _ErrorGuard(self)

    def _lost(self, err: BaseException | None) -> StoreError:
        reason = f" ({_one_line(err)})" if err is not None else ""
        return StoreError(
            f"lost the connection to {self.where}{reason}; the batch being written was rolled"
            " back, documents committed before it are kept"
        )


class _ErrorGuard:
    """Turns a dropped server connection into one StoreError line (the transaction is gone)."""

    def __init__(self, conn: PgConnection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, psycopg.OperationalError) and self.conn.raw.broken:
            raise self.conn._lost(value) from value
        return False


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__

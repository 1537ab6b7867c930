# SPDX-License-Identifier: MIT
"""The database a test server writes to, on either backend.

Under tests/pg/cluster.sh (FBT_BACKEND=pg) each server gets a fresh
database on the throwaway cluster; else a SQLite file in its directory.
Tests read it back with rows(), their SQL's parameters written "?".
"""

import glob
import os

_made = 0


def fresh(directory):
    """The FORMBUILDER_DB of a new server whose files are in @p directory."""
    if os.environ.get("FBT_BACKEND") != "pg":
        return os.path.join(directory, "fb.db")
    global _made
    import psycopg2   # Debian's python3-psycopg2
    _made += 1
    name = f"delivery_{os.getpid()}_{_made}"
    con = psycopg2.connect(os.environ["FBT_PG_URL"])
    con.autocommit = True   # CREATE DATABASE runs outside a transaction
    try:
        with con.cursor() as cur:
            cur.execute(f"CREATE DATABASE {name}")
    finally:
        con.close()
    return os.environ["FBT_PG_URL"].rsplit("/", 1)[0] + "/" + name


def is_pg(db):
    return db.startswith("postgresql:")


def rows(db, sql, *params):
    """The rows of @p sql in the database @p db."""
    if is_pg(db):
        import psycopg2
        con = psycopg2.connect(db)
        try:
            with con.cursor() as cur:
                cur.execute(sql.replace("?", "%s"), params)
                return [tuple(r) for r in cur.fetchall()]
        finally:
            con.close()
    import sqlite3
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def everything(db):
    """All @p db holds, to look for what must not be there: the SQLite
    file with its journal, or every row of every table as JSON."""
    if not is_pg(db):
        data = b""
        for name in glob.glob(db + "*"):
            with open(name, "rb") as f:
                data += f.read()
        return data
    tables = rows(db, "SELECT table_name FROM information_schema.tables"
                      " WHERE table_schema = 'public'")
    return b"".join(
        row[0].encode() for (table,) in tables
        for row in rows(db, f'SELECT row_to_json(t)::text FROM "{table}" t'))

/* SPDX-License-Identifier: MIT */
/*
 * Ceiling: durable SQLite inserts of 1 KB rows with the store's settings
 * (WAL, synchronous=FULL), one row per transaction and 64 per
 * transaction, each for SECONDS. Prints "ROWS_PER_TX rows/s" lines. Run by
 * bench/run.py:
 *   ceiling-sqlite FILE SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "ceiling-sqlite: %s: %s\n", sql, msg);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Inserts rows in transactions of @p per_tx for @p seconds.
 * @returns rows per second, or -1 on an error. */
static double
run(sqlite3 *db, sqlite3_stmt *ins, int per_tx, double seconds)
{
    static char row[1024];
    memset(row, 'x', sizeof row);
    long rows = 0;
    double start = now(), end = start + seconds;
    while (now() < end) {
        if (exec(db, "BEGIN") != 0)
            return -1;
        for (int i = 0; i < per_tx; i++) {
            sqlite3_bind_blob(ins, 1, row, sizeof row, SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE)
                return -1;
            sqlite3_reset(ins);
        }
        if (exec(db, "COMMIT") != 0)
            return -1;
        rows += per_tx;
    }
    return (double)rows / (now() - start);
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: ceiling-sqlite FILE SECONDS\n");
        return 2;
    }
    double seconds = atof(argv[2]);
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK
        || exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "CREATE TABLE IF NOT EXISTS r (id INTEGER PRIMARY KEY,"
                    " body BLOB NOT NULL)") != 0
        || sqlite3_prepare_v2(db, "INSERT INTO r (body) VALUES (?1)", -1,
                              &ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "ceiling-sqlite: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    static const int sizes[] = { 1, 64 };
    for (size_t i = 0; i < 2; i++) {
        double r = run(db, ins, sizes[i], seconds);
        if (r < 0) {
            fprintf(stderr, "ceiling-sqlite: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        printf("%d %.0f\n", sizes[i], r);
    }
    sqlite3_finalize(ins);
    sqlite3_close(db);
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Fresh databases on the test cluster; see pgtest.h.
 */
#include "pgtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

bool
fbt_pg_wanted(void)
{
    const char *b = getenv("FBT_BACKEND");
    return b && strcmp(b, "pg") == 0;
}

/* A database per call: named by process and count, so tests running at
 * once on one cluster never share one. */
void
fbt_pg_fresh_db(char *out, size_t cap)
{
    static unsigned count;
    const char *url = getenv("FBT_PG_URL");
    if (!url) {
        fprintf(stderr, "pgtest: FBT_PG_URL is not set; run the test "
                "through tests/pg/cluster.sh run\n");
        abort();
    }
    char name[64];
    snprintf(name, sizeof name, "fbt_%ld_%u", (long)getpid(), ++count);
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    if (fbt_pg_query(url, sql, NULL) < 0) {
        fprintf(stderr, "pgtest: cannot create database %s\n", name);
        abort();
    }
    /* The cluster's URL ends in its database's name: replace it. */
    const char *slash = strrchr(url, '/');
    int n = snprintf(out, cap, "%.*s/%s", (int)(slash - url), url, name);
    if (n < 0 || (size_t)n >= cap)
        abort();
}

long long
fbt_pg_query(const char *url, const char *sql, const char *arg)
{
    PGconn *c = PQconnectdb(url);
    long long v = -1;
    if (PQstatus(c) == CONNECTION_OK) {
        const char *params[1] = { arg };
        PGresult *r = PQexecParams(c, sql, arg ? 1 : 0, NULL, params, NULL,
                                   NULL, 0);
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COMMAND_OK)
            v = 0;
        else if (st == PGRES_TUPLES_OK)
            v = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)
                    ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : -1;
        else
            fprintf(stderr, "pgtest: %s: %s", sql, PQresultErrorMessage(r));
        PQclear(r);
    } else {
        fprintf(stderr, "pgtest: %s", PQerrorMessage(c));
    }
    PQfinish(c);
    return v;
}

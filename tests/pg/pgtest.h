/* SPDX-License-Identifier: MIT */
/*
 * Test helpers for the PostgreSQL backend: which backend a test run uses
 * (FBT_BACKEND=pg, set by tests/pg/cluster.sh run) and fresh databases on
 * that run's throwaway cluster (FBT_PG_URL).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* @returns whether this run is against PostgreSQL (FBT_BACKEND=pg). */
bool
fbt_pg_wanted(void);

/**
 * Creates a new, empty database on the cluster at FBT_PG_URL and writes
 * its URL into @p out. Aborts the test with a message on failure.
 */
void
fbt_pg_fresh_db(char *out, size_t cap);

/**
 * Runs @p sql (with @p arg as $1 when not NULL) on the database at
 * @p url. @returns the first column of the first row as a number (0 for
 * a statement returning no rows at all), or -1 on error or for an empty
 * result or NULL.
 */
long long
fbt_pg_query(const char *url, const char *sql, const char *arg);

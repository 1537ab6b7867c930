/* SPDX-License-Identifier: MIT */
/*
 * Backend selection: the only place that maps a database target to the
 * ops table serving it.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>

/* Picks the backend serving target, or NULL with err. See store.h. */
const struct fb_store_ops *
fb_store_backend(const char *target, char *err, size_t errlen)
{
    if (!target || !*target) {
        snprintf(err, errlen, "no database configured");
        return NULL;
    }
    if (strncmp(target, "postgresql://", 13) == 0
        || strncmp(target, "postgres://", 11) == 0) {
        snprintf(err, errlen, "%s: the PostgreSQL backend is not built in "
                 "this version; use a SQLite file path", target);
        return NULL;
    }
    return &fb_store_sqlite_ops;
}

/* Checks target with the backend fb_store_backend() picks. See store.h. */
int
fb_store_check(const char *target, bool full, fb_store_problem_fn fn,
               void *cls, char *err, size_t errlen)
{
    const struct fb_store_ops *ops = fb_store_backend(target, err, errlen);
    if (!ops)
        return FB_STORE_ERROR;
    return ops->check(target, full, fn, cls, err, errlen);
}

/* Opens target with the backend fb_store_backend() picks. See store.h. */
struct fb_store *
fb_store_open(const char *target, char *err, size_t errlen)
{
    const struct fb_store_ops *ops = fb_store_backend(target, err, errlen);
    if (!ops)
        return NULL;
    struct fb_store *s = NULL;
    if (ops->open(target, &s, err, errlen) != FB_STORE_OK)
        return NULL;
    return s;
}

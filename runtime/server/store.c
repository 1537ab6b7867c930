/* SPDX-License-Identifier: MIT */
/*
 * Backend selection: the only place that maps a database target to the
 * ops table serving it.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>

/* Whether target names a database server rather than a file. See
 * store.h. */
bool
fb_store_is_url(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0
           || strncmp(target, "postgres://", 11) == 0;
}

/* Picks the backend serving target, or NULL with err. See store.h. */
const struct fb_store_ops *
fb_store_backend(const char *target, char *err, size_t errlen)
{
    if (!target || !*target) {
        snprintf(err, errlen, "no database configured");
        return NULL;
    }
    if (fb_store_is_url(target))
        return &fb_store_pg_ops;
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

/* Draws references until one is unique. See store.h. */
int
fb_submission_insert(struct fb_store *s, struct fb_submission *sub)
{
    sub->existed = false;
    /* A reference collides about once in 2^40 submissions per prefix;
     * drawing again a few times makes failure practically impossible. */
    for (int attempt = 0; attempt < 8; attempt++) {
        if (fb_reference_new(sub->reference_prefix, sub->reference,
                             sizeof sub->reference) != 0)
            return FB_STORE_ERROR;
        int rc = s->ops->submission_add(s, sub);
        if (rc != FB_STORE_REFUSED)
            return rc;
    }
    return FB_STORE_ERROR;
}

/* SPDX-License-Identifier: MIT */
/*
 * Retention purge. The cut-off is computed in UTC as ISO 8601 text, which
 * the store compares with submitted_at (same format, so text order is time
 * order).
 */
#include "purge.h"

#include "clock.h"
#include "erase.h"
#include "log.h"

/* The maintenance lock purging holds (fb_store_ops.try_lock). */
#define PURGE_LOCK "formbuilder purge"

/* Rows per purge transaction: short enough that submissions being
 * written beside it never wait long. */
#define PURGE_BATCH 1000

/* Deletes @p form's submissions sent before @p before (and what is
 * stored under them), a batch per transaction, adding the count to *n. */
static int
purge_form(struct fb_store *store, const char *form, const char *before,
           size_t *n)
{
    const struct fb_store_ops *ops = store->ops;
    for (;;) {
        size_t batch = 0;
        /* A batch's submissions go with everything under their
         * references, or none of it does. */
        if (ops->begin(store) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (ops->purge_batch(store, form, before, PURGE_BATCH, &batch,
                             fb_erase_outside, NULL) != FB_STORE_OK
            || ops->commit(store) != FB_STORE_OK) {
            ops->rollback(store);
            return FB_STORE_ERROR;
        }
        *n += batch;
        if (batch < PURGE_BATCH)
            return FB_STORE_OK;
    }
}

/* Purges submissions of every form in forms that has a retention period, as
 * of now (Unix seconds). See purge.h. */
int
fb_purge_submissions(struct fb_store *store,
                     const struct fb_form_desc *const *forms, size_t n_forms,
                     long long now, size_t *out_deleted)
{
    *out_deleted = 0;
    /* Several instances sharing a database: one purges, the others
     * leave it to that one this round. */
    int lock = store->ops->try_lock(store, PURGE_LOCK);
    if (lock == FB_STORE_REFUSED)
        return 0;
    if (lock != FB_STORE_OK) {
        fb_log(FB_LOG_ERROR, "purge: cannot take its lock: %s",
               store->ops->errmsg(store));
        return -1;
    }
    for (size_t i = 0; i < n_forms; i++) {
        const struct fb_form_desc *f = forms[i];
        if (f->retention_days <= 0)
            continue;
        char before[FB_CLOCK_ISO_SIZE];
        fb_clock_iso(now - (long long)f->retention_days * 86400, before);
        size_t n = 0;
        if (purge_form(store, f->slug, before, &n) != FB_STORE_OK) {
            fb_log(FB_LOG_ERROR, "purge of %s failed: %s", f->slug,
                   store->ops->errmsg(store));
            store->ops->unlock(store, PURGE_LOCK);
            return -1;
        }
        if (n > 0)
            fb_log(FB_LOG_INFO, "purged %zu submissions of %s sent before %s",
                   n, f->slug, before);
        *out_deleted += n;
    }
    store->ops->unlock(store, PURGE_LOCK);
    return 0;
}

/* Deletes sessions not saved for idle seconds as of now. See purge.h. */
int
fb_purge_sessions(struct fb_store *store, long long now, unsigned idle,
                  size_t *out_deleted)
{
    if (store->ops->session_expire(store, now - (long long)idle, out_deleted)
        != FB_STORE_OK) {
        fb_log(FB_LOG_ERROR, "session expiry failed: %s",
               store->ops->errmsg(store));
        return -1;
    }
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Retention purge. The cut-off is computed in UTC as ISO 8601 text, which
 * the store compares with submitted_at (same format, so text order is time
 * order).
 */
#include "purge.h"

#include "clock.h"
#include "log.h"

/* Purges submissions of every form in forms that has a retention period, as
 * of now (Unix seconds). See purge.h. */
int
fb_purge_submissions(struct fb_store *store,
                     const struct fb_form_desc *const *forms, size_t n_forms,
                     long long now, size_t *out_deleted)
{
    *out_deleted = 0;
    for (size_t i = 0; i < n_forms; i++) {
        const struct fb_form_desc *f = forms[i];
        if (f->retention_days <= 0)
            continue;
        char before[FB_CLOCK_ISO_SIZE];
        fb_clock_iso(now - (long long)f->retention_days * 86400, before);
        size_t n = 0;
        if (store->ops->purge_older_than(store, f->slug, before, &n)
            != FB_STORE_OK) {
            fb_log(FB_LOG_ERROR, "purge of %s failed: %s", f->slug,
                   store->ops->errmsg(store));
            return -1;
        }
        if (n > 0)
            fb_log(FB_LOG_INFO, "purged %zu submissions of %s sent before %s",
                   n, f->slug, before);
        *out_deleted += n;
    }
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

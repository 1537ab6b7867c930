/* SPDX-License-Identifier: MIT */
/*
 * Assisted digital links opened, in PostgreSQL (store.h,
 * assist_link_use). ON CONFLICT DO NOTHING makes two instances opening
 * the same link at once agree: one inserts, the other changes no row.
 */
#include "store.h"
#include "store_pg_priv.h"

int
fb_pg_assist_link_use(struct fb_store *s, const char *id, const char *form,
                      const char *channel, const char *at)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, id);
    fb_pg_text(&p, form);
    fb_pg_text(&p, channel);
    fb_pg_text(&p, at);
    size_t n = 0;
    int rc = fb_pg_exec_count(s, PG_ASSIST_LINK_USE, &p, &n);
    if (rc != FB_STORE_OK)
        return rc;
    return n == 1 ? FB_STORE_OK : FB_STORE_REFUSED;
}

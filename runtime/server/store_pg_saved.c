/* SPDX-License-Identifier: MIT */
/*
 * Saved journeys in PostgreSQL (table saved_journeys, store_schema.h);
 * the statements' text is in store_pg_sql.c. The token hash is read back
 * as hex (encode()), so no bytea escaping is parsed here.
 */
#include "store_pg_priv.h"
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/text.h"

/* Decodes @p hex (2 * FB_SAVED_HASH_LEN digits) into @p out. */
static bool
unhex(const char *hex, unsigned char out[FB_SAVED_HASH_LEN])
{
    if (!hex || strlen(hex) != (size_t)2 * FB_SAVED_HASH_LEN)
        return false;
    for (size_t i = 0; i < FB_SAVED_HASH_LEN; i++) {
        int hi = fb_hex_value(hex[2 * i]), lo = fb_hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi * 16 + lo);
    }
    return true;
}

/* Reads the saved journey @p r holds (columns of PG_SAVED_GET), the
 * record into *out_data when asked and not used. */
static int
one_saved(PGresult *r, struct fb_saved *out, char **out_data)
{
    if (out_data)
        *out_data = NULL;
    if (!r)
        return FB_STORE_ERROR;
    int rc = PQntuples(r) == 1 ? FB_STORE_OK : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_OK) {
        memset(out, 0, sizeof *out);
        fb_pg_copy(out->id, sizeof out->id, r, 0, 0);
        fb_pg_copy(out->form, sizeof out->form, r, 0, 1);
        fb_pg_copy(out->form_version, sizeof out->form_version, r, 0, 2);
        fb_pg_copy(out->email, sizeof out->email, r, 0, 3);
        fb_pg_copy(out->language, sizeof out->language, r, 0, 4);
        const char *state = fb_pg_str(r, 0, 5);
        out->used = state && strcmp(state, "used") == 0;
        out->has_token = unhex(fb_pg_str(r, 0, 6), out->token_hash);
        out->created_at = fb_pg_ll(r, 0, 7);
        out->expires_at = fb_pg_ll(r, 0, 8);
        out->used_at = fb_pg_ll(r, 0, 9);
        const char *data = fb_pg_str(r, 0, 10);
        if (out_data && !out->used && data && !(*out_data = strdup(data)))
            rc = FB_STORE_ERROR;
    }
    PQclear(r);
    return rc;
}

int
fb_pg_saved_add(struct fb_store *s, const struct fb_saved *sv,
                const char *data)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, sv->id);
    fb_pg_text(&p, sv->form);
    fb_pg_text(&p, sv->form_version);
    fb_pg_text(&p, sv->email);
    fb_pg_text(&p, sv->language);
    fb_pg_text(&p, data);
    fb_pg_int(&p, sv->created_at);
    fb_pg_int(&p, sv->expires_at);
    return fb_pg_exec(s, PG_SAVED_ADD, &p);
}

int
fb_pg_saved_get(struct fb_store *s, const char *id, struct fb_saved *out)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, id);
    return one_saved(fb_pg_run(s, PG_SAVED_GET, &p), out, NULL);
}

/* Runs @p stmt on @p p: FB_STORE_NOT_FOUND when it changed no row. */
static int
change_one(struct fb_store *s, enum fb_pg_stmt stmt,
           const struct fb_pg_params *p)
{
    size_t n = 0;
    int rc = fb_pg_exec_count(s, stmt, p, &n);
    return rc != FB_STORE_OK ? rc : n ? FB_STORE_OK : FB_STORE_NOT_FOUND;
}

int
fb_pg_saved_token(struct fb_store *s, const char *id,
                  const unsigned char hash[FB_SAVED_HASH_LEN])
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, id);
    fb_pg_bytes(&p, hash, FB_SAVED_HASH_LEN);
    return change_one(s, PG_SAVED_TOKEN, &p);
}

int
fb_pg_saved_find(struct fb_store *s,
                 const unsigned char hash[FB_SAVED_HASH_LEN],
                 struct fb_saved *out, char **out_data)
{
    struct fb_pg_params p = {0};
    fb_pg_bytes(&p, hash, FB_SAVED_HASH_LEN);
    return one_saved(fb_pg_run(s, PG_SAVED_FIND, &p), out, out_data);
}

int
fb_pg_saved_use(struct fb_store *s, const char *id, long long now)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, id);
    fb_pg_int(&p, now);
    return change_one(s, PG_SAVED_USE, &p);
}

int
fb_pg_saved_expire(struct fb_store *s, long long before, long long forget,
                   size_t *out_n)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, forget);
    size_t gone = 0;
    /* Their link's deliveries go with them: nothing is left to send. */
    if (fb_pg_exec_count(s, PG_SAVED_FORGET_DELIVERIES, &p, &gone)
            != FB_STORE_OK
        || fb_pg_exec_count(s, PG_SAVED_FORGET, &p, &gone) != FB_STORE_OK)
        return FB_STORE_ERROR;
    struct fb_pg_params q = {0};
    fb_pg_int(&q, before);
    return fb_pg_exec_count(s, PG_SAVED_EXPIRE, &q, out_n);
}

int
fb_pg_version_pinned(struct fb_store *s, const char *form,
                     const char *version, long long sessions_after,
                     long long now, bool *out_pinned)
{
    char needle[FB_PLACE_NAME_MAX + 96];
    *out_pinned = true;    /* on any failure: keep it loaded */
    if (!fb_session_version_needle(needle, sizeof needle, form, version))
        return FB_STORE_ERROR;
    struct fb_pg_params p = {0};
    fb_pg_text(&p, form);
    fb_pg_text(&p, version);
    fb_pg_text(&p, needle);
    fb_pg_int(&p, sessions_after);
    fb_pg_int(&p, now);
    PGresult *r = fb_pg_run(s, PG_VERSION_PINNED, &p);
    if (!r)
        return FB_STORE_ERROR;
    int rc = FB_STORE_ERROR;
    if (PQntuples(r) == 1) {
        const char *v = fb_pg_str(r, 0, 0);
        *out_pinned = !v || strcmp(v, "f") != 0;
        rc = FB_STORE_OK;
    }
    PQclear(r);
    return rc;
}

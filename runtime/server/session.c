/* SPDX-License-Identifier: MIT */
/*
 * Session records: "csrf=T&lang=cy&form=SLUG&ver=V&pos=P&tok=T&done=T&
 * a.NAME=VALUE..." read in order, so each form's fields follow its "form"
 * entry.
 */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "formbuilder/messages.h"
#include "formdata.h"
#include "buf.h"

/* Caps how much a damaged or hostile record can make us allocate. */
#define MAX_RECORD_FIELDS 100000

/* Draws a new random key. See session.h. */
int
fb_session_key_new(struct fb_session_key *out)
{
    if (fb_token_new(out->hex) != 0
        || fb_token_new(out->hex + FB_TOKEN_HEX_LEN) != 0)
        return -1;
    return 0;
}

/* Takes the key every instance sharing a database is given. See
 * session.h. */
int
fb_session_key_from(struct fb_session_key *out, const char *secret)
{
    size_t n = strlen(secret);
    if (n < FB_SESSION_KEY_MIN || n >= sizeof out->hex)
        return -1;
    memcpy(out->hex, secret, n + 1);
    return 0;
}

/* HMAC-SHA-256(key, "csrf:" id), its first 128 bits as lower-case hex. */
static int
derive_csrf(const struct fb_session_key *key, const char *id, char *out)
{
    char msg[8 + FB_TOKEN_HEX_LEN];
    int n = snprintf(msg, sizeof msg, "csrf:%s", id);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (n < 0 || (size_t)n >= sizeof msg
        || !HMAC(EVP_sha256(), key->hex, (int)strlen(key->hex),
                 (const unsigned char *)msg, (size_t)n, mac, &mac_len)
        || mac_len < FB_TOKEN_HEX_LEN / 2)
        return -1;
    fb_hex_lower(mac, FB_TOKEN_HEX_LEN / 2, out);
    return 0;
}

/* Creates a session that is not stored yet, its CSRF token derived from
 * its id. See session.h. */
struct fb_session *
fb_session_new(const struct fb_session_key *key, const char *id)
{
    if (id && !fb_token_valid(id))
        return NULL;
    struct fb_session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (id)
        memcpy(s->id, id, FB_TOKEN_HEX_LEN + 1);
    if ((!id && fb_token_new(s->id) != 0)
        || derive_csrf(key, s->id, s->csrf) != 0) {
        free(s);
        return NULL;
    }
    s->is_new = true;
    s->lang = -1;
    return s;
}

static void
progress_free(struct fb_progress *p)
{
    if (!p)
        return;
    free(p->slug);
    free(p->position);
    free(p->assist_staff);
    fb_answers_free(p->raw);
    fb_answers_free(p->seen);
    free(p);
}

/* Frees s; NULL is a no-op. See session.h. */
void
fb_session_free(struct fb_session *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_forms; i++)
        progress_free(s->forms[i]);
    free(s->forms);
    free(s);
}

static struct fb_progress *
add_progress(struct fb_session *s, const char *slug)
{
    struct fb_progress **f =
        realloc(s->forms, (s->n_forms + 1) * sizeof *s->forms);
    if (!f)
        return NULL;
    s->forms = f;
    struct fb_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->slug = strdup(slug);
    p->raw = fb_answers_new();
    p->seen = fb_answers_new();
    if (!p->slug || !p->raw || !p->seen) {
        progress_free(p);
        return NULL;
    }
    s->forms[s->n_forms++] = p;
    return p;
}

/* returns the progress of form slug, or NULL when there is none and create
 * is false (or memory runs out). See session.h. */
struct fb_progress *
fb_session_progress(struct fb_session *s, const char *slug, bool create)
{
    for (size_t i = 0; i < s->n_forms; i++)
        if (strcmp(s->forms[i]->slug, slug) == 0)
            return s->forms[i];
    if (!create)
        return NULL;
    struct fb_progress *p = add_progress(s, slug);
    if (p && fb_token_new(p->submit_token) != 0) {
        progress_free(p);
        s->forms[--s->n_forms] = NULL;
        return NULL;
    }
    return p;
}

/* Clears the answers and position of p and draws a new submit token. See
 * session.h. */
int
fb_progress_reset(struct fb_progress *p)
{
    fb_answers_clear(p->raw);
    fb_answers_clear(p->seen);
    free(p->position);
    p->position = NULL;
    p->version[0] = '\0';
    return fb_token_new(p->submit_token);
}

static bool
version_valid(const char *v)
{
    size_t n = strspn(v, "0123456789abcdef");
    return n > 0 && n <= FB_FORM_VERSION_MAX && v[n] == '\0';
}

/* Pins the journey to a form version. See session.h. */
void
fb_progress_pin(struct fb_progress *p, const char *version)
{
    if (version && version_valid(version))
        memcpy(p->version, version, strlen(version) + 1);
    else
        p->version[0] = '\0';
}

/* Records a page as sent. See session.h. */
int
fb_progress_mark_seen(struct fb_progress *p, const char *page_id)
{
    if (fb_answers_get(p->seen, page_id))
        return 0;
    return fb_answers_set(p->seen, page_id, "1");
}

/* Sets the page last shown (copied). See session.h. */
int
fb_progress_set_position(struct fb_progress *p, const char *page_id)
{
    char *c = strdup(page_id);
    if (!c)
        return -1;
    free(p->position);
    p->position = c;
    return 0;
}

static bool
copy_token(char *dst, const char *value, bool allow_empty)
{
    if (allow_empty && !*value) {
        dst[0] = '\0';
        return true;
    }
    if (!fb_token_valid(value))
        return false;
    memcpy(dst, value, FB_TOKEN_HEX_LEN + 1);
    return true;
}

/* Reads field @p name of form progress @p cur's record. @returns false
 * for a field progress has not, or a bad value. */
static bool
read_progress_field(struct fb_progress *cur, const char *name,
                    const char *value)
{
    if (strcmp(name, "pos") == 0)
        return fb_progress_set_position(cur, value) == 0;
    if (strcmp(name, "tok") == 0)
        return copy_token(cur->submit_token, value, false);
    if (strcmp(name, "done") == 0)
        return copy_token(cur->submitted_token, value, true);
    if (strcmp(name, "booking") == 0) {
        if (!fb_manage_token_valid(value))
            return false;
        memcpy(cur->booking_token, value, FB_MANAGE_TOKEN_LEN + 1);
        return true;
    }
    if (strcmp(name, "ver") == 0) {
        if (!version_valid(value))
            return false;
        fb_progress_pin(cur, value);
        return true;
    }
    if (strcmp(name, "assist") == 0) {
        size_t n = strlen(value);
        if (!n || n >= sizeof cur->assist_channel)
            return false;
        memcpy(cur->assist_channel, value, n + 1);
        return true;
    }
    if (strcmp(name, "staff") == 0) {
        free(cur->assist_staff);
        return (cur->assist_staff = strdup(value)) != NULL;
    }
    if (strcmp(name, "seen") == 0)
        return *value && fb_progress_mark_seen(cur, value) == 0;
    if (strncmp(name, "a.", 2) == 0 && name[2])
        return fb_answers_add(cur->raw, name + 2, value) == 0;
    return false;
}

/* Rebuilds session id from its stored record. See session.h. */
struct fb_session *
fb_session_decode(const char *id, const char *record)
{
    if (!fb_token_valid(id))
        return NULL;
    struct fb_answers *pairs = fb_answers_new();
    struct fb_session *s = calloc(1, sizeof *s);
    bool ok = pairs && s
              && fb_formdata_parse(record, strlen(record), MAX_RECORD_FIELDS,
                                   pairs) == FB_FORMDATA_OK;
    if (ok) {
        memcpy(s->id, id, FB_TOKEN_HEX_LEN + 1);
        s->lang = -1;
    }
    struct fb_progress *cur = NULL;
    bool have_csrf = false;
    for (size_t i = 0; ok && i < fb_answers_size(pairs); i++) {
        const char *name, *value;
        fb_answers_at(pairs, i, &name, &value);
        if (strcmp(name, "csrf") == 0) {
            ok = copy_token(s->csrf, value, false);
            have_csrf = ok;
        } else if (strcmp(name, "lang") == 0 && !cur) {
            s->lang = fb_lang_lookup(value);
            ok = s->lang >= 0;
        } else if (strcmp(name, "form") == 0) {
            ok = *value && !fb_session_progress(s, value, false)
                 && (cur = add_progress(s, value)) != NULL;
        } else {
            /* Every other field belongs to the form named before it. */
            ok = cur && read_progress_field(cur, name, value);
        }
    }
    for (size_t i = 0; ok && i < s->n_forms; i++)
        ok = fb_token_valid(s->forms[i]->submit_token);
    fb_answers_free(pairs);
    if (!ok || !have_csrf) {
        fb_session_free(s);
        return NULL;
    }
    return s;
}

/* The text records on a version hold. See session.h. */
bool
fb_session_version_needle(char *out, size_t cap, const char *form,
                          const char *version)
{
    /* fb_session_encode(): "csrf" always comes first, then "form", its
     * "ver" and always a "tok"; slugs and versions need no escaping. */
    int n = snprintf(out, cap, "&form=%s&ver=%s&", form, version);
    return n > 0 && (size_t)n < cap;
}

/* returns the record to store for s (caller frees), or NULL when out of
 * memory. See session.h. */
char *
fb_session_encode(const struct fb_session *s)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_formdata_append(&b, "csrf", s->csrf);
    if (s->lang >= 0)
        fb_formdata_append(&b, "lang", fb_lang_code((enum fb_lang)s->lang));
    for (size_t i = 0; i < s->n_forms; i++) {
        const struct fb_progress *p = s->forms[i];
        fb_formdata_append(&b, "form", p->slug);
        if (p->version[0])
            fb_formdata_append(&b, "ver", p->version);
        if (p->position)
            fb_formdata_append(&b, "pos", p->position);
        fb_formdata_append(&b, "tok", p->submit_token);
        fb_formdata_append(&b, "done", p->submitted_token);
        if (p->booking_token[0])
            fb_formdata_append(&b, "booking", p->booking_token);
        if (p->assist_channel[0])
            fb_formdata_append(&b, "assist", p->assist_channel);
        if (p->assist_staff)
            fb_formdata_append(&b, "staff", p->assist_staff);
        const char *page;
        for (size_t j = 0; fb_answers_at(p->seen, j, &page, NULL); j++)
            fb_formdata_append(&b, "seen", page);
        for (size_t j = 0; j < fb_answers_size(p->raw); j++) {
            const char *name, *value;
            fb_answers_at(p->raw, j, &name, &value);
            struct fb_buf key;
            fb_buf_init(&key);
            fb_buf_puts(&key, "a.");
            fb_buf_puts(&key, name);
            if (key.failed)
                b.failed = true;
            else
                fb_formdata_append(&b, key.data, value);
            fb_buf_free(&key);
        }
    }
    return fb_buf_take(&b, NULL);
}

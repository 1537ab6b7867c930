/* SPDX-License-Identifier: MIT */
/*
 * Answers checked against a council's endpoint: configuration, the call,
 * the reply and the cache (lookup.h). The cache holds what an endpoint
 * said of an answer (found or not, and the fields it fills) for a few
 * minutes, per process; it is personal data, kept only in memory and only
 * that long.
 */
#include "lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "log.h"
#include "provider_cache.h"
#include "provider_get.h"
#include "registry.h"

/* A reply bigger than this is not one answer's. */
#define MAX_REPLY (64u << 10)

static struct {
    struct fb_lookup_config cfg;
    struct fb_provider_limit calls;
    struct fb_provider_cache cache; /* "PROVIDER\nVALUE" -> answer */
} lk = {.cfg = {3000, 4, 300, 1024}, .calls = {.max = 4}};

void
fb_lookup_config_defaults(struct fb_lookup_config *c)
{
    *c = (struct fb_lookup_config){.timeout_ms = 3000, .concurrent = 4,
                                   .cache_seconds = 300,
                                   .cache_entries = 1024};
}

int
fb_lookup_config_set(struct fb_lookup_config *c, const char *key,
                     const char *value)
{
    if (strcmp(key, "lookup_timeout_ms") == 0)
        return fb_provider_setting(value, 100, 30000, &c->timeout_ms);
    if (strcmp(key, "lookup_concurrent") == 0)
        return fb_provider_setting(value, 1, 256, &c->concurrent);
    if (strcmp(key, "lookup_cache_seconds") == 0)
        return fb_provider_setting(value, 0, 86400, &c->cache_seconds);
    if (strcmp(key, "lookup_cache_entries") == 0)
        return fb_provider_setting(value, 1, 100000, &c->cache_entries);
    return -1;
}

/* The value of FORMBUILDER_LOOKUP_<NAME>_<what> for endpoint @p provider,
 * or NULL when unset or empty. */
static const char *
endpoint_env(const char *provider, const char *what)
{
    char name[128];
    size_t n = (size_t)snprintf(name, sizeof name, "FORMBUILDER_LOOKUP_");
    for (const char *p = provider; *p && n + 1 < sizeof name; p++) {
        char c = *p;
        if (c == '-')
            c = '_';
        else if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        name[n++] = c;
    }
    snprintf(name + n, sizeof name - n, "_%s", what);
    const char *v = getenv(name);
    return v && v[0] ? v : NULL;
}

/* Endpoint @p provider's URL when it is configured as http(s), else NULL
 * (a typo should not become a file:// read). */
static const char *
endpoint_url(const char *provider)
{
    const char *url = endpoint_env(provider, "URL");
    return url && (strncmp(url, "https://", 8) == 0
                   || strncmp(url, "http://", 7) == 0)
               ? url : NULL;
}

void
fb_lookup_start(const struct fb_lookup_config *c, const struct fb_forms *set)
{
    fb_lookup_stop();
    lk.cfg = *c;
    lk.calls.max = c->concurrent;
    atomic_store(&lk.calls.in_flight, 0);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fb_provider_cache_init(&lk.cache, c->cache_entries, c->cache_seconds,
                           sizeof(struct fb_lookup_answer));
    for (size_t i = 0; set && i < set->n_forms; i++) {
        const struct fb_form_desc *f = set->forms[i];
        for (size_t q = 0; q < f->n_questions; q++) {
            const struct fb_lookup_desc *l = f->questions[q]->lookup;
            if (l && !endpoint_url(l->provider))
                fb_log(FB_LOG_WARN, "%s: question %s is checked against "
                       "the lookup endpoint '%s', which is not configured "
                       "(an http(s) URL in FORMBUILDER_LOOKUP_..._URL): its "
                       "answers are taken unverified", f->slug,
                       f->questions[q]->id, l->provider);
        }
    }
}

void
fb_lookup_stop(void)
{
    fb_provider_cache_free(&lk.cache);
}

/* The cache's key of @p value at @p provider, or false when too long to
 * be kept. */
static bool
cache_key(const char *provider, const char *value,
          char key[FB_PROVIDER_KEY_MAX])
{
    int n = snprintf(key, FB_PROVIDER_KEY_MAX, "%s\n%s", provider, value);
    return n > 0 && n < FB_PROVIDER_KEY_MAX;
}

enum fb_lookup_status
fb_lookup_cached(const char *provider, const char *value,
                 struct fb_lookup_answer *out)
{
    memset(out, 0, sizeof *out);
    out->status = FB_LOOKUP_UNAVAILABLE;
    if (!endpoint_url(provider))
        return FB_LOOKUP_UNAVAILABLE;
    char key[FB_PROVIDER_KEY_MAX];
    if (cache_key(provider, value, key)
        && fb_provider_cache_get(&lk.cache, key, time(NULL), out))
        return out->status;
    return FB_LOOKUP_MISS;
}

bool
fb_lookup_reserve(void)
{
    if (fb_provider_reserve(&lk.calls))
        return true;
    fb_log(FB_LOG_WARN, "lookup: %u calls already in flight; the answer is "
           "taken unverified", lk.calls.max);
    return false;
}

void
fb_lookup_release(void)
{
    fb_provider_release(&lk.calls);
}

/* Copies the reply's "fill" strings into @p out. @returns false when
 * "fill" is there and is not an object of short strings. */
static bool
read_fill(json_t *fill, struct fb_lookup_answer *out)
{
    if (!fill)
        return true;
    if (!json_is_object(fill))
        return false;
    const char *field;
    json_t *v;
    json_object_foreach(fill, field, v) {
        if (!json_is_string(v) || strlen(field) >= sizeof out->fill[0].field
            || json_string_length(v) >= FB_LOOKUP_FILL_MAX
            || strlen(json_string_value(v)) != json_string_length(v))
            return false;
        if (out->n_fill == FB_LOOKUP_MAX_FILL)
            continue;   /* more than a form can use */
        snprintf(out->fill[out->n_fill].field,
                 sizeof out->fill[out->n_fill].field, "%s", field);
        snprintf(out->fill[out->n_fill].value,
                 sizeof out->fill[out->n_fill].value, "%s",
                 json_string_value(v));
        out->n_fill++;
    }
    return true;
}

enum fb_lookup_status
fb_lookup_parse(long status, const char *body, size_t len,
                struct fb_lookup_answer *out)
{
    memset(out, 0, sizeof *out);
    out->status = FB_LOOKUP_UNAVAILABLE;
    if (status == 404)
        return out->status = FB_LOOKUP_NOT_FOUND;
    if (status != 200)
        return out->status;
    json_error_t err;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
    json_t *found = json_object_get(root, "found");
    if (json_is_boolean(found)
        && read_fill(json_object_get(root, "fill"), out))
        out->status = json_is_true(found) ? FB_LOOKUP_FOUND
                                          : FB_LOOKUP_NOT_FOUND;
    if (out->status != FB_LOOKUP_FOUND)
        out->n_fill = 0;
    json_decref(root);
    return out->status;
}

enum fb_lookup_status
fb_lookup_call(const char *provider, const char *value,
               struct fb_lookup_answer *out)
{
    memset(out, 0, sizeof *out);
    out->status = FB_LOOKUP_UNAVAILABLE;
    const char *base = endpoint_url(provider);
    CURL *c = base ? curl_easy_init() : NULL;
    char *v = c ? curl_easy_escape(c, value, 0) : NULL;
    char url[2048];
    int n = v ? snprintf(url, sizeof url, "%s%cvalue=%s", base,
                         strchr(base, '?') ? '&' : '?', v)
              : -1;
    curl_free(v);
    curl_easy_cleanup(c);
    if (n < 0 || (size_t)n >= sizeof url)
        return out->status;
    time_t now = time(NULL);
    struct fb_provider_reply r;
    /* The answer is personal data: logs name the endpoint, never it. */
    if (!fb_provider_get(url, endpoint_env(provider, "KEY"),
                         lk.cfg.timeout_ms, MAX_REPLY, &r))
        fb_log(FB_LOG_WARN, "lookup %s: %s", provider, r.error);
    else if (fb_lookup_parse(r.status, r.body ? r.body : "", r.len, out)
             == FB_LOOKUP_UNAVAILABLE)
        fb_log(FB_LOG_WARN, "lookup %s: HTTP %ld%s", provider, r.status,
               r.status == 200 ? ", a reply not in the documented shape"
                               : "");
    free(r.body);
    char key[FB_PROVIDER_KEY_MAX];
    if (out->status != FB_LOOKUP_UNAVAILABLE
        && cache_key(provider, value, key))
        fb_provider_cache_put(&lk.cache, key, now, out);
    return out->status;
}

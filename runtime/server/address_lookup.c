/* SPDX-License-Identifier: MIT */
/*
 * Address lookup by postcode against the OS Places API's postcode search
 * (GET /search/places/v1/postcode?postcode=...&key=..., its DPA results),
 * bounded in time and in calls at once, with an in-memory cache: see
 * address_lookup.h. The cache is per process (each instance of a shared
 * deployment keeps its own); it holds addresses, which are public data,
 * never a resident's answers.
 */
#include "address_lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "log.h"
#include "provider_cache.h"
#include "provider_get.h"

/* A reply bigger than this is not a postcode's addresses. */
#define MAX_REPLY (2u << 20)

static struct {
    struct fb_address_config cfg;
    struct fb_provider_limit calls;
    struct fb_provider_cache cache; /* postcode -> fb_address_list */
} lk;

void
fb_address_config_defaults(struct fb_address_config *c)
{
    memset(c, 0, sizeof *c);
    c->timeout_ms = 3000;
    c->concurrent = 4;
    c->cache_seconds = 3600;
    c->cache_entries = 256;
}

static bool
copy(char *dst, size_t cap, const char *v)
{
    size_t n = strlen(v);
    if (n >= cap)
        return false;
    memcpy(dst, v, n + 1);
    return true;
}

int
fb_address_config_set(struct fb_address_config *c, const char *key,
                      const char *value)
{
    if (strcmp(key, "address_lookup_url") == 0) {
        /* Only http(s): the URL is the server's, but a typo should not
         * become a file:// read. */
        if (value[0] && strncmp(value, "https://", 8) != 0
            && strncmp(value, "http://", 7) != 0)
            return 0;
        return copy(c->url, sizeof c->url, value);
    }
    if (strcmp(key, "address_lookup_key") == 0)
        return copy(c->key, sizeof c->key, value);
    if (strcmp(key, "address_lookup_timeout_ms") == 0)
        return fb_provider_setting(value, 100, 30000, &c->timeout_ms);
    if (strcmp(key, "address_lookup_concurrent") == 0)
        return fb_provider_setting(value, 1, 256, &c->concurrent);
    if (strcmp(key, "address_lookup_cache_seconds") == 0)
        return fb_provider_setting(value, 0, 30ul * 86400, &c->cache_seconds);
    if (strcmp(key, "address_lookup_cache_entries") == 0)
        return fb_provider_setting(value, 1, 100000, &c->cache_entries);
    return -1;
}

void
fb_address_lookup_start(const struct fb_address_config *c, bool forms_ask)
{
    fb_address_lookup_stop();
    lk.cfg = *c;
    lk.calls.max = c->concurrent;
    atomic_store(&lk.calls.in_flight, 0);
    if (c->url[0]) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        fb_provider_cache_init(&lk.cache, c->cache_entries, c->cache_seconds,
                               sizeof(struct fb_address_list));
    } else if (forms_ask) {
        fb_log(FB_LOG_WARN, "a form finds addresses by postcode (lookup: "
               "os-places) but address_lookup_url is not set: residents "
               "type their address in");
    }
}

void
fb_address_lookup_stop(void)
{
    fb_provider_cache_free(&lk.cache);
}

bool
fb_address_lookup_configured(void)
{
    return lk.cfg.url[0] != '\0';
}

/* ---- the reply -------------------------------------------------------- */

static const char *
str_of(json_t *dpa, const char *key)
{
    json_t *v = json_object_get(dpa, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

/* Appends @p part to @p buf (", " between parts), cut to fit. */
static void
join(char *buf, size_t cap, const char *part, const char *sep)
{
    if (!part[0])
        return;
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s", n ? sep : "", part);
}

/* Fills @p a from one DPA record. @returns false when it lacks the UPRN
 * or postcode every record has. */
static bool
from_dpa(json_t *dpa, struct fb_found_address *a)
{
    const char *uprn = str_of(dpa, "UPRN");
    size_t un = strlen(uprn);
    if (un == 0 || un >= sizeof a->uprn || strspn(uprn, "0123456789") != un)
        return false;
    const char *postcode = str_of(dpa, "POSTCODE");
    if (!postcode[0] || strlen(postcode) >= sizeof a->postcode)
        return false;
    memset(a, 0, sizeof *a);
    memcpy(a->uprn, uprn, un + 1);
    memcpy(a->postcode, postcode, strlen(postcode) + 1);
    snprintf(a->label, sizeof a->label, "%s", str_of(dpa, "ADDRESS"));
    /* The premises (organisation, flat, building name), then the street
     * with its number: line 1 is the first of them, line 2 the other,
     * else the locality. */
    char premises[sizeof a->line1] = "", street[sizeof a->line1] = "";
    join(premises, sizeof premises, str_of(dpa, "ORGANISATION_NAME"), ", ");
    join(premises, sizeof premises, str_of(dpa, "SUB_BUILDING_NAME"), ", ");
    join(premises, sizeof premises, str_of(dpa, "BUILDING_NAME"), ", ");
    join(street, sizeof street, str_of(dpa, "BUILDING_NUMBER"), " ");
    join(street, sizeof street,
         str_of(dpa, "DEPENDENT_THOROUGHFARE_NAME"), " ");
    join(street, sizeof street, str_of(dpa, "THOROUGHFARE_NAME"),
         str_of(dpa, "DEPENDENT_THOROUGHFARE_NAME")[0] ? ", " : " ");
    const char *locality = str_of(dpa, "DEPENDENT_LOCALITY");
    if (premises[0]) {
        snprintf(a->line1, sizeof a->line1, "%s", premises);
        snprintf(a->line2, sizeof a->line2, "%s",
                 street[0] ? street : locality);
    } else {
        snprintf(a->line1, sizeof a->line1, "%s", street);
        snprintf(a->line2, sizeof a->line2, "%s", locality);
    }
    if (!a->line1[0])
        snprintf(a->line1, sizeof a->line1, "%s", str_of(dpa, "ADDRESS"));
    snprintf(a->town, sizeof a->town, "%s", str_of(dpa, "POST_TOWN"));
    json_t *lc = json_object_get(dpa, "LOCAL_CUSTODIAN_CODE");
    if (json_is_integer(lc))
        snprintf(a->custodian, sizeof a->custodian, "%lld",
                 (long long)json_integer_value(lc));
    else if (json_is_string(lc))
        snprintf(a->custodian, sizeof a->custodian, "%s",
                 json_string_value(lc));
    if (!a->label[0] || !a->town[0])
        return false;
    return true;
}

int
fb_address_parse_os_places(const char *body, size_t len,
                           struct fb_address_list *out)
{
    json_error_t err;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
    int rc = -1;
    out->n = 0;
    json_t *header = root ? json_object_get(root, "header") : NULL;
    json_t *total = header ? json_object_get(header, "totalresults") : NULL;
    json_t *results = root ? json_object_get(root, "results") : NULL;
    if (!json_is_object(root) || !json_is_integer(total)
        || (results && !json_is_array(results))
        || (json_integer_value(total) > 0 && !results))
        goto out;
    size_t i;
    json_t *r;
    json_array_foreach(results, i, r) {
        json_t *dpa = json_object_get(r, "DPA");
        if (!json_is_object(dpa))
            goto out;
        if (out->n == FB_ADDRESS_MAX_FOUND)
            break;
        if (!from_dpa(dpa, &out->items[out->n]))
            goto out;
        out->n++;
    }
    rc = 0;
out:
    json_decref(root);
    if (rc != 0)
        out->n = 0;
    return rc;
}

/* ---- the call --------------------------------------------------------- */

static enum fb_address_status
call_provider(const char *postcode, struct fb_address_list *out)
{
    CURL *c = curl_easy_init();
    char *pc = c ? curl_easy_escape(c, postcode, 0) : NULL;
    char *key = c ? curl_easy_escape(c, lk.cfg.key, 0) : NULL;
    size_t base = strlen(lk.cfg.url);
    while (base > 0 && lk.cfg.url[base - 1] == '/')
        base--;
    char url[1400];
    int un = pc && key ? snprintf(url, sizeof url, "%.*s/search/places/v1/"
                                  "postcode?postcode=%s&key=%s",
                                  (int)base, lk.cfg.url, pc, key)
                       : -1;
    curl_free(pc);
    curl_free(key);
    curl_easy_cleanup(c);
    if (un < 0 || (size_t)un >= sizeof url)
        return FB_ADDRESS_FAILED;
    struct fb_provider_reply r;
    enum fb_address_status st = FB_ADDRESS_FAILED;
    if (!fb_provider_get(url, NULL, lk.cfg.timeout_ms, MAX_REPLY, &r))
        /* The key is in the URL: log the postcode, never the URL. */
        fb_log(FB_LOG_WARN, "address lookup for %s: %s", postcode, r.error);
    else if (r.status == 400)
        /* OS Places refuses a postcode it cannot read: none found. */
        st = FB_ADDRESS_OK, out->n = 0;
    else if (r.status != 200)
        fb_log(FB_LOG_WARN, "address lookup for %s: HTTP %ld", postcode,
               r.status);
    else if (fb_address_parse_os_places(r.body ? r.body : "", r.len, out)
             != 0)
        fb_log(FB_LOG_WARN, "address lookup for %s: a reply not in the OS "
               "Places shape", postcode);
    else
        st = FB_ADDRESS_OK;
    free(r.body);
    return st;
}

enum fb_address_status
fb_address_lookup_cached(const char *postcode, struct fb_address_list *out)
{
    if (!lk.cfg.url[0])
        return FB_ADDRESS_NOT_CONFIGURED;
    return fb_provider_cache_get(&lk.cache, postcode, time(NULL), out)
               ? FB_ADDRESS_OK : FB_ADDRESS_MISS;
}

bool
fb_address_lookup_reserve(void)
{
    if (fb_provider_reserve(&lk.calls))
        return true;
    fb_log(FB_LOG_WARN, "address lookup: %u lookups already in flight; "
           "the resident types the address", lk.calls.max);
    return false;
}

void
fb_address_lookup_release(void)
{
    fb_provider_release(&lk.calls);
}

enum fb_address_status
fb_address_lookup_call(const char *postcode, struct fb_address_list *out)
{
    time_t now = time(NULL);
    enum fb_address_status st = call_provider(postcode, out);
    fb_address_lookup_release();
    if (st == FB_ADDRESS_OK)
        fb_provider_cache_put(&lk.cache, postcode, now, out);
    return st;
}

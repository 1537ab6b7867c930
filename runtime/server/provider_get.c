/* SPDX-License-Identifier: MIT */
/* A bounded GET to an outside provider: see provider_get.h. */
#include "provider_get.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

struct sink {
    struct fb_provider_reply *r;
    size_t max;
};

static size_t
on_data(char *p, size_t size, size_t n, void *cls)
{
    struct sink *s = cls;
    size_t add = size * n;
    if (s->r->len + add > s->max)
        return 0;   /* aborts the transfer */
    char *grown = realloc(s->r->body, s->r->len + add + 1);
    if (!grown)
        return 0;
    memcpy(grown + s->r->len, p, add);
    s->r->body = grown;
    s->r->len += add;
    s->r->body[s->r->len] = '\0';
    return add;
}

bool
fb_provider_get(const char *url, const char *bearer, unsigned timeout_ms,
                size_t max_reply, struct fb_provider_reply *out)
{
    memset(out, 0, sizeof *out);
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(out->error, sizeof out->error, "libcurl: out of memory");
        return false;
    }
    struct curl_slist *headers =
        curl_slist_append(NULL, "Accept: application/json");
    char auth[600];
    if (bearer && bearer[0]
        && snprintf(auth, sizeof auth, "Authorization: Bearer %s", bearer)
               < (int)sizeof auth) {
        struct curl_slist *more = curl_slist_append(headers, auth);
        headers = more ? more : headers;
    }
    struct sink s = {out, max_reply};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)timeout_ms);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "formbuilder");
    CURLcode cc = curl_easy_perform(c);
    if (cc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    else
        snprintf(out->error, sizeof out->error, "%s",
                 curl_easy_strerror(cc));
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return cc == CURLE_OK;
}

bool
fb_provider_setting(const char *v, unsigned long lo, unsigned long hi,
                    unsigned *out)
{
    char *end;
    if (!isdigit((unsigned char)v[0]))
        return false;
    unsigned long n = strtoul(v, &end, 10);
    if (*end || n < lo || n > hi)
        return false;
    *out = (unsigned)n;
    return true;
}

bool
fb_provider_reserve(struct fb_provider_limit *l)
{
    unsigned was = atomic_fetch_add(&l->in_flight, 1);
    if (was < l->max)
        return true;
    atomic_fetch_sub(&l->in_flight, 1);
    return false;
}

void
fb_provider_release(struct fb_provider_limit *l)
{
    atomic_fetch_sub(&l->in_flight, 1);
}

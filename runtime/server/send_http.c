/* SPDX-License-Identifier: MIT */
/*
 * HTTP deliveries with libcurl: TLS verified (with the configured CA
 * file), connect and whole-attempt timeouts, one easy handle reused so
 * its connections stay open, and a verdict per response: 2xx delivered,
 * 429 and 5xx (and no response at all) tried again, other 4xx refused
 * with the first 1 KB of the body kept for staff.
 */
#include "send.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "send_priv.h"
#include "sign.h"

struct fb_sender *
fb_sender_new(const struct fb_outbox_config *cfg, const atomic_bool *cancel)
{
    struct fb_sender *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = cfg;
    s->cancel = cancel;
    s->curl = curl_easy_init();
    if (cfg->connect_to[0]) {
        /* "HOST:PORT:ADDR:PORT,...": one entry each, so a receiver is
         * reached at another address with its own name kept for TLS. */
        char list[sizeof cfg->connect_to];
        snprintf(list, sizeof list, "%s", cfg->connect_to);
        for (char *save = NULL, *e = strtok_r(list, ",", &save); e;
             e = strtok_r(NULL, ",", &save)) {
            struct curl_slist *n = curl_slist_append(s->connect_to, e);
            if (!n)
                break;
            s->connect_to = n;
        }
    }
    if (!s->curl) {
        fb_sender_free(s);
        return NULL;
    }
    return s;
}

void
fb_sender_free(struct fb_sender *s)
{
    if (!s)
        return;
    curl_easy_cleanup(s->curl);
    curl_slist_free_all(s->connect_to);
    free(s);
}

/* Keeps the first FB_DELIVERY_ERROR_MAX bytes of the response body. */
static size_t
keep_body(char *data, size_t size, size_t n, void *cls)
{
    struct fb_send_result *r = cls;
    size_t have = strlen(r->error), len = size * n;
    if (have < FB_DELIVERY_ERROR_MAX) {
        size_t take = len < FB_DELIVERY_ERROR_MAX - have
                          ? len : FB_DELIVERY_ERROR_MAX - have;
        memcpy(r->error + have, data, take);
        r->error[have + take] = '\0';
    }
    return len;
}

/* Reads Retry-After given in seconds (a date is read as absent). */
static size_t
read_header(char *data, size_t size, size_t n, void *cls)
{
    struct fb_send_result *r = cls;
    size_t len = size * n;
    static const char name[] = "retry-after:";
    if (len > sizeof name && strncasecmp(data, name, sizeof name - 1) == 0) {
        const char *v = data + sizeof name - 1;
        while (*v == ' ')
            v++;
        if (isdigit((unsigned char)*v))
            r->retry_after = strtol(v, NULL, 10);
    }
    return len;
}

/* Abandons the transfer once the worker is told to stop, so shutdown
 * never waits for a hanging receiver. */
static int
check_cancel(void *cls, curl_off_t dltotal, curl_off_t dlnow,
             curl_off_t ultotal, curl_off_t ulnow)
{
    const struct fb_sender *s = cls;
    return s->cancel && atomic_load(s->cancel) ? 1 : 0;
}

/* Sets the options every request of @p s shares. */
void
fb_sender_reset(struct fb_sender *s, struct fb_send_result *r)
{
    CURL *c = s->curl;
    const struct fb_outbox_config *cfg = s->cfg;
    curl_easy_reset(c);
    memset(r, 0, sizeof *r);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)cfg->connect_timeout);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)cfg->timeout);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (cfg->ca_file[0])
        curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
    if (s->connect_to)
        curl_easy_setopt(c, CURLOPT_CONNECT_TO, s->connect_to);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,smtp,smtps");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "formbuilder-outbox/1");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_cancel);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
}

/* Runs the request set up on s->curl and judges its answer. */
void
fb_sender_perform(struct fb_sender *s, struct fb_send_result *r)
{
    CURLcode rc = curl_easy_perform(s->curl);
    if (rc != CURLE_OK) {
        /* No answer: the receiver is down, slow or the TLS failed; the
         * message is libcurl's, which names no secret. */
        r->outcome = FB_SEND_RETRY;
        r->status = 0;
        snprintf(r->error, sizeof r->error, "%s", curl_easy_strerror(rc));
        return;
    }
    long status = 0;
    curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
    r->status = (int)status;
    if (status >= 200 && status < 300) {
        r->outcome = FB_SEND_OK;
        r->error[0] = '\0';
    } else if (status == 429 || status >= 500 || status < 200) {
        r->outcome = FB_SEND_RETRY;
    } else {
        r->outcome = FB_SEND_REFUSED;
    }
    if (r->outcome != FB_SEND_OK && !r->error[0])
        snprintf(r->error, sizeof r->error, "HTTP %ld", status);
}

/* Appends "NAME: VALUE" to @p list. @returns false when out of memory. */
bool
fb_header_add(struct curl_slist **list, const char *name, const char *value)
{
    char line[4096];
    int n = snprintf(line, sizeof line, "%s: %s", name, value);
    if (n < 0 || (size_t)n >= sizeof line)
        return false;
    struct curl_slist *l = curl_slist_append(*list, line);
    if (!l)
        return false;
    *list = l;
    return true;
}

void
fb_send_http(struct fb_sender *s, const struct fb_http_delivery *d,
             struct fb_send_result *r)
{
    fb_sender_reset(s, r);
    const struct fb_forward_desc *t = d->target;
    struct curl_slist *h = NULL;
    bool ok = fb_header_add(&h, "Content-Type", d->content_type)
              && fb_header_add(&h, "Idempotency-Key", d->idempotency_key)
              && fb_header_add(&h, "Formbuilder-Event", d->event)
              && fb_header_add(&h, "Expect", "");
    char sig[FB_SIGNATURE_SIZE];
    if (ok && t->secret_env) {
        const char *secret = getenv(t->secret_env);
        ok = secret && *secret
             && fb_sign_body(secret, d->now, d->body, d->len, sig) == 0
             && fb_header_add(&h, "Formbuilder-Signature", sig);
    }
    for (size_t i = 0; ok && i < t->n_headers; i++) {
        const char *v = getenv(t->headers[i].env);
        ok = v && fb_header_add(&h, t->headers[i].name, v);
    }
    if (!ok) {
        /* Checked at start (fb_outbox_check_env), so the environment
         * changed under us: never send unsigned. */
        curl_slist_free_all(h);
        r->outcome = FB_SEND_RETRY;
        snprintf(r->error, sizeof r->error, "cannot sign or set headers: "
                 "an environment variable the target names is not set");
        return;
    }
    CURL *c = s->curl;
    curl_easy_setopt(c, CURLOPT_URL, t->url);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, d->body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)d->len);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    fb_sender_perform(s, r);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(h);
}

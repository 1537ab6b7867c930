/* SPDX-License-Identifier: MIT */
/*
 * The sender's multi handle and HTTP deliveries with libcurl (a body
 * with files is built by send_multipart.c): TLS
 * verified (with the configured CA file), connect and whole-attempt
 * timeouts, transfers side by side on one multi handle whose connection
 * pool keeps connections to each receiver open, and a verdict per
 * response: 2xx delivered, 429 and 5xx (and no response at all) tried
 * again, other 4xx refused with the first 1 KB of the body kept for
 * staff.
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
    s->multi = curl_multi_init();
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
    if (!s->multi) {
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
    while (s->flying) {
        struct fb_transfer *t = s->flying;
        s->flying = t->next;
        curl_multi_remove_handle(s->multi, t->curl);
        fb_transfer_free(t);
    }
    curl_multi_cleanup(s->multi);
    curl_slist_free_all(s->connect_to);
    free(s);
}

size_t
fb_sender_in_flight(const struct fb_sender *s)
{
    return s->n_flying;
}

void
fb_sender_wakeup(struct fb_sender *s)
{
    curl_multi_wakeup(s->multi);
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

struct fb_transfer *
fb_transfer_new(struct fb_sender *s, enum fb_transfer_kind kind, void *tag)
{
    struct fb_transfer *t = calloc(1, sizeof *t);
    CURL *c = t ? curl_easy_init() : NULL;
    if (!c) {
        free(t);
        return NULL;
    }
    const struct fb_outbox_config *cfg = s->cfg;
    t->s = s;
    t->curl = c;
    t->kind = kind;
    t->tag = tag;
    fb_buf_init(&t->data);
    curl_easy_setopt(c, CURLOPT_PRIVATE, t);
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
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t->r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t->r);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_cancel);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
    return t;
}

void
fb_transfer_free(struct fb_transfer *t)
{
    if (!t)
        return;
    curl_easy_cleanup(t->curl);
    curl_mime_free(t->mime);   /* after the handle that used it */
    curl_slist_free_all(t->headers);
    curl_slist_free_all(t->rcpt);
    fb_buf_free(&t->data);
    free(t);
}

bool
fb_transfer_start(struct fb_transfer *t, struct fb_send_result *r)
{
    struct fb_sender *s = t->s;
    if (curl_multi_add_handle(s->multi, t->curl) != CURLM_OK) {
        fb_transfer_free(t);
        memset(r, 0, sizeof *r);
        r->outcome = FB_SEND_RETRY;
        snprintf(r->error, sizeof r->error, "cannot start the transfer");
        return false;
    }
    t->next = s->flying;
    s->flying = t;
    s->n_flying++;
    return true;
}

/* Judges an HTTP answer: @p rc is libcurl's result of the transfer. */
static void
judge_http(struct fb_transfer *t, CURLcode rc)
{
    struct fb_send_result *r = &t->r;
    if (rc != CURLE_OK) {
        /* No answer: the receiver is down, slow or the TLS failed; the
         * message is libcurl's, which names no secret. */
        r->outcome = FB_SEND_RETRY;
        r->status = 0;
        snprintf(r->error, sizeof r->error, "%s", curl_easy_strerror(rc));
        return;
    }
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
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

/* Judges an SMTP answer: done, or its last reply code. */
static void
judge_smtp(struct fb_transfer *t, CURLcode rc)
{
    struct fb_send_result *r = &t->r;
    long code = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
    r->status = (int)code;
    if (rc == CURLE_OK) {
        r->outcome = FB_SEND_OK;
        r->error[0] = '\0';
        return;
    }
    /* SMTP's 5xx are permanent (no such mailbox), its 4xx and no answer
     * at all are worth another try. */
    r->outcome = code >= 500 && code < 600 ? FB_SEND_REFUSED
                                           : FB_SEND_RETRY;
    snprintf(r->error, sizeof r->error, "SMTP %ld: %s", code,
             curl_easy_strerror(rc));
}

/* Takes @p t off the list of transfers in flight. */
static void
unlink_transfer(struct fb_sender *s, struct fb_transfer *t)
{
    for (struct fb_transfer **p = &s->flying; *p; p = &(*p)->next)
        if (*p == t) {
            *p = t->next;
            s->n_flying--;
            return;
        }
}

void
fb_sender_run(struct fb_sender *s, int timeout_ms, fb_send_done_fn done,
              void *cls)
{
    int running = 0;
    curl_multi_perform(s->multi, &running);
    if (!s->cancel || !atomic_load(s->cancel))
        curl_multi_poll(s->multi, NULL, 0, timeout_ms, NULL);
    curl_multi_perform(s->multi, &running);
    CURLMsg *m;
    int left = 0;
    while ((m = curl_multi_info_read(s->multi, &left))) {
        if (m->msg != CURLMSG_DONE)
            continue;
        CURLcode rc = m->data.result;
        char *priv = NULL;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
        struct fb_transfer *t = (struct fb_transfer *)(void *)priv;
        curl_multi_remove_handle(s->multi, m->easy_handle);
        unlink_transfer(s, t);
        if (t->kind == FB_TRANSFER_SMTP)
            judge_smtp(t, rc);
        else
            judge_http(t, rc);
        done(t->tag, &t->r, cls);
        fb_transfer_free(t);
    }
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

/* Fills @p r for a transfer that could not be set up. @returns false. */
static bool
not_sent(struct fb_send_result *r, const char *why)
{
    memset(r, 0, sizeof *r);
    r->outcome = FB_SEND_RETRY;
    snprintf(r->error, sizeof r->error, "%s", why);
    return false;
}

bool
fb_send_http(struct fb_sender *s, const struct fb_http_delivery *d,
             void *tag, struct fb_send_result *r)
{
    const struct fb_forward_desc *t = d->target;
    struct fb_transfer *x = fb_transfer_new(s, FB_TRANSFER_HTTP, tag);
    if (!x) {
        fb_http_files_close(d->files, d->n_files);
        return not_sent(r, "out of memory");
    }
    struct curl_slist **h = &x->headers;
    /* A multipart body's type, with its boundary, is libcurl's. */
    bool ok = (d->multipart
               || fb_header_add(h, "Content-Type", d->content_type))
              && fb_header_add(h, "Idempotency-Key", d->idempotency_key)
              && fb_header_add(h, "Formbuilder-Event", d->event)
              && fb_header_add(h, "Expect", "");
    char sig[FB_SIGNATURE_SIZE];
    if (ok && t->secret_env) {
        const char *secret = getenv(t->secret_env);
        ok = secret && *secret
             && fb_sign_body(secret, d->now, d->body, d->len, sig) == 0
             && fb_header_add(h, "Formbuilder-Signature", sig);
    }
    for (size_t i = 0; ok && i < t->n_headers; i++) {
        const char *v = getenv(t->headers[i].env);
        ok = v && fb_header_add(h, t->headers[i].name, v);
    }
    if (!ok) {
        /* Checked at start (fb_outbox_check_env), so the environment
         * changed under us: never send unsigned. */
        fb_transfer_free(x);
        fb_http_files_close(d->files, d->n_files);
        return not_sent(r, "cannot sign or set headers: an environment "
                           "variable the target names is not set");
    }
    CURL *c = x->curl;
    curl_easy_setopt(c, CURLOPT_URL, t->url);
    if (d->multipart) {
        if (!fb_multipart_body(x, d)) {
            fb_transfer_free(x);
            return not_sent(r, "out of memory");
        }
    } else {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        /* Copied (the size first, as libcurl asks), so the caller's body
         * need not outlive the call. */
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)d->len);
        if (curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, d->body)
            != CURLE_OK) {
            fb_transfer_free(x);
            return not_sent(r, "out of memory");
        }
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, x->headers);
    return fb_transfer_start(x, r);
}

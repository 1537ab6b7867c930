/* SPDX-License-Identifier: MIT */
/*
 * GOV.UK Pay's API over libcurl (pay_client.h). Replies are parsed with
 * the server's one JSON reader (json.h, flattened to dotted names); a
 * reply without the fields the contract promises counts as no answer.
 */
#include "pay_client.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "buf.h"
#include "formbuilder/answers.h"
#include "json.h"

/* A reply bigger than this is not GOV.UK Pay's. */
#define MAX_REPLY ((size_t)256 * 1024)

bool
fb_pay_configured(const struct fb_outbox_config *cfg)
{
    const char *key = getenv(FB_PAY_KEY_ENV);
    return cfg->pay_url[0] && key && *key;
}

struct body {
    struct fb_buf b;
    bool too_big;
};

static size_t
on_data(char *p, size_t size, size_t n, void *cls)
{
    struct body *body = cls;
    size_t len = size * n;
    if (body->b.len + len > MAX_REPLY) {
        body->too_big = true;
        return 0;
    }
    fb_buf_putn(&body->b, p, len);
    return body->b.failed ? 0 : len;
}

static void
copy(char *dst, size_t cap, const struct fb_answers *a, const char *name)
{
    const char *v = fb_answers_get(a, name);
    snprintf(dst, cap, "%s", v ? v : "");
}

static long long
number(const struct fb_answers *a, const char *name)
{
    const char *v = fb_answers_get(a, name);
    if (!v || !*v)
        return -1;
    char *end;
    long long n = strtoll(v, &end, 10);
    return *end ? -1 : n;
}

/* An id as the provider writes them: letters and digits, so it can go
 * into a path. */
static bool
id_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s))
            return false;
    return true;
}

static void
parse(const char *text, struct fb_pay_reply *out)
{
    struct fb_answers *a = fb_answers_new();
    if (!a || fb_json_flatten(text, a) != 0) {
        fb_answers_free(a);
        return;
    }
    copy(out->payment_id, sizeof out->payment_id, a, "payment_id");
    copy(out->status, sizeof out->status, a, "state.status");
    copy(out->code, sizeof out->code, a, "state.code");
    copy(out->next_url, sizeof out->next_url, a, "_links.next_url.href");
    out->amount = number(a, "amount");
    out->refund_available = number(a, "refund_summary.amount_available");
    copy(out->refund_summary, sizeof out->refund_summary, a,
         "refund_summary.status");
    copy(out->refund_id, sizeof out->refund_id, a, "refund_id");
    if (out->refund_id[0])   /* a refund's own status is top level */
        copy(out->status, sizeof out->status, a, "status");
    fb_answers_free(a);
}

/* Runs one call. @p body NULL: a GET. */
static enum fb_pay_verdict
call(const struct fb_outbox_config *cfg, const char *path, const char *body,
     const char *idempotency_key, struct fb_pay_reply *out)
{
    memset(out, 0, sizeof *out);
    out->amount = out->refund_available = -1;
    const char *key = getenv(FB_PAY_KEY_ENV);
    if (!cfg->pay_url[0] || !key || !*key) {
        snprintf(out->error, sizeof out->error, "the payment provider is "
                 "not configured (pay_url, " FB_PAY_KEY_ENV ")");
        return FB_PAY_UNAVAILABLE;
    }
    char url[1200], auth[600], idem[200];
    size_t base = strlen(cfg->pay_url);
    while (base > 0 && cfg->pay_url[base - 1] == '/')
        base--;
    snprintf(url, sizeof url, "%.*s%s", (int)base, cfg->pay_url, path);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", key);
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    struct body reply = {0};
    fb_buf_init(&reply.b);
    if (!c) {
        snprintf(out->error, sizeof out->error, "out of memory");
        return FB_PAY_UNAVAILABLE;
    }
    h = curl_slist_append(h, auth);
    h = curl_slist_append(h, "Accept: application/json");
    if (body)
        h = curl_slist_append(h, "Content-Type: application/json");
    if (idempotency_key) {
        snprintf(idem, sizeof idem, "Idempotency-Key: %s", idempotency_key);
        h = curl_slist_append(h, idem);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)cfg->pay_timeout * 1000L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     (long)cfg->pay_timeout * 1000L);
    if (cfg->ca_file[0])
        curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
    if (body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    out->http_status = (int)status;
    enum fb_pay_verdict v = FB_PAY_UNAVAILABLE;
    if (rc != CURLE_OK) {
        snprintf(out->error, sizeof out->error, "%s%s",
                 reply.too_big ? "reply too big: " : "",
                 curl_easy_strerror(rc));
    } else if (status == 429 || status >= 500) {
        snprintf(out->error, sizeof out->error, "HTTP %ld", status);
    } else if (status < 200 || status > 299) {
        snprintf(out->error, sizeof out->error, "HTTP %ld: %.200s", status,
                 reply.b.data ? reply.b.data : "");
        v = FB_PAY_REFUSED;
    } else {
        fb_buf_putc(&reply.b, '\0');
        if (!reply.b.failed)
            parse(reply.b.data, out);
        v = FB_PAY_ANSWERED;
    }
    fb_buf_free(&reply.b);
    return v;
}

/* A 2xx without the fields the contract promises is no answer. */
static enum fb_pay_verdict
need(enum fb_pay_verdict v, bool ok, struct fb_pay_reply *out)
{
    if (v == FB_PAY_ANSWERED && !ok) {
        snprintf(out->error, sizeof out->error, "HTTP %d: the reply is not "
                 "the provider's documented JSON", out->http_status);
        return FB_PAY_UNAVAILABLE;
    }
    return v;
}

enum fb_pay_verdict
fb_pay_create(const struct fb_outbox_config *cfg, long long amount,
              const char *reference, const char *description,
              const char *return_url, const char *language,
              const char *idempotency_key, struct fb_pay_reply *out)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_printf(&b, "{\"amount\":%lld,\"reference\":", amount);
    fb_buf_json_string(&b, reference);
    fb_buf_puts(&b, ",\"description\":");
    fb_buf_json_string(&b, description);
    fb_buf_puts(&b, ",\"return_url\":");
    fb_buf_json_string(&b, return_url);
    fb_buf_puts(&b, ",\"language\":");
    fb_buf_json_string(&b, language);
    fb_buf_puts(&b, "}");
    fb_buf_putc(&b, '\0');
    enum fb_pay_verdict v = FB_PAY_UNAVAILABLE;
    if (b.failed)
        snprintf(out->error, sizeof out->error, "out of memory");
    else
        v = call(cfg, "/v1/payments", b.data, idempotency_key, out);
    fb_buf_free(&b);
    bool https = strncmp(out->next_url, "https://", 8) == 0
                 || strncmp(out->next_url, "http://127.0.0.1", 16) == 0;
    return need(v, id_ok(out->payment_id) && https && out->status[0], out);
}

enum fb_pay_verdict
fb_pay_get(const struct fb_outbox_config *cfg, const char *payment_id,
           struct fb_pay_reply *out)
{
    char path[FB_PAY_ID_MAX + 20];
    if (!id_ok(payment_id)) {
        memset(out, 0, sizeof *out);
        snprintf(out->error, sizeof out->error, "no payment id");
        return FB_PAY_REFUSED;
    }
    snprintf(path, sizeof path, "/v1/payments/%s", payment_id);
    enum fb_pay_verdict v = call(cfg, path, NULL, NULL, out);
    return need(v, out->status[0]
                   && strcmp(out->payment_id, payment_id) == 0, out);
}

enum fb_pay_verdict
fb_pay_refund(const struct fb_outbox_config *cfg, const char *payment_id,
              long long amount, long long available,
              const char *idempotency_key, struct fb_pay_reply *out)
{
    char path[FB_PAY_ID_MAX + 30], body[120];
    if (!id_ok(payment_id)) {
        memset(out, 0, sizeof *out);
        snprintf(out->error, sizeof out->error, "no payment id");
        return FB_PAY_REFUSED;
    }
    snprintf(path, sizeof path, "/v1/payments/%s/refunds", payment_id);
    snprintf(body, sizeof body,
             "{\"amount\":%lld,\"refund_amount_available\":%lld}", amount,
             available);
    enum fb_pay_verdict v = call(cfg, path, body, idempotency_key, out);
    return need(v, id_ok(out->refund_id) && out->status[0], out);
}

/* SPDX-License-Identifier: MIT */
/*
 * Emails: through the configured relay with libcurl's SMTP (STARTTLS
 * insisted on unless turned off, for a relay on this machine), as a
 * multipart/alternative message of plain text and HTML; or through
 * GOV.UK Notify's REST API (POST /v2/notifications/email, a JWT signed
 * with the API key's secret, https://docs.notifications.service.gov.uk).
 * Each is one transfer on the sender's multi handle (send_priv.h).
 */
#include "send.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "clock.h"
#include "send_priv.h"
#include "sign.h"

/* Appends @p s with bare LF turned into CRLF, as SMTP wants. */
static void
put_crlf(struct fb_buf *b, const char *s)
{
    for (char prev = '\0'; *s; prev = *s++) {
        if (*s == '\n' && prev != '\r')
            fb_buf_putc(b, '\r');
        fb_buf_putc(b, *s);
    }
}

/* A header value: as is when ASCII, else one RFC 2047 encoded word. */
static void
put_header_text(struct fb_buf *b, const char *s)
{
    bool ascii = true;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p >= 0x80 || *p == '\r' || *p == '\n')
            ascii = false;
    if (ascii) {
        fb_buf_puts(b, s);
        return;
    }
    size_t n = strlen(s);
    unsigned char *enc = malloc(4 * (n / 3 + 1) + 1);
    if (!enc) {
        b->failed = true;
        return;
    }
    EVP_EncodeBlock(enc, (const unsigned char *)s, (int)n);
    fb_buf_printf(b, "=?UTF-8?B?%s?=", (const char *)enc);
    free(enc);
}

/* Builds the whole message of @p m from @p from into @p b. */
static void
build_message(struct fb_buf *b, const char *from, const struct fb_email *m)
{
    char date[64];
    time_t now = (time_t)fb_clock_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    fb_buf_printf(b, "From: %s\r\nTo: %s\r\nSubject: ", from, m->to);
    put_header_text(b, m->subject);
    fb_buf_printf(b, "\r\nDate: %s\r\nMessage-ID: <%s@formbuilder>\r\n"
                  "MIME-Version: 1.0\r\n", date, m->idempotency_key);
    const char *boundary = "formbuilder-alternative";
    if (m->html)
        fb_buf_printf(b, "Content-Type: multipart/alternative; "
                      "boundary=\"%s\"\r\n\r\n--%s\r\n", boundary, boundary);
    fb_buf_puts(b, "Content-Type: text/plain; charset=utf-8\r\n"
                   "Content-Transfer-Encoding: 8bit\r\n\r\n");
    put_crlf(b, m->text);
    if (m->html) {
        fb_buf_printf(b, "\r\n--%s\r\nContent-Type: text/html; "
                      "charset=utf-8\r\nContent-Transfer-Encoding: 8bit"
                      "\r\n\r\n", boundary);
        put_crlf(b, m->html);
        fb_buf_printf(b, "\r\n--%s--", boundary);
    }
    fb_buf_puts(b, "\r\n");
}

static size_t
read_upload(char *out, size_t size, size_t n, void *cls)
{
    struct fb_transfer *t = cls;
    size_t take = size * n;
    if (take > t->data.len - t->pos)
        take = t->data.len - t->pos;
    memcpy(out, t->data.data + t->pos, take);
    t->pos += take;
    return take;
}

/* Fills @p r for an email that could not be set up. @returns false. */
static bool
not_sent(struct fb_transfer *t, struct fb_send_result *r, const char *why)
{
    fb_transfer_free(t);
    memset(r, 0, sizeof *r);
    r->outcome = FB_SEND_RETRY;
    snprintf(r->error, sizeof r->error, "%s", why);
    return false;
}

bool
fb_send_smtp(struct fb_sender *s, const struct fb_email *m, void *tag,
             struct fb_send_result *r)
{
    const struct fb_outbox_config *cfg = s->cfg;
    struct fb_transfer *t = fb_transfer_new(s, FB_TRANSFER_SMTP, tag);
    if (!t)
        return not_sent(NULL, r, "out of memory");
    build_message(&t->data, cfg->smtp_from, m);
    char from[300], to[300];
    snprintf(from, sizeof from, "<%s>", cfg->smtp_from);
    snprintf(to, sizeof to, "<%s>", m->to);
    t->rcpt = curl_slist_append(NULL, to);
    if (t->data.failed || !t->rcpt)
        return not_sent(t, r, "out of memory");
    CURL *c = t->curl;
    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, t->rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, t);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)t->data.len);
    if (cfg->smtp_starttls && strncmp(cfg->smtp_url, "smtp://", 7) == 0)
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    const char *user = cfg->smtp_user_env[0] ? getenv(cfg->smtp_user_env)
                                             : NULL;
    const char *pass = cfg->smtp_password_env[0]
                           ? getenv(cfg->smtp_password_env) : NULL;
    if (user && pass) {
        /* libcurl copies strings it is given: nothing is kept here. */
        curl_easy_setopt(c, CURLOPT_USERNAME, user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, pass);
    }
    return fb_transfer_start(t, r);
}

bool
fb_send_notify(struct fb_sender *s, const struct fb_email *m,
               const char *template_id, long long now, void *tag,
               struct fb_send_result *r)
{
    const struct fb_outbox_config *cfg = s->cfg;
    const char *key = getenv(cfg->notify_key_env);
    char service[FB_UUID_LEN + 1], secret[FB_UUID_LEN + 1], jwt[512];
    if (!key || fb_notify_key_split(key, service, secret) != 0
        || fb_notify_jwt(service, secret, now, jwt, sizeof jwt) != 0) {
        char why[128];
        snprintf(why, sizeof why, "%s is not a GOV.UK Notify API key",
                 cfg->notify_key_env);
        return not_sent(NULL, r, why);
    }
    struct fb_transfer *t = fb_transfer_new(s, FB_TRANSFER_HTTP, tag);
    if (!t)
        return not_sent(NULL, r, "out of memory");
    struct fb_buf body;
    fb_buf_init(&body);
    fb_buf_puts(&body, "{\"email_address\": ");
    fb_buf_json_string(&body, m->to);
    fb_buf_puts(&body, ", \"template_id\": ");
    fb_buf_json_string(&body, template_id);
    fb_buf_puts(&body, ", \"reference\": ");
    fb_buf_json_string(&body, m->idempotency_key);
    fb_buf_puts(&body, ", \"personalisation\": {\"subject\": ");
    fb_buf_json_string(&body, m->subject);
    fb_buf_puts(&body, ", \"body\": ");
    fb_buf_json_string(&body, m->text);
    fb_buf_puts(&body, "}}");
    char url[600], auth[600];
    snprintf(url, sizeof url, "%s/v2/notifications/email", cfg->notify_url);
    snprintf(auth, sizeof auth, "Bearer %s", jwt);
    CURL *c = t->curl;
    bool ok = !body.failed
              && fb_header_add(&t->headers, "Content-Type",
                               "application/json")
              && fb_header_add(&t->headers, "Authorization", auth);
    if (ok) {
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)body.len);
        ok = curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, body.data)
             == CURLE_OK;
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, t->headers);
    }
    fb_buf_free(&body);
    if (!ok)
        return not_sent(t, r, "out of memory");
    return fb_transfer_start(t, r);
}

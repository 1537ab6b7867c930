/* SPDX-License-Identifier: MIT */
/*
 * The rules of progress updates (events.h): what a posted event may
 * hold, the signature that proves who posted it, and the words a status
 * is shown with.
 */
#include "events.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "clock.h"
#include "export.h"
#include "formbuilder/answers.h"
#include "formbuilder/events.h"
#include "formbuilder/messages.h"
#include "formbuilder/text.h"
#include "json.h"
#include "sign.h"

void
fb_event_input_clear(struct fb_event_input *in)
{
    free(in->message);
    in->message = NULL;
}

static bool
id_ok(const char *s)
{
    size_t n = strlen(s);
    /* "formbuilder:..." ids are the server's own (events_mail.h). */
    return n >= 1 && n <= FB_EVENT_ID_MAX
           && strncmp(s, "formbuilder:", 12) != 0
           && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                        "0123456789._:-") == n;
}

/* @returns the one value of field @p name, NULL when absent, or sets
 * *bad when it is given more than once (a list). */
static const char *
one(const struct fb_answers *a, const char *name, bool *bad)
{
    size_t n = fb_answers_count(a, name);
    if (n > 1)
        *bad = true;
    return n == 1 ? fb_answers_get(a, name) : NULL;
}

enum fb_event_problem
fb_event_parse(const struct fb_form_desc *f, const char *body, size_t len,
               struct fb_event_input *out, char *why, size_t whylen)
{
    memset(out, 0, sizeof *out);
    why[0] = '\0';
    if (!fb_utf8_valid(body, len)) {
        snprintf(why, whylen, "the body is not valid UTF-8");
        return FB_EVENT_NOT_UTF8;
    }
    if (strlen(body) != len) {
        snprintf(why, whylen, "the body holds a NUL byte");
        return FB_EVENT_NOT_JSON;
    }
    struct fb_answers *a = fb_answers_new();
    if (!a) {
        snprintf(why, whylen, "out of memory");
        return FB_EVENT_NOT_JSON;
    }
    if (fb_json_flatten(body, a) != 0) {
        fb_answers_free(a);
        snprintf(why, whylen, "the body is not a JSON object of id, status, "
                              "message and public");
        return FB_EVENT_NOT_JSON;
    }
    enum fb_event_problem p = FB_EVENT_BAD_FIELD;
    for (size_t i = 0; i < fb_answers_size(a); i++) {
        const char *name = NULL, *value = NULL;
        fb_answers_at(a, i, &name, &value);
        if (strcmp(name, "id") != 0 && strcmp(name, "status") != 0
            && strcmp(name, "message") != 0 && strcmp(name, "public") != 0) {
            snprintf(why, whylen, "unknown field '%.40s': an event has id, "
                                  "status, message and public", name);
            goto done;
        }
    }
    bool repeated = false;
    const char *id = one(a, "id", &repeated);
    const char *status = one(a, "status", &repeated);
    const char *message = one(a, "message", &repeated);
    const char *pub = one(a, "public", &repeated);
    if (repeated) {
        snprintf(why, whylen, "each field is given once, as a string "
                              "(public: true or false)");
        goto done;
    }
    if (!id || !id_ok(id)) {
        snprintf(why, whylen, "'id' is 1 to %d letters, digits, '.', '_', "
                              "':' or '-', not starting 'formbuilder:', the "
                              "same on every retry",
                 FB_EVENT_ID_MAX);
        goto done;
    }
    if (!status) {
        snprintf(why, whylen, "'status' is missing");
        goto done;
    }
    if (pub && strcmp(pub, "true") != 0 && strcmp(pub, "false") != 0) {
        snprintf(why, whylen, "'public' is true or false");
        goto done;
    }
    if (message && fb_utf8_length(message) > FB_EVENT_MESSAGE_MAX) {
        snprintf(why, whylen, "'message' is at most %d characters",
                 FB_EVENT_MESSAGE_MAX);
        goto done;
    }
    out->public = pub && strcmp(pub, "true") == 0;
    if (out->public && (!message || !*message
                        || strspn(message, " \t\r\n") == strlen(message))) {
        snprintf(why, whylen, "a public event needs a 'message' for the "
                              "resident");
        goto done;
    }
    if (strlen(status) > FB_EVENT_STATUS_MAX
        || !fb_event_status_label(f, status, FB_LANG_EN)) {
        snprintf(why, whylen, "unknown status '%.64s'", status);
        p = FB_EVENT_UNKNOWN_STATUS;
        goto done;
    }
    snprintf(out->id, sizeof out->id, "%s", id);
    snprintf(out->status, sizeof out->status, "%s", status);
    out->message = strdup(message ? message : "");
    if (!out->message) {
        snprintf(why, whylen, "out of memory");
        goto done;
    }
    p = FB_EVENT_FINE;
done:
    fb_answers_free(a);
    return p;
}

bool
fb_event_signature_ok(const char *secret, const char *header,
                      const char *body, size_t len, long long now,
                      long long *out_t)
{
    if (!secret || !*secret || !header)
        return false;
    /* t= first, then v1= entries; anything else is ignored, as back
     * offices ignore unknown schemes in ours. */
    long long t = -1;
    const char *v1[4];
    size_t n_v1 = 0;
    for (const char *p = header; *p;) {
        size_t n = strcspn(p, ",");
        if (n > 2 && strncmp(p, "t=", 2) == 0 && t < 0) {
            char *end = NULL;
            long long v = strtoll(p + 2, &end, 10);
            if (end == p + n && v > 0)
                t = v;
        } else if (n == 3 + 64 && strncmp(p, "v1=", 3) == 0 && n_v1 < 4) {
            v1[n_v1++] = p + 3;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (t < 0 || n_v1 == 0 || t > now + FB_EVENTS_WINDOW
        || t < now - FB_EVENTS_WINDOW)
        return false;
    char want[FB_SIGNATURE_SIZE];
    if (fb_sign_body(secret, t, body, len, want) != 0)
        return false;
    const char *hex = strstr(want, "v1=") + 3;
    bool ok = false;
    for (size_t i = 0; i < n_v1; i++)
        ok |= CRYPTO_memcmp(hex, v1[i], 64) == 0;
    if (ok)
        *out_t = t;
    return ok;
}

const char *
fb_event_status_label(const struct fb_form_desc *f, const char *status,
                      enum fb_lang lang)
{
    int b = fb_event_builtin_index(status);
    if (b >= 0)
        return fb_msg_text((enum fb_msg)(FB_MSG_EVENT_RECEIVED + b), lang);
    for (size_t i = 0; f && i < f->n_event_statuses; i++)
        if (strcmp(f->event_statuses[i].id, status) == 0)
            return fb_i18n_get(&f->event_statuses[i].label, lang);
    return NULL;
}

struct printing {
    FILE *out;
    int n;
};

static int
print_event(const struct fb_submission_event *e, void *cls)
{
    struct printing *pr = cls;
    char at[FB_CLOCK_ISO_SIZE];
    fb_clock_iso(e->occurred_at, at);
    fprintf(pr->out, "  %s  %-16s %-6s %s", at, e->status,
            e->public ? "public" : "staff", e->event_id);
    /* One line per event: a message's own line breaks are shown as
     * spaces, so a back office cannot forge lines of the listing. */
    if (e->message && *e->message) {
        fputs("  ", pr->out);
        for (const char *c = e->message; *c; c++)
            fputc(*c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c,
                  pr->out);
    }
    fputc('\n', pr->out);
    pr->n++;
    return 0;
}

int
fb_events_print(struct fb_store *s, const char *reference, FILE *out)
{
    fprintf(out, "Progress updates:\n");
    struct printing pr = {out, 0};
    if (s->ops->submission_event_each(s, reference, false, print_event, &pr)
        != FB_STORE_OK)
        return -1;
    if (pr.n == 0)
        fprintf(out, "  no progress updates\n");
    return 0;
}

struct exporting {
    struct fb_buf *b;
    bool json;
    size_t n;
    char latest[FB_EVENT_STATUS_MAX + 1];
};

static int
export_event(const struct fb_submission_event *e, void *cls)
{
    struct exporting *x = cls;
    if (strncmp(e->event_id, "formbuilder:", 12) == 0)
        return 0; /* the server's own (a stopped email), not the office's */
    snprintf(x->latest, sizeof x->latest, "%s", e->status);
    if (!x->json)
        return 0;
    char at[FB_CLOCK_ISO_SIZE];
    fb_clock_iso(e->occurred_at, at);
    fb_buf_puts(x->b, x->n++ ? ", {\"id\": " : "{\"id\": ");
    fb_buf_json_string(x->b, e->event_id);
    fb_buf_puts(x->b, ", \"status\": ");
    fb_buf_json_string(x->b, e->status);
    fb_buf_printf(x->b, ", \"public\": %s, \"message\": ",
                  e->public ? "true" : "false");
    fb_buf_json_string(x->b, e->message ? e->message : "");
    fb_buf_puts(x->b, ", \"at\": ");
    fb_buf_json_string(x->b, at);
    fb_buf_putc(x->b, '}');
    return 0;
}

int
fb_events_export(struct fb_buf *b, struct fb_store *s, const char *reference,
                 bool json)
{
    struct exporting x = {.b = b, .json = json};
    if (json)
        fb_buf_putc(b, '[');
    if (s->ops->submission_event_each(s, reference, false, export_event, &x)
        != FB_STORE_OK)
        return -1;
    if (json)
        fb_buf_putc(b, ']');
    else
        fb_csv_cell(b, x.latest);
    return 0;
}

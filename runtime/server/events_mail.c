/* SPDX-License-Identifier: MIT */
/*
 * The resident's update email (events_mail.h): queued in the event's own
 * transaction, written when the outbox sends it.
 */
#include "events_mail.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "formbuilder/messages.h"
#include "sign.h"
#include "track.h"
#include "track_match.h"

/* The delivery event of @p event_id: "update@" and 16 hex digits of its
 * FNV-1a, so any id fits fb_delivery.event. */
static void
delivery_event(const char *event_id, char out[40])
{
    unsigned long long h = 1469598103934665603ull;
    for (const char *p = event_id; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    snprintf(out, 40, "update@%016llx", h);
}

/* What a look through a submission's events found. */
struct scan {
    const char *want;          /* a delivery event, or NULL */
    bool stopped;
    bool found;
    char status[FB_EVENT_STATUS_MAX + 1];
    char *message;
};

static int
scan_event(const struct fb_submission_event *e, void *cls)
{
    struct scan *sc = cls;
    if (strcmp(e->event_id, FB_EVENTS_MAIL_STOPPED) == 0)
        sc->stopped = true;
    if (sc->want && !sc->found) {
        char ev[40];
        delivery_event(e->event_id, ev);
        if (strcmp(ev, sc->want) == 0 && e->public) {
            sc->found = true;
            snprintf(sc->status, sizeof sc->status, "%s", e->status);
            sc->message = strdup(e->message ? e->message : "");
            if (!sc->message)
                return FB_STORE_ERROR;
        }
    }
    return 0;
}

struct submission {
    char language[8];
    bool has_email;
    const struct fb_form_desc *f;
};

static int
note_submission(const struct fb_submission_row *row, void *cls)
{
    struct submission *sub = cls;
    char to[320];
    snprintf(sub->language, sizeof sub->language, "%s",
             row->language ? row->language : "en");
    sub->has_email = fb_track_resident_email(sub->f, row->answers_json, to,
                                             sizeof to);
    return 0;
}

int
fb_events_mail_queue(struct fb_store *s, const struct fb_form_desc *f,
                     const struct fb_submission_event *e, long long now)
{
    if (!e->public)
        return FB_STORE_OK;
    struct submission sub = {.f = f};
    int rc = s->ops->submission_by_reference(s, e->reference,
                                             note_submission, &sub);
    if (rc != FB_STORE_OK)
        return FB_STORE_ERROR;
    struct scan sc = {0};
    if (!sub.has_email
        || s->ops->submission_event_each(s, e->reference, false, scan_event,
                                         &sc) != FB_STORE_OK)
        return sub.has_email ? FB_STORE_ERROR : FB_STORE_OK;
    if (sc.stopped)
        return FB_STORE_OK;
    struct fb_delivery d = {0};
    snprintf(d.reference, sizeof d.reference, "%s", e->reference);
    snprintf(d.form, sizeof d.form, "%s", f->slug);
    d.target = FB_EVENTS_MAIL_INDEX;
    snprintf(d.target_name, sizeof d.target_name, FB_EVENTS_MAIL_TARGET);
    delivery_event(e->event_id, d.event);
    snprintf(d.language, sizeof d.language, "%s", sub.language);
    d.created_at = now;
    d.next_at = now;
    return s->ops->delivery_add(s, &d);
}

bool
fb_events_stop_token(const struct fb_form_desc *f, const char *reference,
                     char out[FB_EVENTS_STOP_TOKEN_LEN + 1])
{
    const char *secret = f->events_secret_env ? getenv(f->events_secret_env)
                                              : NULL;
    char body[FB_REFERENCE_MAX + 16], sig[FB_SIGNATURE_SIZE];
    int n = snprintf(body, sizeof body, "email-stop.%s", reference);
    if (!secret || !*secret
        || fb_sign_body(secret, 0, body, (size_t)n, sig) != 0)
        return false;
    snprintf(out, FB_EVENTS_STOP_TOKEN_LEN + 1, "%s", strstr(sig, "v1=") + 3);
    return true;
}

int
fb_events_mail_compose(struct fb_store *s, const struct fb_form_desc *f,
                       const struct fb_submission_row *row,
                       const char *event, const char *base_url,
                       struct fb_events_mail *m)
{
    fb_buf_init(&m->text);
    if (!fb_track_resident_email(f, row->answers_json, m->to, sizeof m->to))
        return 1;
    struct scan sc = {.want = event};
    if (s->ops->submission_event_each(s, row->reference, false, scan_event,
                                      &sc) != FB_STORE_OK) {
        free(sc.message);
        return -1;
    }
    if (sc.stopped || !sc.found) {
        free(sc.message);
        return 1;
    }
    int code = fb_lang_lookup(row->language ? row->language : "en");
    enum fb_lang lang = code < 0 ? FB_LANG_EN : (enum fb_lang)code;
    struct fb_msg_args args = {.reference = row->reference};
    fb_msg_format(m->subject, sizeof m->subject, FB_MSG_EMAIL_UPDATE_SUBJECT,
                  &args, lang);
    const char *label = fb_event_status_label(f, sc.status, lang);
    char track[600], token[FB_EVENTS_STOP_TOKEN_LEN + 1];
    fb_buf_printf(&m->text, "%s\n\n%s: %s\n",
                  fb_msg_text(FB_MSG_EMAIL_UPDATE_INTRO, lang),
                  fb_msg_text(FB_MSG_EMAIL_UPDATE_STATUS_KEY, lang),
                  label ? label : sc.status);
    if (sc.message[0])
        fb_buf_printf(&m->text, "\n%s\n", sc.message);
    if (fb_track_href(track, sizeof track, f, row->reference, lang))
        fb_buf_printf(&m->text, "\n%s: %s%s\n",
                      fb_msg_text(FB_MSG_EMAIL_UPDATE_TRACK, lang),
                      base_url, track);
    if (fb_events_stop_token(f, row->reference, token))
        fb_buf_printf(&m->text, "\n%s: %s/%s/track-stop?reference=%s&t=%s%s%s\n",
                      fb_msg_text(FB_MSG_EMAIL_UPDATE_STOP, lang), base_url,
                      f->slug, row->reference, token,
                      lang != FB_LANG_EN ? "&lang=" : "",
                      lang != FB_LANG_EN ? fb_lang_code(lang) : "");
    free(sc.message);
    return m->text.failed ? -1 : 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * The track page: GET shows the form, POST looks the request up by its
 * reference and the email address or postcode given in it, and shows
 * its public events. Nothing tells a wrong reference from a wrong email
 * address or postcode: the same message, and the same work (one query;
 * the match run on stored answers or on none). Lookups are limited per
 * client (the server's page-POST limit) and per reference
 * (track_limit.h). Only statuses and the back office's public messages
 * are shown, never an answer.
 */
#include "track.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "events.h"
#include "formbuilder/answers.h"
#include "formdata.h"
#include "journey_priv.h"
#include "lang.h"
#include "log.h"
#include "metrics.h"
#include "track_limit.h"
#include "track_match.h"
#include "track_page.h"

#define MAX_CONTACT 320

/* The submission a lookup found. */
struct found {
    char form[FB_PLACE_NAME_MAX];
    char version[80];
    char *answers;
    long long submitted_at;
};

static int
keep_row(const struct fb_submission_row *row, void *cls)
{
    struct found *f = cls;
    snprintf(f->form, sizeof f->form, "%s", row->form);
    snprintf(f->version, sizeof f->version, "%s", row->form_version);
    f->answers = strdup(row->answers_json);
    if (fb_clock_parse_iso(row->submitted_at, &f->submitted_at) != 0)
        f->submitted_at = 0;
    return f->answers ? 0 : FB_STORE_ERROR;
}

/* The timeline's entries, collected oldest first. */
struct timeline {
    const struct fb_form_desc *form;
    enum fb_lang lang;
    struct fb_track_item *items;
    char **messages;
    size_t n, cap;
    bool failed;
};

static int
collect(const struct fb_submission_event *e, void *cls)
{
    struct timeline *t = cls;
    const char *label = fb_event_status_label(t->form, e->status, t->lang);
    if (!label) /* a status the form no longer has: shown as it was sent */
        label = e->status;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        struct fb_track_item *items = realloc(t->items, cap * sizeof *items);
        if (items)
            t->items = items;
        char **msgs = realloc(t->messages, cap * sizeof *msgs);
        if (msgs)
            t->messages = msgs;
        if (!items || !msgs) {
            t->failed = true;
            return 1;
        }
        t->cap = cap;
    }
    char *m = strdup(e->message ? e->message : "");
    if (!m) {
        t->failed = true;
        return 1;
    }
    t->messages[t->n] = m;
    t->items[t->n++] = (struct fb_track_item){label, m, e->occurred_at};
    return 0;
}

static void
timeline_free(struct timeline *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->messages[i]);
    free(t->messages);
    free(t->items);
}

static void
send_page(struct fb_request *req, struct fb_html *w)
{
    fb_send_html(req, 200, w);
}

static void
form_page(struct fb_request *req, struct fb_track_view *v)
{
    struct fb_html w;
    fb_html_init(&w);
    fb_track_form_page(&w, v);
    send_page(req, &w);
}

/* Copies @p s into @p out trimmed, and in upper case when @p upper. */
static void
tidy(const char *s, bool upper, char *out, size_t cap)
{
    size_t n = 0;
    while (s && (*s == ' ' || *s == '\t'))
        s++;
    for (; s && *s && n + 1 < cap; s++) {
        char c = *s;
        if (upper && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        out[n++] = c;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        n--;
    out[n] = '\0';
}

/* Takes a token of the client's page-POST limit. @returns false after
 * answering 429. */
static bool
client_allowed(struct fb_request *req, const struct fb_journey *j,
               const struct fb_form_desc *f, struct fb_track_view *v)
{
    struct fb_client_key client;
    fb_request_client(req, &client);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    unsigned wait = 0;
    size_t slot = fb_forms_slot(fb_registry_forms(j->forms), f);
    if (fb_limits_take(j->limits, FB_LIMIT_POST, &client, slot,
                       (double)now.tv_sec + (double)now.tv_nsec / 1e9,
                       &wait)
        == FB_LIMIT_ALLOWED)
        return true;
    fb_metric_add(FB_METRIC_LIMITED_POST_CLIENT, 1);
    char secs[16], again[300];
    snprintf(secs, sizeof secs, "%u", wait);
    fb_request_add_header(req, "Retry-After", secs);
    snprintf(again, sizeof again, "/%s/track%s%s", f->slug,
             v->lang != FB_LANG_EN ? "?lang=" : "",
             v->lang != FB_LANG_EN ? fb_lang_code(v->lang) : "");
    fb_send_message_count(req, 429, FB_MSG_TOO_MANY_TITLE,
                          FB_MSG_TRACK_TOO_MANY_BODY,
                          (long)(wait + 59) / 60, again);
    return false;
}

/* What the resident typed, tidied; lives as long as the view showing it. */
struct typed {
    char reference[FB_REFERENCE_MAX + 8];
    char contact[MAX_CONTACT + 1];
};

/* Answers the lookup posted in @p fields. */
static void
lookup(struct fb_request *req, const struct fb_journey *j,
       const struct fb_form_desc *f, struct fb_track_view *v,
       const struct fb_answers *fields, struct typed *typed)
{
    char *reference = typed->reference, *contact = typed->contact;
    tidy(fb_answers_get(fields, "reference"), true, reference,
         sizeof typed->reference);
    tidy(fb_answers_get(fields, "contact"), false, contact,
         sizeof typed->contact);
    v->reference = reference;
    v->contact = contact;
    if (!reference[0])
        v->reference_error = FB_MSG_TRACK_REFERENCE_MISSING;
    if (!contact[0])
        v->contact_error = FB_MSG_TRACK_CONTACT_MISSING;
    if (!reference[0] || !contact[0]) {
        form_page(req, v);
        return;
    }
    if (!client_allowed(req, j, f, v))
        return;
    long long now = fb_clock_now();
    unsigned wait = fb_track_limit_wait(reference, now);
    if (wait > 0) {
        char secs[16], again[300];
        snprintf(secs, sizeof secs, "%u", wait);
        fb_request_add_header(req, "Retry-After", secs);
        snprintf(again, sizeof again, "/%s/track", f->slug);
        fb_send_message_count(req, 429, FB_MSG_TOO_MANY_TITLE,
                              FB_MSG_TRACK_TOO_MANY_BODY,
                              (long)(wait + 59) / 60, again);
        return;
    }
    struct found found = {0};
    struct fb_store *rd = j->reader;
    int rc = strlen(reference) < FB_REFERENCE_MAX
                 ? rd->ops->submission_by_reference(rd, reference, keep_row,
                                                    &found)
                 : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_ERROR) {
        free(found.answers);
        fb_journey_store_error(req, j);
        return;
    }
    /* The answers of the version it was sent with (its questions), else
     * the current one's. */
    const struct fb_forms *set = fb_registry_forms(j->forms);
    const struct fb_form_desc *version =
        rc == FB_STORE_OK ? fb_forms_find_version(set, f->slug, found.version)
                          : NULL;
    bool match = fb_track_contact_matches(
                     version ? version : f,
                     rc == FB_STORE_OK ? found.answers : "{}", contact)
                 && rc == FB_STORE_OK && strcmp(found.form, f->slug) == 0;
    free(found.answers);
    if (!match) {
        fb_track_limit_failed(reference, now);
        fb_metric_add(FB_METRIC_TRACK_NO_MATCH, 1);
        v->reference_error = FB_MSG_TRACK_NO_MATCH;
        /* Not shown again: a guess is not reflected back. */
        v->contact = "";
        form_page(req, v);
        return;
    }
    struct timeline t = {.form = f, .lang = v->lang};
    rc = rd->ops->submission_event_each(rd, reference, true, collect, &t);
    if (rc == FB_STORE_ERROR || t.failed) {
        timeline_free(&t);
        if (rc == FB_STORE_ERROR)
            fb_journey_store_error(req, j);
        else
            fb_journey_server_error(req);
        return;
    }
    /* Newest first, as a timeline is read. */
    for (size_t i = 0; i < t.n / 2; i++) {
        struct fb_track_item tmp = t.items[i];
        t.items[i] = t.items[t.n - 1 - i];
        t.items[t.n - 1 - i] = tmp;
    }
    fb_metric_add(FB_METRIC_TRACK_LOOKUPS, 1);
    struct fb_html w;
    fb_html_init(&w);
    fb_track_timeline_page(&w, v, t.items, t.n, found.submitted_at);
    timeline_free(&t);
    send_page(req, &w);
}

int
fb_track_copy_form(const struct fb_submission_row *row, void *cls)
{
    snprintf(cls, FB_PLACE_NAME_MAX, "%s", row->form);
    return 0;
}

bool
fb_track_handle(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *form, const char *rest)
{
    bool stop = strcmp(rest, "track-stop") == 0;
    if ((!stop && strcmp(rest, "track") != 0) || !form->events_secret_env)
        return false;
    struct fb_track_view v = {
        .req = req, .form = form,
        .lang = fb_lang_of_request(req, -1, fb_lang_offered(form)),
        .reference_error = FB_MSG__COUNT, .contact_error = FB_MSG__COUNT,
    };
    fb_request_set_lang(req, v.lang);
    if (stop) {
        fb_track_stop(req, j, form, &v);
        return true;
    }
    struct typed typed;
    const char *method = fb_request_method(req);
    if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) {
        tidy(fb_request_query(req, "reference"), true, typed.reference,
             sizeof typed.reference);
        v.reference = typed.reference;
        form_page(req, &v);
        return true;
    }
    if (strcmp(method, "POST") != 0) {
        fb_send_method_not_allowed(req, "GET, HEAD, POST");
        return true;
    }
    size_t len = 0;
    const char *body = fb_request_body(req, &len);
    if (len > 0 && !fb_request_is_urlencoded(req)) {
        fb_send_message(req, 400, FB_MSG_NOT_ACCEPTED_TITLE,
                        FB_MSG_BODY_TYPE, NULL);
        return true;
    }
    struct fb_answers *fields = fb_answers_new();
    if (!fields) {
        fb_journey_server_error(req);
        return true;
    }
    enum fb_formdata_status st =
        fb_formdata_parse(body, len, j->cfg->max_fields, fields);
    if (st == FB_FORMDATA_NOMEM)
        fb_journey_server_error(req);
    else if (st != FB_FORMDATA_OK)
        fb_send_message(req, 400, FB_MSG_NOT_ACCEPTED_TITLE,
                        fb_formdata_message(st), NULL);
    else
        lookup(req, j, form, &v, fields, &typed);
    fb_answers_free(fields);
    return true;
}

const char *
fb_track_href(char *buf, size_t cap, const struct fb_form_desc *form,
              const char *reference, enum fb_lang lang)
{
    if (!form->events_secret_env || !reference)
        return NULL;
    int n = snprintf(buf, cap, "/%s/track?reference=%s%s%s", form->slug,
                     reference, lang != FB_LANG_EN ? "&lang=" : "",
                     lang != FB_LANG_EN ? fb_lang_code(lang) : "");
    return n >= 0 && (size_t)n < cap ? buf : NULL;
}

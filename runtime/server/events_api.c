/* SPDX-License-Identifier: MIT */
/*
 * POST /api/v1/submissions/REFERENCE/events: a back office's progress
 * update about a submission (docs/delivery.md, Progress updates). The
 * order of the checks is the point:
 *   1. the body's size, then the signature with the secret of every
 *      form whose references start as this one does: anyone who cannot
 *      sign learns nothing about any reference (401, the same work done
 *      whether or not a form matches);
 *   2. the body (400 / 422), before the reference is looked up, so a
 *      bad body says the same of known and unknown references;
 *   3. the reference, with one query either way (404, also when it is
 *      another form's submission);
 *   4. the event id already stored (200, or 409 when the same id says
 *      something else), else the write job (201 once durable).
 * Every answer is JSON: {"error": CODE, "message": TEXT} when refused.
 */
#include "events_api.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "events.h"
#include "events_mail.h"
#include "log.h"
#include "metrics.h"
#include "track.h"

#define PREFIX "/api/v1/submissions/"

/* What a request keeps until its write job is done. */
struct post {
    const struct fb_form_desc *form;
    struct fb_event_input in;
    char reference[FB_REFERENCE_MAX];
    struct fb_submission_event row;
    struct fb_write_job job;
};

static void
post_free(void *p)
{
    struct post *st = p;
    fb_event_input_clear(&st->in);
    free(st);
}

static void
send_json(struct fb_request *req, unsigned status, struct fb_buf *b)
{
    size_t len = 0;
    char *text = fb_buf_take(b, &len);
    fb_request_respond(req, status, "application/json; charset=utf-8", text,
                       len, FB_CACHE_NO_STORE);
}

/* Answers @p status with {"error": @p code, "message": @p message}. */
static void
refuse(struct fb_request *req, unsigned status, const char *code,
       const char *message)
{
    fb_metric_add(status == 401 ? FB_METRIC_EVENTS_UNAUTHORISED
                                : FB_METRIC_EVENTS_REFUSED, 1);
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "{\"error\":");
    fb_buf_json_string(&b, code);
    fb_buf_puts(&b, ",\"message\":");
    fb_buf_json_string(&b, message);
    fb_buf_puts(&b, "}\n");
    send_json(req, status, &b);
}

/* Answers @p status with the event's reference and id, and whether this
 * request stored it. */
static void
accepted(struct fb_request *req, unsigned status, const char *reference,
         const char *id, bool stored)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "{\"reference\":");
    fb_buf_json_string(&b, reference);
    fb_buf_puts(&b, ",\"id\":");
    fb_buf_json_string(&b, id);
    fb_buf_printf(&b, ",\"stored\":%s}\n", stored ? "true" : "false");
    send_json(req, status, &b);
}

/* Copies the REFERENCE of "REFERENCE/events" at @p rest into @p out.
 * @returns false when the path is not that, or the reference could not
 * be one (upper-case letters, digits and '-'). */
static bool
path_reference(const char *rest, char out[FB_REFERENCE_MAX])
{
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : 0;
    if (!slash || strcmp(slash, "/events") != 0 || n == 0
        || n >= FB_REFERENCE_MAX
        || strspn(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != n)
        return false;
    memcpy(out, rest, n);
    out[n] = '\0';
    return true;
}

/* @returns the form among @p set's whose events the signature on @p req
 * is right for, trying each form with events and the reference's prefix;
 * NULL when none is. */
static const struct fb_form_desc *
signed_for(struct fb_request *req, const struct fb_forms *set,
           const char *reference, const char *body, size_t len,
           long long *out_t)
{
    const char *header = fb_request_header(req, "Formbuilder-Signature");
    const char *dash = strrchr(reference, '-');
    size_t plen = dash ? (size_t)(dash - reference) : 0;
    long long now = fb_clock_now();
    const struct fb_form_desc *found = NULL;
    bool tried = false;
    for (size_t i = 0; i < set->n_forms && !found; i++) {
        const struct fb_form_desc *f = set->forms[i];
        if (!f->events_secret_env || !f->reference_prefix
            || strlen(f->reference_prefix) != plen
            || strncmp(f->reference_prefix, reference, plen) != 0)
            continue;
        const char *secret = getenv(f->events_secret_env);
        if (!secret || !*secret) {
            fb_log(FB_LOG_ERROR, "events for %s: %s is not set, so no back "
                   "office can post progress updates", f->slug,
                   f->events_secret_env);
            continue;
        }
        tried = true;
        if (fb_event_signature_ok(secret, header, body, len, now, out_t))
            found = f;
    }
    /* The same HMAC when no form could take it, so the time a refusal
     * takes says nothing about which prefixes exist. */
    if (!tried) {
        long long t = 0;
        (void)fb_event_signature_ok("no form takes these events", header,
                                    body, len, now, &t);
    }
    return found;
}

/* What the stored event of the same id says, if there is one. */
struct same_id {
    const char *id;
    bool found;
    bool same;
    const struct fb_event_input *in;
};

static int
find_id(const struct fb_submission_event *e, void *cls)
{
    struct same_id *s = cls;
    if (strcmp(e->event_id, s->id) != 0)
        return 0;
    s->found = true;
    s->same = strcmp(e->status, s->in->status) == 0
              && strcmp(e->message, s->in->message) == 0
              && e->public == s->in->public;
    return 1;
}

static int
store_step(struct fb_store *s, struct fb_write_job *job)
{
    struct post *st = job->step_cls;
    bool existed = false;
    if (s->ops->submission_event_add(s, &st->row, &existed) != FB_STORE_OK)
        return FB_STORE_ERROR;
    /* The resident's email in the same transaction: an event is never
     * stored without it, nor queued twice. */
    return existed ? FB_STORE_OK
                   : fb_events_mail_queue(s, st->form, &st->row, job->now);
}

static void
write_failed(struct fb_request *req, void *state)
{
    (void)state;
    refuse(req, 503, "unavailable",
           "the event could not be stored; nothing was kept: send it again "
           "later");
}

bool
fb_events_api_handle(struct fb_request *req, const struct fb_journey *j)
{
    const char *path = fb_request_path(req);
    if (strncmp(path, PREFIX, sizeof PREFIX - 1) != 0)
        return false;
    if (strcmp(fb_request_method(req), "POST") != 0) {
        refuse(req, 405, "method_not_allowed", "events are sent with POST");
        fb_request_add_header(req, "Allow", "POST");
        return true;
    }
    char reference[FB_REFERENCE_MAX];
    size_t len = 0;
    const char *body = fb_request_body(req, &len);
    if (len > FB_EVENTS_BODY_MAX) {
        refuse(req, 413, "body_too_large",
               "an event's body is at most 16384 bytes");
        return true;
    }
    const struct fb_forms *set = fb_registry_forms(j->forms);
    long long t = 0;
    const struct fb_form_desc *form = NULL;
    bool shaped = path_reference(path + sizeof PREFIX - 1, reference);
    if (shaped)
        form = signed_for(req, set, reference, body, len, &t);
    else
        (void)signed_for(req, set, "", body, len, &t);
    if (!form) {
        refuse(req, 401, "unauthorised",
               "the Formbuilder-Signature header is missing, more than 5 "
               "minutes old or not signed with this form's events secret");
        return true;
    }
    struct post *st = calloc(1, sizeof *st);
    if (!st) {
        refuse(req, 500, "internal", "out of memory");
        return true;
    }
    fb_request_set_state(req, st, post_free);
    char why[200];
    switch (fb_event_parse(form, body, len, &st->in, why, sizeof why)) {
    case FB_EVENT_FINE:
        break;
    case FB_EVENT_NOT_UTF8:
        refuse(req, 400, "invalid_utf8", why);
        return true;
    case FB_EVENT_NOT_JSON:
        refuse(req, 400, "invalid_json", why);
        return true;
    case FB_EVENT_BAD_FIELD:
        refuse(req, 400, "invalid_field", why);
        return true;
    case FB_EVENT_UNKNOWN_STATUS:
        refuse(req, 422, "unknown_status", why);
        return true;
    }
    char owner[FB_PLACE_NAME_MAX] = "";
    int rc = j->reader->ops->submission_by_reference(j->reader, reference,
                                                     fb_track_copy_form,
                                                     owner);
    if (rc == FB_STORE_ERROR) {
        fb_log(FB_LOG_ERROR, "events: cannot read submission: %s",
               j->reader->ops->errmsg(j->reader));
        refuse(req, 503, "unavailable", "the store cannot be read; send "
                                        "the event again later");
        return true;
    }
    if (rc == FB_STORE_NOT_FOUND || strcmp(owner, form->slug) != 0) {
        refuse(req, 404, "unknown_reference",
               "no submission of this form has that reference (it may have "
               "been deleted at the end of its retention period)");
        return true;
    }
    struct same_id same = {st->in.id, false, false, &st->in};
    if (j->reader->ops->submission_event_each(j->reader, reference, false,
                                              find_id, &same)
        == FB_STORE_ERROR) {
        refuse(req, 503, "unavailable", "the store cannot be read; send "
                                        "the event again later");
        return true;
    }
    if (same.found) {
        if (!same.same) {
            refuse(req, 409, "id_reused",
                   "an event with this id is stored already and says "
                   "something else: give a new event a new id");
            return true;
        }
        fb_metric_add(FB_METRIC_EVENTS_REPEATED, 1);
        accepted(req, 200, reference, st->in.id, false);
        return true;
    }
    snprintf(st->reference, sizeof st->reference, "%s", reference);
    st->row = (struct fb_submission_event){
        .reference = st->reference, .event_id = st->in.id,
        .status = st->in.status, .message = st->in.message,
        .public = st->in.public, .occurred_at = t,
        .received_at = fb_clock_now(),
    };
    st->form = form;
    st->job.now = st->row.received_at;
    st->job.step = store_step;
    st->job.step_cls = st;
    fb_metric_add(FB_METRIC_EVENTS_STORED, 1);
    accepted(req, 201, reference, st->in.id, true);
    fb_request_defer(req, &st->job, write_failed);
    return true;
}

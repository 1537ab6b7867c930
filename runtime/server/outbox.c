/* SPDX-License-Identifier: MIT */
/*
 * The outbox: queueing deliveries inside the writer's transaction, the
 * retry policy, and the worker thread that sends them. The worker owns a
 * store handle of its own and one sender, takes the deliveries that are
 * due into its slots (outbox_concurrency of them, at most half to one
 * target), runs their transfers side by side and records each attempt
 * in a transaction of its own as it finishes; a delivery interrupted by
 * a crash is still pending and is sent again after the restart, with the
 * same Idempotency-Key.
 */
#include "outbox.h"
#include "events_mail.h"
#include "registry.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "formbuilder/messages.h"
#include "json.h"
#include "log.h"
#include "metrics.h"
#include "outbox_files.h"
#include "payload.h"
#include "save.h"
#include "send.h"
#include "track.h"

/* Due deliveries looked at per look at the database: enough to find
 * work for the free slots past those of targets at their share. */
#define DUE_SCAN 1024
/* Seconds a claim outlives the worst case of its attempt, when instances
 * share the database. */
#define LEASE_MARGIN 30

void
fb_outbox_config_defaults(struct fb_outbox_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->connect_timeout = 10;
    cfg->timeout = 30;
    cfg->max_attempts = 20;
    cfg->max_age = 3 * 86400;
    cfg->retry_base = 10;
    cfg->retry_max = 3600;
    cfg->poll_ms = 500;
    cfg->concurrency = 8;
    snprintf(cfg->smtp_url, sizeof cfg->smtp_url, "smtp://127.0.0.1:25");
    snprintf(cfg->smtp_from, sizeof cfg->smtp_from, "formbuilder@localhost");
    cfg->smtp_starttls = true;
    snprintf(cfg->notify_url, sizeof cfg->notify_url,
             "https://api.notifications.service.gov.uk");
    snprintf(cfg->notify_key_env, sizeof cfg->notify_key_env,
             "NOTIFY_API_KEY");
    cfg->pay_timeout = 10;
    cfg->pay_poll = 30;
    cfg->pay_recheck = 60;
    cfg->pay_abandon = 24 * 3600;
    snprintf(cfg->files_dir, sizeof cfg->files_dir, "var/files");
    cfg->file_link_valid = 7 * 86400;
}

void
fb_outbox_target_name(const struct fb_forward_desc *t, char *out, size_t cap)
{
    if (!t)
        snprintf(out, cap, "confirmation");
    else if (t->kind == FB_TARGET_HTTP)
        snprintf(out, cap, "%s", t->url);
    else if (t->kind == FB_TARGET_EMAIL)
        snprintf(out, cap, "mailto:%s", t->email);
    else
        snprintf(out, cap, "file:%s", t->file);
}

/* One row for target @p index (-1: the confirmation email). */
static int
add_one(struct fb_store *s, const struct fb_form_desc *f, int index,
        const char *reference, const char *event, const char *language,
        long long now)
{
    struct fb_delivery d = {0};
    snprintf(d.reference, sizeof d.reference, "%s", reference);
    snprintf(d.form, sizeof d.form, "%s", f->slug);
    d.target = index;
    fb_outbox_target_name(index >= 0 ? &f->forwards[index] : NULL,
                          d.target_name, sizeof d.target_name);
    /* A booking can change more than once: its later events are told
     * apart by when they happened, so each is delivered. */
    if (strcmp(event, "submitted") == 0)
        snprintf(d.event, sizeof d.event, "%s", event);
    else
        snprintf(d.event, sizeof d.event, "%s@%lld", event, now);
    snprintf(d.language, sizeof d.language, "%s", language);
    d.created_at = now;
    d.next_at = now;
    return s->ops->delivery_add(s, &d);
}

int
fb_outbox_add(struct fb_store *s, const struct fb_form_desc *f,
              const char *reference, const char *event, const char *language,
              long long now)
{
    bool submitted = strcmp(event, "submitted") == 0;
    for (size_t i = 0; i < f->n_forwards; i++) {
        /* Emails tell people about a submission; a booking's later
         * events go to the systems that keep it. */
        if (!submitted && f->forwards[i].kind == FB_TARGET_EMAIL)
            continue;
        if (add_one(s, f, (int)i, reference, event, language, now)
            != FB_STORE_OK)
            return FB_STORE_ERROR;
    }
    if (submitted && f->confirmation_email)
        return add_one(s, f, -1, reference, event, language, now);
    return FB_STORE_OK;
}

/* Checks variable @p name is set. @returns 0 or -1 with @p err set. */
static int
need_env(const char *form, const char *name, const char *what, char *err,
         size_t errlen)
{
    const char *v = getenv(name);
    if (v && *v)
        return 0;
    snprintf(err, errlen, "form %s: the environment variable %s (%s) is "
             "not set; set it before starting, so nothing is sent "
             "unauthenticated", form, name, what);
    return -1;
}

int
fb_outbox_check_env(const struct fb_form_desc *const *forms, size_t n,
                    const struct fb_outbox_config *cfg, char *err,
                    size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        const struct fb_form_desc *f = forms[i];
        bool notify = f->confirmation_email
                      && f->confirmation_email->via == FB_VIA_NOTIFY;
        bool smtp = f->confirmation_email
                    && f->confirmation_email->via == FB_VIA_SMTP;
        /* Save and return links are emails of the resident's too. */
        notify = notify || (f->save_return
                            && f->save_return->via == FB_VIA_NOTIFY);
        smtp = smtp || (f->save_return && f->save_return->via == FB_VIA_SMTP);
        for (size_t t = 0; t < f->n_forwards; t++) {
            const struct fb_forward_desc *fw = &f->forwards[t];
            if (fw->secret_env && need_env(f->slug, fw->secret_env,
                                           "the key deliveries are signed "
                                           "with", err, errlen) != 0)
                return -1;
            for (size_t h = 0; h < fw->n_headers; h++)
                if (need_env(f->slug, fw->headers[h].env, "a header's "
                             "value", err, errlen) != 0)
                    return -1;
            if (fw->kind == FB_TARGET_EMAIL) {
                notify = notify || fw->via == FB_VIA_NOTIFY;
                smtp = smtp || fw->via == FB_VIA_SMTP;
            }
        }
        if (f->events_secret_env
            && need_env(f->slug, f->events_secret_env, "the secret back "
                        "offices sign progress updates with", err, errlen)
                   != 0)
            return -1;
        if (notify && need_env(f->slug, cfg->notify_key_env, "the GOV.UK "
                               "Notify API key", err, errlen) != 0)
            return -1;
        if (smtp && cfg->smtp_user_env[0]
            && (need_env(f->slug, cfg->smtp_user_env, "the SMTP login",
                         err, errlen) != 0
                || need_env(f->slug, cfg->smtp_password_env, "the SMTP "
                            "password", err, errlen) != 0))
            return -1;
    }
    return 0;
}

void
fb_outbox_record(struct fb_delivery *d, const struct fb_send_result *r,
                 const struct fb_outbox_config *cfg, long long now,
                 double jitter)
{
    d->attempts++;
    d->last_at = now;
    d->last_status = r->status;
    snprintf(d->last_error, sizeof d->last_error, "%s", r->error);
    if (r->outcome == FB_SEND_OK) {
        d->state = FB_DELIVERY_DELIVERED;
        return;
    }
    if (r->outcome == FB_SEND_REFUSED) {
        d->state = FB_DELIVERY_FAILED;
        return;
    }
    if (d->attempts >= (int)cfg->max_attempts
        || now - d->created_at >= (long long)cfg->max_age) {
        d->state = FB_DELIVERY_DEAD;
        return;
    }
    /* base * 2^(attempts-1), at most retry_max, less up to half of it
     * at random so retries from one outage spread out. */
    double wait = cfg->retry_base;
    for (int i = 1; i < d->attempts && wait < cfg->retry_max; i++)
        wait *= 2;
    if (wait > cfg->retry_max)
        wait = cfg->retry_max;
    wait -= wait * 0.5 * (jitter < 0 ? 0 : jitter > 1 ? 1 : jitter);
    long long after = (long long)(wait + 0.5);
    if (r->retry_after > after)
        after = r->retry_after;
    d->state = FB_DELIVERY_PENDING;
    d->next_at = now + (after > 0 ? after : 1);
}

/* ---- the worker ---------------------------------------------------------- */

/* A delivery being attempted; busy while its transfer is in flight. */
struct slot {
    bool busy;
    struct fb_delivery d;
};

struct fb_outbox {
    const struct fb_outbox_config *cfg;
    const struct fb_registry *forms;
    struct fb_store *store;    /* the worker's own */
    struct fb_sender *sender;
    struct slot *slots;        /* cfg->concurrency of them */
    size_t n_busy;
    size_t finished;           /* attempts over since the last look */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool stopping;             /* guarded by lock */
    atomic_bool cancel;        /* the same, for the sender's transfers */
    struct fb_buf metrics;     /* guarded by lock: last counted */
    atomic_llong pending;
    atomic_llong oldest_age;
    atomic_bool store_ok;
    unsigned seed;
};

static const struct fb_form_desc *
find_form(const struct fb_outbox *o, const char *slug)
{
    /* The form as it is now: a target dropped since the submission is
     * reported as gone, as it is after a rebuild. */
    return fb_forms_find(fb_registry_forms(o->forms), slug, strlen(slug));
}

/* The target @p d was queued for, found by name so a form rebuilt with
 * its targets in another order still sends to the right one. @returns
 * false when the form no longer has it. */
static bool
find_target(const struct fb_form_desc *f, const struct fb_delivery *d,
            const struct fb_forward_desc **out)
{
    char name[FB_DELIVERY_TARGET_MAX];
    *out = NULL;
    if (strcmp(d->target_name, "confirmation") == 0)
        return f->confirmation_email != NULL;
    if (strcmp(d->target_name, FB_EVENTS_MAIL_TARGET) == 0)
        return f->events_secret_env != NULL;
    for (size_t i = 0; i < f->n_forwards; i++) {
        fb_outbox_target_name(&f->forwards[i], name, sizeof name);
        if (strcmp(name, d->target_name) == 0) {
            *out = &f->forwards[i];
            return true;
        }
    }
    return false;
}

/* "REFERENCE.EVENT.HASH": the same on every attempt, different for each
 * target (HASH: FNV-1a of the target's name) and each event (a booking's
 * later events carry "@TIME"). */
static void
idempotency_key(const struct fb_delivery *d, char *out, size_t cap)
{
    unsigned h = 2166136261u;
    for (const char *p = d->target_name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    snprintf(out, cap, "%s.%s.%08x", d->reference, d->event, h);
}

struct attempt {
    struct fb_outbox *o;
    const struct fb_form_desc *form;
    const struct fb_forward_desc *target; /* NULL: confirmation email */
    struct slot *slot;
    const struct fb_delivery *d;
    const struct fb_place *booking; /* the submission's, or NULL */
    const struct fb_payment *payment; /* the submission's, or NULL */
    struct fb_send_result *r;
    bool started;              /* a transfer is in flight: r comes later */
};

static void
out_of_memory(struct fb_send_result *r)
{
    r->outcome = FB_SEND_RETRY;
    snprintf(r->error, sizeof r->error, "out of memory");
}

/* The HTML of an email in @p lang: each paragraph of @p text escaped. */
static void
email_html(struct fb_buf *b, const char *text, enum fb_lang lang)
{
    fb_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><body style=\""
                   "font-family: arial, sans-serif; font-size: 19px\">\n"
                   "<p>", fb_lang_code(lang));
    for (const char *p = text; *p; p++) {
        if (p[0] == '\n' && p[1] == '\n') {
            fb_buf_puts(b, "</p>\n<p>");
            p++;
        } else if (*p == '\n') {
            fb_buf_puts(b, "<br>\n");
        } else {
            char one[2] = {*p, '\0'};
            fb_buf_xml_text(b, one);
        }
    }
    fb_buf_puts(b, "</p>\n</body></html>\n");
}

/* The track page's link in the resident's confirmation email, when the
 * form takes progress updates and the server knows its public address
 * (a relative link in an email leads nowhere). */
static void
resident_track_link(struct fb_buf *text, const struct attempt *a,
                    const char *reference, enum fb_lang lang)
{
    char track[600];
    const char *base = a->o->cfg->base_url;
    if (base[0] && fb_track_href(track, sizeof track, a->form, reference,
                                 lang))
        fb_buf_printf(text, "\n%s: %s%s\n",
                      fb_msg_text(FB_MSG_TRACK_LINK, lang), base, track);
}

static void
send_email(struct attempt *a, const struct fb_payload_input *in,
           const char *to, enum fb_email_via via, const char *template_id,
           bool staff, const char *key)
{
    /* In the language the resident used (docs/welsh.md). */
    int code = fb_lang_lookup(in->language);
    enum fb_lang lang = code < 0 ? FB_LANG_EN : (enum fb_lang)code;
    struct fb_msg_args args = {
        .text = fb_i18n_get(&a->form->title, lang),
        .reference = in->row->reference,
    };
    char subject[512];
    fb_msg_format(subject, sizeof subject,
                  staff ? FB_MSG_EMAIL_STAFF_SUBJECT
                        : FB_MSG_EMAIL_RESIDENT_SUBJECT,
                  &args, lang);
    struct fb_buf text, html;
    fb_buf_init(&text);
    fb_buf_init(&html);
    if (!staff)
        fb_buf_printf(&text, "%s\n\n",
                      fb_msg_text(FB_MSG_EMAIL_RECEIVED, lang));
    if (fb_payload_text(&text, in, staff) != 0) {
        out_of_memory(a->r);
    } else {
        if (!staff)
            resident_track_link(&text, a, in->row->reference, lang);
        if (!staff)
            fb_buf_printf(&text, "\n%s\n",
                          fb_msg_text(FB_MSG_EMAIL_KEEP, lang));
        email_html(&html, text.data, lang);
        struct fb_email m = {to, subject, text.data, html.data, key};
        if (text.failed || html.failed)
            out_of_memory(a->r);
        else if (via == FB_VIA_NOTIFY)
            a->started = fb_send_notify(a->o->sender, &m, template_id,
                                        fb_clock_now(), a->slot, a->r);
        else
            a->started = fb_send_smtp(a->o->sender, &m, a->slot, a->r);
    }
    fb_buf_free(&text);
    fb_buf_free(&html);
}

/* A progress update's email to the resident (events_mail.h), by the
 * confirmation email's way when the form has one, else SMTP. */
static void
send_update(struct attempt *a, const struct fb_submission_row *row,
            const char *key)
{
    struct fb_events_mail m;
    int rc = fb_events_mail_compose(a->o->store, a->form, row, a->d->event,
                                    a->o->cfg->base_url, &m);
    if (rc < 0) {
        a->r->outcome = FB_SEND_RETRY;
        snprintf(a->r->error, sizeof a->r->error, "database or memory: %s",
                 a->o->store->ops->errmsg(a->o->store));
    } else if (rc > 0) {
        a->r->outcome = FB_SEND_OK;
        snprintf(a->r->error, sizeof a->r->error, "not sent: no email "
                 "address, or the resident stopped update emails");
    } else {
        int code = fb_lang_lookup(row->language ? row->language : "en");
        struct fb_buf html;
        fb_buf_init(&html);
        email_html(&html, m.text.data,
                   code < 0 ? FB_LANG_EN : (enum fb_lang)code);
        struct fb_email e = {m.to, m.subject, m.text.data, html.data, key};
        const struct fb_confirmation_email_desc *ce =
            a->form->confirmation_email;
        if (html.failed)
            out_of_memory(a->r);
        else if (ce && ce->via == FB_VIA_NOTIFY)
            a->started = fb_send_notify(a->o->sender, &e, ce->template_id,
                                        fb_clock_now(), a->slot, a->r);
        else
            a->started = fb_send_smtp(a->o->sender, &e, a->slot, a->r);
        fb_buf_free(&html);
    }
    fb_buf_free(&m.text);
}

/* POSTs @p body to a->target; with `files: multipart`, after opening
 * every file the submission has (none missing, or nothing is sent). */
static void
send_http(struct attempt *a, const struct fb_submission_row *row,
          const struct fb_buf *body, bool xml, const char *key,
          const char *event)
{
    const struct fb_forward_desc *t = a->target;
    struct fb_http_delivery h = {
        .target = t, .body = body->data, .len = body->len,
        .content_type = xml ? "application/xml" : "application/json",
        .idempotency_key = key, .event = event, .now = fb_clock_now(),
        .multipart = t->files == FB_FILES_MULTIPART,
    };
    struct fb_http_file *files = NULL;
    if (h.multipart
        && fb_outbox_files_open(a->form, row->answers_json,
                                a->o->cfg->files_dir, &files, &h.n_files,
                                a->r) != 0)
        return;
    h.files = files;
    a->started = fb_send_http(a->o->sender, &h, a->slot, a->r);
    free(files);
}

/* Sends a->d with the stored submission @p row (store callback). */
static int
send_row(const struct fb_submission_row *row, void *cls)
{
    struct attempt *a = cls;
    const struct fb_delivery *d = a->d;
    char event[sizeof d->event];
    snprintf(event, sizeof event, "%.*s", (int)strcspn(d->event, "@"),
             d->event);
    struct fb_payload_input in = {a->form, row, event, d->language,
                                  a->booking, a->payment, NULL};
    char key[FB_DELIVERY_TARGET_MAX];
    idempotency_key(d, key, sizeof key);
    const struct fb_forward_desc *t = a->target;
    if (strcmp(d->target_name, FB_EVENTS_MAIL_TARGET) == 0) {
        send_update(a, row, key);
        return 0;
    }
    struct fb_buf body;
    fb_buf_init(&body);
    if (!t) {
        const struct fb_confirmation_email_desc *ce =
            a->form->confirmation_email;
        struct fb_answers *ans = fb_answers_new();
        const char *to = NULL;
        if (ans && fb_json_flatten(row->answers_json, ans) == 0)
            to = fb_answers_get(ans, ce->to);
        if (!ans) {
            out_of_memory(a->r);
        } else if (!to || !*to) {
            /* The resident left their address out: nothing to send. */
            a->r->outcome = FB_SEND_OK;
            snprintf(a->r->error, sizeof a->r->error, "no email address "
                     "was given, so no confirmation was sent");
        } else {
            send_email(a, &in, to, ce->via, ce->template_id, false, key);
        }
        fb_answers_free(ans);
    } else if (t->kind == FB_TARGET_EMAIL) {
        /* Staff get a signed link to each file; the resident never. */
        struct fb_file_links links;
        in.file_links = fb_outbox_file_links(a->o->cfg, fb_clock_now(),
                                             &links);
        send_email(a, &in, t->email, t->via, t->template_id, true, key);
    } else if (t->kind == FB_TARGET_FILE) {
        fb_buf_puts(&body, "{\"idempotency_key\": ");
        fb_buf_json_string(&body, key);
        fb_buf_puts(&body, ", \"payload\": ");
        if (fb_payload_json(&body, &in) != 0)
            out_of_memory(a->r);
        else {
            fb_buf_putc(&body, '}');
            fb_send_file(t->file, body.data, body.len, a->r);
        }
    } else {
        bool xml = t->format && strcmp(t->format, "xml") == 0;
        if ((xml ? fb_payload_xml(&body, &in) : fb_payload_json(&body, &in))
            != 0) {
            out_of_memory(a->r);
        } else {
            send_http(a, row, &body, xml, key, event);
        }
    }
    fb_buf_free(&body);
    return 0;
}

/* Sends the save and return link of a->d (save.h). Each attempt has a
 * token of its own, so each has its own Message-ID too: a mail client
 * never shows an earlier email's spent link in place of the newest. */
static void
send_save_link(struct attempt *a)
{
    struct fb_save_email e;
    if (fb_save_link_prepare(a->o->store, a->form, a->d, a->o->cfg, &e,
                             a->r)) {
        char key[FB_DELIVERY_TARGET_MAX + 16];
        idempotency_key(a->d, key, FB_DELIVERY_TARGET_MAX);
        size_t n = strlen(key);
        snprintf(key + n, sizeof key - n, "-%d", a->d->attempts + 1);
        struct fb_buf html;
        fb_buf_init(&html);
        email_html(&html, e.text.data, e.lang);
        struct fb_email m = {e.to, e.subject, e.text.data, html.data, key};
        const struct fb_save_return_desc *sr = a->form->save_return;
        if (html.failed)
            out_of_memory(a->r);
        else if (sr->via == FB_VIA_NOTIFY)
            a->started = fb_send_notify(a->o->sender, &m, sr->template_id,
                                        fb_clock_now(), a->slot, a->r);
        else
            a->started = fb_send_smtp(a->o->sender, &m, a->slot, a->r);
        fb_buf_free(&html);
    }
    fb_buf_free(&e.text);
}

static void
count_outcome(enum fb_send_outcome o)
{
    fb_metric_add(o == FB_SEND_OK      ? FB_METRIC_DELIVERY_OK
                  : o == FB_SEND_RETRY ? FB_METRIC_DELIVERY_RETRY
                                       : FB_METRIC_DELIVERY_REFUSED,
                  1);
}

/* Records the attempt at @p slot's delivery that came to @p r, and frees
 * the slot. */
static void
finish(struct fb_outbox *o, struct slot *slot, const struct fb_send_result *r)
{
    struct fb_delivery *d = &slot->d;
    slot->busy = false;
    o->n_busy--;
    o->finished++;
    if (r->outcome == FB_SEND_RETRY && atomic_load(&o->cancel))
        return;   /* abandoned for shutdown: not an attempt, still due */
    count_outcome(r->outcome);
    long long now = fb_clock_now();
    double jitter = (double)rand_r(&o->seed) / RAND_MAX;
    fb_outbox_record(d, r, o->cfg, now, jitter);
    static const char *const states[] = {"pending", "delivered", "failed",
                                         "dead"};
    /* The target's name and the status only: never a header, a body or
     * a secret. */
    /* A retry is the outbox working as meant; a delivery that needs
     * staff (failed, dead) is a warning. */
    fb_log(d->state == FB_DELIVERY_FAILED || d->state == FB_DELIVERY_DEAD
               ? FB_LOG_WARN : FB_LOG_INFO,
           "delivery %lld of %s (%s) to %s: %s, status %d, attempt %d",
           d->id, d->reference, d->event, d->target_name, states[d->state],
           r->status, d->attempts);
    /* The delivery and its submission's summary change together. */
    const struct fb_store_ops *ops = o->store->ops;
    if (ops->begin(o->store) != FB_STORE_OK
        || ops->delivery_update(o->store, d) != FB_STORE_OK
        || ops->commit(o->store) != FB_STORE_OK) {
        fb_log(FB_LOG_ERROR, "delivery %lld: cannot record the attempt "
               "(it will be made again): %s", d->id, ops->errmsg(o->store));
        ops->rollback(o->store);
    }
}

/* A transfer finished (fb_sender_run()'s callback). */
static void
transfer_done(void *tag, const struct fb_send_result *r, void *cls)
{
    finish(cls, tag, r);
}

/* Starts an attempt at @p slot's delivery: its transfer is then in
 * flight, or the attempt is over at once (a file, a refusal) and
 * recorded. */
static void
begin(struct fb_outbox *o, struct slot *slot)
{
    struct fb_delivery *d = &slot->d;
    struct fb_send_result r = {0};
    const struct fb_form_desc *f = find_form(o, d->form);
    const struct fb_forward_desc *t = NULL;
    struct fb_place place;
    struct attempt a = {o, f, NULL, slot, d, NULL, NULL, &r, false};
    slot->busy = true;
    o->n_busy++;
    if (f && strcmp(d->target_name, FB_SAVE_LINK_TARGET) == 0) {
        send_save_link(&a);
        if (!a.started)
            finish(o, slot, &r);
        return;
    }
    if (!f || !find_target(f, d, &t)) {
        r.outcome = FB_SEND_REFUSED;
        snprintf(r.error, sizeof r.error, "%s", f ? "this target is no "
                 "longer in the form" : "this server no longer has the "
                 "form");
        finish(o, slot, &r);
        return;
    }
    a.target = t;
    const struct fb_store_ops *ops = o->store->ops;
    int rc = f->booking ? ops->place_by_reference(o->store, d->reference,
                                                  &place)
                        : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_OK)
        a.booking = &place;
    /* The fee paid (pay.h): told to the back office with the form. */
    struct fb_payment payment;
    if ((rc == FB_STORE_OK || rc == FB_STORE_NOT_FOUND) && f->payment) {
        rc = ops->payment_get(o->store, d->reference, &payment);
        if (rc == FB_STORE_OK && strcmp(payment.status, "success") == 0)
            a.payment = &payment;
    }
    if (rc == FB_STORE_OK || rc == FB_STORE_NOT_FOUND)
        rc = ops->submission_by_reference(o->store, d->reference, send_row,
                                          &a);
    if (rc == FB_STORE_NOT_FOUND) {
        r.outcome = FB_SEND_REFUSED;
        snprintf(r.error, sizeof r.error, "the submission has been "
                 "purged");
    } else if (rc != FB_STORE_OK) {
        r.outcome = FB_SEND_RETRY;
        snprintf(r.error, sizeof r.error, "database: %s",
                 ops->errmsg(o->store));
    }
    if (!a.started)
        finish(o, slot, &r);
}

/* The most transfers one target may have in flight: half the slots,
 * rounded up, so one that hangs leaves the rest to the others. */
static size_t
target_share(const struct fb_outbox *o)
{
    return (o->cfg->concurrency + 1) / 2;
}

/* Due deliveries taken for the free slots, begun once the look at the
 * database is over (so no store call runs inside another). */
struct due {
    struct fb_outbox *o;
    struct fb_delivery *items; /* as many as slots are free */
    size_t n, cap;
};

/* Counts into *@p same the deliveries to @p d's target among @p n of
 * @p list. @returns whether @p d, or another delivery of its submission
 * to its target (an earlier event), is one of them. */
static bool
among(const struct fb_delivery *d, const struct fb_delivery *list, size_t n,
      size_t *same)
{
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].target_name, d->target_name) != 0)
            continue;
        (*same)++;
        found = found || strcmp(list[i].reference, d->reference) == 0;
    }
    return found;
}

/* Takes a due delivery unless it, or an earlier event of its submission
 * to the same target, is in flight or taken already (so a target gets a
 * booking's events in the order they happened), or its target has its
 * share (delivery_due callback, soonest first); stops once every free
 * slot has one. */
static int
take_due(const struct fb_delivery *d, void *cls)
{
    struct due *due = cls;
    const struct fb_outbox *o = due->o;
    size_t same = 0;
    bool taken = among(d, due->items, due->n, &same);
    for (size_t i = 0; i < o->cfg->concurrency; i++)
        if (o->slots[i].busy)
            taken = among(d, &o->slots[i].d, 1, &same) || taken;
    if (!taken && same < target_share(o))
        due->items[due->n++] = *d;
    return due->n < due->cap ? 0 : 1;
}

struct claimed {
    struct fb_delivery *items;
    size_t n, cap;
};

static int
collect_claimed(const struct fb_delivery *d, void *cls)
{
    struct claimed *c = cls;
    c->items[c->n++] = *d;
    return c->n < c->cap ? 0 : 1;
}

/* Writes into @p out the names of the targets with their share of the
 * slots in flight, FB_TARGETS_SEPARATOR between them: a claim leaves
 * them out. @returns false when out of memory. */
static bool
targets_at_share(const struct fb_outbox *o, struct fb_buf *out)
{
    for (size_t i = 0; i < o->cfg->concurrency; i++) {
        const struct fb_delivery *d = &o->slots[i].d;
        size_t same = 0, earlier = 0;
        if (!o->slots[i].busy)
            continue;
        for (size_t k = 0; k < o->cfg->concurrency; k++)
            if (o->slots[k].busy
                && strcmp(o->slots[k].d.target_name, d->target_name) == 0) {
                same++;
                earlier += k < i;
            }
        if (earlier == 0 && same >= target_share(o)) {   /* once a name */
            if (out->len)
                fb_buf_puts(out, FB_TARGETS_SEPARATOR);
            fb_buf_puts(out, d->target_name);
        }
    }
    return !out->failed;
}

/* Instances sharing the database claim what they take, each claim leased
 * for one attempt's worst case, so a crashed instance's claims come due
 * again. The targets at their share are left out of the claim (else a
 * hanging one's backlog, soonest due, would be claimed and handed back
 * on every look, and the others never reached); a claim this instance's
 * rules still turn down (an earlier event of its submission in flight, a
 * target reaching its share within this claim) is handed back at once
 * with its due time. */
static int
claim_due(struct fb_outbox *o, struct due *due)
{
    const struct fb_store_ops *ops = o->store->ops;
    struct claimed c = {calloc(due->cap, sizeof *c.items), 0, due->cap};
    struct fb_buf skip;
    fb_buf_init(&skip);
    if (!c.items || !targets_at_share(o, &skip)) {
        free(c.items);
        fb_buf_free(&skip);
        return FB_STORE_ERROR;
    }
    long long now = fb_clock_now();
    long long lease = now + LEASE_MARGIN + o->cfg->timeout
                      + o->cfg->connect_timeout;
    int rc = ops->delivery_claim(o->store, now, lease, c.cap,
                                 skip.len ? skip.data : "", collect_claimed,
                                 &c);
    fb_buf_free(&skip);
    for (size_t k = 0; k < c.n; k++) {
        size_t taken = due->n;
        take_due(&c.items[k], due);
        if (due->n == taken
            && ops->delivery_update(o->store, &c.items[k]) != FB_STORE_OK)
            rc = FB_STORE_ERROR;
    }
    free(c.items);
    return rc;
}

/* Begins an attempt at each due delivery the free slots can take. */
static void
start_due(struct fb_outbox *o, struct fb_delivery *items)
{
    struct due due = {o, items, 0, o->cfg->concurrency - o->n_busy};
    if (due.cap == 0)
        return;
    int rc = o->store->ops->shared
                 ? claim_due(o, &due)
                 : o->store->ops->delivery_due(o->store, fb_clock_now(),
                                               DUE_SCAN, take_due, &due);
    if (rc == FB_STORE_ERROR) {
        atomic_store(&o->store_ok, false);
        return;
    }
    for (size_t k = 0; k < due.n; k++)
        for (size_t i = 0; i < o->cfg->concurrency; i++)
            if (!o->slots[i].busy) {
                o->slots[i].d = items[k];
                begin(o, &o->slots[i]);
                break;
            }
}

/* Prometheus label text: \ and " escaped. */
static void
label_value(struct fb_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"')
            fb_buf_putc(b, '\\');
        if (*s == '\n')
            fb_buf_puts(b, "\\n");
        else
            fb_buf_putc(b, *s);
    }
}

struct counting {
    struct fb_buf *b;
    long long pending;
};

static void
count_row(enum fb_delivery_state state, const char *target, long long n,
          void *cls)
{
    static const char *const states[] = {"pending", "delivered", "failed",
                                         "dead"};
    struct counting *c = cls;
    fb_buf_printf(c->b, "formbuilder_deliveries{state=\"%s\",target=\"",
                  states[state]);
    label_value(c->b, target);
    fb_buf_printf(c->b, "\"} %lld\n", n);
    if (state == FB_DELIVERY_PENDING)
        c->pending += n;
}

/* Counts the deliveries for /metrics and /healthz. */
static void
refresh_counts(struct fb_outbox *o)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "# HELP formbuilder_deliveries Deliveries in the "
                    "outbox by state and target.\n"
                    "# TYPE formbuilder_deliveries gauge\n");
    struct counting c = {&b, 0};
    long long oldest = 0;
    bool ok = o->store->ops->delivery_counts(o->store, count_row, &c,
                                             &oldest) == FB_STORE_OK;
    long long age = oldest ? fb_clock_now() - oldest : 0;
    fb_buf_printf(&b, "# HELP formbuilder_outbox_oldest_pending_seconds "
                      "Age of the oldest pending delivery.\n"
                      "# TYPE formbuilder_outbox_oldest_pending_seconds "
                      "gauge\nformbuilder_outbox_oldest_pending_seconds "
                      "%lld\n", age < 0 ? 0 : age);
    atomic_store(&o->store_ok, ok);
    atomic_store(&o->pending, c.pending);
    atomic_store(&o->oldest_age, age < 0 ? 0 : age);
    pthread_mutex_lock(&o->lock);
    if (ok && !b.failed) {
        fb_buf_free(&o->metrics);
        o->metrics = b;
    } else {
        fb_buf_free(&b);
    }
    pthread_mutex_unlock(&o->lock);
}

static bool
stopping(struct fb_outbox *o)
{
    pthread_mutex_lock(&o->lock);
    bool s = o->stopping;
    pthread_mutex_unlock(&o->lock);
    return s;
}

/* Waits up to poll_ms for work: the transfers in flight, or a stop. */
static void
idle(struct fb_outbox *o)
{
    if (fb_sender_in_flight(o->sender)) {
        fb_sender_run(o->sender, (int)o->cfg->poll_ms, transfer_done, o);
        return;
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)(o->cfg->poll_ms % 1000) * 1000000L;
    until.tv_sec += o->cfg->poll_ms / 1000 + until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&o->lock);
    if (!o->stopping)
        pthread_cond_timedwait(&o->cond, &o->lock, &until);
    pthread_mutex_unlock(&o->lock);
}

/* Milliseconds on a clock that only goes forward. */
static long long
monotonic_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void *
run(void *cls)
{
    struct fb_outbox *o = cls;
    struct fb_delivery *items = calloc(o->cfg->concurrency, sizeof *items);
    long long counted = 0;
    /* The forms its attempts read stay loaded while any is in flight: the
     * read section is renewed only when none is. */
    unsigned forms_ticket = fb_forms_read_begin();
    while (items && !stopping(o)) {
        if (o->n_busy == 0) {
            fb_forms_read_end(forms_ticket);
            forms_ticket = fb_forms_read_begin();
        }
        /* A slot freed or poll_ms past: look for due work. The counts
         * (a scan of the table) wait for poll_ms, however busy. */
        long long now = monotonic_ms();
        bool poll = counted == 0 || now - counted >= o->cfg->poll_ms;
        if (poll || o->finished) {
            o->finished = 0;
            start_due(o, items);
        }
        if (poll) {
            refresh_counts(o);
            counted = now;
        }
        idle(o);
    }
    if (!items)
        fb_log(FB_LOG_ERROR, "outbox: out of memory; nothing is sent");
    free(items);
    fb_forms_read_end(forms_ticket);
    return NULL;
}

struct fb_outbox *
fb_outbox_start(const struct fb_outbox_config *cfg, const char *db,
                const struct fb_registry *forms, char *err, size_t errlen)
{
    struct fb_outbox *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(err, errlen, "outbox: out of memory");
        return NULL;
    }
    o->cfg = cfg;
    o->forms = forms;
    const struct fb_forms *set = forms ? fb_registry_forms(forms) : NULL;
    if (set)
        fb_outbox_file_links_note(set->forms, set->n_forms, cfg);
    o->seed = (unsigned)time(NULL) ^ (unsigned)(size_t)o;
    fb_buf_init(&o->metrics);
    atomic_init(&o->store_ok, true);
    atomic_init(&o->pending, 0);
    atomic_init(&o->oldest_age, 0);
    pthread_mutex_init(&o->lock, NULL);
    pthread_cond_init(&o->cond, NULL);
    o->slots = calloc(cfg->concurrency ? cfg->concurrency : 1,
                      sizeof *o->slots);
    o->store = o->slots ? fb_store_open(db, err, errlen) : NULL;
    atomic_init(&o->cancel, false);
    o->sender = o->store ? fb_sender_new(cfg, &o->cancel) : NULL;
    if (!o->sender || pthread_create(&o->thread, NULL, run, o) != 0) {
        if (!o->slots)
            snprintf(err, errlen, "outbox: out of memory");
        else if (o->store && !o->sender)
            snprintf(err, errlen, "outbox: libcurl cannot start");
        else if (o->sender)
            snprintf(err, errlen, "outbox: cannot start its thread");
        fb_sender_free(o->sender);
        free(o->slots);
        if (o->store)
            o->store->ops->close(o->store);
        pthread_cond_destroy(&o->cond);
        pthread_mutex_destroy(&o->lock);
        free(o);
        return NULL;
    }
    return o;
}

void
fb_outbox_stop(struct fb_outbox *o)
{
    if (!o)
        return;
    pthread_mutex_lock(&o->lock);
    o->stopping = true;
    atomic_store(&o->cancel, true);
    pthread_cond_signal(&o->cond);
    fb_sender_wakeup(o->sender);
    pthread_mutex_unlock(&o->lock);
    pthread_join(o->thread, NULL);
    /* Transfers still in flight are dropped unrecorded: still pending. */
    fb_sender_free(o->sender);
    free(o->slots);
    o->store->ops->close(o->store);
    fb_buf_free(&o->metrics);
    pthread_cond_destroy(&o->cond);
    pthread_mutex_destroy(&o->lock);
    free(o);
}

void
fb_outbox_metrics_write(const struct fb_outbox *o, struct fb_buf *out)
{
    if (!o)
        return;
    struct fb_outbox *m = (struct fb_outbox *)o; /* the lock only */
    pthread_mutex_lock(&m->lock);
    if (o->metrics.len)
        fb_buf_putn(out, o->metrics.data, o->metrics.len);
    pthread_mutex_unlock(&m->lock);
}

bool
fb_outbox_backlog(const struct fb_outbox *o, long long *out_pending,
                  long long *out_oldest_age)
{
    *out_pending = o ? atomic_load(&o->pending) : 0;
    *out_oldest_age = o ? atomic_load(&o->oldest_age) : 0;
    return !o || atomic_load(&o->store_ok);
}

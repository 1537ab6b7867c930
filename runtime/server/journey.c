/* SPDX-License-Identifier: MIT */
/*
 * The pages of one form over HTTP. Each request walks the form (walk.h)
 * with the session's raw answers and the pages the resident has sent; the
 * walk decides where a resident may go, what the back link is, what check
 * your answers lists and what is submitted. This file only turns that into
 * pages, redirects and write jobs.
 */
#include "journey.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "address_page.h"
#include "booking_journey.h"
#include "booking_manage.h"
#include "clock.h"
#include "formbuilder/qtype.h"
#include "formbuilder/render.h"
#include "formbuilder/validate.h"
#include "formdata.h"
#include "journey_file.h"
#include "journey_priv.h"
#include "live.h"
#include "journey_repeat.h"
#include "prefill.h"
#include "start_again.h"
#include "assist.h"
#include "json.h"
#include "lang.h"
#include "log.h"
#include "lookup_page.h"
#include "metrics.h"
#include "pay.h"
#include "pay_pages.h"
#include "preview.h"
#include "save.h"
#include "session.h"
#include "session_cache.h"
#include "walk.h"
#include "track.h"

/* Everything a request allocates; freed when libmicrohttpd is done with
 * the request, after any write job has completed. */
struct state {
    struct fb_session *session;
    char *record;               /* session record being saved */
    char *answers_json;
    char submitted_at[FB_CLOCK_ISO_SIZE]; /* UTC ISO 8601 */
    struct fb_submission sub;
    struct fb_write_job job;
    /* What answering a failed write needs. */
    const struct fb_journey *j;
    const struct fb_form_desc *form;
    const struct fb_page_desc *page;  /* the page posted; NULL: submit */
    bool changing;
    char back[512];
    /* A booking hold or confirmation, run in the write job. */
    struct fb_booking_write booking;
    /* The payment row a submission of a form with `payment:` gets. */
    struct fb_pay_write pay;
    char holder[FB_HOLDER_MAX];
    char window[FB_PLACE_NAME_MAX];
    char quota_key[FB_PLACE_KEY_MAX];
};

static void
state_free(void *p)
{
    struct state *st = p;
    fb_session_free(st->session);
    free(st->record);
    free(st->answers_json);
    free(st);
}

/* ---- URLs and responses ---- */

static void
form_url(char *buf, size_t cap, const struct fb_form_desc *f,
         const char *rest)
{
    snprintf(buf, cap, "/%s/%s", f->slug, rest);
}

/* Where a resident should be now: the first page with errors, the exit
 * page, or check your answers. */
static void
resume_url(char *buf, size_t cap, const struct fb_form_desc *f,
           const struct fb_walk *w)
{
    if (w->incomplete && w->incomplete->repeat && w->item >= 0)
        snprintf(buf, cap, "/%s/%s/%ld", f->slug, w->incomplete->id,
                 w->item);
    else if (w->incomplete)
        form_url(buf, cap, f, w->incomplete->id);
    else if (w->exit)
        form_url(buf, cap, f, w->exit->id);
    else
        form_url(buf, cap, f, "check-answers");
}

static void
redirect_form(struct fb_request *req, const struct fb_form_desc *f,
              const char *rest)
{
    char url[512];
    form_url(url, sizeof url, f, rest);
    fb_request_redirect(req, url);
}

/* How many pattern limit hits the log has told of. */
static _Atomic unsigned long limit_hits_logged;

static void
server_error(struct fb_request *req)
{
    /* A pattern that stopped at PCRE2's limits fails its page (the
     * resident's answer is not to blame): say so in the log. */
    unsigned long hits = fb_regex_limit_hits();
    unsigned long seen = atomic_exchange(&limit_hits_logged, hits);
    if (hits > seen)
        fb_log(FB_LOG_ERROR, "%s %s: a pattern rule stopped at the regex "
               "match limit (%lu so far); the page was not checked",
               fb_request_method(req), fb_request_path(req), hits);
    /* Never "your answers have been saved". A POST that ends here has
     * stored nothing (every caller answers before it queues a write), so
     * the resident is told so; a GET's page claims nothing either way. */
    const char *path = fb_request_path(req);
    size_t len = strlen(path);
    if (strcmp(fb_request_method(req), "POST") != 0) {
        fb_send_message(req, 500, FB_MSG_SERVER_ERROR_TITLE,
                        FB_MSG_SERVER_ERROR_BODY, NULL);
    } else if (len > 7 && strcmp(path + len - 7, "/submit") == 0) {
        char check[512];
        snprintf(check, sizeof check, "%.*s/check-answers",
                 (int)(len - 7 < 400 ? len - 7 : 400), path);
        fb_send_message(req, 500, FB_MSG_NOT_SENT_TITLE,
                        FB_MSG_NOT_SENT_BODY, check);
    } else {
        fb_send_message(req, 500, FB_MSG_NOT_SAVED_TITLE,
                        FB_MSG_NOT_SAVED_BODY, NULL);
    }
}

/* A read of the store failed. When the database server is away
 * (restarting, failing over) the resident gets 503 "try again soon"
 * rather than a 500: nothing was written, and the next request
 * reconnects. */
static void
store_error(struct fb_request *req, const struct fb_journey *j)
{
    fb_log(FB_LOG_ERROR, "%s %s: store: %s", fb_request_method(req),
           fb_request_path(req), j->reader->ops->errmsg(j->reader));
    if (j->reader->ops->lost(j->reader))
        fb_send_message(req, 503, FB_MSG_UNAVAILABLE_TITLE,
                        FB_MSG_UNAVAILABLE_BODY, NULL);
    else
        server_error(req);
}

/* The page of walk @p w that asks question @p id, or NULL. */
static const struct fb_page_desc *
walk_page_asking(const struct fb_walk *w, const char *id)
{
    for (size_t i = 0; i < w->n; i++)
        for (size_t k = 0; k < w->pages[i]->n_questions; k++)
            if (strcmp(w->pages[i]->questions[k]->id, id) == 0)
                return w->pages[i];
    return NULL;
}

/* Check answers and submit need a whole journey. @returns true with the
 * walk in @p w (free it with fb_walk_free()); otherwise @p w is freed, the
 * resident is sent where the journey stops (the first page with errors, or
 * the exit page) or gets a 500, and @returns false. */
static bool
walk_complete(struct fb_request *req, const struct fb_form_desc *f,
              const struct fb_progress *prog, struct fb_walk *w)
{
    struct fb_date today = fb_clock_today();
    if (fb_walk_run(w, f, prog->raw, prog->seen, &today) != 0) {
        server_error(req);
        return false;
    }
    if (w->incomplete || w->exit) {
        char url[512];
        resume_url(url, sizeof url, f, w);
        fb_walk_free(w);
        fb_request_redirect(req, url);
        return false;
    }
    return true;
}

static void
bad_request(struct fb_request *req, enum fb_msg why, const char *text)
{
    fb_send_message(req, 400, FB_MSG_NOT_ACCEPTED_TITLE, why, text);
}

static void
csrf_failed(struct fb_request *req, const struct fb_form_desc *f)
{
    char start[256];
    form_url(start, sizeof start, f, "");
    fb_send_message(req, 403, FB_MSG_EXPIRED_TITLE, FB_MSG_EXPIRED_BODY,
                    start);
}

static struct state *
new_state(struct fb_request *req)
{
    struct state *st = calloc(1, sizeof *st);
    if (st)
        fb_request_set_state(req, st, state_free);
    return st;
}

/* The language of @p f's pages for session @p s (NULL: none yet), also
 * the one its message pages are written in. */
static enum fb_lang
page_lang(struct fb_request *req, const struct fb_form_desc *f,
          const struct fb_session *s)
{
    enum fb_lang lang =
        fb_lang_of_request(req, s ? s->lang : -1, fb_lang_offered(f));
    fb_request_set_lang(req, lang);
    return lang;
}

/* The language link of a page of @p f in @p lang, its href in @p buf;
 * none for a form in one language. */
static struct fb_lang_link
lang_link(char *buf, size_t cap, struct fb_request *req,
          const struct fb_form_desc *f, enum fb_lang lang, bool post)
{
    struct fb_lang_link link = {
        .href = fb_lang_href(buf, cap, req, lang, fb_lang_offered(f), post),
    };
    link.post = post && link.href;
    return link;
}

/*
 * Loads the stored session the cookie names, unless it is missing,
 * damaged or idle for too long. With @p any, a request without one gets a
 * session that is not stored (nothing is written until its first valid
 * POST): under the cookie's id when no record has that id (an earlier
 * page handed it out), else under a new id, and then *out_new_id is set:
 * the caller must send the cookie. When the store cannot be read, answers
 * 500 (server_error()) and @returns NULL with *out_failed set: a resident
 * whose record could not be read is not told their session expired.
 */
static struct fb_session *
load_session(struct fb_request *req, const struct fb_journey *j, bool any,
             bool *out_new_id, bool *out_failed)
{
    *out_failed = false;
    const char *id = fb_request_cookie(req, FB_SESSION_COOKIE);
    struct fb_session *s = NULL;
    bool unknown = false, idle = false;
    if (id && fb_token_valid(id)) {
        char *record = NULL;
        long long saved = 0;
        int rc = j->sessions
                         && fb_session_cache_get(j->sessions, id, &record,
                                                 &saved)
                     ? FB_STORE_OK
                     : j->reader->ops->session_load(j->reader, id, &record,
                                                    &saved);
        idle = rc == FB_STORE_OK
               && fb_clock_now() - saved > (long long)j->cfg->session_idle;
        if (rc == FB_STORE_OK && !idle)
            s = fb_session_decode(id, record);
        else if (rc == FB_STORE_NOT_FOUND)
            unknown = true;
        free(record);
        if (rc == FB_STORE_ERROR) {
            *out_failed = true;
            store_error(req, j);
            return NULL;
        }
    }
    if (s || !any)
        return s;
    /* An idle or damaged record's id is not taken over: a new one. */
    s = fb_session_new(j->key, unknown ? id : NULL);
    if (s && !unknown)
        *out_new_id = true;
    if (s)
        s->timed_out = idle;
    return s;
}

/* Sends the cookie of a session id the browser does not have yet. */
static bool
send_cookie(struct fb_request *req, const struct fb_journey *j,
            const struct fb_session *s)
{
    char cookie[256];
    snprintf(cookie, sizeof cookie,
             FB_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax%s",
             s->id, j->cfg->secure_cookies ? "; Secure" : "");
    return fb_request_add_header(req, "Set-Cookie", cookie) == 0;
}

/* Queues the session for saving and answers once it is stored; if that
 * fails, @p failed answers instead (http.h). */
static bool
defer_save(struct fb_request *req, struct state *st,
           fb_write_failed_fn failed)
{
    return fb_journey_defer_session(req, st->session, &st->record, &st->job,
                                    failed);
}

/* The page before @p p in the walk, as a URL; the start page for the
 * first. */
static void
back_url(char *buf, size_t cap, const struct fb_form_desc *f,
         const struct fb_walk *w, const struct fb_page_desc *p, bool changing)
{
    long i = fb_walk_index(w, p);
    if (changing)
        form_url(buf, cap, f, "check-answers");
    else if (i > 0)
        form_url(buf, cap, f, w->pages[i - 1]->id);
    else
        form_url(buf, cap, f, "");
}

/* Writes page @p p showing @p raw again with @p errors (or none); its
 * questions' conditions are tested on @p w's normalised answers of the
 * pages before it. */
static void
render_page_view(struct fb_request *req, const struct fb_journey *j,
                 const struct fb_form_desc *f, const struct fb_page_desc *p,
                 const struct fb_session *s, const struct fb_answers *raw,
                 const struct fb_walk *walk, const struct fb_errors *errors,
                 const char *back, bool changing, unsigned status,
                 const struct fb_address_view *address_view)
{
    char form_href[256], action[512], lang_href[600];
    struct fb_date today = fb_clock_today();
    enum fb_lang lang = page_lang(req, f, s);
    bool post = strcmp(fb_request_method(req), "POST") == 0;
    /* A booking page shows places left from the store: the month asked
     * for (checked by the caller), else the one of the answer. */
    struct fb_booking_month month = { 0 };
    struct fb_date asked;
    bool booking = f->booking && fb_booking_page_question(p);
    if (booking) {
        char holder[FB_HOLDER_MAX];
        fb_booking_holder(holder, s->id, f->slug, false);
        bool given = fb_booking_month_param(fb_request_query(req, "month"),
                                            &asked) == 1;
        if (fb_booking_page_month(j->reader, f, raw, given ? &asked : NULL,
                                  holder, &month)
            != FB_STORE_OK) {
            fb_booking_month_free(&month);
            store_error(req, j);
            return;
        }
    }
    form_url(form_href, sizeof form_href, f, "");
    /* An explicit action without a fragment: after following an error
     * summary link (#field) and sending again, the new page opens at its
     * focused error summary, not at the old fragment. */
    snprintf(action, sizeof action, "/%s/%s%s", f->slug, p->id,
             changing ? "?change=1" : "");
    struct fb_render_ctx ctx = {
        .form = f,
        .page = p,
        .answers = raw,
        .known = walk->eff,
        .errors = errors,
        .lang = lang,
        .today = &today,
        .form_href = form_href,
        .assets_href = "/assets/",
        .action = action,
        .back_href = back,
        .csrf_token = s->csrf,
        .changing = changing,
        .availability = booking ? &month.availability : NULL,
        .lang_link = lang_link(lang_href, sizeof lang_href, req, f, lang,
                               post && !p->exit),
        .address_view = address_view,
    };
    struct fb_html w;
    fb_html_init(&w);
    char save_href[512];
    fb_assist_ctx(&ctx, s, f);
    fb_save_render_ctx(&ctx, j, f, save_href, sizeof save_href);
    fb_render_page(&w, &ctx);
    fb_booking_month_free(&month);
    if (j->preview)
        fb_preview_decorate(&w, f, p, walk->eff, &today);
    fb_send_html(req, status, &w);
}

/* render_page_view() with the address step of a GET (address_page.h). */
static void
render_page(struct fb_request *req, const struct fb_journey *j,
            const struct fb_form_desc *f, const struct fb_page_desc *p,
            const struct fb_session *s, const struct fb_answers *raw,
            const struct fb_walk *walk, const struct fb_errors *errors,
            const char *back, bool changing, unsigned status)
{
    struct fb_address_page ap;
    fb_address_page_init(&ap);
    bool post = strcmp(fb_request_method(req), "POST") == 0;
    if (!post)
        fb_address_page_get(&ap, f, p, raw,
                            fb_request_query(req, "address"), changing);
    render_page_view(req, j, f, p, s, raw, walk, errors, back, changing,
                     status, fb_address_page_view(&ap));
    fb_address_page_done(&ap);
}

/* Parses a posted body, refusing malformed data, unknown fields and a
 * filled honeypot with a 400 page, and a wrong CSRF token with a 403.
 * @returns the fields (caller frees), or NULL when a response was set. */
static struct fb_answers *
read_post(struct fb_request *req, const struct fb_journey *j,
          const struct fb_form_desc *f, const struct fb_page_desc *page,
          const struct fb_session *s)
{
    size_t len;
    const char *body = fb_request_body(req, &len);
    if (len > 0 && !fb_request_is_urlencoded(req)) {
        bad_request(req, FB_MSG_BODY_TYPE, NULL);
        return NULL;
    }
    struct fb_answers *fields = fb_answers_new();
    if (!fields) {
        server_error(req);
        return NULL;
    }
    enum fb_formdata_status st =
        fb_formdata_parse(body, len, j->cfg->max_fields, fields);
    if (st != FB_FORMDATA_OK) {
        if (st == FB_FORMDATA_NOMEM)
            server_error(req);
        else
            bad_request(req, fb_formdata_message(st), NULL);
        fb_answers_free(fields);
        return NULL;
    }
    if (!s || !fb_token_equal(fb_answers_get(fields, FB_CSRF_FIELD),
                              s->csrf)
        || fb_answers_count(fields, FB_CSRF_FIELD) != 1) {
        csrf_failed(req, f);
        fb_answers_free(fields);
        return NULL;
    }
    const char *name, *value;
    for (size_t i = 0; fb_answers_at(fields, i, &name, &value); i++) {
        if (strcmp(name, FB_CSRF_FIELD) == 0)
            continue;
        if (strcmp(name, FB_HONEYPOT_FIELD) == 0) {
            if (value[0]) {
                /* Honest and simple: a bot gets a plain refusal and
                 * nothing is stored. */
                bad_request(req, FB_MSG_HONEYPOT_FILLED, NULL);
                fb_answers_free(fields);
                return NULL;
            }
            continue;
        }
        /* A repeating page's summary and remove page post their yes/no
         * (journey_repeat.c). */
        if (page && page->repeat
            && (strcmp(name, FB_REPEAT_ADD_FIELD) == 0
                || strcmp(name, FB_REPEAT_REMOVE_FIELD) == 0))
            continue;
        if (!page || (!fb_page_has_field(page, name)
                      && !fb_file_post_field(page, name))) {
            char field[84];
            snprintf(field, sizeof field, "%.80s", name);
            bad_request(req, FB_MSG_UNKNOWN_FIELD, field);
            fb_answers_free(fields);
            return NULL;
        }
    }
    fb_answers_remove(fields, FB_CSRF_FIELD);
    fb_answers_remove(fields, FB_HONEYPOT_FIELD);
    return fields;
}

/* ---- answering a write that failed or was refused ---- */

/* The page's answers were not stored: the page again with @p status, the
 * answers as typed and an error summary @p why (with @p count) saying
 * nothing was saved or sent. (Its one entry names no question, so no
 * field is marked wrong; it links to the page's first question.)
 * @returns false, with nothing set, when even that fails. */
static bool
page_again(struct fb_request *req, struct state *st, enum fb_msg why,
           long count, unsigned status)
{
    struct fb_progress *prog =
        fb_session_progress(st->session, st->form->slug, false);
    struct fb_errors *errs = fb_errors_new();
    struct fb_date today = fb_clock_today();
    struct fb_walk w;
    if (!prog || !errs
        || fb_walk_run(&w, st->form, prog->raw, prog->seen, &today) != 0) {
        fb_errors_free(errs);
        return false;
    }
    const struct fb_question_desc *bq = fb_booking_page_question(st->page);
    bool refused = st->job.status == FB_STORE_REFUSED && bq;
    char anchor[256] = "main-content";
    for (size_t i = 0; i < st->page->n_items; i++) {
        if (st->page->items[i].question) {
            fb_question_anchor(st->page->items[i].question, -1, anchor,
                               sizeof anchor);
            break;
        }
    }
    struct fb_error e = {
        .question = "",
        .anchor = anchor,
        .part = -1,
        .msg = why,
        .args = {.count = count},
    };
    /* A hold the store refused (the place was just taken, or the quota
     * is used up) is the booking question's error, not a failure. */
    int rc = refused ? fb_booking_error(errs, bq,
                                        fb_booking_verdict_message(
                                            st->booking.verdict, bq->type))
                     : fb_errors_add(errs, &e);
    bool shown = rc == 0;
    if (shown)
        render_page(req, st->j, st->form, st->page, st->session, prog->raw,
                    &w, errs, st->back, st->changing,
                    refused ? 409 : status);
    fb_walk_free(&w);
    fb_errors_free(errs);
    return shown;
}

/* The write failed (http.h): the page again, 503; or the http layer's
 * plain 503 page. */
static void
page_not_saved(struct fb_request *req, void *p)
{
    page_again(req, p, FB_MSG_NOT_SAVED_SUMMARY, 0, 503);
}

/* A 429 page says a wait of two minutes or more in minutes (its _MINUTES
 * message); Retry-After keeps the exact seconds. */
static bool
wait_in_minutes(unsigned seconds)
{
    return seconds >= 120;
}

/* The {count} of a 429 page's wait: seconds, or whole minutes rounded up. */
static long
wait_count(unsigned seconds)
{
    return wait_in_minutes(seconds) ? (long)(seconds + 59) / 60
                                    : (long)seconds;
}

/* Takes a token for a write of @p kind to form @p f. @returns true when
 * the rate limits allow it; otherwise counts the refusal, adds
 * Retry-After and @returns false with the seconds in *out_wait. */
static bool
rate_allows(struct fb_request *req, const struct fb_journey *j,
            const struct fb_form_desc *f, enum fb_limit_kind kind,
            unsigned *out_wait)
{
    size_t form = fb_forms_slot(fb_registry_forms(j->forms), f);
    struct fb_client_key client;
    fb_request_client(req, &client);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    enum fb_limit_verdict v = fb_limits_take(
        j->limits, kind, &client, form,
        (double)now.tv_sec + (double)now.tv_nsec / 1e9, out_wait);
    fb_metric_set(FB_METRIC_RATE_LIMIT_CLIENTS, fb_limits_clients(j->limits));
    if (v == FB_LIMIT_ALLOWED)
        return true;
    fb_metric_add(v == FB_LIMIT_FORM ? FB_METRIC_LIMITED_SUBMIT_FORM
                  : kind == FB_LIMIT_SUBMIT ? FB_METRIC_LIMITED_SUBMIT_CLIENT
                                            : FB_METRIC_LIMITED_POST_CLIENT,
                  1);
    char secs[16];
    snprintf(secs, sizeof secs, "%u", *out_wait);
    fb_request_add_header(req, "Retry-After", secs);
    return false;
}

/* A page POST over the client's limit: the page again, 429, saying to
 * wait @p wait seconds; nothing stored. */
static void
too_many_posts(struct fb_request *req, struct state *st, unsigned wait)
{
    if (!page_again(req, st, wait_in_minutes(wait)
                                 ? FB_MSG_TOO_MANY_SUMMARY_MINUTES
                                 : FB_MSG_TOO_MANY_SUMMARY,
                    wait_count(wait), 429))
        fb_send_message(req, 429, FB_MSG_TOO_MANY_TITLE,
                        FB_MSG_NOT_SAVED_BODY, NULL);
}

/* A call to an outside provider (an address search, a lookup) that a
 * POST of @p page needs: it costs the council a call, so it counts as a
 * page POST against the client's limit. Within it, @p fn(@p work) runs
 * off this thread and the POST is handled again with its answer (nothing
 * is answered yet); over it, the page again with 429. */
static void
defer_call(struct fb_request *req, struct state *st,
           const struct fb_journey *j, const struct fb_form_desc *f,
           const struct fb_page_desc *page, bool changing, const char *back,
           fb_request_work_fn fn, void *work, void (*free_fn)(void *))
{
    unsigned wait = 0;
    if (rate_allows(req, j, f, FB_LIMIT_POST, &wait)) {
        fb_request_defer_work(req, fn, work, free_fn);
        return;
    }
    free_fn(work);
    st->j = j;
    st->form = f;
    st->page = page;
    st->changing = changing;
    snprintf(st->back, sizeof st->back, "%s", back);
    too_many_posts(req, st, wait);
}

/* The submission was not stored: nothing was sent, and check your answers
 * (unchanged, with the same submit token) sends it again. A booking the
 * store refused (the hold ran out and the place was taken, or the quota
 * is used up) sends the resident back to the date page, which says why;
 * every answer is still in the session. */
static void
submit_not_sent(struct fb_request *req, void *p)
{
    struct state *st = p;
    const struct fb_page_desc *dp =
        fb_booking_page_of(st->form, FB_Q_BOOKING_DATE);
    if (st->job.status == FB_STORE_REFUSED && dp) {
        char url[512];
        enum fb_booking_verdict v = st->booking.verdict;
        snprintf(url, sizeof url, "/%s/%s?booking=%s", st->form->slug,
                 dp->id, v == FB_BOOKING_QUOTA          ? "quota"
                         : v == FB_BOOKING_NOT_OFFERED ? "closed"
                                                       : "gone");
        fb_request_redirect(req, url);
        return;
    }
    if (st->job.cap_reached) {
        fb_live_send_full(req, st->form);
        return;
    }
    char check[256];
    form_url(check, sizeof check, st->form, "check-answers");
    fb_send_message(req, 503, FB_MSG_NOT_SENT_TITLE, FB_MSG_NOT_SENT_BODY,
                    check);
}

/* ---- the routes of one form ---- */

static void
start_page(struct fb_request *req, const struct fb_journey *j,
           const struct fb_form_desc *f)
{
    bool failed;
    struct fb_session *s = load_session(req, j, false, NULL, &failed);
    if (failed)
        return;
    struct fb_progress *p = s ? fb_session_progress(s, f->slug, false)
                              : NULL;
    struct fb_answers *empty = fb_answers_new();
    struct fb_date today = fb_clock_today();
    struct fb_walk w;
    if (!empty
        || fb_walk_run(&w, f, p ? p->raw : empty, p ? p->seen : empty,
                       &today) != 0) {
        fb_answers_free(empty);
        fb_session_free(s);
        server_error(req);
        return;
    }
    char form_href[256], lang_href[600];
    form_url(form_href, sizeof form_href, f, "");
    enum fb_lang lang = page_lang(req, f, s);
    struct fb_render_ctx ctx = {
        .form = f,
        .lang = lang,
        .today = &today,
        .form_href = form_href,
        .assets_href = "/assets/",
        .back_href = "/",
        .journey = w.pages,
        .n_journey = w.n,
        .lang_link = lang_link(lang_href, sizeof lang_href, req, f, lang,
                               false),
    };
    struct fb_html html;
    fb_html_init(&html);
    fb_assist_ctx(&ctx, s, f);
    fb_render_start(&html, &ctx);
    if (j->preview)
        fb_preview_decorate(&html, f, NULL, NULL, NULL);
    fb_send_html(req, 200, &html);
    fb_walk_free(&w);
    fb_answers_free(empty);
    fb_session_free(s);
}

/* Fills the booking write of @p st (its holder set) for @p window of
 * @p day, with the quota key of the answers in @p w, now. */
static void
booking_write(struct state *st, const struct fb_form_desc *f,
              const struct fb_walk *w, struct fb_date day, const char *window)
{
    snprintf(st->window, sizeof st->window, "%s", window);
    fb_booking_quota_key(f->booking, w->out, st->quota_key,
                         sizeof st->quota_key);
    st->booking = (struct fb_booking_write){
        .cal = f->booking,
        .form = f->slug,
        .holder = st->holder,
        .day = day,
        .window = st->window,
        .quota_key = st->quota_key,
        .now = fb_clock_now(),
        .today = fb_clock_today(),
    };
}

/*
 * A booking page answered validly: the date page checks the store for
 * places left that day (it may have filled, or staff closed it), the
 * time page asks the writer for a hold on the window in the job that
 * saves the session. @returns 0 to go on, or 1 when the page was shown
 * again with its error (or a 500 was set).
 */
static int
booking_answered(struct fb_request *req, const struct fb_journey *j,
                 struct state *st, const struct fb_form_desc *f,
                 const struct fb_page_desc *page,
                 const struct fb_question_desc *q, struct fb_answers *raw,
                 const struct fb_walk *w, const char *back, bool changing)
{
    const struct fb_question_desc *dq =
        fb_form_booking_question(f, FB_Q_BOOKING_DATE);
    const char *day_text = dq ? fb_answers_get(w->out, dq->id) : NULL;
    struct fb_date day;
    if (!day_text || !fb_date_parse_iso(day_text, &day))
        return 0;   /* the walk stops before: nothing to book yet */
    fb_booking_holder(st->holder, st->session->id, f->slug, false);
    if (q->type == FB_Q_BOOKING_DATE) {
        struct fb_booking_month m;
        int rc = fb_booking_month_load(j->reader, f->booking, day,
                                       fb_clock_now(), st->holder, &m);
        int left = rc == FB_STORE_OK ? fb_booking_month_day_left(&m, &day)
                                     : 0;
        fb_booking_month_free(&m);
        if (rc != FB_STORE_OK) {
            store_error(req, j);
            return 1;
        }
        if (left > 0)
            return 0;
        struct fb_errors *errs = fb_errors_new();
        if (!errs || fb_booking_error(errs, q, FB_MSG_BOOKING_DAY_GONE) != 0)
            server_error(req);
        else
            render_page(req, j, f, page, st->session, raw, w, errs, back,
                        changing, 409);
        fb_errors_free(errs);
        return 1;
    }
    booking_write(st, f, w, day, fb_answers_get(w->out, q->id));
    st->job.step = fb_booking_hold_step;
    st->job.step_cls = &st->booking;
    return 0;
}

static void
question_page(struct fb_request *req, const struct fb_journey *j,
              const struct fb_form_desc *f, const struct fb_page_desc *page,
              bool post)
{
    struct state *st = new_state(req);
    bool new_id = false, failed = false;
    if (st)
        st->session = load_session(req, j, true, &new_id, &failed);
    if (failed)
        return;
    if (st && st->session && st->session->timed_out) {
        /* Idle too long: say what happened (save.h), not just start
         * again. */
        fb_save_timed_out(req, j, f, st->session);
        return;
    }
    if (st && post && new_id) {
        /* A POST needs the session its page was shown with. */
        fb_session_free(st->session);
        st->session = NULL;
    }
    if (!st || !st->session) {
        if (st && post)
            csrf_failed(req, f);
        else
            server_error(req);
        return;
    }
    struct fb_progress *prog = fb_session_progress(st->session, f->slug,
                                                   true);
    if (prog)   /* stored with the answers the first page's POST saves */
        fb_progress_pin(prog, f->version);
    bool changing = fb_request_query(req, "change") != NULL;
    struct fb_date today = fb_clock_today();
    struct fb_walk w;
    if (!prog || fb_walk_run(&w, f, prog->raw, prog->seen, &today) != 0) {
        server_error(req);
        return;
    }
    char url[512], back[512];
    if (fb_walk_index(&w, page) < 0) {
        /* Not reachable yet (or no longer applies): go where the
         * resident should be. A page past the first sent with no session
         * behind the cookie was shown from a session the idle sessions'
         * expiry has deleted since: the timeout page says so (save.h). */
        resume_url(url, sizeof url, f, &w);
        fb_walk_free(&w);
        if (post && st->session->is_new && !new_id)
            fb_save_timed_out(req, j, f, NULL);
        else
            fb_request_redirect(req, url);
        return;
    }
    back_url(back, sizeof back, f, &w, page, changing);
    const struct fb_question_desc *bq =
        f->booking ? fb_booking_page_question(page) : NULL;
    if (!post) {
        /* A page shown again shows its answers, not their errors; nothing
         * is stored, a new visitor only gets the cookie. The date page
         * may say why the resident was sent back to it. */
        struct fb_date month;
        if (bq && fb_booking_month_param(fb_request_query(req, "month"),
                                         &month) < 0) {
            fb_walk_free(&w);
            bad_request(req, FB_MSG_BAD_MONTH, NULL);
            return;
        }
        const char *why = bq ? fb_request_query(req, "booking") : NULL;
        struct fb_errors *errs = why ? fb_errors_new()
                                     : fb_prefill_errors(f, page, prog,
                                                         &today);
        enum fb_booking_verdict v = !why ? FB_BOOKING_OK
                                    : strcmp(why, "quota") == 0
                                        ? FB_BOOKING_QUOTA
                                    : strcmp(why, "closed") == 0
                                        ? FB_BOOKING_NOT_OFFERED
                                        : FB_BOOKING_GONE;
        if (why && errs
            && fb_booking_error(errs, bq,
                                fb_booking_verdict_message(v, bq->type))
                   != 0) {
            fb_errors_free(errs);
            fb_walk_free(&w);
            server_error(req);
            return;
        }
        render_page(req, j, f, page, st->session, prog->raw, &w, errs, back,
                    changing, 200);
        fb_errors_free(errs);
        fb_walk_free(&w);
        if (new_id && !send_cookie(req, j, st->session))
            server_error(req);
        return;
    }
    fb_walk_free(&w);
    if (page->exit) {
        /* An exit page has no form: nothing to post. */
        redirect_form(req, f, page->id);
        return;
    }
    enum fb_lang lang = page_lang(req, f, st->session);
    /* The language link of a page shown again after a POST: the page
     * posted to itself, shown again in the other language. */
    bool switching = fb_request_query(req, "switch") != NULL;
    struct fb_answers *fields = read_post(req, j, f, page, st->session);
    if (!fields)
        return;
    /* A file page: its answer is what the session holds, changed by the
     * files this POST added or removed (journey_file.h). */
    const struct fb_question_desc *fq = fb_page_file_question(page);
    struct fb_file_post_error ferr;
    enum fb_file_post fpost =
        fq ? fb_file_post_apply(req, j, fq, prog->raw, fields, &ferr)
           : FB_FILE_POST_GO;
    if (fpost == FB_FILE_POST_FAILED) {
        fb_answers_free(fields);
        return;
    }
    /* The page's answers are replaced by what was posted. */
    struct fb_answers *raw = fb_answers_new();
    if (!raw || fb_answers_copy(raw, prog->raw) != 0) {
        fb_answers_free(raw);
        fb_answers_free(fields);
        server_error(req);
        return;
    }
    /* A new day asks for a time again: the old window may not be free
     * that day. */
    const struct fb_question_desc *tq =
        bq && bq->type == FB_Q_BOOKING_DATE
            ? fb_form_booking_question(f, FB_Q_BOOKING_TIME)
            : NULL;
    const char *was = tq ? fb_answers_get(raw, bq->id) : NULL;
    const char *chosen = tq ? fb_answers_get(fields, bq->id) : NULL;
    bool new_day = tq && (!was || !chosen || strcmp(was, chosen) != 0);
    if (new_day)
        fb_answers_remove(raw, tq->id);
    /* An address found by postcode: a search or a choice (address_page.h). */
    struct fb_address_page ap;
    fb_address_page_init(&ap);
    enum fb_address_post addr = FB_ADDRESS_POST_GO_ON;
    if (fb_page_remove_fields(page, raw) != 0
        || fb_answers_copy(raw, fields) != 0
        || (addr = fb_address_page_post(
                &ap, f, page, raw, prog->raw, changing,
                fb_request_work(req, fb_address_work_free)))
               == FB_ADDRESS_POST_FAILED
        || (addr == FB_ADDRESS_POST_GO_ON
            && fb_progress_mark_seen(prog, page->id) != 0)
        || fb_walk_run(&w, f, raw, prog->seen, &today) != 0) {
        fb_address_page_done(&ap);
        fb_answers_free(raw);
        fb_answers_free(fields);
        server_error(req);
        return;
    }
    fb_answers_free(fields);
    if (fpost == FB_FILE_POST_ERROR) {
        struct fb_errors *ferrs = fb_errors_new();
        if (!ferrs || fb_errors_add(ferrs, &ferr.error) != 0)
            server_error(req);
        else
            render_page(req, j, f, page, st->session, raw, &w, ferrs, back,
                        changing, 422);
        fb_errors_free(ferrs);
        fb_address_page_done(&ap);
        fb_walk_free(&w);
        fb_answers_free(raw);
        return;
    }
    if (addr == FB_ADDRESS_POST_LOOKUP) {
        void *work = ap.work;
        ap.work = NULL;
        fb_address_page_done(&ap);
        fb_walk_free(&w);
        fb_answers_free(raw);
        defer_call(req, st, j, f, page, changing, back, fb_address_work_run,
                   work, fb_address_work_free);
        return;
    }
    if (addr == FB_ADDRESS_POST_SHOW
        || (w.incomplete == page && fpost != FB_FILE_POST_STAY)) {
        bool shown = addr == FB_ADDRESS_POST_SHOW;
        render_page_view(req, j, f, page, st->session, raw, &w,
                         shown ? ap.errs : w.errs, back, changing,
                         shown ? ap.status : 422,
                         fb_address_page_view(&ap));
        fb_address_page_done(&ap);
        fb_walk_free(&w);
        fb_answers_free(raw);
        return;
    }
    fb_address_page_done(&ap);
    /* Answers checked against their endpoints (lookup_page.h). */
    const char *refilled = NULL;
    if (w.incomplete != page) {
        struct fb_errors *lerrs;
        struct fb_lookup_work *lwork;
        enum fb_lookup_post lp = fb_lookup_page_post(
            page, w.out, raw, prog->raw,
            fb_request_work(req, fb_lookup_work_free), &lerrs, &lwork,
            &refilled);
        if (lp != FB_LOOKUP_POST_GO_ON) {
            if (lp == FB_LOOKUP_POST_SHOW)
                render_page(req, j, f, page, st->session, raw, &w, lerrs,
                            back, changing, 422);
            else if (lp == FB_LOOKUP_POST_FAILED)
                server_error(req);
            fb_errors_free(lerrs);
            fb_walk_free(&w);
            fb_answers_free(raw);
            if (lp == FB_LOOKUP_POST_CALL)
                defer_call(req, st, j, f, page, changing, back,
                           fb_lookup_work_run, lwork, fb_lookup_work_free);
            return;
        }
    }
    if (bq) {
        int rc = booking_answered(req, j, st, f, page, bq, raw, &w, back,
                                  changing);
        if (rc != 0) {
            fb_walk_free(&w);
            fb_answers_free(raw);
            return;
        }
    }
    /* Valid: keep the answers and go on (post/redirect/get). A change
     * that makes a page apply which the resident has not seen, or breaks
     * a later one, or refills a later answer from a lookup, asks it, then
     * returns to check your answers. */
    long i = fb_walk_index(&w, page);
    const struct fb_page_desc *refill_page =
        changing && refilled ? walk_page_asking(&w, refilled) : NULL;
    bool ask = changing && (w.incomplete || refill_page);
    if (switching || fpost == FB_FILE_POST_STAY)
        form_url(url, sizeof url, f, page->id);
    else if (refill_page && !w.incomplete)
        form_url(url, sizeof url, f, refill_page->id);
    else if (changing || i < 0 || (size_t)i + 1 >= w.n)
        resume_url(url, sizeof url, f, &w);
    else
        form_url(url, sizeof url, f, w.pages[i + 1]->id);
    /* The answers were given in this language: the session keeps it. */
    st->session->lang = (int)lang;
    fb_walk_free(&w);
    fb_answers_free(prog->raw);
    prog->raw = raw;
    const char *next = strrchr(url, '/') + 1;
    st->j = j;
    st->form = f;
    st->page = page;
    st->changing = changing;
    snprintf(st->back, sizeof st->back, "%s", back);
    unsigned wait = 0;
    if (!rate_allows(req, j, f, FB_LIMIT_POST, &wait)) {
        too_many_posts(req, st, wait);
        return;
    }
    if (fb_progress_set_position(prog, next) != 0
        || !defer_save(req, st, page_not_saved)) {
        server_error(req);
        return;
    }
    if (ask || ((switching || fpost == FB_FILE_POST_STAY) && changing))
        strncat(url, "?change=1", sizeof url - strlen(url) - 1);
    fb_request_redirect(req, url);
}

static void
check_answers(struct fb_request *req, const struct fb_journey *j,
              const struct fb_form_desc *f)
{
    struct state *st = new_state(req);
    struct fb_progress *prog = NULL;
    bool failed = false;
    if (st && (st->session = load_session(req, j, false, NULL, &failed)))
        prog = fb_session_progress(st->session, f->slug, false);
    if (failed)
        return;
    if (!prog) {
        redirect_form(req, f, "");
        return;
    }
    struct fb_walk w;
    if (!walk_complete(req, f, prog, &w))
        return;
    struct fb_date today = fb_clock_today();
    char form_href[256], back[512], action[512], lang_href[600];
    enum fb_lang lang = page_lang(req, f, st->session);
    form_url(form_href, sizeof form_href, f, "");
    if (w.n > 0)
        form_url(back, sizeof back, f, w.pages[w.n - 1]->id);
    else
        form_url(back, sizeof back, f, "");
    /* The one-time submit token travels in the form's action. */
    snprintf(action, sizeof action, "/%s/submit?token=%s", f->slug,
             prog->submit_token);
    struct fb_render_ctx ctx = {
        .form = f,
        .lang = lang,
        .lang_link = lang_link(lang_href, sizeof lang_href, req, f, lang,
                               false),
        .form_href = form_href,
        .assets_href = "/assets/",
        .action = action,
        .back_href = back,
        .csrf_token = st->session->csrf,
        .today = &today,
        .journey = w.pages,
        .n_journey = w.n,
        .summary = w.out,
        .known = w.eff,        /* repeating pages' counts */
    };
    struct fb_html html;
    fb_html_init(&html);
    fb_assist_ctx(&ctx, st->session, f);
    fb_render_check_answers(&html, &ctx);
    if (j->preview)
        fb_preview_decorate(&html, f, NULL, NULL, NULL);
    fb_send_html(req, 200, &html);
    fb_walk_free(&w);
}

static bool
is_list_question(const char *name, void *cls)
{
    const struct fb_form_desc *f = cls;
    const struct fb_question_desc *q = fb_form_find_question(f, name);
    return q && fb_qtype(q->type)->is_list;
}

/* Sets up the confirmation of the place the answers in @p w chose, in
 * the job that inserts the submission, with a new manage token kept in
 * @p prog for the confirmation page. @returns false when no randomness
 * or hashing is available. */
static bool
booking_to_confirm(struct state *st, const struct fb_form_desc *f,
                   struct fb_progress *prog, const struct fb_walk *w)
{
    const struct fb_question_desc *dq =
        fb_form_booking_question(f, FB_Q_BOOKING_DATE);
    const struct fb_question_desc *tq =
        fb_form_booking_question(f, FB_Q_BOOKING_TIME);
    const char *day = dq ? fb_answers_get(w->out, dq->id) : NULL;
    const char *win = tq ? fb_answers_get(w->out, tq->id) : NULL;
    struct fb_date d;
    if (!day || !win || !fb_date_parse_iso(day, &d))
        return true;   /* the booking questions did not apply */
    fb_booking_holder(st->holder, st->session->id, f->slug, false);
    booking_write(st, f, w, d, win);
    if (fb_manage_token_new(prog->booking_token) != 0
        || fb_manage_token_hash(prog->booking_token,
                                st->booking.token_hash) != 0)
        return false;
    st->job.step = fb_booking_confirm_step;
    st->job.step_cls = &st->booking;
    return true;
}

static void
submit(struct fb_request *req, const struct fb_journey *j,
       const struct fb_form_desc *f)
{
    struct state *st = new_state(req);
    if (!st) {
        server_error(req);
        return;
    }
    bool failed;
    st->session = load_session(req, j, false, NULL, &failed);
    if (failed)
        return;
    struct fb_answers *fields = read_post(req, j, f, NULL, st->session);
    if (!fields)
        return;
    fb_answers_free(fields);
    struct fb_progress *prog =
        fb_session_progress(st->session, f->slug, false);
    const char *token = fb_request_query(req, "token");
    if (!prog) {
        redirect_form(req, f, "");
        return;
    }
    if (!token || !fb_token_valid(token)) {
        bad_request(req, FB_MSG_NO_SUBMIT_TOKEN, NULL);
        return;
    }
    if (prog->submitted_token[0]
        && fb_token_equal(token, prog->submitted_token)) {
        /* Sent already (a double click or a replay): same confirmation. */
        redirect_form(req, f, "confirmation");
        return;
    }
    if (!fb_token_equal(token, prog->submit_token)) {
        redirect_form(req, f, "check-answers");
        return;
    }
    struct fb_walk w;
    if (!walk_complete(req, f, prog, &w))
        return;
    /* Sent in the language check your answers was read in (chosen the
     * same way): the submission, its payloads and emails use it. */
    enum fb_lang lang = page_lang(req, f, st->session);
    st->session->lang = (int)lang;
    unsigned wait = 0;
    if (!rate_allows(req, j, f, FB_LIMIT_SUBMIT, &wait)) {
        fb_walk_free(&w);
        char check[256];
        form_url(check, sizeof check, f, "check-answers");
        fb_send_message_count(req, 429, FB_MSG_TOO_MANY_TITLE,
                              wait_in_minutes(wait)
                                  ? FB_MSG_TOO_MANY_BODY_MINUTES
                                  : FB_MSG_TOO_MANY_BODY,
                              wait_count(wait), check);
        return;
    }
    if (f->booking && !booking_to_confirm(st, f, prog, &w)) {
        fb_walk_free(&w);
        server_error(req);
        return;
    }
    struct fb_buf json;
    fb_buf_init(&json);
    /* The marks of answers checked against their endpoints go with
     * them (lookup_page.h). */
    if (fb_lookup_marks_keep(f, prog->raw, w.out) != 0) {
        fb_walk_free(&w);
        server_error(req);
        return;
    }
    fb_json_answers(&json, w.out, is_list_question, (void *)f);
    /* A fee: stored unpaid, delivered once paid (pay.h). */
    long long fee = f->payment && !j->preview
                        ? fb_pay_amount(f->payment, w.out) : 0;
    fb_walk_free(&w);
    fb_assist_stamp(&json, prog);
    st->answers_json = fb_buf_take(&json, NULL);
    fb_clock_iso(fb_clock_now(), st->submitted_at);
    if (!st->answers_json) {
        server_error(req);
        return;
    }
    /* The submission and the session that records it commit together. */
    memcpy(prog->submitted_token, prog->submit_token,
           sizeof prog->submitted_token);
    st->sub = (struct fb_submission){
        .form = f->slug,
        .form_version = f->version ? f->version : "",
        .answers_json = st->answers_json,
        .submit_token = prog->submitted_token,
        .reference_prefix = f->reference_prefix,
        .submitted_at = st->submitted_at,
        .language = fb_lang_code(lang),
    };
    if (fb_progress_reset(prog) != 0) {
        server_error(req);
        return;
    }
    st->job.submission = &st->sub;
    st->job.cap = f->max_submissions;
    /* A preview delivers nothing: it says what would have been sent. */
    st->job.deliver = j->preview || fee > 0 ? NULL : f;
    if (fee > 0) {
        st->pay = (struct fb_pay_write){
            .form = f, .amount = fee, .language = st->sub.language,
            .now = fb_clock_now(), .inner = st->job.step,
            .inner_cls = st->job.step_cls,
        };
        st->job.step = fb_pay_submit_step;
        st->job.step_cls = &st->pay;
    }
    st->job.language = st->sub.language;
    if (j->preview)
        fb_preview_print_submission(f, st->answers_json);
    st->j = j;
    st->form = f;
    if (!defer_save(req, st, submit_not_sent)) {
        server_error(req);
        return;
    }
    redirect_form(req, f, fb_pay_after_submit(f, fee));
}

static void
confirmation(struct fb_request *req, const struct fb_journey *j,
             const struct fb_form_desc *f)
{
    bool failed;
    struct fb_session *s = load_session(req, j, false, NULL, &failed);
    if (failed)
        return;
    struct fb_progress *prog = s ? fb_session_progress(s, f->slug, false)
                                 : NULL;
    char reference[FB_REFERENCE_MAX];
    char *answers_json = NULL;
    int rc = FB_STORE_NOT_FOUND;
    if (prog && prog->submitted_token[0])
        rc = j->reader->ops->submission_load(j->reader,
                                             prog->submitted_token,
                                             reference, sizeof reference,
                                             &answers_json);
    /* What was sent: the booking's day and time, and what the
     * confirmation's conditions and placeholders read. */
    struct fb_answers *summary = rc == FB_STORE_OK ? fb_answers_new() : NULL;
    if (rc == FB_STORE_OK
        && (!summary || fb_json_flatten(answers_json, summary) != 0))
        rc = FB_STORE_ERROR;
    free(answers_json);
    if (rc == FB_STORE_ERROR) {
        fb_answers_free(summary);
        fb_session_free(s);
        store_error(req, j);
        return;
    }
    if (rc != FB_STORE_OK) {
        fb_session_free(s);
        redirect_form(req, f, "");
        return;
    }
    /* Not confirmed until paid (pay_pages.h). */
    bool gate_failed;
    if (fb_pay_gate_confirmation(req, j, f, reference, &gate_failed)) {
        fb_answers_free(summary);
        fb_session_free(s);
        return;
    }
    char form_href[256], manage[512], ics[520], lang_href[600];
    struct fb_date today = fb_clock_today();
    enum fb_lang lang = page_lang(req, f, s);
    bool booked = f->booking && prog->booking_token[0];
    snprintf(manage, sizeof manage, "/%s/booking/%s", f->slug,
             prog->booking_token);
    snprintf(ics, sizeof ics, "%s.ics", manage);
    form_url(form_href, sizeof form_href, f, "");
    struct fb_render_ctx ctx = {
        .form = f,
        .lang = lang,
        .lang_link = lang_link(lang_href, sizeof lang_href, req, f, lang,
                               false),
        .form_href = form_href,
        .assets_href = "/assets/",
        .reference = reference,
        .today = &today,
        .summary = summary,
        .booking_manage_href = booked ? manage : NULL,
        .booking_ics_href = booked ? ics : NULL,
    };
    char track[600];
    ctx.track_href = fb_track_href(track, sizeof track, f, reference, lang);
    struct fb_html html;
    fb_html_init(&html);
    fb_assist_ctx(&ctx, s, f);
    fb_render_confirmation(&html, &ctx);
    if (j->preview)
        fb_preview_decorate(&html, f, NULL, NULL, NULL);
    fb_send_html(req, 200, &html);
    fb_answers_free(summary);
    fb_session_free(s);
}

/*
 * The version of @p form the resident's journey began on when it is
 * still loaded (registry.h), else @p form: their pages, options and rules
 * stay those of that version until they submit. Looked up only once more
 * than one version of the form is loaded, so a server whose forms never
 * changed reads no session here. @returns NULL after answering 500 when
 * the session could not be read.
 */
static const struct fb_form_desc *
pinned_form(struct fb_request *req, const struct fb_journey *j,
            const struct fb_form_desc *form)
{
    const struct fb_forms *set = fb_registry_forms(j->forms);
    /* A preview shows the author's last save, wherever they are. */
    if (j->preview || !fb_forms_has_versions(set, form->slug))
        return form;
    bool new_id = false, failed = false;
    struct fb_session *s = load_session(req, j, false, &new_id, &failed);
    if (failed)
        return NULL;
    const struct fb_progress *p =
        s ? fb_session_progress(s, form->slug, false) : NULL;
    const struct fb_form_desc *v =
        p && p->version[0]
            ? fb_forms_find_version(set, form->slug, p->version)
            : NULL;
    fb_session_free(s);
    return v ? v : form;
}

/* The language switch could not be stored: nothing else was lost. */
static void
lang_not_saved(struct fb_request *req, void *p)
{
    (void)p;
    fb_send_message(req, 503, FB_MSG_SERVER_ERROR_TITLE,
                    FB_MSG_SERVER_ERROR_BODY, NULL);
}

/*
 * GET ?lang=L on a page of a form offered in L: the session remembers L
 * (stored now, a session made for it if there was none, so it survives a
 * restart) and the resident is sent back to the same address without
 * ?lang=, answers and place untouched. Rate-limited as a write.
 */
static void
switch_language(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *f, enum fb_lang lang)
{
    struct state *st = new_state(req);
    bool new_id = false, failed = false;
    if (st)
        st->session = load_session(req, j, true, &new_id, &failed);
    if (failed)
        return;
    char url[600];
    if (!st || !st->session || !fb_lang_return(url, sizeof url, req)) {
        server_error(req);
        return;
    }
    if (st->session->lang == (int)lang && !new_id) {
        fb_request_redirect(req, url);
        return;
    }
    unsigned wait = 0;
    if (!rate_allows(req, j, f, FB_LIMIT_POST, &wait)) {
        fb_send_message_count(req, 429, FB_MSG_TOO_MANY_TITLE,
                              FB_MSG_NOT_SAVED_BODY, (long)wait, NULL);
        return;
    }
    st->session->lang = (int)lang;
    if (!defer_save(req, st, lang_not_saved)
        || (new_id && !send_cookie(req, j, st->session))) {
        server_error(req);
        return;
    }
    fb_request_redirect(req, url);
}

/* Sets the request's language to @p f's page language for the resident's
 * stored session, for a 404 or 405 of the form. @returns false when the
 * store could not be read (answered 500). */
static bool
lang_of_session(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *f)
{
    bool failed;
    struct fb_session *s = load_session(req, j, false, NULL, &failed);
    if (failed)
        return false;
    page_lang(req, f, s);
    fb_session_free(s);
    return true;
}

/* The repeating page @p rest is under; see journey_priv.h. */
const struct fb_page_desc *
fb_journey_repeat_route(const struct fb_form_desc *f, const char *rest,
                        const char **tail)
{
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        size_t n = strlen(p->id);
        if (p->repeat && strncmp(rest, p->id, n) == 0
            && (rest[n] == '\0' || rest[n] == '/')) {
            *tail = rest[n] ? rest + n + 1 : "";
            return p;
        }
    }
    return NULL;
}

/* Handles every request under /SLUG/. See journey_priv.h. */
void
fb_journey_form(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *form, const char *rest)
{
    const char *m = fb_request_method(req);
    bool get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
    bool post = strcmp(m, "POST") == 0;
    const struct fb_page_desc *page = NULL;
    const char *allow = "GET, HEAD";
    const char *tail = NULL;

    /* Until a session is read, its pages' language is the one asked. */
    fb_request_set_lang(req, fb_lang_of_request(req, -1,
                                                fb_lang_offered(form)));
    int asked = fb_lang_lookup(fb_request_query(req, "lang"));
    if (strcmp(m, "GET") == 0 && asked >= 0 && fb_lang_bilingual(form)
        && fb_form_offers(form, (enum fb_lang)asked)) {
        switch_language(req, j, form, (enum fb_lang)asked);
        return;
    }
    if (fb_live_maintenance(req, j, form))
        return;
    if (strncmp(rest, "booking/", 8) == 0) {
        fb_booking_manage(req, j, form, rest + 8);
        return;
    }
    if (strcmp(rest, "privacy-notice") == 0 && get) {
        fb_live_privacy_page(req, form);
        return;
    }
    /* The latest version's dates and cap, whatever the session's. */
    if (strcmp(rest, "confirmation") != 0 && fb_live_refused(req, j, form, rest))
        return;
    if (fb_save_route(req, j, form, rest))
        return;
    if (strncmp(rest, "payment", 7) == 0
        && (rest[7] == '\0' || rest[7] == '/')) {
        fb_pay_pages(req, j, form, rest + 7);
        return;
    }
    if (!(form = pinned_form(req, j, form)))
        return;
    if (fb_assist_route(req, j, form, rest))
        return;
    if (strcmp(rest, "") == 0) {
        if (get && fb_prefill_link(req, j, form))
            return;
        if (get) {
            start_page(req, j, form);
            return;
        }
    } else if (strcmp(rest, "check-answers") == 0) {
        if (get) {
            check_answers(req, j, form);
            return;
        }
    } else if (strcmp(rest, "confirmation") == 0) {
        if (get) {
            confirmation(req, j, form);
            return;
        }
    } else if (strcmp(rest, "start-again") == 0) {
        allow = "GET, HEAD, POST";
        if (get || post) {
            fb_start_again(req, j, form, post);
            return;
        }
    } else if (strcmp(rest, "submit") == 0) {
        allow = "POST";
        if (post) {
            submit(req, j, form);
            return;
        }
    } else if ((page = fb_journey_repeat_route(form, rest, &tail)) != NULL) {
        allow = "GET, HEAD, POST";
        if (get || post) {
            fb_journey_repeat(req, j, form, page, tail, post);
            return;
        }
    } else if ((page = fb_form_find_page(form, rest)) != NULL) {
        allow = "GET, HEAD, POST";
        if (get || post) {
            question_page(req, j, form, page, post);
            return;
        }
    } else {
        if (lang_of_session(req, j, form))
            fb_send_not_found(req);
        return;
    }
    if (lang_of_session(req, j, form))
        fb_send_method_not_allowed(req, allow);
}

/* ---- for the booking's own pages (journey_priv.h) ---- */

/* Queues session s for saving in job (its record kept in *record, freed
 * by the caller's state) and holds the response. See journey_priv.h. */
bool
fb_journey_defer_session(struct fb_request *req, const struct fb_session *s,
                         char **record, struct fb_write_job *job,
                         fb_write_failed_fn failed)
{
    *record = fb_session_encode(s);
    if (!*record)
        return false;
    job->session_id = s->id;
    job->session_data = *record;
    job->now = fb_clock_now();
    fb_request_defer(req, job, failed);
    return true;
}

int
fb_journey_begun(struct fb_request *req, const struct fb_journey *j,
                 const struct fb_form_desc *f)
{
    bool failed;
    struct fb_session *s = load_session(req, j, false, NULL, &failed);
    if (failed)
        return -1;
    int begun = s && fb_session_progress(s, f->slug, false) != NULL;
    page_lang(req, f, s);
    fb_session_free(s);
    return begun;
}

void
fb_journey_session_lang(struct fb_request *req, const struct fb_journey *j,
                        const struct fb_form_desc *f)
{
    (void)lang_of_session(req, j, f);
}

struct fb_session *
fb_journey_session(struct fb_request *req, const struct fb_journey *j,
                   bool any, bool *out_new_id)
{
    bool failed = false;
    struct fb_session *s = load_session(req, j, any, out_new_id, &failed);
    if (!s && !failed)
        server_error(req);
    return s;
}

bool
fb_journey_send_cookie(struct fb_request *req, const struct fb_journey *j,
                       const struct fb_session *s)
{
    return send_cookie(req, j, s);
}

struct fb_answers *
fb_journey_read_post(struct fb_request *req, const struct fb_journey *j,
                     const struct fb_form_desc *f,
                     const struct fb_page_desc *page,
                     const struct fb_session *s)
{
    return read_post(req, j, f, page, s);
}

void
fb_journey_server_error(struct fb_request *req)
{
    server_error(req);
}

void
fb_journey_store_error(struct fb_request *req, const struct fb_journey *j)
{
    store_error(req, j);
}

/* ---- for the repeating pages' routes (journey_priv.h) ---- */

void
fb_journey_resume_url(char *buf, size_t cap, const struct fb_form_desc *f,
                      const struct fb_walk *w)
{
    resume_url(buf, cap, f, w);
}

bool
fb_journey_rate_allows(struct fb_request *req, const struct fb_journey *j,
                       const struct fb_form_desc *f, enum fb_limit_kind kind,
                       enum fb_msg body, const char *back)
{
    unsigned wait = 0;
    if (rate_allows(req, j, f, kind, &wait))
        return true;
    fb_send_message_count(req, 429, FB_MSG_TOO_MANY_TITLE, body,
                          ((long)wait + 59) / 60, back);
    return false;
}


void
fb_journey_csrf_failed(struct fb_request *req, const struct fb_form_desc *f)
{
    csrf_failed(req, f);
}

/* The stored session the cookie names, or NULL for none; *out_failed
 * when the store could not be read (answered). For assisted digital's
 * check (assist.c), which must not make a session or answer for none. */
struct fb_session *
fb_journey_session_stored(struct fb_request *req, const struct fb_journey *j,
                          bool *out_failed)
{
    return load_session(req, j, false, NULL, out_failed);
}

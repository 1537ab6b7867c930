/* SPDX-License-Identifier: MIT */
/*
 * Prefill links (prefill.h). A GET that writes, like the language link:
 * only a link the council signed can make it store anything, and the
 * session it stores is the resident's own.
 */
#include "prefill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "formbuilder/errors.h"
#include "journey_priv.h"
#include "link_sign.h"
#include "log.h"
#include "session.h"
#include "walk.h"

/* What a link's query holds besides its answers. */
#define EXPIRES "expires"
#define SIG "sig"

struct link {
    struct fb_link_pair pairs[FB_LINK_MAX_PAIRS];
    size_t n;
    bool too_many;
};

static int
collect(const char *name, const char *value, void *cls)
{
    struct link *l = cls;
    if (strcmp(name, EXPIRES) == 0 || strcmp(name, SIG) == 0)
        return 0;
    if (l->n == FB_LINK_MAX_PAIRS) {
        l->too_many = true;
        return 1;
    }
    l->pairs[l->n++] = (struct fb_link_pair){name, value};
    return 0;
}

/* The request's state: freed when it ends. */
struct prefill {
    struct fb_session *session;
    char *record;
    struct fb_write_job job;
};

static void
prefill_free(void *p)
{
    struct prefill *st = p;
    fb_session_free(st->session);
    free(st->record);
    free(st);
}

/* The answers could not be stored: nothing else was lost. */
static void
not_saved(struct fb_request *req, void *p)
{
    (void)p;
    fb_send_message(req, 503, FB_MSG_SERVER_ERROR_TITLE,
                    FB_MSG_SERVER_ERROR_BODY, NULL);
}

bool
fb_prefill_field(const struct fb_form_desc *f, const char *name)
{
    for (size_t i = 0; i < f->n_pages; i++)
        if (fb_page_has_field(&f->pages[i], name))
            return true;
    return false;
}

static const char *const verdicts[] = {
    [FB_LINK_OK] = "accepted",
    [FB_LINK_UNSIGNED] = "unsigned",
    [FB_LINK_BAD] = "its signature does not match",
    [FB_LINK_EXPIRED] = "it has expired",
};

/* Adds the link's answers to @p prog that the resident has not given;
 * @returns how many names the form has no field for, or -1 when out of
 * memory. */
static long
add_answers(const struct fb_form_desc *f, struct fb_progress *prog,
            const struct link *l)
{
    /* The resident's own answers win: decided before any is added, as
     * a name given twice in the link (ticked checkboxes) adds each. */
    bool theirs[FB_LINK_MAX_PAIRS];
    for (size_t i = 0; i < l->n; i++)
        theirs[i] = fb_answers_count(prog->raw, l->pairs[i].name) > 0;
    long unknown = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (!fb_prefill_field(f, l->pairs[i].name))
            unknown++;
        else if (!theirs[i]
                 && fb_answers_add(prog->raw, l->pairs[i].name,
                                   l->pairs[i].value) != 0)
            return -1;
    }
    return unknown;
}

bool
fb_prefill_link(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *f)
{
    if (!f->prefill_sign_env
        || (!fb_request_query(req, SIG) && !fb_request_query(req, EXPIRES)))
        return false;
    struct link l = {0};
    fb_request_query_each(req, collect, &l);
    const char *key = getenv(f->prefill_sign_env);
    enum fb_link_verdict v =
        l.too_many ? FB_LINK_BAD
                   : fb_link_verify(key, "prefill", f->slug,
                                    fb_request_query(req, EXPIRES),
                                    fb_request_query(req, SIG), l.pairs, l.n,
                                    fb_clock_now());
    if (v != FB_LINK_OK) {
        fb_log(FB_LOG_WARN, "prefill link to %s ignored: %s%s", f->slug,
               verdicts[v], key && *key ? "" : " (its key variable is "
                                                "not set)");
        return false;
    }
    struct prefill *st = calloc(1, sizeof *st);
    if (!st) {
        fb_journey_server_error(req);
        return true;
    }
    fb_request_set_state(req, st, prefill_free);
    bool new_id = false;
    st->session = fb_journey_session(req, j, true, &new_id);
    if (!st->session)
        return true;
    struct fb_progress *prog = fb_session_progress(st->session, f->slug,
                                                   true);
    long unknown = prog ? add_answers(f, prog, &l) : -1;
    if (unknown < 0) {
        fb_journey_server_error(req);
        return true;
    }
    if (unknown > 0)
        fb_log(FB_LOG_WARN, "prefill link to %s: %ld names are no "
               "question's and were left out", f->slug, unknown);
    if (!fb_journey_rate_allows(req, j, f, FB_LIMIT_POST,
                                FB_MSG_NOT_SAVED_BODY, NULL))
        return true;
    char start[300];
    snprintf(start, sizeof start, "/%s/", f->slug);
    if (!fb_journey_defer_session(req, st->session, &st->record, &st->job,
                                  not_saved)
        || (new_id && !fb_journey_send_cookie(req, j, st->session))) {
        fb_journey_server_error(req);
        return true;
    }
    /* Off the link's address: a reload or a shared screen does not
     * carry it, and the page shown is the ordinary start page. */
    fb_request_redirect(req, start);
    return true;
}

/* Whether @p raw holds a field of question @p id (itself or a part). */
static bool
answered(const struct fb_answers *raw, const char *id)
{
    size_t il = strlen(id);
    const char *name;
    for (size_t i = 0; fb_answers_at(raw, i, &name, NULL); i++)
        if (strncmp(name, id, il) == 0
            && (name[il] == '\0' || name[il] == '-'))
            return true;
    return false;
}

struct fb_errors *
fb_prefill_errors(const struct fb_form_desc *f,
                  const struct fb_page_desc *page,
                  const struct fb_progress *prog, const struct fb_date *today)
{
    if (!f->prefill_sign_env || !prog || fb_answers_get(prog->seen, page->id))
        return NULL;
    /* The walk as if the page had been sent as it stands. */
    struct fb_answers *seen = fb_answers_new();
    struct fb_errors *kept = fb_errors_new();
    struct fb_walk w;
    bool walked = seen && kept && fb_answers_copy(seen, prog->seen) == 0
                  && fb_answers_set(seen, page->id, "1") == 0
                  && fb_walk_run(&w, f, prog->raw, seen, today) == 0;
    fb_answers_free(seen);
    bool ok = walked;
    for (size_t i = 0; ok && w.incomplete == page
                       && i < fb_errors_count(w.errs); i++) {
        const struct fb_error *e = fb_errors_at(w.errs, i);
        if (answered(prog->raw, e->question))
            ok = fb_errors_add(kept, e) == 0;
    }
    if (walked)
        fb_walk_free(&w);
    if (!ok || fb_errors_count(kept) == 0) {
        fb_errors_free(kept);
        return NULL;
    }
    return kept;
}

/* SPDX-License-Identifier: MIT */
/*
 * The routes of a repeating page (GOV.UK "add another"), under
 * /SLUG/PAGE: the summary of the items (PAGE), one item's questions
 * (PAGE/N, N = the count adds one) and the confirmation before removing
 * one (PAGE/N/remove). Items live in the session's raw answers
 * (formbuilder/repeat.h); the page counts as sent once the resident says
 * they need to add no more, and the walk (walk.h) holds the group to its
 * min and max like any page to its rules.
 */
#include "journey_repeat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "formbuilder/driver.h"
#include "formbuilder/render.h"
#include "formbuilder/repeat.h"
#include "journey_priv.h"
#include "lang.h"
#include "session.h"
#include "walk.h"

/* Everything one request holds; freed when the request ends. */
struct repeat_req {
    struct fb_request *req;
    const struct fb_journey *j;
    const struct fb_form_desc *f;
    const struct fb_page_desc *page;
    struct fb_session *session;
    struct fb_progress *prog;
    bool new_id;
    bool changing;
    char *record;
    struct fb_write_job job;
    enum fb_lang lang;
    struct fb_walk w;
    bool walked;
};

static void
repeat_req_free(void *p)
{
    struct repeat_req *r = p;
    if (r->walked)
        fb_walk_free(&r->w);
    fb_session_free(r->session);
    free(r->record);
    free(r);
}

/* /SLUG/PAGE, /SLUG/PAGE/N or /SLUG/PAGE/N/remove into @p buf, with
 * ?change=1 when the resident came from check your answers. */
static void
url(char *buf, size_t cap, const struct repeat_req *r, long item,
    bool remove)
{
    int n = snprintf(buf, cap, "/%s/%s", r->f->slug, r->page->id);
    if (n < 0 || (size_t)n >= cap)
        return;
    if (item >= 0)
        n += snprintf(buf + n, cap - (size_t)n, "/%ld%s", item,
                      remove ? "/remove" : "");
    if (r->changing && (size_t)n < cap)
        snprintf(buf + n, cap - (size_t)n, "?change=1");
}

static void
go(struct repeat_req *r, long item)
{
    char u[512];
    url(u, sizeof u, r, item, false);
    fb_request_redirect(r->req, u);
}

/* The write failed: nothing was kept; the resident can send again. */
static void
not_saved(struct fb_request *req, void *p)
{
    (void)p;
    fb_send_message(req, 503, FB_MSG_UNAVAILABLE_TITLE,
                    FB_MSG_NOT_SAVED_BODY, NULL);
}

/* Saves the session and answers with a redirect to @p next once it is
 * stored. */
static void
save_and_go(struct repeat_req *r, const char *next)
{
    if (!fb_journey_rate_allows(r->req, r->j, r->f, FB_LIMIT_POST,
                                FB_MSG_NOT_SAVED_BODY, NULL))
        return;
    r->session->lang = (int)r->lang;
    if (fb_progress_set_position(r->prog, r->page->id) != 0
        || !fb_journey_defer_session(r->req, r->session, &r->record, &r->job,
                                     not_saved)) {
        fb_journey_server_error(r->req);
        return;
    }
    fb_request_redirect(r->req, next);
}

/* The context every page of the group is written with. */
static struct fb_render_ctx
context(struct repeat_req *r, char *form_href, size_t fcap, char *lang_href,
        size_t lcap, const char *action, const char *back,
        const struct fb_date *today)
{
    snprintf(form_href, fcap, "/%s/", r->f->slug);
    return (struct fb_render_ctx){
        .form = r->f,
        .page = r->page,
        .lang = r->lang,
        .today = today,
        .form_href = form_href,
        .assets_href = "/assets/",
        .action = action,
        .back_href = back,
        .csrf_token = r->session->csrf,
        .changing = r->changing,
        .known = r->w.eff,
        .lang_link = {fb_lang_href(lang_href, lcap, r->req, r->lang,
                                   fb_lang_offered(r->f), false), false},
    };
}

/* Where the summary's back link goes: the page before the group, or
 * check your answers for a change. */
static void
summary_back(char *buf, size_t cap, const struct repeat_req *r)
{
    long i = fb_walk_index(&r->w, r->page);
    if (r->changing)
        snprintf(buf, cap, "/%s/check-answers", r->f->slug);
    else if (i > 0)
        snprintf(buf, cap, "/%s/%s", r->f->slug, r->w.pages[i - 1]->id);
    else
        snprintf(buf, cap, "/%s/", r->f->slug);
}

static void
send_page(struct repeat_req *r, struct fb_html *h, unsigned status)
{
    fb_send_html(r->req, status, h);
    if (r->new_id && !fb_journey_send_cookie(r->req, r->j, r->session))
        fb_journey_server_error(r->req);
}

/* ---- the summary ---- */

static void
show_summary(struct repeat_req *r, const struct fb_errors *errs,
             unsigned status)
{
    char form_href[256], lang_href[600], action[512], back[512];
    struct fb_date today = fb_clock_today();
    url(action, sizeof action, r, -1, false);
    summary_back(back, sizeof back, r);
    struct fb_render_ctx ctx = context(r, form_href, sizeof form_href,
                                       lang_href, sizeof lang_href, action,
                                       back, &today);
    ctx.summary = r->w.out;
    ctx.errors = errs;
    struct fb_html h;
    fb_html_init(&h);
    fb_render_repeat_summary(&h, &ctx, fb_repeat_count(r->page,
                                                       r->prog->raw));
    send_page(r, &h, status);
}

/* An error of the summary or remove page on its yes/no @p field. */
static struct fb_errors *
answer_error(const char *field, enum fb_msg m, const struct fb_i18n *noun,
             size_t count)
{
    struct fb_errors *errs = fb_errors_new();
    struct fb_error e = {
        .question = field,
        .anchor = field,
        .part = -1,
        .msg = m,
        .args = {.noun = noun, .count = (long)count},
    };
    if (errs && fb_errors_add(errs, &e) != 0) {
        fb_errors_free(errs);
        return NULL;
    }
    return errs;
}

static void
summary(struct repeat_req *r, bool post)
{
    const struct fb_repeat_desc *rep = r->page->repeat;
    size_t n = fb_repeat_count(r->page, r->prog->raw);
    if (r->w.incomplete == r->page && r->w.item >= 0) {
        go(r, r->w.item);      /* an item to put right first */
        return;
    }
    if (!post) {
        if (n == 0 && rep->min > 0)
            go(r, 0);
        else
            show_summary(r, NULL, 200);
        return;
    }
    struct fb_answers *fields =
        fb_journey_read_post(r->req, r->j, r->f, r->page, r->session);
    if (!fields)
        return;
    const char *add = fb_answers_get(fields, FB_REPEAT_ADD_FIELD);
    bool yes = add && strcmp(add, FB_YES) == 0;
    bool no = add && strcmp(add, FB_NO) == 0;
    fb_answers_free(fields);
    if (n < rep->max && !yes && !no) {
        struct fb_errors *errs =
            n ? answer_error(FB_REPEAT_ADD_FIELD,
                             FB_MSG_REPEAT_ANSWER_ANOTHER, &rep->item_one, 1)
              : answer_error(FB_REPEAT_ADD_FIELD, FB_MSG_REPEAT_ANSWER_FIRST,
                             &rep->item_other, 0);
        if (!errs) {
            fb_journey_server_error(r->req);
            return;
        }
        show_summary(r, errs, 422);
        fb_errors_free(errs);
        return;
    }
    if (yes && n < rep->max) {
        go(r, (long)n);
        return;
    }
    /* No more to add: the group is sent, and must hold min and max. */
    struct fb_date today = fb_clock_today();
    fb_walk_free(&r->w);
    r->walked = false;
    if (fb_progress_mark_seen(r->prog, r->page->id) != 0
        || fb_walk_run(&r->w, r->f, r->prog->raw, r->prog->seen, &today)
               != 0) {
        fb_journey_server_error(r->req);
        return;
    }
    r->walked = true;
    if (r->w.incomplete == r->page && r->w.item < 0) {
        show_summary(r, r->w.errs, 422);
        return;
    }
    char next[512];
    long i = fb_walk_index(&r->w, r->page);
    if (r->changing || i < 0 || (size_t)i + 1 >= r->w.n)
        fb_journey_resume_url(next, sizeof next, r->f, &r->w);
    else
        snprintf(next, sizeof next, "/%s/%s", r->f->slug,
                 r->w.pages[i + 1]->id);
    save_and_go(r, next);
}

/* ---- one item ---- */

static void
show_item(struct repeat_req *r, size_t item, const struct fb_answers *raw,
          const struct fb_errors *errs, unsigned status)
{
    char form_href[256], lang_href[600], action[512], back[512], cap[256];
    struct fb_date today = fb_clock_today();
    url(action, sizeof action, r, (long)item, false);
    if (r->changing)
        snprintf(back, sizeof back, "/%s/check-answers", r->f->slug);
    else if (fb_repeat_count(r->page, r->prog->raw) == 0)
        summary_back(back, sizeof back, r);
    else
        snprintf(back, sizeof back, "/%s/%s", r->f->slug, r->page->id);
    struct fb_render_ctx ctx = context(r, form_href, sizeof form_href,
                                       lang_href, sizeof lang_href, action,
                                       back, &today);
    struct fb_msg_args a = {.noun = &r->page->repeat->item_one,
                            .count = (long)item + 1};
    ctx.caption = fb_msg_format(cap, sizeof cap, FB_MSG_REPEAT_ITEM, &a,
                                r->lang);
    ctx.answers = raw;
    ctx.errors = errs;
    struct fb_html h;
    fb_html_init(&h);
    fb_render_page(&h, &ctx);
    send_page(r, &h, status);
}

static void
item_page(struct repeat_req *r, size_t item, bool post)
{
    size_t n = fb_repeat_count(r->page, r->prog->raw);
    if (item > n || item >= r->page->repeat->max) {
        go(r, -1);             /* no such item, or no room for one */
        return;
    }
    struct fb_answers *raw = fb_answers_new();
    if (!raw || fb_repeat_item(r->page, r->prog->raw, item, raw) != 0) {
        fb_answers_free(raw);
        fb_journey_server_error(r->req);
        return;
    }
    if (!post) {
        show_item(r, item, raw, NULL, 200);
        fb_answers_free(raw);
        return;
    }
    fb_answers_free(raw);
    struct fb_answers *fields =
        fb_journey_read_post(r->req, r->j, r->f, r->page, r->session);
    if (!fields)
        return;
    fb_answers_remove(fields, FB_REPEAT_ADD_FIELD);
    fb_answers_remove(fields, FB_REPEAT_REMOVE_FIELD);
    /* The item is checked as the page on its own, seeing the answers
     * of the pages before it. */
    struct fb_date today = fb_clock_today();
    struct fb_answers *eff = fb_answers_new();
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    bool ok = eff && out && errs && fb_answers_copy(eff, r->w.eff) == 0
              && fb_page_remove_fields(r->page, eff) == 0
              && fb_answers_copy(eff, fields) == 0
              && fb_validate_page(r->page, eff, &today, out, errs);
    if (ok && fb_errors_count(errs) > 0)
        show_item(r, item, fields, errs, 422);
    else if (ok && fb_repeat_put_item(r->page, r->prog->raw, item, fields)
                       == 0) {
        char next[512];
        fb_walk_free(&r->w);
        r->walked = fb_walk_run(&r->w, r->f, r->prog->raw, r->prog->seen,
                                &today) == 0;
        if (!r->walked)
            fb_journey_server_error(r->req);
        else {
            if (r->changing)
                fb_journey_resume_url(next, sizeof next, r->f, &r->w);
            else
                snprintf(next, sizeof next, "/%s/%s", r->f->slug,
                         r->page->id);
            save_and_go(r, next);
        }
    } else
        fb_journey_server_error(r->req);
    fb_answers_free(eff);
    fb_answers_free(out);
    fb_errors_free(errs);
    fb_answers_free(fields);
}

/* ---- removing an item ---- */

static void
show_remove(struct repeat_req *r, size_t item, const struct fb_errors *errs,
            unsigned status)
{
    char form_href[256], lang_href[600], action[512], back[512];
    struct fb_date today = fb_clock_today();
    url(action, sizeof action, r, (long)item, true);
    url(back, sizeof back, r, -1, false);
    struct fb_render_ctx ctx = context(r, form_href, sizeof form_href,
                                       lang_href, sizeof lang_href, action,
                                       back, &today);
    struct fb_answers *answers = fb_answers_new();
    if (!answers || fb_repeat_item(r->page, r->w.out, item, answers) != 0) {
        fb_answers_free(answers);
        fb_journey_server_error(r->req);
        return;
    }
    ctx.summary = answers;
    ctx.errors = errs;
    struct fb_html h;
    fb_html_init(&h);
    fb_render_repeat_remove(&h, &ctx, item);
    fb_answers_free(answers);
    send_page(r, &h, status);
}

static void
remove_page(struct repeat_req *r, size_t item, bool post)
{
    if (item >= fb_repeat_count(r->page, r->prog->raw)) {
        go(r, -1);
        return;
    }
    if (!post) {
        show_remove(r, item, NULL, 200);
        return;
    }
    struct fb_answers *fields =
        fb_journey_read_post(r->req, r->j, r->f, r->page, r->session);
    if (!fields)
        return;
    const char *v = fb_answers_get(fields, FB_REPEAT_REMOVE_FIELD);
    bool yes = v && strcmp(v, FB_YES) == 0;
    bool no = v && strcmp(v, FB_NO) == 0;
    fb_answers_free(fields);
    if (!yes && !no) {
        struct fb_errors *errs =
            answer_error(FB_REPEAT_REMOVE_FIELD, FB_MSG_REPEAT_ANSWER_REMOVE,
                         &r->page->repeat->item_one, item + 1);
        if (!errs) {
            fb_journey_server_error(r->req);
            return;
        }
        show_remove(r, item, errs, 422);
        fb_errors_free(errs);
        return;
    }
    char next[512];
    url(next, sizeof next, r, -1, false);
    if (no) {
        fb_request_redirect(r->req, next);
        return;
    }
    if (fb_repeat_remove_item(r->page, r->prog->raw, item) != 0) {
        fb_journey_server_error(r->req);
        return;
    }
    save_and_go(r, next);
}

/* ---- dispatch ---- */

void
fb_journey_repeat(struct fb_request *req, const struct fb_journey *j,
                  const struct fb_form_desc *f,
                  const struct fb_page_desc *page, const char *tail,
                  bool post)
{
    long item = -1;
    bool remove = false;
    if (tail[0]) {
        char buf[16];
        const char *slash = strchr(tail, '/');
        size_t n = slash ? (size_t)(slash - tail) : strlen(tail);
        if (n >= sizeof buf || (slash && strcmp(slash, "/remove") != 0)) {
            fb_send_not_found(req);
            return;
        }
        memcpy(buf, tail, n);
        buf[n] = '\0';
        item = fb_repeat_parse_item(buf);
        remove = slash != NULL;
        if (item < 0) {
            fb_send_not_found(req);
            return;
        }
    }
    struct repeat_req *r = calloc(1, sizeof *r);
    if (!r) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_set_state(req, r, repeat_req_free);
    *r = (struct repeat_req){.req = req, .j = j, .f = f, .page = page};
    r->session = fb_journey_session(req, j, true, &r->new_id);
    if (!r->session)
        return;
    if (post && r->new_id) {
        /* A POST needs the session its page was shown with. */
        fb_journey_csrf_failed(req, f);
        return;
    }
    r->lang = fb_lang_of_request(req, r->session->lang, fb_lang_offered(f));
    fb_request_set_lang(req, r->lang);
    r->changing = fb_request_query(req, "change") != NULL;
    r->prog = fb_session_progress(r->session, f->slug, true);
    if (r->prog)
        fb_progress_pin(r->prog, f->version);
    struct fb_date today = fb_clock_today();
    if (!r->prog
        || fb_walk_run(&r->w, f, r->prog->raw, r->prog->seen, &today) != 0) {
        fb_journey_server_error(req);
        return;
    }
    r->walked = true;
    if (fb_walk_index(&r->w, page) < 0) {
        char u[512];
        fb_journey_resume_url(u, sizeof u, f, &r->w);
        fb_request_redirect(req, u);
        return;
    }
    if (item < 0)
        summary(r, post);
    else if (remove)
        remove_page(r, (size_t)item, post);
    else
        item_page(r, (size_t)item, post);
}

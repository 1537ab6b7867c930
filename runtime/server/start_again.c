/* SPDX-License-Identifier: MIT */
/*
 * "Start again"; see start_again.h. Nothing is deleted by a GET (a link
 * followed by a browser's prefetch, or by mistake): only the confirmation
 * posts, with its CSRF token, and the session is saved before the
 * resident is sent on, so what they are told is what is stored.
 */
#include "start_again.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/render.h"
#include "journey_priv.h"
#include "lang.h"
#include "session.h"

struct state {
    struct fb_session *session;
    char *record;
    struct fb_write_job job;
};

static void
state_free(void *p)
{
    struct state *st = p;
    fb_session_free(st->session);
    free(st->record);
    free(st);
}

static void
not_saved(struct fb_request *req, void *p)
{
    (void)p;
    fb_send_message(req, 500, FB_MSG_NOT_SAVED_TITLE, FB_MSG_NOT_SAVED_BODY,
                    NULL);
}

/* Where "No, go back" goes: the page the resident came from when it is a
 * page of the form (or check your answers), else the start page. */
static void
back_to(char *buf, size_t cap, struct fb_request *req,
        const struct fb_form_desc *f)
{
    const char *from = fb_request_query(req, "from");
    if (from && (strcmp(from, "check-answers") == 0
                 || fb_form_find_page(f, from)))
        snprintf(buf, cap, "/%s/%s", f->slug, from);
    else
        snprintf(buf, cap, "/%s/", f->slug);
}

static void
confirm_page(struct fb_request *req, const struct fb_journey *j,
             const struct fb_form_desc *f)
{
    bool new_id = false;
    struct fb_session *s = fb_journey_session(req, j, true, &new_id);
    if (!s)
        return;
    enum fb_lang lang = fb_lang_of_request(req, s->lang, fb_lang_offered(f));
    fb_request_set_lang(req, lang);
    char form_href[256], back[512], action[512];
    snprintf(form_href, sizeof form_href, "/%s/", f->slug);
    back_to(back, sizeof back, req, f);
    snprintf(action, sizeof action, "/%s/start-again", f->slug);
    struct fb_render_ctx ctx = {
        .form = f, .lang = lang, .form_href = form_href,
        .assets_href = "/assets/", .action = action, .back_href = back,
        .csrf_token = s->csrf,
    };
    struct fb_html w;
    fb_html_init(&w);
    fb_render_start_again(&w, &ctx);
    if (new_id && !fb_journey_send_cookie(req, j, s)) {
        fb_html_free(&w);
        fb_session_free(s);
        fb_journey_server_error(req);
        return;
    }
    fb_send_html(req, 200, &w);
    fb_session_free(s);
}

static void
delete_answers(struct fb_request *req, const struct fb_journey *j,
               const struct fb_form_desc *f)
{
    char start[256];
    snprintf(start, sizeof start, "/%s/", f->slug);
    struct state *st = calloc(1, sizeof *st);
    if (!st) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_set_state(req, st, state_free);
    bool new_id = false;
    st->session = fb_journey_session(req, j, true, &new_id);
    if (!st->session)
        return;
    struct fb_answers *fields =
        fb_journey_read_post(req, j, f, NULL, st->session);
    if (!fields)
        return;
    fb_answers_free(fields);
    struct fb_progress *prog = fb_session_progress(st->session, f->slug,
                                                   false);
    /* Nothing stored for this form: nothing to delete. */
    if (new_id || !prog) {
        fb_request_redirect(req, start);
        return;
    }
    if (fb_progress_reset(prog) != 0) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_redirect(req, start);
    if (!fb_journey_defer_session(req, st->session, &st->record, &st->job,
                                  not_saved))
        fb_journey_server_error(req);
}

void
fb_start_again(struct fb_request *req, const struct fb_journey *j,
               const struct fb_form_desc *f, bool post)
{
    if (post)
        delete_answers(req, j, f);
    else
        confirm_page(req, j, f);
}

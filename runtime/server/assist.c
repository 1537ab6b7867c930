/* SPDX-License-Identifier: MIT */
/*
 * Assisted digital links (assist.h): opening one, and keeping an
 * assisted journey behind its staff name page. A GET that writes, like a
 * prefill link: only a link signed with the server's key stores
 * anything, and what it stores is a fresh journey in the opener's own
 * session.
 */
#include "assist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "journey_priv.h"
#include "link_sign.h"
#include "log.h"
#include "store.h"
#include "writer.h"

const char *
fb_assist_key(void)
{
    const char *k = getenv(FB_ASSIST_KEY_ENV);
    return k && *k ? k : NULL;
}

bool
fb_assist_channel_valid(const char *channel)
{
    for (size_t i = 0; channel && i < FB_ASSIST_N_CHANNELS; i++)
        if (strcmp(channel, fb_assist_channels[i]) == 0)
            return true;
    return false;
}

static bool
id_valid(const char *id)
{
    return id && strlen(id) == FB_ASSIST_ID_HEX
           && strspn(id, "0123456789abcdef") == FB_ASSIST_ID_HEX;
}

/* The request's state: freed when it ends. */
struct opening {
    struct fb_session *session;
    char *record;
    char id[FB_ASSIST_ID_HEX + 1];
    char channel[16];
    char at[FB_CLOCK_ISO_SIZE];
    const char *form;
    struct fb_write_job job;
};

static void
opening_free(void *p)
{
    struct opening *st = p;
    fb_session_free(st->session);
    free(st->record);
    free(st);
}

/* Writer thread, in the transaction that saves the session: the link's
 * id is recorded, or the job is refused when it was already. */
static int
use_link(struct fb_store *s, struct fb_write_job *job)
{
    struct opening *st = job->step_cls;
    return s->ops->assist_link_use(s, st->id, st->form, st->channel, st->at);
}

/* The session was not saved: the link used already, or the store failed
 * (then the link stays unused, to be opened again). */
static void
not_opened(struct fb_request *req, void *p)
{
    struct opening *st = p;
    if (st->job.status == FB_STORE_REFUSED) {
        fb_log(FB_LOG_WARN, "assisted digital link to %s refused: used "
               "already", st->form);
        fb_send_message(req, 410, FB_MSG_ASSIST_USED_TITLE,
                        FB_MSG_ASSIST_USED_BODY, NULL);
    } else {
        fb_send_message(req, 503, FB_MSG_SERVER_ERROR_TITLE,
                        FB_MSG_SERVER_ERROR_BODY, NULL);
    }
}

static int
collect(const char *name, const char *value, void *cls)
{
    struct fb_link_pair *pairs = cls;
    /* id and channel, in the link's order; anything else spoils it. */
    if (strcmp(name, "expires") == 0 || strcmp(name, "sig") == 0)
        return 0;
    size_t n = pairs[0].name ? (pairs[1].name ? 2 : 1) : 0;
    if (n == 2 || (strcmp(name, "id") != 0 && strcmp(name, "channel") != 0)) {
        pairs[2].name = name; /* a mark: more than the link has */
        return 1;
    }
    pairs[n] = (struct fb_link_pair){name, value};
    return 0;
}

static void
open_link(struct fb_request *req, const struct fb_journey *j,
          const struct fb_form_desc *f)
{
    const char *key = fb_assist_key();
    if (!key) {
        fb_log(FB_LOG_WARN, "assisted digital link to %s refused: %s is "
               "not set", f->slug, FB_ASSIST_KEY_ENV);
        fb_send_message(req, 503, FB_MSG_ASSIST_OFF_TITLE,
                        FB_MSG_ASSIST_OFF_BODY, NULL);
        return;
    }
    struct fb_link_pair pairs[3] = {{0}};
    fb_request_query_each(req, collect, pairs);
    const char *id = fb_request_query(req, "id");
    const char *channel = fb_request_query(req, "channel");
    enum fb_link_verdict v =
        pairs[2].name || !id_valid(id) || !fb_assist_channel_valid(channel)
            ? FB_LINK_BAD
            : fb_link_verify(key, "assist", f->slug,
                             fb_request_query(req, "expires"),
                             fb_request_query(req, "sig"), pairs, 2,
                             fb_clock_now());
    if (v == FB_LINK_EXPIRED) {
        fb_log(FB_LOG_WARN, "assisted digital link to %s refused: expired",
               f->slug);
        fb_send_message(req, 410, FB_MSG_SIGNED_LINK_EXPIRED_TITLE,
                        FB_MSG_ASSIST_EXPIRED_BODY, NULL);
        return;
    }
    if (v != FB_LINK_OK) {
        fb_log(FB_LOG_WARN, "assisted digital link to %s refused: its "
               "signature does not match or it is incomplete", f->slug);
        fb_send_message(req, 403, FB_MSG_SIGNED_LINK_BAD_TITLE,
                        FB_MSG_ASSIST_BAD_BODY, NULL);
        return;
    }
    struct opening *st = calloc(1, sizeof *st);
    if (!st) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_set_state(req, st, opening_free);
    snprintf(st->id, sizeof st->id, "%s", id);
    snprintf(st->channel, sizeof st->channel, "%s", channel);
    fb_clock_iso(fb_clock_now(), st->at);
    st->form = f->slug;
    bool new_id = false;
    st->session = fb_journey_session(req, j, true, &new_id);
    if (!st->session)
        return;
    struct fb_progress *prog = fb_session_progress(st->session, f->slug,
                                                   true);
    /* A fresh journey: nothing a resident typed before in this browser
     * is carried into the one filled in for someone else. */
    if (!prog || fb_progress_reset(prog) != 0) {
        fb_journey_server_error(req);
        return;
    }
    prog->submitted_token[0] = '\0';
    prog->booking_token[0] = '\0';
    memcpy(prog->assist_channel, st->channel, sizeof prog->assist_channel);
    free(prog->assist_staff);
    prog->assist_staff = NULL;
    if (!fb_journey_rate_allows(req, j, f, FB_LIMIT_POST,
                                FB_MSG_NOT_SAVED_BODY, NULL))
        return;
    st->job.step = use_link;
    st->job.step_cls = st;
    char staff[300];
    snprintf(staff, sizeof staff, "/%s/assist-staff", f->slug);
    if (!fb_journey_defer_session(req, st->session, &st->record, &st->job,
                                  not_opened)
        || (new_id && !fb_journey_send_cookie(req, j, st->session))) {
        fb_journey_server_error(req);
        return;
    }
    /* Off the link's address: a reload does not open it again. */
    fb_request_redirect(req, staff);
}

/* Sends an assisted journey without its staff name to the name page.
 * @returns true when a response was set. */
static bool
gate(struct fb_request *req, const struct fb_journey *j,
     const struct fb_form_desc *f, const char *rest)
{
    /* No key, no assisted journey: a resident's request costs nothing. */
    if (!fb_assist_key() || strcmp(rest, "confirmation") == 0)
        return false;
    bool failed = false;
    struct fb_session *s = fb_journey_session_stored(req, j, &failed);
    if (failed)
        return true;
    const struct fb_progress *p = fb_assist_progress(s, f);
    bool to_name = p && !p->assist_staff;
    fb_session_free(s);
    if (!to_name)
        return false;
    char staff[300];
    snprintf(staff, sizeof staff, "/%s/assist-staff", f->slug);
    fb_request_redirect(req, staff);
    return true;
}

bool
fb_assist_route(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *f, const char *rest)
{
    const char *m = fb_request_method(req);
    bool get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
    bool post = strcmp(m, "POST") == 0;
    if (strcmp(rest, "assist-link") == 0) {
        /* GET only: a HEAD (a link checker's) must not use the link up. */
        if (strcmp(m, "GET") == 0)
            open_link(req, j, f);
        else
            fb_send_method_not_allowed(req, "GET");
        return true;
    }
    if (strcmp(rest, "assist-staff") == 0) {
        if (get || post)
            fb_assist_staff_page(req, j, f, post);
        else
            fb_send_method_not_allowed(req, "GET, HEAD, POST");
        return true;
    }
    return gate(req, j, f, rest);
}

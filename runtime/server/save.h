/* SPDX-License-Identifier: MIT */
/*
 * Save and return (`save_and_return:` on a form) and the session-timeout
 * page, over the journey (journey.c) and the outbox (outbox.c):
 *
 *   /SLUG/save-and-return    GET: the email page; POST: saves the journey
 *                            and queues the link's email, in one job
 *   /SLUG/check-your-email   says the link is on its way
 *   /SLUG/return/TOKEN       GET: the continue page (a link checker's
 *                            fetch uses nothing); POST: uses the link
 *   /SLUG/session-timed-out  what happened to an idle session, and how to
 *                            come back when the form saves
 *
 * A saved journey is a row of its own (store.h struct fb_saved), so it
 * outlives the session. Its link's token is drawn by the outbox worker
 * as it sends the email, and only the token's hash is stored; using the
 * link marks the row used and drops its answers (a second use is told
 * so), and saving again makes a new row with a new link.
 */
#pragma once

#include <stdbool.h>

#include "buf.h"
#include "formbuilder/html.h"
#include "journey.h"
#include "outbox.h"

struct fb_render_ctx;

/* The outbox's target name of a save link's email (its delivery's
 * reference is the saved journey's id, its event "saved"). */
#define FB_SAVE_LINK_TARGET "save-link"

/**
 * Answers the save and return and timeout routes of @p form (@p rest:
 * what follows "/SLUG/"). @returns false, answering nothing, when
 * @p rest is none of them.
 */
bool
fb_save_route(struct fb_request *req, const struct fb_journey *j,
              const struct fb_form_desc *form, const char *rest);

/**
 * Fills the save link and the idle note of question page @p ctx (of
 * @p f; fb_render_page_close() writes them under the page's form):
 * how long the session lasts idle and, when @p f saves, where "Save and
 * come back later" leads (written in @p href, @p cap bytes).
 */
void
fb_save_render_ctx(struct fb_render_ctx *ctx, const struct fb_journey *j,
                   const struct fb_form_desc *f, char *href, size_t cap);

/** Sends the resident to the timeout page of @p f, with a new session's
 *  cookie (@p fresh), so starting again does not find the idle one. */
void
fb_save_timed_out(struct fb_request *req, const struct fb_journey *j,
                  const struct fb_form_desc *f,
                  const struct fb_session *fresh);

/* A save link's email, made ready by fb_save_link_prepare(). */
struct fb_save_email {
    char to[FB_SAVED_EMAIL_MAX + 1];
    char subject[512];
    struct fb_buf text;
    enum fb_lang lang;
};

/**
 * On the outbox worker: for delivery @p d (a save link of form @p f),
 * draws the link's token, stores its hash in a transaction of its own
 * (so the link works before it can arrive) and writes the email into
 * @p out (free out->text). @returns true to send it; false with the
 * outcome in @p r (the journey was used or has expired: nothing to send;
 * no base_url; the database failed: try again).
 */
bool
fb_save_link_prepare(struct fb_store *store, const struct fb_form_desc *f,
                     const struct fb_delivery *d,
                     const struct fb_outbox_config *cfg,
                     struct fb_save_email *out, struct fb_send_result *r);

/** Deletes the answers of saved journeys past their expiry, and the
 *  rows a month later (writer maintenance).
 *  @returns FB_STORE_OK or FB_STORE_ERROR; *out_n says how many. */
int
fb_save_purge(struct fb_store *store, long long now, size_t *out_n);

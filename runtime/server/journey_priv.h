/* SPDX-License-Identifier: MIT */
/*
 * What routes.c (site routes, dispatch) calls in journey.c (the pages of
 * one form); both send through http.h. Private to runtime/server.
 */
#pragma once

#include "journey.h"

/* Handles every request under /SLUG/: @p rest is what follows "/SLUG/"
 * ("" for the start page). */
void
fb_journey_form(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *form, const char *rest);

/* What the booking's own pages (booking_manage.c) share with the
 * journey's: sessions, posted forms and the error answers. */

/* Loads the session the cookie names (journey.c load_session); NULL
 * after answering 500 when it cannot. */
struct fb_session *
fb_journey_session(struct fb_request *req, const struct fb_journey *j,
                   bool any, bool *out_new_id);

/* Sends the cookie of a session the browser does not have yet.
 * @returns false when out of memory. */
bool
fb_journey_send_cookie(struct fb_request *req, const struct fb_journey *j,
                       const struct fb_session *s);

/* Parses a POST of @p page (NULL: a form with no fields but the CSRF
 * token), answering 400/403 itself. @returns the fields or NULL. */
struct fb_answers *
fb_journey_read_post(struct fb_request *req, const struct fb_journey *j,
                     const struct fb_form_desc *f,
                     const struct fb_page_desc *page,
                     const struct fb_session *s);

/* Queues session @p s for saving in @p job (the encoded record in
 * *@p record, for the caller's request state to free) and holds the
 * response already set until it is stored; @p failed answers otherwise
 * (fb_request_defer()). @returns false when out of memory. */
bool
fb_journey_defer_session(struct fb_request *req, const struct fb_session *s,
                         char **record, struct fb_write_job *job,
                         fb_write_failed_fn failed);

/* Whether the resident's session has begun a journey of @p f: 1 or 0,
 * or -1 after answering when the store cannot be read (live.c). */
int
fb_journey_begun(struct fb_request *req, const struct fb_journey *j,
                 const struct fb_form_desc *f);

/* Sets the request's language to @p f's page language for the resident's
 * session, for a page such as the closed one (live.c). */
void
fb_journey_session_lang(struct fb_request *req, const struct fb_journey *j,
                        const struct fb_form_desc *f);

/* The 500 page. */
void
fb_journey_server_error(struct fb_request *req);

/* A store read failed: 503 when the database server is away, else the
 * 500 page. */
void
fb_journey_store_error(struct fb_request *req, const struct fb_journey *j);
/* Takes a token for a write of @p kind to form @p f (rate limits):
 * @returns true when allowed; otherwise answers 429 (Retry-After set)
 * with @p body ({count}: the minutes to wait, {text}: @p back) and
 * @returns false. */
bool
fb_journey_rate_allows(struct fb_request *req, const struct fb_journey *j,
                       const struct fb_form_desc *f, enum fb_limit_kind kind,
                       enum fb_msg body, const char *back);
/* What the repeating pages' routes (journey_repeat.c) share with the
 * journey's. */
struct fb_walk;

/* Where a resident should be now, after walk @p w (journey.c
 * resume_url). */
void
fb_journey_resume_url(char *buf, size_t cap, const struct fb_form_desc *f,
                      const struct fb_walk *w);

/* The 403 page of a POST without its session or token. */
void
fb_journey_csrf_failed(struct fb_request *req, const struct fb_form_desc *f);

/* @returns the repeating page of @p f that @p rest is under ("people",
 * "people/2", "people/2/remove"), with what follows "PAGE/" in *@p tail
 * ("" for the page itself), or NULL. */
const struct fb_page_desc *
fb_journey_repeat_route(const struct fb_form_desc *f, const char *rest,
                        const char **tail);
/* The stored session the cookie names, or NULL for none (nothing
 * answered); *out_failed when the store could not be read (answered). */
struct fb_session *
fb_journey_session_stored(struct fb_request *req, const struct fb_journey *j,
                          bool *out_failed);

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

/* Takes a token of the page POST rate limits for a write a link makes
 * (prefill.c); when refused, @returns false with Retry-After set and the
 * seconds to wait in *out_wait. */
bool
fb_journey_rate_allows(struct fb_request *req, const struct fb_journey *j,
                       const struct fb_form_desc *f, unsigned *out_wait);

/* The 500 page. */
void
fb_journey_server_error(struct fb_request *req);

/* The stored session the cookie names, or NULL for none (nothing
 * answered); *out_failed when the store could not be read (answered). */
struct fb_session *
fb_journey_session_stored(struct fb_request *req, const struct fb_journey *j,
                          bool *out_failed);

/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by routes.c (site routes, dispatch) and journey.c (the
 * pages of one form). Private to runtime/server.
 */
#pragma once

#include "formbuilder/html.h"
#include "journey.h"

/* Writes a plain message page (400, 403, 404 ...) as the response. */
void
fb_send_message(struct fb_request *req, unsigned status, const char *title,
                const char *message);

/* Responds with the page in @p w (taken over), or a 500 if it failed. */
void
fb_send_html(struct fb_request *req, unsigned status, struct fb_html *w);

/* Handles every request under /SLUG/: @p rest is what follows "/SLUG/"
 * ("" for the start page). */
void
fb_journey_form(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *form, const char *rest);

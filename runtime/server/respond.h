/* SPDX-License-Identifier: MIT */
/*
 * Responses every route sends: a written page, and the plain message
 * pages (400, 403, 404, 405, 500 ...). Used by the site routes and by
 * the pages of each form alike, so neither depends on the other.
 */
#pragma once

#include "formbuilder/html.h"
#include "http.h"

/* Responds with the page in @p w (taken over), or a 500 if it failed. */
void
fb_send_html(struct fb_request *req, unsigned status, struct fb_html *w);

/* Writes a plain message page (400, 403, 404 ...) as the response. */
void
fb_send_message(struct fb_request *req, unsigned status, const char *title,
                const char *message);

/* The 404 page. */
void
fb_send_not_found(struct fb_request *req);

/* The 405 page, with the methods the address does accept. */
void
fb_send_method_not_allowed(struct fb_request *req, const char *allow);

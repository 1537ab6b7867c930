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

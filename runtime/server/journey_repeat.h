/* SPDX-License-Identifier: MIT */
/*
 * The routes of a repeating page (journey_repeat.c). Private to
 * runtime/server.
 */
#pragma once

#include <stdbool.h>

#include "journey.h"

/* Handles GET and POST of /SLUG/PAGE[/TAIL] for repeating page @p page:
 * @p tail is "" (the summary), "N" (item N) or "N/remove". */
void
fb_journey_repeat(struct fb_request *req, const struct fb_journey *j,
                  const struct fb_form_desc *f,
                  const struct fb_page_desc *page, const char *tail,
                  bool post);

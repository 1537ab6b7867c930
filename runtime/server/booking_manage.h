/* SPDX-License-Identifier: MIT */
/*
 * A booking's own pages, found by the manage token on its confirmation:
 * the booking, its calendar file, cancel and change (booking_manage.c).
 */
#pragma once

#include "journey.h"

/** Handles /SLUG/booking/@p rest of form @p f: sets the response or
 *  defers it on a write job. An unknown or malformed token is a 404. */
void
fb_booking_manage(struct fb_request *req, const struct fb_journey *j,
                  const struct fb_form_desc *f, const char *rest);

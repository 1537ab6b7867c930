/* SPDX-License-Identifier: MIT */
/*
 * "Start again" (GOV.UK's pattern: a confirmation, then the answers are
 * deleted): GET /SLUG/start-again?from=PAGE asks, POST deletes this form's
 * answers from the session and goes to the start page.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/form.h"
#include "http.h"
#include "journey.h"

void
fb_start_again(struct fb_request *req, const struct fb_journey *j,
               const struct fb_form_desc *f, bool post);

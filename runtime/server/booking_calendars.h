/* SPDX-License-Identifier: MIT */
/*
 * Places are shared by every form naming the same calendar, so those
 * forms must describe it the same way: days, windows and their
 * capacities, lead, horizon, closed days, hold and quota. Checked once
 * at start.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"

/**
 * @returns 0 when every calendar name is described one way by all of
 * @p forms, or -1 with a message naming both forms and the first
 * difference in @p err.
 */
int
fb_booking_calendars_check(const struct fb_form_desc *const *forms,
                           size_t n_forms, char *err, size_t errlen);

/* SPDX-License-Identifier: MIT */
/*
 * The back offices' route for progress updates (events_api.c):
 * POST /api/v1/submissions/REFERENCE/events.
 */
#pragma once

#include <stdbool.h>

#include "journey.h"

/**
 * Answers @p req when its path is under /api/v1/submissions/.
 * @returns false, having done nothing, for any other path.
 */
bool
fb_events_api_handle(struct fb_request *req, const struct fb_journey *j);

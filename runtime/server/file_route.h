/* SPDX-License-Identifier: MIT */
/*
 * GET /files/SHA256?form=F&ref=R&expires=T&sig=S: an uploaded file, for
 * the staff member a staff email's signed link was sent to (file_link.h).
 * Served only for a link that checks out, has not expired and names a
 * submission that really has that file, as an attachment that no cache
 * keeps; nothing else is ever served from the files directory.
 */
#pragma once

#include <stdbool.h>

#include "http.h"
#include "journey.h"

/** Answers @p req when its path is under /files/: the file (200), or the
 *  page saying why not (403 a bad or incomplete link, 410 an expired
 *  one, 404 a file or submission that is gone, or links not configured).
 *  @returns false, answering nothing, for any other path. */
bool
fb_file_route(struct fb_request *req, const struct fb_journey *j);

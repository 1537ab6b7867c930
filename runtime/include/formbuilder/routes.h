/* SPDX-License-Identifier: MIT */
/*
 * The server's own addresses at the top of the site, beside the forms at
 * /SLUG/: a form may not take one as its name (formc reports
 * `reserved-slug`), or its pages would be the server's. The routes
 * themselves are runtime/server/routes.c's, file_route.c's and
 * events_api.c's; a new top-level route is added here too.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The reserved first path segments, in alphabetical order. */
extern const char *const fb_reserved_slugs[];
extern const size_t fb_n_reserved_slugs;

/* @returns true when @p slug is one of fb_reserved_slugs. */
bool
fb_slug_reserved(const char *slug);

/* SPDX-License-Identifier: MIT */
/* The server's own top-level addresses (formbuilder/routes.h). */
#include "formbuilder/routes.h"

#include <string.h>

const char *const fb_reserved_slugs[] = {
    "accessibility",    /* the accessibility statement */
    "api",              /* back offices' progress updates: /api/v1/... */
    "assets",           /* stylesheets */
    "files",            /* uploaded files for staff: /files/SHA256 */
    "healthz",          /* the health check */
    "metrics",          /* Prometheus metrics */
};

const size_t fb_n_reserved_slugs =
    sizeof fb_reserved_slugs / sizeof fb_reserved_slugs[0];

bool
fb_slug_reserved(const char *slug)
{
    for (size_t i = 0; i < fb_n_reserved_slugs; i++)
        if (strcmp(slug, fb_reserved_slugs[i]) == 0)
            return true;
    return false;
}

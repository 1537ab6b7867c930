/* SPDX-License-Identifier: MIT */
/*
 * The list of what is erased outside the database with a reference's
 * rows (erase.h). A part of the server that keeps files under a
 * reference (uploads, var/files/) adds its function here, one line.
 */
#include "erase.h"

#include <stddef.h>

/* NULL-terminated, so the list may be empty. */
static const fb_reference_fn outside[] = {
    NULL,
};

void
fb_erase_outside(struct fb_store *s, const char *reference, void *cls)
{
    for (size_t i = 0; outside[i]; i++)
        outside[i](s, reference, cls);
}

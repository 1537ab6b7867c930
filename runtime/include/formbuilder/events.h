/* SPDX-License-Identifier: MIT */
/*
 * Progress updates (issue 18): the statuses a back office may give a
 * submission's event. Every form has the built-in ones, worded by the
 * message catalogue; a form may add its own under submit.event_statuses,
 * each with its label in the form's languages. formc checks the form's
 * do not clash with these; the server accepts only these and the form's.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"
#include "formbuilder/messages.h"

/* One status a form adds: an id the back office posts, and what the
 * resident's timeline calls it. */
struct fb_event_status_desc {
    const char *id;            /* snake_case, "awaiting_parts" */
    struct fb_i18n label;
};

/* The statuses every form has, in the order a request usually passes
 * through them. */
static const char *const fb_event_builtin_statuses[] = {
    "received", "in_progress", "scheduled", "completed", "closed",
    "cannot_progress",
};
#define FB_EVENT_BUILTIN_COUNT                                            \
    (sizeof fb_event_builtin_statuses / sizeof fb_event_builtin_statuses[0])

/** @returns the index of @p id among fb_event_builtin_statuses, or -1. */
static inline int
fb_event_builtin_index(const char *id)
{
    for (size_t i = 0; i < FB_EVENT_BUILTIN_COUNT; i++) {
        const char *a = fb_event_builtin_statuses[i], *b = id;
        while (*a && *a == *b)
            a++, b++;
        if (*a == '\0' && *b == '\0')
            return (int)i;
    }
    return -1;
}

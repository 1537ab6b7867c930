/* SPDX-License-Identifier: MIT */
/* `formbuilder assist`: a signed, expiring, single-use link for staff
 * filling in a form for someone else (assist.h). */
#pragma once

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "formbuilder/form.h"

/**
 * Runs `formbuilder assist` with @p argv[0] = "assist" over the compiled
 * forms @p forms, printing the link to @p out. @returns the exit status:
 * 0, or 2 for a usage error, a form not there, a channel not taken or
 * FORMBUILDER_ASSIST_KEY not set.
 */
int
fb_cmd_assist(int argc, char **argv, const struct fb_config *cfg,
              const struct fb_form_desc *const *forms, size_t n_forms,
              FILE *out);

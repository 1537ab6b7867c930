/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder prefill-link`: makes a signed prefill link, for a council
 * to try its own signing code against, or to print on a letter
 * (docs/integrations.md, Prefill).
 */
#pragma once

#include <stdio.h>

#include "config.h"
#include "formbuilder/form.h"

/**
 * Runs `formbuilder prefill-link` with @p argv[0] = "prefill-link" over
 * the compiled forms @p forms. @returns the exit status: 0, 2 for a usage
 * error, a form without prefill, a name no question has or a key not set.
 */
int
fb_cmd_prefill_link(int argc, char **argv, const struct fb_config *cfg,
                    const struct fb_form_desc *const *forms, size_t n_forms,
                    FILE *out);

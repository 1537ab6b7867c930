/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder maintenance on|off|status [--form F]`: puts every form, or
 * one, into maintenance on every server using the database, without
 * stopping them (docs/runtime.md, Maintenance).
 */
#pragma once

#include <stdio.h>

#include "config.h"
#include "formbuilder/form.h"

/**
 * Runs `formbuilder maintenance` with @p argv[0] = "maintenance" (its
 * --config already read into @p cfg) over the database of @p cfg; a
 * --form must name one of @p forms (or of --forms DIR's modules).
 * @returns the exit status: 0, 1 when the store fails, 2 for a usage
 * error or an unknown form.
 */
int
fb_cmd_maintenance(int argc, char **argv, const struct fb_config *cfg,
                   const struct fb_form_desc *const *forms, size_t n_forms,
                   FILE *out);

/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder submission show|delete|redact|audit`: subject access and
 * erasure requests (docs/runtime.md, "Personal data"). Every action but
 * audit is logged in the audit table with who asked for it.
 */
#pragma once

#include <stdio.h>

#include "config.h"
#include "store.h"

/**
 * Runs `formbuilder submission` with @p argv[0] = "submission" (its
 * --config pair already read into @p cfg) over the database of @p cfg.
 * @returns the exit status: 0, 1 when the store fails, 2 for a usage
 * error or an unknown reference.
 */
int
fb_cmd_submission(int argc, char **argv, const struct fb_config *cfg,
                  FILE *out);

/**
 * Prints everything stored under @p reference to @p out: the
 * submission's answers, language, form version and times, its
 * deliveries and their states, its booking and its booking's events.
 * @returns FB_STORE_OK, FB_STORE_NOT_FOUND or FB_STORE_ERROR.
 */
int
fb_submission_show(struct fb_store *store, const char *reference, FILE *out);

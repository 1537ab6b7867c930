/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder outbox list|show|retry|env`: staff's view of deliveries
 * (docs/delivery.md, Operators).
 */
#pragma once

#include <stdio.h>

#include "config.h"
#include "formbuilder/form.h"

/**
 * Runs `formbuilder outbox` with @p argv[0] = "outbox" (its --config
 * pairs already read into @p cfg) over the database of @p cfg.
 * @returns the exit status: 0, 1 when the store fails, 2 for a usage
 * error or an unknown delivery.
 */
int
fb_cmd_outbox(int argc, char **argv, const struct fb_config *cfg,
              const struct fb_form_desc *const *forms, size_t n_forms,
              FILE *out);

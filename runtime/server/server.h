/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder serve`: opens the store (a writer handle for the writer
 * thread, a reader handle for the polling thread), starts the writer and
 * the HTTP daemon, and on SIGTERM or SIGINT shuts down cleanly: stop
 * accepting, let requests in flight finish, flush the writer, close the
 * database.
 */
#pragma once

#include <stddef.h>

#include "config.h"
#include "formbuilder/form.h"

/**
 * Serves @p forms until SIGTERM or SIGINT.
 * @returns 0 after a clean shutdown, 1 when the server could not start
 * (the reason is logged).
 */
int
fb_server_run(const struct fb_config *cfg,
              const struct fb_form_desc *const *forms, size_t n_forms);

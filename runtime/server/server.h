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
#include "registry.h"

/**
 * Serves @p forms until SIGTERM or SIGINT, reloading them on SIGHUP and,
 * when they come from a directory, as its modules change (registry.h).
 * The caller frees @p forms afterwards. With @p preview, pages carry the
 * preview banner and panel and submissions are printed, not delivered
 * (preview.h).
 * @returns 0 after a clean shutdown, 1 when the server could not start
 * (the reason is logged).
 */
int
fb_server_run(const struct fb_config *cfg, struct fb_registry *forms,
              bool preview);

/* SPDX-License-Identifier: MIT */
/*
 * Logging to standard error: leveled messages and one structured access
 * line per request, both as key=value pairs so that log tools can parse
 * them without guessing. Safe to call from any thread.
 */
#pragma once

#include <stddef.h>

#include "config.h"

/** Sets the most detailed level that is written (default info). */
void
fb_log_set_level(enum fb_log_level level);

/** Writes `time=... level=... msg="..."` when @p level is enabled; the
 *  message is a printf format. */
void
fb_log(enum fb_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Writes one access line: time, method, path, status, bytes and the
 *  latency in microseconds. @p path is quoted and escaped. */
void
fb_log_access(const char *method, const char *path, unsigned status,
              size_t bytes, long long latency_us);

/* SPDX-License-Identifier: MIT */
/*
 * Virus scanning through clamd's socket protocol: INSTREAM over its UNIX
 * socket ("zINSTREAM\0", then chunks each after its 4-byte big-endian
 * length, a zero length to end; the reply "stream: OK" or "stream: NAME
 * FOUND"). A scan that cannot finish (clamd down, too slow, a reply it
 * does not recognise) is a failure, never a pass.
 */
#pragma once

#include <stddef.h>

enum fb_clamd_verdict {
    FB_CLAMD_CLEAN,
    FB_CLAMD_INFECTED,         /* *@p why: the signature's name */
    FB_CLAMD_FAILED            /* *@p why: what went wrong */
};

/** Scans the file open on @p fd (read from its start) with the clamd
 *  listening on @p socket_path, waiting at most @p timeout seconds for
 *  each step. */
enum fb_clamd_verdict
fb_clamd_scan(const char *socket_path, int fd, unsigned timeout, char *why,
              size_t cap);

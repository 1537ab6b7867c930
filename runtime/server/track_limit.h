/* SPDX-License-Identifier: MIT */
/*
 * The track page's limit per reference (track.c): at most
 * FB_TRACK_FAILURES wrong lookups of one reference per FB_TRACK_WINDOW
 * seconds, whoever makes them, so an email address or postcode cannot be
 * guessed by trying many from many addresses. The per-client limit is
 * the server's own (ratelimit.h). References typed that do not exist are
 * counted the same, so the limit says nothing about which exist.
 */
#pragma once

#define FB_TRACK_FAILURES 10
#define FB_TRACK_WINDOW 900

/* @returns 0 when @p reference may be looked up at @p now (Unix
 * seconds), else the seconds until it may. Any thread. */
unsigned
fb_track_limit_wait(const char *reference, long long now);

/* Counts a wrong lookup of @p reference at @p now. Any thread. */
void
fb_track_limit_failed(const char *reference, long long now);

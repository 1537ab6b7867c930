/* SPDX-License-Identifier: MIT */
/*
 * What http.c shares with http_errors.c (libmicrohttpd's own error
 * responses): the headers every response carries. Private to
 * runtime/server.
 */
#pragma once

#include <stdbool.h>

#include <microhttpd.h>

#include "http.h"

/* The header whose presence marks a response as the application's. */
#define FB_HTTP_CSP_HEADER "Content-Security-Policy"

/* Adds Content-Type @p content_type, the Content-Security-Policy and the
 * other security headers, and Cache-Control for @p cache to @p resp.
 * @returns false when one could not be added (out of memory). */
bool
fb_http_secure(struct MHD_Response *resp, const char *content_type,
               enum fb_cache cache);

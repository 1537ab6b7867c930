/* SPDX-License-Identifier: MIT */
/*
 * The council's service on the server (docs/runtime.md, "The council's
 * service"): the frame every page is written in, from the configuration
 * (config_site.h), its colours at /assets/site.css and the accessibility
 * statement at /accessibility.
 */
#pragma once

#include "config.h"
#include "http.h"

/* Frames every page with @p cfg's site (libfbrt's fb_render_set_site());
 * @p cfg must outlive the server. Call once at start. */
void
fb_site_install(const struct fb_config *cfg);

/* Answers GET /assets/site.css and /accessibility. @returns false for any
 * other path (nothing answered). */
bool
fb_site_route(struct fb_request *req, const struct fb_config *cfg,
              const char *path);

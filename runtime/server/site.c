/* SPDX-License-Identifier: MIT */
/*
 * The council's service; see site.h.
 */
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/render.h"
#include "lang.h"

static struct fb_site site;

static const char *
or_null(const char *s)
{
    return s[0] ? s : NULL;
}

void
fb_site_install(const struct fb_config *cfg)
{
    const struct fb_site_config *c = &cfg->site;
    site = (struct fb_site){0};
    site.name[FB_LANG_EN] = or_null(c->name);
    site.name[FB_LANG_CY] = or_null(c->name_cy);
    site.logo_url = or_null(c->logo_url);
    site.stylesheet = c->header_colour[0] ? "/assets/site.css" : NULL;
    site.phase = or_null(c->phase);
    site.feedback_url = or_null(c->feedback_url);
    for (size_t i = 0; i < c->n_links && i < FB_SITE_LINKS; i++) {
        site.link_text[i] = c->links[i].text;
        site.link_url[i] = c->links[i].url;
        site.n_links++;
    }
    site.accessibility = true;
    fb_render_set_site(&site);
}

/* The council's header colour; the text on it stays white, its contrast
 * checked when the configuration was read (config_site.c). */
static void
site_css(struct fb_request *req, const struct fb_config *cfg)
{
    char css[256];
    int n = snprintf(css, sizeof css,
                     ".govuk-header { background: %s; border-bottom-color: "
                     "%s; }\n", cfg->site.header_colour,
                     cfg->site.header_colour);
    char *copy = strdup(css);
    fb_request_respond(req, 200, "text/css; charset=utf-8", copy,
                       copy ? (size_t)n : 0, FB_CACHE_STATIC);
}

bool
fb_site_route(struct fb_request *req, const struct fb_config *cfg,
              const char *path)
{
    if (strcmp(path, "/assets/site.css") == 0) {
        if (!cfg->site.header_colour[0])
            fb_send_not_found(req);
        else
            site_css(req, cfg);
        return true;
    }
    if (strcmp(path, "/accessibility") != 0)
        return false;
    /* In the language asked for: the statement is in both. */
    enum fb_lang lang = fb_lang_of_request(
        req, -1, (1u << FB_LANG_EN) | (1u << FB_LANG_CY));
    fb_request_set_lang(req, lang);
    struct fb_html w;
    fb_html_init(&w);
    fb_render_accessibility(&w, lang, or_null(cfg->site.contact_email),
                            or_null(cfg->site.contact_phone));
    fb_send_html(req, 200, &w);
    return true;
}

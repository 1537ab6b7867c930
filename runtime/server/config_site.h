/* SPDX-License-Identifier: MIT */
/*
 * The council's own service in the server's configuration (docs/runtime.md,
 * "The council's service"): its name, logo, header colour, footer links,
 * phase banner and feedback link, and the contact the accessibility
 * statement gives. The header colour is checked for contrast when it is
 * read, so a server whose header text could not be read never starts.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define FB_SITE_MAX_LINKS 8

struct fb_site_config {
    char name[128];           /* the header's name; "" the catalogue's */
    char name_cy[128];        /* its Welsh; "" the English one */
    char logo_url[512];       /* an image beside the name, or "" */
    char header_colour[8];    /* "#rrggbb", or "" the stylesheet's */
    char phase[8];            /* "alpha", "beta" or "" */
    char feedback_url[512];   /* the phase banner's link, or "" */
    char contact_email[128];  /* the accessibility statement's */
    char contact_phone[64];
    struct {
        char text[80];
        char url[512];
    } links[FB_SITE_MAX_LINKS]; /* footer_link = Text | URL, in order */
    size_t n_links;
};

/**
 * Sets site key @p key ("service_name", "logo_url", "header_colour",
 * "phase", "feedback_url", "contact_email", "contact_phone",
 * "footer_link") from @p value.
 * @returns 1 when set, 0 for a bad value (with why in @p err), -1 when
 * @p key is not a site key.
 */
int
fb_site_config_set(struct fb_site_config *site, const char *key,
                   const char *value, char *err, size_t errlen);

/** @returns the WCAG 2.2 contrast ratio of white text on "#rrggbb"
 *  @p colour (1 to 21), or 0 when it is not such a colour. */
double
fb_site_contrast_on(const char *colour);

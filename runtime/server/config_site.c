/* SPDX-License-Identifier: MIT */
/*
 * The council's service keys of the configuration; see config_site.h.
 */
#include "config_site.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* WCAG 2.2 SC 1.4.3 Contrast (Minimum) for the header's normal text. */
#define MIN_CONTRAST 4.5

static bool
copy(char *dst, size_t cap, const char *v)
{
    size_t n = strlen(v);
    if (n >= cap)
        return false;
    memcpy(dst, v, n + 1);
    return true;
}

/* An address a page may link to or load: https://, or a path of this
 * server; no spaces or quotes that would break out of the attribute. */
static bool
url_ok(const char *v)
{
    if (strpbrk(v, " \t\"<>'\\"))
        return false;
    return (strncasecmp(v, "https://", 8) == 0 && v[8])
           || (v[0] == '/' && v[1] != '/');
}

static int
hex(char c)
{
    return isdigit((unsigned char)c) ? c - '0'
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                    : -1;
}

/* The relative luminance of one sRGB channel 0-255 (WCAG 2.2). */
static double
channel(int v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double
fb_site_contrast_on(const char *colour)
{
    int rgb[3];
    if (strlen(colour) != 7 || colour[0] != '#')
        return 0;
    for (int i = 0; i < 3; i++) {
        int hi = hex(colour[1 + 2 * i]), lo = hex(colour[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return 0;
        rgb[i] = hi * 16 + lo;
    }
    double l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1])
               + 0.0722 * channel(rgb[2]);
    return (1.0 + 0.05) / (l + 0.05);
}

/* "rrggbb" as a file writes it ('#' starts a comment there), or
 * "#rrggbb". */
static int
header_colour(struct fb_site_config *site, const char *value, char *err,
              size_t errlen)
{
    char colour[16];
    snprintf(colour, sizeof colour, "%s%.8s", value[0] == '#' ? "" : "#",
             value);
    double ratio = strlen(value) <= 7 ? fb_site_contrast_on(colour) : 0;
    if (ratio == 0) {
        snprintf(err, errlen, "bad value '%s' for 'header_colour': write "
                 "the colour's six hex digits, such as 1d70b8 (in a file "
                 "without '#', which starts a comment there)", value);
        return 0;
    }
    value = colour;
    /* Compared as shown (two decimals), so the message never says a
     * ratio of 4.50:1 is too low. */
    if (floor(ratio * 100) / 100 < MIN_CONTRAST) {
        snprintf(err, errlen, "header_colour %s gives the header's white "
                 "text a contrast ratio of %.2f:1, below the 4.5:1 WCAG 2.2 "
                 "(SC 1.4.3) asks for; choose a darker colour (#1d70b8, "
                 "GOV.UK blue, gives 5.17:1)", value, floor(ratio * 100) / 100);
        return 0;
    }
    memcpy(site->header_colour, colour, 8);
    return 1;
}

static int
footer_link(struct fb_site_config *site, const char *value, char *err,
            size_t errlen)
{
    const char *bar = strchr(value, '|');
    if (site->n_links == FB_SITE_MAX_LINKS) {
        snprintf(err, errlen, "at most %d footer_link lines",
                 FB_SITE_MAX_LINKS);
        return 0;
    }
    size_t tlen = bar ? (size_t)(bar - value) : 0;
    while (tlen && isspace((unsigned char)value[tlen - 1]))
        tlen--;
    const char *url = bar ? bar + 1 : "";
    while (isspace((unsigned char)*url))
        url++;
    if (!bar || !tlen || tlen >= sizeof site->links[0].text || !url_ok(url)
        || !copy(site->links[site->n_links].url,
                 sizeof site->links[0].url, url)) {
        snprintf(err, errlen, "bad value '%s' for 'footer_link': write "
                 "the link's text, '|' and its https:// address or /path, "
                 "such as 'Contact us | https://www.example.gov.uk/contact'",
                 value);
        return 0;
    }
    memcpy(site->links[site->n_links].text, value, tlen);
    site->links[site->n_links].text[tlen] = '\0';
    site->n_links++;
    return 1;
}

int
fb_site_config_set(struct fb_site_config *site, const char *key,
                   const char *value, char *err, size_t errlen)
{
    bool ok;
    if (strcmp(key, "header_colour") == 0)
        return header_colour(site, value, err, errlen);
    if (strcmp(key, "footer_link") == 0)
        return footer_link(site, value, err, errlen);
    if (strcmp(key, "service_name") == 0)
        ok = value[0] && copy(site->name, sizeof site->name, value);
    else if (strcmp(key, "service_name_cy") == 0)
        ok = value[0] && copy(site->name_cy, sizeof site->name_cy, value);
    else if (strcmp(key, "logo_url") == 0)
        ok = url_ok(value) && copy(site->logo_url, sizeof site->logo_url,
                                   value);
    else if (strcmp(key, "phase") == 0)
        ok = (strcmp(value, "alpha") == 0 || strcmp(value, "beta") == 0
              || strcmp(value, "live") == 0)
             && copy(site->phase, sizeof site->phase,
                     strcmp(value, "live") == 0 ? "" : value);
    else if (strcmp(key, "feedback_url") == 0)
        ok = (url_ok(value) || strncasecmp(value, "mailto:", 7) == 0)
             && !strpbrk(value, " \t\"<>'\\")
             && copy(site->feedback_url, sizeof site->feedback_url, value);
    else if (strcmp(key, "contact_email") == 0)
        ok = strchr(value, '@') && !strpbrk(value, " \t\"<>'\\")
             && copy(site->contact_email, sizeof site->contact_email, value);
    else if (strcmp(key, "contact_phone") == 0)
        ok = value[0] && copy(site->contact_phone, sizeof site->contact_phone,
                              value);
    else
        return -1;
    if (!ok)
        snprintf(err, errlen, "bad value '%s' for '%s'", value, key);
    return ok ? 1 : 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * The head rules of http.c as pure functions (request_head.h): header
 * counts and the framing verdict, the urlencoded content type, and the
 * path's percent-decoding libmicrohttpd is given.
 */
#include "request_head.h"

#include <string.h>
#include <strings.h>

#include "formbuilder/text.h"

void
fb_head_count(struct fb_head_counts *c, const char *key, const char *value)
{
    if (strcasecmp(key, "Host") == 0) {
        c->host++;
    } else if (strcasecmp(key, "Content-Type") == 0) {
        c->content_type++;
    } else if (strcasecmp(key, "Transfer-Encoding") == 0) {
        c->transfer_encoding++;
    } else if (strcasecmp(key, "Content-Length") == 0) {
        if (c->content_length++ == 0)
            c->first_length = value;
        else if (strcmp(value ? value : "",
                        c->first_length ? c->first_length : "") != 0)
            c->lengths_differ = true;
    }
}

bool
fb_head_unambiguous(const struct fb_head_counts *c, bool http11)
{
    if (c->transfer_encoding > 0 && c->content_length > 0)
        return false;
    if (c->transfer_encoding > 1 || c->lengths_differ || c->content_type > 1)
        return false;
    return !http11 || c->host == 1;
}

bool
fb_head_is_urlencoded(const char *type)
{
    static const char want[] = "application/x-www-form-urlencoded";
    if (!type)
        return false;
    type += strspn(type, " \t");
    if (strncasecmp(type, want, sizeof want - 1) != 0)
        return false;
    type += sizeof want - 1;
    type += strspn(type, " \t");
    return *type == '\0' || *type == ';';
}

size_t
fb_head_unescape(char *s)
{
    char *out = s;
    for (const char *in = s; *in; in++) {
        int hi, lo;
        if (in[0] == '%' && (hi = fb_hex_value(in[1])) >= 0 &&
            (lo = fb_hex_value(in[2])) >= 0 && (hi | lo) != 0) {
            *out++ = (char)(hi * 16 + lo);
            in += 2;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
    return (size_t)(out - s);
}

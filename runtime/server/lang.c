/* SPDX-License-Identifier: MIT */
/*
 * The page language: ?lang=, the session's choice, Accept-Language with
 * its weights, English (lang.h).
 */
#include "lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "formbuilder/messages.h"
#include "http.h"

unsigned
fb_lang_offered(const struct fb_form_desc *f)
{
    return (1u << FB_LANG_EN) | (f ? f->languages : 0u);
}

bool
fb_lang_bilingual(const struct fb_form_desc *f)
{
    return fb_lang_offered(f) != (1u << FB_LANG_EN);
}

static bool
offers(unsigned offered, int lang)
{
    return lang >= 0 && lang < FB_LANG__COUNT
           && (offered & (1u << (unsigned)lang));
}

/* The language of range [s, s+n): its primary subtag, case aside; "*"
 * is English. -1 when the runtime has no such language. */
static int
range_lang(const char *s, size_t n)
{
    if (n == 1 && s[0] == '*')
        return FB_LANG_EN;
    size_t primary = 0;
    while (primary < n && s[primary] != '-')
        primary++;
    for (int l = 0; l < FB_LANG__COUNT; l++) {
        const char *code = fb_lang_code((enum fb_lang)l);
        if (strlen(code) == primary && strncasecmp(s, code, primary) == 0)
            return l;
    }
    return -1;
}

/* The weight in parameters [s, end) (";q=0.8"), in thousandths: 1000
 * when absent, -1 when malformed (the range is then ignored). */
static int
range_weight(const char *s, const char *end)
{
    int q = 1000;
    while (s < end) {
        while (s < end && (*s == ';' || *s == ' ' || *s == '\t'))
            s++;
        const char *p = s;
        while (p < end && *p != ';')
            p++;
        if (p - s >= 2 && (s[0] == 'q' || s[0] == 'Q') && s[1] == '=') {
            /* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */
            const char *v = s + 2;
            if (v >= p || (*v != '0' && *v != '1'))
                return -1;
            q = (*v - '0') * 1000;
            v++;
            if (v < p && *v == '.') {
                v++;
                int scale = 100;
                for (; v < p && *v >= '0' && *v <= '9' && scale; v++) {
                    q += (*v - '0') * scale;
                    scale /= 10;
                }
            }
            while (v < p && (*v == ' ' || *v == '\t'))
                v++;
            if (v != p || q > 1000)
                return -1;
        }
        s = p;
    }
    return q;
}

int
fb_lang_accept(const char *header, unsigned offered)
{
    int best = -1, best_q = 0;
    for (const char *s = header; s && *s;) {
        while (*s == ',' || *s == ' ' || *s == '\t')
            s++;
        const char *end = s + strcspn(s, ",");
        size_t n = strcspn(s, ";, \t");
        if (n > (size_t)(end - s))
            n = (size_t)(end - s);
        const char *params = s + n;
        int lang = n ? range_lang(s, n) : -1;
        int q = range_weight(params, end);
        if (offers(offered, lang) && q > best_q) {
            best = lang;
            best_q = q;
        }
        s = end;
    }
    return best;
}

enum fb_lang
fb_lang_choose(const char *param, int chosen, const char *accept,
               unsigned offered)
{
    int l = fb_lang_lookup(param);
    if (offers(offered, l))
        return (enum fb_lang)l;
    if (offers(offered, chosen))
        return (enum fb_lang)chosen;
    l = fb_lang_accept(accept, offered);
    return offers(offered, l) ? (enum fb_lang)l : FB_LANG_EN;
}

enum fb_lang
fb_lang_of_request(const struct fb_request *req, int chosen,
                   unsigned offered)
{
    return fb_lang_choose(fb_request_query(req, "lang"), chosen,
                          fb_request_header(req, "Accept-Language"),
                          offered);
}

/* Appends the ?change= and ?month= of @p req to @p b, the first after
 * @p sep. ?month= is checked by its page; only its digits and hyphens
 * are written back into a URL. */
static void
kept_query(struct fb_buf *b, const struct fb_request *req, char sep)
{
    const char *change = fb_request_query(req, "change");
    const char *month = fb_request_query(req, "month");
    if (change) {
        fb_buf_printf(b, "%cchange=1", sep);
        sep = '&';
    }
    if (month && month[0] && strspn(month, "0123456789-") == strlen(month))
        fb_buf_printf(b, "%cmonth=%s", sep, month);
}

/* Copies @p b into @p buf when it fits. @returns @p buf, or NULL. */
static const char *
take(struct fb_buf *b, char *buf, size_t cap)
{
    bool fits = !b->failed && b->data && b->len < cap;
    if (fits)
        memcpy(buf, b->data, b->len + 1);
    fb_buf_free(b);
    return fits ? buf : NULL;
}

const char *
fb_lang_href(char *buf, size_t cap, const struct fb_request *req,
             enum fb_lang lang, unsigned offered, bool post)
{
    enum fb_lang other = lang == FB_LANG_EN ? FB_LANG_CY : FB_LANG_EN;
    if (!offers(offered, other) || !offers(offered, lang))
        return NULL;
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_printf(&b, "%s?lang=%s", fb_request_path(req),
                  fb_lang_code(other));
    kept_query(&b, req, '&');
    if (post)
        fb_buf_puts(&b, "&switch=1");
    return take(&b, buf, cap);
}

const char *
fb_lang_return(char *buf, size_t cap, const struct fb_request *req)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, fb_request_path(req));
    kept_query(&b, req, '?');
    return take(&b, buf, cap);
}

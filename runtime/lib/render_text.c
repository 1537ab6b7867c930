/* SPDX-License-Identifier: MIT */
/*
 * The prose writer for author text: paragraphs and [text](url) links, with
 * unsafe link targets shown as plain text (safe by default, as cmark drops
 * javascript: links unless told otherwise).
 */
#include "render-priv.h"

#include <string.h>
#include <strings.h>

/* A link target is kept only if it cannot run script or surprise: a web,
 * mail or phone URL, or a path on this site. */
static bool
safe_url(const char *url, size_t n)
{
    static const char *const schemes[] = {"https:", "http:", "mailto:",
                                          "tel:"};

    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f)
            return false;
    if (url[0] == '/')
        return true;
    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        size_t k = strlen(schemes[i]);
        if (n > k && strncasecmp(url, schemes[i], k) == 0)
            return true;
    }
    return false;
}

static void
text_n(struct fb_html *w, const char *s, size_t n)
{
    char buf[256];

    while (n > 0) {
        size_t k = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
        fb_html_text(w, buf);
        s += k;
        n -= k;
    }
}

static void
attr_n(struct fb_html *w, const char *s, size_t n)
{
    char buf[256];

    while (n > 0) {
        size_t k = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
        fb_html_attr(w, buf);
        s += k;
        n -= k;
    }
}

/* Author text with its placeholders filled in (when @p ctx is set):
 * "{answers.ID}", "{booking.date}", "{booking.time}" become the answers
 * (fb_render_placeholder()), "{{" and "}}" one brace; any other braces
 * are the author's own text. Without @p ctx, text as it is. */
static void
content_n(struct fb_html *w, const struct fb_render_ctx *ctx, const char *s,
          size_t n)
{
    size_t start = 0;

    for (size_t i = 0; ctx && i < n; i++) {
        if ((s[i] == '{' || s[i] == '}') && i + 1 < n && s[i + 1] == s[i]) {
            text_n(w, s + start, i + 1 - start);
            start = ++i + 1;
            continue;
        }
        if (s[i] != '{')
            continue;
        const char *close = memchr(s + i, '}', n - i);
        if (!close)
            break;
        size_t len = (size_t)(close - (s + i)) - 1;
        if (!fb_render_placeholder_known(ctx, s + i + 1, len))
            continue;
        text_n(w, s + start, i - start);
        fb_render_placeholder(w, ctx, s + i + 1, len);
        i = (size_t)(close - s);
        start = i + 1;
    }
    text_n(w, s + start, n - start);
}

/*
 * If @p s (n bytes) starts with "[text](url)", sets the parts and returns
 * the length of the whole link; 0 otherwise. Link text holds no brackets
 * and the url no parentheses, which keeps the grammar simple and linear.
 */
static size_t
match_link(const char *s, size_t n, const char **out_text, size_t *out_tn,
           const char **out_url, size_t *out_un)
{
    size_t i = 1, t0, u0;

    if (n < 4 || s[0] != '[')
        return 0;
    t0 = i;
    while (i < n && s[i] != ']' && s[i] != '[' && s[i] != '\n')
        i++;
    if (i + 1 >= n || s[i] != ']' || s[i + 1] != '(' || i == t0)
        return 0;
    *out_text = s + t0;
    *out_tn = i - t0;
    i += 2;
    u0 = i;
    while (i < n && s[i] != ')' && s[i] != '(' && s[i] != '\n')
        i++;
    if (i >= n || s[i] != ')')
        return 0;
    *out_url = s + u0;
    *out_un = i - u0;
    return i + 1;
}

/* Writes one paragraph's text with its links. */
static void
inline_text(struct fb_html *w, const struct fb_render_ctx *ctx,
            const char *s, size_t n)
{
    size_t start = 0, i = 0;

    while (i < n) {
        const char *text, *url;
        size_t tn, un, len;

        if (s[i] != '[') {
            i++;
            continue;
        }
        len = match_link(s + i, n - i, &text, &tn, &url, &un);
        if (len == 0 || !safe_url(url, un)) {
            i++;
            continue;
        }
        content_n(w, ctx, s + start, i - start);
        fb_html_raw(w, "<a class=\"govuk-link\" href=\"");
        attr_n(w, url, un);
        fb_html_raw(w, "\">");
        content_n(w, ctx, text, tn);
        fb_html_raw(w, "</a>");
        i += len;
        start = i;
    }
    content_n(w, ctx, s + start, n - start);
}

/* @returns true when line [s, s+n) holds only spaces and tabs. */
static bool
blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Writes text as paragraphs, with placeholders when @p ctx is set. */
static void
prose(struct fb_html *w, const struct fb_render_ctx *ctx, const char *text,
      const char *p_class)
{
    const char *s = text ? text : "";
    size_t n = strlen(s), i = 0, para = 0, end = 0;
    bool in_para = false, first = true;

    /* Walk line by line; a blank line ends a paragraph. */
    while (i <= n) {
        size_t eol = i;
        while (eol < n && s[eol] != '\n')
            eol++;
        if (!blank_line(s + i, eol - i)) {
            if (!in_para)
                para = i;
            in_para = true;
            end = eol;
        }
        if (in_para && (blank_line(s + i, eol - i) || eol >= n)) {
            /* Trim trailing white space of the paragraph. */
            while (end > para && (s[end - 1] == ' ' || s[end - 1] == '\r' ||
                                  s[end - 1] == '\t' || s[end - 1] == '\n'))
                end--;
            if (p_class) {
                fb_html_raw(w, "<p class=\"");
                fb_html_attr(w, p_class);
                fb_html_raw(w, "\">");
            } else if (!first) {
                fb_html_raw(w, "<br><br>");
            }
            inline_text(w, ctx, s + para, end - para);
            if (p_class)
                fb_html_raw(w, "</p>\n");
            in_para = false;
            first = false;
        }
        i = eol + 1;
    }
}

/* Writes text as paragraphs; see render-priv.h. */
void
fb_render_prose(struct fb_html *w, const char *text, const char *p_class)
{
    prose(w, NULL, text, p_class);
}

/* Writes content text with its placeholders; see render-priv.h. */
void
fb_render_content_prose(struct fb_html *w, const struct fb_render_ctx *ctx,
                        const char *text, const char *p_class)
{
    prose(w, ctx, text, p_class);
}

/* Writes one line of content text; see render-priv.h. */
void
fb_render_content_text(struct fb_html *w, const struct fb_render_ctx *ctx,
                       const char *text)
{
    content_n(w, ctx, text ? text : "", text ? strlen(text) : 0);
}

/* SPDX-License-Identifier: MIT */
/*
 * Words the renderers write themselves, in English and Welsh, and the
 * prose writer for author text: paragraphs and [text](url) links, with
 * unsafe link targets shown as plain text (safe by default, as cmark drops
 * javascript: links unless told otherwise).
 */
#include "render-priv.h"

#include <string.h>
#include <strings.h>

static const char *const words[FB_STR__COUNT][FB_LANG__COUNT] = {
    [FB_STR_SKIP] = {"Skip to main content", "Neidio i\u2019r prif gynnwys"},
    [FB_STR_BACK] = {"Back", "Yn \u00f4l"},
    [FB_STR_ERROR_PREFIX] = {"Error:", "Gwall:"},
    [FB_STR_PROBLEM] = {"There is a problem", "Mae problem wedi codi"},
    [FB_STR_CONTINUE] = {"Continue", "Parhau"},
    [FB_STR_START] = {"Start now", "Dechrau nawr"},
    [FB_STR_CHANGE] = {"Change", "Newid"},
    [FB_STR_CHECK_TITLE] = {"Check your answers", "Gwirio eich atebion"},
    [FB_STR_SEND_HEADING] = {"Now send your form",
                             "Nawr anfonwch eich ffurflen"},
    [FB_STR_SEND_BODY] = {"By sending this form you are confirming that, "
                          "to the best of your knowledge, the details you "
                          "are providing are correct.",
                          "Drwy anfon y ffurflen hon rydych yn cadarnhau "
                          "bod y manylion rydych yn eu darparu yn gywir, "
                          "hyd eithaf eich gwybodaeth."},
    [FB_STR_SEND] = {"Accept and send", "Derbyn ac anfon"},
    [FB_STR_DAY] = {"Day", "Diwrnod"},
    [FB_STR_MONTH] = {"Month", "Mis"},
    [FB_STR_YEAR] = {"Year", "Blwyddyn"},
    [FB_STR_LINE1] = {"Address line 1", "Llinell gyntaf y cyfeiriad"},
    [FB_STR_LINE2] = {"Address line 2 (optional)",
                      "Ail linell y cyfeiriad (dewisol)"},
    [FB_STR_TOWN] = {"Town or city", "Tref neu ddinas"},
    [FB_STR_POSTCODE] = {"Postcode", "Cod post"},
    [FB_STR_YES] = {"Yes", "Ie"},
    [FB_STR_NO] = {"No", "Na"},
    [FB_STR_WARNING] = {"Warning", "Rhybudd"},
    [FB_STR_REFERENCE] = {"Your reference number", "Eich cyfeirnod"},
    [FB_STR_SUBMITTED] = {"Form sent", "Ffurflen wedi\u2019i hanfon"},
    [FB_STR_NOT_PROVIDED] = {"Not provided", "Heb ei ddarparu"},
    [FB_STR_CHOOSE] = {"Select an option", "Dewiswch opsiwn"},
    [FB_STR_HONEYPOT] = {"Leave this field empty",
                         "Gadewch y maes hwn yn wag"},
    [FB_STR_CONFIRMED] = {"Confirmed", "Wedi\u2019i gadarnhau"},
    [FB_STR_ALL_FORMS] = {"All forms", "Pob ffurflen"},
    [FB_STR_OPTIONAL] = {"(optional)", "(dewisol)"},
};

static const char *const months[FB_LANG__COUNT][12] = {
    {"January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"},
    {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
     "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"},
};

/* Looks up fixed wording; falls back to English for a bad language. */
const char *
fb_render_str(enum fb_render_str s, enum fb_lang lang)
{
    if ((unsigned)s >= FB_STR__COUNT)
        return "";
    if ((unsigned)lang >= FB_LANG__COUNT || !words[s][lang])
        lang = FB_LANG_EN;
    return words[s][lang];
}

/* Names a month; "" outside 1-12. */
const char *
fb_render_month_name(int m, enum fb_lang lang)
{
    if (m < 1 || m > 12)
        return "";
    if ((unsigned)lang >= FB_LANG__COUNT)
        lang = FB_LANG_EN;
    return months[lang][m - 1];
}

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
inline_text(struct fb_html *w, const char *s, size_t n)
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
        text_n(w, s + start, i - start);
        fb_html_raw(w, "<a class=\"govuk-link\" href=\"");
        attr_n(w, url, un);
        fb_html_raw(w, "\">");
        text_n(w, text, tn);
        fb_html_raw(w, "</a>");
        i += len;
        start = i;
    }
    text_n(w, s + start, n - start);
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

/* Writes text as paragraphs; see render-priv.h. */
void
fb_render_prose(struct fb_html *w, const char *text, const char *p_class)
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
            inline_text(w, s + para, end - para);
            if (p_class)
                fb_html_raw(w, "</p>\n");
            in_para = false;
            first = false;
        }
        i = eol + 1;
    }
}

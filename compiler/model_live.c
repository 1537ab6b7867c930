/* SPDX-License-Identifier: MIT */
/*
 * Reads the keys of a live service (docs/form-language.md, "Running a
 * live service"): `opens:` and `closes:` (a date, or a date and a local
 * time), `closed_message:`, `max_submissions:` and `privacy:` (a URL or a
 * text), and checks what can be checked in the form alone: real dates,
 * closing after opening, a cap of at least one.
 */
#include "model_priv.h"

#include "formbuilder/validate.h"

#include <string.h>
#include <strings.h>

/* The most submissions a cap may name: far past any council form, and
 * well inside the counter's 64 bits. */
#define MAX_CAP 100000000L

/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (a space for the T too) into
 * the local time it stands for, "YYYY-MM-DDTHH:MM"; a date alone is
 * 00:00 of that day, or with @p end the 00:00 after it (closing at the
 * end of the day named). @returns false when @p s is neither. */
static bool
parse_when(const char *s, bool end, char out[17])
{
    char day[FB_DATE_ISO_SIZE];
    struct fb_date d;
    size_t len = strlen(s);
    if (len != 10 && len != 16)
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (!fb_date_parse_iso(day, &d))
        return false;
    int hh = 0, mm = 0;
    if (len == 16) {
        const char *t = s + 10;
        if ((t[0] != 'T' && t[0] != ' ') || t[3] != ':')
            return false;
        for (int i = 1; i <= 5; i++)
            if (i != 3 && (t[i] < '0' || t[i] > '9'))
                return false;
        hh = (t[1] - '0') * 10 + (t[2] - '0');
        mm = (t[4] - '0') * 10 + (t[5] - '0');
        if (hh > 23 || mm > 59)
            return false;
    } else if (end) {
        d = fb_date_add_days(d, 1);
    }
    fb_date_iso(&d, day);
    memcpy(out, day, 10);
    out[10] = 'T';
    out[11] = (char)('0' + hh / 10);
    out[12] = (char)('0' + hh % 10);
    out[13] = ':';
    out[14] = (char)('0' + mm / 10);
    out[15] = (char)('0' + mm % 10);
    out[16] = '\0';
    return true;
}

static const char *
read_when(struct fb_compiler *c, const struct fb_node *n, const char *key,
          bool end)
{
    const char *s = fb_model_string(c, n, key);
    char when[17];
    if (!s)
        return NULL;
    if (!parse_when(s, end, when)) {
        fb_diag(c, FB_ERROR, &n->loc, "bad-open-date",
                "'%s' must be a date such as 2026-12-31, or a date and a "
                "time of day such as 2026-12-31T17:00, not '%.40s'",
                key, s);
        return NULL;
    }
    return fb_arena_strdup(&c->arena, when);
}

static void
read_cap(struct fb_compiler *c, struct fb_form *form,
         const struct fb_node *n)
{
    long cap;
    if (!fb_model_whole(c, n, "max_submissions", &cap))
        return;
    if (cap < 1 || cap > MAX_CAP) {
        fb_diag(c, FB_ERROR, &n->loc, "bad-max-submissions",
                "'max_submissions' must be a whole number from 1 to %ld, "
                "not %ld; leave it out to take submissions without a cap, "
                "or use 'closes:' to stop taking them",
                MAX_CAP, cap);
        return;
    }
    form->max_submissions = cap;
}

/* A link for the privacy notice: https:// and something after it. */
static void
read_privacy(struct fb_compiler *c, struct fb_form *form,
             const struct fb_node *n)
{
    if (n->kind == FB_NODE_SCALAR && n->value
        && (strncasecmp(n->value, "https://", 8) == 0
            || strncasecmp(n->value, "http://", 7) == 0)) {
        const char *v = n->value;
        if (strncasecmp(v, "https://", 8) != 0 || !v[8]
            || strpbrk(v, " \t\"<>")) {
            fb_diag(c, FB_ERROR, &n->loc, "bad-privacy",
                    "'privacy' must be the notice's text, or its address "
                    "starting with https:// (with no spaces), not '%.60s'",
                    v);
            return;
        }
        form->privacy_url = v;
        return;
    }
    fb_model_text(c, n, "privacy", &form->privacy);
}

void
fb_model_live(struct fb_compiler *c, struct fb_form *form,
              const struct fb_live_nodes *n)
{
    if (n->opens) {
        form->opens_loc = n->opens->loc;
        form->opens = read_when(c, n->opens, "opens", false);
    }
    if (n->closes) {
        form->closes_loc = n->closes->loc;
        form->closes = read_when(c, n->closes, "closes", true);
    }
    /* Both as local "YYYY-MM-DDTHH:MM": their order is the strings'. */
    if (n->opens && n->closes && form->opens && form->closes
        && strcmp(form->closes, form->opens) <= 0)
        fb_diag(c, FB_ERROR, &form->closes_loc, "closes-before-opens",
                "the form closes (%.20s) before it opens (%.20s); put "
                "'closes' "
                "after 'opens' (a date alone closes at the end of that "
                "day)", n->closes->value, n->opens->value);
    if (n->max_submissions)
        read_cap(c, form, n->max_submissions);
    if (n->closed_message) {
        fb_model_text(c, n->closed_message, "closed_message",
                      &form->closed_message);
        if (!n->opens && !n->closes && !n->max_submissions)
            fb_diag(c, FB_WARNING, &n->closed_message->loc,
                    "closed-message-unused",
                    "'closed_message' is shown only when the form is "
                    "closed, and without 'opens', 'closes' or "
                    "'max_submissions' it never is; add one of them or "
                    "remove the message");
    }
    if (n->privacy)
        read_privacy(c, form, n->privacy);
}

/* SPDX-License-Identifier: MIT */
/*
 * Input purpose lint (WCAG 2.2 SC 1.3.5 Identify Input Purpose): a `text`
 * question whose English label asks for the resident's own name, email
 * address, telephone number, address or postcode must say so to browsers
 * with `autocomplete`, or use the type that sets it (`name` for a whole
 * name, whose parts set given-name and family-name too). Labels are matched
 * word by word against a small, explicit rule set (docs/lint.md), built to
 * stay quiet on labels such as "Street name" or "Name of the road".
 */
#include "lint_priv.h"

#include "cond_loc.h"

#include <assert.h>
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* Labels are a few words; the words past this many are not looked at. */
#define MAX_WORDS 48
/* Longer than any word of the rules; longer words match nothing. */
#define WORD_CHARS 16

enum purpose {
    P_NAME,
    P_GIVEN_NAME,
    P_ADDITIONAL_NAME,
    P_FAMILY_NAME,
    P_ORGANIZATION,
    P_EMAIL,
    P_TEL,
    P_POSTAL_CODE,
    P_STREET_ADDRESS,
    P_ADDRESS_LINE1,
    P_ADDRESS_LINE2,
};

static const struct {
    const char *what;          /* what the label asks for, in a message */
    const char *token;         /* the autocomplete token for it */
    const char *type;          /* the question type that sets it, or NULL */
} purposes[] = {
    [P_NAME] = {"a name", "name", "name"},
    [P_GIVEN_NAME] = {"a first name", "given-name", NULL},
    [P_ADDITIONAL_NAME] = {"a middle name", "additional-name", NULL},
    [P_FAMILY_NAME] = {"a last name", "family-name", NULL},
    [P_ORGANIZATION] = {"the name of a business or organisation",
                        "organization", NULL},
    [P_EMAIL] = {"an email address", "email", "email"},
    [P_TEL] = {"a telephone number", "tel", "phone"},
    [P_POSTAL_CODE] = {"a postcode", "postal-code", "postcode"},
    [P_STREET_ADDRESS] = {"an address", "street-address", "address"},
    [P_ADDRESS_LINE1] = {"the first line of an address", "address-line1",
                         NULL},
    [P_ADDRESS_LINE2] = {"the second line of an address", "address-line2",
                         NULL},
};

/* One word of the label. */
struct word {
    size_t off, len;           /* its bytes in the label */
    char low[WORD_CHARS];      /* lower case, ’ as '; "" when too long */
    bool possessive;           /* ends in 's or s': someone else's */
};

/* A rule that matched: the purpose, and the words that say it. */
struct match {
    enum purpose purpose;
    size_t first, last;
};

/* Words before a name that make it the name of a business. */
static const char *const org_words[] = {
    "business", "company", "organisation", "organization", NULL,
};
/* Words that may come before a resident's own name ("Enter your name"). */
static const char *const own_words[] = {"your", "my", "enter", NULL};
/* Words between "name of" and a business: "Name of your company". */
static const char *const articles[] = {"the", "your", "a", "an", "this",
                                       NULL};
/* Addresses that are not postal ones. */
static const char *const other_addresses[] = {"web", "website", "ip",
                                              "internet", NULL};

static bool
is(const struct word *w, const char *s)
{
    return strcmp(w->low, s) == 0;
}

static bool
is_any(const struct word *w, const char *const *list)
{
    for (; *list; list++)
        if (is(w, *list))
            return true;
    return false;
}

/* The length of a word character at @p p (ASCII letter, digit, ' or -,
 * or the typographic apostrophe U+2019), or 0. */
static size_t
word_char(const char *p)
{
    unsigned char ch = (unsigned char)*p;
    if (isalnum(ch) || ch == '\'' || ch == '-')
        return 1;
    if (ch == 0xE2 && p[1] == '\x80' && p[2] == '\x99')
        return 3;
    return 0;
}

/* Splits @p s into at most @p cap words. @returns how many. */
static size_t
split(const char *s, struct word *out, size_t cap)
{
    size_t n = 0;
    const char *p = s;
    while (*p && n < cap) {
        if (!isalnum((unsigned char)*p)) {
            p++; /* spaces, punctuation; quotes and dashes start no word */
            continue;
        }
        struct word *w = &out[n++];
        w->off = (size_t)(p - s);
        size_t low = 0;
        bool fits = true;
        for (size_t k; (k = word_char(p)) != 0; p += k) {
            if (low + 1 >= sizeof(w->low))
                fits = false;
            else
                w->low[low++] =
                    (char)(k == 3 ? '\'' : tolower((unsigned char)*p));
        }
        w->len = (size_t)(p - s) - w->off;
        while (low && strchr("'-", w->low[low - 1]) &&
               !(low >= 2 && w->low[low - 1] == '\'' &&
                 w->low[low - 2] == 's'))
            low--;
        w->low[fits ? low : 0] = '\0';
        w->possessive = low >= 2 && ((w->low[low - 2] == '\'' &&
                                      w->low[low - 1] == 's') ||
                                     (w->low[low - 2] == 's' &&
                                      w->low[low - 1] == '\''));
    }
    return n;
}

/* A name at word @p i: "name", "surname", "forename(s)". Quiet for a
 * thing's name ("Street name", "Name of the road") and for someone else's
 * ("Child's first name"): the words before it, after "full", "first",
 * "middle", "last" and so on, may only be "your", "my" or "enter". */
static bool
match_name(const struct word *w, size_t n, size_t i, struct match *m)
{
    size_t first = i;
    enum purpose p = P_NAME;
    if (is(&w[i], "surname")) {
        p = P_FAMILY_NAME;
    } else if (is(&w[i], "forename") || is(&w[i], "forenames")) {
        p = P_GIVEN_NAME;
    } else if (!is(&w[i], "name")) {
        return false;
    } else if (i + 1 < n && is(&w[i + 1], "of")) {
        size_t j = i + 2;
        while (j < n && is_any(&w[j], articles))
            j++;
        if (j < n && is_any(&w[j], org_words)) {
            *m = (struct match){P_ORGANIZATION, i, j};
            return true;
        }
        return false;
    } else if (i > 0) {
        const struct word *b = &w[i - 1];
        if (is_any(b, org_words)) {
            *m = (struct match){P_ORGANIZATION, i - 1, i};
            return true;
        }
        if (is(b, "first") || is(b, "given"))
            p = P_GIVEN_NAME;
        else if (is(b, "middle"))
            p = P_ADDITIONAL_NAME;
        else if (is(b, "last") || is(b, "family"))
            p = P_FAMILY_NAME;
        if (p != P_NAME || is(b, "full"))
            first--;
    }
    if (first > 0 && !is_any(&w[first - 1], own_words))
        return false;
    *m = (struct match){p, first, i};
    return true;
}

/* Extends a match over the words that follow it from @p more. */
static size_t
extend(const struct word *w, size_t n, size_t last, const char *const *more)
{
    while (last + 1 < n && is_any(&w[last + 1], more))
        last++;
    return last;
}

/* Tries every rule at word @p i. */
static bool
match_at(const struct word *w, size_t n, size_t i, struct match *m)
{
    static const char *const email_more[] = {"address", NULL};
    static const char *const tel_more[] = {"phone", "number", NULL};
    static const char *const tel_words[] = {"phone", "telephone", "mobile",
                                            NULL};
    if (is(&w[i], "email") || is(&w[i], "e-mail")) {
        *m = (struct match){P_EMAIL, i, extend(w, n, i, email_more)};
        return true;
    }
    if (is_any(&w[i], tel_words)) {
        *m = (struct match){P_TEL, i, extend(w, n, i, tel_more)};
        return true;
    }
    if (is(&w[i], "postcode")) {
        *m = (struct match){P_POSTAL_CODE, i, i};
        return true;
    }
    if ((is(&w[i], "post") || is(&w[i], "postal")) && i + 1 < n &&
        is(&w[i + 1], "code")) {
        *m = (struct match){P_POSTAL_CODE, i, i + 1};
        return true;
    }
    if (is(&w[i], "address")) {
        if (i > 0 && is_any(&w[i - 1], other_addresses))
            return false;
        if (i + 2 < n && is(&w[i + 1], "line")) {
            const struct word *k = &w[i + 2];
            if (is(k, "1") || is(k, "one")) {
                *m = (struct match){P_ADDRESS_LINE1, i, i + 2};
                return true;
            }
            if (is(k, "2") || is(k, "two")) {
                *m = (struct match){P_ADDRESS_LINE2, i, i + 2};
                return true;
            }
        }
        *m = (struct match){P_STREET_ADDRESS, i, i};
        return true;
    }
    return match_name(w, n, i, m);
}

/* Reports a text question that asks for personal details without an
 * autocomplete token; see lint_priv.h. */
void
fb_lint_input_purpose(struct fb_compiler *c, const struct fb_question *q)
{
    const char *s = fb_text_en(&q->label);
    if (q->type != FB_Q_TEXT || q->autocomplete_written || !s)
        return;
    struct word w[MAX_WORDS];
    size_t n = split(s, w, MAX_WORDS);
    struct match m = {P_NAME, 0, 0};
    size_t i = 0;
    for (; i < n; i++) {
        if (!match_at(w, n, i, &m))
            continue;
        /* "Your doctor's phone number", "Email address of your landlord":
         * someone else's details; go on after them. */
        bool others = (m.first > 0 && w[m.first - 1].possessive) ||
                      (m.purpose != P_ORGANIZATION && m.last + 1 < n &&
                       is(&w[m.last + 1], "of"));
        if (!others)
            break;
        i = m.last;
    }
    if (i == n)
        return;
    assert(m.first <= m.last && m.last < n);
    struct fb_loc loc = q->loc;
    if (q->label.loc.line)
        loc = fb_scalar_loc(&q->label.loc, false, s, w[m.first].off,
                            w[m.last].off + w[m.last].len - w[m.first].off);
    const char *what = purposes[m.purpose].what;
    const char *token = purposes[m.purpose].token;
    const char *type = purposes[m.purpose].type;
    if (type)
        fb_diag_lint(c, &loc, "lint-input-purpose",
                     "'%s' asks for %s but does not say so to browsers; "
                     "use 'type: %s', or add 'autocomplete: %s', so it can "
                     "be filled in automatically ('autocomplete: \"off\"' "
                     "if it is not the resident's own) (WCAG 2.2 SC 1.3.5 "
                     "Identify Input Purpose)",
                     q->id, what, type, token);
    else
        fb_diag_lint(c, &loc, "lint-input-purpose",
                     "'%s' asks for %s but does not say so to browsers; "
                     "add 'autocomplete: %s', so it can be filled in "
                     "automatically ('autocomplete: \"off\"' if it is not "
                     "the resident's own) (WCAG 2.2 SC 1.3.5 Identify Input "
                     "Purpose)",
                     q->id, what, token);
}

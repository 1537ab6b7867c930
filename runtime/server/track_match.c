/* SPDX-License-Identifier: MIT */
/*
 * Matching a typed email address or postcode against a submission's
 * answers (track_match.h).
 */
#include "track_match.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/answers.h"
#include "json.h"

/* Writes @p s into @p out with ASCII letters in upper case and, for a
 * postcode, white space dropped; the rest trimmed. */
static void
fold(const char *s, bool postcode, char *out, size_t cap)
{
    size_t n = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    for (; *s && n + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (postcode && (c == ' ' || c == '\t'))
            continue;
        out[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        n--;
    out[n] = '\0';
}

/* @returns whether answer @p name of @p a, folded, is @p want. */
static bool
answer_is(const struct fb_answers *a, const char *name, bool postcode,
          const char *want)
{
    const char *v = fb_answers_get(a, name);
    if (!v || !*v)
        return false;
    char got[320];
    fold(v, postcode, got, sizeof got);
    return strcmp(got, want) == 0;
}

bool
fb_track_contact_matches(const struct fb_form_desc *f,
                         const char *answers_json, const char *contact)
{
    struct fb_answers *a = fb_answers_new();
    if (!a)
        return false;
    bool ok = fb_json_flatten(answers_json, a) == 0;
    bool email = strchr(contact, '@') != NULL;
    char want[320];
    fold(contact, !email, want, sizeof want);
    bool match = false;
    for (size_t i = 0; ok && want[0] && i < f->n_questions; i++) {
        const struct fb_question_desc *q = f->questions[i];
        char name[160];
        if (email && q->type == FB_Q_EMAIL)
            match |= answer_is(a, q->id, false, want);
        else if (!email && q->type == FB_Q_POSTCODE)
            match |= answer_is(a, q->id, true, want);
        else if (!email && q->type == FB_Q_ADDRESS) {
            snprintf(name, sizeof name, "%s.postcode", q->id);
            match |= answer_is(a, name, true, want);
        }
    }
    fb_answers_free(a);
    return match;
}

bool
fb_track_resident_email(const struct fb_form_desc *f,
                        const char *answers_json, char *out, size_t cap)
{
    struct fb_answers *a = fb_answers_new();
    if (!a)
        return false;
    const char *found = NULL;
    if (fb_json_flatten(answers_json, a) == 0) {
        if (f->confirmation_email)
            found = fb_answers_get(a, f->confirmation_email->to);
        for (size_t i = 0; (!found || !*found) && i < f->n_questions; i++)
            if (f->questions[i]->type == FB_Q_EMAIL)
                found = fb_answers_get(a, f->questions[i]->id);
    }
    bool ok = found && *found && strchr(found, '@')
              && strlen(found) < cap;
    if (ok)
        snprintf(out, cap, "%s", found);
    fb_answers_free(a);
    return ok;
}

/* SPDX-License-Identifier: MIT */
/*
 * Redundant entry (WCAG 2.2 SC 3.3.7): the same information about the
 * resident asked twice. Two questions ask for the same information when
 * they have the same input purpose, the autocomplete token a browser fills
 * them with (the type's default, or the question's own; "off" is someone
 * else's), and, for anything but an email address and a phone number,
 * which a form may rightly ask several of (the old home and the new, each
 * parent's name), also the same label. A question that `matches` the other (a confirmation the
 * author chose) is not counted. Reported once per later question, with a note at the first.
 */
#include "lint_priv.h"

#include <strings.h>

#include "formbuilder/qtype.h"

static const char *
purpose(const struct fb_question *q)
{
    const char *t = q->autocomplete ? q->autocomplete
                    : q->type < FB_Q__COUNT ? fb_qtype(q->type)->autocomplete
                                            : NULL;
    if (q->type == FB_Q_ADDRESS)
        t = "address";
    return t && strcmp(t, "off") != 0 ? t : NULL;
}

static bool
same_label(const struct fb_question *a, const struct fb_question *b)
{
    const char *x = a->label.lang[FB_LANG_EN], *y = b->label.lang[FB_LANG_EN];
    return x && y && strcasecmp(x, y) == 0;
}

static bool
confirms(const struct fb_question *b, const struct fb_question *a)
{
    const struct fb_rule *m = &b->rules[FB_RULE_MATCHES];
    return m->present && (m->target == a || !m->target);
}

void
fb_lint_redundant_entry(struct fb_compiler *c, const struct fb_form *form)
{
    for (size_t j = 0; j < form->n_questions; j++) {
        const struct fb_question *b = form->questions[j];
        const char *pb = purpose(b);
        for (size_t i = 0; pb && i < j; i++) {
            const struct fb_question *a = form->questions[i];
            const char *pa = purpose(a);
            if (!pa || strcmp(pa, pb) != 0 || confirms(b, a) ||
                confirms(a, b))
                continue;
            /* Only an email address and a phone number are one per
             * resident; anything else needs the same label too. */
            bool one = strcmp(pa, "email") == 0 || strcmp(pa, "tel") == 0;
            if (!one && !same_label(a, b))
                continue;
            fb_diag_lint(c, &b->id_loc, "lint-redundant-entry",
                         "'%s' asks for the same information as '%s' (%s): "
                         "ask once and show the answer again where it is "
                         "needed; if it is someone else's, say so with "
                         "'autocomplete: \"off\"' (WCAG 2.2 SC 3.3.7 "
                         "Redundant Entry)",
                         b->id, a->id, pa);
            fb_diag(c, FB_NOTE, &a->id_loc, "lint-redundant-entry",
                    "'%s' asks for it first here", a->id);
            break;
        }
    }
}

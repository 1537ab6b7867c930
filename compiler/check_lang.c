/* SPDX-License-Identifier: MIT */
/*
 * The language check: a bilingual form (`languages: [en, cy]`) has Welsh
 * for every text (texts.h lists them), and an English-only form has no
 * Welsh it would never show. A missing Welsh text is an error, or a
 * warning under --allow-missing-translations, when the runtime shows the
 * English instead. docs/welsh.md is the reference.
 */
#include "check_priv.h"

#include "lang.h"
#include "texts.h"

struct lang_check {
    struct fb_check *ck;
    bool bilingual;
    size_t stray;              /* Welsh texts of an English-only form */
    struct fb_loc first_stray;
};

/* @returns true when @p loc is in the pattern the form was expanded from
 * (its file is PATTERN.yaml), where the fix belongs in the pattern. */
static bool
from_pattern(const struct fb_form *form, const struct fb_loc *loc)
{
    if (!form->pattern || !loc->src || loc->src == form->src)
        return false;
    const char *path = loc->src->path;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(form->pattern);
    return strncmp(base, form->pattern, n) == 0 &&
           strcmp(base + n, ".yaml") == 0;
}

static void
visit(void *ctx, const struct fb_text_ref *ref)
{
    struct lang_check *lc = ctx;
    struct fb_compiler *c = lc->ck->c;
    const struct fb_form *form = lc->ck->form;
    if (c->too_many)
        return;
    const struct fb_text *t = ref->text;
    if (!lc->bilingual) {
        /* Patterns and shared lists may carry Welsh for the bilingual
         * forms using them: only the form's own files are told. An
         * autocomplete question matches what residents type to its
         * options' Welsh too, on English pages: that Welsh is used. */
        const struct fb_source *src = t->at[FB_LANG_CY].src;
        bool matched = ref->option_label && ref->question &&
                       ref->question->type == FB_Q_AUTOCOMPLETE;
        if (t->lang[FB_LANG_CY] && !matched &&
            (src == form->src || src == form->sidecar) && !lc->stray++)
            lc->first_stray = t->at[FB_LANG_CY];
        return;
    }
    if (t->lang[FB_LANG_CY])
        return;
    bool allow = c->allow_missing_translations;
    fb_diag(c, allow ? FB_WARNING : FB_ERROR, &ref->loc,
            "missing-translation",
            "text '%s' has no Welsh%s; write it as {en: ..., cy: ...}, or "
            "translate it with formc translations", ref->id,
            allow ? " (the English is shown)" : "");
    if (from_pattern(form, &ref->loc))
        fb_diag(c, FB_NOTE, &form->pattern_loc, "missing-translation",
                "it comes from pattern '%s', used here; give the pattern "
                "its Welsh, or replace the page", form->pattern);
}

void
fb_check_languages(struct fb_check *ck)
{
    struct lang_check lc = {
        ck, (ck->form->languages & FB_LANG_BIT(FB_LANG_CY)) != 0, 0, {0},
    };
    fb_texts_walk(ck->c, ck->form, visit, &lc);
    if (lc.stray)
        fb_diag(ck->c, FB_WARNING, &lc.first_stray, "welsh-not-offered",
                "the form has Welsh text (%zu text%s) but is English only, "
                "so it is never shown; add 'languages: [en, cy]' to offer "
                "the form in Welsh", lc.stray, lc.stray == 1 ? "" : "s");
}

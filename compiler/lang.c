/* SPDX-License-Identifier: MIT */
/*
 * Language codes and `languages:` lists (lang.h).
 */
#include "lang.h"

#include <string.h>

#include "model_priv.h"

const char *const fb_lang_codes[FB_LANG__COUNT] = {
    [FB_LANG_EN] = "en",
    [FB_LANG_CY] = "cy",
};

enum fb_lang
fb_lang_from_code(const char *code)
{
    for (int l = 0; l < FB_LANG__COUNT; l++)
        if (strcmp(code, fb_lang_codes[l]) == 0)
            return (enum fb_lang)l;
    return FB_LANG__COUNT;
}

unsigned
fb_lang_read_list(struct fb_compiler *c, const struct fb_node *n)
{
    unsigned mask = 0;
    if (!fb_model_list(c, n, "'languages'"))
        return FB_LANG_BIT(FB_LANG_EN);
    for (size_t i = 0; i < n->n_items; i++) {
        const struct fb_node *item = n->items[i];
        const char *code = fb_model_string(c, item, "languages");
        if (!code)
            continue;
        enum fb_lang l = fb_lang_from_code(code);
        if (l == FB_LANG__COUNT) {
            const char *near = fb_closest(code, fb_lang_codes,
                                          FB_LANG__COUNT);
            fb_diag(c, FB_ERROR, &item->loc, "unknown-language",
                    "unknown language '%.20s'%s%s%s; forms are written in "
                    "en (English) and cy (Welsh)", code,
                    near ? " (did you mean '" : "", near ? near : "",
                    near ? "'?)" : "");
            continue;
        }
        if (mask & FB_LANG_BIT(l))
            fb_diag(c, FB_ERROR, &item->loc, "unknown-language",
                    "language '%s' is listed twice; list each once", code);
        mask |= FB_LANG_BIT(l);
    }
    if (!(mask & FB_LANG_BIT(FB_LANG_EN)))
        fb_diag(c, FB_ERROR, &n->loc, "unknown-language",
                "'languages' must include en: every text is written in "
                "English, and other languages are added to it");
    return mask | FB_LANG_BIT(FB_LANG_EN);
}

unsigned
fb_lang_peek_list(const struct fb_node *n)
{
    unsigned mask = FB_LANG_BIT(FB_LANG_EN);
    if (!n || n->kind != FB_NODE_SEQUENCE)
        return mask;
    for (size_t i = 0; i < n->n_items; i++) {
        const struct fb_node *item = n->items[i];
        if (item->kind != FB_NODE_SCALAR)
            continue;
        enum fb_lang l = fb_lang_from_code(item->value);
        if (l != FB_LANG__COUNT)
            mask |= FB_LANG_BIT(l);
    }
    return mask;
}

bool
fb_lang_is_text_map(const struct fb_node *n)
{
    if (n->kind != FB_NODE_MAPPING || !n->n_pairs)
        return false;
    for (size_t i = 0; i < n->n_pairs; i++)
        if (fb_lang_from_code(n->pairs[i].key->value) == FB_LANG__COUNT)
            return false;
    return true;
}

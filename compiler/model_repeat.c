/* SPDX-License-Identifier: MIT */
/*
 * A page's `repeat:` mapping: the page becomes a repeating group ("add
 * another", docs/form-language.md): {min, max, item_label, summary}.
 * item_label is the singular, or {one: ..., other: ...} to give the
 * plural too; each of those is a text ({en, cy} in a bilingual form).
 * What the values mean together (min <= max, placeholders that name the
 * group's questions) is checked in check_repeat.c.
 */
#include <string.h>

#include "arena.h"
#include "model_priv.h"

enum { R_MIN, R_MAX, R_ITEM, R_SUMMARY, R__COUNT };
static const char *const repeat_keys[R__COUNT] = {
    "min", "max", "item_label", "summary",
};

enum { L_ONE, L_OTHER, L__COUNT };
static const char *const label_keys[L__COUNT] = {"one", "other"};

/* @returns true when @p n is a mapping written as {one:, other:}, not a
 * text's {en:, cy:}. */
static bool
is_plural_mapping(const struct fb_node *n)
{
    if (n->kind != FB_NODE_MAPPING)
        return false;
    for (size_t i = 0; i < n->n_pairs; i++) {
        const char *k = n->pairs[i].key->value;
        if (k && (strcmp(k, "one") == 0 || strcmp(k, "other") == 0))
            return true;
    }
    return false;
}

/* English "person" gives "persons" only when nothing better was written:
 * the plural is the author's to give ({one, other}); Welsh has no such
 * rule, so its plural is its singular. */
static void
default_plural(struct fb_compiler *c, struct fb_repeat *r)
{
    r->item_other = r->item_one;
    const char *en = r->item_one.lang[FB_LANG_EN];
    if (!en)
        return;
    size_t n = strlen(en);
    char *pl = fb_arena_alloc(&c->arena, n + 2);
    memcpy(pl, en, n);
    pl[n] = 's';
    pl[n + 1] = '\0';
    r->item_other.lang[FB_LANG_EN] = pl;
}

static void
item_label(struct fb_compiler *c, struct fb_repeat *r,
           const struct fb_node *n)
{
    r->item_loc = n->loc;
    if (!is_plural_mapping(n)) {
        if (fb_model_text(c, n, "item_label", &r->item_one))
            default_plural(c, r);
        return;
    }
    const struct fb_keyset ks = {"item_label", label_keys, L__COUNT};
    const struct fb_node *k[L__COUNT], *v[L__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    if (fb_model_need(c, n, v[L_ONE], "item_label", "one", sugg, L_ONE))
        fb_model_text(c, v[L_ONE], "one", &r->item_one);
    if (fb_model_need(c, n, v[L_OTHER], "item_label", "other", sugg,
                      L_OTHER))
        fb_model_text(c, v[L_OTHER], "other", &r->item_other);
}

void
fb_model_repeat(struct fb_compiler *c, struct fb_page *page,
                const struct fb_node *key, const struct fb_node *val)
{
    if (!fb_model_mapping(c, val, "'repeat'"))
        return;
    const struct fb_keyset ks = {"repeat", repeat_keys, R__COUNT};
    const struct fb_node *k[R__COUNT], *v[R__COUNT];
    unsigned long sugg = fb_model_keys(c, val, &ks, k, v, NULL);
    struct fb_repeat *r = fb_arena_alloc(&c->arena, sizeof *r);
    r->loc = val->loc;
    r->key_loc = key->loc;
    r->min_loc = r->max_loc = val->loc;
    if (v[R_MIN]) {
        r->min_loc = v[R_MIN]->loc;
        fb_model_whole(c, v[R_MIN], "min", &r->min);
    }
    if (fb_model_need(c, val, v[R_MAX], "repeat", "max", sugg, R_MAX)) {
        r->max_loc = v[R_MAX]->loc;
        fb_model_whole(c, v[R_MAX], "max", &r->max);
    }
    if (fb_model_need(c, val, v[R_ITEM], "repeat", "item_label", sugg,
                      R_ITEM))
        item_label(c, r, v[R_ITEM]);
    if (v[R_SUMMARY]) {
        r->summary_loc = v[R_SUMMARY]->loc;
        fb_model_text(c, v[R_SUMMARY], "summary", &r->summary);
    }
    page->repeat = r;
}

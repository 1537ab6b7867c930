/* SPDX-License-Identifier: MIT */
/*
 * Merging a translation sidecar into the model (sidecar.h).
 */
#include "sidecar.h"

#include <string.h>
#include <unistd.h>

#include "lang.h"
#include "load.h"
#include "model_priv.h"
#include "texts.h"

const char *
fb_sidecar_path(struct fb_compiler *c, const char *form_path)
{
    size_t n = strlen(form_path);
    if (n > 5 && strcmp(form_path + n - 5, ".yaml") == 0)
        n -= 5;
    return fb_arena_printf(&c->arena, "%.*s.cy.yaml", (int)n, form_path);
}

struct merge {
    struct fb_compiler *c;
    const struct fb_node *root;
    bool *used;                /* per pair of root */
    const char **ids;          /* every text id, for did-you-mean */
    size_t n_ids;
    size_t cap_ids;
};

static void
merge_text(void *ctx, const struct fb_text_ref *ref)
{
    struct merge *m = ctx;
    m->ids = fb_arena_grow(&m->c->arena, m->ids, sizeof(*m->ids),
                           &m->cap_ids, m->n_ids + 1);
    m->ids[m->n_ids++] = ref->id;
    for (size_t i = 0; i < m->root->n_pairs; i++) {
        const struct fb_pair *pair = &m->root->pairs[i];
        if (strcmp(pair->key->value, ref->id) != 0)
            continue;
        m->used[i] = true;
        struct fb_text *t = ref->text;
        if (t->lang[FB_LANG_CY]) {
            fb_diag(m->c, FB_ERROR, &pair->key->loc, "translation-twice",
                    "'%s' already has its Welsh in the form; remove it "
                    "here or there", ref->id);
            fb_diag(m->c, FB_NOTE, &t->at[FB_LANG_CY], "translation-twice",
                    "the Welsh written in the form");
            return;
        }
        struct fb_text cy;
        if (pair->value->kind != FB_NODE_SCALAR) {
            fb_model_wrong_type(m->c, pair->value,
                                fb_arena_printf(&m->c->arena, "'%s'",
                                                ref->id),
                                "the Welsh text");
            return;
        }
        if (fb_model_text(m->c, pair->value, ref->id, &cy)) {
            t->lang[FB_LANG_CY] = cy.lang[FB_LANG_EN];
            t->at[FB_LANG_CY] = pair->value->loc;
        }
        return;
    }
}

void
fb_sidecar_apply(struct fb_compiler *c, struct fb_form *form)
{
    if (!form->src || !form->src->path)
        return;
    const char *path = fb_sidecar_path(c, form->src->path);
    if (access(path, F_OK) != 0)
        return;
    const struct fb_node *root = fb_load_file(c, path);
    if (!root || !fb_model_mapping(c, root, "a translation file"))
        return;
    form->sidecar = root->loc.src;
    struct merge m = {c, root, NULL, NULL, 0, 0};
    m.used = fb_arena_alloc(&c->arena, root->n_pairs + 1);
    fb_texts_walk(c, form, merge_text, &m);
    for (size_t i = 0; i < root->n_pairs; i++) {
        if (m.used[i])
            continue;
        const char *id = root->pairs[i].key->value;
        const char *near = fb_closest(id, m.ids, m.n_ids);
        fb_diag(c, FB_ERROR, &root->pairs[i].key->loc, "unknown-translation",
                "the form has no text '%.80s'%s%s%s; formc translations "
                "lists the ids", id, near ? " (did you mean '" : "",
                near ? near : "", near ? "'?)" : "");
    }
}

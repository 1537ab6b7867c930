/* SPDX-License-Identifier: MIT */
/*
 * Content blocks of a page: paragraph, inset, warning (one text each),
 * details ({summary, text}) and list (a list of texts). Each block is a
 * mapping with exactly one of those keys, so a page reads top to bottom in
 * the order the author wrote it.
 */
#include "model_priv.h"

#include <string.h>

/* The kinds of block, then the keys any block may have. */
static const char *const block_names[] = {
    [FB_BLOCK_PARAGRAPH] = "paragraph",
    [FB_BLOCK_INSET] = "inset",
    [FB_BLOCK_WARNING] = "warning",
    [FB_BLOCK_DETAILS] = "details",
    [FB_BLOCK_LIST] = "list",
    "when",
};
#define N_KEYS (sizeof(block_names) / sizeof(block_names[0]))
#define N_KINDS (N_KEYS - 1)
#define K_WHEN N_KINDS

enum { D_SUMMARY, D_TEXT, D__COUNT };
static const char *const details_keys[D__COUNT] = {"summary", "text"};

static bool
read_details(struct fb_compiler *c, const struct fb_node *n,
             struct fb_block *out)
{
    if (!fb_model_mapping(c, n, "'details'"))
        return false;
    const struct fb_keyset ks = {"'details'", details_keys, D__COUNT};
    const struct fb_node *keys[D__COUNT], *vals[D__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, keys, vals, NULL);
    bool ok = fb_model_need(c, n, vals[D_SUMMARY], "'details'", "summary",
                            sugg, D_SUMMARY);
    ok = fb_model_need(c, n, vals[D_TEXT], "'details'", "text", sugg,
                       D_TEXT) && ok;
    if (vals[D_SUMMARY])
        ok = fb_model_text(c, vals[D_SUMMARY], "summary", &out->summary) &&
             ok;
    if (vals[D_TEXT])
        ok = fb_model_text(c, vals[D_TEXT], "text", &out->text) && ok;
    return ok;
}

static bool
read_list(struct fb_compiler *c, const struct fb_node *n,
          struct fb_block *out)
{
    if (!fb_model_list(c, n, "'list'"))
        return false;
    if (!n->n_items) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "a 'list' block needs at least one item");
        return false;
    }
    out->items = fb_arena_alloc(&c->arena, n->n_items * sizeof(*out->items));
    bool ok = true;
    for (size_t i = 0; i < n->n_items; i++)
        if (fb_model_text(c, n->items[i], "list item",
                          &out->items[out->n_items]))
            out->n_items++;
        else
            ok = false;
    return ok;
}

/* Reads block @p n into @p out. @returns false after reporting. */
static bool
read_block(struct fb_compiler *c, const struct fb_node *n,
           struct fb_block *out)
{
    if (n->kind == FB_NODE_SCALAR) {
        /* The commonest slip: the text alone, without its kind. */
        fb_diag(c, FB_ERROR, &n->loc, "wrong-type",
                "a content block names its kind; put 'paragraph: ' (or "
                "inset, warning, details, list) before this text");
        return false;
    }
    if (!fb_model_mapping(c, n, "each content block"))
        return false;
    const struct fb_keyset ks = {"a content block", block_names, N_KEYS};
    const struct fb_node *keys[N_KEYS], *vals[N_KEYS];
    fb_model_keys(c, n, &ks, keys, vals, NULL);
    memset(out, 0, sizeof(*out));
    out->loc = n->loc;
    if (vals[K_WHEN]) {
        const char *text = fb_model_string(c, vals[K_WHEN], "when");
        if (text)
            out->when = fb_cond_parse(c, text, &vals[K_WHEN]->loc,
                                      !vals[K_WHEN]->plain);
    }

    size_t found = 0;
    for (size_t k = 0; k < N_KINDS; k++) {
        if (!keys[k])
            continue;
        if (found++) {
            fb_diag(c, FB_ERROR, &keys[k]->loc, "wrong-value",
                    "a content block has one kind; write '%s' as its own "
                    "item of the content list", block_names[k]);
            continue;
        }
        out->kind = (enum fb_block_kind)k;
    }
    if (!found) {
        /* A misspelt kind has been reported as an unknown key. */
        if (n->n_pairs == (vals[K_WHEN] ? 1u : 0u))
            fb_diag(c, FB_ERROR, &n->loc, "missing-key",
                    "a content block needs one of paragraph, inset, "
                    "warning, details or list");
        return false;
    }
    const struct fb_node *v = vals[out->kind];
    switch (out->kind) {
    case FB_BLOCK_DETAILS:
        return read_details(c, v, out);
    case FB_BLOCK_LIST:
        return read_list(c, v, out);
    default:
        return fb_model_text(c, v, block_names[out->kind], &out->text);
    }
}

/* Reads a content list; see model_priv.h. */
void
fb_model_content(struct fb_compiler *c, const struct fb_node *content,
                 struct fb_block **out_blocks, size_t *out_n)
{
    *out_blocks = NULL;
    *out_n = 0;
    if (fb_model_is_null(content) || !fb_model_list(c, content, "'content'"))
        return;
    *out_blocks = fb_arena_alloc(&c->arena, (content->n_items + 1) *
                                                sizeof(**out_blocks));
    for (size_t i = 0; i < content->n_items; i++)
        if (read_block(c, content->items[i], &(*out_blocks)[*out_n]))
            (*out_n)++;
}

/* Reads a page's content blocks; see model_priv.h. */
void
fb_model_blocks(struct fb_compiler *c, struct fb_page *page,
                const struct fb_node *content)
{
    fb_model_content(c, content, &page->blocks, &page->n_blocks);
}

/* SPDX-License-Identifier: MIT */
/*
 * Error list: the field errors of one page in the order the validator adds
 * them, at most one per question. Each entry's three strings share one
 * allocation so that an entry is freed in one call.
 */
#include "formbuilder/errors.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct fb_errors {
    struct fb_error *items; /* strings of item i live in one block at
                               items[i].question */
    size_t len;
    size_t cap;
};

struct fb_errors *
fb_errors_new(void)
{
    return calloc(1, sizeof(struct fb_errors));
}

void
fb_errors_free(struct fb_errors *e)
{
    if (!e)
        return;
    fb_errors_clear(e);
    free(e->items);
    free(e);
}

void
fb_errors_clear(struct fb_errors *e)
{
    for (size_t i = 0; i < e->len; i++)
        free((char *)e->items[i].question);
    e->len = 0;
}

static bool
grow(struct fb_errors *e)
{
    size_t cap = e->cap ? e->cap * 2 : 8;
    struct fb_error *items;

    if (cap > SIZE_MAX / sizeof(*items))
        return false;
    items = realloc(e->items, cap * sizeof(*items));
    if (!items)
        return false;
    e->items = items;
    e->cap = cap;
    return true;
}

int
fb_errors_add(struct fb_errors *e, const char *question, const char *anchor,
              const char *message)
{
    size_t nq, na, nm;
    char *block;
    struct fb_error *err;

    if (!question)
        return -1;
    if (fb_errors_find(e, question))
        return 0;
    if (!anchor)
        anchor = question;
    if (!message)
        message = "";
    nq = strlen(question) + 1;
    na = strlen(anchor) + 1;
    nm = strlen(message) + 1;
    if (e->len == e->cap && !grow(e))
        return -1;
    block = malloc(nq + na + nm);
    if (!block)
        return -1;
    memcpy(block, question, nq);
    memcpy(block + nq, anchor, na);
    memcpy(block + nq + na, message, nm);
    err = &e->items[e->len++];
    err->question = block;
    err->anchor = block + nq;
    err->message = block + nq + na;
    return 0;
}

size_t
fb_errors_count(const struct fb_errors *e)
{
    return e->len;
}

const struct fb_error *
fb_errors_at(const struct fb_errors *e, size_t i)
{
    return i < e->len ? &e->items[i] : NULL;
}

const struct fb_error *
fb_errors_find(const struct fb_errors *e, const char *question)
{
    for (size_t i = 0; i < e->len; i++)
        if (strcmp(e->items[i].question, question) == 0)
            return &e->items[i];
    return NULL;
}

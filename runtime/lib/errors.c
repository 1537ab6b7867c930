/* SPDX-License-Identifier: MIT */
/*
 * Error list: the field errors of one page in the order the driver adds
 * them, at most one per input. Each entry's two strings share one
 * allocation, freed in one call; the message is worded only when a page
 * is written (fb_error_message()).
 */
#include "formbuilder/errors.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct fb_errors {
    struct fb_error *items; /* the strings of item i live in one block at
                               items[i].question */
    size_t len;
    size_t cap;
    bool failed;            /* an add ran out of memory */
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
    e->failed = false;
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
fb_errors_add(struct fb_errors *e, const struct fb_error *err)
{
    if (!err->question) {
        e->failed = true;
        return -1;
    }
    if (fb_errors_find_part(e, err->question, err->part))
        return 0;
    const char *anchor = err->anchor ? err->anchor : err->question;
    size_t nq = strlen(err->question) + 1, na = strlen(anchor) + 1;
    char *block;
    if ((e->len == e->cap && !grow(e)) || !(block = malloc(nq + na))) {
        e->failed = true;
        return -1;
    }
    memcpy(block, err->question, nq);
    memcpy(block + nq, anchor, na);
    struct fb_error *copy = &e->items[e->len++];
    *copy = *err;
    copy->question = block;
    copy->anchor = block + nq;
    return 0;
}

bool
fb_errors_failed(const struct fb_errors *e)
{
    return e->failed;
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

const struct fb_error *
fb_errors_find_part(const struct fb_errors *e, const char *question,
                    int part)
{
    for (size_t i = 0; i < e->len; i++)
        if (e->items[i].part == part &&
            strcmp(e->items[i].question, question) == 0)
            return &e->items[i];
    return NULL;
}

const char *
fb_error_message(const struct fb_error *err, enum fb_lang lang, char *buf,
                 size_t cap)
{
    if (err->text)
        return fb_msg_format_text(buf, cap, err->text, &err->args, lang);
    return fb_msg_format(buf, cap, err->msg, &err->args, lang);
}

/* SPDX-License-Identifier: MIT */
/*
 * Error list: the field errors of one page in the order the driver adds
 * them, at most one per input. Each entry's two strings share one block,
 * bump-allocated from chunks the list keeps across clears; the message is
 * worded only when a page is written (fb_error_message()).
 */
#include "formbuilder/errors.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answers-priv.h"
#include "errors-priv.h"

/* A block of the storage the error strings are bump-allocated from; the
 * chunks stay across fb_errors_clear(), so a list reused per request stops
 * calling malloc once warm. */
struct chunk {
    struct chunk *next;
    size_t cap;
    char bytes[];
};

/* Bytes of a chunk; a longer string gets a chunk of its own size. */
#define CHUNK_SIZE 1024

struct fb_errors {
    struct fb_error *items; /* the strings of item i live in one block at
                               items[i].question */
    size_t len;
    size_t cap;
    bool failed;            /* an add ran out of memory */
    struct chunk *first;    /* NULL until the first add */
    struct chunk *cur;      /* the chunk being filled */
    size_t used;            /* bytes used in cur */
};

struct fb_errors *
fb_errors_new(void)
{
    return calloc(1, sizeof(struct fb_errors));
}

void
fb_errors_free(struct fb_errors *e)
{
    struct chunk *c, *next;

    if (!e)
        return;
    for (c = e->first; c; c = next) {
        next = c->next;
        free(c);
    }
    free(e->items);
    free(e);
}

void
fb_errors_clear(struct fb_errors *e)
{
    e->len = 0;
    e->failed = false;
    e->cur = e->first;
    e->used = 0;
}

/* @returns @p size bytes of the list's storage: the current chunk, the
 * next one that has room (skipping smaller ones until the next clear), or
 * a new one put after the current; NULL when out of memory. */
static char *
reserve_bytes(struct fb_errors *e, size_t size)
{
    struct chunk *c = e->cur;
    char *p;

    if (!c || c->cap - e->used < size) {
        c = c ? c->next : e->first;
        while (c && c->cap < size)
            c = c->next;
        if (!c) {
            size_t cap = size > CHUNK_SIZE ? size : CHUNK_SIZE;

            if (!(c = malloc(sizeof(*c) + cap)))
                return NULL;
            c->cap = cap;
            if (e->cur) {
                c->next = e->cur->next;
                e->cur->next = c;
            } else {
                c->next = e->first;
                e->first = c;
            }
        }
        e->cur = c;
        e->used = 0;
    }
    p = c->bytes + e->used;
    e->used += size;
    return p;
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
    const char *anchor = err->anchor ? err->anchor : err->question;
    struct fb_error copy = *err;

    copy.anchor = anchor;
    return fb_errors_addn(e, &copy, strlen(err->question), strlen(anchor));
}

int
fb_errors_addn(struct fb_errors *e, const struct fb_error *err,
               size_t question_len, size_t anchor_len)
{
    size_t nq = question_len + 1, na = anchor_len + 1;
    char *block;

    if (fb_errors_find_part(e, err->question, err->part))
        return 0;
    if ((e->len == e->cap && !grow(e)) ||
        !(block = reserve_bytes(e, nq + na))) {
        e->failed = true;
        return -1;
    }
    fb_copy_bytes(block, err->question, nq);
    fb_copy_bytes(block + nq, err->anchor, na);
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
    /* The first byte rules out most questions without a call. */
    for (size_t i = 0; i < e->len; i++)
        if (e->items[i].part == part &&
            e->items[i].question[0] == question[0] &&
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

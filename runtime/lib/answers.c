/* SPDX-License-Identifier: MIT */
/*
 * Answers: an ordered multi-map of field names to UTF-8 values, kept as one
 * array of pairs in insertion order. Forms have at most a few hundred
 * fields, so look-ups scan the array; every string is a private copy.
 */
#include "formbuilder/answers.h"
#include "answers-priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pair {
    char *name;
    char *value;
};

struct fb_answers {
    struct pair *pairs;
    size_t len;
    size_t cap;
    bool failed; /* an add or set ran out of memory since the last clear */
};

static char *
dup_bytes(const char *s, size_t n)
{
    char *copy = malloc(n + 1);

    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

static char *
dup_string(const char *s)
{
    return dup_bytes(s, strlen(s));
}

static bool
reserve(struct fb_answers *a, size_t extra)
{
    size_t cap;
    struct pair *pairs;

    if (a->len + extra <= a->cap)
        return true;
    cap = a->cap ? a->cap : 16;
    while (cap < a->len + extra) {
        if (cap > SIZE_MAX / 2 / sizeof(*pairs))
            return false;
        cap *= 2;
    }
    pairs = realloc(a->pairs, cap * sizeof(*pairs));
    if (!pairs)
        return false;
    a->pairs = pairs;
    a->cap = cap;
    return true;
}

static void
free_pair(struct pair *p)
{
    free(p->name);
    free(p->value);
}

/* Removes the pairs for which keep() is false, keeping the order. */
static void
filter(struct fb_answers *a, bool (*keep)(const char *, const char *),
       const char *arg)
{
    size_t to = 0;

    for (size_t i = 0; i < a->len; i++) {
        if (keep(a->pairs[i].name, arg))
            a->pairs[to++] = a->pairs[i];
        else
            free_pair(&a->pairs[i]);
    }
    a->len = to;
}

static bool
other_name(const char *name, const char *arg)
{
    return strcmp(name, arg) != 0;
}

static bool
outside_prefix(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);

    if (strncmp(name, prefix, n) != 0)
        return true;
    return !(name[n] == '\0' || name[n] == '.' || name[n] == '-');
}

struct fb_answers *
fb_answers_new(void)
{
    return calloc(1, sizeof(struct fb_answers));
}

void
fb_answers_free(struct fb_answers *a)
{
    if (!a)
        return;
    fb_answers_clear(a);
    free(a->pairs);
    free(a);
}

void
fb_answers_clear(struct fb_answers *a)
{
    for (size_t i = 0; i < a->len; i++)
        free_pair(&a->pairs[i]);
    a->len = 0;
    a->failed = false;
}

int
fb_answers_add(struct fb_answers *a, const char *name, const char *value)
{
    struct pair p;

    if (!reserve(a, 1))
        goto oom;
    p.name = dup_string(name);
    p.value = dup_string(value);
    if (!p.name || !p.value) {
        free_pair(&p);
        goto oom;
    }
    a->pairs[a->len++] = p;
    return 0;
oom:
    a->failed = true;
    return -1;
}

int
fb_answers_set(struct fb_answers *a, const char *name, const char *value)
{
    return fb_answers_setn(a, name, value, strlen(value));
}

int
fb_answers_setn(struct fb_answers *a, const char *name, const char *value,
                size_t n)
{
    size_t first = a->len, to;
    char *copy = dup_bytes(value, n);

    if (!copy)
        goto oom;
    for (size_t i = 0; i < a->len; i++) {
        if (strcmp(a->pairs[i].name, name) == 0) {
            first = i;
            break;
        }
    }
    if (first == a->len) {
        char *name_copy;

        if (!reserve(a, 1) || !(name_copy = dup_string(name))) {
            free(copy);
            goto oom;
        }
        a->pairs[a->len++] = (struct pair){name_copy, copy};
        return 0;
    }
    free(a->pairs[first].value);
    a->pairs[first].value = copy;
    /* Drop the later values, keeping the first pair where it was. */
    to = first + 1;
    for (size_t i = first + 1; i < a->len; i++) {
        if (strcmp(a->pairs[i].name, name) == 0)
            free_pair(&a->pairs[i]);
        else
            a->pairs[to++] = a->pairs[i];
    }
    a->len = to;
    return 0;
oom:
    a->failed = true;
    return -1;
}

void
fb_answers_remove(struct fb_answers *a, const char *name)
{
    filter(a, other_name, name);
}

void
fb_answers_remove_prefix(struct fb_answers *a, const char *prefix)
{
    filter(a, outside_prefix, prefix);
}

const char *
fb_answers_get(const struct fb_answers *a, const char *name)
{
    return fb_answers_get_nth(a, name, 0);
}

size_t
fb_answers_count(const struct fb_answers *a, const char *name)
{
    size_t n = 0;

    for (size_t i = 0; i < a->len; i++)
        if (strcmp(a->pairs[i].name, name) == 0)
            n++;
    return n;
}

const char *
fb_answers_get_nth(const struct fb_answers *a, const char *name, size_t i)
{
    for (size_t k = 0; k < a->len; k++) {
        if (strcmp(a->pairs[k].name, name) != 0)
            continue;
        if (i == 0)
            return a->pairs[k].value;
        i--;
    }
    return NULL;
}

bool
fb_answers_has(const struct fb_answers *a, const char *name,
               const char *value)
{
    if (!value)
        return false;
    for (size_t i = 0; i < a->len; i++)
        if (strcmp(a->pairs[i].name, name) == 0 &&
            strcmp(a->pairs[i].value, value) == 0)
            return true;
    return false;
}

size_t
fb_answers_size(const struct fb_answers *a)
{
    return a->len;
}

bool
fb_answers_at(const struct fb_answers *a, size_t i, const char **out_name,
              const char **out_value)
{
    if (i >= a->len)
        return false;
    if (out_name)
        *out_name = a->pairs[i].name;
    if (out_value)
        *out_value = a->pairs[i].value;
    return true;
}

int
fb_answers_copy(struct fb_answers *to, const struct fb_answers *from)
{
    size_t n = from->len; /* fixed first: @p to may be @p from */

    if (!reserve(to, n)) {
        to->failed = true;
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (fb_answers_add(to, from->pairs[i].name, from->pairs[i].value))
            return -1;
    return 0;
}

bool
fb_answers_failed(const struct fb_answers *a)
{
    return a->failed;
}

/* SPDX-License-Identifier: MIT */
/*
 * Where repeating groups keep their items in an answer set
 * (formbuilder/repeat.h).
 */
#include "formbuilder/repeat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* @returns the item number of @p name under "PAGE." (@p id, @p n long)
 * and sets *@p rest to what follows "PAGE.N.", or -1 when @p name is not
 * an item's answer. */
static long
item_of(const char *name, const char *id, size_t n, const char **rest)
{
    if (strncmp(name, id, n) != 0 || name[n] != '.')
        return -1;
    const char *s = name + n + 1;
    long v = 0;
    size_t digits = 0;
    for (; *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
        v = v * 10 + (*s - '0');
    if (digits == 0 || *s != '.' || (digits > 1 && name[n + 1] == '0'))
        return -1;
    *rest = s + 1;
    return v;
}

size_t
fb_repeat_count(const struct fb_page_desc *p, const struct fb_answers *a)
{
    return fb_repeat_count_of(p->id, a);
}

size_t
fb_repeat_count_of(const char *id, const struct fb_answers *a)
{
    const char *stored = fb_answers_get(a, id);
    if (stored) {
        long v = fb_repeat_parse_item(stored);
        return v < 0 ? 0 : (size_t)v;
    }
    size_t n = strlen(id), count = 0;
    const char *name, *rest;
    for (size_t i = 0; fb_answers_at(a, i, &name, NULL); i++) {
        long k = item_of(name, id, n, &rest);
        if (k >= 0 && (size_t)k + 1 > count)
            count = (size_t)k + 1;
    }
    return count > FB_REPEAT_LIMIT + 1 ? FB_REPEAT_LIMIT + 1 : count;
}

int
fb_repeat_item(const struct fb_page_desc *p, const struct fb_answers *a,
               size_t i, struct fb_answers *out)
{
    return fb_repeat_item_of(p->id, a, i, out);
}

int
fb_repeat_item_of(const char *id, const struct fb_answers *a, size_t i,
                  struct fb_answers *out)
{
    size_t n = strlen(id);
    const char *name, *value, *rest = NULL;
    for (size_t k = 0; fb_answers_at(a, k, &name, &value); k++)
        if (item_of(name, id, n, &rest) == (long)i
            && fb_answers_add(out, rest, value) != 0)
            return -1;
    return 0;
}

int
fb_repeat_add_item(const struct fb_page_desc *p, struct fb_answers *a,
                   size_t i, const struct fb_answers *item)
{
    const char *name, *value;
    char buf[512];
    for (size_t k = 0; fb_answers_at(item, k, &name, &value); k++) {
        int len = snprintf(buf, sizeof buf, "%s.%zu.%s", p->id, i, name);
        if (len < 0 || (size_t)len >= sizeof buf
            || fb_answers_add(a, buf, value) != 0)
            return -1;
    }
    return 0;
}

/* Removes every answer of item @p i. */
static int
drop_item(const struct fb_page_desc *p, struct fb_answers *a, size_t i)
{
    char prefix[160];
    snprintf(prefix, sizeof prefix, "%s.%zu", p->id, i);
    fb_answers_remove_prefix(a, prefix);
    return 0;
}

static int
set_count(const struct fb_page_desc *p, struct fb_answers *a, size_t n)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%zu", n);
    return fb_answers_set(a, p->id, buf);
}

int
fb_repeat_put_item(const struct fb_page_desc *p, struct fb_answers *a,
                   size_t i, const struct fb_answers *item)
{
    size_t n = fb_repeat_count(p, a);
    drop_item(p, a, i);
    if (fb_repeat_add_item(p, a, i, item) != 0)
        return -1;
    return set_count(p, a, i + 1 > n ? i + 1 : n);
}

int
fb_repeat_remove_item(const struct fb_page_desc *p, struct fb_answers *a,
                      size_t i)
{
    size_t n = fb_repeat_count(p, a);
    if (i >= n)
        return 0;
    struct fb_answers *later = fb_answers_new();
    if (!later)
        return -1;
    drop_item(p, a, i);
    /* Items after it move down one, keeping their order. */
    for (size_t k = i + 1; k < n; k++) {
        fb_answers_clear(later);
        if (fb_repeat_item(p, a, k, later) != 0)
            goto fail;
        drop_item(p, a, k);
        if (fb_repeat_add_item(p, a, k - 1, later) != 0)
            goto fail;
    }
    fb_answers_free(later);
    return set_count(p, a, n - 1);
fail:
    fb_answers_free(later);
    return -1;
}

long
fb_repeat_parse_item(const char *s)
{
    long v = 0;
    size_t digits = 0;
    if (!s || !*s || (s[0] == '0' && s[1]))
        return -1;
    for (; *s; s++, digits++) {
        if (*s < '0' || *s > '9' || digits >= 3)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v <= FB_REPEAT_LIMIT ? v : -1;
}

const struct fb_page_desc *
fb_repeat_page_of(const struct fb_form_desc *f,
                  const struct fb_question_desc *q)
{
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        if (!p->repeat)
            continue;
        for (size_t k = 0; k < p->n_questions; k++)
            if (p->questions[k] == q)
                return p;
    }
    return NULL;
}

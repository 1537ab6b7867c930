/* SPDX-License-Identifier: MIT */
/*
 * A file question's keys: `accept: [pdf, jpg, png, heic]`, `max_size:
 * 10m` and `max_files: 3` (docs/form-language.md, "File upload"). Each
 * has a default, so `type: file` alone asks for one PDF, JPG or PNG of up
 * to 10MB.
 */
#include "model_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/filetype.h"

/* The largest file a question may take: the server streams uploads to
 * disk, but forwarding and retention hold them, so the ceiling is kept
 * where a council's systems can take them. */
#define MAX_SIZE_CEILING (100LL * 1024 * 1024)

static void
file_accept(struct fb_compiler *c, struct fb_question *q,
            const struct fb_node *n)
{
    if (!fb_model_list(c, n, "'accept'"))
        return;
    const char *names[FB_FILE__COUNT];
    for (int k = 0; k < FB_FILE__COUNT; k++)
        names[k] = fb_file_kind((enum fb_file_kind)k)->name;
    unsigned accept = 0;
    for (size_t i = 0; i < n->n_items; i++) {
        const char *s = fb_model_string(c, n->items[i], "accept");
        if (!s)
            continue;
        enum fb_file_kind k = fb_file_kind_from_name(s);
        if (k == FB_FILE__COUNT) {
            const char *near = fb_closest(s, names, FB_FILE__COUNT);
            fb_diag(c, FB_ERROR, &n->items[i]->loc, "bad-file-accept",
                    "'%.40s' is not a kind of file a form accepts (the kinds "
                    "are pdf, jpg, png and heic)%s%s%s", s,
                    near ? "; did you mean '" : "", near ? near : "",
                    near ? "'?" : "");
        } else if (accept & (1u << k)) {
            fb_diag(c, FB_ERROR, &n->items[i]->loc, "bad-file-accept",
                    "'%s' is listed twice in 'accept'; list each kind once",
                    s);
        }
        if (k != FB_FILE__COUNT)
            accept |= 1u << k;
    }
    if (n->n_items == 0)
        fb_diag(c, FB_ERROR, &n->loc, "bad-file-accept",
                "'accept' is empty; list the kinds of file residents may "
                "upload, e.g. [pdf, jpg, png]");
    q->file_accept = accept;
}

/* "10m", "500k", "2097152": bytes, with k or m for KiB or MiB. */
static void
file_size(struct fb_compiler *c, struct fb_question *q,
          const struct fb_node *n)
{
    const char *s = fb_model_string(c, n, "max_size");
    if (!s)
        return;
    char *end;
    long long v = strtoll(s, &end, 10);
    long long unit = 1;
    if (*end == 'k' || *end == 'K')
        unit = 1024, end++;
    else if (*end == 'm' || *end == 'M')
        unit = 1024LL * 1024, end++;
    if (end == s || *end || v <= 0 || v > MAX_SIZE_CEILING / unit) {
        fb_diag(c, FB_ERROR, &n->loc, "bad-file-size",
                "'max_size' must be a size such as 10m (megabytes), 500k "
                "(kilobytes) or a number of bytes, from 1 byte to 100m, not "
                "'%.40s'", s);
        return;
    }
    q->file_max_size = v * unit;
}

static void
file_count(struct fb_compiler *c, struct fb_question *q,
           const struct fb_node *n)
{
    long v;
    if (!fb_model_whole(c, n, "max_files", &v))
        return;
    if (v < 1 || v > 20) {
        fb_diag(c, FB_ERROR, &n->loc, "bad-file-size",
                "'max_files' must be a whole number from 1 to 20, not %ld",
                v);
        return;
    }
    q->file_max_files = (unsigned)v;
}

/* Reads a file question's keys; @p keys / @p values are indexed accept,
 * max_size, max_files, NULL where not written. */
void
fb_model_file(struct fb_compiler *c, struct fb_question *q,
              const struct fb_node *const keys[3],
              const struct fb_node *const values[3])
{
    if (q->type >= FB_Q__COUNT)
        return;
    if (q->type != FB_Q_FILE) {
        for (int i = 0; i < 3; i++)
            if (keys[i])
                fb_diag(c, FB_ERROR, &keys[i]->loc, "key-not-applicable",
                        "'%s' does not apply to %s %s question; it is for "
                        "file questions", keys[i]->value,
                        fb_article(fb_qtype_name(q->type)),
                        fb_qtype_name(q->type));
        return;
    }
    q->file_accept = (1u << FB_FILE_PDF) | (1u << FB_FILE_JPG) |
                     (1u << FB_FILE_PNG);
    q->file_max_size = 10LL * 1024 * 1024;
    q->file_max_files = 1;
    if (values[0])
        file_accept(c, q, values[0]);
    if (values[1])
        file_size(c, q, values[1]);
    if (values[2])
        file_count(c, q, values[2]);
}

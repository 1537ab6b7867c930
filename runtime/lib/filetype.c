/* SPDX-License-Identifier: MIT */
/*
 * The kinds of file a file question accepts, and the stored reference to
 * one upload (formbuilder/filetype.h).
 */
#include "formbuilder/filetype.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const pdf_ext[] = {"pdf", NULL};
static const char *const jpg_ext[] = {"jpg", "jpeg", NULL};
static const char *const png_ext[] = {"png", NULL};
static const char *const heic_ext[] = {"heic", "heif", NULL};

static const struct fb_file_kind_info kinds[FB_FILE__COUNT] = {
    [FB_FILE_PDF] = {"pdf", "application/pdf", "PDF", pdf_ext},
    [FB_FILE_JPG] = {"jpg", "image/jpeg", "JPG", jpg_ext},
    [FB_FILE_PNG] = {"png", "image/png", "PNG", png_ext},
    [FB_FILE_HEIC] = {"heic", "image/heic", "HEIC", heic_ext},
};

const struct fb_file_kind_info *
fb_file_kind(enum fb_file_kind k)
{
    return (unsigned)k < FB_FILE__COUNT ? &kinds[k] : NULL;
}

enum fb_file_kind
fb_file_kind_from_name(const char *name)
{
    for (int k = 0; k < FB_FILE__COUNT; k++)
        for (const char *const *e = kinds[k].extensions; *e; e++)
            if (strcmp(name, *e) == 0)
                return (enum fb_file_kind)k;
    return FB_FILE__COUNT;
}

enum fb_file_kind
fb_file_kind_from_mime(const char *mime)
{
    /* libmagic names HEIF stills image/heif, HEVC-coded ones image/heic */
    if (strcmp(mime, "image/heif") == 0)
        return FB_FILE_HEIC;
    for (int k = 0; k < FB_FILE__COUNT; k++)
        if (strcmp(mime, kinds[k].mime) == 0)
            return (enum fb_file_kind)k;
    return FB_FILE__COUNT;
}

bool
fb_file_name_claims(const char *name, enum fb_file_kind k)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name || (unsigned)k >= FB_FILE__COUNT)
        return !dot || dot == name;
    for (const char *const *e = kinds[k].extensions; *e; e++)
        if (strcasecmp(dot + 1, *e) == 0)
            return true;
    return false;
}

const char *
fb_file_accept_text(unsigned accept, enum fb_lang lang, char *buf,
                    size_t cap)
{
    const char *last_sep = lang == FB_LANG_CY ? " neu " : " or ";
    int n = 0, total = 0;
    for (int k = 0; k < FB_FILE__COUNT; k++)
        total += (int)((accept >> k) & 1u);
    size_t at = 0;
    if (cap)
        buf[0] = '\0';
    for (int k = 0; k < FB_FILE__COUNT && cap; k++) {
        if (!((accept >> k) & 1u))
            continue;
        const char *sep = n == 0 ? "" : n == total - 1 ? last_sep : ", ";
        int w = snprintf(buf + at, cap - at, "%s%s", sep, kinds[k].label);
        if (w < 0 || (size_t)w >= cap - at)
            break;
        at += (size_t)w;
        n++;
    }
    return buf;
}

const char *
fb_file_accept_attr(unsigned accept, char *buf, size_t cap)
{
    size_t at = 0;
    if (cap)
        buf[0] = '\0';
    for (int k = 0; k < FB_FILE__COUNT && cap; k++) {
        if (!((accept >> k) & 1u))
            continue;
        for (const char *const *e = kinds[k].extensions; *e; e++) {
            int w = snprintf(buf + at, cap - at, "%s.%s", at ? "," : "", *e);
            if (w < 0 || (size_t)w >= cap - at)
                return buf;
            at += (size_t)w;
        }
    }
    return buf;
}

double
fb_file_megabytes(long long bytes)
{
    return (double)bytes / (1024.0 * 1024.0);
}

bool
fb_file_hash_ok(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return i == 64;
}

bool
fb_file_ref_parse(const char *s, size_t len, struct fb_file_ref *out)
{
    /* HASH ':' SIZE ':' KIND ':' NAME */
    if (len < 64 + 1 || s[64] != ':')
        return false;
    memcpy(out->hash, s, 64);
    out->hash[64] = '\0';
    if (!fb_file_hash_ok(out->hash))
        return false;
    size_t i = 65;
    long long size = 0;
    size_t digits = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9' && digits < 15; i++,
                                                                   digits++)
        size = size * 10 + (s[i] - '0');
    if (digits == 0 || i >= len || s[i] != ':')
        return false;
    out->size = size;
    const char *kind = s + i + 1;
    const char *colon = memchr(kind, ':', len - (size_t)(kind - s));
    if (!colon || colon - kind > 8)
        return false;
    char kname[9];
    memcpy(kname, kind, (size_t)(colon - kind));
    kname[colon - kind] = '\0';
    out->kind = FB_FILE__COUNT;
    for (int k = 0; k < FB_FILE__COUNT; k++)
        if (strcmp(kname, kinds[k].name) == 0)
            out->kind = (enum fb_file_kind)k;
    size_t name_len = len - (size_t)(colon + 1 - s);
    if (out->kind == FB_FILE__COUNT || name_len == 0
        || name_len > FB_FILE_NAME_MAX || memchr(colon + 1, '\0', name_len))
        return false;
    memcpy(out->name, colon + 1, name_len);
    out->name[name_len] = '\0';
    return true;
}

size_t
fb_file_ref_format(const struct fb_file_ref *ref, char *buf, size_t cap)
{
    const struct fb_file_kind_info *k = fb_file_kind(ref->kind);
    if (!k)
        return 0;
    int n = snprintf(buf, cap, "%s:%lld:%s:%s", ref->hash, ref->size,
                     k->name, ref->name);
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* @returns the length of the UTF-8 sequence starting with byte @p c. */
static size_t
seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
}

void
fb_file_name_sanitise(const char *name, char out[FB_FILE_NAME_MAX + 1])
{
    /* Browsers send the bare name, old ones a whole Windows path. */
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    while (*base == '.' || *base == ' ')
        base++;
    size_t o = 0;
    for (const char *p = base; *p;) {
        unsigned char c = (unsigned char)*p;
        size_t n = seq_len(c);
        if (o + n > FB_FILE_NAME_MAX)
            break;
        if (c < 0x20 || c == 0x7f || c == ':' || c == '"' || c == '\'' ||
            c == '<' || c == '>')
            out[o++] = '_';
        else
            for (size_t i = 0; i < n && p[i]; i++)
                out[o++] = p[i];
        for (size_t i = 0; i < n && *p; i++)
            p++;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    if (o == 0)
        snprintf(out, FB_FILE_NAME_MAX + 1, "file");
}

const struct fb_question_desc *
fb_page_file_question(const struct fb_page_desc *page)
{
    for (size_t i = 0; page && i < page->n_questions; i++)
        if (page->questions[i]->type == FB_Q_FILE)
            return page->questions[i];
    return NULL;
}

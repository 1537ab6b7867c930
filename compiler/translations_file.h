/* SPDX-License-Identifier: MIT */
/*
 * The files translators work in: gettext PO (msgctxt is the text's id,
 * `#:` the source line) and CSV (columns id,source,en,cy; RFC 4180
 * quoting). Written by `formc translations --format`, read back by
 * `--merge` (cmd_translations.c). Only the format lives here.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "compiler.h"

struct fb_translation {
    const char *id;            /* texts.h */
    const char *source;        /* "forms/x.yaml:12"; NULL when read */
    const char *en;
    const char *cy;            /* "" when not translated */
    struct fb_loc loc;         /* read: where the entry is in the file */
};

enum fb_translations_format {
    FB_TRANSLATIONS_PO,
    FB_TRANSLATIONS_CSV,
};

/** Appends @p n entries in @p format to @p b; @p form names the form in
 *  the PO header comment. */
void
fb_translations_write(struct fb_buf *b, enum fb_translations_format format,
                      const char *form, const struct fb_translation *t,
                      size_t n);

/**
 * Reads the PO or CSV file at @p path (its format from its name: .po or
 * .csv) into *@p out (in c's arena). Entries marked `#, fuzzy` in a PO
 * file read as untranslated. Problems are reported at the file's lines
 * ("bad-translations"; "io" when it cannot be read). @returns the number
 * of entries, or -1 after reporting.
 */
long
fb_translations_read(struct fb_compiler *c, const char *path,
                     struct fb_translation **out);

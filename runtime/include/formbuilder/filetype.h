/* SPDX-License-Identifier: MIT */
/*
 * What a file question accepts and how its answer is stored: the kinds of
 * file (their YAML names, MIME types and the words messages use), and
 * the stored reference to one uploaded file. formc reads the kinds for
 * `accept:`, the server sniffs uploads into them, and the readers,
 * payloads and schemas read references through this one module.
 *
 * A reference is "HASH:SIZE:KIND:NAME": the lower-case SHA-256 of the
 * stored bytes (after metadata is stripped), their size in bytes, the kind
 * found by content (never by name), and the original file name made safe
 * (fb_file_name_sanitise()). The bytes live in the server's files
 * directory under HASH, never in the answers.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/form.h"

enum fb_file_kind {
    FB_FILE_PDF,
    FB_FILE_JPG,
    FB_FILE_PNG,
    FB_FILE_HEIC,
    FB_FILE__COUNT
};

struct fb_file_kind_info {
    const char *name;          /* in YAML and references: "jpg" */
    const char *mime;          /* what libmagic says: "image/jpeg" */
    const char *label;         /* in messages: "JPG" */
    /* File name endings that claim this kind, NULL-ended ("jpg", "jpeg") */
    const char *const *extensions;
};

/** @returns the row of @p k, or NULL when out of range. */
const struct fb_file_kind_info *
fb_file_kind(enum fb_file_kind k);

/** @returns the kind named @p name ("pdf"; "jpeg" is "jpg"), or
 *  FB_FILE__COUNT. */
enum fb_file_kind
fb_file_kind_from_name(const char *name);

/** @returns the kind of MIME type @p mime, or FB_FILE__COUNT. */
enum fb_file_kind
fb_file_kind_from_mime(const char *mime);

/** @returns whether file name @p name ends in an extension of @p k (any
 *  case); a name without an extension claims nothing and is true. */
bool
fb_file_name_claims(const char *name, enum fb_file_kind k);

/** Writes the kinds in @p accept as a message lists them: "PDF, JPG or
 *  PNG" ("PDF, JPG neu PNG"). @returns @p buf. */
const char *
fb_file_accept_text(unsigned accept, enum fb_lang lang, char *buf,
                    size_t cap);

/** Writes the `accept` attribute of a file input for @p accept:
 *  ".pdf,.jpg,.jpeg,.png". @returns @p buf. */
const char *
fb_file_accept_attr(unsigned accept, char *buf, size_t cap);

/** @returns @p bytes in megabytes, as messages write sizes ("10MB"). */
double
fb_file_megabytes(long long bytes);

/* The longest name a reference keeps, in bytes. */
#define FB_FILE_NAME_MAX 100

struct fb_file_ref {
    char hash[65];             /* 64 lower-case hex digits */
    long long size;
    enum fb_file_kind kind;
    char name[FB_FILE_NAME_MAX + 1];
};

/** Parses reference @p s (@p len bytes). @returns true when it is one. */
bool
fb_file_ref_parse(const char *s, size_t len, struct fb_file_ref *out);

/** Writes @p ref as its stored string. @returns the length, or 0 when it
 *  does not fit in @p cap. */
size_t
fb_file_ref_format(const struct fb_file_ref *ref, char *buf, size_t cap);

/** Copies the last path segment of @p name into @p out (at most
 *  FB_FILE_NAME_MAX bytes, cut at a whole UTF-8 character): no slashes,
 *  colons, control characters or quotes, no leading dots; "file" when
 *  nothing is left. @p name must be valid UTF-8. */
void
fb_file_name_sanitise(const char *name, char out[FB_FILE_NAME_MAX + 1]);

/** @returns whether @p s is 64 lower-case hex digits. */
bool
fb_file_hash_ok(const char *s);

/* A file question's remove buttons, posted as "ID-remove" with the hash
 * of the file to remove as the value. */
#define FB_FILE_REMOVE_SUFFIX "-remove"

/** @returns the first file question of @p page, or NULL: a page with one
 *  posts multipart/form-data. */
const struct fb_question_desc *
fb_page_file_question(const struct fb_page_desc *page);

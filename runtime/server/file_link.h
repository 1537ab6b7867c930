/* SPDX-License-Identifier: MIT */
/*
 * Signed links to uploaded files, for staff emails: the one place their
 * shape is written and checked. A link is
 *
 *     BASE/files/SHA256?form=SLUG&ref=REFERENCE&expires=T&sig=S
 *
 * signed as every link the server trusts (link_sign.h, purpose "file")
 * over the pairs ref=REFERENCE and sha256=SHA256, with the key in
 * FORMBUILDER_FILE_LINK_KEY. The outbox writes them into staff emails
 * (payload.c); the server serves the file only for a link that checks
 * out and names a submission that still has that file (file_route.c).
 * docs/delivery.md, "Uploaded files".
 */
#pragma once

#include <stdbool.h>

#include "buf.h"
#include "link_sign.h"

/* The variable holding the key file links are signed with. */
#define FB_FILE_LINK_KEY_ENV "FORMBUILDER_FILE_LINK_KEY"
/* The path every file link starts with, after the base URL. */
#define FB_FILE_LINK_PATH "/files/"

/** @returns the key in FORMBUILDER_FILE_LINK_KEY, or NULL when it is
 *  unset or empty (emails then name files by their SHA-256). */
const char *
fb_file_link_key(void);

/* What a staff email's file links are made with. */
struct fb_file_links {
    const char *base_url;      /* the server's public URL, "" none */
    const char *key;           /* fb_file_link_key() */
    long long expires;         /* Unix seconds the links stop working */
};

/**
 * Appends the link to file @p hash of submission @p reference of form
 * @p slug to @p out. @returns 0, or -1 when it cannot be signed (a value
 * with a line break, OpenSSL failing) or out of memory.
 */
int
fb_file_link_write(struct fb_buf *out, const struct fb_file_links *l,
                   const char *slug, const char *reference,
                   const char *hash);

/**
 * Checks a file link's @p expires and @p sig (the query's text, NULL
 * when absent) for file @p hash of @p reference of form @p slug, with
 * @p key, as of @p now: FB_LINK_OK, FB_LINK_EXPIRED (only for a link
 * whose signature matches), else FB_LINK_BAD.
 */
enum fb_link_verdict
fb_file_link_check(const char *key, const char *slug, const char *reference,
                   const char *hash, const char *expires, const char *sig,
                   long long now);

/* SPDX-License-Identifier: MIT */
/*
 * Signed links to uploaded files (file_link.h).
 */
#include "file_link.h"

#include <stdlib.h>
#include <string.h>

/* What a file link is for: no other kind of link is accepted as one. */
#define PURPOSE "file"

const char *
fb_file_link_key(void)
{
    const char *k = getenv(FB_FILE_LINK_KEY_ENV);
    return k && *k ? k : NULL;
}

int
fb_file_link_write(struct fb_buf *out, const struct fb_file_links *l,
                   const char *slug, const char *reference,
                   const char *hash)
{
    const struct fb_link_pair pairs[] = {{"ref", reference},
                                         {"sha256", hash}};
    char sig[FB_LINK_SIG_SIZE];
    if (fb_link_sign(l->key, PURPOSE, slug, l->expires, pairs, 2, sig) != 0)
        return -1;
    /* The slug, reference and hash are letters, digits and hyphens: none
     * needs escaping in a query. */
    size_t base = strlen(l->base_url);
    while (base && l->base_url[base - 1] == '/')
        base--;
    fb_buf_putn(out, l->base_url, base);
    fb_buf_printf(out, FB_FILE_LINK_PATH "%s?form=%s&ref=%s&expires=%lld"
                  "&sig=%s", hash, slug, reference, l->expires, sig);
    return out->failed ? -1 : 0;
}

enum fb_link_verdict
fb_file_link_check(const char *key, const char *slug, const char *reference,
                   const char *hash, const char *expires, const char *sig,
                   long long now)
{
    const struct fb_link_pair pairs[] = {{"ref", reference},
                                         {"sha256", hash}};
    enum fb_link_verdict v = fb_link_verify(key, PURPOSE, slug, expires, sig,
                                            pairs, 2, now);
    return v == FB_LINK_UNSIGNED ? FB_LINK_BAD : v;
}

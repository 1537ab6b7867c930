/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder prefill-link --form F NAME=VALUE...`: the link, signed
 * with the key in the form's sign_env variable (link_sign.h), printed
 * with the configured base_url in front.
 */
#include "cmd_prefill_link.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "link_sign.h"
#include "prefill.h"

static const char usage[] =
    "usage: formbuilder prefill-link --form SLUG [--valid DURATION]"
    " [--config FILE]\n"
    "                                NAME=VALUE...\n"
    "DURATION is a number and s, m, h or d (default 30d): how long the\n"
    "link works. The key is read from the variable the form's\n"
    "prefill: sign_env names.\n";

/* Reads "90m", "24h", "30d" into seconds (at most ten years). */
static bool
duration(const char *s, long long *out)
{
    char *end;
    long long n = strtoll(s, &end, 10);
    long long unit = strcmp(end, "s") == 0   ? 1
                     : strcmp(end, "m") == 0 ? 60
                     : strcmp(end, "h") == 0 ? 3600
                     : strcmp(end, "d") == 0 ? 86400
                                             : 0;
    if (*s < '1' || *s > '9' || !unit || n > 3650LL * 86400 / unit)
        return false;
    *out = n * unit;
    return true;
}

/* Writes @p s percent-encoded (RFC 3986: all but unreserved). */
static void
put_encoded(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
            || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            fputc(*p, out);
        else
            fprintf(out, "%%%02X", *p);
    }
}

static const struct fb_form_desc *
find(const struct fb_form_desc *const *forms, size_t n, const char *slug)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(forms[i]->slug, slug) == 0)
            return forms[i];
    return NULL;
}

int
fb_cmd_prefill_link(int argc, char **argv, const struct fb_config *cfg,
                    const struct fb_form_desc *const *forms, size_t n_forms,
                    FILE *out)
{
    const char *slug = NULL;
    long long valid = 30LL * 86400;
    struct fb_link_pair pairs[FB_LINK_MAX_PAIRS];
    char *copies[FB_LINK_MAX_PAIRS];
    size_t n = 0;
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *eq = strchr(argv[i], '=');
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            i++;
        else if (strcmp(argv[i], "--form") == 0 && i + 1 < argc)
            slug = argv[++i];
        else if (strcmp(argv[i], "--valid") == 0 && i + 1 < argc) {
            if (!duration(argv[++i], &valid)) {
                fprintf(stderr, "formbuilder prefill-link: --valid takes "
                        "a number and s, m, h or d, such as 30d, not "
                        "'%s'\n", argv[i]);
                rc = 2;
            }
        } else if (argv[i][0] != '-' && eq && eq != argv[i]
                   && n < FB_LINK_MAX_PAIRS) {
            copies[n] = strndup(argv[i], (size_t)(eq - argv[i]));
            pairs[n] = (struct fb_link_pair){copies[n], eq + 1};
            if (!copies[n])
                rc = 1;
            else
                n++;
        } else {
            fprintf(stderr, "formbuilder prefill-link: unexpected '%s'%s\n"
                    "%s", argv[i],
                    n == FB_LINK_MAX_PAIRS ? " (too many answers)" : "",
                    usage);
            rc = 2;
        }
    }
    const struct fb_form_desc *f = NULL;
    if (rc == 0 && (!slug || n == 0)) {
        fputs(usage, stderr);
        rc = 2;
    } else if (rc == 0 && !(f = find(forms, n_forms, slug))) {
        fprintf(stderr, "formbuilder prefill-link: no form '%s'\n", slug);
        rc = 2;
    } else if (rc == 0 && !f->prefill_sign_env) {
        fprintf(stderr, "formbuilder prefill-link: form '%s' takes no "
                "prefilled answers (add prefill: {from: query, sign_env: "
                "NAME} to it)\n", slug);
        rc = 2;
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!fb_prefill_field(f, pairs[i].name)) {
            fprintf(stderr, "formbuilder prefill-link: form '%s' has no "
                    "question '%s' to prefill\n", slug, pairs[i].name);
            rc = 2;
        }
    const char *key = rc == 0 ? getenv(f->prefill_sign_env) : NULL;
    if (rc == 0 && (!key || !*key)) {
        fprintf(stderr, "formbuilder prefill-link: set %s to the key "
                "prefill links to '%s' are signed with\n",
                f->prefill_sign_env, slug);
        rc = 2;
    }
    long long expires = fb_clock_now() + valid;
    char sig[FB_LINK_SIG_SIZE];
    if (rc == 0 && fb_link_sign(key, "prefill", slug, expires, pairs, n, sig)
                       != 0) {
        fprintf(stderr, "formbuilder prefill-link: an answer holds a line "
                "break, which a link cannot carry\n");
        rc = 2;
    }
    if (rc == 0) {
        const char *base = cfg->base_url;
        size_t bl = strlen(base);
        fprintf(out, "%.*s/%s/?", (int)(bl && base[bl - 1] == '/' ? bl - 1
                                                                   : bl),
                base, slug);
        for (size_t i = 0; i < n; i++) {
            put_encoded(out, pairs[i].name);
            fputc('=', out);
            put_encoded(out, pairs[i].value);
            fputc('&', out);
        }
        fprintf(out, "expires=%lld&sig=%s\n", expires, sig);
    }
    for (size_t i = 0; i < n; i++)
        free(copies[i]);
    return rc;
}

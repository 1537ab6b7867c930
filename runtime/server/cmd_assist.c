/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder assist --form F [--channel phone|face-to-face]
 * [--valid DURATION]`: a link with a random id, the channel and an
 * expiry, signed with FORMBUILDER_ASSIST_KEY (link_sign.h, purpose
 * "assist"), printed with the configured base_url in front. The server
 * records the id when the link is opened, so it works once.
 */
#include "cmd_assist.h"

#include <stdlib.h>
#include <string.h>

#include "assist.h"
#include "clock.h"
#include "link_sign.h"
#include "token.h"

static const char usage[] =
    "usage: formbuilder assist --form SLUG [--channel phone|face-to-face]\n"
    "                          [--valid DURATION] [--config FILE]\n"
    "Prints a link that opens the form once, for a staff member filling it\n"
    "in for someone else. DURATION is a number and m or h (default 2h, at\n"
    "most 24h): how long the link works if unused. The key is read from\n"
    FB_ASSIST_KEY_ENV ".\n";

/* Reads "30m", "2h" into seconds (at most a day: a link for a call or a
 * visit, not one to keep). */
static bool
duration(const char *s, long long *out)
{
    char *end;
    long long n = strtoll(s, &end, 10);
    long long unit = strcmp(end, "m") == 0 ? 60
                     : strcmp(end, "h") == 0 ? 3600 : 0;
    if (*s < '1' || *s > '9' || !unit || n > 86400 / unit)
        return false;
    *out = n * unit;
    return true;
}

int
fb_cmd_assist(int argc, char **argv, const struct fb_config *cfg,
              const struct fb_form_desc *const *forms, size_t n_forms,
              FILE *out)
{
    const char *slug = NULL;
    const char *channel = fb_assist_channels[0];
    long long valid = 2LL * 3600;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            i++;
        else if (strcmp(argv[i], "--form") == 0 && i + 1 < argc)
            slug = argv[++i];
        else if (strcmp(argv[i], "--channel") == 0 && i + 1 < argc) {
            channel = argv[++i];
            if (!fb_assist_channel_valid(channel)) {
                fprintf(stderr, "formbuilder assist: --channel takes phone "
                        "or face-to-face, not '%s'\n", channel);
                return 2;
            }
        } else if (strcmp(argv[i], "--valid") == 0 && i + 1 < argc) {
            if (!duration(argv[++i], &valid)) {
                fprintf(stderr, "formbuilder assist: --valid takes a number "
                        "and m or h, at most 24h, such as 2h, not '%s'\n",
                        argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr, "formbuilder assist: unexpected '%s'\n%s",
                    argv[i], usage);
            return 2;
        }
    }
    if (!slug) {
        fputs(usage, stderr);
        return 2;
    }
    const struct fb_form_desc *f = NULL;
    for (size_t i = 0; i < n_forms && !f; i++)
        if (strcmp(forms[i]->slug, slug) == 0)
            f = forms[i];
    if (!f) {
        fprintf(stderr, "formbuilder assist: no form '%s'\n", slug);
        return 2;
    }
    const char *key = fb_assist_key();
    if (!key) {
        fprintf(stderr, "formbuilder assist: set %s to the key staff links "
                "are signed with (the server needs the same)\n",
                FB_ASSIST_KEY_ENV);
        return 2;
    }
    char id[FB_TOKEN_HEX_LEN + 1];
    if (fb_token_new(id) != 0) {
        fprintf(stderr, "formbuilder assist: no random id could be drawn\n");
        return 1;
    }
    struct fb_link_pair pairs[] = {{"id", id}, {"channel", channel}};
    long long expires = fb_clock_now() + valid;
    char sig[FB_LINK_SIG_SIZE];
    if (fb_link_sign(key, "assist", slug, expires, pairs, 2, sig) != 0) {
        fprintf(stderr, "formbuilder assist: the link could not be "
                "signed\n");
        return 1;
    }
    const char *base = cfg->base_url;
    size_t bl = strlen(base);
    fprintf(out, "%.*s/%s/assist-link?id=%s&channel=%s&expires=%lld&sig=%s\n",
            (int)(bl && base[bl - 1] == '/' ? bl - 1 : bl), base, slug, id,
            channel, expires, sig);
    return 0;
}

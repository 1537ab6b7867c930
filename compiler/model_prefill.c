/* SPDX-License-Identifier: MIT */
/*
 * `prefill: {from: query, sign_env: NAME}`: the form takes answers from
 * a signed link's query string (runtime/server/prefill.c), for links from
 * My Account or a letter. The key is never in the form: it is read from
 * the environment variable NAME when the server starts.
 */
#include "model_priv.h"

#include <string.h>

enum { P_FROM, P_SIGN_ENV, P__COUNT };
static const char *const prefill_keys[P__COUNT] = {"from", "sign_env"};

void
fb_model_prefill(struct fb_compiler *c, struct fb_form *form,
                 const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'prefill'"))
        return;
    const struct fb_keyset ks = {"'prefill'", prefill_keys, P__COUNT};
    const struct fb_node *k[P__COUNT], *v[P__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    bool ok = fb_model_need(c, n, v[P_FROM], "'prefill'", "from", sugg,
                            P_FROM);
    ok = fb_model_need(c, n, v[P_SIGN_ENV], "'prefill'", "sign_env", sugg,
                       P_SIGN_ENV) && ok;
    const char *from = v[P_FROM] ? fb_model_string(c, v[P_FROM], "from")
                                 : NULL;
    if (from && strcmp(from, "query") != 0) {
        fb_diag(c, FB_ERROR, &v[P_FROM]->loc, "wrong-value",
                "'prefill: from' can only be 'query' (answers from a "
                "signed link's query string), not '%.40s'", from);
        ok = false;
    }
    const char *env = v[P_SIGN_ENV]
                          ? fb_model_env_name(c, v[P_SIGN_ENV], "sign_env")
                          : NULL;
    if (ok && from && env)
        form->prefill_sign_env = env;
}

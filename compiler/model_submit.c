/* SPDX-License-Identifier: MIT */
/*
 * The `submit` section: the reference prefix and the back-office APIs
 * submissions are forwarded to. Form files are shared and committed, so a
 * credential must never appear in one: keys that look like secrets and
 * URLs carrying credentials are rejected here in favour of secret_env.
 */
#include "model_priv.h"

#include <string.h>
#include <strings.h>

#define MAX_REFERENCE 6

static const char *const secret_msg =
    "a literal secret is not allowed in a form file; store it in an "
    "environment variable and name it with secret_env";

/* @returns true when @p name (length @p n) names a credential. */
static bool
secret_name(const char *name, size_t n)
{
    static const char *const exact[] = {
        "secret", "token", "password", "api_key", "key", "auth",
        "authorization", "bearer", "apikey", "api-key", "passwd",
    };
    static const char *const parts[] = {"secret", "token", "password"};
    char buf[64];
    if (n >= sizeof(buf))
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        buf[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
        if (strcmp(buf, exact[i]) == 0)
            return true;
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
        if (strstr(buf, parts[i]))
            return true;
    return false;
}

/* Unknown keys of a forward entry: secrets get their own error. */
static bool
forward_unknown(struct fb_compiler *c, const struct fb_pair *pair)
{
    const char *name = pair->key->value;
    if (!secret_name(name, strlen(name)))
        return false;
    fb_diag(c, FB_ERROR, &pair->key->loc, "literal-secret", "%s",
            secret_msg);
    return true;
}

/* Reports credentials in @p url: user:password@ or ?token=... */
static bool
url_has_secret(const char *url)
{
    const char *auth = strstr(url, "://");
    auth = auth ? auth + 3 : url;
    size_t alen = strcspn(auth, "/?#");
    if (memchr(auth, '@', alen))
        return true;
    const char *q = strchr(url, '?');
    while (q) {
        q++;
        size_t nlen = strcspn(q, "=&#");
        if (secret_name(q, nlen))
            return true;
        q = strchr(q, '&');
    }
    return false;
}

/* @returns true when @p url is https://HOST..., or http:// to this
 * machine (for local testing). */
static bool
url_secure(const char *url)
{
    static const char *const local[] = {"localhost", "127.0.0.1", "[::1]"};
    if (strncasecmp(url, "https://", 8) == 0)
        return url[8] && url[8] != '/';
    if (strncasecmp(url, "http://", 7) != 0)
        return false;
    const char *host = url + 7;
    size_t hlen = strcspn(host, ":/?#");
    if (host[0] == '[')
        hlen = strcspn(host, "]") + 1;
    for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++)
        if (strlen(local[i]) == hlen && strncasecmp(host, local[i], hlen) == 0)
            return true;
    return false;
}

static bool
env_name_ok(const char *s)
{
    if (*s < 'A' || *s > 'Z')
        return false;
    for (s++; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

enum { F_URL, F_FORMAT, F_SECRET_ENV, F__COUNT };
static const char *const forward_keys[F__COUNT] = {
    "url", "format", "secret_env",
};

/* Reads one forward entry into @p f. @returns false when unusable. */
static bool
read_forward(struct fb_compiler *c, const struct fb_node *n,
             struct fb_forward *f)
{
    if (!fb_model_mapping(c, n, "each entry of 'forward'"))
        return false;
    const struct fb_keyset ks = {"a forward entry", forward_keys, F__COUNT};
    const struct fb_node *keys[F__COUNT], *vals[F__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, keys, vals,
                                       forward_unknown);
    memset(f, 0, sizeof(*f));
    f->loc = n->loc;
    f->format = "json";

    bool ok = fb_model_need(c, n, vals[F_URL], "a forward entry", "url",
                            sugg, F_URL);
    if (vals[F_URL] && (f->url = fb_model_string(c, vals[F_URL], "url"))) {
        if (url_has_secret(f->url)) {
            fb_diag(c, FB_ERROR, &vals[F_URL]->loc, "literal-secret", "%s",
                    secret_msg);
            ok = false;
        } else if (!url_secure(f->url)) {
            fb_diag(c, FB_ERROR, &vals[F_URL]->loc, "insecure-url",
                    "'url' must start with https:// (http:// only for "
                    "localhost or 127.0.0.1), not '%.60s'", f->url);
            ok = false;
        }
    }
    if (vals[F_FORMAT] &&
        (f->format = fb_model_string(c, vals[F_FORMAT], "format"))) {
        if (strcmp(f->format, "json") != 0 &&
            strcmp(f->format, "xml") != 0) {
            fb_diag(c, FB_ERROR, &vals[F_FORMAT]->loc, "wrong-value",
                    "'format' must be json or xml, not '%.40s'", f->format);
            ok = false;
        }
    }
    if (vals[F_SECRET_ENV] &&
        (f->secret_env = fb_model_string(c, vals[F_SECRET_ENV],
                                         "secret_env"))) {
        if (!env_name_ok(f->secret_env)) {
            fb_diag(c, FB_ERROR, &vals[F_SECRET_ENV]->loc, "wrong-value",
                    "'secret_env' names an environment variable: upper-case "
                    "letters, digits and _, starting with a letter, such as "
                    "STREETLIGHT_SECRET; not '%.40s'", f->secret_env);
            ok = false;
        }
    }
    return ok && f->url;
}

static bool
reference_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > MAX_REFERENCE)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

enum { S_REFERENCE, S_FORWARD, S__COUNT };
static const char *const submit_keys[S__COUNT] = {"reference", "forward"};

/* Reads `submit` into @p form (arena strings); reports and skips bad
 * forward entries. */
void
fb_model_submit(struct fb_compiler *c, struct fb_form *form,
                const struct fb_node *submit)
{
    if (!fb_model_mapping(c, submit, "'submit'"))
        return;
    const struct fb_keyset ks = {"'submit'", submit_keys, S__COUNT};
    const struct fb_node *keys[S__COUNT], *vals[S__COUNT];
    fb_model_keys(c, submit, &ks, keys, vals, forward_unknown);

    const struct fb_node *ref = vals[S_REFERENCE];
    if (ref && (form->reference_prefix =
                    fb_model_string(c, ref, "reference")) &&
        !reference_ok(form->reference_prefix)) {
        fb_diag(c, FB_ERROR, &ref->loc, "wrong-value",
                "'reference' is a prefix of 1 to %d upper-case letters or "
                "digits, such as SL; not '%.40s'", MAX_REFERENCE,
                form->reference_prefix);
        form->reference_prefix = NULL;
    }

    const struct fb_node *fw = vals[S_FORWARD];
    if (!fw || fb_model_is_null(fw) || !fb_model_list(c, fw, "'forward'"))
        return;
    size_t size = (fw->n_items + 1) * sizeof(*form->forwards);
    form->forwards = fb_arena_alloc(&c->arena, size);
    for (size_t i = 0; i < fw->n_items; i++)
        if (read_forward(c, fw->items[i], &form->forwards[form->n_forwards]))
            form->n_forwards++;
}

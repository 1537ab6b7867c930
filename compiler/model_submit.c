/* SPDX-License-Identifier: MIT */
/*
 * The `submit` section: the reference prefix, the targets submissions are
 * delivered to (a back-office API, a staff email, a file) and the
 * resident's confirmation email. Form files are shared and committed, so a
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

/* @returns true when @p url is https://HOST..., http:// to this machine
 * (for local testing), or any http:// URL when @p allow_http. */
static bool
url_secure(const char *url, bool allow_http)
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
    if (allow_http)
        return hlen > 0;
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

/* Reads an environment variable's name from @p n (key @p key). */
const char *
fb_model_env_name(struct fb_compiler *c, const struct fb_node *n,
                  const char *key)
{
    const char *name = fb_model_string(c, n, key);
    if (name && !env_name_ok(name)) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'%s' names an environment variable: upper-case letters, "
                "digits and _, starting with a letter, such as "
                "STREETLIGHT_SECRET; not '%.40s'", key, name);
        return NULL;
    }
    return name;
}

/* A header name: an HTTP token, and none the outbox sets itself. */
static bool
header_name_ok(struct fb_compiler *c, const struct fb_node *key)
{
    static const char *const reserved[] = {
        "content-type", "content-length", "host", "idempotency-key",
        "formbuilder-signature", "transfer-encoding", "connection",
    };
    const char *s = key->value;
    if (!*s || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                         "0123456789-") != strlen(s)) {
        fb_diag(c, FB_ERROR, &key->loc, "wrong-value",
                "a header name is letters, digits and -, such as X-Api-Key; "
                "not '%.40s'", s);
        return false;
    }
    for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
        if (strcasecmp(s, reserved[i]) == 0) {
            fb_diag(c, FB_ERROR, &key->loc, "wrong-value",
                    "the header '%s' is set by the outbox itself "
                    "(docs/delivery.md); remove it", s);
            return false;
        }
    return true;
}

static const char *const env_keys[] = {"env"};

/* Reads `headers: {NAME: {env: VAR}}` into @p f. @returns false when
 * any header is unusable. */
static bool
read_headers(struct fb_compiler *c, const struct fb_node *n,
             struct fb_forward *f)
{
    if (!fb_model_mapping(c, n, "'headers'"))
        return false;
    f->headers = fb_arena_alloc(&c->arena,
                                (n->n_pairs + 1) * sizeof *f->headers);
    bool ok = true;
    for (size_t i = 0; i < n->n_pairs; i++) {
        const struct fb_pair *pair = &n->pairs[i];
        if (!header_name_ok(c, pair->key)) {
            ok = false;
            continue;
        }
        if (pair->value->kind != FB_NODE_MAPPING) {
            fb_diag(c, FB_ERROR, &pair->value->loc, "literal-secret",
                    "a header's value comes from the environment, never the "
                    "form file: write %s: {env: NAME}", pair->key->value);
            ok = false;
            continue;
        }
        const struct fb_keyset ks = {"a header", env_keys, 1};
        const struct fb_node *keys[1], *vals[1];
        unsigned long sugg = fb_model_keys(c, pair->value, &ks, keys, vals,
                                           NULL);
        const char *env = NULL;
        if (fb_model_need(c, pair->value, vals[0], "a header", "env", sugg,
                          0))
            env = fb_model_env_name(c, vals[0], "env");
        if (!env) {
            ok = false;
            continue;
        }
        f->headers[f->n_headers++] = (struct fb_header_desc){
            pair->key->value, env};
    }
    return ok;
}

/* `via: smtp|notify` into *out. */
static bool
read_via(struct fb_compiler *c, const struct fb_node *n,
         enum fb_email_via *out)
{
    const char *via = fb_model_string(c, n, "via");
    if (!via)
        return false;
    if (strcmp(via, "smtp") == 0)
        *out = FB_VIA_SMTP;
    else if (strcmp(via, "notify") == 0)
        *out = FB_VIA_NOTIFY;
    else {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'via' must be smtp or notify, not '%.40s'", via);
        return false;
    }
    return true;
}

/* A GOV.UK Notify template id: a UUID, 8-4-4-4-12 hex digits. */
static bool
uuid_ok(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    }
    return true;
}

/* Reads `via` and `template` (given as @p via_n, @p template_n, either
 * NULL) of an email sent @p where. The template names a Notify template
 * and belongs with via: notify alone. */
bool
fb_model_email_via(struct fb_compiler *c, const struct fb_node *map,
               const struct fb_node *via_n, const struct fb_node *template_n,
               const char *where, enum fb_email_via *out_via,
               const char **out_template)
{
    *out_via = FB_VIA_SMTP;
    *out_template = NULL;
    if (via_n && !read_via(c, via_n, out_via))
        return false;
    if (*out_via == FB_VIA_NOTIFY) {
        if (!template_n) {
            fb_diag(c, FB_ERROR, &map->loc, "missing-key",
                    "%s sent with via: notify needs 'template', the id of "
                    "its GOV.UK Notify template", where);
            return false;
        }
        const char *t = fb_model_string(c, template_n, "template");
        if (t && !uuid_ok(t)) {
            fb_diag(c, FB_ERROR, &template_n->loc, "wrong-value",
                    "'template' is a GOV.UK Notify template id, such as "
                    "f33517ff-2a88-4f6e-b855-c550268ce08a; not '%.40s'", t);
            return false;
        }
        *out_template = t;
        return t != NULL;
    }
    if (template_n) {
        fb_diag(c, FB_ERROR, &template_n->loc, "key-not-for-target",
                "'template' names a GOV.UK Notify template, so it needs "
                "via: notify; with smtp the email is written from the "
                "answers");
        return false;
    }
    return true;
}

/* An address: one @, something either side, a dot in the domain, no
 * spaces. The relay or Notify does the rest. */
static bool
email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at != s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
           at[1] != '.' && s[strlen(s) - 1] != '.' && strlen(s) <= 254 &&
           !strpbrk(s, " \t\r\n<>,;\"");
}

enum {
    F_URL, F_FORMAT, F_SECRET_ENV, F_HEADERS, F_ALLOW_HTTP, F_FILES,
    F_EMAIL, F_VIA, F_TEMPLATE, F_FILE, F__COUNT
};
static const char *const forward_keys[F__COUNT] = {
    "url", "format", "secret_env", "headers", "allow_http", "files",
    "email", "via", "template", "file",
};
/* Which keys each kind of target takes, as masks of the keys above. */
#define BIT(k) (1u << (k))
static const unsigned kind_keys[] = {
    [FB_TARGET_HTTP] = BIT(F_URL) | BIT(F_FORMAT) | BIT(F_SECRET_ENV) |
                       BIT(F_HEADERS) | BIT(F_ALLOW_HTTP) | BIT(F_FILES),
    [FB_TARGET_EMAIL] = BIT(F_EMAIL) | BIT(F_VIA) | BIT(F_TEMPLATE),
    [FB_TARGET_FILE] = BIT(F_FILE),
};
static const char *const kind_names[] = {
    [FB_TARGET_HTTP] = "a url target",
    [FB_TARGET_EMAIL] = "an email target",
    [FB_TARGET_FILE] = "a file target",
};

/* Decides the kind of entry @p n from which of url, email and file it
 * has. @returns false after reporting none or several. */
static bool
forward_kind(struct fb_compiler *c, const struct fb_node *n,
             const struct fb_node *const *vals, unsigned long sugg,
             enum fb_target_kind *out)
{
    static const int where[] = {F_URL, F_EMAIL, F_FILE};
    static const enum fb_target_kind kinds[] = {
        FB_TARGET_HTTP, FB_TARGET_EMAIL, FB_TARGET_FILE};
    int found = 0;
    for (int i = 0; i < 3; i++)
        if (vals[where[i]]) {
            if (found++) {
                fb_diag(c, FB_ERROR, &vals[where[i]]->loc, "forward-kind",
                        "a forward entry sends to one place: give 'url', "
                        "'email' or 'file', not two; write two entries");
                return false;
            }
            *out = kinds[i];
        }
    if (found)
        return true;
    if (!(sugg & (BIT(F_URL) | BIT(F_EMAIL) | BIT(F_FILE))))
        fb_diag(c, FB_ERROR, &n->loc, "missing-key",
                "a forward entry needs 'url' (a back-office API), 'email' "
                "(a staff address) or 'file' (a .jsonl file to append to)");
    return false;
}

static bool
read_http(struct fb_compiler *c, const struct fb_node *const *vals,
          struct fb_forward *f)
{
    bool ok = true;
    if (vals[F_ALLOW_HTTP]) {
        int b = fb_model_bool(c, vals[F_ALLOW_HTTP], "allow_http");
        f->allow_http = b == 1;
        ok = b >= 0;
    }
    if ((f->url = fb_model_string(c, vals[F_URL], "url"))) {
        if (url_has_secret(f->url)) {
            fb_diag(c, FB_ERROR, &vals[F_URL]->loc, "literal-secret", "%s",
                    secret_msg);
            ok = false;
        } else if (!url_secure(f->url, f->allow_http)) {
            fb_diag(c, FB_ERROR, &vals[F_URL]->loc, "insecure-url",
                    "'url' must start with https:// (http:// only for "
                    "localhost, 127.0.0.1 or [::1], or with allow_http: "
                    "true), not '%.60s'", f->url);
            ok = false;
        }
    } else {
        ok = false;
    }
    if (vals[F_FORMAT] &&
        (f->format = fb_model_string(c, vals[F_FORMAT], "format"))) {
        if (strcmp(f->format, "json") != 0 && strcmp(f->format, "xml") != 0) {
            fb_diag(c, FB_ERROR, &vals[F_FORMAT]->loc, "wrong-value",
                    "'format' must be json or xml, not '%.40s'", f->format);
            ok = false;
        }
    }
    const char *files;
    if (vals[F_FILES] && (files = fb_model_string(c, vals[F_FILES], "files"))) {
        f->files_loc = vals[F_FILES]->loc;
        if (strcmp(files, "multipart") == 0) {
            f->files = FB_FILES_MULTIPART;
        } else if (strcmp(files, "reference") != 0) {
            fb_diag(c, FB_ERROR, &vals[F_FILES]->loc, "wrong-value",
                    "'files' must be multipart (the bytes of each upload as "
                    "a part after the payload) or reference (the payload "
                    "names them), not '%.40s'", files);
            ok = false;
        }
    } else if (vals[F_FILES]) {
        ok = false;
    }
    if (vals[F_SECRET_ENV]) {
        f->secret_env = fb_model_env_name(c, vals[F_SECRET_ENV], "secret_env");
        ok = ok && f->secret_env;
    }
    if (vals[F_HEADERS] && !fb_model_is_null(vals[F_HEADERS]))
        ok = read_headers(c, vals[F_HEADERS], f) && ok;
    return ok;
}

static bool
read_email_target(struct fb_compiler *c, const struct fb_node *n,
                  const struct fb_node *const *vals, struct fb_forward *f)
{
    bool ok = true;
    if ((f->email = fb_model_string(c, vals[F_EMAIL], "email")) &&
        !email_ok(f->email)) {
        fb_diag(c, FB_ERROR, &vals[F_EMAIL]->loc, "wrong-value",
                "'email' is one address, such as streetlights@council.example; "
                "not '%.60s'", f->email);
        ok = false;
    }
    return fb_model_email_via(c, n, vals[F_VIA], vals[F_TEMPLATE],
                          "an email target", &f->via, &f->template_id) &&
           ok && f->email;
}

static bool
read_file_target(struct fb_compiler *c, const struct fb_node *const *vals,
                 struct fb_forward *f)
{
    if (!(f->file = fb_model_string(c, vals[F_FILE], "file")))
        return false;
    size_t n = strlen(f->file);
    if (f->file[0] != '/' || strstr(f->file, "/../") || n < 8 ||
        strcmp(f->file + n - 6, ".jsonl") != 0) {
        fb_diag(c, FB_ERROR, &vals[F_FILE]->loc, "wrong-value",
                "'file' is an absolute path ending .jsonl, such as "
                "/var/lib/formbuilder/drop/streetlights.jsonl; not '%.60s'",
                f->file);
        return false;
    }
    return true;
}

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
    if (!forward_kind(c, n, vals, sugg, &f->kind))
        return false;
    bool ok = true;
    for (int k = 0; k < F__COUNT; k++)
        if (vals[k] && !(kind_keys[f->kind] & BIT(k))) {
            fb_diag(c, FB_ERROR, &keys[k]->loc, "key-not-for-target",
                    "'%s' does not apply to %s; remove it", forward_keys[k],
                    kind_names[f->kind]);
            ok = false;
        }
    switch (f->kind) {
    case FB_TARGET_HTTP:
        return read_http(c, vals, f) && ok;
    case FB_TARGET_EMAIL:
        return read_email_target(c, n, vals, f) && ok;
    case FB_TARGET_FILE:
        return read_file_target(c, vals, f) && ok;
    }
    return false;
}

enum { C_TO, C_VIA, C_TEMPLATE, C__COUNT };
static const char *const confirmation_keys[C__COUNT] = {
    "to", "via", "template",
};

/* Reads `confirmation_email: {to: QUESTION, via: ..., template: ...}`;
 * check.c makes sure `to` names an email question. */
static void
read_confirmation_email(struct fb_compiler *c, struct fb_form *form,
                        const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'confirmation_email'"))
        return;
    const struct fb_keyset ks = {"'confirmation_email'", confirmation_keys,
                                 C__COUNT};
    const struct fb_node *keys[C__COUNT], *vals[C__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, keys, vals,
                                       forward_unknown);
    struct fb_confirmation_email ce = {0};
    bool ok = fb_model_email_via(c, n, vals[C_VIA], vals[C_TEMPLATE],
                             "'confirmation_email'", &ce.via,
                             &ce.template_id);
    if (!fb_model_need(c, n, vals[C_TO], "'confirmation_email'", "to", sugg,
                       C_TO) ||
        !(ce.to = fb_model_string(c, vals[C_TO], "to")) || !ok)
        return;
    ce.to_loc = vals[C_TO]->loc;
    form->confirmation_email = fb_arena_alloc(&c->arena, sizeof ce);
    *form->confirmation_email = ce;
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

enum { S_REFERENCE, S_FORWARD, S_CONFIRMATION_EMAIL, S_EVENTS_SECRET_ENV,
       S_EVENT_STATUSES, S__COUNT };
static const char *const submit_keys[S__COUNT] = {
    "reference", "forward", "confirmation_email", "events_secret_env",
    "event_statuses",
};

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

    if (vals[S_CONFIRMATION_EMAIL])
        read_confirmation_email(c, form, vals[S_CONFIRMATION_EMAIL]);
    fb_model_events(c, form, vals[S_EVENTS_SECRET_ENV],
                    vals[S_EVENT_STATUSES]);
    const struct fb_node *fw = vals[S_FORWARD];
    if (!fw || fb_model_is_null(fw) || !fb_model_list(c, fw, "'forward'"))
        return;
    size_t size = (fw->n_items + 1) * sizeof(*form->forwards);
    form->forwards = fb_arena_alloc(&c->arena, size);
    for (size_t i = 0; i < fw->n_items; i++)
        if (read_forward(c, fw->items[i], &form->forwards[form->n_forwards]))
            form->n_forwards++;
}

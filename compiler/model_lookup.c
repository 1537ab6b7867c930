/* SPDX-License-Identifier: MIT */
/*
 * `lookup:` on a question that is not an address: its answer (a council
 * tax account number, a street light's number) is checked against a
 * council's HTTP endpoint, named by `provider` and configured in the
 * server (docs/integrations.md), with the author's `message` for an
 * answer the endpoint does not know and a `fill` of later answers from
 * its reply. The checks (check_lookup.c) place it and resolve `fill`.
 */
#include "model_priv.h"

#include <string.h>

/* The provider becomes the environment's FORMBUILDER_LOOKUP_<NAME>_URL. */
#define MAX_PROVIDER 40
#define MAX_FIELD 64

bool
fb_model_one_value_type(enum fb_qtype t)
{
    const struct fb_qtype_info *info = fb_qtype(t);
    return info && info->n_parts == 0 && !info->is_list &&
           !info->has_options && !info->always_required &&
           info->stored != FB_STORED_BOOLEAN &&
           info->stored != FB_STORED_FILES;
}

static bool
provider_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > MAX_PROVIDER)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-'))
            return false;
    return true;
}

/* @returns @p s in lower case with '_' and ' ' as '-' when that is a
 * provider's name and differs from @p s, else NULL. */
static const char *
provider_suggestion(struct fb_compiler *c, const char *s)
{
    char *out = fb_arena_strdup(&c->arena, s);
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
        else if (*p == '_' || *p == ' ')
            *p = '-';
    return provider_ok(out) && strcmp(out, s) != 0 ? out : NULL;
}

static const char *
read_provider(struct fb_compiler *c, const struct fb_node *n)
{
    const char *s = fb_model_string(c, n, "provider");
    if (!s || provider_ok(s))
        return s;
    const char *fix = provider_suggestion(c, s);
    fb_diag(c, FB_ERROR, &n->loc, "lookup-bad-provider",
            "'provider' names the endpoint as the server's configuration "
            "does (FORMBUILDER_LOOKUP_NAME_URL): 1 to %d lower-case "
            "letters, digits and '-', such as council-tax; not '%.40s'%s%s%s",
            MAX_PROVIDER, s, fix ? "; did you mean '" : "", fix ? fix : "",
            fix ? "'?" : "");
    return NULL;
}

static void
read_fill(struct fb_compiler *c, struct fb_lookup *l,
          const struct fb_node *n)
{
    if (fb_model_is_null(n) || !fb_model_mapping(c, n, "'fill'"))
        return;
    l->fill = fb_arena_alloc(&c->arena, (n->n_pairs + 1) * sizeof *l->fill);
    for (size_t i = 0; i < n->n_pairs; i++) {
        const struct fb_node *k = n->pairs[i].key, *v = n->pairs[i].value;
        const char *field = k->value;
        if (!field || !fb_model_is_snake(field) ||
            strlen(field) > MAX_FIELD) {
            fb_diag(c, FB_ERROR, &k->loc, "lookup-bad-field",
                    "'%.40s' cannot be a field of the endpoint's reply: "
                    "'fill' maps reply fields, lower-case letters, digits "
                    "and _ starting with a letter (at most %d), to question "
                    "ids, such as {address: property_address}",
                    field ? field : "", MAX_FIELD);
            continue;
        }
        const char *id = fb_model_string(c, v, "fill");
        if (!id)
            continue;
        struct fb_lookup_fill_ref *f = &l->fill[l->n_fill++];
        f->field = field;
        f->field_loc = k->loc;
        f->id = id;
        f->id_loc = v->loc;
    }
}

enum { L_PROVIDER, L_MESSAGE, L_FILL, L__COUNT };
static const char *const lookup_keys[L__COUNT] = {
    "provider", "message", "fill",
};

/* Reads the lookup mapping; see model_priv.h. */
void
fb_model_lookup(struct fb_compiler *c, struct fb_question *q,
                const struct fb_node *key, const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'lookup'"))
        return;
    struct fb_lookup *l = fb_arena_alloc(&c->arena, sizeof *l);
    l->loc = n->loc;
    l->key_loc = key->loc;
    const struct fb_keyset ks = {"'lookup'", lookup_keys, L__COUNT};
    const struct fb_node *k[L__COUNT], *v[L__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    fb_model_need(c, n, v[L_PROVIDER], "'lookup'", "provider", sugg,
                  L_PROVIDER);
    fb_model_need(c, n, v[L_MESSAGE], "'lookup'", "message", sugg,
                  L_MESSAGE);
    if (v[L_PROVIDER])
        l->provider = read_provider(c, v[L_PROVIDER]);
    if (v[L_MESSAGE])
        fb_model_text(c, v[L_MESSAGE], "message", &l->message);
    if (v[L_FILL])
        read_fill(c, l, v[L_FILL]);
    q->lookup = l;
}

/* SPDX-License-Identifier: MIT */
/*
 * The model pass: walks the loaded node tree and builds the typed form
 * model (model.h) in the compiler's arena. It knows which keys are valid
 * where and what type each value has, reports every problem it finds and
 * carries on; cross-references between questions are left to check.c.
 */
#include "model_priv.h"

#include <stdlib.h>
#include <string.h>

#include "find_shared.h"
#include "formbuilder/qtype.h"
#include "formbuilder/routes.h"
#include "lang.h"

#define MAX_SLUG_LEN 64
#define MAX_OPTION_LEN 100
#define MAX_RETENTION_DAYS 3650

/* ---- questions -------------------------------------------------------- */

enum { O_VALUE, O_LABEL, O_HINT, O_REVEAL, O__COUNT };
static const char *const option_keys[O__COUNT] = {
    "value", "label", "hint", "reveal",
};

/* Checks an option value (already known not to be empty): no white space
 * at either end, as the runtime's readers define it (they trim a typed
 * answer before matching it to a value, and take a blank one for none),
 * and at most MAX_OPTION_LEN characters. */
static bool
option_value_ok(struct fb_compiler *c, const struct fb_node *n,
                const char *v)
{
    size_t len = strlen(v), chars = fb_utf8_count(v, len);
    if (!fb_utf8_trimmed(v, len))
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "option value '%.40s' must not start or end with a space",
                v);
    else if (chars > MAX_OPTION_LEN)
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "option value '%.40s...' is longer than %d characters; "
                "keep values short and stable, e.g. 'damaged'", v,
                MAX_OPTION_LEN);
    else
        return true;
    return false;
}

static void
read_reveal(struct fb_compiler *c, const struct fb_node *n,
            struct fb_option *o)
{
    if (fb_model_is_null(n))
        return;
    if (n->kind != FB_NODE_SEQUENCE) {
        fb_model_wrong_type(c, n, "'reveal'",
                            "a list of question ids, such as [details]");
        return;
    }
    o->reveal = fb_arena_alloc(&c->arena, (n->n_items + 1) *
                                              sizeof(*o->reveal));
    o->reveal_locs = fb_arena_alloc(&c->arena, (n->n_items + 1) *
                                                   sizeof(*o->reveal_locs));
    for (size_t i = 0; i < n->n_items; i++) {
        const char *id = fb_model_string(c, n->items[i], "reveal");
        if (!id)
            continue;
        o->reveal[o->n_reveal] = id;
        o->reveal_locs[o->n_reveal++] = n->items[i]->loc;
    }
}

/* Reads option @p n into @p o; @p out_value_loc gets where its value is.
 * @returns false when it has no usable value. */
static bool
read_option(struct fb_compiler *c, const struct fb_node *n,
            struct fb_option *o, struct fb_loc *out_value_loc)
{
    memset(o, 0, sizeof(*o));
    o->loc = n->loc;
    *out_value_loc = n->loc;
    if (n->kind == FB_NODE_SCALAR) {
        o->value = fb_model_string(c, n, "option");
        if (!o->value || !option_value_ok(c, n, o->value))
            return false;
        o->label.lang[FB_LANG_EN] = o->value;
        o->label.loc = n->loc;
        return true;
    }
    if (n->kind != FB_NODE_MAPPING) {
        fb_model_wrong_type(c, n, "each option",
                            "{value: ..., label: ...} or text");
        return false;
    }
    const struct fb_keyset ks = {"an option", option_keys, O__COUNT};
    const struct fb_node *keys[O__COUNT], *vals[O__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, keys, vals, NULL);
    fb_model_need(c, n, vals[O_VALUE], "an option", "value", sugg, O_VALUE);
    fb_model_need(c, n, vals[O_LABEL], "an option", "label", sugg, O_LABEL);
    if (vals[O_LABEL])
        fb_model_text(c, vals[O_LABEL], "label", &o->label);
    if (vals[O_HINT])
        fb_model_text(c, vals[O_HINT], "hint", &o->hint);
    if (vals[O_REVEAL])
        read_reveal(c, vals[O_REVEAL], o);
    if (!vals[O_VALUE])
        return false;
    *out_value_loc = vals[O_VALUE]->loc;
    o->value = fb_model_string(c, vals[O_VALUE], "value");
    return o->value && option_value_ok(c, vals[O_VALUE], o->value);
}

/* An option with where its value was written, for sorting. */
struct option_ref {
    struct fb_option *option;
    struct fb_loc value_loc;
    size_t index;
};

static int
compare_option_refs(const void *pa, const void *pb)
{
    const struct option_ref *a = pa, *b = pb;
    int r = strcmp(a->option->value, b->option->value);
    if (r)
        return r;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Reports and drops options whose value an earlier option has. Sorting
 * keeps this fast for long lists (a select of every country). */
static void
drop_duplicate_options(struct fb_compiler *c, struct fb_question *q,
                       struct fb_loc *locs)
{
    struct option_ref *refs = fb_arena_alloc(&c->arena, (q->n_options + 1) *
                                                            sizeof(*refs));
    for (size_t i = 0; i < q->n_options; i++)
        refs[i] = (struct option_ref){&q->options[i], locs[i], i};
    qsort(refs, q->n_options, sizeof(*refs), compare_option_refs);
    /* first_line[i]: where option i's value was first used, or 0. */
    unsigned *first_line = fb_arena_alloc(&c->arena, (q->n_options + 1) *
                                                         sizeof(*first_line));
    size_t first = 0;          /* the run of equal values starts here */
    for (size_t i = 1; i < q->n_options; i++) {
        if (strcmp(refs[i].option->value, refs[first].option->value) != 0)
            first = i;
        else
            first_line[refs[i].index] = refs[first].value_loc.line;
    }
    size_t kept = 0;
    for (size_t i = 0; i < q->n_options; i++) {
        if (!first_line[i]) {
            q->options[kept++] = q->options[i];
            continue;
        }
        fb_diag(c, FB_ERROR, &locs[i], "duplicate-option",
                "option value '%s' is used twice in this question (first "
                "on line %u); each option needs its own value",
                q->options[i].value, first_line[i]);
    }
    q->n_options = kept;
}

/* Reads an options list into q->options; see model_priv.h. */
void
fb_model_options(struct fb_compiler *c, struct fb_question *q,
                 const struct fb_node *n)
{
    if (fb_model_is_null(n) || !fb_model_list(c, n, "'options'"))
        return;
    q->options = fb_arena_alloc(&c->arena, (n->n_items + 1) *
                                               sizeof(*q->options));
    struct fb_loc *locs = fb_arena_alloc(&c->arena, (n->n_items + 1) *
                                                        sizeof(*locs));
    for (size_t i = 0; i < n->n_items; i++)
        if (read_option(c, n->items[i], &q->options[q->n_options],
                        &locs[q->n_options]))
            q->n_options++;
    drop_duplicate_options(c, q, locs);
}

/* Which types a message lists, by the type table. */
enum type_set { ALL_TYPES, OPTION_TYPES, ONE_VALUE_TYPES };

/* @returns the types of the type table in @p set (bit per type): all of
 * them, those whose options the author writes, or those of one typed
 * answer (fb_model_one_value_type()). */
static unsigned
types_where(enum type_set set)
{
    unsigned mask = 0;
    for (int t = 0; t < FB_Q__COUNT; t++) {
        const struct fb_qtype_info *info = fb_qtype((enum fb_qtype)t);
        bool in = info && (set == ALL_TYPES ||
                           (set == OPTION_TYPES && info->has_options) ||
                           (set == ONE_VALUE_TYPES &&
                            fb_model_one_value_type((enum fb_qtype)t)));
        if (in)
            mask |= 1u << t;
    }
    return mask;
}

/* Reports key @p key written on a question whose type does not take it:
 * @p for_types says which types do ("name questions"). */
static void
not_applicable(struct fb_compiler *c, const struct fb_question *q,
               const struct fb_node *key, const char *for_types)
{
    const char *type = fb_qtype_name(q->type);
    fb_diag(c, FB_ERROR, &key->loc, "key-not-applicable",
            "'%s' does not apply to %s %s question; it is for %s",
            key->value, fb_article(type), type, for_types);
}

/* An autocomplete answer is picked from a datalist or a select, neither of
 * which can show an option's hint. (A reveal is the checks' business.) */
static void
no_option_hints(struct fb_compiler *c, const struct fb_question *q)
{
    for (size_t i = 0; i < q->n_options; i++)
        if (q->options[i].hint.lang[FB_LANG_EN])
            fb_diag(c, FB_ERROR, &q->options[i].hint.loc,
                    "key-not-applicable",
                    "an option of an autocomplete question cannot have a "
                    "'hint': the list it is chosen from has no room for "
                    "one; remove it, or use radios");
}

/* Options are read only where they belong; choice types must have some:
 * written as `options`, or for autocomplete also as `list: NAME`, a
 * shared list (model_list.c), but not both. */
static void
question_options(struct fb_compiler *c, struct fb_question *q,
                 const struct fb_node *key, const struct fb_node *val,
                 const struct fb_node *list_key,
                 const struct fb_node *list_val,
                 const struct fb_node *type_val)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    bool choice = info && info->has_options;
    if (list_key && q->type < FB_Q__COUNT && q->type != FB_Q_AUTOCOMPLETE) {
        not_applicable(c, q, list_key, "autocomplete questions, instead "
                                       "of 'options'");
        list_key = NULL;
    }
    if (list_key && key) {
        fb_diag(c, FB_ERROR, &list_key->loc, "list-and-options",
                "an autocomplete question takes its options from 'options' "
                "or from 'list', not both; remove one of them");
        list_key = NULL;
    }
    if (list_key) {
        q->has_options = true;
        q->options_loc = list_key->loc;
        if (q->type == FB_Q_AUTOCOMPLETE)
            fb_model_shared_list(c, q, list_val);
        return;
    }
    if (key) {
        q->has_options = true;
        q->options_loc = key->loc;
        if (q->type == FB_Q_YES_NO) {
            fb_diag(c, FB_ERROR, &key->loc, "options-not-allowed",
                    "a yes_no question has fixed options (yes and no); "
                    "remove 'options', or use radios for other answers");
            return;
        }
        if (q->type < FB_Q__COUNT && !choice) {
            fb_diag(c, FB_ERROR, &key->loc, "options-not-allowed",
                    "options do not apply to a %s question; only %s have "
                    "options", fb_qtype_name(q->type),
                    fb_model_type_list(c, types_where(OPTION_TYPES)));
            return;
        }
        fb_model_options(c, q, val);
        if (q->type == FB_Q_AUTOCOMPLETE)
            no_option_hints(c, q);
    }
    if (!choice)
        return;
    const char *type = fb_qtype_name(q->type);
    if (!key && q->type == FB_Q_AUTOCOMPLETE)
        fb_diag(c, FB_ERROR, &type_val->loc, "no-options",
                "an autocomplete question needs 'options' (a list of "
                "{value, label}) or 'list' (the name of a shared list, "
                "forms/lists/NAME.yaml)");
    else if (!key)
        fb_diag(c, FB_ERROR, &type_val->loc, "no-options",
                "%s %s question needs 'options': a list of {value, label}",
                fb_article(type), type);
    else if (val->kind != FB_NODE_SEQUENCE ? fb_model_is_null(val)
                                           : val->n_items == 0)
        fb_diag(c, FB_ERROR, &val->loc, "no-options",
                "%s %s question needs at least one option", fb_article(type),
                type);
}

/* Parts of a name a resident may be asked for, as the type table names
 * them, and words authors may write for them. */
static const struct {
    const char *word;
    const char *part;
} part_words[] = {
    {"first", "given"}, {"forename", "given"}, {"forenames", "given"},
    {"first_name", "given"}, {"given_name", "given"}, {"last", "family"},
    {"surname", "family"}, {"last_name", "family"},
    {"family_name", "family"}, {"honorific", "title"},
};

/* Reads `parts: [title, given, family]` of a name into q->parts: bit i is
 * part i of the type table's row, so the FB_NAME_* bits. */
static void
question_parts(struct fb_compiler *c, struct fb_question *q,
               const struct fb_node *key, const struct fb_node *n)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    if (!info)
        return;
    if (!info->parts_chosen) {
        not_applicable(c, q, key, "name questions, to ask for a name in "
                                  "parts");
        return;
    }
    if (!fb_model_list(c, n, "'parts'"))
        return;
    const char *names[8];
    size_t n_names = info->n_parts < 8 ? info->n_parts : 8;
    for (size_t i = 0; i < n_names; i++)
        names[i] = info->parts[i].suffix;
    unsigned parts = 0, needed = FB_NAME_GIVEN | FB_NAME_FAMILY;
    bool ok = true;
    for (size_t k = 0; k < n->n_items; k++) {
        const char *s = fb_model_string(c, n->items[k], "parts");
        size_t i = 0;
        if (!s) {
            ok = false;
            continue;
        }
        while (i < n_names && strcmp(s, names[i]) != 0)
            i++;
        if (i == n_names) {
            const char *near = fb_closest(s, names, n_names);
            for (size_t w = 0; !near && w < sizeof(part_words) /
                                                sizeof(part_words[0]); w++)
                if (strcmp(s, part_words[w].word) == 0)
                    near = part_words[w].part;
            fb_diag(c, FB_ERROR, &n->items[k]->loc, "bad-parts",
                    "'%s' is not a part of a name (the parts are title, "
                    "given and family)%s%s%s", s,
                    near ? "; did you mean '" : "", near ? near : "",
                    near ? "'?" : "");
            ok = false;
        } else if (parts & (1u << i)) {
            fb_diag(c, FB_ERROR, &n->items[k]->loc, "bad-parts",
                    "'%s' is listed twice in 'parts'; list each part once",
                    s);
            ok = false;
        } else {
            parts |= 1u << i;
        }
    }
    if (ok && (parts & needed) != needed)
        fb_diag(c, FB_ERROR, &n->loc, "bad-parts",
                "'parts' must include given and family: a name in parts "
                "always asks for both; write [given, family] or [title, "
                "given, family]");
    q->parts = parts | needed;
}

/* Reads `display: datalist|select` of an autocomplete question. */
static void
question_display(struct fb_compiler *c, struct fb_question *q,
                 const struct fb_node *key, const struct fb_node *n)
{
    if (q->type >= FB_Q__COUNT)
        return;
    if (q->type != FB_Q_AUTOCOMPLETE) {
        not_applicable(c, q, key, "autocomplete questions");
        return;
    }
    const char *s = fb_model_string(c, n, "display");
    if (!s)
        return;
    static const char *const displays[] = {"datalist", "select"};
    if (strcmp(s, "select") == 0) {
        q->display_select = true;
    } else if (strcmp(s, "datalist") != 0) {
        const char *near = fb_closest(s, displays, 2);
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'display' must be datalist (a text input that suggests the "
                "options as the resident types) or select (a drop-down "
                "list), not '%.40s'%s%s%s", s, near ? "; did you mean '" : "",
                near ? near : "", near ? "'?" : "");
    }
}

/* Reads `lookup: os-places` of an address question: the provider that
 * finds it by postcode. Where the provider is and its key are the
 * server's configuration, never the form's (docs/integrations.md). */
static void
address_lookup(struct fb_compiler *c, struct fb_question *q,
               const struct fb_node *n)
{
    const char *s = fb_model_string(c, n, "lookup");
    if (!s)
        return;
    static const char *const providers[] = {"os-places"};
    if (strcmp(s, providers[0]) == 0) {
        q->address_lookup = providers[0];
        return;
    }
    const char *near = fb_closest(s, providers, 1);
    fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
            "'lookup' of an address names the provider that finds it by "
            "postcode: os-places (Ordnance Survey's OS Places API), not "
            "'%.40s'%s%s%s", s, near ? "; did you mean '" : "",
            near ? near : "", near ? "'?" : "");
}

/* Reads `lookup:`: on an address the provider that finds it by postcode
 * (a name), on a one-value question the endpoint its answer is checked
 * against (a mapping, model_lookup.c); no other type takes it. */
static void
question_lookup(struct fb_compiler *c, struct fb_question *q,
                const struct fb_node *key, const struct fb_node *n)
{
    if (q->type >= FB_Q__COUNT)
        return;
    bool one = fb_model_one_value_type(q->type);
    if (q->type != FB_Q_ADDRESS && !one) {
        not_applicable(c, q, key, fb_arena_printf(
            &c->arena, "address questions, to find the address by postcode "
            "(lookup: os-places), and for questions of one typed answer "
            "checked against a council's records: %s",
            fb_model_type_list(c, types_where(ONE_VALUE_TYPES))));
        return;
    }
    if (q->type == FB_Q_ADDRESS && n->kind == FB_NODE_MAPPING) {
        fb_diag(c, FB_ERROR, &n->loc, "lookup-wrong-form",
                "an address takes 'lookup: os-places', the provider that "
                "finds it by postcode; {provider, message} checks the "
                "answer to another type of question against a council's "
                "endpoint");
        return;
    }
    if (q->type == FB_Q_ADDRESS) {
        address_lookup(c, q, n);
        return;
    }
    if (n->kind == FB_NODE_SCALAR && !fb_model_is_null(n)) {
        fb_diag(c, FB_ERROR, &n->loc, "lookup-wrong-form",
                "'lookup' of %s %s question is a mapping: the endpoint its "
                "answer is checked against and what to say when the answer "
                "is not found there, {provider: NAME, message: ...}; a name "
                "alone ('lookup: %.40s') is for address questions",
                fb_article(fb_qtype_name(q->type)), fb_qtype_name(q->type),
                n->value);
        return;
    }
    fb_model_lookup(c, q, key, n);
}

static void
question_type(struct fb_compiler *c, struct fb_question *q,
              const struct fb_node *n)
{
    q->type_loc = n->loc;
    const char *name = fb_model_string(c, n, "type");
    if (!name)
        return;
    q->type = fb_qtype_from_name(name);
    if (q->type < FB_Q__COUNT)
        return;
    /* The types are the rows of the type table. */
    const char *names[FB_Q__COUNT];
    size_t n_names = 0;
    for (int t = 0; t < FB_Q__COUNT; t++)
        if (fb_qtype((enum fb_qtype)t))
            names[n_names++] = fb_qtype_name((enum fb_qtype)t);
    const char *near = fb_closest(name, names, n_names);
    if (near)
        fb_diag(c, FB_ERROR, &n->loc, "unknown-type",
                "unknown question type '%s'; did you mean '%s'?", name, near);
    else
        fb_diag(c, FB_ERROR, &n->loc, "unknown-type",
                "unknown question type '%s'; the types are %s", name,
                fb_model_type_list(c, types_where(ALL_TYPES)));
}

static void
question_autocomplete(struct fb_compiler *c, struct fb_question *q,
                      const struct fb_node *n)
{
    q->autocomplete_written = n != NULL;
    const char *token = fb_model_string(c, n, "autocomplete");
    if (!token)
        return;
    const char *near;
    if (fb_model_autocomplete_ok(token, &near)) {
        q->autocomplete = token;
        return;
    }
    if (near)
        fb_diag(c, FB_ERROR, &n->loc, "bad-autocomplete",
                "'%s' is not an HTML autocomplete value; did you mean "
                "'%s'?", token, near);
    else
        fb_diag(c, FB_ERROR, &n->loc, "bad-autocomplete",
                "'%s' is not an HTML autocomplete value; use a field name "
                "such as name, given-name, email, tel, street-address or "
                "postal-code, or off", token);
}

static struct fb_cond *
read_when(struct fb_compiler *c, const struct fb_node *n)
{
    const char *text = fb_model_string(c, n, "when");
    return text ? fb_cond_parse(c, text, &n->loc, !n->plain) : NULL;
}

enum {
    Q_ID, Q_TYPE, Q_LABEL, Q_HINT, Q_WHEN, Q_REQUIRED, Q_VALIDATE,
    Q_OPTIONS, Q_AUTOCOMPLETE, Q_SUMMARY_LABEL, Q_PARTS, Q_LIST, Q_DISPLAY,
    Q_ACCEPT, Q_MAX_SIZE, Q_MAX_FILES,
    Q_LOOKUP,
    Q__COUNT
};
static const char *const question_keys[Q__COUNT] = {
    "id", "type", "label", "hint", "when", "required", "validate",
    "options", "autocomplete", "summary_label", "parts", "list", "display",
    "accept", "max_size", "max_files",
    "lookup",
};

/* Reads question @p n. @returns it, or NULL when it has no usable id
 * (after reporting everything else wrong with it). */
static struct fb_question *
read_question(struct fb_compiler *c, const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "each question"))
        return NULL;
    const struct fb_keyset ks = {"a question", question_keys, Q__COUNT};
    const struct fb_node *k[Q__COUNT], *v[Q__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    struct fb_question *q = fb_arena_alloc(&c->arena, sizeof(*q));
    q->loc = n->loc;
    q->type = FB_Q__COUNT;

    for (unsigned i = Q_ID; i <= Q_LABEL; i++)
        fb_model_need(c, n, v[i], "a question", question_keys[i], sugg, i);
    if (v[Q_ID]) {
        q->id_loc = v[Q_ID]->loc;
        q->id = fb_model_id(c, v[Q_ID], "question");
    }
    if (v[Q_TYPE])
        question_type(c, q, v[Q_TYPE]);
    if (v[Q_LABEL])
        fb_model_text(c, v[Q_LABEL], "label", &q->label);
    if (v[Q_HINT])
        fb_model_text(c, v[Q_HINT], "hint", &q->hint);
    if (v[Q_SUMMARY_LABEL])
        fb_model_text(c, v[Q_SUMMARY_LABEL], "summary_label",
                      &q->summary_label);
    if (v[Q_WHEN])
        q->when = read_when(c, v[Q_WHEN]);
    if (v[Q_AUTOCOMPLETE])
        question_autocomplete(c, q, v[Q_AUTOCOMPLETE]);
    if (v[Q_TYPE] && (q->type < FB_Q__COUNT || v[Q_OPTIONS]))
        question_options(c, q, k[Q_OPTIONS], v[Q_OPTIONS], k[Q_LIST],
                         v[Q_LIST], v[Q_TYPE]);
    if (v[Q_PARTS])
        question_parts(c, q, k[Q_PARTS], v[Q_PARTS]);
    if (v[Q_DISPLAY])
        question_display(c, q, k[Q_DISPLAY], v[Q_DISPLAY]);
    fb_model_file(c, q, &k[Q_ACCEPT], &v[Q_ACCEPT]);
    if (v[Q_LOOKUP])
        question_lookup(c, q, k[Q_LOOKUP], v[Q_LOOKUP]);
    fb_model_rules(c, q, k[Q_REQUIRED], v[Q_REQUIRED], v[Q_VALIDATE]);
    return q->id ? q : NULL;
}

/* ---- pages ------------------------------------------------------------ */

enum { P_ID, P_TITLE, P_WHEN, P_EXIT, P_QUESTIONS, P_CONTENT, P_REPEAT,
       P__COUNT };
static const char *const page_keys[P__COUNT] = {
    "id", "title", "when", "exit", "questions", "content", "repeat",
};

/* @returns the number of items @p n holds when it is a list, else 0. */
static size_t
items(const struct fb_node *n)
{
    return n && n->kind == FB_NODE_SEQUENCE ? n->n_items : 0;
}

static void
page_questions(struct fb_compiler *c, struct fb_page *page,
               const struct fb_node *n)
{
    if (fb_model_is_null(n) || !fb_model_list(c, n, "'questions'"))
        return;
    page->questions = fb_arena_alloc(&c->arena, (n->n_items + 1) *
                                                    sizeof(*page->questions));
    for (size_t i = 0; i < n->n_items; i++) {
        struct fb_question *q = read_question(c, n->items[i]);
        if (q) {
            q->page = page;
            page->questions[page->n_questions++] = q;
        }
    }
}

/* Reads page @p n. @returns it, or NULL when it has no usable id. */
static struct fb_page *
read_page(struct fb_compiler *c, const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "each page"))
        return NULL;
    const struct fb_keyset ks = {"a page", page_keys, P__COUNT};
    const struct fb_node *k[P__COUNT], *v[P__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    struct fb_page *page = fb_arena_alloc(&c->arena, sizeof(*page));
    page->loc = n->loc;

    fb_model_need(c, n, v[P_ID], "a page", "id", sugg, P_ID);
    fb_model_need(c, n, v[P_TITLE], "a page", "title", sugg, P_TITLE);
    if (v[P_ID]) {
        page->id_loc = v[P_ID]->loc;
        page->id = fb_model_id(c, v[P_ID], "page");
    }
    if (v[P_TITLE])
        fb_model_text(c, v[P_TITLE], "title", &page->title);
    if (v[P_WHEN])
        page->when = read_when(c, v[P_WHEN]);
    if (v[P_EXIT]) {
        page->exit_loc = k[P_EXIT]->loc;
        page->exit = fb_model_bool(c, v[P_EXIT], "exit") == 1;
    }
    if (v[P_QUESTIONS])
        page_questions(c, page, v[P_QUESTIONS]);
    if (v[P_CONTENT])
        fb_model_blocks(c, page, v[P_CONTENT]);
    if (v[P_REPEAT])
        fb_model_repeat(c, page, k[P_REPEAT], v[P_REPEAT]);

    if (page->exit && items(v[P_QUESTIONS]))
        fb_diag(c, FB_ERROR, &k[P_QUESTIONS]->loc, "exit-with-questions",
                "an exit page ends the journey and cannot have questions; "
                "move them to another page");
    else if (!items(v[P_QUESTIONS]) && !items(v[P_CONTENT]))
        fb_diag(c, FB_ERROR, &n->loc, "empty-page",
                "page '%s' has no questions and no content; add some, or "
                "remove the page", page->id ? page->id : "");
    return page->id ? page : NULL;
}

/* ---- the form --------------------------------------------------------- */

bool
fb_model_slug_ok(const char *s)
{
    if (*s < 'a' || *s > 'z' || strlen(s) > MAX_SLUG_LEN)
        return false;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-'))
            return false;
    return true;
}

/* Suggests a slug for @p s ("Report_Noise" -> "report-noise"), or NULL. */
static const char *
slug_suggestion(struct fb_compiler *c, const char *s)
{
    size_t n = strlen(s);
    if (n > MAX_SLUG_LEN)
        return NULL;
    char *out = fb_arena_strdup(&c->arena, s);
    for (size_t i = 0; i < n; i++) {
        if (out[i] >= 'A' && out[i] <= 'Z')
            out[i] = (char)(out[i] - 'A' + 'a');
        else if (out[i] == '_' || out[i] == ' ' || out[i] == '.')
            out[i] = '-';
    }
    return fb_model_slug_ok(out) ? out : NULL;
}

static void
form_slug(struct fb_compiler *c, struct fb_form *form,
          const struct fb_node *n)
{
    form->slug_loc = n->loc;
    form->slug = fb_model_string(c, n, "form");
    if (form->slug && fb_slug_reserved(form->slug)) {
        fb_diag(c, FB_ERROR, &n->loc, "reserved-slug",
                "form name '%s' is taken by the server's own address /%s; "
                "name the form after what it does (reserved: %s)",
                form->slug, form->slug,
                fb_shared_names_text(c, fb_reserved_slugs,
                                     fb_n_reserved_slugs));
        return;
    }
    if (!form->slug || fb_model_slug_ok(form->slug))
        return;
    const char *fix = slug_suggestion(c, form->slug);
    fb_diag(c, FB_ERROR, &n->loc, "bad-slug",
            "form name '%.40s' must be lower-case letters, digits and "
            "hyphens, starting with a letter, at most %d characters (it "
            "becomes the form's web address)%s%s%s", form->slug,
            MAX_SLUG_LEN, fix ? "; did you mean '" : "", fix ? fix : "",
            fix ? "'?" : "");
}

/* Reads a mapping of texts, such as start {body} or confirmation {title,
 * body}, into @p out (one per name). */
static void
read_texts(struct fb_compiler *c, const struct fb_node *n, const char *where,
           const char *const *names, size_t count, size_t required,
           struct fb_text **out)
{
    if (!fb_model_mapping(c, n, where))
        return;
    const struct fb_keyset ks = {where, names, count};
    const struct fb_node *k[2], *v[2];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    for (size_t i = 0; i < count; i++) {
        if (i < required)
            fb_model_need(c, n, v[i], where, names[i], sugg, (unsigned)i);
        if (v[i])
            fb_model_text(c, v[i], names[i], out[i]);
    }
}

static void
form_retention(struct fb_compiler *c, struct fb_form *form,
               const struct fb_node *n)
{
    long days;
    if (!fb_model_whole(c, n, "retention_days", &days))
        return;
    if (days < 1 || days > MAX_RETENTION_DAYS) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'retention_days' must be from 1 to %d (ten years), not %ld",
                MAX_RETENTION_DAYS, days);
        return;
    }
    form->retention_days = days;
}

static void
form_pages(struct fb_compiler *c, struct fb_form *form,
           const struct fb_node *n)
{
    if (!fb_model_is_null(n) && !fb_model_list(c, n, "'pages'"))
        return;
    if (fb_model_is_null(n) || n->n_items == 0) {
        fb_diag(c, FB_ERROR, &n->loc, "empty-form",
                "the form has no pages; add at least one page with "
                "questions");
        return;
    }
    form->pages = fb_arena_alloc(&c->arena, n->n_items * sizeof(*form->pages));
    size_t cap = 0, written = 0;
    for (size_t i = 0; i < n->n_items; i++) {
        const struct fb_node *qs = n->items[i]->kind == FB_NODE_MAPPING ?
                                       fb_node_get(n->items[i], "questions") :
                                       NULL;
        written += items(qs);
        struct fb_page *page = read_page(c, n->items[i]);
        if (!page)
            continue;
        page->index = form->n_pages;
        form->pages[form->n_pages++] = page;
        form->questions = fb_arena_grow(
            &c->arena, form->questions, sizeof(*form->questions), &cap,
            form->n_questions + page->n_questions);
        for (size_t j = 0; j < page->n_questions; j++) {
            page->questions[j]->index = form->n_questions;
            form->questions[form->n_questions++] = page->questions[j];
        }
    }
    if (!written)
        fb_diag(c, FB_ERROR, &n->loc, "empty-form",
                "the form has no questions; add at least one question to a "
                "page");
}

enum {
    F_FORM, F_TITLE, F_EXPANDED_FROM, F_START, F_PAGES, F_CONFIRMATION,
    F_SUBMIT, F_RETENTION_DAYS, F_BOOKING, F_LANGUAGES, F_TEXTS,
    F_OPENS, F_CLOSES, F_CLOSED_MESSAGE, F_MAX_SUBMISSIONS, F_PRIVACY,
    F_SAVE_AND_RETURN, F_PAYMENT, F_PREFILL, F__COUNT
};
/* `pattern`, `with`, `replace` and `remove` never reach the model: the
 * expand pass turns them into the form they stand for and records the
 * pattern as `expanded_from`. */
static const char *const form_keys[F__COUNT] = {
    "form", "title", "expanded_from", "start", "pages", "confirmation",
    "submit", "retention_days", "booking", "languages", "texts",
    "opens", "closes", "closed_message", "max_submissions", "privacy",
    "save_and_return", "payment", "prefill",
};
static const char *const start_keys[] = {"body"};
enum { C_TITLE, C_BODY, C_CONTENT, C__COUNT };
static const char *const confirmation_keys[C__COUNT] = {
    "title", "body", "content",
};

/* Reads `texts: {continue, check_answers, ...}`: the keys are the
 * runtime's (fb_form_text_key()). */
static void
form_texts(struct fb_compiler *c, struct fb_form *form,
           const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'texts'"))
        return;
    const char *names[FB_TEXT__COUNT];
    for (int t = 0; t < FB_TEXT__COUNT; t++)
        names[t] = fb_form_text_key((enum fb_form_text)t);
    const struct fb_keyset ks = {"'texts'", names, FB_TEXT__COUNT};
    const struct fb_node *k[FB_TEXT__COUNT], *v[FB_TEXT__COUNT];
    fb_model_keys(c, n, &ks, k, v, NULL);
    for (int t = 0; t < FB_TEXT__COUNT; t++)
        if (v[t])
            fb_model_text(c, v[t], names[t], &form->texts[t]);
}

/* Reads `confirmation: {title, body, content}`. */
static void
form_confirmation(struct fb_compiler *c, struct fb_form *form,
                  const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'confirmation'"))
        return;
    const struct fb_keyset ks = {"'confirmation'", confirmation_keys,
                                 C__COUNT};
    const struct fb_node *k[C__COUNT], *v[C__COUNT];
    fb_model_keys(c, n, &ks, k, v, NULL);
    if (v[C_TITLE])
        fb_model_text(c, v[C_TITLE], "title", &form->confirmation_title);
    if (v[C_BODY])
        fb_model_text(c, v[C_BODY], "body", &form->confirmation_body);
    if (v[C_CONTENT])
        fb_model_content(c, v[C_CONTENT], &form->confirmation_blocks,
                         &form->n_confirmation_blocks);
}

/* Builds the model of the form rooted at @p root in c->arena, reporting
 * every problem. Pages and questions without a usable id are reported and
 * left out, so every id in the model is non-NULL; a question whose type is
 * missing or unknown keeps type FB_Q__COUNT. @returns NULL only when
 * @p root is NULL or not a mapping. */
struct fb_form *
fb_model_build(struct fb_compiler *c, const struct fb_node *root)
{
    if (!root)
        return NULL;
    if (root->kind != FB_NODE_MAPPING) {
        fb_model_wrong_type(c, root, "a form file",
                            "a mapping with keys such as form, title and "
                            "pages");
        return NULL;
    }
    const struct fb_keyset ks = {"the form", form_keys, F__COUNT};
    const struct fb_node *k[F__COUNT], *v[F__COUNT];
    unsigned long sugg = fb_model_keys(c, root, &ks, k, v, NULL);
    struct fb_form *form = fb_arena_alloc(&c->arena, sizeof(*form));
    form->src = root->loc.src;
    form->loc = root->loc;

    fb_model_need(c, root, v[F_FORM], "the form", "form", sugg, F_FORM);
    fb_model_need(c, root, v[F_TITLE], "the form", "title", sugg, F_TITLE);
    fb_model_need(c, root, v[F_PAGES], "the form", "pages", sugg, F_PAGES);
    if (v[F_FORM])
        form_slug(c, form, v[F_FORM]);
    if (v[F_TITLE])
        fb_model_text(c, v[F_TITLE], "title", &form->title);
    form->languages_loc = v[F_LANGUAGES] ? v[F_LANGUAGES]->loc : root->loc;
    form->languages = v[F_LANGUAGES] ?
                          fb_lang_read_list(c, v[F_LANGUAGES]) :
                          FB_LANG_BIT(FB_LANG_EN);
    if (v[F_EXPANDED_FROM]) {
        form->pattern_loc = v[F_EXPANDED_FROM]->loc;
        form->pattern = fb_model_string(c, v[F_EXPANDED_FROM],
                                        "expanded_from");
    }
    if (v[F_START]) {
        struct fb_text *out[] = {&form->start_body};
        read_texts(c, v[F_START], "'start'", start_keys, 1, 1, out);
    }
    if (v[F_CONFIRMATION])
        form_confirmation(c, form, v[F_CONFIRMATION]);
    if (v[F_BOOKING])
        fb_model_booking(c, form, k[F_BOOKING], v[F_BOOKING]);
    if (v[F_TEXTS])
        form_texts(c, form, v[F_TEXTS]);
    if (v[F_SUBMIT])
        fb_model_submit(c, form, v[F_SUBMIT]);
    if (v[F_SAVE_AND_RETURN])
        fb_model_save_return(c, form, k[F_SAVE_AND_RETURN],
                             v[F_SAVE_AND_RETURN]);
    if (v[F_RETENTION_DAYS])
        form_retention(c, form, v[F_RETENTION_DAYS]);
    if (v[F_PAGES])
        form_pages(c, form, v[F_PAGES]);
    fb_model_live(c, form, &(struct fb_live_nodes){
        v[F_OPENS], v[F_CLOSES], v[F_CLOSED_MESSAGE], v[F_MAX_SUBMISSIONS],
        v[F_PRIVACY]});
    if (v[F_PAYMENT])
        fb_model_payment(c, form, k[F_PAYMENT], v[F_PAYMENT]);
    if (v[F_PREFILL])
        fb_model_prefill(c, form, v[F_PREFILL]);
    return form;
}

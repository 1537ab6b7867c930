/* SPDX-License-Identifier: MIT */
/*
 * Validation rules: a question's `required` key and its `validate`
 * mapping, read into the fixed rule slots of struct fb_question. Each rule
 * is a value or {value, message}; rules are only accepted on the question
 * types the type table (formbuilder/qtype.h) gives them. Contradictions
 * between rules (min > max) are the checks' business, not this file's.
 */
#include "model_priv.h"

#include <string.h>

#include "formbuilder/answers.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"

/* What a rule's value is. */
enum value_kind {
    V_FLAG,                    /* true/false, or a message meaning true */
    V_COUNT,                   /* a whole number */
    V_NUMBER,                  /* an integer or decimal */
    V_PATTERN,                 /* a PCRE2 regex; needs a message */
    V_DATE,                    /* YYYY-MM-DD, today, today+Nd; on a time
                                  question "HH:MM" */
    V_QUESTION,                /* another question's id */
    V_AREAS                    /* postcode areas and council codes */
};

struct rule_info {
    enum value_kind kind;
    long min_count;            /* V_COUNT: smallest sensible value */
};

/* How each rule's value is written. Which types a rule applies to is the
 * type table's (fb_qtype_has_rule()), and the names are fb_rule_name(). */
static const struct rule_info rules[FB_RULE__COUNT] = {
    [FB_RULE_REQUIRED] = {V_FLAG, 0},
    [FB_RULE_MIN_LENGTH] = {V_COUNT, 0},
    [FB_RULE_MAX_LENGTH] = {V_COUNT, 1},
    [FB_RULE_PATTERN] = {V_PATTERN, 0},
    [FB_RULE_MIN] = {V_NUMBER, 0},
    [FB_RULE_MAX] = {V_NUMBER, 0},
    [FB_RULE_INTEGER] = {V_FLAG, 0},
    [FB_RULE_BEFORE] = {V_DATE, 0},
    [FB_RULE_AFTER] = {V_DATE, 0},
    [FB_RULE_PAST] = {V_FLAG, 0},
    [FB_RULE_FUTURE] = {V_FLAG, 0},
    [FB_RULE_MIN_SELECTED] = {V_COUNT, 0},
    [FB_RULE_MAX_SELECTED] = {V_COUNT, 1},
    [FB_RULE_MATCHES] = {V_QUESTION, 0},
    [FB_RULE_IN_AREA] = {V_AREAS, 0},
};

/* "text, email and phone" in the arena: the types rule @p kind applies
 * to. */
static const char *
type_list(struct fb_compiler *c, enum fb_rule_kind kind)
{
    unsigned mask = 0;
    for (int t = 0; t < FB_Q__COUNT; t++)
        if (fb_qtype_has_rule((enum fb_qtype)t, kind))
            mask |= 1u << t;
    return fb_model_type_list(c, mask);
}

/* What a resident's way of writing @p s means as "HH:MM" ("5pm" is
 * "17:00"), by the runtime's own time reader, or NULL. */
static const char *
time_suggestion(struct fb_compiler *c, const char *s)
{
    struct fb_answers *in = fb_answers_new();
    const char *hhmm = NULL;
    if (in && fb_answers_add(in, "t", s) == 0 &&
        fb_read_time(in, "t", in, NULL) == FB_FIELD_OK &&
        fb_answers_get(in, "t"))
        hhmm = fb_arena_strdup(&c->arena, fb_answers_get(in, "t"));
    fb_answers_free(in);
    return hhmm;
}

/* Reads a time of day for a time question's before/after into r->count
 * (minutes since midnight). It must be quoted: YAML 1.1 readers take an
 * unquoted 17:30 for a number (1050). @returns false after reporting. */
static bool
time_value(struct fb_compiler *c, const struct fb_node *v, const char *name,
           struct fb_rule *r)
{
    int minutes;
    if (v->kind != FB_NODE_SCALAR || fb_model_is_null(v)) {
        fb_model_wrong_type(c, v, fb_arena_printf(&c->arena, "'%s'", name),
                            "a time in quotes, such as \"17:30\"");
        return false;
    }
    bool ok = fb_time_parse_hhmm(v->value, &minutes);
    if (ok && v->plain) {
        fb_diag(c, FB_ERROR, &v->loc, "wrong-type",
                "'%s' must be a time in quotes, \"%s\", because "
                "unquoted %s is a number to some YAML readers", name,
                v->value, v->value);
        return false;
    }
    if (ok) {
        r->count = minutes;
        return true;
    }
    const char *near = time_suggestion(c, v->value);
    if (near)
        fb_diag(c, FB_ERROR, &v->loc, "bad-time",
                "'%s' must be a time written \"HH:MM\" on the 24-hour "
                "clock, not '%.40s'; did you mean \"%s\"?", name, v->value,
                near);
    else
        fb_diag(c, FB_ERROR, &v->loc, "bad-time",
                "'%s' must be a time written \"HH:MM\" on the 24-hour "
                "clock, from \"00:00\" to \"23:59\"; not '%.40s'", name,
                v->value);
    return false;
}

/* Checks a money question's min or max @p x, read from @p v: pounds, 0 or
 * more, at most two decimals (pence), no more than the reader accepts.
 * @returns false after reporting. */
static bool
money_value(struct fb_compiler *c, const struct fb_node *v, const char *name,
            double x)
{
    const char *point = strchr(v->value, '.');
    if (x < 0) {
        fb_diag(c, FB_ERROR, &v->loc, "wrong-value",
                "'%s' is an amount in pounds, 0 or more; not %s", name,
                v->value);
        return false;
    }
    if (point && strlen(point + 1) > 2) {
        fb_diag(c, FB_ERROR, &v->loc, "wrong-value",
                "'%s' is an amount in pounds and pence, with at most 2 "
                "decimal places; not %s", name, v->value);
        return false;
    }
    if (x * 100.0 > (double)FB_MONEY_MAX_PENCE) {
        fb_diag(c, FB_ERROR, &v->loc, "wrong-value",
                "'%s' is more than any amount a money question accepts, "
                "\u00a399,999,999,999.99", name);
        return false;
    }
    return true;
}

/* Is @p s a postcode area ("CF"), a district ("CF10", "W1A") or a local
 * custodian code (1 to 4 digits, "6815")? */
static bool
area_ok(const char *s)
{
    size_t n = strlen(s), letters = 0, digits = 0;
    if (n > 0 && n <= 4 && strspn(s, "0123456789") == n)
        return true;
    while (letters < n && ((s[letters] | 0x20) >= 'a'
                           && (s[letters] | 0x20) <= 'z'))
        letters++;
    while (letters + digits < n && s[letters + digits] >= '0'
           && s[letters + digits] <= '9')
        digits++;
    if (letters < 1 || letters > 2 || digits > 2)
        return false;
    if (letters + digits == n)
        return true;
    /* A district ending in a letter: W1A, EC1V. */
    return digits >= 1 && letters + digits + 1 == n
           && ((s[n - 1] | 0x20) >= 'a' && (s[n - 1] | 0x20) <= 'z');
}

/* Reads in_area's list of postcode areas, districts and council codes. */
static bool
areas_value(struct fb_compiler *c, const struct fb_node *v, const char *name,
            struct fb_rule *r)
{
    if (v->kind != FB_NODE_SEQUENCE || v->n_items == 0) {
        fb_model_wrong_type(c, v, fb_arena_printf(&c->arena, "'%s'", name),
                            "a list of postcode areas or districts (CF, "
                            "CF10) and council codes (6815)");
        return false;
    }
    r->areas = fb_arena_alloc(&c->arena, v->n_items * sizeof *r->areas);
    bool ok = true;
    for (size_t i = 0; i < v->n_items; i++) {
        const char *s = fb_model_string(c, v->items[i], name);
        if (!s) {
            ok = false;
            continue;
        }
        if (!area_ok(s)) {
            fb_diag(c, FB_ERROR, &v->items[i]->loc, "wrong-value",
                    "'%.40s' in '%s' is not a postcode area (CF), a "
                    "postcode district (CF10, W1A) or a council's local "
                    "custodian code (6815)", s, name);
            ok = false;
            continue;
        }
        r->areas[r->n_areas++] = s;
    }
    return ok;
}

/* Reads the value part of rule @p kind from @p v into @p r, for a question
 * of @p type. For flags a string is the message. @returns false after
 * reporting. */
static bool
rule_value(struct fb_compiler *c, enum fb_rule_kind kind, enum fb_qtype type,
           const struct fb_node *v, struct fb_rule *r, bool *out_on)
{
    const char *name = fb_rule_name(kind);
    const struct rule_info *info = &rules[kind];
    r->value_loc = v->loc;
    *out_on = true;
    switch (info->kind) {
    case V_FLAG: {
        if (fb_model_is_yaml11_bool(v)) {
            fb_diag(c, FB_ERROR, &v->loc, "wrong-type",
                    "'%s' must be true, false or a message; '%s' is not a "
                    "boolean in form files, write true or false", name,
                    v->value);
            return false;
        }
        if (v->kind == FB_NODE_SCALAR && v->plain &&
            (strcmp(v->value, "true") == 0 ||
             strcmp(v->value, "false") == 0 || fb_model_is_null(v))) {
            int b = fb_model_bool(c, v, name);
            *out_on = b == 1;
            return b >= 0;
        }
        if (v->kind == FB_NODE_SEQUENCE) {
            fb_model_wrong_type(c, v, fb_arena_printf(&c->arena, "'%s'",
                                                      name),
                                "true, false or a message");
            return false;
        }
        return fb_model_text(c, v, name, &r->message);
    }
    case V_COUNT: {
        long n;
        if (!fb_model_whole(c, v, name, &n))
            return false;
        if (n < info->min_count) {
            fb_diag(c, FB_ERROR, &v->loc, "wrong-value",
                    "'%s' must be %ld or more, not %ld", name,
                    info->min_count, n);
            return false;
        }
        r->count = n;
        return true;
    }
    case V_NUMBER:
        if (!fb_model_number(c, v, name, &r->number))
            return false;
        return type != FB_Q_MONEY || money_value(c, v, name, r->number);
    case V_PATTERN:
        r->string = fb_model_string(c, v, name);
        return r->string != NULL;
    case V_DATE:
        if (type == FB_Q_TIME)
            return time_value(c, v, name, r);
        return fb_model_date_ref(c, v, name, &r->date);
    case V_QUESTION:
        r->string = fb_model_string(c, v, name);
        return r->string != NULL;
    case V_AREAS:
        return areas_value(c, v, name, r);
    }
    return false;
}

static const char *const long_keys[] = {"value", "message"};

/* True for a mapping that is a text in several languages, not
 * {value, message}: `required: {en: ..., cy: ...}`. */
static bool
is_language_map(const struct fb_node *v)
{
    if (v->kind != FB_NODE_MAPPING)
        return false;
    if (fb_node_get(v, "value") || fb_node_get(v, "message"))
        return false;
    return fb_node_get(v, "en") || fb_node_get(v, "cy");
}

/* Reads rule @p kind written at @p key with value @p v into q->rules[];
 * the slot is present only when the value is good and not `false`. */
static void
read_rule(struct fb_compiler *c, struct fb_question *q,
          enum fb_rule_kind kind, const struct fb_node *key,
          const struct fb_node *v)
{
    const char *name = fb_rule_name(kind);
    struct fb_rule r;
    memset(&r, 0, sizeof(r));
    r.loc = key->loc;
    bool on = true, ok;

    if (v->kind == FB_NODE_MAPPING && !is_language_map(v)) {
        const struct fb_keyset ks = {
            fb_arena_printf(&c->arena, "the rule '%s'", name), long_keys, 2
        };
        const struct fb_node *keys[2], *vals[2];
        unsigned long sugg = fb_model_keys(c, v, &ks, keys, vals, NULL);
        ok = true;
        if (vals[0])
            ok = rule_value(c, kind, q->type, vals[0], &r, &on);
        else if (rules[kind].kind != V_FLAG)
            ok = fb_model_need(c, v, NULL, ks.where, "value", sugg, 0);
        if (vals[1] && !fb_model_text(c, vals[1], "message", &r.message))
            ok = false;
        if (ok && rules[kind].kind == V_PATTERN && !vals[1])
            fb_diag(c, FB_ERROR, &key->loc, "pattern-needs-message",
                    "a pattern rule needs a message that tells the "
                    "resident what format to use: pattern: {value: ..., "
                    "message: ...}");
    } else {
        ok = rule_value(c, kind, q->type, v, &r, &on);
        if (ok && rules[kind].kind == V_PATTERN)
            fb_diag(c, FB_ERROR, &key->loc, "pattern-needs-message",
                    "a pattern rule needs a message that tells the "
                    "resident what format to use: pattern: {value: ..., "
                    "message: ...}");
    }
    r.present = ok && on;
    q->rules[kind] = r;
    if (ok && !on && kind == FB_RULE_REQUIRED && q->type == FB_Q_DECLARATION)
        fb_diag(c, FB_ERROR, &r.value_loc, "wrong-value",
                "a declaration is always required; remove 'required: "
                "false', or use checkboxes for an optional box");
    else if (ok && !on && kind == FB_RULE_REQUIRED && q->type < FB_Q__COUNT &&
             fb_qtype(q->type)->always_required)
        fb_diag(c, FB_ERROR, &r.value_loc, "wrong-value",
                "a %s question is always required: a booking is a day and "
                "a time; remove 'required: false'", fb_qtype_name(q->type));
}

/* @returns true when rule @p kind may be used on @p q, else reports. */
static bool
applies(struct fb_compiler *c, const struct fb_question *q,
        enum fb_rule_kind kind, const struct fb_node *key)
{
    if (q->type >= FB_Q__COUNT || fb_qtype_has_rule(q->type, kind))
        return true;
    fb_diag(c, FB_ERROR, &key->loc, "rule-not-applicable",
            "'%s' does not apply to a %s question; it applies to %s "
            "questions", fb_rule_name(kind), fb_qtype_name(q->type),
            type_list(c, kind));
    return false;
}

/* Reads a question's rules into q->rules; see model_priv.h. */
void
fb_model_rules(struct fb_compiler *c, struct fb_question *q,
               const struct fb_node *required_key,
               const struct fb_node *required_val,
               const struct fb_node *validate)
{
    if (required_key && required_val)
        read_rule(c, q, FB_RULE_REQUIRED, required_key, required_val);
    if (!validate || fb_model_is_null(validate))
        return;
    if (!fb_model_mapping(c, validate, "'validate'"))
        return;

    const char *names[FB_RULE__COUNT];
    for (int k = 0; k < FB_RULE__COUNT; k++)
        names[k] = fb_rule_name((enum fb_rule_kind)k);
    const struct fb_keyset ks = {"validate", names, FB_RULE__COUNT};
    const struct fb_node *keys[FB_RULE__COUNT], *vals[FB_RULE__COUNT];
    fb_model_keys(c, validate, &ks, keys, vals, NULL);
    for (int k = 0; k < FB_RULE__COUNT; k++) {
        if (!keys[k])
            continue;
        if (k == FB_RULE_REQUIRED && required_key) {
            fb_diag(c, FB_ERROR, &keys[k]->loc, "duplicate-rule",
                    "'required' is given twice, on the question (line %u) "
                    "and under 'validate'; keep one",
                    required_key->loc.line);
            continue;
        }
        if (!applies(c, q, (enum fb_rule_kind)k, keys[k]))
            continue;
        read_rule(c, q, (enum fb_rule_kind)k, keys[k], vals[k]);
    }
}

/* SPDX-License-Identifier: MIT */
/*
 * The backtracking check ("regex-backtracking"): a small structural scan
 * of a `pattern` that PCRE2 has already accepted, warning about the shapes
 * that make a backtracking matcher take exponential (or high polynomial)
 * time on some answers. Run from the rule checks (check_rules.c). It reads
 * the pattern text only; it proves nothing, and the runtime's match
 * limits (runtime/lib/regex.c) stay the real defence.
 *
 * A group repeated without bound (`*`, `+`, `{n,}`), or at least
 * BIG_REPEAT times, is reported when its body
 *   - holds a quantifier without bound, outside atomic groups and
 *     lookarounds and not possessive: `(a+)+`, `(a*)*`, `(\w+\s?)+$`,
 *     `(.*a){20}`; or
 *   - has alternatives that can start with the same character: `(a|aa)+`.
 * A possessive or atomic group is never reported, nor is anything inside
 * one. Extended mode (`(?x)`) is not understood: its spaces count as text.
 */
#include "check_priv.h"
#include "cond_loc.h"

#include <stdint.h>
#include <string.h>

/* A bounded repeat this large of a body with a free quantifier is
 * polynomial of this degree: (.*a){20} on 60 characters is already 10^15
 * steps. */
#define BIG_REPEAT 10

/* Deeper groups are left unchecked (PCRE2 allows 250 by default). */
#define MAX_DEPTH 64

/* A set of characters: bits for ASCII, one flag for all the rest. */
struct cset {
    uint64_t lo, hi; /* 0x00-0x3f, 0x40-0x7f */
    bool other;      /* any character above 0x7f */
};

static const struct cset any = {UINT64_MAX, UINT64_MAX, true};

struct scan {
    const char *s, *p; /* the pattern; the next byte */
    bool caseless;     /* an (?i) seen: letters match either case */
    bool found;        /* a finding, the first only */
    size_t at, len;    /* where: the group and its quantifier */
    bool alternatives; /* found by overlapping alternatives */
};

/* What a parsed group body holds. */
struct body {
    bool free_quantifier; /* an unbounded, backtracking quantifier */
    bool overlap;         /* two alternatives start alike */
};

static void
add(struct cset *set, unsigned char c, bool caseless)
{
    if (c >= 0x80) {
        set->other = true;
        return;
    }
    if (c < 64)
        set->lo |= UINT64_C(1) << c;
    else
        set->hi |= UINT64_C(1) << (c - 64);
    if (caseless && c >= 'a' && c <= 'z')
        add(set, (unsigned char)(c - 'a' + 'A'), false);
    else if (caseless && c >= 'A' && c <= 'Z')
        add(set, (unsigned char)(c - 'A' + 'a'), false);
}

static void
add_range(struct cset *set, unsigned char a, unsigned char b, bool caseless)
{
    for (unsigned c = a; c <= b && c < 0x80; c++)
        add(set, (unsigned char)c, caseless);
    if (b >= 0x80)
        set->other = true;
}

static bool
overlaps(const struct cset *a, const struct cset *b)
{
    return (a->lo & b->lo) || (a->hi & b->hi) || (a->other && b->other);
}

static struct cset
complement(struct cset s)
{
    return (struct cset){~s.lo, ~s.hi, true};
}

/* The set of a backslash escape's letter (\d \w \s and their negations);
 * any other escape letter counts as every character. */
static struct cset
escape_set(char e)
{
    struct cset s = {0};
    switch (e) {
    case 'd':
    case 'D':
        add_range(&s, '0', '9', false);
        break;
    case 'w':
    case 'W':
        add_range(&s, '0', '9', false);
        add_range(&s, 'a', 'z', false);
        add_range(&s, 'A', 'Z', false);
        add(&s, '_', false);
        break;
    case 's':
    case 'S':
        add_range(&s, '\t', '\r', false);
        add(&s, ' ', false);
        break;
    default:
        return any;
    }
    return e >= 'a' ? s : complement(s);
}

/* Skips a {...} or <...> argument of an escape such as \p{L} or \k<n>. */
static void
skip_argument(struct scan *sc)
{
    char close = (char)(*sc->p == '{' ? '}' : *sc->p == '<' ? '>' : 0);
    if (!close)
        return;
    const char *end = strchr(sc->p, close);
    sc->p = end ? end + 1 : sc->p + strlen(sc->p);
}

/* Reads the escape after a backslash (sc->p at the letter): @returns its
 * set; *out_width is false for an assertion such as \b that matches no
 * character. */
static struct cset
escape(struct scan *sc, bool *out_width)
{
    unsigned char e = (unsigned char)*sc->p;
    struct cset s = {0};

    *out_width = true;
    if (!e)
        return any;
    sc->p++;
    if (strchr("bBAzZGK", (char)e)) {
        *out_width = false;
        return any;
    }
    if (e == 'Q') { /* \Q...\E: literal text; its first character counts */
        const char *end = strstr(sc->p, "\\E");
        if (*sc->p && sc->p[0] != '\\')
            add(&s, (unsigned char)*sc->p, sc->caseless);
        else
            s = any;
        sc->p = end ? end + 2 : sc->p + strlen(sc->p);
        return s;
    }
    if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
        (e >= '0' && e <= '9')) {
        if (strchr("pPxogkN", (char)e))
            skip_argument(sc);
        return escape_set((char)e);
    }
    add(&s, e, sc->caseless); /* \. \- \( ...: the character itself */
    return s;
}

/* Reads a character class (sc->p just after '['). @returns its set. */
static struct cset
char_class(struct scan *sc)
{
    struct cset s = {0};
    bool negated = *sc->p == '^', first = true;

    if (negated)
        sc->p++;
    for (; *sc->p && (*sc->p != ']' || first); first = false) {
        unsigned char c = (unsigned char)*sc->p;
        if (c == '[' && sc->p[1] == ':') { /* [:alpha:] */
            const char *end = strstr(sc->p, ":]");
            sc->p = end ? end + 2 : sc->p + strlen(sc->p);
            s = any;
            continue;
        }
        if (c == '\\') {
            bool width;
            sc->p++;
            struct cset e = escape(sc, &width);
            s.lo |= e.lo, s.hi |= e.hi, s.other |= e.other;
            continue;
        }
        sc->p++;
        if (c >= 0x80) {
            s.other = true;
            while (((unsigned char)*sc->p & 0xc0) == 0x80)
                sc->p++;
            continue;
        }
        if (sc->p[0] == '-' && sc->p[1] && sc->p[1] != ']' &&
            sc->p[1] != '\\' && sc->p[1] != '[') {
            add_range(&s, c, (unsigned char)sc->p[1], sc->caseless);
            sc->p += 2;
            continue;
        }
        add(&s, c, sc->caseless);
    }
    if (*sc->p == ']')
        sc->p++;
    return negated ? complement(s) : s;
}

/* Reads a bound of {m,n}: @returns false when none. */
static bool
number(const char **p, unsigned long *out)
{
    unsigned long v = 0;
    if (**p < '0' || **p > '9')
        return false;
    for (; **p >= '0' && **p <= '9'; (*p)++)
        if (v < 100000)
            v = v * 10 + (unsigned long)(**p - '0');
    *out = v;
    return true;
}

/* A quantifier: how often, and whether it gives back characters. */
struct quant {
    bool present;
    unsigned long min, max; /* max ULONG_MAX: no bound */
    bool possessive;
};

#define NO_BOUND ((unsigned long)-1)

/* Reads a quantifier at sc->p, if there is one. */
static struct quant
quantifier(struct scan *sc)
{
    struct quant q = {false, 1, 1, false};
    const char *p = sc->p;

    if (*p == '*' || *p == '+' || *p == '?') {
        q.min = *p == '+';
        q.max = *p == '?' ? 1 : NO_BOUND;
        p++;
    } else if (*p == '{') {
        const char *t = p + 1;
        if (!number(&t, &q.min))
            return q; /* a literal '{' */
        q.max = q.min;
        if (*t == ',') {
            t++;
            q.max = NO_BOUND;
            if (*t != '}' && !number(&t, &q.max))
                return q;
        }
        if (*t != '}')
            return q;
        p = t + 1;
    } else {
        return q;
    }
    q.present = true;
    if (*p == '+') {
        q.possessive = true;
        p++;
    } else if (*p == '?') {
        p++; /* lazy: backtracks all the same */
    }
    sc->p = p;
    return q;
}

static void parse_body(struct scan *sc, unsigned depth, struct body *out);

/* The kinds of group that matter here. */
enum group { CAPTURE, ATOMIC, LOOKAROUND, OPTIONS, COMMENT };

/* Reads what follows "(" (sc->p just after it). */
static enum group
group_kind(struct scan *sc)
{
    const char *p = sc->p;

    if (*p == '*') { /* (*VERB) or (*atomic:...) */
        if (strncmp(p, "*atomic:", 8) == 0) {
            sc->p = p + 8;
            return ATOMIC;
        }
        const char *end = strchr(p, ')');
        sc->p = end ? end : p + strlen(p);
        return COMMENT;
    }
    if (*p != '?')
        return CAPTURE;
    p++;
    switch (*p) {
    case '#': {
        const char *end = strchr(p, ')');
        sc->p = end ? end : p + strlen(p);
        return COMMENT;
    }
    case '>':
        sc->p = p + 1;
        return ATOMIC;
    case '=':
    case '!':
        sc->p = p + 1;
        return LOOKAROUND;
    case '<':
        if (p[1] == '=' || p[1] == '!') {
            sc->p = p + 2;
            return LOOKAROUND;
        }
        break;
    case ':':
    case '|':
        sc->p = p + 1;
        return CAPTURE;
    default:
        break;
    }
    if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
        const char *end = strchr(p, *p == '\'' ? '\'' : '>');
        if (*p == '\'' && end)
            end = strchr(p + 1, '\'');
        sc->p = end ? end + 1 : p + strlen(p);
        return CAPTURE;
    }
    /* Option letters: (?i) sets them for the rest, (?i:...) for a group. */
    const char *q = p;
    bool on = true;
    for (; *q && *q != ')' && *q != ':'; q++) {
        if (*q == '-')
            on = false;
        else if (*q == 'i' && on)
            sc->caseless = true;
    }
    sc->p = *q ? q + 1 : q;
    return *q == ':' ? CAPTURE : OPTIONS;
}

/* Records the first finding: the group from @p start to sc->p. */
static void
report(struct scan *sc, const char *start, bool alternatives)
{
    if (sc->found)
        return;
    sc->found = true;
    sc->at = (size_t)(start - sc->s);
    sc->len = (size_t)(sc->p - start);
    sc->alternatives = alternatives;
}

/*
 * Reads alternatives up to an unmatched ')' or the end, filling @p out.
 * The first character an alternative can match is known only when it
 * starts with a character, a class or an escape that is not optional;
 * anything else counts as every character.
 */
static void
parse_body(struct scan *sc, unsigned depth, struct body *out)
{
    struct cset firsts[16];
    size_t n_alts = 0;
    bool at_start = true;
    struct cset first = any;

    *out = (struct body){0};
    for (;;) {
        unsigned char c = (unsigned char)*sc->p;
        if (c == '\0' || c == ')' || c == '|') {
            if (!at_start) {
                for (size_t i = 0; i < n_alts; i++)
                    if (overlaps(&firsts[i], &first))
                        out->overlap = true;
                if (n_alts < sizeof firsts / sizeof *firsts)
                    firsts[n_alts++] = first;
            }
            if (c != '|')
                return;
            sc->p++;
            at_start = true;
            first = any;
            continue;
        }
        const char *start = sc->p;
        struct cset set = any;
        bool width = true;
        sc->p++;
        if (c == '(') {
            enum group kind = group_kind(sc);
            struct body inner = {0};
            if (kind == OPTIONS || kind == COMMENT) {
                if (kind == COMMENT && *sc->p == ')')
                    sc->p++;
                continue; /* matches nothing; not quantified */
            }
            if (depth < MAX_DEPTH)
                parse_body(sc, depth + 1, &inner);
            else
                sc->p += strlen(sc->p); /* too deep: stop looking */
            if (*sc->p == ')')
                sc->p++;
            struct quant q = quantifier(sc);
            bool shielded = kind == ATOMIC || kind == LOOKAROUND ||
                            q.possessive;
            bool repeated = q.present && (q.max == NO_BOUND ||
                                          q.max >= BIG_REPEAT);
            if (repeated && !shielded && inner.free_quantifier)
                report(sc, start, false);
            else if (repeated && !shielded && q.max == NO_BOUND &&
                     inner.overlap)
                report(sc, start, true);
            if ((!shielded && inner.free_quantifier) ||
                (q.present && q.max == NO_BOUND && !q.possessive))
                out->free_quantifier = true;
            if (at_start && q.present && q.min == 0)
                width = false; /* optional: the next item may start */
            if (at_start && width) {
                first = any;
                at_start = false;
            }
            continue;
        }
        if (c == '[')
            set = char_class(sc);
        else if (c == '\\')
            set = escape(sc, &width);
        else if (c == '^' || c == '$')
            width = false;
        else if (c == '.')
            set = any;
        else {
            set = (struct cset){0};
            add(&set, c, sc->caseless);
            while (c >= 0x80 && ((unsigned char)*sc->p & 0xc0) == 0x80)
                sc->p++;
        }
        struct quant q = quantifier(sc);
        if (q.present && q.max == NO_BOUND && !q.possessive && width)
            out->free_quantifier = true;
        if (at_start && width) {
            /* An optional first item: the alternative may start later;
             * count every character rather than look further. */
            first = q.present && q.min == 0 ? any : set;
            at_start = false;
        }
    }
}

/* See check_priv.h. */
void
fb_check_regex_backtracking(struct fb_check *ck, const struct fb_question *q,
                            const struct fb_rule *r)
{
    struct scan sc = {.s = r->string, .p = r->string};
    struct body top;

    if (!r->string)
        return;
    /* A stray ')' at the top cannot be there: PCRE2 accepted it. Go on
     * past one all the same, so the scan always ends. */
    while (*sc.p && !sc.found) {
        parse_body(&sc, 0, &top);
        if (*sc.p)
            sc.p++;
    }
    if (!sc.found)
        return;
    struct fb_loc loc = fb_scalar_loc(&r->value_loc, false, r->string,
                                      sc.at, sc.len);
    int n = sc.len > 40 ? 40 : (int)sc.len;
    const char *more = sc.len > 40 ? "..." : "";
    if (sc.alternatives)
        fb_diag(ck->c, FB_WARNING, &loc, "regex-backtracking",
                "in the pattern for '%s', '%.*s%s' repeats alternatives "
                "that can match the same text, which can make checking "
                "some answers take very long (catastrophic backtracking); "
                "make the alternatives start differently, or use an "
                "atomic group '(?>...)' or a possessive quantifier ('++')",
                q->id, n, sc.s + sc.at, more);
    else
        fb_diag(ck->c, FB_WARNING, &loc, "regex-backtracking",
                "in the pattern for '%s', '%.*s%s' repeats a group that "
                "itself holds a repeat, which can make checking some "
                "answers take very long (catastrophic backtracking); make "
                "the inner repeat possessive ('++' for '+', '*+' for '*'), "
                "use an atomic group '(?>...)', or remove the nesting",
                q->id, n, sc.s + sc.at, more);
}

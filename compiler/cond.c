/* SPDX-License-Identifier: MIT */
/*
 * The `when:` condition language: a scanner and a recursive-descent parser
 * that turn a condition string into a `struct fb_cond` tree (grammar in
 * cond.h). Names and types are resolved later by the checks; this file only
 * knows the syntax, and reports the first syntax error of a condition at
 * the exact column of the offending token.
 */
#include "cond.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cond_loc.h"

/* Conditions are short; these bounds keep a hostile file from making the
 * parser recurse or allocate without limit. */
#define MAX_DEPTH 32       /* nested `not` and parentheses */
#define MAX_CHARS 1000     /* characters in one condition */

/* ---- scanner ------------------------------------------------------------- */

enum tok_kind {
    T_END,
    T_WORD,
    T_STRING,
    T_LPAREN,
    T_RPAREN,
    T_LT,
    T_LE,
    T_GT,
    T_GE,
    T_LBRACK,      /* the list of `in [a, b]` */
    T_RBRACK,
    T_COMMA,
    T_BADOP        /* = == != ! && || & |: common slips, explained */
};

/* Values one `in [...]` may list: a borough's postcode districts fit. */
#define MAX_VALUES 200

struct token {
    enum tok_kind kind;
    size_t off;        /* byte offset in the condition */
    size_t len;        /* bytes in the source, quotes included */
};

struct parser {
    struct fb_compiler *c;
    const char *text;
    size_t len;
    const struct fb_loc *where;
    bool quoted;
    struct fb_scalar_start start; /* where the text is in the source */
    struct fb_scalar_pos *map; /* position of each byte, or NULL */
    struct token tok;  /* the current token */
    struct token prev; /* the one before it */
    bool prev_value;   /* prev was the VALUE of a test */
    unsigned depth;
    bool failed;       /* an error was reported; stop */
};

static bool
is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool
is_word_char(char ch)
{
    return ch != '\0' && !is_space(ch) && !strchr("()<>=!&|\"'[],", ch);
}

static struct fb_loc
loc_of(struct parser *p, size_t off, size_t n)
{
    return fb_scalar_loc_at(p->where, &p->start, p->map, p->quoted, p->text,
                            off, n);
}

static void
error_at(struct parser *p, size_t off, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
error_at(struct parser *p, size_t off, size_t n, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    struct fb_loc loc = loc_of(p, off, n);
    fb_diag(p->c, FB_ERROR, &loc, "when-syntax", "%s", msg);
}

static void
error_tok(struct parser *p, const struct token *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
error_tok(struct parser *p, const struct token *t, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    error_at(p, t->off, t->len ? t->len : 1, "%s", msg);
}

static void
advance(struct parser *p)
{
    p->prev = p->tok;
    const char *s = p->text;
    size_t i = p->tok.off + p->tok.len;
    while (i < p->len && is_space(s[i]))
        i++;
    struct token t = {T_END, i, 0};
    if (i >= p->len) {
        p->tok = t;
        return;
    }
    char ch = s[i];
    if (ch == '(' || ch == ')') {
        t.kind = ch == '(' ? T_LPAREN : T_RPAREN;
        t.len = 1;
    } else if (ch == '[' || ch == ']' || ch == ',') {
        t.kind = ch == '[' ? T_LBRACK : ch == ']' ? T_RBRACK : T_COMMA;
        t.len = 1;
    } else if (ch == '<' || ch == '>') {
        bool eq = i + 1 < p->len && s[i + 1] == '=';
        t.kind = ch == '<' ? (eq ? T_LE : T_LT) : (eq ? T_GE : T_GT);
        t.len = eq ? 2 : 1;
    } else if (strchr("=!&|", ch)) {
        t.kind = T_BADOP;
        t.len = 1;
        if (i + 1 < p->len && strchr("=&|", s[i + 1]))
            t.len = 2;
    } else if (ch == '"' || ch == '\'') {
        const char *close = memchr(s + i + 1, ch, p->len - i - 1);
        if (!close) {
            error_at(p, i, 1, "unterminated string: add the closing %c",
                     ch);
            t.kind = T_END;
            t.off = p->len;
            p->tok = t;
            return;
        }
        t.kind = T_STRING;
        t.len = (size_t)(close - (s + i)) + 1;
    } else {
        t.kind = T_WORD;
        size_t j = i;
        while (j < p->len && is_word_char(s[j]))
            j++;
        t.len = j - i;
    }
    p->tok = t;
}

/* True when t is the word @p kw (keywords are lowercase and exact). */
static bool
tok_is(const struct parser *p, const struct token *t, const char *kw)
{
    size_t n = strlen(kw);
    return t->kind == T_WORD && t->len == n &&
           memcmp(p->text + t->off, kw, n) == 0;
}

/* @returns the keyword @p t spells in another case ("AND"), or NULL. */
static const char *
keyword_in_caps(const struct parser *p, const struct token *t)
{
    static const char *const kws[] = {"and", "or", "not", "is", "has",
                                      "answered", "in"};
    for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
        size_t n = strlen(kws[i]);
        if (t->kind == T_WORD && t->len == n &&
            strncasecmp(p->text + t->off, kws[i], n) == 0 &&
            strncmp(p->text + t->off, kws[i], n) != 0)
            return kws[i];
    }
    return NULL;
}

static bool
is_keyword(const struct parser *p, const struct token *t)
{
    static const char *const kws[] = {"and", "or", "not", "is", "has",
                                      "answered", "in"};
    for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
        if (tok_is(p, t, kws[i]))
            return true;
    return false;
}

/* Ends a condition or a parenthesised part: end, ')', and, or. */
static bool
at_boundary(const struct parser *p)
{
    return p->tok.kind == T_END || p->tok.kind == T_RPAREN ||
           tok_is(p, &p->tok, "and") || tok_is(p, &p->tok, "or");
}

/* A token as written, for messages; long ones are cut. */
static int
tok_width(const struct token *t)
{
    return t->len > 40 ? 40 : (int)t->len;
}

static const char *
tok_text(const struct parser *p, const struct token *t)
{
    return p->text + t->off;
}

/* Explains an operator from another language. */
static void
bad_operator(struct parser *p)
{
    const struct token *t = &p->tok;
    const char *s = tok_text(p, t);
    const char *advice;
    if (s[0] == '!' && t->len == 2)
        advice = "write 'is not' to test that an answer is not a value";
    else if (s[0] == '!')
        advice = "write 'not' to negate a condition";
    else if (s[0] == '=')
        advice = "write 'is' to test an answer, e.g. 'fault is damaged'";
    else if (s[0] == '&')
        advice = "write 'and' to join conditions";
    else
        advice = "write 'or' to join conditions";
    error_tok(p, t, "unexpected '%.*s': %s", tok_width(t), s, advice);
}

/* Reports the token where the end of the condition (or a ')') should be. */
static void
unexpected(struct parser *p)
{
    const struct token *t = &p->tok;
    const char *kw = keyword_in_caps(p, t);
    if (t->kind == T_BADOP) {
        bad_operator(p);
    } else if (kw) {
        error_tok(p, t, "keywords are lowercase: write '%s'", kw);
    } else if (t->kind == T_RPAREN) {
        error_tok(p, t, "unbalanced parenthesis: this ')' has no "
                        "matching '('");
    } else if ((t->kind == T_WORD || t->kind == T_STRING) &&
               p->prev_value) {
        error_tok(p, t,
                  "unexpected '%.*s' after the value '%.*s': put a value "
                  "with spaces in quotes (\"%.*s %.*s\"), or join two "
                  "conditions with 'and' or 'or'",
                  tok_width(t), tok_text(p, t), tok_width(&p->prev),
                  tok_text(p, &p->prev), tok_width(&p->prev),
                  tok_text(p, &p->prev), tok_width(t), tok_text(p, t));
    } else {
        error_tok(p, t, "unexpected '%.*s': join two conditions with "
                        "'and' or 'or'",
                  tok_width(t), tok_text(p, t));
    }
}

/* ---- parser -------------------------------------------------------------- */

struct span {
    size_t start, end; /* bytes [start, end) of the condition */
};

static struct fb_cond *
new_node(struct parser *p, enum fb_cond_op kind, struct span sp)
{
    struct fb_cond *n = fb_arena_alloc(&p->c->arena, sizeof(*n));
    n->kind = kind;
    n->loc = loc_of(p, sp.start, sp.end - sp.start);
    return n;
}

static struct fb_cond *parse_or(struct parser *p, struct span *out);

static bool
parse_value(struct parser *p, struct fb_cond *test, const char *after)
{
    const struct token *t = &p->tok;
    if (t->kind == T_WORD && !is_keyword(p, t)) {
        test->value = fb_arena_strndup(&p->c->arena, tok_text(p, t), t->len);
    } else if (t->kind == T_STRING) {
        test->value = fb_arena_strndup(&p->c->arena, tok_text(p, t) + 1,
                                       t->len - 2);
        test->value_quoted = true;
    } else if (t->kind == T_WORD) {
        error_tok(p, t, "expected a value after '%s', found the keyword "
                        "'%.*s'; put it in quotes if it is the value",
                  after, tok_width(t), tok_text(p, t));
        return false;
    } else if (t->kind == T_END) {
        error_tok(p, t, "expected a value after '%s'", after);
        return false;
    } else {
        error_tok(p, t, "expected a value after '%s', found '%.*s'", after,
                  tok_width(t), tok_text(p, t));
        return false;
    }
    test->value_loc = loc_of(p, t->off, t->len);
    advance(p);
    p->prev_value = true;
    return true;
}

/* Reads "[VALUE, VALUE, ...]" after @p after into @p test. */
static bool
parse_list(struct parser *p, struct fb_cond *test, const char *after)
{
    if (p->tok.kind != T_LBRACK) {
        error_tok(p, &p->tok, "expected a list after '%s', such as "
                              "[SK1, SK2]", after);
        return false;
    }
    advance(p);
    const char **values = fb_arena_alloc(&p->c->arena,
                                         MAX_VALUES * sizeof *values);
    struct fb_loc *locs = fb_arena_alloc(&p->c->arena,
                                         MAX_VALUES * sizeof *locs);
    size_t n = 0;
    for (;;) {
        if (n == MAX_VALUES) {
            error_tok(p, &p->tok, "a list holds at most %d values; split "
                                  "the condition with 'or'",
                      MAX_VALUES);
            return false;
        }
        struct fb_cond one = {0};
        if (!parse_value(p, &one, n ? "," : "["))
            return false;
        values[n] = one.value;
        locs[n++] = one.value_loc;
        p->prev_value = false;
        if (p->tok.kind == T_RBRACK)
            break;
        if (p->tok.kind == T_END) {
            error_tok(p, &p->tok, "the list is not closed: add ']' after "
                                  "its last value");
            return false;
        }
        if (p->tok.kind != T_COMMA) {
            error_tok(p, &p->tok, "expected ',' or ']' in the list after "
                                  "'%.*s'; put a value with spaces in quotes",
                      tok_width(&p->prev), tok_text(p, &p->prev));
            return false;
        }
        advance(p);
    }
    advance(p);
    test->values = values;
    test->value_locs = locs;
    test->n_values = n;
    return true;
}

static const char *
comparison_text(enum tok_kind k)
{
    switch (k) {
    case T_LT: return "<";
    case T_LE: return "<=";
    case T_GT: return ">";
    default: return ">=";
    }
}

static struct fb_cond *
parse_test(struct parser *p, struct span *out)
{
    const struct token id = p->tok;
    const char *s = tok_text(p, &id);
    if (id.kind == T_END) {
        if (p->prev.len)
            error_tok(p, &id, "expected a condition after '%.*s'",
                      tok_width(&p->prev), tok_text(p, &p->prev));
        else
            error_tok(p, &id, "expected a condition");
        return NULL;
    }
    if (id.kind == T_BADOP) {
        bad_operator(p);
        return NULL;
    }
    if (id.kind == T_STRING) {
        error_tok(p, &id, "expected a question id, found a quoted string; "
                          "write the id without quotes");
        return NULL;
    }
    if (id.kind != T_WORD || !((s[0] >= 'a' && s[0] <= 'z') ||
                               (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) {
        error_tok(p, &id, "expected a question id, found '%.*s'",
                  tok_width(&id), s);
        return NULL;
    }
    advance(p);
    p->prev_value = false;

    struct fb_cond test = {0};
    const struct token *t = &p->tok;
    /* postcode of ID in [AREA, ...] */
    struct token ident = id;
    bool postcode = id.len == 8 && memcmp(s, "postcode", 8) == 0 &&
                    tok_is(p, t, "of");
    if (postcode) {
        advance(p);
        ident = p->tok;
        if (ident.kind != T_WORD || is_keyword(p, &ident)) {
            error_tok(p, &ident, "expected the id of an address or "
                                 "postcode question after 'postcode of'");
            return NULL;
        }
        advance(p);
    }
    /* count of GROUP OP N, any GROUP.ID ... (repeating pages) */
    if (!postcode && id.len == 5 && memcmp(s, "count", 5) == 0
        && tok_is(p, t, "of")) {
        advance(p);
        ident = p->tok;
        if (ident.kind != T_WORD || is_keyword(p, &ident)) {
            error_tok(p, &ident, "expected the id of a repeating page "
                                 "after 'count of'");
            return NULL;
        }
        advance(p);
        test.over = FB_COND_OVER_COUNT;
        test.group = fb_arena_strndup(&p->c->arena, tok_text(p, &ident),
                                      ident.len);
        test.group_loc = loc_of(p, ident.off, ident.len);
    } else if (!postcode && id.len == 3 && memcmp(s, "any", 3) == 0
               && t->kind == T_WORD && !is_keyword(p, t)
               && memchr(tok_text(p, t), '.', t->len)) {
        ident = p->tok;
        advance(p);
        const char *text = tok_text(p, &ident);
        size_t dot = (size_t)((const char *)memchr(text, '.', ident.len)
                              - text);
        if (dot == 0 || dot + 1 >= ident.len) {
            error_tok(p, &ident, "expected a repeating page and one of its "
                                 "questions after 'any', such as "
                                 "any people.relationship is child");
            return NULL;
        }
        test.over = FB_COND_OVER_ANY;
        test.group = fb_arena_strndup(&p->c->arena, text, dot);
        test.group_loc = loc_of(p, ident.off, dot);
        ident.off += dot + 1;
        ident.len -= dot + 1;
    }
    test.question = fb_arena_strndup(&p->c->arena, tok_text(p, &ident),
                                     ident.len);
    test.question_loc = loc_of(p, ident.off, ident.len);
    if (postcode) {
        if (!tok_is(p, t, "in")) {
            error_tok(p, t, "expected 'in' and a list of postcode areas "
                            "after 'postcode of %.*s', such as "
                            "in [SK1, SK2]",
                      tok_width(&ident), tok_text(p, &ident));
            return NULL;
        }
        advance(p);
        test.kind = FB_COND_POSTCODE_IN;
        if (!parse_list(p, &test, "in"))
            return NULL;
    } else if (tok_is(p, t, "in")) {
        advance(p);
        test.kind = FB_COND_IN;
        if (!parse_list(p, &test, "in"))
            return NULL;
    } else if (tok_is(p, t, "starts")) {
        advance(p);
        if (!tok_is(p, t, "with")) {
            error_tok(p, t, "expected 'with' after 'starts'");
            return NULL;
        }
        advance(p);
        test.kind = FB_COND_STARTS_WITH;
        if (!parse_value(p, &test, "starts with"))
            return NULL;
    } else if (tok_is(p, t, "is")) {
        advance(p);
        const char *after = "is";
        test.kind = FB_COND_IS;
        if (tok_is(p, t, "not")) {
            advance(p);
            after = "is not";
            test.kind = FB_COND_IS_NOT;
        }
        if (!parse_value(p, &test, after))
            return NULL;
    } else if (tok_is(p, t, "has")) {
        advance(p);
        test.kind = FB_COND_HAS;
        if (!parse_value(p, &test, "has"))
            return NULL;
    } else if (tok_is(p, t, "answered")) {
        advance(p);
        test.kind = FB_COND_ANSWERED;
    } else if (t->kind >= T_LT && t->kind <= T_GE) {
        enum tok_kind op = t->kind;
        test.kind = op == T_LT ? FB_COND_LT : op == T_LE ? FB_COND_LE
                  : op == T_GT ? FB_COND_GT : FB_COND_GE;
        advance(p);
        if (!parse_value(p, &test, comparison_text(op)))
            return NULL;
    } else if (t->kind == T_BADOP) {
        bad_operator(p);
        return NULL;
    } else if (keyword_in_caps(p, t)) {
        error_tok(p, t, "keywords are lowercase: write '%s'",
                  keyword_in_caps(p, t));
        return NULL;
    } else {
        error_tok(p, t, "expected 'is', 'has', 'answered', 'starts with', "
                        "'in' or a comparison after '%.*s'",
                  tok_width(&id), s);
        return NULL;
    }
    out->start = id.off;
    out->end = p->prev.off + p->prev.len;
    struct fb_cond *n = new_node(p, test.kind, *out);
    struct fb_loc loc = n->loc;
    *n = test;
    n->loc = loc;
    return n;
}

static struct fb_cond *
parse_unary(struct parser *p, struct span *out)
{
    if (++p->depth > MAX_DEPTH) {
        error_tok(p, &p->tok, "condition nested too deeply (more than %d "
                              "levels of 'not' and parentheses); simplify "
                              "it",
                  MAX_DEPTH);
        return NULL;
    }
    struct fb_cond *n = NULL;
    const struct token start = p->tok;
    if (tok_is(p, &start, "not")) {
        advance(p);
        p->prev_value = false;
        if (at_boundary(p)) {
            error_tok(p, &start, "expected a condition after 'not'");
            return NULL;
        }
        struct span inner;
        struct fb_cond *operand = parse_unary(p, &inner);
        if (!operand)
            return NULL;
        *out = (struct span){start.off, inner.end};
        n = new_node(p, FB_COND_NOT, *out);
        n->lhs = operand;
    } else if (start.kind == T_LPAREN) {
        advance(p);
        p->prev_value = false;
        if (p->tok.kind == T_RPAREN) {
            error_tok(p, &p->tok, "empty parentheses: put a condition "
                                  "between '(' and ')'");
            return NULL;
        }
        struct span inner;
        n = parse_or(p, &inner);
        if (!n)
            return NULL;
        if (p->tok.kind == T_END) {
            error_tok(p, &start, "unbalanced parenthesis: this '(' is "
                                 "never closed; add a ')'");
            return NULL;
        }
        if (p->tok.kind != T_RPAREN) {
            unexpected(p);
            return NULL;
        }
        *out = (struct span){start.off, p->tok.off + 1};
        advance(p);
        p->prev_value = false;
        /* The node keeps its own location; parentheses only group. */
    } else if (tok_is(p, &start, "and") || tok_is(p, &start, "or")) {
        error_tok(p, &start, "'%.*s' needs a condition on both sides",
                  tok_width(&start), tok_text(p, &start));
        return NULL;
    } else {
        n = parse_test(p, out);
    }
    p->depth--;
    return n;
}

/* One level of `and` or `or`, left-associative. */
static struct fb_cond *
parse_chain(struct parser *p, struct span *out, const char *word,
            enum fb_cond_op kind,
            struct fb_cond *(*operand)(struct parser *, struct span *))
{
    struct fb_cond *lhs = operand(p, out);
    if (!lhs)
        return NULL;
    while (tok_is(p, &p->tok, word)) {
        const struct token op = p->tok;
        advance(p);
        p->prev_value = false;
        if (at_boundary(p)) {
            error_tok(p, &op, "'%s' needs a condition on both sides", word);
            return NULL;
        }
        struct span rs;
        struct fb_cond *rhs = operand(p, &rs);
        if (!rhs)
            return NULL;
        out->end = rs.end;
        struct fb_cond *n = new_node(p, kind, *out);
        n->lhs = lhs;
        n->rhs = rhs;
        lhs = n;
    }
    return lhs;
}

static struct fb_cond *
parse_and(struct parser *p, struct span *out)
{
    return parse_chain(p, out, "and", FB_COND_AND, parse_unary);
}

static struct fb_cond *
parse_or(struct parser *p, struct span *out)
{
    return parse_chain(p, out, "or", FB_COND_OR, parse_and);
}

/* Parses a condition that is within the length limit. */
static struct fb_cond *
parse_all(struct parser *p)
{
    advance(p);
    if (p->failed)
        return NULL;
    if (p->tok.kind == T_END) {
        struct fb_loc loc = *p->where;
        loc.len = 1;
        fb_diag(p->c, FB_ERROR, &loc, "when-syntax",
                "empty condition: write a test such as 'fault is damaged', "
                "or remove 'when'");
        return NULL;
    }
    struct span sp;
    struct fb_cond *cond = parse_or(p, &sp);
    if (cond && p->tok.kind != T_END)
        unexpected(p);
    return p->failed ? NULL : cond;
}

struct fb_cond *
fb_cond_parse(struct fb_compiler *c, const char *text,
              const struct fb_loc *where, bool quoted)
{
    struct parser p = {0};
    p.c = c;
    p.text = text;
    p.len = strlen(text);
    p.where = where;
    p.quoted = quoted;

    unsigned chars = (unsigned)fb_utf8_count(text, p.len);
    if (chars > MAX_CHARS) {
        struct fb_loc loc = *where;
        loc.len = 1;
        fb_diag(c, FB_ERROR, &loc, "when-syntax",
                "condition too long (%u characters; at most %d): simplify "
                "it or split the page",
                chars, MAX_CHARS);
        return NULL;
    }
    /* Map every byte to its source position in one walk, so locating a
     * token costs nothing; without memory, each token walks on its own. */
    p.start = fb_scalar_find(where, text);
    if (p.start.ok)
        p.map = calloc(p.len + 1, sizeof(*p.map));
    if (p.map)
        fb_scalar_map(&p.start, text, p.map);
    struct fb_cond *cond = parse_all(&p);
    free(p.map);
    return cond;
}

void
fb_cond_each_test(struct fb_cond *cond,
                  void (*fn)(struct fb_cond *test, void *ctx), void *ctx)
{
    if (!cond)
        return;
    switch (cond->kind) {
    case FB_COND_AND:
    case FB_COND_OR:
        fb_cond_each_test(cond->lhs, fn, ctx);
        fb_cond_each_test(cond->rhs, fn, ctx);
        break;
    case FB_COND_NOT:
        fb_cond_each_test(cond->lhs, fn, ctx);
        break;
    default:
        fn(cond, ctx);
        break;
    }
}

bool
fb_cond_is_comparison(enum fb_cond_op kind)
{
    return kind == FB_COND_LT || kind == FB_COND_LE || kind == FB_COND_GT ||
           kind == FB_COND_GE;
}

const char *
fb_cond_op_word(enum fb_cond_op kind)
{
    static const char *const words[] = {
        [FB_COND_IS] = "is",
        [FB_COND_IS_NOT] = "is not",
        [FB_COND_HAS] = "has",
        [FB_COND_ANSWERED] = "answered",
        [FB_COND_LT] = "<",
        [FB_COND_LE] = "<=",
        [FB_COND_GT] = ">",
        [FB_COND_GE] = ">=",
        [FB_COND_AND] = "and",
        [FB_COND_OR] = "or",
        [FB_COND_NOT] = "not",
        [FB_COND_STARTS_WITH] = "starts with",
        [FB_COND_IN] = "in",
        [FB_COND_POSTCODE_IN] = "postcode of",
    };
    return (size_t)kind < sizeof words / sizeof words[0] && words[kind]
               ? words[kind] : "?";
}

static bool
is_junction(const struct fb_cond_desc *c)
{
    return c->op == FB_COND_AND || c->op == FB_COND_OR;
}

/* A literal as the condition language writes it: quoted when it would not
 * read back as one word. */
static const char *
value_text(struct fb_arena *a, const char *v)
{
    v = v ? v : "";
    bool quote = !*v || strpbrk(v, " \t()\"'[],");
    return quote ? fb_arena_printf(a, "\"%s\"", v) : v;
}

const char *
fb_cond_desc_text(struct fb_arena *a, const struct fb_cond_desc *c)
{
    if (c->op == FB_COND_NOT) {
        const char *s = fb_cond_desc_text(a, c->lhs);
        return fb_arena_printf(a, is_junction(c->lhs) ? "not (%s)" : "not %s",
                               s);
    }
    if (is_junction(c)) {
        const char *l = fb_cond_desc_text(a, c->lhs);
        const char *r = fb_cond_desc_text(a, c->rhs);
        /* `and` binds tighter than `or`. */
        bool wrap_l = c->op == FB_COND_AND && c->lhs->op == FB_COND_OR;
        bool wrap_r = c->op == FB_COND_AND && c->rhs->op == FB_COND_OR;
        return fb_arena_printf(a, "%s%s%s %s %s%s%s", wrap_l ? "(" : "", l,
                               wrap_l ? ")" : "", fb_cond_op_word(c->op),
                               wrap_r ? "(" : "", r, wrap_r ? ")" : "");
    }
    const char *q = c->question ? c->question->id : "?";
    if (c->over == FB_COND_OVER_COUNT)
        return fb_arena_printf(a, "count of %s %s %s", c->group,
                               fb_cond_op_word(c->op),
                               value_text(a, c->value.text));
    if (c->over == FB_COND_OVER_ANY)
        q = fb_arena_printf(a, "any %s.%s", c->group, q);
    if (c->op == FB_COND_ANSWERED)
        return fb_arena_printf(a, "%s answered", q);
    if (c->op == FB_COND_IN || c->op == FB_COND_POSTCODE_IN) {
        const char *list = "";
        for (size_t i = 0; i < c->n_values; i++)
            list = fb_arena_printf(a, "%s%s%s", list, i ? ", " : "",
                                   value_text(a, c->values[i].text));
        return c->op == FB_COND_IN
                   ? fb_arena_printf(a, "%s in [%s]", q, list)
                   : fb_arena_printf(a, "postcode of %s in [%s]", q, list);
    }
    return fb_arena_printf(a, "%s %s %s", q, fb_cond_op_word(c->op),
                           value_text(a, c->value.text));
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the `when:` condition parser (compiler/cond.c): every
 * construct of the grammar, precedence and grouping, quoted and date
 * values, source locations, and each syntax error with its column. Each
 * condition is parsed as the value of `when: ` on line 1 of a small source.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "cond.h"

static struct fb_compiler cc;
static struct fb_source src;
static char text[4096];

static void
setup(void)
{
    fb_compiler_init(&cc);
}

static void
teardown(void)
{
    fb_compiler_free(&cc);
}

/* Starts afresh, so each parse is judged by its own diagnostics. */
static void
reset(void)
{
    fb_compiler_free(&cc);
    fb_compiler_init(&cc);
}

/* Parses @p cond as written after "when: " (so it starts at column 7). */
static struct fb_cond *
parse(const char *cond)
{
    reset();
    snprintf(text, sizeof(text), "when: %s\n", cond);
    src = (struct fb_source){.path = "t.yaml", .text = text,
                             .len = strlen(text)};
    struct fb_loc where = {&src, 1, 7, 0};
    return fb_cond_parse(&cc, cond, &where, false);
}

/* Parses @p source (a whole `when:` line, maybe quoted or folded) whose
 * decoded value is @p value, starting at column @p col of line 1. */
static struct fb_cond *
parse_source(const char *source, const char *value, unsigned col,
             bool quoted)
{
    reset();
    snprintf(text, sizeof(text), "%s", source);
    src = (struct fb_source){.path = "t.yaml", .text = text,
                             .len = strlen(text)};
    struct fb_loc where = {&src, 1, col, 0};
    return fb_cond_parse(&cc, value, &where, quoted);
}

static void
dump(void)
{
    for (size_t i = 0; i < cc.n_diags; i++)
        fprintf(stderr, "  %u:%u+%u %s: %s\n", cc.diags[i].loc.line,
                cc.diags[i].loc.col, cc.diags[i].loc.len, cc.diags[i].id,
                cc.diags[i].message);
}

static struct fb_cond *
parse_ok(const char *cond)
{
    struct fb_cond *c = parse(cond);
    if (!c)
        dump();
    ck_assert_msg(c != NULL, "'%s' did not parse", cond);
    ck_assert_uint_eq(cc.n_diags, 0);
    return c;
}

/* Asserts that @p cond fails with one when-syntax error at column @p col
 * whose message contains @p words. */
static void
parse_bad(const char *cond, unsigned col, const char *words)
{
    struct fb_cond *c = parse(cond);
    if (c || cc.n_diags != 1)
        dump();
    ck_assert_msg(c == NULL, "'%s' parsed", cond);
    ck_assert_uint_eq(cc.n_diags, 1);
    const struct fb_diag *d = &cc.diags[0];
    ck_assert_str_eq(d->id, "when-syntax");
    ck_assert_int_eq(d->severity, FB_ERROR);
    ck_assert_uint_eq(d->loc.line, 1);
    ck_assert_msg(d->loc.col == col, "'%s': column %u, expected %u (%s)",
                  cond, d->loc.col, col, d->message);
    ck_assert_msg(strstr(d->message, words) != NULL,
                  "'%s': message '%s' lacks '%s'", cond, d->message, words);
}

static void
assert_test(const struct fb_cond *c, enum fb_cond_op kind,
            const char *question, const char *value)
{
    ck_assert_int_eq(c->kind, kind);
    ck_assert_str_eq(c->question, question);
    if (value)
        ck_assert_str_eq(c->value, value);
    else
        ck_assert_ptr_null(c->value);
    ck_assert_ptr_null(c->target);
}

/* ---- constructs ---------------------------------------------------------- */

START_TEST(is_value)
{
    struct fb_cond *c = parse_ok("fault is damaged");
    assert_test(c, FB_COND_IS, "fault", "damaged");
    ck_assert(!c->value_quoted);
}
END_TEST

START_TEST(is_not_value)
{
    assert_test(parse_ok("fault is not out"), FB_COND_IS_NOT, "fault", "out");
}
END_TEST

START_TEST(has_option)
{
    assert_test(parse_ok("bins has garden"), FB_COND_HAS, "bins", "garden");
}
END_TEST

START_TEST(answered)
{
    assert_test(parse_ok("phone answered"), FB_COND_ANSWERED, "phone", NULL);
}
END_TEST

START_TEST(comparisons)
{
    assert_test(parse_ok("age < 18"), FB_COND_LT, "age", "18");
    assert_test(parse_ok("age <= -3.5"), FB_COND_LE, "age", "-3.5");
    assert_test(parse_ok("age>65"), FB_COND_GT, "age", "65");
    assert_test(parse_ok("moved >= 2024-02-29"), FB_COND_GE, "moved",
                "2024-02-29");
}
END_TEST

START_TEST(relative_dates)
{
    assert_test(parse_ok("visit < today"), FB_COND_LT, "visit", "today");
    assert_test(parse_ok("visit >= today+14d"), FB_COND_GE, "visit",
                "today+14d");
    assert_test(parse_ok("visit > today-7d"), FB_COND_GT, "visit",
                "today-7d");
}
END_TEST

START_TEST(bare_word_values)
{
    assert_test(parse_ok("band is council-tax-2"), FB_COND_IS, "band",
                "council-tax-2");
    assert_test(parse_ok("floor is 3"), FB_COND_IS, "floor", "3");
}
END_TEST

START_TEST(double_quoted_value)
{
    struct fb_cond *c = parse_ok("fault is \"street light\"");
    assert_test(c, FB_COND_IS, "fault", "street light");
    ck_assert(c->value_quoted);
    /* The location covers the quotes. */
    ck_assert_uint_eq(c->value_loc.col, 16);
    ck_assert_uint_eq(c->value_loc.len, 14);
}
END_TEST

START_TEST(single_quoted_value)
{
    struct fb_cond *c = parse_ok("fault is 'not working'");
    assert_test(c, FB_COND_IS, "fault", "not working");
    ck_assert(c->value_quoted);
}
END_TEST

START_TEST(quoted_keyword_value)
{
    assert_test(parse_ok("word is \"and\""), FB_COND_IS, "word", "and");
}
END_TEST

START_TEST(and_binds_tighter_than_or)
{
    struct fb_cond *c = parse_ok("a is x or b is y and c is z");
    ck_assert_int_eq(c->kind, FB_COND_OR);
    assert_test(c->lhs, FB_COND_IS, "a", "x");
    ck_assert_int_eq(c->rhs->kind, FB_COND_AND);
    assert_test(c->rhs->lhs, FB_COND_IS, "b", "y");
    assert_test(c->rhs->rhs, FB_COND_IS, "c", "z");
}
END_TEST

START_TEST(and_is_left_associative)
{
    struct fb_cond *c = parse_ok("a answered and b answered and c answered");
    ck_assert_int_eq(c->kind, FB_COND_AND);
    ck_assert_int_eq(c->lhs->kind, FB_COND_AND);
    assert_test(c->lhs->lhs, FB_COND_ANSWERED, "a", NULL);
    assert_test(c->lhs->rhs, FB_COND_ANSWERED, "b", NULL);
    assert_test(c->rhs, FB_COND_ANSWERED, "c", NULL);
}
END_TEST

START_TEST(not_binds_tightest)
{
    struct fb_cond *c = parse_ok("not a answered and b answered");
    ck_assert_int_eq(c->kind, FB_COND_AND);
    ck_assert_int_eq(c->lhs->kind, FB_COND_NOT);
    assert_test(c->lhs->lhs, FB_COND_ANSWERED, "a", NULL);
    ck_assert_ptr_null(c->lhs->rhs);
    assert_test(c->rhs, FB_COND_ANSWERED, "b", NULL);
}
END_TEST

START_TEST(double_not)
{
    struct fb_cond *c = parse_ok("not not a is x");
    ck_assert_int_eq(c->kind, FB_COND_NOT);
    ck_assert_int_eq(c->lhs->kind, FB_COND_NOT);
    assert_test(c->lhs->lhs, FB_COND_IS, "a", "x");
}
END_TEST

START_TEST(parentheses_group)
{
    struct fb_cond *c = parse_ok("(a is x or b is y) and c is z");
    ck_assert_int_eq(c->kind, FB_COND_AND);
    ck_assert_int_eq(c->lhs->kind, FB_COND_OR);
    assert_test(c->rhs, FB_COND_IS, "c", "z");
}
END_TEST

START_TEST(not_of_parentheses)
{
    struct fb_cond *c = parse_ok("not (a is x or a is y)");
    ck_assert_int_eq(c->kind, FB_COND_NOT);
    ck_assert_int_eq(c->lhs->kind, FB_COND_OR);
}
END_TEST

START_TEST(nested_parentheses)
{
    struct fb_cond *c = parse_ok("((a answered))");
    assert_test(c, FB_COND_ANSWERED, "a", NULL);
}
END_TEST

START_TEST(keywords_as_ids)
{
    /* A question may be called like a keyword's prefix. */
    assert_test(parse_ok("notes answered"), FB_COND_ANSWERED, "notes", NULL);
    assert_test(parse_ok("island is orkney"), FB_COND_IS, "island",
                "orkney");
}
END_TEST

/* ---- locations ----------------------------------------------------------- */

START_TEST(test_locations)
{
    struct fb_cond *c = parse_ok("a is x and fault is damaged");
    const struct fb_cond *t = c->rhs;
    ck_assert_uint_eq(t->question_loc.line, 1);
    ck_assert_uint_eq(t->question_loc.col, 18);
    ck_assert_uint_eq(t->question_loc.len, 5);
    ck_assert_uint_eq(t->value_loc.col, 27);
    ck_assert_uint_eq(t->value_loc.len, 7);
    /* A test spans from its id to its value. */
    ck_assert_uint_eq(t->loc.col, 18);
    ck_assert_uint_eq(t->loc.len, 16);
    /* An operator node spans both operands. */
    ck_assert_uint_eq(c->loc.col, 7);
    ck_assert_uint_eq(c->loc.len, 27);
}
END_TEST

START_TEST(locations_in_quoted_scalar)
{
    /* when: "fault is \"x y\"": the escapes shift later columns. */
    struct fb_cond *c = parse_source("when: \"a is \\\"x y\\\" or b iz c\"\n",
                                     "a is \"x y\" or b iz c", 7, true);
    ck_assert_ptr_null(c);
    ck_assert_uint_eq(cc.n_diags, 1);
    ck_assert_uint_eq(cc.diags[0].loc.col, 26);
    ck_assert_uint_eq(cc.diags[0].loc.len, 2);
}
END_TEST

START_TEST(locations_in_folded_scalar)
{
    /* A plain scalar over two lines: the error is on line 2. */
    struct fb_cond *c = parse_source("when: fault is out\n  and fault iz day\n",
                                     "fault is out and fault iz day", 7,
                                     false);
    ck_assert_ptr_null(c);
    ck_assert_uint_eq(cc.n_diags, 1);
    ck_assert_uint_eq(cc.diags[0].loc.line, 2);
    ck_assert_uint_eq(cc.diags[0].loc.col, 13);
}
END_TEST

START_TEST(locations_in_literal_block)
{
    /* when: | with a more-indented second line, kept as written. */
    struct fb_cond *c = parse_source("when: |\n  fault is out\n"
                                     "    or fault iz day\n",
                                     "fault is out\n  or fault iz day\n", 7,
                                     true);
    ck_assert_ptr_null(c);
    ck_assert_uint_eq(cc.n_diags, 1);
    ck_assert_uint_eq(cc.diags[0].loc.line, 3);
    ck_assert_uint_eq(cc.diags[0].loc.col, 14);
    ck_assert_uint_eq(cc.diags[0].loc.len, 2);
}
END_TEST

START_TEST(locations_without_source)
{
    /* No source text kept: columns are counted from the scalar. */
    reset();
    struct fb_loc where = {NULL, 4, 10, 0};
    struct fb_cond *c = fb_cond_parse(&cc, "fault iz out", &where, true);
    ck_assert_ptr_null(c);
    ck_assert_uint_eq(cc.diags[0].loc.line, 4);
    ck_assert_uint_eq(cc.diags[0].loc.col, 17);
}
END_TEST

/* ---- helpers ------------------------------------------------------------- */

static void
collect(struct fb_cond *test, void *ctx)
{
    char *out = ctx;
    strcat(out, test->question);
    strcat(out, " ");
}

START_TEST(each_test_in_source_order)
{
    struct fb_cond *c = parse_ok("a answered or not (b is x and c < 3) or d "
                                 "has y");
    char seen[64] = "";
    fb_cond_each_test(c, collect, seen);
    ck_assert_str_eq(seen, "a b c d ");
}
END_TEST

START_TEST(is_comparison)
{
    ck_assert(fb_cond_is_comparison(FB_COND_LT));
    ck_assert(fb_cond_is_comparison(FB_COND_LE));
    ck_assert(fb_cond_is_comparison(FB_COND_GT));
    ck_assert(fb_cond_is_comparison(FB_COND_GE));
    ck_assert(!fb_cond_is_comparison(FB_COND_IS));
    ck_assert(!fb_cond_is_comparison(FB_COND_HAS));
    ck_assert(!fb_cond_is_comparison(FB_COND_AND));
}
END_TEST

/* ---- syntax errors ------------------------------------------------------- */

START_TEST(error_missing_operator)
{
    parse_bad("fault", 12, "expected 'is', 'has', 'answered', 'starts "
                           "with', 'in' or a comparison after 'fault'");
    parse_bad("fault out", 13, "after 'fault'");
}
END_TEST

/* The tests of lists and prefixes: their parts and their mistakes. */
START_TEST(parses_in_starts_with_and_postcode_of)
{
    struct fb_cond *c = parse("fault in [out, \"not sure\", day]");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->kind, FB_COND_IN);
    ck_assert_str_eq(c->question, "fault");
    ck_assert_uint_eq(c->n_values, 3);
    ck_assert_str_eq(c->values[1], "not sure");
    c = parse("postcode of home in [SK1, SK22]");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->kind, FB_COND_POSTCODE_IN);
    ck_assert_str_eq(c->question, "home");
    ck_assert_str_eq(c->values[1], "SK22");
    c = parse("reg starts with AB and postcode is x");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->kind, FB_COND_AND);
    ck_assert_int_eq(c->lhs->kind, FB_COND_STARTS_WITH);
    ck_assert_str_eq(c->lhs->value, "AB");
    ck_assert_str_eq(c->rhs->question, "postcode"); /* an id still */
    parse_bad("fault in out", 16, "expected a list after 'in'");
    parse_bad("fault in [out day]", 21, "expected ',' or ']'");
    parse_bad("fault in [out,", 21, "expected a value after ','");
    parse_bad("fault in [out", 20, "the list is not closed");
    parse_bad("reg starts AB", 18, "expected 'with' after 'starts'");
    parse_bad("postcode of home is SK1", 24, "expected 'in'");
}
END_TEST

START_TEST(error_unclosed_parenthesis)
{
    parse_bad("(fault is out", 7, "unbalanced parenthesis");
}
END_TEST

START_TEST(error_extra_parenthesis)
{
    parse_bad("fault is out)", 19, "unbalanced parenthesis");
}
END_TEST

START_TEST(error_missing_value)
{
    parse_bad("fault is", 15, "expected a value after 'is'");
    parse_bad("fault is not", 19, "expected a value after 'is not'");
    parse_bad("age <", 12, "expected a value after '<'");
    parse_bad("bins has", 15, "expected a value after 'has'");
}
END_TEST

START_TEST(error_keyword_as_value)
{
    parse_bad("fault is and", 16, "put it in quotes");
}
END_TEST

START_TEST(error_and_one_sided)
{
    parse_bad("fault is out and", 20, "'and' needs a condition on both "
                                      "sides");
    parse_bad("and fault is out", 7, "'and' needs a condition on both "
                                     "sides");
    parse_bad("a answered or", 18, "'or' needs a condition on both sides");
    parse_bad("(a answered and) or b answered", 19, "'and' needs");
}
END_TEST

START_TEST(error_value_with_spaces)
{
    parse_bad("fault is street light", 23, "put a value with spaces in "
                                           "quotes");
}
END_TEST

START_TEST(error_two_tests_without_and)
{
    parse_bad("a answered b answered", 18, "join two conditions");
}
END_TEST

START_TEST(error_foreign_operators)
{
    parse_bad("fault == out", 13, "write 'is'");
    parse_bad("fault != out", 13, "write 'is not'");
    parse_bad("a answered && b answered", 18, "write 'and'");
    parse_bad("a answered || b answered", 18, "write 'or'");
    parse_bad("!a answered", 7, "write 'not'");
}
END_TEST

START_TEST(error_keyword_case)
{
    parse_bad("fault IS out", 13, "keywords are lowercase: write 'is'");
    parse_bad("a answered AND b answered", 18, "write 'and'");
}
END_TEST

START_TEST(error_unterminated_string)
{
    parse_bad("fault is \"out", 16, "unterminated string");
}
END_TEST

START_TEST(error_empty)
{
    parse_bad("", 7, "empty condition");
    parse_bad("   ", 7, "empty condition");
}
END_TEST

START_TEST(error_not_alone)
{
    parse_bad("not", 7, "expected a condition after 'not'");
    parse_bad("a answered and not", 22, "expected a condition after "
                                        "'not'");
}
END_TEST

START_TEST(error_empty_parentheses)
{
    parse_bad("()", 8, "empty parentheses");
}
END_TEST

START_TEST(error_not_an_id)
{
    parse_bad("5 is x", 7, "expected a question id");
    parse_bad("a answered or \"fault\" is x", 21, "without quotes");
    parse_bad("a answered and (", 23, "expected a condition after '('");
}
END_TEST

START_TEST(error_nesting_depth)
{
    char cond[400] = "";
    for (int i = 0; i < 31; i++)
        strcat(cond, "not ");
    strcat(cond, "a answered");
    parse_ok(cond); /* 31 nots and the test: 32 levels */

    cond[0] = '\0';
    for (int i = 0; i < 40; i++)
        strcat(cond, "(");
    strcat(cond, "a answered");
    for (int i = 0; i < 40; i++)
        strcat(cond, ")");
    parse_bad(cond, 7 + 32, "nested too deeply");
}
END_TEST

START_TEST(error_too_long)
{
    char cond[1200] = "";
    while (strlen(cond) < 1000)
        strcat(cond, "a answered or ");
    strcat(cond, "a answered");
    parse_bad(cond, 7, "too long");
}
END_TEST

START_TEST(error_spans_token)
{
    parse_bad("fault is street lights", 23, "quotes");
    ck_assert_uint_eq(cc.diags[0].loc.len, 6);
}
END_TEST

static Suite *
cond_suite(void)
{
    Suite *s = suite_create("cond");
    TCase *t = tcase_create("parse");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, is_value);
    tcase_add_test(t, is_not_value);
    tcase_add_test(t, has_option);
    tcase_add_test(t, answered);
    tcase_add_test(t, comparisons);
    tcase_add_test(t, relative_dates);
    tcase_add_test(t, bare_word_values);
    tcase_add_test(t, double_quoted_value);
    tcase_add_test(t, single_quoted_value);
    tcase_add_test(t, quoted_keyword_value);
    tcase_add_test(t, and_binds_tighter_than_or);
    tcase_add_test(t, and_is_left_associative);
    tcase_add_test(t, not_binds_tightest);
    tcase_add_test(t, double_not);
    tcase_add_test(t, parentheses_group);
    tcase_add_test(t, not_of_parentheses);
    tcase_add_test(t, nested_parentheses);
    tcase_add_test(t, keywords_as_ids);
    tcase_add_test(t, test_locations);
    tcase_add_test(t, locations_in_quoted_scalar);
    tcase_add_test(t, locations_in_folded_scalar);
    tcase_add_test(t, locations_in_literal_block);
    tcase_add_test(t, locations_without_source);
    tcase_add_test(t, each_test_in_source_order);
    tcase_add_test(t, is_comparison);
    suite_add_tcase(s, t);

    TCase *e = tcase_create("errors");
    tcase_add_checked_fixture(e, setup, teardown);
    tcase_add_test(e, error_missing_operator);
    tcase_add_test(e, parses_in_starts_with_and_postcode_of);
    tcase_add_test(e, error_unclosed_parenthesis);
    tcase_add_test(e, error_extra_parenthesis);
    tcase_add_test(e, error_missing_value);
    tcase_add_test(e, error_keyword_as_value);
    tcase_add_test(e, error_and_one_sided);
    tcase_add_test(e, error_value_with_spaces);
    tcase_add_test(e, error_two_tests_without_and);
    tcase_add_test(e, error_foreign_operators);
    tcase_add_test(e, error_keyword_case);
    tcase_add_test(e, error_unterminated_string);
    tcase_add_test(e, error_empty);
    tcase_add_test(e, error_not_alone);
    tcase_add_test(e, error_empty_parentheses);
    tcase_add_test(e, error_not_an_id);
    tcase_add_test(e, error_nesting_depth);
    tcase_add_test(e, error_too_long);
    tcase_add_test(e, error_spans_token);
    suite_add_tcase(s, e);
    return s;
}

int
main(void)
{
    SRunner *r = srunner_create(cond_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

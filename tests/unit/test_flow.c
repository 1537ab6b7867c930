/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the flow analysis (compiler/check_reach.c) against the
 * runtime: each condition below is put on a page's `when`, formc's checks
 * say whether it is never true, always true or neither, and the driver's
 * own fb_cond_eval() is run over many answers that keep the questions'
 * rules, on many days as today. A verdict must hold for every one of
 * them (no false report), and each verdict must be the expected one (the
 * analysis finds what it should).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compiler.h"
#include "load.h"
#include "lower.h"
#include "model.h"
#include "formbuilder/driver.h"
#include "formbuilder/validate.h"

/* Every question required and on a page without a `when`, so the
 * analysis takes them as answered; pc is optional. */
#define FORM                                                               \
    "form: t\ntitle: T\npages:\n  - id: a\n    title: A\n"                 \
    "    questions:\n"                                                     \
    "      - {id: ref, type: text, label: Ref, required: true}\n"          \
    "      - {id: pc, type: postcode, label: Postcode}\n"                  \
    "      - {id: home, type: address, label: Home, required: true, "      \
    "validate: {in_area: [SK, M1]}}\n"                                     \
    "      - {id: dob, type: date, label: Born, required: true, "          \
    "validate: {past: true}}\n"                                            \
    "      - {id: n, type: number, label: N, required: true, "             \
    "validate: {integer: true, min: 1, max: 5}}\n"                         \
    "      - {id: pick, type: autocomplete, label: Pick, required: true, "       \
    "options: [{value: apple, label: Apple}, {value: apricot, label: "     \
    "Apricot}, {value: banana, label: Banana}]}\n"                         \
    "  - id: b\n    title: B\n    when: %s\n    questions:\n"              \
    "      - {id: x, type: text, label: X}\n"

enum verdict { NEITHER, NEVER, ALWAYS };

static const struct {
    const char *when;
    enum verdict verdict;
} cases[] = {
    /* text */
    {"ref is \"AB\" and ref is \"ab\"", NEVER},
    {"ref is \"AB\" or ref is not \"AB\"", ALWAYS},
    {"ref starts with \"AB\" and not (ref starts with \"ab\")", NEVER},
    {"ref starts with \"AB\" and not (ref starts with \"abc\")", NEITHER},
    {"ref starts with \"ab\" and ref is \"Ab1\"", NEITHER},
    {"ref is \"AB\" and not (ref starts with \"a\")", NEVER},
    {"ref in [\"x1\", \"X1\"] or ref starts with \"x\"", NEITHER},
    {"ref in [\"x1\", \"X1\"] and not (ref starts with \"x\")", NEVER},
    {"ref starts with \"a\" or ref starts with \"b\"", NEITHER},
    {"pc is \"sk1 1aa\"", NEVER},
    {"pc is \"SK1 1AA\" or pc starts with \"m\"", NEITHER},
    {"pc starts with \"SK1\" and not (postcode of home in [SK])", NEITHER},
    /* postcodes */
    {"postcode of home in [SK, M1]", ALWAYS},
    {"postcode of home in [SK, M]", ALWAYS},
    {"postcode of home in [SK]", NEITHER},
    {"postcode of home in [M2, SW1A]", NEVER},
    {"postcode of home in [SK1] and postcode of home in [SK10]", NEVER},
    {"postcode of home in [SK1] and postcode of home in [SK]", NEITHER},
    {"postcode of home in [SK1, SK10]", NEITHER},
    {"postcode of pc in [SK1] and not (postcode of pc in [SK])", NEVER},
    {"postcode of pc in [SK] or not (postcode of pc in [SK])", ALWAYS},
    {"postcode of pc in [M]", NEITHER},
    /* dates */
    {"dob > today", NEVER},
    {"dob >= today", NEVER},
    {"dob < today", ALWAYS},
    {"dob is today-1d", NEITHER},
    {"dob < today-1d", NEITHER},
    {"dob > 2099-12-30", NEVER},
    {"dob > 2010-01-01 and dob < 2009-12-31", NEVER},
    {"dob > 2010-01-01 and dob < today-6570d", NEITHER},
    {"dob > today-2d and dob is not today-1d", NEVER},
    {"dob <= 2000-01-01 or dob > 2000-01-01", ALWAYS},
    {"dob < 2000-01-01", NEITHER},
    /* in */
    {"pick in [apple, apricot, banana]", ALWAYS},
    {"pick in [apple, apricot]", NEITHER},
    {"pick starts with \"ap\" or pick is banana", ALWAYS},
    {"pick starts with \"ap\" and pick is banana", NEVER},
    {"n in [0, 6, 2.5]", NEVER},
    {"n in [1, 2, 3, 4, 5]", ALWAYS},
    {"n in [1, 5] and n > 1", NEITHER},
    /* mixed */
    {"(n in [2] and dob < today-1d) or ref starts with \"z\"", NEITHER},
    {"n < 3 and pick is apple and postcode of home in [SK2]", NEITHER},
};

static struct fb_compiler cc;

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

static bool
reported(const char *id)
{
    for (size_t i = 0; i < cc.n_diags; i++)
        if (strcmp(cc.diags[i].id, id) == 0)
            return true;
    return false;
}

/* The answers tried: each list in full, combined. */
static const char *const refs[] = {"AB", "ab", "Ab1", "ABC", "abc1", "x1",
                                   "X1", "b", "zz"};
static const char *const pcs[] = {NULL, "SK1 1AA", "SK10 2BB", "M1 1AA",
                                  "SK2 3CD", "M2 4EF"};
static const char *const homes[] = {"SK1 1AA", "SK10 1AA", "SK2 1AA",
                                    "M1 1AA", "M2 1AA"};
static const char *const ns[] = {"1", "2", "5", "0"};
static const char *const picks[] = {"apple", "apricot", "banana"};
/* dob: days before today, then fixed days */
static const int dob_back[] = {1, 2, 6570, 6571};
static const struct fb_date dob_fixed[] = {
    {1999, 12, 31}, {2000, 1, 1}, {2009, 12, 31}, {2010, 1, 1},
    {2010, 1, 2}};
static const struct fb_date todays[] = {
    {2000, 1, 1}, {2000, 1, 2}, {2010, 1, 2}, {2010, 1, 3},
    {2028, 1, 1}, {2099, 12, 31}};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Whether the answers keep the form's rules on @p today (the test keeps
 * them by hand: in_area, past, min, max and integer). */
static bool
keeps_rules(const char *home, const char *n, const struct fb_date *dob,
            const struct fb_date *today)
{
    bool in_area = strncmp(home, "SK", 2) == 0 ||
                   strncmp(home, "M1 ", 3) == 0;
    int v = atoi(n);
    return in_area && fb_date_cmp(dob, today) < 0 && v >= 1 && v <= 5;
}

START_TEST(verdicts_hold_on_every_answer)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, FORM, cases[_i].when);
    struct fb_node *root = fb_load_string(&cc, "t.yaml", yaml, strlen(yaml));
    ck_assert_ptr_nonnull(root);
    struct fb_form *form = fb_model_build(&cc, root);
    ck_assert_ptr_nonnull(form);
    fb_check_form(&cc, form);
    enum verdict got = reported("unreachable-page")   ? NEVER
                       : reported("when-always-true") ? ALWAYS
                                                      : NEITHER;
    for (size_t i = 0; i < cc.n_diags; i++)
        if (strcmp(cc.diags[i].id, "unreachable-page") != 0 &&
            strcmp(cc.diags[i].id, "when-always-true") != 0)
            ck_abort_msg("'%s': unexpected %s: %s", cases[_i].when,
                         cc.diags[i].id, cc.diags[i].message);
    cc.n_diags = 0; /* lowering wants a form without errors */
    struct fb_lowered *lw = fb_lower_form(&cc, form);
    const struct fb_cond_desc *when = fb_form_find_page(lw->desc, "b")->when;
    struct fb_answers *a = fb_answers_new();
    ck_assert_ptr_nonnull(a);
    size_t tried = 0, held = 0;
    for (size_t t = 0; t < N(todays); t++)
        for (size_t d = 0; d < N(dob_back) + N(dob_fixed); d++) {
            struct fb_date dob = d < N(dob_back)
                                     ? fb_date_add_days(todays[t],
                                                        -dob_back[d])
                                     : dob_fixed[d - N(dob_back)];
            char iso[FB_DATE_ISO_SIZE];
            fb_date_iso(&dob, iso);
            for (size_t k = 0; k < N(refs) * N(pcs) * N(homes) * N(ns) *
                                       N(picks);
                 k++) {
                size_t r = k;
                const char *ref = refs[r % N(refs)];
                r /= N(refs);
                const char *pc = pcs[r % N(pcs)];
                r /= N(pcs);
                const char *home = homes[r % N(homes)];
                r /= N(homes);
                const char *n = ns[r % N(ns)];
                r /= N(ns);
                const char *pick = picks[r % N(picks)];
                if (!keeps_rules(home, n, &dob, &todays[t]))
                    continue;
                fb_answers_clear(a);
                fb_answers_set(a, "ref", ref);
                if (pc)
                    fb_answers_set(a, "pc", pc);
                fb_answers_set(a, "home.line1", "1 High Street");
                fb_answers_set(a, "home.postcode", home);
                fb_answers_set(a, "dob", iso);
                fb_answers_set(a, "n", n);
                fb_answers_set(a, "pick", pick);
                bool v = fb_cond_eval(when, a, &todays[t]);
                tried++;
                held += v;
                ck_assert_msg(!(got == NEVER && v) && !(got == ALWAYS && !v),
                              "'%s' is reported %s, but holds %s for ref "
                              "%s, pc %s, home %s, dob %s, n %s, pick %s "
                              "on %04d-%02d-%02d",
                              cases[_i].when,
                              got == NEVER ? "never true" : "always true",
                              v ? "true" : "false", ref, pc ? pc : "-",
                              home, iso, n, pick, todays[t].year,
                              todays[t].month, todays[t].day);
            }
        }
    fb_answers_free(a);
    ck_assert_uint_gt(tried, 0);
    ck_assert_msg(got == cases[_i].verdict,
                  "'%s': reported %d, expected %d (held on %zu of %zu)",
                  cases[_i].when, got, cases[_i].verdict, held, tried);
}
END_TEST

static Suite *
flow_suite(void)
{
    Suite *s = suite_create("flow");
    TCase *t = tcase_create("verdicts");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_loop_test(t, verdicts_hold_on_every_answer, 0, N(cases));
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    SRunner *r = srunner_create(flow_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

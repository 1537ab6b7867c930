/* SPDX-License-Identifier: MIT */
/*
 * Smoke test of the generated tables of every form in examples/ and
 * forms/, reached through the table `formc registry` writes: each form has
 * this library's format and fb_form_init() compiles its regexes, the
 * driver renders each page into HTML that passes htmlcheck, and validates
 * each page given no answers into errors whose anchors exist on the
 * re-rendered page (htmlcheck follows every error-summary link).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/answers.h"
#include "formbuilder/driver.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "formbuilder/html.h"
#include "formbuilder/render.h"
#include "formbuilder/validate.h"
#include "htmlcheck.h"

extern const struct fb_form_desc *const fb_registered_forms[];
extern const size_t fb_n_registered_forms;

static void
report(void *ud, long line, const char *message)
{
    fprintf(stderr, "%s:%ld: %s\n", (const char *)ud, line, message);
}

/* Renders @p ctx's page with the driver's renderer and checks it.
 * @returns the number of problems htmlcheck found. */
static size_t
render_and_check(const struct fb_render_ctx *ctx, const char *what)
{
    struct fb_html w;
    fb_html_init(&w);
    fb_render_page(&w, ctx);
    size_t len = 0;
    char *html = fb_html_take(&w, &len);
    ck_assert_ptr_nonnull(html);
    size_t problems = fb_htmlcheck(html, len, report, (void *)what);
    free(html);
    return problems;
}

START_TEST(test_form)
{
    const struct fb_form_desc *f = fb_registered_forms[_i];
    const struct fb_date today = {2025, 6, 15};
    char what[256], why[256];

    ck_assert_msg(fb_form_check(f, why, sizeof why) == 0, "%s", why);
    ck_assert_msg(fb_form_init(f, why, sizeof why) == 0, "%s", why);
    ck_assert_uint_eq(strlen(f->version), 16);
    for (size_t p = 0; p < f->n_pages; p++) {
        const struct fb_page_desc *page = &f->pages[p];
        struct fb_answers *in = fb_answers_new();
        struct fb_answers *out = fb_answers_new();
        struct fb_errors *errs = fb_errors_new();
        struct fb_render_ctx ctx = {
            .form = f,
            .page = page,
            .answers = in,
            .lang = FB_LANG_EN,
            .today = &today,
            .form_href = "/form/",
            .assets_href = "/assets/",
            .csrf_token = "token",
        };
        snprintf(what, sizeof what, "%s/%s", f->slug, page->id);
        ck_assert_uint_eq(render_and_check(&ctx, what), 0);
        if (page->n_questions) {
            ck_assert(fb_validate_page(page, in, &today, out, errs));
            for (size_t i = 0; i < fb_errors_count(errs); i++)
                ck_assert_ptr_nonnull(
                    fb_form_find_question(f, fb_errors_at(errs, i)->question));
            ctx.errors = errs;
            snprintf(what, sizeof what, "%s/%s (errors)", f->slug, page->id);
            ck_assert_uint_eq(render_and_check(&ctx, what), 0);
        }
        fb_answers_free(in);
        fb_answers_free(out);
        fb_errors_free(errs);
    }
    fb_form_fini(f);
}
END_TEST

START_TEST(test_registry_not_empty)
{
    ck_assert_uint_ge(fb_n_registered_forms, 1);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("generated-forms");
    TCase *t = tcase_create("forms");
    tcase_add_test(t, test_registry_not_empty);
    tcase_add_loop_test(t, test_form, 0, (int)fb_n_registered_forms);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* SPDX-License-Identifier: MIT */
/*
 * The generated validators fed arbitrary answers: every form in examples/
 * and forms/ as formc built it, run by the driver as the server runs it.
 * The first byte picks the form, the second its page, the third the
 * page's language; the rest is the page's urlencoded POST body. The page
 * is validated (every error must be about a question of the form) and
 * rendered again with the answers and errors, and the page must pass
 * htmlcheck: every error-summary link has its target, ids are unique.
 */
#include <stdio.h>
#include <stdlib.h>

#include "formbuilder/answers.h"
#include "formbuilder/driver.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "formbuilder/html.h"
#include "formbuilder/render.h"
#include "formdata.h"
#include "fuzz.h"
#include "htmlcheck.h"

extern const struct fb_form_desc *const fb_registered_forms[];
extern const size_t fb_n_registered_forms;

/* The server's default field limit (max_fields, config.c). */
#define MAX_FIELDS 200

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char why[256];
    for (size_t i = 0; i < fb_n_registered_forms; i++)
        if (fb_form_init(fb_registered_forms[i], why, sizeof why) != 0)
            fuzz_fail(__FILE__, __LINE__, why);
    return 0;
}

static void
report(void *ud, long line, const char *message)
{
    fprintf(stderr, "%s:%ld: %s\n", (const char *)ud, line, message);
}

static void
render_and_check(const struct fb_render_ctx *ctx)
{
    struct fb_html w;
    fb_html_init(&w);
    fb_render_page(&w, ctx);
    size_t len = 0;
    char *html = fb_html_take(&w, &len);
    if (!html)
        return; /* out of memory: not a finding */
    size_t problems = fb_htmlcheck(html, len, report, (void *)ctx->page->id);
    FUZZ_ASSERT(problems == 0, "the page with these answers fails htmlcheck");
    free(html);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3 || fb_n_registered_forms == 0)
        return 0;
    static const struct fb_date today = {2025, 6, 15};
    const struct fb_form_desc *f =
        fb_registered_forms[data[0] % fb_n_registered_forms];
    const struct fb_page_desc *page = &f->pages[data[1] % f->n_pages];
    enum fb_lang lang = (data[2] & 1) ? FB_LANG_CY : FB_LANG_EN;

    struct fb_answers *in = fb_answers_new();
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    if (!in || !out || !errs ||
        fb_formdata_parse((const char *)data + 3, size - 3, MAX_FIELDS, in)
            != FB_FORMDATA_OK)
        goto done;
    if (!fb_validate_page(page, in, &today, out, errs))
        goto done; /* out of memory or an undecided pattern: a 500 */
    for (size_t i = 0; i < fb_errors_count(errs); i++)
        FUZZ_ASSERT(fb_form_find_question(f, fb_errors_at(errs, i)->question),
                    "an error about no question of the form");
    struct fb_render_ctx ctx = {
        .form = f,
        .page = page,
        .answers = in,
        .errors = fb_errors_count(errs) ? errs : NULL,
        .lang = lang,
        .today = &today,
        .form_href = "/form/",
        .assets_href = "/assets/",
        .csrf_token = "token",
    };
    render_and_check(&ctx);
done:
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
    return 0;
}

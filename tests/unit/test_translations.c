/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the language pieces of formc: `languages:` lists
 * (compiler/lang.c), the text ids of a form (compiler/texts.c) and the PO
 * and CSV translation files (compiler/translations_file.c), read back
 * exactly as written and with their errors at the right lines.
 */
#include "translations_file.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontend.h"
#include "lang.h"
#include "load.h"
#include "texts.h"

static struct fb_compiler comp;
static char dir[] = "/tmp/fb-translations-XXXXXX";

static void
setup(void)
{
    fb_compiler_init(&comp);
}

static void
teardown(void)
{
    fb_compiler_free(&comp);
}

/* Writes @p text to a file named @p name in the test directory.
 * @returns its path, in the arena. */
static const char *
write_file(const char *name, const char *text)
{
    const char *path = fb_arena_printf(&comp.arena, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
    return path;
}

static const struct fb_diag *
find_diag(const char *id)
{
    for (size_t i = 0; i < comp.n_diags; i++)
        if (strcmp(comp.diags[i].id, id) == 0)
            return &comp.diags[i];
    return NULL;
}

/* ---- languages -------------------------------------------------------- */

static unsigned
read_list(const char *yaml)
{
    const struct fb_node *root = fb_load_string(&comp, "t.yaml", yaml,
                                                strlen(yaml));
    ck_assert_ptr_nonnull(root);
    return fb_lang_read_list(&comp, fb_node_get(root, "languages"));
}

START_TEST(languages_en_and_cy)
{
    ck_assert_uint_eq(read_list("languages: [en, cy]\n"),
                      FB_LANG_BIT(FB_LANG_EN) | FB_LANG_BIT(FB_LANG_CY));
    ck_assert_uint_eq(read_list("languages: [en]\n"), FB_LANG_BIT(FB_LANG_EN));
    ck_assert_uint_eq(comp.n_diags, 0);
}
END_TEST

START_TEST(languages_unknown_code_suggests)
{
    ck_assert_uint_eq(read_list("languages: [en, cym]\n"),
                      FB_LANG_BIT(FB_LANG_EN));
    const struct fb_diag *d = find_diag("unknown-language");
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(d->loc.line, 1);
    ck_assert_uint_eq(d->loc.col, 17);
    ck_assert_ptr_nonnull(strstr(d->message, "did you mean 'cy'"));
}
END_TEST

START_TEST(languages_need_english)
{
    /* English is kept: every text has it, whatever the list says. */
    ck_assert_uint_eq(read_list("languages: [cy]\n"),
                      FB_LANG_BIT(FB_LANG_EN) | FB_LANG_BIT(FB_LANG_CY));
    ck_assert_ptr_nonnull(find_diag("unknown-language"));
}
END_TEST

START_TEST(languages_twice)
{
    read_list("languages: [en, cy, cy]\n");
    const struct fb_diag *d = find_diag("unknown-language");
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(d->loc.col, 21);
}
END_TEST

START_TEST(languages_peek_reports_nothing)
{
    const char *yaml = "languages: [cy, 7, [x]]\n";
    const struct fb_node *root = fb_load_string(&comp, "t.yaml", yaml,
                                                strlen(yaml));
    ck_assert_uint_eq(fb_lang_peek_list(fb_node_get(root, "languages")),
                      FB_LANG_BIT(FB_LANG_EN) | FB_LANG_BIT(FB_LANG_CY));
    ck_assert_uint_eq(fb_lang_peek_list(NULL), FB_LANG_BIT(FB_LANG_EN));
    ck_assert_uint_eq(comp.n_diags, 0);
}
END_TEST

/* ---- text ids --------------------------------------------------------- */

struct ids {
    const char *list[32];
    size_t n;
};

static void
collect(void *ctx, const struct fb_text_ref *ref)
{
    struct ids *ids = ctx;
    if (ids->n < 32)
        ids->list[ids->n++] = ref->id;
}

START_TEST(text_ids_in_form_order)
{
    const char *yaml =
        "form: t\n"
        "title: T\n"
        "start: {body: B}\n"
        "pages:\n"
        "  - id: p\n"
        "    title: P\n"
        "    content:\n"
        "      - paragraph: Para\n"
        "      - list: [One, Two]\n"
        "    questions:\n"
        "      - id: q\n"
        "        type: radios\n"
        "        label: Q\n"
        "        required: Pick one\n"
        "        options:\n"
        "          - {value: a, label: A, hint: H}\n"
        "          - b\n"
        "confirmation: {title: Done}\n";
    struct fb_form *form = fb_front_end_string(&comp, "t.yaml", yaml,
                                               strlen(yaml));
    ck_assert_ptr_nonnull(form);
    struct ids ids = {{0}, 0};
    fb_texts_walk(&comp, form, collect, &ids);
    static const char *const want[] = {
        "form.title", "start.body", "page.p.title",
        "page.p.content.1.text", "page.p.content.2.item.1",
        "page.p.content.2.item.2", "question.q.label",
        "question.q.option.a.label", "question.q.option.a.hint",
        "question.q.option.b.label", "question.q.rule.required.message",
        "confirmation.title",
    };
    ck_assert_uint_eq(ids.n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < ids.n; i++)
        ck_assert_str_eq(ids.list[i], want[i]);
}
END_TEST

/* ---- PO and CSV ------------------------------------------------------- */

static const struct fb_translation tricky[] = {
    {"a.title", "t.yaml:3", "Say \"hi\"", "Dywedwch \"helo\"", {0}},
    {"b.body", "t.yaml:4", "Line one\n\nLine \\two", "Llinell un\n\nLlinell \\dau", {0}},
    {"c.hint", "t.yaml:5", "Tab\there, comma, done", "", {0}},
};
#define N_TRICKY (sizeof(tricky) / sizeof(tricky[0]))

static void
round_trip(enum fb_translations_format format, const char *name)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_translations_write(&b, format, "t.yaml", tricky, N_TRICKY);
    ck_assert(!b.failed);
    const char *path = write_file(name, b.data);
    fb_buf_free(&b);
    struct fb_translation *got = NULL;
    long n = fb_translations_read(&comp, path, &got);
    ck_assert_int_eq(n, (long)N_TRICKY);
    for (size_t i = 0; i < N_TRICKY; i++) {
        ck_assert_str_eq(got[i].id, tricky[i].id);
        ck_assert_str_eq(got[i].en, tricky[i].en);
        ck_assert_str_eq(got[i].cy, tricky[i].cy);
    }
    ck_assert_uint_eq(comp.n_errors, 0);
}

START_TEST(po_round_trip)
{
    round_trip(FB_TRANSLATIONS_PO, "t.po");
}
END_TEST

START_TEST(csv_round_trip)
{
    round_trip(FB_TRANSLATIONS_CSV, "t.csv");
}
END_TEST

START_TEST(po_fuzzy_is_untranslated)
{
    const char *path = write_file("f.po",
        "msgid \"\"\nmsgstr \"Language: cy\\n\"\n\n"
        "#, fuzzy\nmsgctxt \"x\"\nmsgid \"A\"\nmsgstr \"B\"\n\n"
        "msgctxt \"y\"\nmsgid \"C\"\nmsgstr \"\"\n\"D\"\n");
    struct fb_translation *got = NULL;
    ck_assert_int_eq(fb_translations_read(&comp, path, &got), 2);
    ck_assert_str_eq(got[0].cy, "");
    ck_assert_str_eq(got[1].cy, "D");
}
END_TEST

START_TEST(po_errors_at_their_lines)
{
    const char *path = write_file("bad.po",
        "msgctxt \"x\"\nmsgid \"A\"\nmsgstr \"B\n\n"
        "msgid \"no context\"\nmsgstr \"C\"\n");
    struct fb_translation *got = NULL;
    ck_assert_int_eq(fb_translations_read(&comp, path, &got), -1);
    ck_assert_uint_eq(comp.n_errors, 2);
    ck_assert_uint_eq(comp.diags[0].loc.line, 3);
    ck_assert_uint_eq(comp.diags[1].loc.line, 5);
    ck_assert_str_eq(comp.diags[1].id, "bad-translations");
}
END_TEST

START_TEST(csv_quotes_and_rows)
{
    const char *path = write_file("q.csv",
        "id,source,en,cy\n"
        "a,s,\"x, y\",\"un \"\"dau\"\"\ntri\"\n"
        "b,s,z\r\n");
    struct fb_translation *got = NULL;
    ck_assert_int_eq(fb_translations_read(&comp, path, &got), -1);
    /* Row 2 is good; the row at line 4 has three fields. */
    ck_assert_uint_eq(comp.n_errors, 1);
    ck_assert_uint_eq(comp.diags[0].loc.line, 4);
    ck_assert_str_eq(got[0].cy, "un \"dau\"\ntri");
}
END_TEST

START_TEST(csv_needs_header)
{
    const char *path = write_file("h.csv", "a,b,c,d\n");
    struct fb_translation *got = NULL;
    ck_assert_int_eq(fb_translations_read(&comp, path, &got), -1);
    ck_assert_ptr_nonnull(find_diag("bad-translations"));
}
END_TEST

START_TEST(other_extensions_refused)
{
    struct fb_translation *got = NULL;
    ck_assert_int_eq(fb_translations_read(&comp, "x.txt", &got), -1);
    ck_assert_ptr_nonnull(find_diag("io"));
}
END_TEST

int
main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    Suite *s = suite_create("translations");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, languages_en_and_cy);
    tcase_add_test(tc, languages_unknown_code_suggests);
    tcase_add_test(tc, languages_need_english);
    tcase_add_test(tc, languages_twice);
    tcase_add_test(tc, languages_peek_reports_nothing);
    tcase_add_test(tc, text_ids_in_form_order);
    tcase_add_test(tc, po_round_trip);
    tcase_add_test(tc, csv_round_trip);
    tcase_add_test(tc, po_fuzzy_is_untranslated);
    tcase_add_test(tc, po_errors_at_their_lines);
    tcase_add_test(tc, csv_quotes_and_rows);
    tcase_add_test(tc, csv_needs_header);
    tcase_add_test(tc, other_extensions_refused);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    const char *names[] = {"t.po", "t.csv", "f.po", "bad.po", "q.csv",
                           "h.csv"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char path[sizeof(dir) + 16];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return failed ? 1 : 0;
}

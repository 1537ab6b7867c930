/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the server's walk (runtime/server/walk.c) without HTTP: a
 * hand-built three-page form whose third page applies only when the first
 * page's answer is "yes" and asks only optional questions. The walk must
 * stop at a page the resident has not sent, even one that would pass
 * empty, and must leave out pages that stopped applying. Out of memory
 * anywhere in the walk, the readers included, fails the walk (the server
 * answers 500) and never shows as an error on a page.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

#include "failmalloc.h"

#define EN(s) {{s, NULL}}

static const struct fb_date today = {2025, 6, 1};

/* where: are you a resident? */
static const struct fb_option_desc yes_no[] = {
    {.value = "yes", .label = EN("Yes")},
    {.value = "no", .label = EN("No")},
};
static const struct fb_question_desc q_resident = {
    .id = "resident", .type = FB_Q_YES_NO, .label = EN("Are you a resident?"),
    .noun = EN("Whether you are a resident"), .options = yes_no,
    .n_options = 2, .required = true,
};
/* about: a name (required) and a date of birth (optional) */
static const struct fb_question_desc q_name = {
    .id = "name", .type = FB_Q_TEXT, .label = EN("Your name"),
    .noun = EN("Your name"), .required = true,
};
static const struct fb_question_desc q_dob = {
    .id = "dob", .type = FB_Q_DATE, .label = EN("Date of birth"),
    .noun = EN("Date of birth"),
};
/* extra: residents only, nothing required */
static const struct fb_question_desc q_notes = {
    .id = "notes", .type = FB_Q_TEXTAREA, .label = EN("Anything else?"),
    .noun = EN("Anything else"),
};

static const struct fb_question_desc *const where_qs[] = {&q_resident};
static const struct fb_question_desc *const about_qs[] = {&q_name, &q_dob};
static const struct fb_question_desc *const extra_qs[] = {&q_notes};
static const struct fb_item_desc where_items[] = {{.question = &q_resident}};
static const struct fb_item_desc about_items[] = {{.question = &q_name},
                                                  {.question = &q_dob}};
static const struct fb_item_desc extra_items[] = {{.question = &q_notes}};
static const struct fb_cond_desc is_resident = {
    .op = FB_COND_IS, .question = &q_resident,
    .value = {.kind = FB_LITERAL_TEXT, .text = "yes"},
};

static const struct fb_page_desc pages[] = {
    {.id = "where", .title = EN("Where you live"), .questions = where_qs,
     .n_questions = 1, .items = where_items, .n_items = 1},
    {.id = "about", .title = EN("About you"), .questions = about_qs,
     .n_questions = 2, .items = about_items, .n_items = 2},
    {.id = "extra", .title = EN("Anything else"), .questions = extra_qs,
     .n_questions = 1, .items = extra_items, .n_items = 1,
     .when = &is_resident},
};
static const struct fb_page_desc *const where = &pages[0];
static const struct fb_page_desc *const about = &pages[1];
static const struct fb_page_desc *const extra = &pages[2];

static const struct fb_question_desc *const all_qs[] = {&q_resident, &q_name,
                                                        &q_dob, &q_notes};
static const struct fb_form_desc form = {
    .format = FB_FORMAT, .slug = "walk-test", .title = EN("Walk test"),
    .pages = pages, .n_pages = 3, .questions = all_qs, .n_questions = 4,
};

static struct fb_answers *raw, *seen;
static struct fb_walk w;

static void
setup(void)
{
    raw = fb_answers_new();
    seen = fb_answers_new();
    ck_assert(raw && seen);
    memset(&w, 0, sizeof w);
}

static void
teardown(void)
{
    fb_walk_free(&w);
    fb_answers_free(raw);
    fb_answers_free(seen);
}

/* Marks the pages named in @p ids (NULL-terminated) as sent. */
static void
mark_seen(const char *const *ids)
{
    for (; *ids; ids++)
        ck_assert_int_eq(fb_answers_set(seen, *ids, "1"), 0);
}

static void
walk(const struct fb_answers *sent)
{
    fb_walk_free(&w);
    ck_assert_int_eq(fb_walk_run(&w, &form, raw, sent, &today), 0);
}

START_TEST(walk_stops_at_an_optional_page_not_sent)
{
    fb_answers_add(raw, "resident", "yes");
    fb_answers_add(raw, "name", "Ann");
    mark_seen((const char *const[]){"where", "about", NULL});
    walk(seen);
    ck_assert_ptr_eq(w.incomplete, extra);
    ck_assert(w.unseen);
    ck_assert_ptr_null(w.exit);
    ck_assert_uint_eq(fb_errors_count(w.errs), 0);
    ck_assert_uint_eq(w.n, 3);
    ck_assert_ptr_eq(w.pages[0], where);
    ck_assert_ptr_eq(w.pages[1], about);
    ck_assert_ptr_eq(w.pages[2], extra);
    ck_assert_int_eq(fb_walk_index(&w, extra), 2);
}
END_TEST

START_TEST(walk_completes_when_every_page_was_sent)
{
    fb_answers_add(raw, "resident", "yes");
    fb_answers_add(raw, "name", " Ann ");
    fb_answers_add(raw, "notes", "");
    mark_seen((const char *const[]){"where", "about", "extra", NULL});
    walk(seen);
    ck_assert_ptr_null(w.incomplete);
    ck_assert(!w.unseen);
    ck_assert_uint_eq(w.n, 3);
    ck_assert_uint_eq(fb_errors_count(w.errs), 0);
    /* normalised answers of the applying pages */
    ck_assert_str_eq(fb_answers_get(w.out, "resident"), "yes");
    ck_assert_str_eq(fb_answers_get(w.out, "name"), "Ann");
    ck_assert_ptr_null(fb_answers_get(w.out, "notes"));
}
END_TEST

START_TEST(walk_without_a_seen_set_treats_every_page_as_sent)
{
    fb_answers_add(raw, "resident", "yes");
    fb_answers_add(raw, "name", "Ann");
    walk(NULL);
    ck_assert_ptr_null(w.incomplete);
    ck_assert_uint_eq(w.n, 3);
}
END_TEST

START_TEST(walk_leaves_out_a_page_that_stopped_applying)
{
    /* once a resident, the notes answered; then the first answer changed */
    fb_answers_add(raw, "resident", "no");
    fb_answers_add(raw, "name", "Ann");
    fb_answers_add(raw, "notes", "left from before");
    mark_seen((const char *const[]){"where", "about", "extra", NULL});
    walk(seen);
    ck_assert_ptr_null(w.incomplete);
    ck_assert_uint_eq(w.n, 2);
    ck_assert_int_eq(fb_walk_index(&w, extra), -1);
    ck_assert_str_eq(fb_answers_get(w.out, "resident"), "no");
    ck_assert_ptr_null(fb_answers_get(w.out, "notes"));
    /* and the page is not waited for when it was never sent */
    fb_answers_clear(seen);
    mark_seen((const char *const[]){"where", "about", NULL});
    walk(seen);
    ck_assert_ptr_null(w.incomplete);
    ck_assert_uint_eq(w.n, 2);
}
END_TEST

START_TEST(walk_keeps_answers_of_an_applying_page)
{
    fb_answers_add(raw, "resident", "yes");
    fb_answers_add(raw, "name", "Ann");
    fb_answers_add(raw, "notes", "line one\r\nline two");
    walk(NULL);
    ck_assert_ptr_null(w.incomplete);
    ck_assert_str_eq(fb_answers_get(w.out, "notes"), "line one\nline two");
}
END_TEST

START_TEST(walk_stops_at_the_first_page_with_errors)
{
    fb_answers_add(raw, "resident", "yes");
    fb_answers_add(raw, "dob-day", "31");
    fb_answers_add(raw, "dob-month", "2");
    fb_answers_add(raw, "dob-year", "2000");
    mark_seen((const char *const[]){"where", "about", "extra", NULL});
    walk(seen);
    ck_assert_ptr_eq(w.incomplete, about);
    ck_assert(!w.unseen);
    ck_assert_uint_eq(w.n, 2);
    ck_assert_uint_eq(fb_errors_count(w.errs), 2);
    ck_assert_ptr_nonnull(fb_errors_find(w.errs, "name"));
    ck_assert_str_eq(fb_errors_find(w.errs, "dob")->anchor, "dob-day");
    /* what failed is not submitted */
    ck_assert_ptr_null(fb_answers_get(w.out, "name"));
    ck_assert_ptr_null(fb_answers_get(w.out, "dob"));
}
END_TEST

START_TEST(walk_stops_at_the_first_page_not_sent)
{
    fb_answers_add(raw, "resident", "yes");
    walk(seen);
    ck_assert_ptr_eq(w.incomplete, where);
    ck_assert(w.unseen);
    ck_assert_uint_eq(w.n, 1);
}
END_TEST

START_TEST(page_fields_include_parts)
{
    ck_assert(fb_page_has_field(about, "name"));
    ck_assert(fb_page_has_field(about, "dob-day"));
    ck_assert(fb_page_has_field(about, "dob-year"));
    ck_assert(!fb_page_has_field(about, "dob"));
    ck_assert(!fb_page_has_field(about, "dob-hour"));
    ck_assert(!fb_page_has_field(about, "names"));
    ck_assert(!fb_page_has_field(about, "resident"));

    fb_answers_add(raw, "resident", "yes");
    fb_answers_add(raw, "name", "Ann");
    fb_answers_add(raw, "dob-day", "1");
    fb_answers_add(raw, "dob-month", "2");
    fb_answers_add(raw, "names", "not on the page");
    ck_assert_int_eq(fb_page_remove_fields(about, raw), 0);
    ck_assert_uint_eq(fb_answers_size(raw), 2);
    ck_assert_str_eq(fb_answers_get(raw, "resident"), "yes");
    ck_assert_str_eq(fb_answers_get(raw, "names"), "not on the page");
}
END_TEST

/* Every allocation of a walk whose answers need the heap, failed in turn:
 * the walk either fails (journey.c answers 500) or ends exactly as with
 * memory enough; it never stops at a page with an error memory caused. */
START_TEST(walk_out_of_memory_fails_the_walk)
{
    static char notes[700], stored[700];
    struct fb_walk base, oom;
    long n, failed = 0;

    /* long, and with a CR LF, which the reader copies to make LF */
    memset(notes, 'n', sizeof notes - 1);
    memcpy(notes + 600, "\r\n", 2);
    memcpy(stored, notes, 600);
    memcpy(stored + 600, notes + 601, sizeof notes - 601);
    fb_answers_add(raw, "resident", "yes");
    fb_answers_add(raw, "name", "  Ann   Other with a name long enough  ");
    fb_answers_add(raw, "dob-day", "29");
    fb_answers_add(raw, "dob-month", "February");
    fb_answers_add(raw, "dob-year", "2000");
    fb_answers_add(raw, "notes", notes);
    ck_assert_int_eq(fb_walk_run(&base, &form, raw, NULL, &today), 0);
    ck_assert_ptr_null(base.incomplete);
    ck_assert_str_eq(fb_answers_get(base.out, "notes"), stored);
    for (n = 1;; n++) {
        failmalloc_fail_at(n);
        int rc = fb_walk_run(&oom, &form, raw, NULL, &today);
        bool fired = failmalloc_fired();
        failmalloc_fail_at(0);
        if (rc != 0) {
            ck_assert(fired);
            failed++;
            continue;
        }
        ck_assert_msg(oom.incomplete == NULL &&
                          fb_errors_count(oom.errs) == 0 &&
                          fb_answers_size(oom.out) ==
                              fb_answers_size(base.out),
                      "allocation %ld failed, yet the walk stopped at '%s' "
                      "with %zu errors", n,
                      oom.incomplete ? oom.incomplete->id : "-",
                      fb_errors_count(oom.errs));
        fb_walk_free(&oom);
        if (!fired)
            break;
    }
    fb_walk_free(&base);
    ck_assert_int_gt(failed, 5);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("walk");
    TCase *tc = tcase_create("walk");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, walk_stops_at_an_optional_page_not_sent);
    tcase_add_test(tc, walk_completes_when_every_page_was_sent);
    tcase_add_test(tc, walk_without_a_seen_set_treats_every_page_as_sent);
    tcase_add_test(tc, walk_leaves_out_a_page_that_stopped_applying);
    tcase_add_test(tc, walk_keeps_answers_of_an_applying_page);
    tcase_add_test(tc, walk_stops_at_the_first_page_with_errors);
    tcase_add_test(tc, walk_stops_at_the_first_page_not_sent);
    tcase_add_test(tc, page_fields_include_parts);
    tcase_add_test(tc, walk_out_of_memory_fails_the_walk);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

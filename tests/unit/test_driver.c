/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the descriptor driver and the tables it reads: the
 * message catalogue and its formatter (messages.h), condition trees
 * (fb_cond_eval), page validation by rule tables (fb_validate_page), the
 * format stamp (fb_form_check) and the question-type table (qtype.h),
 * whose stored patterns are checked against what the readers store. All
 * descriptors are built here by hand, as formc would emit them.
 */
#include "formbuilder/driver.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"
#include "formbuilder/routes.h"
#include "formbuilder/validate.h"

#define EN(s) {{s, NULL}}
#define N(a) (sizeof(a) / sizeof *(a))

/* Every test runs on this day, so today-relative dates are fixed. */
static const struct fb_date today = {2025, 6, 1};

static struct fb_answers *in, *out;
static struct fb_errors *errs;
static char buf[1024];

static void
setup(void)
{
    in = fb_answers_new();
    out = fb_answers_new();
    errs = fb_errors_new();
    ck_assert(in && out && errs);
}

static void
teardown(void)
{
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}

/* The words of error @p i in English. */
static const char *
message(size_t i)
{
    const struct fb_error *e = fb_errors_at(errs, i);
    ck_assert_msg(e != NULL, "no error %zu (of %zu)", i,
                  fb_errors_count(errs));
    return fb_error_message(e, FB_LANG_EN, buf, sizeof buf);
}

/* Validates a page of questions @p qs over the answers in `in`. */
static bool
validate(const struct fb_question_desc *const *qs, size_t n)
{
    const struct fb_page_desc p = {.id = "p", .questions = qs,
                                   .n_questions = n};
    return fb_validate_page(&p, in, &today, out, errs);
}

/* Validates the one question @p q, afresh, with `in` holding only
 * @p name = @p value; @returns the number of errors. */
static size_t
validate_value(const struct fb_question_desc *q, const char *name,
               const char *value)
{
    fb_answers_clear(in);
    fb_answers_clear(out);
    fb_errors_clear(errs);
    if (value)
        ck_assert_int_eq(fb_answers_add(in, name, value), 0);
    ck_assert(validate(&q, 1));
    return fb_errors_count(errs);
}

/* ---- the catalogue ---------------------------------------------------- */

START_TEST(catalogue_every_message_has_english_and_a_name)
{
    for (int id = 0; id < FB_MSG__COUNT; id++) {
        ck_assert_msg(fb_msg_has((enum fb_msg)id, FB_LANG_EN),
                      "message %d has no English text", id);
        ck_assert_msg(fb_msg_text((enum fb_msg)id, FB_LANG_EN)[0],
                      "message %d is empty", id);
        ck_assert_msg(fb_msg_name((enum fb_msg)id)[0],
                      "message %d has no name", id);
        for (int k = 0; k < id; k++)
            ck_assert_msg(strcmp(fb_msg_name((enum fb_msg)id),
                                 fb_msg_name((enum fb_msg)k)) != 0,
                          "messages %d and %d are both called %s", k, id,
                          fb_msg_name((enum fb_msg)id));
    }
    /* out of range: empty, never NULL */
    ck_assert_str_eq(fb_msg_text(FB_MSG__COUNT, FB_LANG_EN), "");
    ck_assert_str_eq(fb_msg_name(FB_MSG__COUNT), "");
}
END_TEST

/* The {parameters} of @p s, in order, as one string ("{object}{count}");
 * {subject} is {object} with a capital, so it counts as {object}. */
static void
params_of(const char *s, char *found, size_t cap)
{
    size_t n = 0;
    found[0] = '\0';
    for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = strpbrk(p + 1, "{}");
        if (!e || *e != '}')
            continue;
        int len = (int)(e - p + 1);
        if (strncmp(p, "{subject}", 9) == 0)
            n += (size_t)snprintf(found + n, cap - n, "{object}");
        else
            n += (size_t)snprintf(found + n, cap - n, "%.*s", len, p);
        if (n >= cap)
            break;
    }
}

/* Every sentence the runtime says has its Welsh (issue 12): the test
 * names each entry that lacks it, and each Welsh text fills in the same
 * parameters as its English (in any order), so no value is dropped. */
START_TEST(catalogue_every_message_has_welsh)
{
    char missing[4096] = "";
    for (int id = 0; id < FB_MSG__COUNT; id++) {
        if (!fb_msg_has((enum fb_msg)id, FB_LANG_CY)
            || !fb_msg_text((enum fb_msg)id, FB_LANG_CY)[0]) {
            strncat(missing, " ", sizeof missing - strlen(missing) - 1);
            strncat(missing, fb_msg_name((enum fb_msg)id),
                    sizeof missing - strlen(missing) - 1);
            continue;
        }
        char en[256], cy[256];
        params_of(fb_msg_text((enum fb_msg)id, FB_LANG_EN), en, sizeof en);
        params_of(fb_msg_text((enum fb_msg)id, FB_LANG_CY), cy, sizeof cy);
        for (const char *p = en; *p; p = strchr(p, '}') + 1) {
            char one[64];
            size_t n = (size_t)(strchr(p, '}') - p + 1);
            snprintf(one, sizeof one, "%.*s", (int)n, p);
            ck_assert_msg(strstr(cy, one), "the Welsh of '%s' has no %s",
                          fb_msg_name((enum fb_msg)id), one);
        }
    }
    ck_assert_msg(!missing[0], "messages without Welsh:%s", missing);
    ck_assert_str_eq(fb_msg_text(FB_MSG_CONTINUE, FB_LANG_CY), "Parhau");
    ck_assert_str_eq(fb_msg_text(FB_MSG_PROBLEM, FB_LANG_CY),
                     "Mae problem wedi codi");
    ck_assert_str_eq(fb_msg_text(FB_MSG_ERROR_PREFIX, FB_LANG_CY), "Gwall:");
    /* a language out of range reads as English */
    ck_assert_str_eq(fb_msg_text(FB_MSG_CONTINUE, FB_LANG__COUNT),
                     "Continue");
}
END_TEST

START_TEST(format_welsh_fills_parameters)
{
    static const struct fb_i18n email = {{"Your email address",
                                          "Eich cyfeiriad e-bost"}};
    struct fb_msg_args a = {.noun = &email};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_ENTER, &a,
                                   FB_LANG_CY),
                     "Rhowch eich cyfeiriad e-bost");
    a.date = (struct fb_date){2026, 3, 1};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_BEFORE_DATE, &a,
                                   FB_LANG_CY),
                     "Rhaid i eich cyfeiriad e-bost fod cyn 1 Mawrth 2026");
    /* a noun without Welsh shows its English */
    static const struct fb_i18n en_only = EN("Your full name");
    a.noun = &en_only;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_ENTER, &a,
                                   FB_LANG_CY),
                     "Rhowch your full name");
    ck_assert_str_eq(fb_lang_code(FB_LANG_CY), "cy");
    ck_assert_int_eq(fb_lang_lookup("cy"), FB_LANG_CY);
    ck_assert_int_eq(fb_lang_lookup("en"), FB_LANG_EN);
    ck_assert_int_eq(fb_lang_lookup("fr"), -1);
    ck_assert_int_eq(fb_lang_lookup(NULL), -1);
}
END_TEST

static const struct fb_i18n full_name = EN("Your full name");
static const struct fb_i18n nhs = EN("NHS number");

START_TEST(format_object_lower_cases_first_letter)
{
    struct fb_msg_args a = {.noun = &full_name};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_ENTER, &a,
                                   FB_LANG_EN),
                     "Enter your full name");
    a.noun = &nhs;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_ENTER, &a,
                                   FB_LANG_EN),
                     "Enter NHS number");
}
END_TEST

START_TEST(format_subject_upper_cases_first_letter)
{
    static const struct fb_i18n dob = EN("date of birth");
    struct fb_msg_args a = {.noun = &dob};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_DATE_REAL, &a,
                                   FB_LANG_EN),
                     "Date of birth must be a real date");
}
END_TEST

START_TEST(format_count_has_commas_and_a_form_for_one)
{
    struct fb_msg_args a = {.noun = &full_name, .count = 1200};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MAX_LENGTH, &a,
                                   FB_LANG_EN),
                     "Your full name must be 1,200 characters or less");
    a.count = 1;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MAX_LENGTH, &a,
                                   FB_LANG_EN),
                     "Your full name must be 1 character or less");
    a.count = 999;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MIN_SELECTED, &a,
                                   FB_LANG_EN),
                     "Select at least 999 options");
    a.count = 1234567;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MIN_SELECTED, &a,
                                   FB_LANG_EN),
                     "Select at least 1,234,567 options");
    a.count = 1;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MIN_SELECTED, &a,
                                   FB_LANG_EN),
                     "Select at least 1 option");
}
END_TEST

START_TEST(format_number)
{
    static const struct fb_i18n bins = EN("The number of bins");
    struct fb_msg_args a = {.noun = &bins, .number = 1000};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MIN, &a,
                                   FB_LANG_EN),
                     "The number of bins must be 1,000 or more");
    a.number = 2.5;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MAX, &a,
                                   FB_LANG_EN),
                     "The number of bins must be 2.5 or less");
}
END_TEST

START_TEST(format_date_in_english_and_welsh)
{
    static const struct fb_i18n visit = EN("The visit");
    static const struct fb_i18n before = {{"Before {date}", "Cyn {date}"}};
    struct fb_msg_args a = {.noun = &visit, .date = {2025, 1, 1}};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_BEFORE_DATE, &a,
                                   FB_LANG_EN),
                     "The visit must be before 1 January 2025");
    ck_assert_str_eq(fb_msg_format_text(buf, sizeof buf, &before, &a,
                                        FB_LANG_CY),
                     "Cyn 1 Ionawr 2025");
    ck_assert_str_eq(fb_date_format(&(struct fb_date){2024, 12, 31},
                                    FB_LANG_EN, buf, sizeof buf),
                     "31 December 2024");
    ck_assert_str_eq(fb_date_format(&(struct fb_date){2024, 2, 29},
                                    FB_LANG_CY, buf, sizeof buf),
                     "29 Chwefror 2024");
    ck_assert_str_eq(fb_month_name(6, FB_LANG_CY), "Mehefin");
    ck_assert_str_eq(fb_month_name(12, FB_LANG_EN), "December");
    ck_assert_str_eq(fb_month_name(0, FB_LANG_EN), "");
    ck_assert_str_eq(fb_month_name(13, FB_LANG_CY), "");
}
END_TEST

START_TEST(format_money)
{
    static const struct fb_i18n amount = EN("The amount");
    struct fb_msg_args a = {.noun = &amount, .pence = 123450};
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MONEY_MIN, &a,
                                   FB_LANG_EN),
                     "The amount must be \u00a31,234.50 or more");
    a.pence = 7500;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MONEY_MAX, &a,
                                   FB_LANG_EN),
                     "The amount must be \u00a375 or less");
    a.pence = 5;
    ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_MONEY_MAX, &a,
                                   FB_LANG_EN),
                     "The amount must be \u00a30.05 or less");
}
END_TEST

START_TEST(format_time)
{
    static const struct fb_i18n when = EN("The time");
    static const struct {
        int minutes;
        const char *want;
    } cases[] = {
        {9 * 60 + 30, "The time must be before 9:30am"},
        {14 * 60, "The time must be before 2pm"},
        {12 * 60, "The time must be before midday"},
        {0, "The time must be before midnight"},
        {12 * 60 + 30, "The time must be before 12:30pm"},
        {5, "The time must be before 12:05am"},
        {23 * 60 + 59, "The time must be before 11:59pm"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct fb_msg_args a = {.noun = &when, .minutes = cases[i].minutes};
        ck_assert_str_eq(fb_msg_format(buf, sizeof buf, FB_MSG_BEFORE_TIME,
                                       &a, FB_LANG_EN),
                         cases[i].want);
    }
}
END_TEST

START_TEST(format_author_text_keeps_unknown_braces)
{
    static const struct fb_i18n text =
        EN("Use {curly} braces, { alone and {object} here {");
    struct fb_msg_args a = {.noun = &full_name};
    ck_assert_str_eq(fb_msg_format_text(buf, sizeof buf, &text, &a,
                                        FB_LANG_EN),
                     "Use {curly} braces, { alone and your full name here {");
    /* no parameters at all */
    ck_assert_str_eq(fb_msg_format_text(buf, sizeof buf, &text, NULL,
                                        FB_LANG_EN),
                     "Use {curly} braces, { alone and  here {");
}
END_TEST

START_TEST(format_truncates_at_cap)
{
    struct fb_msg_args a = {.noun = &full_name, .count = 1200};
    char small[32];

    memset(small, 'X', sizeof small);
    fb_msg_format(small, 8, FB_MSG_ENTER, &a, FB_LANG_EN);
    ck_assert_str_eq(small, "Enter y");
    ck_assert_int_eq(small[8], 'X'); /* nothing written past cap */
    /* cut inside a parameter */
    memset(small, 'X', sizeof small);
    fb_msg_format(small, 26, FB_MSG_MAX_LENGTH, &a, FB_LANG_EN);
    ck_assert_str_eq(small, "Your full name must be 1,");
    ck_assert_int_eq(small[26], 'X');
    fb_msg_format(small, sizeof small, FB_MSG_MAX_LENGTH, &a, FB_LANG_EN);
    ck_assert_str_eq(small, "Your full name must be 1,200 ch");
    fb_msg_format(small, 1, FB_MSG_ENTER, &a, FB_LANG_EN);
    ck_assert_str_eq(small, "");
    /* cap 0 writes nothing at all */
    memset(small, 'X', sizeof small);
    fb_msg_format(small, 0, FB_MSG_ENTER, &a, FB_LANG_EN);
    ck_assert_int_eq(small[0], 'X');
}
END_TEST

/* ---- conditions --------------------------------------------------------- */

static const struct fb_option_desc colours[] = {
    {.value = "red"}, {.value = "blue"},
};
static const struct fb_question_desc q_colour = {
    .id = "colour", .type = FB_Q_RADIOS, .options = colours, .n_options = 2,
};
static const struct fb_option_desc topic_options[] = {
    {.value = "bins"}, {.value = "roads"}, {.value = "parks"},
};
static const struct fb_question_desc q_topics = {
    .id = "topics", .type = FB_Q_CHECKBOXES, .options = topic_options,
    .n_options = 3,
};
static const struct fb_question_desc q_count = {
    .id = "count", .type = FB_Q_NUMBER,
};
static const struct fb_question_desc q_visit = {
    .id = "visit", .type = FB_Q_DATE,
};
static const struct fb_question_desc q_home_cond = {
    .id = "home", .type = FB_Q_ADDRESS,
};

#define TEXT_IS(op_, q_, s_)                                                 \
    {.op = (op_), .question = (q_),                                          \
     .value = {.kind = FB_LITERAL_TEXT, .text = (s_)}}
#define NUMBER(op_, q_, x_)                                                  \
    {.op = (op_), .question = (q_),                                          \
     .value = {.kind = FB_LITERAL_NUMBER, .text = #x_, .number = (x_)}}

static bool
eval(const struct fb_cond_desc *c)
{
    return fb_cond_eval(c, in, &today);
}

START_TEST(cond_null_is_true)
{
    ck_assert(fb_cond_eval(NULL, in, &today));
}
END_TEST

START_TEST(cond_is_and_is_not_on_text)
{
    const struct fb_cond_desc is = TEXT_IS(FB_COND_IS, &q_colour, "red");
    const struct fb_cond_desc is_not =
        TEXT_IS(FB_COND_IS_NOT, &q_colour, "red");

    /* unanswered */
    ck_assert(!eval(&is));
    ck_assert(eval(&is_not));
    fb_answers_set(in, "colour", "red");
    ck_assert(eval(&is));
    ck_assert(!eval(&is_not));
    fb_answers_set(in, "colour", "blue");
    ck_assert(!eval(&is));
    ck_assert(eval(&is_not));
    /* exact: no case folding, no prefix match */
    fb_answers_set(in, "colour", "Red");
    ck_assert(!eval(&is));
    fb_answers_set(in, "colour", "redder");
    ck_assert(!eval(&is));
}
END_TEST

/* starts with: a prefix of the first value, letters in any case. */
START_TEST(cond_starts_with)
{
    const struct fb_cond_desc sw =
        TEXT_IS(FB_COND_STARTS_WITH, &q_colour, "re");

    ck_assert(!eval(&sw)); /* unanswered */
    fb_answers_set(in, "colour", "Red");
    ck_assert(eval(&sw));
    fb_answers_set(in, "colour", "r");
    ck_assert(!eval(&sw));
    fb_answers_set(in, "colour", "blue");
    ck_assert(!eval(&sw));
}
END_TEST

/* in [...]: any listed value as `is` tests it, typed values by value. */
START_TEST(cond_in_lists)
{
    static const struct fb_literal listed[] = {
        {.kind = FB_LITERAL_TEXT, .text = "red"},
        {.kind = FB_LITERAL_TEXT, .text = "green"}};
    static const struct fb_literal counts[] = {
        {.kind = FB_LITERAL_NUMBER, .text = "2", .number = 2},
        {.kind = FB_LITERAL_NUMBER, .text = "4", .number = 4}};
    const struct fb_cond_desc in_colour = {.op = FB_COND_IN,
                                           .question = &q_colour,
                                           .values = listed, .n_values = 2};
    const struct fb_cond_desc in_count = {.op = FB_COND_IN,
                                          .question = &q_count,
                                          .values = counts, .n_values = 2};
    const struct fb_cond_desc in_topics = {.op = FB_COND_IN,
                                           .question = &q_topics,
                                           .values = listed, .n_values = 2};

    ck_assert(!eval(&in_colour));
    fb_answers_set(in, "colour", "green");
    ck_assert(eval(&in_colour));
    fb_answers_set(in, "colour", "blue");
    ck_assert(!eval(&in_colour));
    fb_answers_set(in, "count", "4.0");
    ck_assert(eval(&in_count));
    fb_answers_set(in, "count", "3");
    ck_assert(!eval(&in_count));
    fb_answers_add(in, "topics", "blue");
    ck_assert(!eval(&in_topics));
    fb_answers_add(in, "topics", "red");
    ck_assert(eval(&in_topics)); /* any ticked box listed */
}
END_TEST

/* postcode of: an area matches its letters only, a district its whole
 * outward code (SK1 is not SK10); an address by its postcode part. */
START_TEST(cond_postcode_areas)
{
    static const struct fb_literal borough[] = {
        {.kind = FB_LITERAL_TEXT, .text = "SK1"},
        {.kind = FB_LITERAL_TEXT, .text = "m"}};
    const struct fb_cond_desc in_borough = {.op = FB_COND_POSTCODE_IN,
                                            .question = &q_home_cond,
                                            .values = borough,
                                            .n_values = 2};

    ck_assert(!eval(&in_borough)); /* unanswered */
    fb_answers_set(in, "home.postcode", "SK1 3XE");
    ck_assert(eval(&in_borough));
    fb_answers_set(in, "home.postcode", "SK10 1AA");
    ck_assert(!eval(&in_borough));
    fb_answers_set(in, "home.postcode", "M14 5AB");
    ck_assert(eval(&in_borough));
    fb_answers_set(in, "home.postcode", "ME1 1AA");
    ck_assert(!eval(&in_borough)); /* M is not ME */
}
END_TEST

START_TEST(cond_has_on_checkboxes)
{
    const struct fb_cond_desc has_roads =
        TEXT_IS(FB_COND_HAS, &q_topics, "roads");
    const struct fb_cond_desc has_parks =
        TEXT_IS(FB_COND_HAS, &q_topics, "parks");

    ck_assert(!eval(&has_roads));
    fb_answers_add(in, "topics", "bins");
    fb_answers_add(in, "topics", "roads");
    ck_assert(eval(&has_roads));
    ck_assert(!eval(&has_parks));
}
END_TEST

START_TEST(cond_answered_sees_parts)
{
    const struct fb_cond_desc colour = {.op = FB_COND_ANSWERED,
                                        .question = &q_colour};
    const struct fb_cond_desc visit = {.op = FB_COND_ANSWERED,
                                       .question = &q_visit};
    const struct fb_cond_desc home = {.op = FB_COND_ANSWERED,
                                      .question = &q_home_cond};

    ck_assert(!eval(&colour));
    fb_answers_set(in, "colour", "");
    ck_assert(!eval(&colour)); /* empty is not an answer */
    fb_answers_set(in, "colour_other", "x");
    ck_assert(!eval(&colour)); /* another question's name */
    fb_answers_set(in, "colour", "red");
    ck_assert(eval(&colour));

    ck_assert(!eval(&visit));
    fb_answers_set(in, "visit-day", "");
    ck_assert(!eval(&visit));
    fb_answers_set(in, "visit-day", "3");
    ck_assert(eval(&visit)); /* one part of a posted date */

    ck_assert(!eval(&home));
    fb_answers_set(in, "home.line1", "1 High St");
    ck_assert(eval(&home)); /* a part of a normalised address */
}
END_TEST

START_TEST(cond_number_comparisons)
{
    const struct fb_cond_desc lt = NUMBER(FB_COND_LT, &q_count, 5);
    const struct fb_cond_desc le = NUMBER(FB_COND_LE, &q_count, 5);
    const struct fb_cond_desc gt = NUMBER(FB_COND_GT, &q_count, 5);
    const struct fb_cond_desc ge = NUMBER(FB_COND_GE, &q_count, 5);
    const struct fb_cond_desc is = NUMBER(FB_COND_IS, &q_count, 5);
    const struct fb_cond_desc is_not = NUMBER(FB_COND_IS_NOT, &q_count, 5);

    /* unanswered: every comparison is false, but `is not` holds */
    ck_assert(!eval(&lt) && !eval(&le) && !eval(&gt) && !eval(&ge));
    ck_assert(!eval(&is));
    ck_assert(eval(&is_not));
    fb_answers_set(in, "count", "3");
    ck_assert(eval(&lt) && eval(&le) && !eval(&gt) && !eval(&ge));
    fb_answers_set(in, "count", "5");
    ck_assert(!eval(&lt) && eval(&le) && !eval(&gt) && eval(&ge));
    ck_assert(eval(&is) && !eval(&is_not));
    /* compared by value, not as text */
    fb_answers_set(in, "count", "5.0");
    ck_assert(eval(&is));
    fb_answers_set(in, "count", "10");
    ck_assert(!eval(&lt) && eval(&gt));
    /* not a number: false, as unanswered */
    fb_answers_set(in, "count", "lots");
    ck_assert(!eval(&lt) && !eval(&gt) && !eval(&is));
    ck_assert(eval(&is_not));
}
END_TEST

START_TEST(cond_date_comparisons_use_today)
{
    /* visit > today+7d; visit < today; visit <= 2025-06-10 */
    const struct fb_cond_desc after_week = {
        .op = FB_COND_GT, .question = &q_visit,
        .value = {.kind = FB_LITERAL_DATE, .text = "today+7d",
                  .date = {.relative = true, .offset_days = 7}},
    };
    const struct fb_cond_desc past = {
        .op = FB_COND_LT, .question = &q_visit,
        .value = {.kind = FB_LITERAL_DATE, .text = "today",
                  .date = {.relative = true}},
    };
    const struct fb_cond_desc by_tenth = {
        .op = FB_COND_LE, .question = &q_visit,
        .value = {.kind = FB_LITERAL_DATE, .text = "2025-06-10",
                  .date = {.date = {2025, 6, 10}}},
    };
    const struct fb_date later = {2025, 6, 5};

    ck_assert(!eval(&after_week) && !eval(&past) && !eval(&by_tenth));
    fb_answers_set(in, "visit", "2025-06-10");
    ck_assert(eval(&after_week));   /* 10 June > 8 June */
    ck_assert(!eval(&past));
    ck_assert(eval(&by_tenth));
    /* the same answer on another day */
    ck_assert(!fb_cond_eval(&after_week, in, &later)); /* > 12 June */
    ck_assert(fb_cond_eval(&by_tenth, in, &later));
    fb_answers_set(in, "visit", "2025-05-31");
    ck_assert(eval(&past));
    fb_answers_set(in, "visit", "2025-06-01");
    ck_assert(!eval(&past));        /* today is not before today */
    fb_answers_set(in, "visit", "not a date");
    ck_assert(!eval(&past) && !eval(&by_tenth));
}
END_TEST

START_TEST(cond_and_or_not)
{
    const struct fb_cond_desc red = TEXT_IS(FB_COND_IS, &q_colour, "red");
    const struct fb_cond_desc roads = TEXT_IS(FB_COND_HAS, &q_topics, "roads");
    const struct fb_cond_desc both = {.op = FB_COND_AND, .lhs = &red,
                                      .rhs = &roads};
    const struct fb_cond_desc either = {.op = FB_COND_OR, .lhs = &red,
                                        .rhs = &roads};
    const struct fb_cond_desc neither = {.op = FB_COND_NOT, .lhs = &either};

    ck_assert(!eval(&both) && !eval(&either) && eval(&neither));
    fb_answers_set(in, "colour", "red");
    ck_assert(!eval(&both) && eval(&either) && !eval(&neither));
    fb_answers_add(in, "topics", "roads");
    ck_assert(eval(&both) && eval(&either) && !eval(&neither));
    fb_answers_set(in, "colour", "blue");
    ck_assert(!eval(&both) && eval(&either));
}
END_TEST

/* ---- validation: required ----------------------------------------------- */

static const struct fb_question_desc q_name = {
    .id = "name", .type = FB_Q_TEXT, .label = EN("What is your full name?"),
    .noun = EN("Your full name"), .required = true,
};
static const struct fb_question_desc q_name_own = {
    .id = "name", .type = FB_Q_TEXT, .noun = EN("Your full name"),
    .required = true, .required_message = EN("Tell us who you are"),
};
static const struct fb_option_desc contact_options[] = {
    {.value = "email"}, {.value = "phone"},
};
static const struct fb_question_desc q_contact = {
    .id = "contact", .type = FB_Q_RADIOS, .noun = EN("How to contact you"),
    .options = contact_options, .n_options = 2, .required = true,
};
static const struct fb_question_desc q_nickname = {
    .id = "nickname", .type = FB_Q_TEXT, .noun = EN("Your nickname"),
};

START_TEST(required_default_message_from_noun)
{
    const struct fb_question_desc *const qs[] = {&q_name, &q_contact,
                                                 &q_nickname};

    ck_assert(validate(qs, N(qs)));
    ck_assert_uint_eq(fb_errors_count(errs), 2);
    ck_assert_str_eq(fb_errors_at(errs, 0)->question, "name");
    ck_assert_str_eq(fb_errors_at(errs, 0)->anchor, "name");
    ck_assert_int_eq(fb_errors_at(errs, 0)->part, -1);
    ck_assert_ptr_null(fb_errors_at(errs, 0)->text);
    ck_assert_int_eq(fb_errors_at(errs, 0)->msg, FB_MSG_ENTER);
    ck_assert_str_eq(message(0), "Enter your full name");
    ck_assert_str_eq(fb_errors_at(errs, 1)->anchor, "contact");
    ck_assert_str_eq(message(1), "Select how to contact you");
    /* an optional question left empty: no error, nothing stored */
    ck_assert_ptr_null(fb_errors_find(errs, "nickname"));
    ck_assert_uint_eq(fb_answers_size(out), 0);
}
END_TEST

START_TEST(required_author_message)
{
    ck_assert_uint_eq(validate_value(&q_name_own, "name", "   "), 1);
    ck_assert_ptr_nonnull(fb_errors_at(errs, 0)->text);
    ck_assert_str_eq(message(0), "Tell us who you are");
}
END_TEST

START_TEST(valid_answers_are_stored_normalised)
{
    const struct fb_question_desc *const qs[] = {&q_name, &q_contact};

    fb_answers_add(in, "name", "  Ann Smith ");
    fb_answers_add(in, "contact", "phone");
    ck_assert(validate(qs, N(qs)));
    ck_assert_uint_eq(fb_errors_count(errs), 0);
    ck_assert_str_eq(fb_answers_get(out, "name"), "Ann Smith");
    ck_assert_str_eq(fb_answers_get(out, "contact"), "phone");
    ck_assert(!fb_errors_failed(errs));
}
END_TEST

START_TEST(question_that_does_not_apply_is_skipped)
{
    static const struct fb_cond_desc by_phone =
        TEXT_IS(FB_COND_IS, &q_contact, "phone");
    static const struct fb_question_desc q_phone = {
        .id = "phone", .type = FB_Q_PHONE, .noun = EN("Your phone number"),
        .required = true, .when = &by_phone,
    };
    const struct fb_question_desc *const qs[] = {&q_contact, &q_phone};

    fb_answers_add(in, "contact", "email");
    ck_assert(validate(qs, N(qs)));
    ck_assert_uint_eq(fb_errors_count(errs), 0);
    fb_answers_set(in, "contact", "phone");
    ck_assert(validate(qs, N(qs)));
    ck_assert_uint_eq(fb_errors_count(errs), 1);
    ck_assert_str_eq(message(0), "Enter your phone number");
}
END_TEST

START_TEST(followup_validated_only_when_revealed)
{
    static const struct fb_question_desc q_number = {
        .id = "number", .type = FB_Q_PHONE, .noun = EN("Your phone number"),
        .required = true, .revealed_by = &q_contact, .reveal_value = "phone",
    };
    const struct fb_question_desc *const qs[] = {&q_contact, &q_number};

    fb_answers_add(in, "contact", "email");
    ck_assert(validate(qs, N(qs)));
    ck_assert_uint_eq(fb_errors_count(errs), 0);
    fb_answers_set(in, "contact", "phone");
    ck_assert(validate(qs, N(qs)));
    ck_assert_ptr_nonnull(fb_errors_find(errs, "number"));
}
END_TEST

/* ---- validation: rules -------------------------------------------------- */

static struct fb_regex *lower_regex;

static const struct fb_rule_desc code_rules[] = {
    {.kind = FB_RULE_MIN_LENGTH, .count = 5},
    {.kind = FB_RULE_MAX_LENGTH, .count = 10},
    {.kind = FB_RULE_PATTERN, .pattern = "[a-z]+", .regex = &lower_regex},
};
static const struct fb_question_desc q_code = {
    .id = "code", .type = FB_Q_TEXT, .noun = EN("Your code"),
    .required = true, .rules = code_rules, .n_rules = N(code_rules),
};
/* The same rules the other way round. */
static const struct fb_rule_desc code_rules_pattern_first[] = {
    {.kind = FB_RULE_PATTERN, .pattern = "[a-z]+", .regex = &lower_regex,
     .message = EN("Use only small letters")},
    {.kind = FB_RULE_MIN_LENGTH, .count = 5},
};
static const struct fb_question_desc q_code2 = {
    .id = "code2", .type = FB_Q_TEXT, .noun = EN("Your code"),
    .rules = code_rules_pattern_first, .n_rules = N(code_rules_pattern_first),
};
static const struct fb_question_desc *const code_questions[] = {&q_code,
                                                                &q_code2};
static const struct fb_form_desc code_form = {
    .format = FB_FORMAT, .slug = "codes", .questions = code_questions,
    .n_questions = N(code_questions),
};

static void
init_codes(void)
{
    char why[256] = "";
    setup();
    ck_assert_msg(fb_form_init(&code_form, why, sizeof why) == 0, "%s", why);
}

static void
fini_codes(void)
{
    fb_form_fini(&code_form);
    ck_assert_ptr_null(lower_regex);
    teardown();
}

START_TEST(rules_first_failing_wins)
{
    ck_assert_ptr_nonnull(lower_regex);
    ck_assert_uint_eq(validate_value(&q_code, "code", "abcdef"), 0);
    ck_assert_str_eq(fb_answers_get(out, "code"), "abcdef");

    ck_assert_uint_eq(validate_value(&q_code, "code", "ab"), 1);
    ck_assert_str_eq(message(0), "Your code must be 5 characters or more");
    ck_assert_ptr_null(fb_answers_get(out, "code")); /* not stored */

    ck_assert_uint_eq(validate_value(&q_code, "code", "abcdefghijk"), 1);
    ck_assert_str_eq(message(0), "Your code must be 10 characters or less");

    ck_assert_uint_eq(validate_value(&q_code, "code", "ABCDEF"), 1);
    ck_assert_str_eq(message(0), "Enter your code in the correct format");

    /* breaks min_length and pattern: the first rule listed is said, once */
    ck_assert_uint_eq(validate_value(&q_code, "code", "AB"), 1);
    ck_assert_str_eq(message(0), "Your code must be 5 characters or more");
    ck_assert_uint_eq(validate_value(&q_code2, "code2", "AB"), 1);
    ck_assert_str_eq(message(0), "Use only small letters");
}
END_TEST

START_TEST(rules_length_counts_characters)
{
    static const struct fb_rule_desc one[] = {
        {.kind = FB_RULE_MIN_LENGTH, .count = 1},
        {.kind = FB_RULE_MAX_LENGTH, .count = 5},
    };
    const struct fb_question_desc q = {.id = "t", .type = FB_Q_TEXT,
                                       .noun = EN("Your answer"),
                                       .rules = one, .n_rules = 2};
    /* five characters, ten bytes */
    ck_assert_uint_eq(validate_value(&q, "t",
                                     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                     "\xc3\xa9"),
                      0);
    ck_assert_uint_eq(validate_value(&q, "t", "abcdef"), 1);
    ck_assert_str_eq(message(0), "Your answer must be 5 characters or less");
}
END_TEST

START_TEST(form_init_refuses_a_bad_pattern)
{
    static struct fb_regex *slot;
    static const struct fb_rule_desc bad[] = {
        {.kind = FB_RULE_PATTERN, .pattern = "([a-z", .regex = &slot},
    };
    static const struct fb_question_desc q = {.id = "broken",
                                              .type = FB_Q_TEXT,
                                              .rules = bad, .n_rules = 1};
    static const struct fb_question_desc *const qs[] = {&q};
    const struct fb_form_desc f = {.format = FB_FORMAT, .slug = "bad",
                                   .questions = qs, .n_questions = 1};
    char why[256] = "";

    ck_assert_int_eq(fb_form_init(&f, why, sizeof why), -1);
    ck_assert_ptr_nonnull(strstr(why, "broken"));
    ck_assert_ptr_null(slot);
    fb_form_fini(&f); /* safe after a failure */
}
END_TEST

/* A pattern that backtracks past PCRE2's match limit on this answer: the
 * rule is undecided, which is the server's failure, not the resident's. */
START_TEST(rules_pattern_at_its_limit_fails_the_page)
{
    static struct fb_regex *slot;
    static const struct fb_rule_desc rules[] = {
        {.kind = FB_RULE_PATTERN, .pattern = "(a+)+$", .regex = &slot},
    };
    static const struct fb_question_desc q = {.id = "runaway",
                                              .type = FB_Q_TEXT,
                                              .noun = EN("Your answer"),
                                              .rules = rules, .n_rules = 1};
    static const struct fb_question_desc *const qs[] = {&q};
    const struct fb_form_desc f = {.format = FB_FORMAT, .slug = "runaway",
                                   .questions = qs, .n_questions = 1};
    const struct fb_question_desc *page[] = {&q};
    char why[256] = "";
    unsigned long hits = fb_regex_limit_hits();

    ck_assert_int_eq(fb_form_init(&f, why, sizeof why), 0);
    ck_assert_int_eq(fb_answers_add(in, "runaway",
                     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), 0);
    ck_assert(!validate(page, 1));
    ck_assert_uint_eq(fb_regex_limit_hits(), hits + 1);
    ck_assert_ptr_null(fb_answers_get(out, "runaway"));
    ck_assert_uint_eq(fb_errors_count(errs), 1);
    ck_assert_int_eq(fb_errors_at(errs, 0)->msg, FB_MSG_PATTERN_UNDECIDED);
    ck_assert_str_eq(message(0),
                     "We could not check your answer. Try again later.");

    /* The same rule still decides an answer it can. */
    fb_answers_clear(out);
    fb_errors_clear(errs);
    ck_assert_uint_eq(validate_value(&q, "runaway", "aaaa"), 0);
    ck_assert_uint_eq(validate_value(&q, "runaway", "aab"), 1);
    ck_assert_int_eq(fb_errors_at(errs, 0)->msg, FB_MSG_PATTERN);
    fb_form_fini(&f);
}
END_TEST

START_TEST(rules_number_range_and_whole)
{
    static const struct fb_rule_desc rules[] = {
        {.kind = FB_RULE_INTEGER},
        {.kind = FB_RULE_MIN, .number = 1},
        {.kind = FB_RULE_MAX, .number = 1000},
    };
    const struct fb_question_desc q = {
        .id = "bins", .type = FB_Q_NUMBER, .noun = EN("The number of bins"),
        .required = true, .rules = rules, .n_rules = N(rules),
    };

    ck_assert_uint_eq(validate_value(&q, "bins", "1,000"), 0);
    ck_assert_str_eq(fb_answers_get(out, "bins"), "1000");
    ck_assert_uint_eq(validate_value(&q, "bins", "2.5"), 1);
    ck_assert_str_eq(message(0), "The number of bins must be a whole number");
    ck_assert_uint_eq(validate_value(&q, "bins", "0"), 1);
    ck_assert_str_eq(message(0), "The number of bins must be 1 or more");
    ck_assert_uint_eq(validate_value(&q, "bins", "1200"), 1);
    ck_assert_str_eq(message(0), "The number of bins must be 1,000 or less");
    ck_assert_uint_eq(validate_value(&q, "bins", "some"), 1);
    ck_assert_str_eq(message(0), "The number of bins must be a number");
}
END_TEST

START_TEST(rules_money_range_in_pounds)
{
    static const struct fb_rule_desc rules[] = {
        {.kind = FB_RULE_MIN, .number = 5},
        {.kind = FB_RULE_MAX, .number = 1234.5},
    };
    const struct fb_question_desc q = {
        .id = "fee", .type = FB_Q_MONEY, .noun = EN("The fee"),
        .required = true, .rules = rules, .n_rules = N(rules),
    };

    ck_assert_uint_eq(validate_value(&q, "fee", "\u00a310"), 0);
    ck_assert_str_eq(fb_answers_get(out, "fee"), "1000");
    ck_assert_uint_eq(validate_value(&q, "fee", "4.99"), 1);
    ck_assert_str_eq(message(0), "The fee must be \u00a35 or more");
    ck_assert_uint_eq(validate_value(&q, "fee", "1,234.51"), 1);
    ck_assert_str_eq(message(0), "The fee must be \u00a31,234.50 or less");
    ck_assert_uint_eq(validate_value(&q, "fee", "1,234.50"), 0);
}
END_TEST

START_TEST(rules_time_before_and_after)
{
    static const struct fb_rule_desc rules[] = {
        {.kind = FB_RULE_AFTER, .count = 9 * 60},
        {.kind = FB_RULE_BEFORE, .count = 17 * 60 + 30},
    };
    const struct fb_question_desc q = {
        .id = "arrive", .type = FB_Q_TIME, .noun = EN("Your arrival time"),
        .required = true, .rules = rules, .n_rules = N(rules),
    };

    ck_assert_uint_eq(validate_value(&q, "arrive", "noon"), 0);
    ck_assert_str_eq(fb_answers_get(out, "arrive"), "12:00");
    ck_assert_uint_eq(validate_value(&q, "arrive", "9am"), 1);
    ck_assert_str_eq(message(0), "Your arrival time must be after 9am");
    ck_assert_uint_eq(validate_value(&q, "arrive", "17:30"), 1);
    ck_assert_str_eq(message(0), "Your arrival time must be before 5:30pm");
}
END_TEST

/* Posts a date as its three parts. */
static void
post_date(const char *id, const char *d, const char *m, const char *y)
{
    char name[64];
    fb_answers_clear(in);
    fb_answers_clear(out);
    fb_errors_clear(errs);
    snprintf(name, sizeof name, "%s-day", id);
    fb_answers_add(in, name, d);
    snprintf(name, sizeof name, "%s-month", id);
    fb_answers_add(in, name, m);
    snprintf(name, sizeof name, "%s-year", id);
    fb_answers_add(in, name, y);
}

static size_t
validate_date(const struct fb_question_desc *q, const char *d, const char *m,
              const char *y)
{
    post_date(q->id, d, m, y);
    ck_assert(validate(&q, 1));
    return fb_errors_count(errs);
}

START_TEST(rules_before_and_after_dates)
{
    static const struct fb_rule_desc after_today[] = {
        {.kind = FB_RULE_AFTER, .date = {.relative = true}},
    };
    static const struct fb_rule_desc before_fixed[] = {
        {.kind = FB_RULE_BEFORE, .date = {.date = {2026, 1, 1}}},
    };
    static const struct fb_rule_desc after_fortnight[] = {
        {.kind = FB_RULE_AFTER,
         .date = {.relative = true, .offset_days = 14}},
    };
    const struct fb_question_desc q1 = {
        .id = "visit", .type = FB_Q_DATE, .noun = EN("The date of the visit"),
        .rules = after_today, .n_rules = 1,
    };
    const struct fb_question_desc q2 = {
        .id = "visit", .type = FB_Q_DATE, .noun = EN("The date of the visit"),
        .rules = before_fixed, .n_rules = 1,
    };
    const struct fb_question_desc q3 = {
        .id = "visit", .type = FB_Q_DATE, .noun = EN("The date of the visit"),
        .rules = after_fortnight, .n_rules = 1,
    };

    ck_assert_uint_eq(validate_date(&q1, "2", "6", "2025"), 0);
    ck_assert_str_eq(fb_answers_get(out, "visit"), "2025-06-02");
    ck_assert_uint_eq(validate_date(&q1, "1", "6", "2025"), 1);
    ck_assert_str_eq(message(0), "The date of the visit must be after today");
    ck_assert_str_eq(fb_errors_at(errs, 0)->anchor, "visit-day");
    ck_assert_ptr_null(fb_answers_get(out, "visit"));

    ck_assert_uint_eq(validate_date(&q2, "31", "12", "2025"), 0);
    ck_assert_uint_eq(validate_date(&q2, "1", "1", "2026"), 1);
    ck_assert_str_eq(message(0),
                     "The date of the visit must be before 1 January 2026");

    /* today+14d is 15 June 2025: the message says the day itself */
    ck_assert_uint_eq(validate_date(&q3, "16", "June", "2025"), 0);
    ck_assert_uint_eq(validate_date(&q3, "15", "6", "2025"), 1);
    ck_assert_str_eq(message(0),
                     "The date of the visit must be after 15 June 2025");
    const struct fb_error *e = fb_errors_at(errs, 0);
    ck_assert_int_eq(e->args.date.year, 2025);
    ck_assert_int_eq(e->args.date.month, 6);
    ck_assert_int_eq(e->args.date.day, 15);
}
END_TEST

START_TEST(rules_past_and_future)
{
    static const struct fb_rule_desc past[] = {{.kind = FB_RULE_PAST}};
    static const struct fb_rule_desc future[] = {{.kind = FB_RULE_FUTURE}};
    const struct fb_question_desc qp = {.id = "dob", .type = FB_Q_DATE,
                                        .noun = EN("Your date of birth"),
                                        .rules = past, .n_rules = 1};
    const struct fb_question_desc qf = {.id = "due", .type = FB_Q_DATE,
                                        .noun = EN("The due date"),
                                        .rules = future, .n_rules = 1};

    ck_assert_uint_eq(validate_date(&qp, "31", "5", "2025"), 0);
    ck_assert_uint_eq(validate_date(&qp, "1", "6", "2025"), 1);
    ck_assert_str_eq(message(0), "Your date of birth must be in the past");
    ck_assert_uint_eq(validate_date(&qf, "2", "6", "2025"), 0);
    ck_assert_uint_eq(validate_date(&qf, "1", "6", "2025"), 1);
    ck_assert_str_eq(message(0), "The due date must be in the future");
}
END_TEST

START_TEST(rules_selected_counts)
{
    static const struct fb_rule_desc rules[] = {
        {.kind = FB_RULE_MIN_SELECTED, .count = 2},
        {.kind = FB_RULE_MAX_SELECTED, .count = 2},
    };
    static const struct fb_rule_desc at_least_one[] = {
        {.kind = FB_RULE_MIN_SELECTED, .count = 1},
    };
    const struct fb_question_desc q = {
        .id = "topics", .type = FB_Q_CHECKBOXES, .noun = EN("Topics"),
        .options = topic_options, .n_options = 3, .rules = rules,
        .n_rules = N(rules),
    };
    const struct fb_question_desc q1 = {
        .id = "topics", .type = FB_Q_CHECKBOXES, .noun = EN("Topics"),
        .options = topic_options, .n_options = 3, .rules = at_least_one,
        .n_rules = 1,
    };

    ck_assert_uint_eq(validate_value(&q, "topics", "bins"), 1);
    ck_assert_str_eq(message(0), "Select at least 2 options");
    fb_answers_add(in, "topics", "roads");
    fb_answers_add(in, "topics", "parks");
    fb_answers_clear(out);
    fb_errors_clear(errs);
    ck_assert(validate((const struct fb_question_desc *const[]){&q}, 1));
    ck_assert_uint_eq(fb_errors_count(errs), 1);
    ck_assert_str_eq(message(0), "Select no more than 2 options");
    /* an optional question left empty breaks no rule */
    ck_assert_uint_eq(validate_value(&q1, "topics", NULL), 0);
}
END_TEST

START_TEST(rules_matches_normalises_each_answer)
{
    static const struct fb_question_desc q_phone = {
        .id = "phone", .type = FB_Q_PHONE, .noun = EN("Your phone number"),
        .required = true,
    };
    static const struct fb_rule_desc same[] = {
        {.kind = FB_RULE_MATCHES, .other = &q_phone},
    };
    const struct fb_question_desc q_again = {
        .id = "phone_again", .type = FB_Q_PHONE,
        .noun = EN("Your phone number again"), .required = true,
        .rules = same, .n_rules = 1,
    };
    /* the other question is on another page: only q_again is validated */
    fb_answers_add(in, "phone", "+44 (0)161 496 0000");
    fb_answers_add(in, "phone_again", "0161-496-0000");
    ck_assert(validate((const struct fb_question_desc *const[]){&q_again},
                       1));
    ck_assert_uint_eq(fb_errors_count(errs), 0);
    ck_assert_str_eq(fb_answers_get(out, "phone_again"), "01614960000");

    fb_answers_set(in, "phone_again", "0161 496 0001");
    fb_answers_clear(out);
    ck_assert(validate((const struct fb_question_desc *const[]){&q_again},
                       1));
    ck_assert_uint_eq(fb_errors_count(errs), 1);
    ck_assert_str_eq(message(0), "Your phone number again must match your "
                                 "phone number");
}
END_TEST

START_TEST(rules_matches_reuses_the_page_answer)
{
    static const struct fb_question_desc q_email = {
        .id = "email", .type = FB_Q_EMAIL, .noun = EN("Your email address"),
        .required = true,
    };
    static const struct fb_rule_desc same[] = {
        {.kind = FB_RULE_MATCHES, .other = &q_email},
    };
    static const struct fb_question_desc q_again = {
        .id = "email_again", .type = FB_Q_EMAIL,
        .noun = EN("Your email address again"), .required = true,
        .rules = same, .n_rules = 1,
    };
    const struct fb_question_desc *const both[] = {&q_email, &q_again};

    /* both on the page, the first read before: the same answers match */
    fb_answers_add(in, "email", " a@example.org");
    fb_answers_add(in, "email_again", "a@example.org ");
    ck_assert(validate(both, 2));
    ck_assert_uint_eq(fb_errors_count(errs), 0);

    fb_answers_set(in, "email_again", "b@example.org");
    fb_answers_clear(out);
    ck_assert(validate(both, 2));
    ck_assert_uint_eq(fb_errors_count(errs), 1);
    ck_assert_str_eq(fb_errors_at(errs, 0)->question, "email_again");

    /* the first is wrong: only it has an error, as when it is re-read */
    fb_answers_set(in, "email", "not an address");
    fb_answers_clear(out);
    fb_errors_clear(errs);
    ck_assert(validate(both, 2));
    ck_assert_uint_eq(fb_errors_count(errs), 1);
    ck_assert_str_eq(fb_errors_at(errs, 0)->question, "email");

    /* in the other order the first is read again, with the same result */
    const struct fb_question_desc *const swapped[] = {&q_again, &q_email};
    fb_answers_set(in, "email", "b@example.org");
    fb_answers_clear(out);
    fb_errors_clear(errs);
    ck_assert(validate(swapped, 2));
    ck_assert_uint_eq(fb_errors_count(errs), 0);
}
END_TEST

/* ---- validation: questions with parts --------------------------------- */

static const struct fb_question_desc q_dob = {
    .id = "dob", .type = FB_Q_DATE, .noun = EN("Date of birth"),
    .required = true,
};
static const struct fb_question_desc q_home = {
    .id = "home", .type = FB_Q_ADDRESS, .noun = EN("Your home address"),
    .required = true,
};

START_TEST(date_missing_only_its_year)
{
    ck_assert_uint_eq(validate_date(&q_dob, "27", "3", ""), 1);
    const struct fb_error *e = fb_errors_at(errs, 0);
    ck_assert_str_eq(e->question, "dob");
    ck_assert_int_eq(e->part, 2);
    ck_assert_uint_eq(e->parts, 1u << 2);
    ck_assert_str_eq(e->anchor, "dob-year");
    ck_assert_str_eq(message(0), "Date of birth must include a year");
}
END_TEST

START_TEST(date_missing_day_and_month)
{
    ck_assert_uint_eq(validate_date(&q_dob, "", "", "2007"), 1);
    const struct fb_error *e = fb_errors_at(errs, 0);
    ck_assert_int_eq(e->part, 0);
    ck_assert_uint_eq(e->parts, (1u << 0) | (1u << 1));
    ck_assert_str_eq(e->anchor, "dob-day");
    ck_assert_str_eq(message(0), "Date of birth must include a day and "
                                 "month");
}
END_TEST

START_TEST(date_empty_or_not_real)
{
    ck_assert_uint_eq(validate_date(&q_dob, "", "", ""), 1);
    ck_assert_str_eq(message(0), "Enter date of birth");
    ck_assert_str_eq(fb_errors_at(errs, 0)->anchor, "dob-day");
    ck_assert_uint_eq(fb_errors_at(errs, 0)->parts, 0); /* every box */
    ck_assert_uint_eq(validate_date(&q_dob, "31", "4", "2007"), 1);
    ck_assert_str_eq(message(0), "Date of birth must be a real date");
    ck_assert_uint_eq(validate_date(&q_dob, "27", "3", "2007"), 0);
    ck_assert_str_eq(fb_answers_get(out, "dob"), "2007-03-27");
}
END_TEST

START_TEST(address_missing_two_parts_gives_two_errors)
{
    const struct fb_question_desc *const qs[] = {&q_home};

    fb_answers_add(in, "home-line1", "");
    fb_answers_add(in, "home-line2", "Flat 2");
    fb_answers_add(in, "home-town", "Stockport");
    fb_answers_add(in, "home-postcode", " ");
    ck_assert(validate(qs, 1));
    ck_assert_uint_eq(fb_errors_count(errs), 2);

    const struct fb_error *l1 = fb_errors_find_part(errs, "home", 0);
    const struct fb_error *pc = fb_errors_find_part(errs, "home", 3);
    ck_assert_ptr_nonnull(l1);
    ck_assert_ptr_nonnull(pc);
    ck_assert_str_eq(l1->anchor, "home-line1");
    ck_assert_uint_eq(l1->parts, 1u << 0);
    ck_assert_str_eq(pc->anchor, "home-postcode");
    ck_assert_uint_eq(pc->parts, 1u << 3);
    /* in page order: line 1 first */
    ck_assert_ptr_eq(fb_errors_at(errs, 0), l1);
    ck_assert_str_eq(message(0), "Enter address line 1, typically the "
                                 "building and street");
    ck_assert_str_eq(message(1), "Enter postcode");
    ck_assert_ptr_null(fb_answers_get(out, "home.town"));
}
END_TEST

START_TEST(address_with_a_bad_postcode)
{
    const struct fb_question_desc *const qs[] = {&q_home};

    fb_answers_add(in, "home-line1", "1 High St");
    fb_answers_add(in, "home-town", "Stockport");
    fb_answers_add(in, "home-postcode", "SK1");
    ck_assert(validate(qs, 1));
    ck_assert_uint_eq(fb_errors_count(errs), 1);
    ck_assert_str_eq(fb_errors_at(errs, 0)->anchor, "home-postcode");
    ck_assert_str_eq(message(0), "Enter a real postcode");
    fb_answers_set(in, "home-postcode", "sk13xe");
    fb_errors_clear(errs);
    ck_assert(validate(qs, 1));
    ck_assert_uint_eq(fb_errors_count(errs), 0);
    ck_assert_str_eq(fb_answers_get(out, "home.postcode"), "SK1 3XE");
    ck_assert_str_eq(fb_answers_get(out, "home.line1"), "1 High St");
}
END_TEST

START_TEST(errors_failed_only_after_a_failed_add)
{
    const struct fb_question_desc *const qs[] = {&q_name, &q_contact, &q_home};
    const struct fb_error bad = {.question = NULL, .part = -1};

    ck_assert(validate(qs, N(qs)));
    ck_assert_uint_eq(fb_errors_count(errs), 3);
    ck_assert(!fb_errors_failed(errs));
    ck_assert_int_eq(fb_errors_add(errs, &bad), -1);
    ck_assert(fb_errors_failed(errs));
    /* a page whose error list failed does not pass */
    ck_assert(!validate((const struct fb_question_desc *const[]){&q_nickname},
                        1));
}
END_TEST

/* ---- the format stamp --------------------------------------------------- */

/* @returns true when @p s has @p n as a whole number, not part of one. */
static bool
has_number(const char *s, int n)
{
    char want[16];
    size_t len = (size_t)snprintf(want, sizeof want, "%d", n);
    for (const char *p = strstr(s, want); p; p = strstr(p + 1, want))
        if ((p == s || !strchr("-0123456789", p[-1])) &&
            (p[len] == '\0' || !strchr("0123456789", p[len])))
            return true;
    return false;
}

/* The names formc writes, made here as it makes them. */
static const struct fb_name *
names_of(const char *id, const struct fb_qtype_info *t,
         struct fb_name *names, char (*bufs)[64])
{
    for (size_t k = 0; k < 2 * t->n_parts; k++) {
        snprintf(bufs[k], 64, "%s%c%s", id, k < t->n_parts ? '-' : '.',
                 t->parts[k % t->n_parts].suffix);
        names[k] = (struct fb_name){bufs[k], strlen(bufs[k]),
                                    fb_name_hash(bufs[k], strlen(bufs[k]))};
    }
    return names;
}

START_TEST(descriptor_names_read_as_built_ones)
{
    struct fb_name dn[6], an[8];
    char dbuf[6][64], abuf[8][64];
    const struct fb_question_desc q_date = {
        .id = "visit", .id_len = 5, .id_hash = fb_name_hash("visit", 5),
        .type = FB_Q_DATE, .noun = EN("The date"), .required = true,
        .part_names = names_of("visit", fb_qtype(FB_Q_DATE), dn, dbuf),
    };
    const struct fb_question_desc q_addr = {
        .id = "home", .id_len = 4, .id_hash = fb_name_hash("home", 4),
        .type = FB_Q_ADDRESS, .noun = EN("Your address"), .required = true,
        .part_names = names_of("home", fb_qtype(FB_Q_ADDRESS), an, abuf),
    };
    const struct fb_question_desc *const qs[] = {&q_date, &q_addr};
    struct fb_form_desc f = {.format = FB_FORMAT, .slug = "names",
                             .questions = qs, .n_questions = 2};
    char why[256] = "";

    ck_assert_int_eq(fb_form_check(&f, why, sizeof why), 0);
    fb_answers_add(in, "visit-day", "3");
    fb_answers_add(in, "visit-month", "april");
    fb_answers_add(in, "visit-year", "2024");
    fb_answers_add(in, "home-line1", "1 High Street");
    fb_answers_add(in, "home-town", "Stockport");
    fb_answers_add(in, "home-postcode", "sk13xe");
    ck_assert(validate(qs, 2));
    ck_assert_uint_eq(fb_errors_count(errs), 0);
    ck_assert_str_eq(fb_answers_get(out, "visit"), "2024-04-03");
    ck_assert_str_eq(fb_answers_get(out, "home.line1"), "1 High Street");
    ck_assert_str_eq(fb_answers_get(out, "home.postcode"), "SK1 3XE");
    ck_assert_ptr_null(fb_answers_get(out, "home.line2"));

    /* a hash that is not this runtime's is refused */
    an[5].hash ^= 1;
    ck_assert_int_eq(fb_form_check(&f, why, sizeof why), -1);
    ck_assert_msg(strstr(why, "home"), "%s", why);
    an[5].hash ^= 1;
    dn[0].n--;
    ck_assert_int_eq(fb_form_check(&f, why, sizeof why), -1);
}
END_TEST

START_TEST(form_check_accepts_this_format_only)
{
    struct fb_form_desc f = {.format = FB_FORMAT, .slug = "report-x",
                             .questions = code_questions,
                             .n_questions = N(code_questions)};
    char why[256] = "";

    ck_assert_int_eq(fb_form_check(&f, why, sizeof why), 0);
    for (int fmt = FB_FORMAT - 2; fmt <= FB_FORMAT + 1; fmt++) {
        if (fmt == FB_FORMAT)
            continue;
        f.format = fmt;
        why[0] = '\0';
        ck_assert_int_eq(fb_form_check(&f, why, sizeof why), -1);
        ck_assert_msg(strstr(why, "report-x"), "%s", why);
        ck_assert_msg(has_number(why, fmt), "%s", why);
        ck_assert_msg(has_number(why, FB_FORMAT), "%s", why);
    }
}
END_TEST

/* A form named after one of the server's own addresses (a module built
 * by a formc that did not know the name) is refused, naming it. */
START_TEST(form_check_refuses_the_servers_own_addresses)
{
    struct fb_form_desc f = {.format = FB_FORMAT,
                             .questions = code_questions,
                             .n_questions = N(code_questions)};
    char why[256] = "";
    ck_assert_uint_gt(fb_n_reserved_slugs, 0);
    for (size_t i = 0; i < fb_n_reserved_slugs; i++) {
        f.slug = fb_reserved_slugs[i];
        ck_assert_int_eq(fb_form_check(&f, why, sizeof why), -1);
        ck_assert_msg(strstr(why, fb_reserved_slugs[i]), "%s", why);
    }
    f.slug = "healthz-check";
    ck_assert_int_eq(fb_form_check(&f, why, sizeof why), 0);
}
END_TEST

/* ---- the question-type table -------------------------------------------- */

START_TEST(qtype_rows_are_complete)
{
    for (int t = 0; t < FB_Q_NAME; t++) {
        const struct fb_qtype_info *info = fb_qtype((enum fb_qtype)t);
        ck_assert_msg(info != NULL, "type %d has no row", t);
        ck_assert_msg(info->name && info->name[0], "type %d has no name", t);
        ck_assert_msg(info->read != NULL, "%s has no reader", info->name);
        ck_assert_msg(info->render != NULL, "%s has no renderer",
                      info->name);
    }
    /* every row there is, old types and new: consistent */
    for (int t = 0; t < FB_Q__COUNT; t++) {
        const struct fb_qtype_info *info = fb_qtype((enum fb_qtype)t);
        if (!info)
            continue;
        ck_assert_msg(info->read && info->render, "%s", info->name);
        ck_assert_msg((info->parts == NULL) == (info->n_parts == 0), "%s",
                      info->name);
        ck_assert_msg(info->anchor_part < (int)info->n_parts, "%s",
                      info->name);
        ck_assert_msg(info->rules & (1u << FB_RULE_REQUIRED), "%s",
                      info->name);
        ck_assert_msg(fb_msg_text(info->empty, FB_LANG_EN)[0], "%s",
                      info->name);
        ck_assert_msg(fb_msg_text(info->invalid, FB_LANG_EN)[0], "%s",
                      info->name);
    }
    ck_assert_ptr_null(fb_qtype(FB_Q__COUNT));
    ck_assert_ptr_null(fb_qtype_name(FB_Q__COUNT));
}
END_TEST

START_TEST(qtype_names_round_trip)
{
    for (int t = 0; t < FB_Q__COUNT; t++) {
        const char *name = fb_qtype_name((enum fb_qtype)t);
        if (!name) {
            ck_assert_msg(t >= FB_Q_NAME, "type %d has no name", t);
            continue;
        }
        ck_assert_int_eq(fb_qtype_from_name(name), t);
    }
    ck_assert_str_eq(fb_qtype_name(FB_Q_YES_NO), "yes_no");
    ck_assert_int_eq(fb_qtype_from_name("date"), FB_Q_DATE);
    ck_assert_int_eq(fb_qtype_from_name("emial"), FB_Q__COUNT);
    ck_assert_int_eq(fb_qtype_from_name(""), FB_Q__COUNT);
}
END_TEST

START_TEST(qtype_rules_and_their_names)
{
    for (int k = 0; k < FB_RULE__COUNT; k++)
        ck_assert_msg(fb_rule_name((enum fb_rule_kind)k) != NULL,
                      "rule %d has no name", k);
    ck_assert_str_eq(fb_rule_name(FB_RULE_MAX_LENGTH), "max_length");
    ck_assert_ptr_null(fb_rule_name(FB_RULE__COUNT));
    ck_assert(fb_qtype_has_rule(FB_Q_TEXT, FB_RULE_PATTERN));
    ck_assert(fb_qtype_has_rule(FB_Q_DATE, FB_RULE_BEFORE));
    ck_assert(!fb_qtype_has_rule(FB_Q_DATE, FB_RULE_MAX_LENGTH));
    ck_assert(fb_qtype_has_rule(FB_Q_CHECKBOXES, FB_RULE_MIN_SELECTED));
    ck_assert(!fb_qtype_has_rule(FB_Q_RADIOS, FB_RULE_MIN_SELECTED));
    ck_assert(!fb_qtype_has_rule(FB_Q__COUNT, FB_RULE_REQUIRED));
}
END_TEST

START_TEST(qtype_error_anchors)
{
    char a[64];
    const struct fb_question_desc radios = {.id = "q", .type = FB_Q_RADIOS};

    ck_assert_str_eq(fb_question_anchor(&q_dob, -1, a, sizeof a), "dob-day");
    ck_assert_str_eq(fb_question_anchor(&q_dob, 2, a, sizeof a), "dob-year");
    ck_assert_str_eq(fb_question_anchor(&q_home, -1, a, sizeof a),
                     "home-line1");
    ck_assert_str_eq(fb_question_anchor(&q_home, 3, a, sizeof a),
                     "home-postcode");
    ck_assert_str_eq(fb_question_anchor(&radios, -1, a, sizeof a), "q");
    ck_assert_str_eq(fb_question_anchor(&q_name, -1, a, sizeof a), "name");
    /* cut short, never overflowing */
    ck_assert_str_eq(fb_question_anchor(&q_home, -1, a, 5), "home");
}
END_TEST

/* ---- stored forms: the table's patterns and what the readers store ---- */

/* Answers the readers accept, as posted to a question "q" of the type: up
 * to four fields, a part posting as "q-SUFFIX". Every type or part with a
 * stored_pattern needs some (qtype_stored_patterns_match_what_is_stored). */
static const struct stored_sample {
    enum fb_qtype type;
    const char *fields[4][2];
} stored_samples[] = {
    {FB_Q_PHONE, {{"q", "0161 496 0000"}}},
    {FB_Q_PHONE, {{"q", "+44 (0)7700 900123"}}},
    {FB_Q_PHONE, {{"q", "0044 20 7946 0018"}}},
    {FB_Q_NUMBER, {{"q", "1,000"}}},
    {FB_Q_NUMBER, {{"q", "-2.50"}}},
    {FB_Q_NUMBER, {{"q", "+007.125"}}},
    {FB_Q_NUMBER, {{"q", "-0"}}},
    {FB_Q_DATE, {{"q-day", "5"}, {"q-month", "June"}, {"q-year", "2024"}}},
    {FB_Q_DATE, {{"q-day", "29"}, {"q-month", "2"}, {"q-year", "2000"}}},
    {FB_Q_POSTCODE, {{"q", "sk1 3xe"}}},
    {FB_Q_POSTCODE, {{"q", "EC1A1BB"}}},
    {FB_Q_POSTCODE, {{"q", " m1  1ae "}}},
    {FB_Q_POSTCODE, {{"q", "gir 0aa"}}},
    {FB_Q_ADDRESS, {{"q-line1", "1 High Street"}, {"q-town", "Stockport"},
                    {"q-postcode", "w1a0ax"}}},
    {FB_Q_SLOT, {{"q", "2025-06-15T09:30"}}},
    /* Without a calendar no day is refused: the reader's shape only. */
    {FB_Q_BOOKING_DATE, {{"q", "2026-12-08"}}},
    {FB_Q_TIME, {{"q", "2:30pm"}}},
    {FB_Q_TIME, {{"q", "midnight"}}},
    {FB_Q_TIME, {{"q", "9.05"}}},
    {FB_Q_TIME, {{"q", "2359"}}},
    {FB_Q_NI_NUMBER, {{"q", "ab 12 34 56 c"}}},
    {FB_Q_NI_NUMBER, {{"q", "BA-12-34-56-A"}}},
    {FB_Q_NI_NUMBER, {{"q", "GY123456B"}}},
    {FB_Q_NI_NUMBER, {{"q", "KA123456D"}}},
    {FB_Q_NI_NUMBER, {{"q", "NA123456A"}}},
    {FB_Q_NI_NUMBER, {{"q", "TW123456C"}}},
    {FB_Q_NI_NUMBER, {{"q", "ZY123456B"}}},
    {FB_Q_MONEY, {{"q", "\xc2\xa3" "1,234.50"}}},
    {FB_Q_MONEY, {{"q", ".5"}}},
    {FB_Q_MONEY, {{"q", "0"}}},
    /* The server writes a file's reference (formbuilder/filetype.h). */
    {FB_Q_FILE, {{"q", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495"
                       "991b7852b855:2048:jpg:IMG 0001.jpg"}}},
};

/* Checks that @p value, stored as @p what, matches @p pattern, and that
 * the pattern is anchored (the JSON Schema needs ^ and $; fb_regex, which
 * anchors anyway, accepts them) and does not match everything. */
static void
assert_stored_matches(const char *pattern, const char *value,
                      const char *what)
{
    size_t n = strlen(pattern);
    ck_assert_msg(n >= 2 && pattern[0] == '^' && pattern[n - 1] == '$',
                  "%s: %s is not anchored", what, pattern);
    struct fb_regex *re = fb_regex_compile(pattern);
    ck_assert_msg(re != NULL, "%s: %s does not compile", what, pattern);
    ck_assert_msg(value != NULL, "%s: nothing stored", what);
    ck_assert_msg(fb_regex_match(re, value), "%s: stored \"%s\", which %s "
                  "does not match", what, value, pattern);
    ck_assert_msg(!fb_regex_match(re, ""), "%s: %s matches nothing", what,
                  pattern);
    fb_regex_free(re);
}

/* Posts sample @p s to @p q and validates it: it must be accepted. */
static void
post_sample(const struct stored_sample *s, const struct fb_question_desc *q)
{
    fb_answers_clear(in);
    fb_answers_clear(out);
    fb_errors_clear(errs);
    for (size_t i = 0; i < N(s->fields) && s->fields[i][0]; i++)
        ck_assert_int_eq(fb_answers_add(in, s->fields[i][0],
                                        s->fields[i][1]), 0);
    ck_assert(validate(&q, 1));
    ck_assert_msg(fb_errors_count(errs) == 0, "%s: \"%s\" refused: %s",
                  fb_qtype_name(q->type), s->fields[0][1], message(0));
}

START_TEST(qtype_stored_patterns_match_what_is_stored)
{
    unsigned tried = 0; /* bit t: type t had samples */
    char name[32];
    for (size_t i = 0; i < N(stored_samples); i++) {
        const struct stored_sample *s = &stored_samples[i];
        const struct fb_qtype_info *info = fb_qtype(s->type);
        const struct fb_question_desc q = {
            .id = "q", .type = s->type, .noun = EN("The answer"),
            .required = true,
        };
        post_sample(s, &q);
        if (info->stored_pattern)
            assert_stored_matches(info->stored_pattern,
                                  fb_answers_get(out, "q"), info->name);
        for (size_t k = 0; k < info->n_parts; k++) {
            const struct fb_part_info *p = &info->parts[k];
            if (!p->stored_pattern)
                continue;
            snprintf(name, sizeof name, "q.%s", p->suffix);
            assert_stored_matches(p->stored_pattern,
                                  fb_answers_get(out, name), name);
        }
        tried |= 1u << s->type;
    }
    for (int t = 0; t < FB_Q__COUNT; t++) {
        const struct fb_qtype_info *info = fb_qtype((enum fb_qtype)t);
        bool patterned = info && info->stored_pattern;
        for (size_t k = 0; info && k < info->n_parts; k++)
            patterned = patterned || info->parts[k].stored_pattern;
        ck_assert_msg(!patterned || ((tried >> t) & 1u),
                      "%s has a stored pattern but no stored_samples",
                      info ? info->name : "?");
    }
}
END_TEST

START_TEST(qtype_stored_pattern_of_a_whole_number)
{
    static const struct fb_rule_desc whole[] = {{.kind = FB_RULE_INTEGER}};
    const struct fb_question_desc q = {
        .id = "q", .type = FB_Q_NUMBER, .noun = EN("The number"),
        .required = true, .rules = whole, .n_rules = N(whole),
        .integer = true,
    };
    const struct fb_question_desc decimal = {.id = "q", .type = FB_Q_NUMBER};
    const struct fb_question_desc text = {.id = "q", .type = FB_Q_TEXT};
    static const char *const wholes[] = {"1,000", "5.00", "-3", "+0",
                                         "-0.0", "007"};
    const char *pattern = fb_question_stored_pattern(&q);

    ck_assert_str_eq(fb_question_stored_pattern(&decimal),
                     fb_qtype(FB_Q_NUMBER)->stored_pattern);
    ck_assert_str_ne(pattern, fb_qtype(FB_Q_NUMBER)->stored_pattern);
    ck_assert_ptr_null(fb_question_stored_pattern(&text));
    for (size_t i = 0; i < N(wholes); i++) {
        ck_assert_uint_eq(validate_value(&q, "q", wholes[i]), 0);
        assert_stored_matches(pattern, fb_answers_get(out, "q"), wholes[i]);
    }
    ck_assert_uint_eq(validate_value(&q, "q", "2.5"), 1);
}
END_TEST

/* ---- suite -------------------------------------------------------------- */

static Suite *
driver_suite(void)
{
    Suite *s = suite_create("driver");
    TCase *msg = tcase_create("messages");
    TCase *cond = tcase_create("conditions");
    TCase *val = tcase_create("validation");
    TCase *rules = tcase_create("rules");
    TCase *tables = tcase_create("tables");
    TCase *stored = tcase_create("stored forms");

    tcase_add_test(msg, catalogue_every_message_has_english_and_a_name);
    tcase_add_test(msg, catalogue_every_message_has_welsh);
    tcase_add_test(msg, format_welsh_fills_parameters);
    tcase_add_test(msg, format_object_lower_cases_first_letter);
    tcase_add_test(msg, format_subject_upper_cases_first_letter);
    tcase_add_test(msg, format_count_has_commas_and_a_form_for_one);
    tcase_add_test(msg, format_number);
    tcase_add_test(msg, format_date_in_english_and_welsh);
    tcase_add_test(msg, format_money);
    tcase_add_test(msg, format_time);
    tcase_add_test(msg, format_author_text_keeps_unknown_braces);
    tcase_add_test(msg, format_truncates_at_cap);
    suite_add_tcase(s, msg);

    tcase_add_checked_fixture(cond, setup, teardown);
    tcase_add_test(cond, cond_null_is_true);
    tcase_add_test(cond, cond_is_and_is_not_on_text);
    tcase_add_test(cond, cond_has_on_checkboxes);
    tcase_add_test(cond, cond_starts_with);
    tcase_add_test(cond, cond_in_lists);
    tcase_add_test(cond, cond_postcode_areas);
    tcase_add_test(cond, cond_answered_sees_parts);
    tcase_add_test(cond, cond_number_comparisons);
    tcase_add_test(cond, cond_date_comparisons_use_today);
    tcase_add_test(cond, cond_and_or_not);
    suite_add_tcase(s, cond);

    tcase_add_checked_fixture(val, setup, teardown);
    tcase_add_test(val, required_default_message_from_noun);
    tcase_add_test(val, required_author_message);
    tcase_add_test(val, valid_answers_are_stored_normalised);
    tcase_add_test(val, question_that_does_not_apply_is_skipped);
    tcase_add_test(val, followup_validated_only_when_revealed);
    tcase_add_test(val, rules_number_range_and_whole);
    tcase_add_test(val, rules_money_range_in_pounds);
    tcase_add_test(val, rules_time_before_and_after);
    tcase_add_test(val, rules_before_and_after_dates);
    tcase_add_test(val, rules_past_and_future);
    tcase_add_test(val, rules_selected_counts);
    tcase_add_test(val, rules_matches_normalises_each_answer);
    tcase_add_test(val, rules_matches_reuses_the_page_answer);
    tcase_add_test(val, descriptor_names_read_as_built_ones);
    tcase_add_test(val, date_missing_only_its_year);
    tcase_add_test(val, date_missing_day_and_month);
    tcase_add_test(val, date_empty_or_not_real);
    tcase_add_test(val, address_missing_two_parts_gives_two_errors);
    tcase_add_test(val, address_with_a_bad_postcode);
    tcase_add_test(val, errors_failed_only_after_a_failed_add);
    suite_add_tcase(s, val);

    /* the pattern slots are compiled once per test and freed after */
    tcase_add_checked_fixture(rules, init_codes, fini_codes);
    tcase_add_test(rules, rules_first_failing_wins);
    tcase_add_test(rules, rules_length_counts_characters);
    tcase_add_test(rules, form_init_refuses_a_bad_pattern);
    tcase_add_test(rules, rules_pattern_at_its_limit_fails_the_page);
    suite_add_tcase(s, rules);

    tcase_add_test(tables, form_check_accepts_this_format_only);
    tcase_add_test(tables, form_check_refuses_the_servers_own_addresses);
    tcase_add_test(tables, qtype_rows_are_complete);
    tcase_add_test(tables, qtype_names_round_trip);
    tcase_add_test(tables, qtype_rules_and_their_names);
    tcase_add_test(tables, qtype_error_anchors);
    suite_add_tcase(s, tables);

    tcase_add_checked_fixture(stored, setup, teardown);
    tcase_add_test(stored, qtype_stored_patterns_match_what_is_stored);
    tcase_add_test(stored, qtype_stored_pattern_of_a_whole_number);
    suite_add_tcase(s, stored);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(driver_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

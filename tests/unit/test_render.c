/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the page renderers (runtime/lib/render_*.c): a form with
 * every question type and block kind, built here by hand, rendered empty,
 * with answers (hostile ones included), with errors (made by hand and by
 * the driver), in Welsh, page items in order, and the journey pages. Every
 * page must also pass the fb-htmlcheck checks.
 */
#include "formbuilder/render.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/driver.h"
#include "formbuilder/validate.h"
#include "htmlcheck.h"

#define XSS1 "<script>alert(1)</script>"
#define XSS2 "\"><img src=x onerror=alert(1)>"

/* ---- The form ----------------------------------------------------- */

#define EN(s) {{s, NULL}}

static const struct fb_question_desc q_contact;

static const struct fb_question_desc q_name = {
    .id = "name", .type = FB_Q_TEXT, .label = EN("What is your name?"),
    .hint = EN("As it appears on your council tax bill"),
    .autocomplete = "name", .required = true, .max_length = 100,
};
static const struct fb_question_desc q_email = {
    .id = "email", .type = FB_Q_EMAIL, .label = EN("Email address"),
    .required = true,
};
static const struct fb_question_desc q_phone = {
    .id = "phone", .type = FB_Q_PHONE, .label = EN("Phone number"),
};
static const struct fb_question_desc q_postcode = {
    .id = "postcode", .type = FB_Q_POSTCODE, .label = EN("Postcode"),
    .required = true,
};
static const struct fb_question_desc q_count = {
    .id = "count", .type = FB_Q_NUMBER, .label = EN("How many bins?"),
    .required = true, .integer = true,
};
static const struct fb_question_desc q_amount = {
    .id = "amount", .type = FB_Q_NUMBER, .label = EN("Amount in pounds"),
    .required = true, .max_length = 8,
};
static const struct fb_question_desc q_story = {
    .id = "story", .type = FB_Q_TEXTAREA, .label = EN("What happened?"),
    .required = true,
};
static const struct fb_question_desc q_dob = {
    .id = "dob", .type = FB_Q_DATE, .label = EN("Date of birth"),
    .noun = EN("Date of birth"),
    .hint = EN("For example, 27 3 2007"), .autocomplete = "bday",
    .required = true,
};
static const struct fb_question_desc q_contact_phone = {
    .id = "contact_phone", .type = FB_Q_PHONE,
    .label = EN("Phone number to call"), .required = true,
    .revealed_by = &q_contact, .reveal_value = "phone",
};
static const struct fb_question_desc *const phone_reveal[] = {
    &q_contact_phone,
};
static const struct fb_option_desc contact_opts[] = {
    {.value = "email", .label = EN("Email")},
    {.value = "phone", .label = EN("Phone"), .reveal = phone_reveal,
     .n_reveal = 1},
    {.value = "post", .label = EN("Post"), .hint = EN("Takes 5 days")},
};
static const struct fb_question_desc q_contact = {
    .id = "contact", .type = FB_Q_RADIOS,
    .label = EN("How should we contact you?"), .options = contact_opts,
    .n_options = 3, .required = true,
};
static const struct fb_option_desc topic_opts[] = {
    {.value = "bins", .label = EN("Bins")},
    {.value = "roads", .label = EN("Roads")},
};
static const struct fb_question_desc q_topics = {
    .id = "topics", .type = FB_Q_CHECKBOXES, .label = EN("Topics"),
    .hint = EN("Select all that apply"), .options = topic_opts,
    .n_options = 2, .required = true,
};
static const struct fb_option_desc borough_opts[] = {
    {.value = "north", .label = EN("North")},
    {.value = "south", .label = EN("South")},
};
static const struct fb_question_desc q_borough = {
    .id = "borough", .type = FB_Q_SELECT, .label = EN("Borough"),
    .options = borough_opts, .n_options = 2, .required = true,
};
/* formc gives every yes_no its two fixed options, labelled from the
 * catalogue. */
static const struct fb_option_desc yes_no_opts[] = {
    {.value = "yes", .label = {{"Yes", "Ie"}}},
    {.value = "no", .label = {{"No", "Na"}}},
};
static const struct fb_question_desc q_agree = {
    .id = "agree", .type = FB_Q_YES_NO, .label = EN("Are you a resident?"),
    .options = yes_no_opts, .n_options = 2, .required = true,
};
static const struct fb_question_desc q_home = {
    .id = "home", .type = FB_Q_ADDRESS, .label = EN("Home address"),
    .noun = EN("Your home address"), .required = true,
};
static const struct fb_question_desc q_declare = {
    .id = "declare", .type = FB_Q_DECLARATION,
    .label = EN("I confirm the details are correct"), .required = true,
};

static const struct fb_question_desc *const name_questions[] = {&q_name};
static const struct fb_question_desc *const all_questions[] = {
    &q_email, &q_phone, &q_postcode, &q_count, &q_amount,
    &q_story, &q_dob, &q_contact, &q_contact_phone, &q_topics,
    &q_borough, &q_agree, &q_home, &q_declare,
};
static const struct fb_i18n list_items[] = {
    EN("a photo of the problem"),
    EN("see [the map](/map) or [evil](javascript:alert(1))"),
};
static const struct fb_block_desc blocks[] = {
    {.kind = FB_BLOCK_PARAGRAPH,
     .text = EN("First paragraph.\n\nSecond with a [link](https://x.test/a"
                "?b=1&c=2).")},
    {.kind = FB_BLOCK_INSET, .text = EN("Inset text.")},
    {.kind = FB_BLOCK_WARNING, .text = EN("You can be fined.")},
    {.kind = FB_BLOCK_DETAILS, .summary = EN("Help with this"),
     .text = EN("Call us.")},
    {.kind = FB_BLOCK_LIST, .items = list_items, .n_items = 2},
};
/* What the details page shows, in order: its content, then its
 * top-level questions (contact_phone is shown by its option). */
static const struct fb_item_desc details_items[] = {
    {.block = &blocks[0]}, {.block = &blocks[1]}, {.block = &blocks[2]},
    {.block = &blocks[3]}, {.block = &blocks[4]},
    {.question = &q_email}, {.question = &q_phone},
    {.question = &q_postcode}, {.question = &q_count},
    {.question = &q_amount}, {.question = &q_story},
    {.question = &q_dob}, {.question = &q_contact},
    {.question = &q_topics}, {.question = &q_borough},
    {.question = &q_agree}, {.question = &q_home},
    {.question = &q_declare},
};
static const struct fb_item_desc name_items[] = {{.question = &q_name}};
static const struct fb_item_desc exit_items[] = {{.block = &blocks[0]}};
static const struct fb_page_desc pages[] = {
    {.id = "your-name", .title = EN("What is your name?"),
     .questions = name_questions, .n_questions = 1,
     .items = name_items, .n_items = 1},
    {.id = "details", .title = EN("Your details"),
     .questions = all_questions,
     .n_questions = sizeof(all_questions) / sizeof(all_questions[0]),
     .items = details_items,
     .n_items = sizeof(details_items) / sizeof(details_items[0])},
    {.id = "not-eligible", .title = EN("You cannot use this form"),
     .exit = true, .items = exit_items, .n_items = 1},
};
static const struct fb_form_desc form = {
    .format = FB_FORMAT, .slug = "report-x", .title = EN("Report a problem"),
    .start_body = EN("Use this form to report a problem.\n\n"
                     "Read [the guidance](https://www.gov.uk/guide)."),
    .confirmation_body = EN("We will reply in 10 days."),
    .pages = pages, .n_pages = 3,
};

/* ---- Helpers ------------------------------------------------------ */

static struct fb_render_ctx
ctx_for(size_t page)
{
    struct fb_render_ctx ctx = {
        .form = &form, .page = page < form.n_pages ? &pages[page] : NULL,
        .lang = FB_LANG_EN, .form_href = "/report-x/",
        .assets_href = "/assets/", .back_href = "/report-x/",
        .csrf_token = "tok123",
    };
    return ctx;
}

static char *
render(void (*fn)(struct fb_html *, const struct fb_render_ctx *),
       const struct fb_render_ctx *ctx)
{
    struct fb_html w;
    char *html;

    fb_html_init(&w);
    fn(&w, ctx);
    html = fb_html_take(&w, NULL);
    ck_assert_ptr_nonnull(html);
    return html;
}

static void
collect(void *ud, long line, const char *message)
{
    char *buf = ud;
    size_t n = strlen(buf);

    snprintf(buf + n, 4096 - n, "line %ld: %s\n", line, message);
}

/* Fails the test with the checker's messages unless @p html passes. */
static void
assert_valid(const char *html)
{
    char problems[4096] = "";
    size_t n = fb_htmlcheck(html, strlen(html), collect, problems);

    ck_assert_msg(n == 0, "%zu htmlcheck problems:\n%s", n, problems);
}

static size_t
count(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static struct fb_answers *
hostile_answers(void)
{
    static const char *const names[] = {
        "name", "email", "phone", "postcode", "count", "amount", "story",
        "dob-day", "dob-month", "dob-year", "contact", "contact_phone",
        "topics", "topics", "borough", "agree", "home-line1", "home-line2",
        "home-town", "home-postcode", "declare",
    };
    struct fb_answers *a = fb_answers_new();

    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        ck_assert_int_eq(fb_answers_add(a, names[i],
                                        i % 2 ? XSS1 : XSS2), 0);
    return a;
}

static void
assert_no_raw_xss(const char *html)
{
    ck_assert_ptr_null(strstr(html, "<script"));
    ck_assert_ptr_null(strstr(html, "<img"));
}

/* The name, time, ni_number, money and autocomplete types on one page. */
static const struct fb_option_desc country_opts[] = {
    {.value = "GB", .label = EN("United Kingdom")},
    {.value = "FR", .label = EN("France")},
};
static const struct fb_question_desc q_full = {
    .id = "full", .type = FB_Q_NAME, .label = EN("Full name"),
    .autocomplete = "name", .required = true};
static const struct fb_question_desc q_parts = {
    .id = "you", .type = FB_Q_NAME, .label = EN("Your name"),
    .parts = FB_NAME_TITLE | FB_NAME_GIVEN | FB_NAME_FAMILY,
    .required = true};
static const struct fb_question_desc q_arrive = {
    .id = "arrive", .type = FB_Q_TIME, .label = EN("Arrival time"),
    .hint = EN("For example, 9:30am or 14:30")};
static const struct fb_question_desc q_nino = {
    .id = "nino", .type = FB_Q_NI_NUMBER,
    .label = EN("National Insurance number")};
static const struct fb_question_desc q_fee = {
    .id = "fee", .type = FB_Q_MONEY, .label = EN("Fee")};
static const struct fb_question_desc q_country = {
    .id = "country", .type = FB_Q_AUTOCOMPLETE, .label = EN("Country"),
    .options = country_opts, .n_options = 2};
static const struct fb_question_desc q_home_country = {
    .id = "home_country", .type = FB_Q_AUTOCOMPLETE,
    .label = EN("Home country"), .autocomplete = "country-name",
    .options = country_opts, .n_options = 2};
static const struct fb_question_desc q_country_select = {
    .id = "country2", .type = FB_Q_AUTOCOMPLETE, .label = EN("Country 2"),
    .options = country_opts, .n_options = 2, .display_select = true};
static const struct fb_question_desc *const new_questions[] = {
    &q_full, &q_parts, &q_arrive, &q_nino, &q_fee, &q_country,
    &q_home_country, &q_country_select,
};
static const struct fb_item_desc new_items[] = {
    {.question = &q_full}, {.question = &q_parts}, {.question = &q_arrive},
    {.question = &q_nino}, {.question = &q_fee}, {.question = &q_country},
    {.question = &q_home_country}, {.question = &q_country_select},
};
static const struct fb_page_desc new_pages[] = {
    {.id = "new", .title = EN("New types"), .questions = new_questions,
     .n_questions = 8, .items = new_items, .n_items = 8},
};
static const struct fb_form_desc new_form = {
    .format = FB_FORMAT, .slug = "report-y", .title = EN("Report a thing"),
    .pages = new_pages, .n_pages = 1,
};

/* ---- Question pages ----------------------------------------------- */

START_TEST(test_empty_pages_pass_checks)
{
    for (size_t i = 0; i < form.n_pages; i++) {
        struct fb_render_ctx ctx = ctx_for(i);
        char *html = render(fb_render_page, &ctx);
        assert_valid(html);
        ck_assert_ptr_nonnull(strstr(html, "<html lang=\"en\""));
        ck_assert_ptr_null(strstr(html, "<title>Error"));
        ck_assert_ptr_null(strstr(html, "govuk-error-summary"));
        ck_assert_ptr_null(strstr(html, "<script"));
        free(html);
    }
}
END_TEST

START_TEST(test_title_names_page_form_and_site)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_nonnull(strstr(html, "<title>Your details - Report a "
                                       "problem - " "Council services"
                                       "</title>"));
    ck_assert_ptr_nonnull(strstr(html, "href=\"#main-content\""));
    ck_assert_ptr_nonnull(strstr(html, "id=\"main-content\""));
    free(html);
}
END_TEST

START_TEST(test_single_question_label_is_heading)
{
    struct fb_render_ctx ctx = ctx_for(0);
    char *html = render(fb_render_page, &ctx);

    ck_assert_uint_eq(count(html, "<h1"), 1);
    ck_assert_ptr_nonnull(strstr(html, "<h1 class=\"govuk-label-wrapper\">"
                                       "<label class=\"govuk-label "
                                       "govuk-label--l\" for=\"name\">"));
    free(html);
}
END_TEST

START_TEST(test_multi_question_page_has_own_h1)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_uint_eq(count(html, "<h1"), 1);
    ck_assert_ptr_nonnull(strstr(html, "<h1 class=\"govuk-heading-l\">"
                                       "Your details</h1>"));
    free(html);
}
END_TEST

START_TEST(test_form_posts_with_csrf_and_honeypot)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html;

    ctx.action = "/report-x/details?a=1&b=2";
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, "<form method=\"post\" novalidate "
                                       "action=\"/report-x/details?a=1&amp;"
                                       "b=2\">"));
    ck_assert_ptr_nonnull(strstr(html, "<input type=\"hidden\" name=\""
                                       FB_CSRF_FIELD "\" value=\"tok123\">"));
    ck_assert_ptr_nonnull(strstr(html, "aria-hidden=\"true\"><label "
                                       "for=\"fb-honeypot\">Leave this "
                                       "field empty</label>"));
    ck_assert_ptr_nonnull(strstr(html, "name=\"" FB_HONEYPOT_FIELD
                                       "\" value=\"\" tabindex=\"-1\" "
                                       "autocomplete=\"off\""));
    free(html);
}
END_TEST

START_TEST(test_no_csrf_field_without_token)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html;

    ctx.csrf_token = NULL;
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_null(strstr(html, FB_CSRF_FIELD));
    ck_assert_ptr_nonnull(strstr(html, "<form method=\"post\" novalidate>"));
    free(html);
}
END_TEST

START_TEST(test_exit_page_has_no_form)
{
    struct fb_render_ctx ctx = ctx_for(2);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_null(strstr(html, "<form"));
    ck_assert_ptr_null(strstr(html, "<button"));
    ck_assert_ptr_nonnull(strstr(html, "First paragraph."));
    free(html);
}
END_TEST

START_TEST(test_input_attributes_by_type)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_nonnull(strstr(html, "id=\"email\" name=\"email\" "
                                       "type=\"email\" autocomplete=\"email\""
                                       " spellcheck=\"false\""));
    ck_assert_ptr_nonnull(strstr(html, "type=\"tel\" autocomplete=\"tel\" "
                                       "spellcheck=\"false\""));
    ck_assert_ptr_nonnull(strstr(html, "name=\"postcode\" type=\"text\" "
                                       "autocomplete=\"postal-code\" "
                                       "spellcheck=\"false\""));
    ck_assert_ptr_nonnull(strstr(html, "name=\"count\" type=\"text\" "
                                       "spellcheck=\"false\" "
                                       "inputmode=\"numeric\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--width-10\" "
                                       "id=\"amount\" name=\"amount\" "
                                       "type=\"text\" spellcheck=\"false\" "
                                       "inputmode=\"decimal\""));
    ck_assert_ptr_nonnull(strstr(html, "<textarea class=\"govuk-textarea\" "
                                       "id=\"story\" name=\"story\""));
    ck_assert_ptr_nonnull(strstr(html, "<select class=\"govuk-select\" "
                                       "id=\"borough\" name=\"borough\""));
    free(html);
}
END_TEST

/* GOV.UK patterns: names (one input, or parts with their tokens), the
 * National Insurance number input, the "£" prefix; an autocomplete is a
 * labelled input with a datalist of the labels, or a select. */
START_TEST(test_new_types_markup)
{
    struct fb_render_ctx ctx = ctx_for(0);
    ctx.form = &new_form;
    ctx.page = &new_pages[0];
    char *html = render(fb_render_page, &ctx);

    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "id=\"full\" name=\"full\" "
                                       "type=\"text\" autocomplete=\"name\" "
                                       "spellcheck=\"false\""));
    ck_assert_ptr_nonnull(strstr(html, "<legend class=\"govuk-fieldset__"
                                       "legend govuk-fieldset__legend--s\">"
                                       "Your name</legend>"));
    ck_assert_ptr_nonnull(strstr(html, "for=\"you-title\">Title (optional)"
                                       "</label>"));
    ck_assert_ptr_nonnull(strstr(html, "name=\"you-title\" type=\"text\" "
                                       "autocomplete=\"honorific-prefix\""));
    ck_assert_ptr_nonnull(strstr(html, "for=\"you-given\">First name"
                                       "</label>"));
    ck_assert_ptr_nonnull(strstr(html, "name=\"you-given\" type=\"text\" "
                                       "autocomplete=\"given-name\""));
    ck_assert_ptr_nonnull(strstr(html, "name=\"you-family\" type=\"text\" "
                                       "autocomplete=\"family-name\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--width-10\" "
                                       "id=\"arrive\" name=\"arrive\" "
                                       "type=\"text\" spellcheck=\"false\" "
                                       "aria-describedby=\"arrive-hint\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--width-10\" id=\"nino\""
                                       " name=\"nino\" type=\"text\" "
                                       "spellcheck=\"false\""));
    ck_assert_ptr_nonnull(strstr(html, "<div class=\"govuk-input__wrapper\">"
                                       "<div class=\"govuk-input__prefix\" "
                                       "aria-hidden=\"true\">\xc2\xa3</div>\n"
                                       "<input class=\"govuk-input "
                                       "govuk-input--width-10\" id=\"fee\""));
    ck_assert_ptr_nonnull(strstr(html, "name=\"fee\" type=\"text\" "
                                       "spellcheck=\"false\" "
                                       "inputmode=\"decimal\""));
    ck_assert_ptr_nonnull(strstr(html, "<label class=\"govuk-label "
                                       "govuk-label--s\" for=\"country\">"));
    ck_assert_ptr_nonnull(strstr(html, "id=\"country\" name=\"country\" "
                                       "type=\"text\" list=\"country-list\" "
                                       "autocomplete=\"off\""));
    ck_assert_ptr_nonnull(strstr(html, "<datalist id=\"country-list\">\n"
                                       "<option value=\"United Kingdom\">\n"
                                       "<option value=\"France\">\n"
                                       "</datalist>"));
    ck_assert_ptr_nonnull(strstr(html, "list=\"home_country-list\" "
                                       "autocomplete=\"country-name\""));
    ck_assert_ptr_nonnull(strstr(html, "<select class=\"govuk-select\" "
                                       "id=\"country2\" name=\"country2\""));
    ck_assert_ptr_nonnull(strstr(html, "<option value=\"GB\">United Kingdom"
                                       "</option>"));
    free(html);
}
END_TEST

START_TEST(test_date_parts_have_labels_and_bday_tokens)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_nonnull(strstr(html, "for=\"dob-day\">Day</label>"));
    ck_assert_ptr_nonnull(strstr(html, "for=\"dob-month\">Month</label>"));
    ck_assert_ptr_nonnull(strstr(html, "for=\"dob-year\">Year</label>"));
    ck_assert_ptr_nonnull(strstr(html, "name=\"dob-day\" type=\"text\" "
                                       "autocomplete=\"bday-day\" "
                                       "inputmode=\"numeric\""));
    ck_assert_ptr_nonnull(strstr(html, "autocomplete=\"bday-year\""));
    ck_assert_ptr_nonnull(strstr(html, "<fieldset class=\"govuk-fieldset\" "
                                       "aria-describedby=\"dob-hint\">"));
    free(html);
}
END_TEST

START_TEST(test_address_parts_and_tokens)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_nonnull(strstr(html, "name=\"home-line1\" type=\"text\" "
                                       "autocomplete=\"address-line1\""));
    ck_assert_ptr_nonnull(strstr(html, "autocomplete=\"address-line2\""));
    ck_assert_ptr_nonnull(strstr(html, "name=\"home-town\" type=\"text\" "
                                       "autocomplete=\"address-level2\""));
    ck_assert_ptr_nonnull(strstr(html, "name=\"home-postcode\" type=\"text\""
                                       " autocomplete=\"postal-code\""));
    ck_assert_ptr_nonnull(strstr(html, "<legend class=\"govuk-fieldset__"
                                       "legend govuk-fieldset__legend--s\">"
                                       "Home address</legend>"));
    free(html);
}
END_TEST

START_TEST(test_radios_ids_hints_and_conditional)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);
    const char *cond, *follow;

    ck_assert_ptr_nonnull(strstr(html, "id=\"contact\" name=\"contact\" "
                                       "type=\"radio\" value=\"email\""));
    ck_assert_ptr_nonnull(strstr(html, "id=\"contact-2\" name=\"contact\" "
                                       "type=\"radio\" value=\"phone\""));
    ck_assert_ptr_nonnull(strstr(html, "value=\"post\" aria-describedby="
                                       "\"contact-3-item-hint\""));
    /* The follow-up sits in phone's conditional and is always shown. */
    cond = strstr(html, "<div class=\"govuk-radios__conditional\" "
                        "id=\"conditional-contact-2\">");
    follow = strstr(html, "for=\"contact_phone\">Phone number to call");
    ck_assert_ptr_nonnull(cond);
    ck_assert_ptr_nonnull(follow);
    ck_assert(follow > cond);
    ck_assert(follow < strstr(html, "value=\"post\""));
    ck_assert_uint_eq(count(html, "id=\"contact_phone\""), 1);
    free(html);
}
END_TEST

START_TEST(test_followup_alone_writes_nothing)
{
    struct fb_render_ctx ctx = ctx_for(1);
    struct fb_html w;

    fb_html_init(&w);
    fb_render_question(&w, &ctx, &q_contact_phone);
    ck_assert_uint_eq(w.len, 0);
    fb_html_free(&w);
}
END_TEST

START_TEST(test_yes_no_has_yes_and_no)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_nonnull(strstr(html, "<div class=\"govuk-radios "
                                       "govuk-radios--inline\">"));
    ck_assert_ptr_nonnull(strstr(html, "id=\"agree\" name=\"agree\" "
                                       "type=\"radio\" value=\"yes\""));
    ck_assert_ptr_nonnull(strstr(html, "for=\"agree\">Yes</label>"));
    ck_assert_ptr_nonnull(strstr(html, "for=\"agree-2\">No</label>"));
    free(html);
}
END_TEST

START_TEST(test_optional_question_says_so)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_nonnull(strstr(html, ">Phone number (optional)</label>"));
    ck_assert_ptr_null(strstr(html, "Email address (optional)"));
    free(html);
}
END_TEST

START_TEST(test_blocks_of_each_kind)
{
    struct fb_render_ctx ctx = ctx_for(1);
    char *html = render(fb_render_page, &ctx);

    ck_assert_ptr_nonnull(strstr(html, "<p class=\"govuk-body\">First "
                                       "paragraph.</p>\n<p class=\"govuk-"
                                       "body\">Second with a <a class=\""
                                       "govuk-link\" href=\"https://x.test/a"
                                       "?b=1&amp;c=2\">link</a>.</p>"));
    ck_assert_ptr_nonnull(strstr(html, "<div class=\"govuk-inset-text\">"));
    ck_assert_ptr_nonnull(strstr(html, "<span class=\"govuk-visually-"
                                       "hidden\">Warning</span> You can be "
                                       "fined."));
    ck_assert_ptr_nonnull(strstr(html, "<details class=\"govuk-details\">"));
    ck_assert_ptr_nonnull(strstr(html, "summary-text\">Help with this"));
    ck_assert_ptr_nonnull(strstr(html, "<ul class=\"govuk-list "
                                       "govuk-list--bullet\">"));
    ck_assert_ptr_nonnull(strstr(html, "<a class=\"govuk-link\" "
                                       "href=\"/map\">the map</a>"));
    /* An unsafe link target stays plain text. */
    ck_assert_ptr_null(strstr(html, "href=\"javascript"));
    ck_assert_ptr_nonnull(strstr(html, "[evil](javascript:alert(1))"));
    free(html);
}
END_TEST

START_TEST(test_answers_shown_again)
{
    struct fb_render_ctx ctx = ctx_for(1);
    struct fb_answers *a = fb_answers_new();
    char *html;

    fb_answers_add(a, "email", "ann@example.org");
    fb_answers_add(a, "dob-day", "29");
    fb_answers_add(a, "dob-month", "2");
    fb_answers_add(a, "dob-year", "2024");
    fb_answers_add(a, "contact", "phone");
    fb_answers_add(a, "contact_phone", "0161 496 0000");
    fb_answers_add(a, "topics", "bins");
    fb_answers_add(a, "topics", "roads");
    fb_answers_add(a, "borough", "south");
    fb_answers_add(a, "agree", "no");
    fb_answers_add(a, "home-town", "Stockport");
    fb_answers_add(a, "declare", "confirmed");
    fb_answers_add(a, "story", "\nline one\nline two");
    ctx.answers = a;
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "value=\"ann@example.org\""));
    ck_assert_ptr_nonnull(strstr(html, "name=\"dob-day\" type=\"text\" "
                                       "autocomplete=\"bday-day\" "
                                       "inputmode=\"numeric\" value=\"29\""));
    ck_assert_ptr_nonnull(strstr(html, "value=\"phone\" checked"));
    ck_assert_ptr_null(strstr(html, "value=\"email\" checked"));
    ck_assert_ptr_nonnull(strstr(html, "value=\"0161 496 0000\""));
    ck_assert_ptr_nonnull(strstr(html, "value=\"bins\" checked"));
    ck_assert_ptr_nonnull(strstr(html, "value=\"roads\" checked"));
    ck_assert_ptr_nonnull(strstr(html, "<option value=\"south\" selected>"));
    ck_assert_ptr_nonnull(strstr(html, "value=\"no\" checked"));
    ck_assert_ptr_nonnull(strstr(html, "value=\"Stockport\""));
    ck_assert_ptr_nonnull(strstr(html, "value=\"confirmed\" checked"));
    /* The extra newline keeps the value's own leading newline. */
    ck_assert_ptr_nonnull(strstr(html, ">\n\nline one\nline two"
                                       "</textarea>"));
    free(html);
    fb_answers_free(a);
}
END_TEST

START_TEST(test_hostile_answers_only_escaped)
{
    struct fb_answers *a = hostile_answers();

    for (size_t i = 0; i < form.n_pages; i++) {
        struct fb_render_ctx ctx = ctx_for(i);
        char *html;
        ctx.answers = a;
        html = render(fb_render_page, &ctx);
        assert_valid(html);
        assert_no_raw_xss(html);
        if (i == 0)
            ck_assert_ptr_nonnull(strstr(html, "value=\"&quot;&gt;&lt;img "
                                               "src=x onerror=alert(1)&gt;"
                                               "\""));
        if (i == 1)
            ck_assert_ptr_nonnull(strstr(html, "&quot;&gt;&lt;img src=x "
                                               "onerror=alert(1)&gt;"
                                               "</textarea>"));
        free(html);
    }
    fb_answers_free(a);
}
END_TEST

static const struct fb_i18n enter_email = EN("Enter an email address");
static const struct fb_i18n enter_phone = EN("Enter a phone number");
static const struct fb_i18n tell_us = EN("Tell us " XSS1);
static const struct fb_i18n dob_noun = EN("Date of birth");

/* Errors as the driver makes them: message ids with their parameters, or
 * the author's text. */
static struct fb_errors *
some_errors(void)
{
    const struct fb_error errs[] = {
        {.question = "email", .anchor = "email", .part = -1,
         .text = &enter_email},
        {.question = "dob", .anchor = "dob-day", .part = 0,
         .parts = FB_PART_DAY, .msg = FB_MSG_DATE_MISSING_DAY,
         .args = {.noun = &dob_noun}},
        {.question = "contact_phone", .anchor = "contact_phone", .part = -1,
         .text = &enter_phone},
        {.question = "topics", .anchor = "topics", .part = -1,
         .msg = FB_MSG_MIN_SELECTED, .args = {.count = 1}},
        {.question = "home", .anchor = "home-postcode", .part = 3,
         .parts = 1u << 3, .msg = FB_MSG_POSTCODE_REAL},
        {.question = "story", .anchor = "story", .part = -1,
         .text = &tell_us},
    };
    struct fb_errors *e = fb_errors_new();

    ck_assert_ptr_nonnull(e);
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++)
        ck_assert_int_eq(fb_errors_add(e, &errs[i]), 0);
    return e;
}

START_TEST(test_errors_summary_and_messages)
{
    struct fb_render_ctx ctx = ctx_for(1);
    struct fb_errors *e = some_errors();
    char *html;

    ctx.errors = e;
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    assert_no_raw_xss(html);
    ck_assert_ptr_nonnull(strstr(html, "<title>Error: Your details"));
    ck_assert_ptr_nonnull(strstr(html, "class=\"govuk-error-summary\" "
                                       "role=\"alert\" aria-labelledby=\""
                                       "error-summary-title\" "
                                       "tabindex=\"-1\""));
    /* The summary comes first in main, before the h1. */
    ck_assert(strstr(html, "govuk-error-summary") < strstr(html, "<h1"));
    ck_assert(strstr(html, "id=\"main-content\"") <
              strstr(html, "govuk-error-summary"));
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#dob-day\">Date of "
                                       "birth must include a day</a></li>"));
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#home-postcode\">"
                                       "Enter a real postcode</a></li>"));
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#topics\">Select at "
                                       "least 1 option</a></li>"));
    ck_assert_ptr_nonnull(strstr(html, "<p id=\"email-error\" class=\""
                                       "govuk-error-message\"><span class=\""
                                       "govuk-visually-hidden\">Error:</span>"
                                       " Enter an email address</p>"));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--error\" id=\"email\""));
    ck_assert_ptr_nonnull(strstr(html, "aria-describedby=\"email-error\""));
    ck_assert_ptr_nonnull(strstr(html, "aria-describedby=\"dob-hint "
                                       "dob-error\""));
    ck_assert_ptr_nonnull(strstr(html, "aria-describedby=\"topics-hint "
                                       "topics-error\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--error\" "
                                       "id=\"contact_phone\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-textarea--error"));
    /* Five questions, and the address with its postcode's own group. */
    ck_assert_uint_eq(count(html, "govuk-form-group--error"), 7);
    /* Only the address part the error points at is marked, and its
     * message sits next to it. */
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--width-10 "
                                       "govuk-input--error\" "
                                       "id=\"home-postcode\""));
    ck_assert_ptr_nonnull(strstr(html, "<p id=\"home-postcode-error\" "
                                       "class=\"govuk-error-message\">"
                                       "<span class=\"govuk-visually-hidden"
                                       "\">Error:</span> Enter a real "
                                       "postcode</p>"));
    ck_assert_ptr_null(strstr(html, "error\" id=\"home-line1\""));
    /* Only the day of the date is marked. */
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--error\" id=\"dob-day\""));
    ck_assert_ptr_null(strstr(html, "govuk-input--error\" id=\"dob-month\""));
    ck_assert_ptr_nonnull(strstr(html, "Error:</span> Date of birth must "
                                       "include a day</p>"));
    ck_assert_ptr_nonnull(strstr(html, "Error:</span> Select at least 1 "
                                       "option</p>"));
    free(html);
    fb_errors_free(e);
}
END_TEST

START_TEST(test_error_on_heading_question)
{
    struct fb_render_ctx ctx = ctx_for(0);
    struct fb_errors *e = fb_errors_new();
    static const struct fb_i18n noun = EN("Your name");
    const struct fb_error err = {.question = "name", .anchor = "name",
                                 .part = -1, .msg = FB_MSG_ENTER,
                                 .args = {.noun = &noun}};
    char *html;

    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    ctx.errors = e;
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#name\">Enter your "
                                       "name</a></li>"));
    ck_assert_ptr_nonnull(strstr(html, "Error:</span> Enter your name</p>"));
    ck_assert_ptr_nonnull(strstr(html, "<title>Error: What is your name? - "
                                       "Report a problem"));
    ck_assert_ptr_nonnull(strstr(html, "aria-describedby=\"name-hint "
                                       "name-error\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--error"));
    free(html);
    fb_errors_free(e);
}
END_TEST

START_TEST(test_welsh_page)
{
    struct fb_render_ctx ctx = ctx_for(1);
    struct fb_errors *e = some_errors();
    char *html;

    ctx.lang = FB_LANG_CY;
    ctx.errors = e;
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<html lang=\"cy\""));
    ck_assert_ptr_nonnull(strstr(html, "<title>Gwall: "));
    ck_assert_ptr_nonnull(strstr(html, ">Parhau</button>"));
    ck_assert_ptr_nonnull(strstr(html, ">Diwrnod</label>"));
    free(html);
    fb_errors_free(e);
}
END_TEST

/* The errors the driver finds in question @p q over @p a. */
static struct fb_errors *
driver_errors(const struct fb_question_desc *q, const struct fb_answers *a)
{
    static const struct fb_date today = {2025, 6, 1};
    struct fb_errors *e = fb_errors_new();
    struct fb_answers *out = fb_answers_new();

    ck_assert(e && out);
    fb_validate_question(q, a, &today, out, e);
    fb_answers_free(out);
    return e;
}

/* @returns the text from @p from up to the first @p end after it. */
static char *
slice(const char *from, const char *end)
{
    const char *stop;

    ck_assert_ptr_nonnull(from);
    stop = strstr(from, end);
    ck_assert_ptr_nonnull(stop);
    return strndup(from, (size_t)(stop - from));
}

START_TEST(test_address_part_errors_each_in_own_group)
{
    struct fb_render_ctx ctx = ctx_for(1);
    struct fb_answers *a = fb_answers_new();
    struct fb_errors *e;
    char *html, *group;

    fb_answers_add(a, "home-line1", "");
    fb_answers_add(a, "home-town", "Stockport");
    fb_answers_add(a, "home-postcode", "");
    e = driver_errors(&q_home, a);
    ck_assert_uint_eq(fb_errors_count(e), 2);
    ctx.answers = a;
    ctx.errors = e;
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    /* the summary links each message to its own input */
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#home-line1\">Enter "
                                       "address line 1, typically the "
                                       "building and street</a></li>"));
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#home-postcode\">"
                                       "Enter postcode</a></li>"));
    /* line 1: its group, label, message and input, described by it */
    group = slice(strstr(html, "<div class=\"govuk-form-group "
                               "govuk-form-group--error\">\n<label "
                               "class=\"govuk-label\" for=\"home-line1\">"),
                  "</div>");
    ck_assert_ptr_nonnull(strstr(group, "<p id=\"home-line1-error\" "
                                        "class=\"govuk-error-message\">"
                                        "<span class=\"govuk-visually-"
                                        "hidden\">Error:</span> Enter "
                                        "address line 1, typically the "
                                        "building and street</p>"));
    ck_assert_ptr_nonnull(strstr(group, "id=\"home-line1\" "
                                        "name=\"home-line1\""));
    ck_assert_ptr_nonnull(strstr(group, "aria-describedby=\"home-line1-"
                                        "error\">"));
    ck_assert_ptr_null(strstr(group, "postcode"));
    free(group);
    /* the postcode likewise */
    group = slice(strstr(html, "<div class=\"govuk-form-group "
                               "govuk-form-group--error\">\n<label "
                               "class=\"govuk-label\" "
                               "for=\"home-postcode\">"),
                  "</div>");
    ck_assert_ptr_nonnull(strstr(group, "<p id=\"home-postcode-error\" "
                                        "class=\"govuk-error-message\">"
                                        "<span class=\"govuk-visually-"
                                        "hidden\">Error:</span> Enter "
                                        "postcode</p>"));
    ck_assert_ptr_nonnull(strstr(group, "govuk-input--error\" "
                                        "id=\"home-postcode\""));
    ck_assert_ptr_nonnull(strstr(group, "aria-describedby=\"home-postcode-"
                                        "error\">"));
    free(group);
    /* the town is fine: not marked, described by nothing */
    group = slice(strstr(html, "<div class=\"govuk-form-group\">\n<label "
                               "class=\"govuk-label\" for=\"home-town\">"),
                  "</div>");
    ck_assert_ptr_null(strstr(group, "error"));
    ck_assert_ptr_null(strstr(group, "aria-describedby"));
    ck_assert_ptr_nonnull(strstr(group, "value=\"Stockport\""));
    free(group);
    /* each message once; the whole address has no message of its own */
    ck_assert_uint_eq(count(html, "Enter postcode</p>"), 1);
    ck_assert_ptr_null(strstr(html, "id=\"home-error\""));
    free(html);
    fb_errors_free(e);
    fb_answers_free(a);
}
END_TEST

START_TEST(test_date_missing_year_marks_only_year)
{
    struct fb_render_ctx ctx = ctx_for(1);
    struct fb_answers *a = fb_answers_new();
    struct fb_errors *e;
    char *html;

    fb_answers_add(a, "dob-day", "27");
    fb_answers_add(a, "dob-month", "3");
    fb_answers_add(a, "dob-year", "");
    e = driver_errors(&q_dob, a);
    ck_assert_uint_eq(fb_errors_count(e), 1);
    ctx.answers = a;
    ctx.errors = e;
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#dob-year\">Date of "
                                       "birth must include a year</a></li>"));
    ck_assert_ptr_nonnull(strstr(html, "<p id=\"dob-error\" class=\"govuk-"
                                       "error-message\"><span class=\"govuk-"
                                       "visually-hidden\">Error:</span> Date "
                                       "of birth must include a year</p>"));
    ck_assert_uint_eq(count(html, "govuk-input--error"), 1);
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--width-4 "
                                       "govuk-input--error\" "
                                       "id=\"dob-year\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--width-2\" "
                                       "id=\"dob-day\""));
    ck_assert_ptr_nonnull(strstr(html, "govuk-input--width-2\" "
                                       "id=\"dob-month\""));
    ck_assert_ptr_nonnull(strstr(html, "aria-describedby=\"dob-hint "
                                       "dob-error\""));
    free(html);
    fb_errors_free(e);
    fb_answers_free(a);
}
END_TEST

START_TEST(test_items_render_in_order)
{
    static const struct fb_block_desc between = {
        .kind = FB_BLOCK_PARAGRAPH, .text = EN("Between the questions."),
    };
    static const struct fb_block_desc after = {
        .kind = FB_BLOCK_INSET, .text = EN("After the questions."),
    };
    static const struct fb_question_desc *const qs[] = {&q_email, &q_phone};
    static const struct fb_item_desc items[] = {
        {.question = &q_email}, {.block = &between}, {.question = &q_phone},
        {.block = &after},
    };
    static const struct fb_page_desc page = {
        .id = "mixed", .title = EN("Mixed"), .questions = qs,
        .n_questions = 2, .items = items, .n_items = 4,
    };
    struct fb_render_ctx ctx = ctx_for(99);
    char *html;
    const char *email, *para, *phone, *inset, *button;

    ctx.page = &page;
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    email = strstr(html, "id=\"email\"");
    para = strstr(html, "<p class=\"govuk-body\">Between the questions.</p>");
    phone = strstr(html, "id=\"phone\"");
    inset = strstr(html, "After the questions.");
    button = strstr(html, "<button");
    ck_assert(email && para && phone && inset && button);
    ck_assert(email < para);
    ck_assert(para < phone);
    ck_assert(phone < inset);
    ck_assert(inset < button);
    /* the page has content, so it keeps its own h1 */
    ck_assert_ptr_nonnull(strstr(html, ">Mixed</h1>"));
    free(html);
}
END_TEST

START_TEST(test_question_when_hides_it)
{
    static const struct fb_cond_desc resident = {
        .op = FB_COND_IS, .question = &q_agree,
        .value = {.kind = FB_LITERAL_TEXT, .text = "yes"},
    };
    static const struct fb_question_desc q_council_tax = {
        .id = "ctax", .type = FB_Q_TEXT, .label = EN("Council tax number"),
        .required = true, .when = &resident,
    };
    static const struct fb_question_desc *const qs[] = {&q_agree,
                                                        &q_council_tax};
    static const struct fb_item_desc items[] = {
        {.question = &q_agree}, {.question = &q_council_tax},
    };
    static const struct fb_page_desc page = {
        .id = "tax", .title = EN("Council tax"), .questions = qs,
        .n_questions = 2, .items = items, .n_items = 2,
    };
    static const struct fb_date today = {2025, 6, 1};
    struct fb_render_ctx ctx = ctx_for(99);
    struct fb_answers *a = fb_answers_new();
    char *html;

    ctx.page = &page;
    ctx.today = &today;
    ctx.answers = a;
    fb_answers_add(a, "agree", "no");
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    ck_assert_ptr_null(strstr(html, "id=\"ctax\""));
    free(html);
    fb_answers_set(a, "agree", "yes");
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "id=\"ctax\""));
    free(html);
    fb_answers_free(a);
}
END_TEST

/* ---- Journey pages ------------------------------------------------ */

START_TEST(test_start_page)
{
    struct fb_render_ctx ctx = ctx_for(99);
    char *html = render(fb_render_start, &ctx);

    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<title>Report a problem - Council "
                                       "services</title>"));
    ck_assert_ptr_nonnull(strstr(html, "<h1 class=\"govuk-heading-xl\">"
                                       "Report a problem</h1>"));
    ck_assert_ptr_nonnull(strstr(html, "href=\"/report-x/your-name\" "
                                       "role=\"button\""));
    ck_assert_ptr_nonnull(strstr(html, "<a class=\"govuk-link\" href=\""
                                       "https://www.gov.uk/guide\">the "
                                       "guidance</a>"));
    free(html);
}
END_TEST

/* A Welsh page: <html lang="cy">, the furniture in Welsh, the link to
 * English in English (its own lang and hreflang), and author text
 * without Welsh (English shown) marked lang="en". */
START_TEST(test_welsh_page_and_language_link)
{
    struct fb_render_ctx ctx = ctx_for(0);
    ctx.lang = FB_LANG_CY;
    ctx.lang_link.href = "/report-x/your-name?lang=en";
    char *html = render(fb_render_page, &ctx);

    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<html lang=\"cy\""));
    ck_assert_ptr_nonnull(strstr(html, "<p class=\"govuk-body-s fb-language"
                                       "\"><a href=\"/report-x/your-name?"
                                       "lang=en\" class=\"govuk-link\" "
                                       "lang=\"en\" hreflang=\"en\">"
                                       "English</a></p>"));
    ck_assert_ptr_nonnull(strstr(html, ">Parhau</button>"));
    ck_assert_ptr_nonnull(strstr(html, "<span lang=\"en\">"));
    ck_assert_ptr_null(strstr(html, "id=\"fb-form\""));
    free(html);
    /* English: the link to Welsh, nothing marked */
    ctx.lang = FB_LANG_EN;
    ctx.lang_link.href = "/report-x/your-name?lang=cy";
    html = render(fb_render_page, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "lang=\"cy\" hreflang=\"cy\">"
                                       "Cymraeg</a>"));
    ck_assert_ptr_null(strstr(html, "<span lang="));
    free(html);
    /* no link for a form in one language */
    ctx.lang_link.href = NULL;
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_null(strstr(html, "fb-language"));
    free(html);
}
END_TEST

/* After a POST the link is a button posting the page's form. */
START_TEST(test_language_button_posts_the_form)
{
    struct fb_render_ctx ctx = ctx_for(0);
    ctx.lang_link.href = "/report-x/your-name?lang=cy&switch=1";
    ctx.lang_link.post = true;
    char *html = render(fb_render_page, &ctx);

    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<button type=\"submit\" form=\""
                                       "fb-form\" formaction=\"/report-x/"
                                       "your-name?lang=cy&amp;switch=1\" "
                                       "class=\"fb-link-button\" lang=\"cy"
                                       "\">Cymraeg</button>"));
    ck_assert_ptr_nonnull(strstr(html, " id=\"fb-form\">"));
    free(html);
}
END_TEST

START_TEST(test_index_in_welsh)
{
    static const struct fb_form_desc welsh = {
        .format = FB_FORMAT, .slug = "report-y",
        .title = {{"Report it", "Rhoi gwybod"}},
        .languages = (1u << FB_LANG_EN) | (1u << FB_LANG_CY),
    };
    const struct fb_form_desc *forms[] = {&welsh, &form};
    struct fb_lang_link link = {"/?lang=en", false};
    struct fb_html w;
    fb_html_init(&w);
    fb_render_index(&w, FB_LANG_CY, "/assets/", forms, 2, &link);
    char *html = fb_html_take(&w, NULL);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<title>Ffurflenni ar-lein - "));
    ck_assert_ptr_nonnull(strstr(html, "href=\"/report-y/?lang=cy\">"
                                       "Rhoi gwybod</a>"));
    ck_assert_ptr_nonnull(strstr(html, "href=\"/report-x/\"><span lang=\""
                                       "en\">Report a problem</span></a>"));
    ck_assert_ptr_nonnull(strstr(html, "hreflang=\"en\">English</a>"));
    free(html);
}
END_TEST

START_TEST(test_start_follows_journey)
{
    struct fb_render_ctx ctx = ctx_for(99);
    const struct fb_page_desc *journey[] = {&pages[1]};
    char *html;

    ctx.journey = journey;
    ctx.n_journey = 1;
    html = render(fb_render_start, &ctx);
    ck_assert_ptr_nonnull(strstr(html, "href=\"/report-x/details\""));
    free(html);
}
END_TEST

static struct fb_answers *
summary_answers(void)
{
    struct fb_answers *s = fb_answers_new();

    fb_answers_add(s, "name", "Ann " XSS1);
    fb_answers_add(s, "email", XSS2);
    fb_answers_add(s, "dob", "2024-02-29");
    fb_answers_add(s, "contact", "phone");
    fb_answers_add(s, "contact_phone", "01614960000");
    fb_answers_add(s, "topics", "bins");
    fb_answers_add(s, "topics", "roads");
    fb_answers_add(s, "borough", "north");
    fb_answers_add(s, "agree", "yes");
    fb_answers_add(s, "home.line1", "1 High St");
    fb_answers_add(s, "home.town", "Stockport");
    fb_answers_add(s, "home.postcode", "SK1 3XE");
    fb_answers_add(s, "story", "one\ntwo");
    fb_answers_add(s, "declare", "confirmed");
    return s;
}

/* Check answers in Welsh: its furniture, dates with Welsh month names,
 * yes and "not provided" from the catalogue. */
START_TEST(test_check_answers_in_welsh)
{
    struct fb_render_ctx ctx = ctx_for(99);
    const struct fb_page_desc *journey[] = {&pages[0], &pages[1]};
    struct fb_answers *s = summary_answers();

    ctx.journey = journey;
    ctx.n_journey = 2;
    ctx.summary = s;
    ctx.lang = FB_LANG_CY;
    char *html = render(fb_render_check_answers, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<title>Gwirio eich atebion - "));
    ck_assert_ptr_nonnull(strstr(html, ">29 Chwefror 2024</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "value\">Ie</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "value\">Heb ei ddarparu</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "Derbyn ac anfon</button>"));
    ck_assert_ptr_null(strstr(html, ">Change"));
    free(html);
    fb_answers_free(s);
}
END_TEST

START_TEST(test_check_answers)
{
    struct fb_render_ctx ctx = ctx_for(99);
    const struct fb_page_desc *journey[] = {&pages[0], &pages[1]};
    struct fb_answers *s = summary_answers();
    char *html;

    ctx.journey = journey;
    ctx.n_journey = 2;
    ctx.summary = s;
    html = render(fb_render_check_answers, &ctx);
    assert_valid(html);
    assert_no_raw_xss(html);
    ck_assert_ptr_nonnull(strstr(html, "<title>Check your answers - Report "
                                       "a problem"));
    ck_assert_ptr_nonnull(strstr(html, "<dl class=\"govuk-summary-list\">"));
    ck_assert_ptr_nonnull(strstr(html, "Ann &lt;script&gt;"));
    ck_assert_ptr_nonnull(strstr(html, ">29 February 2024</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "value\">Phone</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "value\">01614960000</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "<li>Bins</li>\n<li>Roads</li>"));
    ck_assert_ptr_nonnull(strstr(html, "value\">North</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "value\">Yes</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "1 High St<br>Stockport<br>SK1 3XE"));
    ck_assert_ptr_nonnull(strstr(html, "one<br>two"));
    ck_assert_ptr_nonnull(strstr(html, "value\">Confirmed</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "value\">Not provided</dd>"));
    ck_assert_ptr_nonnull(strstr(html, "<a class=\"govuk-link\" href=\""
                                       "/report-x/details?change=1\">Change"
                                       "<span class=\"govuk-visually-hidden"
                                       "\"> Date of birth</span></a>"));
    ck_assert_ptr_nonnull(strstr(html, "href=\"/report-x/your-name?change="
                                       "1\""));
    ck_assert_ptr_nonnull(strstr(html, ">Accept and send</button>"));
    ck_assert_ptr_nonnull(strstr(html, "value=\"tok123\""));
    free(html);
    fb_answers_free(s);
}
END_TEST

/* A form's own `texts:` replace the catalogue's on the pages that show
 * them, per language; one without a Welsh wording shows the standard
 * Welsh on a Welsh page. */
START_TEST(test_form_texts_override_standard_ones)
{
    struct fb_form_desc own = form;
    own.texts[FB_TEXT_CONTINUE] = (struct fb_i18n)EN("Next");
    own.texts[FB_TEXT_CHECK_ANSWERS] =
        (struct fb_i18n){{"Check your report", "Gwirio eich adroddiad"}};
    own.texts[FB_TEXT_SEND_HEADING] = (struct fb_i18n)EN("Send your report");
    own.texts[FB_TEXT_DECLARATION] = (struct fb_i18n)EN("You confirm it is true.");
    own.texts[FB_TEXT_SEND] = (struct fb_i18n)EN("Send report");
    struct fb_render_ctx ctx = ctx_for(99);
    const struct fb_page_desc *journey[] = {&pages[0], &pages[1]};
    struct fb_answers *s = summary_answers();
    ctx.form = &own;
    ctx.journey = journey;
    ctx.n_journey = 2;
    ctx.summary = s;
    char *html = render(fb_render_check_answers, &ctx);
    assert_valid(html);
    ck_assert_ptr_nonnull(strstr(html, "<title>Check your report - "));
    ck_assert_ptr_nonnull(strstr(html, ">Check your report</h1>"));
    ck_assert_ptr_nonnull(strstr(html, ">Send your report</h2>"));
    ck_assert_ptr_nonnull(strstr(html, ">You confirm it is true.</p>"));
    ck_assert_ptr_nonnull(strstr(html, ">Send report</button>"));
    ck_assert_ptr_null(strstr(html, "Accept and send"));
    free(html);
    ctx.lang = FB_LANG_CY;
    html = render(fb_render_check_answers, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">Gwirio eich adroddiad</h1>"));
    ck_assert_ptr_nonnull(strstr(html, ">Derbyn ac anfon</button>"));
    free(html);
    ctx = ctx_for(0);
    ctx.form = &own;
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">Next</button>"));
    ck_assert_ptr_null(strstr(html, ">Continue</button>"));
    free(html);
    fb_answers_free(s);
}
END_TEST

/* Dates on check answers are the catalogue's, in the page's language. */
START_TEST(test_check_answers_dates_in_welsh)
{
    struct fb_render_ctx ctx = ctx_for(99);
    const struct fb_page_desc *journey[] = {&pages[0], &pages[1]};
    struct fb_answers *s = summary_answers();
    char *html;

    ctx.journey = journey;
    ctx.n_journey = 2;
    ctx.summary = s;
    ctx.lang = FB_LANG_CY;
    html = render(fb_render_check_answers, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">29 Chwefror 2024</dd>"));
    free(html);
    fb_answers_free(s);
}
END_TEST

START_TEST(test_check_answers_skips_unrevealed_followup)
{
    struct fb_render_ctx ctx = ctx_for(99);
    const struct fb_page_desc *journey[] = {&pages[1]};
    struct fb_answers *s = fb_answers_new();
    char *html;

    fb_answers_add(s, "contact", "email");
    ctx.journey = journey;
    ctx.n_journey = 1;
    ctx.summary = s;
    html = render(fb_render_check_answers, &ctx);
    ck_assert_ptr_null(strstr(html, "Phone number to call"));
    ck_assert_ptr_nonnull(strstr(html, "value\">Email</dd>"));
    free(html);
    fb_answers_free(s);
}
END_TEST

START_TEST(test_confirmation)
{
    struct fb_render_ctx ctx = ctx_for(99);
    char *html;

    ctx.reference = "RX-" XSS1;
    ctx.back_href = NULL;
    html = render(fb_render_confirmation, &ctx);
    assert_valid(html);
    assert_no_raw_xss(html);
    ck_assert_ptr_nonnull(strstr(html, "<div class=\"govuk-panel "
                                       "govuk-panel--confirmation\">"));
    ck_assert_ptr_nonnull(strstr(html, "<h1 class=\"govuk-panel__title\">"
                                       "Form sent</h1>"));
    ck_assert_ptr_nonnull(strstr(html, "<strong>RX-&lt;script&gt;"));
    ck_assert_ptr_nonnull(strstr(html, "We will reply in 10 days."));
    ck_assert_ptr_null(strstr(html, "govuk-back-link"));
    free(html);
}
END_TEST

START_TEST(test_message_page)
{
    struct fb_html w;
    char *html;

    fb_html_init(&w);
    fb_render_message_page(&w, FB_LANG_EN, "/assets/", "Page not found",
                           "If you typed the web address, check it is "
                           "correct.\n\n" XSS2);
    html = fb_html_take(&w, NULL);
    assert_valid(html);
    assert_no_raw_xss(html);
    ck_assert_ptr_nonnull(strstr(html, "<title>Page not found - Council "
                                       "services</title>"));
    ck_assert_ptr_nonnull(strstr(html, ">Page not found</h1>"));
    free(html);
}
END_TEST

START_TEST(test_index_page)
{
    const struct fb_form_desc *forms[] = {&form, &form};
    struct fb_html w;
    char *html;

    fb_html_init(&w);
    fb_render_index(&w, FB_LANG_EN, "/assets/", forms, 2, NULL);
    html = fb_html_take(&w, NULL);
    assert_valid(html);
    ck_assert_uint_eq(count(html, "<a class=\"govuk-link\" href=\"/report-x"
                                  "/\">Report a problem</a>"), 2);
    free(html);
}
END_TEST

START_TEST(test_stylesheet_embedded)
{
    size_t len = 0;
    const char *css = fb_stylesheet(&len);

    ck_assert_ptr_nonnull(css);
    ck_assert_uint_eq(strlen(css), len);
    ck_assert_uint_lt(len, 16 * 1024);
    ck_assert_ptr_nonnull(strstr(css, ".govuk-input--width-10"));
    ck_assert_ptr_nonnull(strstr(css, "#ffdd00"));
}
END_TEST

/* ---- The checker itself ------------------------------------------- */

static size_t
problems_in(const char *html)
{
    char buf[4096] = "";

    return fb_htmlcheck(html, strlen(html), collect, buf);
}

#define PAGE(head, body)                                                     \
    "<!DOCTYPE html><html lang=\"en\"><head><title>" head "</title></head>" \
    "<body>" body "</body></html>"

START_TEST(test_htmlcheck_accepts_good_page)
{
    ck_assert_uint_eq(problems_in(PAGE("T", "<main id=\"m\"><h1>H</h1>"
                                            "<label for=\"a\">A</label>"
                                            "<input id=\"a\"></main>")),
                      0);
}
END_TEST

START_TEST(test_htmlcheck_finds_problems)
{
    ck_assert_uint_eq(problems_in(PAGE("T", "<h1>a</h1><h1>b</h1>")), 1);
    ck_assert_uint_eq(problems_in(PAGE("T", "<p>no heading</p>")), 1);
    ck_assert_uint_eq(problems_in(PAGE("T", "<h1 id=\"x\">a</h1>"
                                            "<p id=\"x\">b</p>")),
                      1);
    ck_assert_uint_eq(problems_in(PAGE("T", "<h1>a</h1><input id=\"i\">")),
                      1);
    ck_assert_uint_eq(problems_in(PAGE("T", "<h1>a</h1><label for=\"z\">"
                                            "L</label>")),
                      1);
    ck_assert_uint_eq(problems_in(PAGE("T", "<h1 aria-describedby=\"q\">a"
                                            "</h1><a href=\"#nope\">x</a>")),
                      2);
    ck_assert_uint_eq(problems_in(PAGE("T", "<h1>a</h1><div class=\"x "
                                            "govuk-error-summary\"></div>")),
                      1);
    ck_assert_uint_eq(problems_in("<html><head></head><body><h1>a</h1>"
                                  "</body></html>"),
                      2);
    ck_assert_uint_ge(problems_in(PAGE("T", "<h1>a</h1><p <b>")), 1);
}
END_TEST

static Suite *
render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("render");

    tcase_add_test(tc, test_empty_pages_pass_checks);
    tcase_add_test(tc, test_title_names_page_form_and_site);
    tcase_add_test(tc, test_single_question_label_is_heading);
    tcase_add_test(tc, test_multi_question_page_has_own_h1);
    tcase_add_test(tc, test_form_posts_with_csrf_and_honeypot);
    tcase_add_test(tc, test_no_csrf_field_without_token);
    tcase_add_test(tc, test_exit_page_has_no_form);
    tcase_add_test(tc, test_input_attributes_by_type);
    tcase_add_test(tc, test_new_types_markup);
    tcase_add_test(tc, test_date_parts_have_labels_and_bday_tokens);
    tcase_add_test(tc, test_address_parts_and_tokens);
    tcase_add_test(tc, test_radios_ids_hints_and_conditional);
    tcase_add_test(tc, test_followup_alone_writes_nothing);
    tcase_add_test(tc, test_yes_no_has_yes_and_no);
    tcase_add_test(tc, test_optional_question_says_so);
    tcase_add_test(tc, test_blocks_of_each_kind);
    tcase_add_test(tc, test_answers_shown_again);
    tcase_add_test(tc, test_hostile_answers_only_escaped);
    tcase_add_test(tc, test_errors_summary_and_messages);
    tcase_add_test(tc, test_error_on_heading_question);
    tcase_add_test(tc, test_welsh_page);
    tcase_add_test(tc, test_address_part_errors_each_in_own_group);
    tcase_add_test(tc, test_date_missing_year_marks_only_year);
    tcase_add_test(tc, test_items_render_in_order);
    tcase_add_test(tc, test_question_when_hides_it);
    tcase_add_test(tc, test_start_page);
    tcase_add_test(tc, test_welsh_page_and_language_link);
    tcase_add_test(tc, test_language_button_posts_the_form);
    tcase_add_test(tc, test_index_in_welsh);
    tcase_add_test(tc, test_check_answers_in_welsh);
    tcase_add_test(tc, test_start_follows_journey);
    tcase_add_test(tc, test_check_answers);
    tcase_add_test(tc, test_form_texts_override_standard_ones);
    tcase_add_test(tc, test_check_answers_dates_in_welsh);
    tcase_add_test(tc, test_check_answers_skips_unrevealed_followup);
    tcase_add_test(tc, test_confirmation);
    tcase_add_test(tc, test_message_page);
    tcase_add_test(tc, test_index_page);
    tcase_add_test(tc, test_stylesheet_embedded);
    tcase_add_test(tc, test_htmlcheck_accepts_good_page);
    tcase_add_test(tc, test_htmlcheck_finds_problems);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(render_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the HTML writer (html.h): escaping of every special
 * character in text and attributes, URL segments, replacement of invalid
 * UTF-8 and forbidden controls, growth, and handing over the buffer.
 */
#include "formbuilder/html.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum mode { TEXT, ATTR, URL };

struct escape_case {
    enum mode mode;
    const char *in;
    const char *want;
};

static const struct escape_case escapes[] = {
    {TEXT, "plain", "plain"},
    {TEXT, "&", "&amp;"},
    {TEXT, "<", "&lt;"},
    {TEXT, ">", "&gt;"},
    {TEXT, "\"", "&quot;"},
    {TEXT, "'", "&#39;"},
    {TEXT, "<script>alert('x')</script>",
     "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
    {TEXT, "a & b && c", "a &amp; b &amp;&amp; c"},
    {TEXT, "&amp;", "&amp;amp;"},
    {TEXT, "caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80"},
    {TEXT, "line\nbreak\ttab\r", "line\nbreak\ttab\r"},
    {TEXT, "bad \xff byte", "bad \xef\xbf\xbd byte"},
    {TEXT, "overlong \xc0\xaf", "overlong \xef\xbf\xbd\xef\xbf\xbd"},
    {TEXT, "bell\x07", "bell\xef\xbf\xbd"},
    {TEXT, "del\x7f", "del\xef\xbf\xbd"},
    {TEXT, "c1 \xc2\x85", "c1 \xef\xbf\xbd"},
    {TEXT, "", ""},
    {ATTR, "a\"b", "a&quot;b"},
    {ATTR, "x' onmouseover='y", "x&#39; onmouseover=&#39;y"},
    {ATTR, "<>&\"'", "&lt;&gt;&amp;&quot;&#39;"},
    {ATTR, "O'Brien", "O&#39;Brien"},
    {URL, "report-a-streetlight", "report-a-streetlight"},
    {URL, "a b", "a%20b"},
    {URL, "a/b?c#d", "a%2Fb%3Fc%23d"},
    {URL, "~._-AZaz09", "~._-AZaz09"},
    {URL, "\"<>&'", "%22%3C%3E%26%27"},
    {URL, "caf\xc3\xa9", "caf%C3%A9"},
    {URL, "100%", "100%25"},
};

START_TEST(escape_table)
{
    const struct escape_case *c = &escapes[_i];
    struct fb_html w;
    char *out;

    fb_html_init(&w);
    if (c->mode == TEXT)
        fb_html_text(&w, c->in);
    else if (c->mode == ATTR)
        fb_html_attr(&w, c->in);
    else
        fb_html_url_segment(&w, c->in);
    out = fb_html_take(&w, NULL);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, c->want);
    free(out);
}
END_TEST

START_TEST(raw_and_rawf_are_not_escaped)
{
    struct fb_html w;
    size_t len;
    char *out;

    fb_html_init(&w);
    fb_html_raw(&w, "<p>");
    fb_html_rawn(&w, "<b>xyz", 3);
    fb_html_rawf(&w, "<a id=\"%s-%d\">", "q", 3);
    fb_html_raw(&w, NULL);
    out = fb_html_take(&w, &len);
    ck_assert_str_eq(out, "<p><b><a id=\"q-3\">");
    ck_assert_uint_eq(len, strlen(out));
    ck_assert_ptr_null(w.data);
    free(out);
}
END_TEST

/* The conversions fb_html_rawf() writes itself agree with printf, and
 * any other goes through vsnprintf. */
START_TEST(rawf_conversions_agree_with_printf)
{
    static const int ints[] = { 0, 7, -7, 42, 2147483647, -2147483647 - 1 };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        char want[128];
        size_t z = (size_t)-1 - i;
        snprintf(want, sizeof want, "<%s|%d|%zu|%%|%s>", "q", ints[i], z, "");
        struct fb_html w;
        fb_html_init(&w);
        fb_html_rawf(&w, "<%s|%d|%zu|%%|%s>", "q", ints[i], z, "");
        char *out = fb_html_take(&w, NULL);
        ck_assert_str_eq(out, want);
        free(out);
    }
    struct fb_html w;
    fb_html_init(&w);
    fb_html_rawf(&w, "%04d-%02d %s %x", 2026, 3, "end", 255U);
    fb_html_rawf(&w, "%s", "");
    fb_html_rawf(&w, "no conversions");
    char *out = fb_html_take(&w, NULL);
    ck_assert_str_eq(out, "2026-03 end ffno conversions");
    free(out);
}
END_TEST

/* Every byte alone, and inside plain text, is written as the rules say:
 * the table's fast path and the decoder agree. */
START_TEST(every_byte_escapes_by_the_rules)
{
    for (unsigned b = 1; b < 256; b++) {
        char in[8];
        snprintf(in, sizeof in, "ab%cyz", (char)b);
        const char *mid;
        switch (b) {
        case '&': mid = "&amp;"; break;
        case '<': mid = "&lt;"; break;
        case '>': mid = "&gt;"; break;
        case '"': mid = "&quot;"; break;
        case '\'': mid = "&#39;"; break;
        default:
            mid = (b < 0x20 && b != '\t' && b != '\n' && b != '\r')
                          || b >= 0x7f
                      ? "\xef\xbf\xbd" /* control, or a lone byte */
                      : NULL;
        }
        char want[16];
        if (mid)
            snprintf(want, sizeof want, "ab%syz", mid);
        else
            snprintf(want, sizeof want, "%s", in);
        struct fb_html w;
        fb_html_init(&w);
        fb_html_text(&w, in);
        char *out = fb_html_take(&w, NULL);
        ck_assert_msg(strcmp(out, want) == 0, "byte 0x%02x", b);
        free(out);
    }
}
END_TEST

START_TEST(null_text_writes_nothing)
{
    struct fb_html w;
    char *out;

    fb_html_init(&w);
    fb_html_text(&w, NULL);
    fb_html_attr(&w, NULL);
    fb_html_url_segment(&w, NULL);
    out = fb_html_take(&w, NULL);
    ck_assert_str_eq(out, "");
    free(out);
}
END_TEST

START_TEST(grows_past_many_pages)
{
    struct fb_html w;
    size_t len;
    char *out;

    fb_html_init(&w);
    for (int i = 0; i < 20000; i++)
        fb_html_text(&w, "<&>");
    out = fb_html_take(&w, &len);
    ck_assert_uint_eq(len, 20000 * strlen("&lt;&amp;&gt;"));
    ck_assert(strncmp(out + len - 13, "&lt;&amp;&gt;", 13) == 0);
    free(out);
}
END_TEST

START_TEST(long_rawf_output)
{
    struct fb_html w;
    char big[5000];
    char *out;

    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    fb_html_init(&w);
    fb_html_raw(&w, "a");
    fb_html_rawf(&w, "%s|%s", big, big);
    out = fb_html_take(&w, NULL);
    ck_assert_uint_eq(strlen(out), 1 + 2 * (sizeof big - 1) + 1);
    free(out);
}
END_TEST

START_TEST(failed_writer_takes_null)
{
    struct fb_html w;
    size_t len = 99;

    fb_html_init(&w);
    fb_html_raw(&w, "<p>");
    w.failed = true; /* as after an allocation failure */
    fb_html_raw(&w, "more");
    ck_assert_uint_eq(w.len, 3); /* later writes are no-ops */
    ck_assert_ptr_null(fb_html_take(&w, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_null(w.data);
    ck_assert(!w.failed);
}
END_TEST

START_TEST(free_resets)
{
    struct fb_html w;

    fb_html_init(&w);
    fb_html_raw(&w, "x");
    fb_html_free(&w);
    ck_assert_ptr_null(w.data);
    ck_assert_uint_eq(w.len, 0);
    fb_html_free(&w);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("html");
    TCase *t = tcase_create("html");

    tcase_add_loop_test(t, escape_table, 0,
                        sizeof escapes / sizeof *escapes);
    tcase_add_test(t, raw_and_rawf_are_not_escaped);
    tcase_add_test(t, null_text_writes_nothing);
    tcase_add_test(t, rawf_conversions_agree_with_printf);
    tcase_add_test(t, every_byte_escapes_by_the_rules);
    tcase_add_test(t, grows_past_many_pages);
    tcase_add_test(t, long_rawf_output);
    tcase_add_test(t, failed_writer_takes_null);
    tcase_add_test(t, free_resets);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* SPDX-License-Identifier: MIT */
/*
 * Signed links (runtime/server/link_sign.c, and file_link.c's links to
 * uploaded files) against vectors computed with Python's hmac module
 * from the recipes in docs/integrations.md and docs/delivery.md, so a
 * council's own code and the server agree byte for byte.
 */
#include <check.h>
#include <string.h>

#include "file_link.h"
#include "link_sign.h"

#define KEY "prefill-test-key"
#define SLUG "request-a-replacement-bin"
#define AT 1767225600LL

static const struct fb_link_pair pairs[] = {
    {"postcode", "AB1 2CD"},
    {"full_name", "Ann Example"},
};

/* hmac.new(b"prefill-test-key", b"formbuilder-link-v1\nprefill\n"
 * b"request-a-replacement-bin\n1767225600\npostcode=AB1 2CD\n"
 * b"full_name=Ann Example\n", hashlib.sha256).hexdigest() */
#define PREFILL_SIG                                                       \
    "9c66bf3c7a91c2365de07e1e6fef8a0fdd3a233c4cfa06caeb7c59055d6fab1b"

START_TEST(signature_matches_python_hmac)
{
    char sig[FB_LINK_SIG_SIZE];
    ck_assert_int_eq(fb_link_sign(KEY, "prefill", SLUG, AT, pairs, 2, sig),
                     0);
    ck_assert_str_eq(sig, PREFILL_SIG);
    const struct fb_link_pair assist[] = {{"channel", "phone"}};
    ck_assert_int_eq(fb_link_sign(KEY, "assist", "report-streetlight", AT,
                                  assist, 1, sig), 0);
    ck_assert_str_eq(sig, "209c8061d78f0e1ecbb93fb0f55133012b6f2982b2b94bb8"
                          "870801e43eed893b");
}
END_TEST

START_TEST(verify_accepts_only_the_link_as_signed_until_it_expires)
{
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, pairs, 2, AT - 1),
                     FB_LINK_OK);
    /* Upper-case hex is the same signature. */
    char upper[FB_LINK_SIG_SIZE];
    for (size_t i = 0; i < sizeof upper; i++)
        upper[i] = (char)(PREFILL_SIG[i] >= 'a' ? PREFILL_SIG[i] - 32
                                                 : PREFILL_SIG[i]);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    upper, pairs, 2, AT - 1), FB_LINK_OK);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, pairs, 2, AT),
                     FB_LINK_EXPIRED);
    /* No signature at all: an ordinary visit. */
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, NULL, NULL, pairs,
                                    2, AT - 1), FB_LINK_UNSIGNED);
}
END_TEST

START_TEST(verify_refuses_every_change)
{
    const struct fb_link_pair changed[] = {
        {"postcode", "AB1 2CE"}, {"full_name", "Ann Example"}};
    const struct fb_link_pair swapped[] = {
        {"full_name", "Ann Example"}, {"postcode", "AB1 2CD"}};
    const long long now = AT - 1;
    /* Another value, order, purpose, form, expiry, key, a pair fewer. */
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, changed, 2, now),
                     FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, swapped, 2, now),
                     FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(KEY, "assist", SLUG, "1767225600",
                                    PREFILL_SIG, pairs, 2, now),
                     FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", "report-streetlight",
                                    "1767225600", PREFILL_SIG, pairs, 2,
                                    now), FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225601",
                                    PREFILL_SIG, pairs, 2, now),
                     FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify("another-key", "prefill", SLUG,
                                    "1767225600", PREFILL_SIG, pairs, 2,
                                    now), FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, pairs, 1, now),
                     FB_LINK_BAD);
    /* Malformed: short, not hex, an expiry that is not a number, one
     * part missing, no key configured. */
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    "9c66", pairs, 2, now), FB_LINK_BAD);
    char not_hex[] = PREFILL_SIG;
    not_hex[10] = 'g';
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    not_hex, pairs, 2, now), FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "-1", PREFILL_SIG,
                                    pairs, 2, now), FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, NULL, PREFILL_SIG,
                                    pairs, 2, now), FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify("", "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, pairs, 2, now),
                     FB_LINK_BAD);
    ck_assert_int_eq(fb_link_verify(NULL, "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, pairs, 2, now),
                     FB_LINK_BAD);
}
END_TEST

START_TEST(line_breaks_cannot_forge_a_pair)
{
    /* "a=1\nb=2" as one value would sign like two pairs: refused. */
    const struct fb_link_pair forged[] = {{"a", "1\nb=2"}};
    const struct fb_link_pair bad_name[] = {{"a=b", "1"}};
    const struct fb_link_pair empty[] = {{"", "1"}};
    char sig[FB_LINK_SIG_SIZE];
    ck_assert_int_eq(fb_link_sign(KEY, "prefill", SLUG, AT, forged, 1, sig),
                     -1);
    ck_assert_int_eq(fb_link_sign(KEY, "prefill", SLUG, AT, bad_name, 1,
                                  sig), -1);
    ck_assert_int_eq(fb_link_sign(KEY, "prefill", SLUG, AT, empty, 1, sig),
                     -1);
    ck_assert_int_eq(fb_link_verify(KEY, "prefill", SLUG, "1767225600",
                                    PREFILL_SIG, forged, 1, AT - 1),
                     FB_LINK_BAD);
    struct fb_link_pair many[FB_LINK_MAX_PAIRS + 1];
    for (size_t i = 0; i < FB_LINK_MAX_PAIRS + 1; i++)
        many[i] = (struct fb_link_pair){"n", "v"};
    ck_assert_int_eq(fb_link_sign(KEY, "prefill", SLUG, AT, many,
                                  FB_LINK_MAX_PAIRS, sig), 0);
    ck_assert_int_eq(fb_link_sign(KEY, "prefill", SLUG, AT, many,
                                  FB_LINK_MAX_PAIRS + 1, sig), -1);
}
END_TEST

#define FILE_HASH                                                         \
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
/* hmac.new(b"file-test-key", b"formbuilder-link-v1\nfile\n"
 * b"report-fly-tipping\n1767225600\nref=FT-7KQ2M9XA\nsha256=" + HASH +
 * b"\n", hashlib.sha256).hexdigest(), as docs/delivery.md gives it */
#define FILE_SIG                                                          \
    "192c9397bf82c0b6aee77bf15629afcabb832502866c40f71639fbe89f3ee323"

START_TEST(file_link_is_as_documented)
{
    const struct fb_file_links l = {"https://forms.example/", "file-test-key",
                                    AT};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_file_link_write(&b, &l, "report-fly-tipping",
                                        "FT-7KQ2M9XA", FILE_HASH), 0);
    ck_assert_str_eq(b.data, "https://forms.example/files/" FILE_HASH
                             "?form=report-fly-tipping&ref=FT-7KQ2M9XA"
                             "&expires=1767225600&sig=" FILE_SIG);
    fb_buf_free(&b);
    ck_assert_int_eq(fb_file_link_check("file-test-key",
                                        "report-fly-tipping", "FT-7KQ2M9XA",
                                        FILE_HASH, "1767225600", FILE_SIG,
                                        AT - 1), FB_LINK_OK);
    ck_assert_int_eq(fb_file_link_check("file-test-key",
                                        "report-fly-tipping", "FT-7KQ2M9XA",
                                        FILE_HASH, "1767225600", FILE_SIG,
                                        AT), FB_LINK_EXPIRED);
    /* Another reference, no signature, a prefill link's purpose. */
    ck_assert_int_eq(fb_file_link_check("file-test-key",
                                        "report-fly-tipping", "FT-7KQ2M9XB",
                                        FILE_HASH, "1767225600", FILE_SIG,
                                        AT - 1), FB_LINK_BAD);
    ck_assert_int_eq(fb_file_link_check("file-test-key",
                                        "report-fly-tipping", "FT-7KQ2M9XA",
                                        FILE_HASH, NULL, NULL, AT - 1),
                     FB_LINK_BAD);
    const struct fb_link_pair as_prefill[] = {{"ref", "FT-7KQ2M9XA"},
                                              {"sha256", FILE_HASH}};
    char sig[FB_LINK_SIG_SIZE];
    ck_assert_int_eq(fb_link_sign("file-test-key", "prefill",
                                  "report-fly-tipping", AT, as_prefill, 2,
                                  sig), 0);
    ck_assert_int_eq(fb_file_link_check("file-test-key",
                                        "report-fly-tipping", "FT-7KQ2M9XA",
                                        FILE_HASH, "1767225600", sig,
                                        AT - 1), FB_LINK_BAD);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("link-sign");
    TCase *tc = tcase_create("link-sign");
    tcase_add_test(tc, signature_matches_python_hmac);
    tcase_add_test(tc, verify_accepts_only_the_link_as_signed_until_it_expires);
    tcase_add_test(tc, verify_refuses_every_change);
    tcase_add_test(tc, line_breaks_cannot_forge_a_pair);
    tcase_add_test(tc, file_link_is_as_documented);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

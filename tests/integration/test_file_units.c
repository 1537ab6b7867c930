/* SPDX-License-Identifier: MIT */
/*
 * The pieces of file upload that need no HTTP: references and names
 * (formbuilder/filetype.h) and the metadata stripper (file_strip.h) on
 * well-formed and broken JPEGs and PNGs.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_strip.h"
#include "formbuilder/filetype.h"

#define HASH "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

START_TEST(references_round_trip_and_refuse_what_is_not_one)
{
    struct fb_file_ref r = {.size = 2048, .kind = FB_FILE_PNG};
    memcpy(r.hash, HASH, 65);
    snprintf(r.name, sizeof r.name, "lane at night.png");
    char buf[256];
    size_t n = fb_file_ref_format(&r, buf, sizeof buf);
    ck_assert_str_eq(buf, HASH ":2048:png:lane at night.png");
    struct fb_file_ref back;
    ck_assert(fb_file_ref_parse(buf, n, &back));
    ck_assert_str_eq(back.hash, HASH);
    ck_assert_int_eq(back.size, 2048);
    ck_assert_int_eq(back.kind, FB_FILE_PNG);
    ck_assert_str_eq(back.name, "lane at night.png");
    static const char *const bad[] = {
        "", HASH, HASH ":", HASH "::png:a", HASH ":12:gif:a.gif",
        HASH ":12:png:", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934C"
        "A495991B7852B855:1:png:a", HASH ":1x:png:a",
        HASH ":1234567890123456:png:a",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!fb_file_ref_parse(bad[i], strlen(bad[i]), &back),
                      "accepted '%s'", bad[i]);
    ck_assert_uint_eq(fb_file_ref_format(&r, buf, 40), 0);
}
END_TEST

START_TEST(names_are_made_safe)
{
    char out[FB_FILE_NAME_MAX + 1];
    fb_file_name_sanitise("C:\\Users\\ann\\IMG_0001.JPG", out);
    ck_assert_str_eq(out, "IMG_0001.JPG");
    fb_file_name_sanitise("../../etc/passwd", out);
    ck_assert_str_eq(out, "passwd");
    fb_file_name_sanitise("..hidden", out);
    ck_assert_str_eq(out, "hidden");
    fb_file_name_sanitise("a:b\"c<d>\x01.png", out);
    ck_assert_str_eq(out, "a_b_c_d__.png");
    fb_file_name_sanitise("", out);
    ck_assert_str_eq(out, "file");
    fb_file_name_sanitise("dir/", out);
    ck_assert_str_eq(out, "file");
    /* cut at a whole character: 99 ASCII then a two-byte é */
    char lng[200];
    memset(lng, 'a', 99);
    strcpy(lng + 99, "\xc3\xa9xyz");
    fb_file_name_sanitise(lng, out);
    ck_assert_uint_eq(strlen(out), 99);
}
END_TEST

START_TEST(kinds_are_named_for_messages_and_inputs)
{
    char buf[128];
    unsigned all = (1u << FB_FILE_PDF) | (1u << FB_FILE_JPG) |
                   (1u << FB_FILE_PNG);
    ck_assert_str_eq(fb_file_accept_text(all, FB_LANG_EN, buf, sizeof buf),
                     "PDF, JPG or PNG");
    ck_assert_str_eq(fb_file_accept_text(all, FB_LANG_CY, buf, sizeof buf),
                     "PDF, JPG neu PNG");
    ck_assert_str_eq(fb_file_accept_text(1u << FB_FILE_PDF, FB_LANG_EN, buf,
                                         sizeof buf), "PDF");
    ck_assert_str_eq(fb_file_accept_attr(all, buf, sizeof buf),
                     ".pdf,.jpg,.jpeg,.png");
    ck_assert_int_eq(fb_file_kind_from_name("jpeg"), FB_FILE_JPG);
    ck_assert_int_eq(fb_file_kind_from_name("gif"), FB_FILE__COUNT);
    ck_assert_int_eq(fb_file_kind_from_mime("image/png"), FB_FILE_PNG);
    ck_assert_int_eq(fb_file_kind_from_mime("image/heif"), FB_FILE_HEIC);
    ck_assert(fb_file_name_claims("A.JPEG", FB_FILE_JPG));
    ck_assert(!fb_file_name_claims("a.png", FB_FILE_JPG));
    ck_assert(fb_file_name_claims("photo", FB_FILE_JPG));
}
END_TEST

/* ---- the stripper ---- */

static FILE *
in_of(const void *p, size_t n)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(p, 1, n, f), n);
    rewind(f);
    return f;
}

/* Strips @p p with @p fn; @returns the result, the output in *out. */
static enum fb_strip_result
strip(enum fb_strip_result (*fn)(FILE *, FILE *), const void *p, size_t n,
      char **out, size_t *out_len)
{
    FILE *in = in_of(p, n);
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    enum fb_strip_result r = fn(in, o);
    fclose(o);
    fclose(in);
    *out = buf;
    *out_len = len;
    return r;
}

static const unsigned char jpeg[] = {
    0xff, 0xd8,
    0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xe1, 0, 12, 'E', 'x', 'i', 'f', 0, 0, 'G', 'P', 'S', '!',
    0xff, 0xe2, 0, 8, 'M', 'P', 'F', 0, 'G', 'P',
    0xff, 0xe2, 0, 16, 'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L',
    'E', 0, 1, 1,
    0xff, 0xfe, 0, 5, 'G', 'P', 'S',
    0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0,
    0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0,
    0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56,
    0xff, 0xff, 0xc4, 0, 3, 0,   /* fill bytes, then a DHT between scans */
    0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x78,
    0xff, 0xd9,
    'G', 'P', 'S',
};

static const unsigned char jpeg_stripped[] = {
    0xff, 0xd8,
    0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xe2, 0, 16, 'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L',
    'E', 0, 1, 1,
    0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0,
    0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0,
    0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56,
    0xff, 0xc4, 0, 3, 0,
    0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x78,
    0xff, 0xd9,
};

START_TEST(jpeg_loses_exif_comments_and_what_follows_the_image)
{
    char *out;
    size_t n;
    ck_assert_int_eq(strip(fb_strip_jpeg, jpeg, sizeof jpeg, &out, &n),
                     FB_STRIP_OK);
    ck_assert_uint_eq(n, sizeof jpeg_stripped);
    ck_assert(memcmp(out, jpeg_stripped, n) == 0);
    free(out);
}
END_TEST

START_TEST(broken_jpegs_are_refused)
{
    char *out;
    size_t n;
    /* every prefix of the file is cut short */
    for (size_t len = 0; len < sizeof jpeg - 3; len++) {
        ck_assert_msg(strip(fb_strip_jpeg, jpeg, len, &out, &n)
                          == FB_STRIP_BAD, "prefix %zu passed", len);
        free(out);
    }
    static const unsigned char short_len[] = {0xff, 0xd8, 0xff, 0xe1, 0, 1,
                                              0xff, 0xd9};
    ck_assert_int_eq(strip(fb_strip_jpeg, short_len, sizeof short_len, &out,
                           &n), FB_STRIP_BAD);
    free(out);
    /* an image without a frame */
    static const unsigned char no_frame[] = {0xff, 0xd8, 0xff, 0xd9};
    ck_assert_int_eq(strip(fb_strip_jpeg, no_frame, sizeof no_frame, &out,
                           &n), FB_STRIP_BAD);
    free(out);
    ck_assert_int_eq(strip(fb_strip_jpeg, "%PDF-1.4", 8, &out, &n),
                     FB_STRIP_BAD);
    free(out);
}
END_TEST

static void
chunk(unsigned char **p, const char *type, const char *data, unsigned n)
{
    unsigned char *q = *p;
    q[0] = 0, q[1] = 0, q[2] = (unsigned char)(n >> 8), q[3] = (unsigned char)n;
    memcpy(q + 4, type, 4);
    memcpy(q + 8, data, n);
    memset(q + 8 + n, 0xab, 4);  /* the CRC is copied, not checked */
    *p = q + 12 + n;
}

START_TEST(png_loses_exif_and_text_chunks)
{
    unsigned char in[512], want[512], *p = in, *w = want;
    memcpy(p, "\x89PNG\r\n\x1a\n", 8), p += 8;
    memcpy(w, "\x89PNG\r\n\x1a\n", 8), w += 8;
    chunk(&p, "IHDR", "0123456789abc", 13);
    chunk(&w, "IHDR", "0123456789abc", 13);
    chunk(&p, "eXIf", "MM*GPS", 6);
    chunk(&p, "tEXt", "Comment\0GPS", 11);
    chunk(&p, "iTXt", "XML:com.adobe.xmp\0GPS", 21);
    chunk(&p, "zTXt", "a\0\0x", 4);
    chunk(&p, "tIME", "1234567", 7);
    chunk(&p, "IDAT", "pixels", 6);
    chunk(&w, "IDAT", "pixels", 6);
    chunk(&p, "IEND", "", 0);
    chunk(&w, "IEND", "", 0);
    memcpy(p, "GPS", 3), p += 3;
    char *out;
    size_t n;
    ck_assert_int_eq(strip(fb_strip_png, in, (size_t)(p - in), &out, &n),
                     FB_STRIP_OK);
    ck_assert_uint_eq(n, (size_t)(w - want));
    ck_assert(memcmp(out, want, n) == 0);
    free(out);
    /* cut short anywhere: refused */
    for (size_t len = 0; len < (size_t)(p - in) - 3; len++) {
        ck_assert_int_eq(strip(fb_strip_png, in, len, &out, &n),
                         FB_STRIP_BAD);
        free(out);
    }
}
END_TEST

START_TEST(pngs_not_starting_with_ihdr_are_refused)
{
    unsigned char in[128], *p = in;
    memcpy(p, "\x89PNG\r\n\x1a\n", 8), p += 8;
    chunk(&p, "tEXt", "a\0b", 3);
    chunk(&p, "IHDR", "0123456789abc", 13);
    chunk(&p, "IEND", "", 0);
    char *out;
    size_t n;
    ck_assert_int_eq(strip(fb_strip_png, in, (size_t)(p - in), &out, &n),
                     FB_STRIP_BAD);
    free(out);
    p = in + 8;
    chunk(&p, "IH1R", "0123456789abc", 13);
    ck_assert_int_eq(strip(fb_strip_png, in, (size_t)(p - in), &out, &n),
                     FB_STRIP_BAD);
    free(out);
}
END_TEST

static Suite *
file_suite(void)
{
    Suite *s = suite_create("file units");
    TCase *tc = tcase_create("files");
    tcase_add_test(tc, references_round_trip_and_refuse_what_is_not_one);
    tcase_add_test(tc, names_are_made_safe);
    tcase_add_test(tc, kinds_are_named_for_messages_and_inputs);
    tcase_add_test(tc, jpeg_loses_exif_comments_and_what_follows_the_image);
    tcase_add_test(tc, broken_jpegs_are_refused);
    tcase_add_test(tc, png_loses_exif_and_text_chunks);
    tcase_add_test(tc, pngs_not_starting_with_ihdr_are_refused);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(file_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

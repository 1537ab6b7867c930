/* SPDX-License-Identifier: MIT */
/*
 * File upload through the real server (docs/form-language.md, "File
 * upload"): report-fly-tipping's photos page posted as multipart with
 * real bytes. Types are found by content (a PDF named .png, an
 * executable named .jpg, a JPEG named .png are refused), photos lose
 * their Exif and text chunks, a file over the limit is a 413 while it
 * streams with nothing left on disk, a file is removed with its button,
 * and the whole journey ends in a submission whose payload refers to the
 * files kept under their hash. Run with "clamd" after the binary, it
 * scans with Debian's clamd, started here with a one-signature database
 * (exit 77 when clamd is not installed).
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define FT "/report-fly-tipping/"
#define BOUNDARY "----fbtBoundary7MA4YWxkTrZu0gW"

static struct fbt_server srv;
static struct fbt_client cli;
static char files_env[512], files_dir[400];

static void
setup(void)
{
    fbt_server_init(&srv);
    snprintf(files_dir, sizeof files_dir, "%s/files", srv.dir);
    snprintf(files_env, sizeof files_env, "FORMBUILDER_FILES_DIR=%s",
             files_dir);
    srv.env[0] = files_env;
    /* FBT_START_MS: a server run under valgrind starts slowly */
    srv.start_ms = getenv("FBT_START_MS")
                       ? (unsigned)atoi(getenv("FBT_START_MS")) : 0;
    /* and for the commands fbt_run() starts */
    setenv("FORMBUILDER_FILES_DIR", files_dir, 1);
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);
}

static void
teardown(void)
{
    fbt_client_free(&cli);
    fbt_server_cleanup(&srv);
}

/* ---- test files ---- */

struct bytes {
    unsigned char *p;
    size_t n, cap;
};

static void
put(struct bytes *b, const void *p, size_t n)
{
    if (b->n + n > b->cap || !b->p) {   /* a buffer even for nothing */
        b->cap = (b->n + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void
puts_(struct bytes *b, const char *s)
{
    put(b, s, strlen(s));
}

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
    }
    return c ^ 0xffffffffu;
}

static void
png_chunk(struct bytes *b, const char *type, const void *data, uint32_t n)
{
    unsigned char h[8] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                          (unsigned char)(n >> 8), (unsigned char)n};
    memcpy(h + 4, type, 4);
    put(b, h, 8);
    put(b, data, n);
    unsigned char *crc_in = malloc(4 + n);
    memcpy(crc_in, type, 4);
    memcpy(crc_in + 4, data, n);
    uint32_t c = crc32_of(crc_in, 4 + n);
    free(crc_in);
    unsigned char t[4] = {(unsigned char)(c >> 24), (unsigned char)(c >> 16),
                          (unsigned char)(c >> 8), (unsigned char)c};
    put(b, t, 4);
}

/* A 1x1 PNG with a location in an eXIf chunk and a tEXt comment. */
static struct bytes
png_with_metadata(void)
{
    struct bytes b = {0};
    put(&b, "\x89PNG\r\n\x1a\n", 8);
    static const unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 2,
                                           0, 0, 0};
    png_chunk(&b, "IHDR", ihdr, 13);
    png_chunk(&b, "eXIf", "MM\0*GPSLatitude 53.4084N", 24);
    png_chunk(&b, "tEXt", "Comment\0taken at 12 High Street", 31);
    static const unsigned char idat[] = {0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0,
                                         0xf0, 0x1f, 0x00, 0x05, 0x00,
                                         0x01, 0xff};
    png_chunk(&b, "IDAT", idat, sizeof idat);
    png_chunk(&b, "IEND", "", 0);
    return b;
}

static void
jpeg_segment(struct bytes *b, unsigned char marker, const void *data,
             size_t n)
{
    unsigned char h[4] = {0xff, marker, (unsigned char)((n + 2) >> 8),
                          (unsigned char)(n + 2)};
    put(b, h, 4);
    put(b, data, n);
}

/* A baseline JPEG's structure with Exif (GPS) in APP1 and a comment. */
static struct bytes
jpeg_with_exif(int variant)
{
    struct bytes b = {0};
    put(&b, "\xff\xd8", 2);
    jpeg_segment(&b, 0xe0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14);
    jpeg_segment(&b, 0xe1, "Exif\0\0MM\0*GPSLatitude 53.4084N", 31);
    jpeg_segment(&b, 0xfe, "taken at 12 High Street", 23);
    unsigned char dqt[65] = {0};
    for (int i = 1; i < 65; i++)
        dqt[i] = (unsigned char)(i + variant);
    jpeg_segment(&b, 0xdb, dqt, sizeof dqt);
    static const unsigned char sof[] = {8, 0, 1, 0, 1, 1, 1, 0x11, 0};
    jpeg_segment(&b, 0xc0, sof, sizeof sof);
    static const unsigned char dht[] = {0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
                                        0, 0, 0, 0, 0, 0, 0};
    jpeg_segment(&b, 0xc4, dht, sizeof dht);
    static const unsigned char sos[] = {1, 1, 0, 0, 63, 0};
    jpeg_segment(&b, 0xda, sos, sizeof sos);
    /* entropy-coded data with a stuffed 0xFF00 and a restart marker */
    put(&b, "\x12\x34\xff\x00\x56\xff\xd0\x78", 8);
    put(&b, "\xff\xd9", 2);
    /* after the end of the image: not the image, so dropped */
    puts_(&b, "trailing GPS 53.4084N");
    return b;
}

static struct bytes
pdf_bytes(void)
{
    struct bytes b = {0};
    puts_(&b, "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
              "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
              "trailer << /Root 1 0 R >>\n%%EOF\n");
    return b;
}

static struct bytes
elf_bytes(void)
{
    struct bytes b = {0};
    static const unsigned char elf[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0,
                                          0, 0, 0, 0, 0, 0, 0, 0,
                                          2, 0, 0x3e, 0, 1, 0, 0, 0};
    put(&b, elf, sizeof elf);
    return b;
}

/* ---- multipart ---- */

struct part {
    const char *name;
    const char *filename;      /* NULL: a text part */
    const unsigned char *data;
    size_t len;
};

static struct bytes
multipart(const struct part *parts, size_t n)
{
    struct bytes b = {0};
    for (size_t i = 0; i < n; i++) {
        char h[512];
        if (parts[i].filename)
            snprintf(h, sizeof h, "--" BOUNDARY "\r\nContent-Disposition: "
                     "form-data; name=\"%s\"; filename=\"%s\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n",
                     parts[i].name, parts[i].filename);
        else
            snprintf(h, sizeof h, "--" BOUNDARY "\r\nContent-Disposition: "
                     "form-data; name=\"%s\"\r\n\r\n", parts[i].name);
        puts_(&b, h);
        put(&b, parts[i].data, parts[i].len);
        puts_(&b, "\r\n");
    }
    puts_(&b, "--" BOUNDARY "--\r\n");
    return b;
}

/* POSTs @p parts as multipart/form-data to @p path. @returns the status. */
static long
post_multipart(const char *path, const struct part *parts, size_t n,
               struct fbt_response *r)
{
    struct bytes body = multipart(parts, n);
    ck_assert_int_eq(fbt_post_raw(&cli, path,
                                  "multipart/form-data; boundary=" BOUNDARY,
                                  (const char *)body.p, body.n, r),
                     CURLE_OK);
    free(body.p);
    return r->status;
}

static char *
page_csrf(const char *path)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, path, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(csrf);
    return csrf;
}

/* POSTs files (and the button @p button, "NAME=VALUE" or NULL) to the
 * photos page with its CSRF token and an empty honeypot. */
static long
post_files(const struct part *files, size_t n, const char *button,
           struct fbt_response *r)
{
    char *csrf = page_csrf(FT "photos");
    struct part parts[8];
    size_t k = 0;
    parts[k++] = (struct part){"csrf_token", NULL, (unsigned char *)csrf,
                               strlen(csrf)};
    parts[k++] = (struct part){"website", NULL, (const unsigned char *)"", 0};
    char bname[64] = "", bvalue[128] = "";
    if (button) {
        const char *eq = strchr(button, '=');
        snprintf(bname, sizeof bname, "%.*s", (int)(eq - button), button);
        snprintf(bvalue, sizeof bvalue, "%s", eq + 1);
        parts[k++] = (struct part){bname, NULL, (unsigned char *)bvalue,
                                   strlen(bvalue)};
    }
    for (size_t i = 0; i < n; i++)
        parts[k++] = files[i];
    long status = post_multipart(FT "photos", parts, k, r);
    free(csrf);
    return status;
}

static void
step(const char *path, const char *fields, const char *next)
{
    char *loc = NULL;
    long st = fbt_answer(&cli, path, fields, &loc);
    ck_assert_msg(st == 303, "%s answered %ld", path, st);
    ck_assert_ptr_nonnull(loc);
    ck_assert_str_eq(loc, next);
    free(loc);
}

static void
to_photos(void)
{
    step(FT "hazards", "hazardous=no", FT "where");
    step(FT "where", "location=The+back+lane+behind+12+High+Street"
         "&location_postcode=", FT "what");
    step(FT "what", "waste_types=bags&amount=single", FT "photos");
}

/* How many entries @p dir holds besides . and .. (and tmp). */
static int
entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")
            && strcmp(e->d_name, "tmp"))
            n++;
    closedir(d);
    return n;
}

static int
tmp_entries(void)
{
    char tmp[450];
    snprintf(tmp, sizeof tmp, "%s/tmp", files_dir);
    return entries(tmp);
}

static char *
read_stored(const char *hash, size_t *len)
{
    char path[500];
    snprintf(path, sizeof path, "%s/%s", files_dir, hash);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "no stored file %s", path);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static bool
contains(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return true;
    return false;
}

/* The first "sha256" of the photos page's remove buttons. */
static void
first_hash(const char *html, char out[65])
{
    const char *p = strstr(html, "name=\"photos-remove\" value=\"");
    ck_assert_ptr_nonnull(p);
    p += strlen("name=\"photos-remove\" value=\"");
    memcpy(out, p, 64);
    out[64] = '\0';
}

/* ---- tests ---- */

START_TEST(photos_page_is_a_govuk_file_upload)
{
    to_photos();
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, FT "photos", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "enctype=\"multipart/form-data\""));
    ck_assert_ptr_nonnull(strstr(r.body, "class=\"govuk-file-upload\" "
                                         "id=\"photos\" name=\"photos\" "
                                         "type=\"file\" multiple"));
    ck_assert_ptr_nonnull(strstr(r.body, "accept=\".jpg,.jpeg,.png\""));
    ck_assert_ptr_nonnull(strstr(r.body, "You can upload up to 3 files. "
                                         "Each must be a JPG or PNG "
                                         "smaller than 10MB."));
    fbt_response_free(&r);
}
END_TEST

START_TEST(photo_is_kept_by_hash_without_its_location)
{
    to_photos();
    struct bytes png = png_with_metadata(), jpg = jpeg_with_exif(0);
    struct part files[] = {
        {"photos", "lane.png", png.p, png.n},
        {"photos", "C:\\Users\\ann\\IMG_0001.JPG", jpg.p, jpg.n},
    };
    struct fbt_response r;
    ck_assert_int_eq(post_files(files, 2, NULL, &r), 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, FT "seen");
    free(loc);
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 2);
    ck_assert_int_eq(tmp_entries(), 0);
    ck_assert_int_eq(fbt_get(&cli, FT "photos", &r), CURLE_OK);
    ck_assert_ptr_nonnull(strstr(r.body, "lane.png"));
    /* a Windows path keeps only the file's own name */
    ck_assert_ptr_nonnull(strstr(r.body, ">IMG_0001.JPG<"));
    ck_assert_ptr_null(strstr(r.body, "Users"));
    ck_assert_ptr_nonnull(strstr(r.body, "Remove<span class=\"govuk-"
                                         "visually-hidden\"> lane.png"));
    fbt_response_free(&r);
    /* The stored bytes: no Exif, no text chunk, nothing after EOI. */
    DIR *d = opendir(files_dir);
    struct dirent *e;
    int checked = 0;
    while ((e = readdir(d))) {
        if (strlen(e->d_name) != 64)
            continue;
        size_t n;
        char *b = read_stored(e->d_name, &n);
        ck_assert(!contains(b, n, "GPSLatitude"));
        ck_assert(!contains(b, n, "High Street"));
        ck_assert(!contains(b, n, "trailing"));
        ck_assert(contains(b, n, "IDAT") || contains(b, n, "\xff\xda"));
        free(b);
        checked++;
    }
    closedir(d);
    ck_assert_int_eq(checked, 2);
    free(png.p);
    free(jpg.p);
}
END_TEST

/* The error page of a refused file: 422, its message in the summary and
 * on the input, nothing kept. */
static void
refused(const char *filename, struct bytes b, const char *message)
{
    struct part files[] = {{"photos", filename, b.p, b.n}};
    struct fbt_response r;
    ck_assert_int_eq(post_files(files, 1, NULL, &r), 422);
    ck_assert_msg(strstr(r.body, message) != NULL, "%s: no '%s'", filename,
                  message);
    ck_assert_ptr_nonnull(strstr(r.body, "govuk-file-upload--error"));
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"#photos\""));
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 0);
    ck_assert_int_eq(tmp_entries(), 0);
    free(b.p);
}

START_TEST(type_is_found_by_content_not_by_name)
{
    to_photos();
    refused("report.png", pdf_bytes(),
            "The selected file must be a JPG or PNG");
    refused("photo.jpg", elf_bytes(),
            "The selected file must be a JPG or PNG");
    /* a real JPEG whose name says PNG */
    refused("photo.png", jpeg_with_exif(0),
            "The selected file must be a JPG or PNG");
    /* a JPEG's start and nothing else is not a JPEG */
    struct bytes cut = {0};
    put(&cut, "\xff\xd8\xff\xe0\x00\x10JFIF", 10);
    refused("cut.jpg", cut, "The selected file must be a JPG or PNG");
    struct bytes empty = {0};
    put(&empty, "", 0);
    refused("empty.png", empty, "The selected file is empty");
}
END_TEST

START_TEST(file_over_the_limit_is_413_while_streaming_and_nothing_kept)
{
    to_photos();
    size_t big = 10u * 1024 * 1024 + 1;
    struct bytes b = jpeg_with_exif(0);
    unsigned char *p = calloc(1, big);
    memcpy(p, b.p, b.n);
    struct part files[] = {{"photos", "big.jpg", p, big}};
    struct fbt_response r;
    ck_assert_int_eq(post_files(files, 1, NULL, &r), 413);
    ck_assert_ptr_nonnull(strstr(r.body, "smaller than 10MB"));
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 0);
    ck_assert_int_eq(tmp_entries(), 0);
    /* The page is still there, with no file. */
    ck_assert_int_eq(fbt_get(&cli, FT "photos", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_null(strstr(r.body, "photos-remove"));
    fbt_response_free(&r);
    free(p);
    free(b.p);
}
END_TEST

START_TEST(more_files_than_allowed_are_refused)
{
    to_photos();
    struct bytes j[4];
    struct part files[4];
    char names[4][16];
    for (int i = 0; i < 4; i++) {
        j[i] = jpeg_with_exif(i);
        snprintf(names[i], sizeof names[i], "p%d.jpg", i);
        files[i] = (struct part){"photos", names[i], j[i].p, j[i].n};
    }
    struct fbt_response r;
    ck_assert_int_eq(post_files(files, 4, NULL, &r), 422);
    ck_assert_ptr_nonnull(strstr(r.body, "You can only upload 3 files"));
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 0);
    ck_assert_int_eq(tmp_entries(), 0);
    /* Two now, then two more on coming back: four in all is too many. */
    ck_assert_int_eq(post_files(files, 2, NULL, &r), 303);
    fbt_response_free(&r);
    ck_assert_int_eq(post_files(files + 2, 2, NULL, &r), 422);
    ck_assert_ptr_nonnull(strstr(r.body, "You can only upload 3 files"));
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 2);
    for (int i = 0; i < 4; i++)
        free(j[i].p);
}
END_TEST

START_TEST(remove_takes_one_file_out)
{
    to_photos();
    struct bytes a = jpeg_with_exif(1), b = png_with_metadata();
    struct part files[] = {{"photos", "a.jpg", a.p, a.n},
                           {"photos", "b.png", b.p, b.n}};
    struct fbt_response r;
    ck_assert_int_eq(post_files(files, 2, NULL, &r), 303);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, FT "photos", &r), CURLE_OK);
    char hash[65];
    first_hash(r.body, hash);
    fbt_response_free(&r);
    char button[128];
    snprintf(button, sizeof button, "photos-remove=%s", hash);
    ck_assert_int_eq(post_files(NULL, 0, button, &r), 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, FT "photos"); /* the page again, one file less */
    free(loc);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, FT "photos", &r), CURLE_OK);
    ck_assert_ptr_null(strstr(r.body, hash));
    ck_assert_ptr_null(strstr(r.body, ">a.jpg<"));
    ck_assert_ptr_nonnull(strstr(r.body, ">b.png<"));
    fbt_response_free(&r);
    free(a.p);
    free(b.p);
}
END_TEST

START_TEST(a_posted_reference_is_not_an_answer)
{
    to_photos();
    /* Someone else's file, by a hash they guessed or saw. */
    char *csrf = page_csrf(FT "photos");
    char body[512];
    snprintf(body, sizeof body, "csrf_token=%s&website=&photos=%s", csrf,
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
             "%3A100%3Ajpg%3Aother.jpg");
    struct fbt_response r;
    ck_assert_int_eq(fbt_post(&cli, FT "photos", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, FT "photos", &r), CURLE_OK);
    ck_assert_ptr_null(strstr(r.body, "other.jpg"));
    fbt_response_free(&r);
    free(csrf);
}
END_TEST

START_TEST(multipart_still_needs_csrf_and_an_empty_honeypot)
{
    to_photos();
    struct bytes j = jpeg_with_exif(0);
    struct part parts[] = {
        {"csrf_token", NULL, (const unsigned char *)"wrong", 5},
        {"photos", "a.jpg", j.p, j.n},
    };
    struct fbt_response r;
    ck_assert_int_eq(post_multipart(FT "photos", parts, 2, &r), 403);
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 0);
    ck_assert_int_eq(tmp_entries(), 0);
    char *csrf = page_csrf(FT "photos");
    struct part bot[] = {
        {"csrf_token", NULL, (unsigned char *)csrf, strlen(csrf)},
        {"website", NULL, (const unsigned char *)"http://spam", 11},
        {"photos", "a.jpg", j.p, j.n},
    };
    ck_assert_int_eq(post_multipart(FT "photos", bot, 3, &r), 400);
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 0);
    ck_assert_int_eq(tmp_entries(), 0);
    free(csrf);
    free(j.p);
}
END_TEST

START_TEST(multipart_is_refused_on_a_page_without_a_file_question)
{
    char *csrf = page_csrf(FT "hazards");
    struct part parts[] = {
        {"csrf_token", NULL, (unsigned char *)csrf, strlen(csrf)},
        {"hazardous", NULL, (const unsigned char *)"no", 2},
    };
    struct fbt_response r;
    ck_assert_int_eq(post_multipart(FT "hazards", parts, 2, &r), 400);
    fbt_response_free(&r);
    free(csrf);
}
END_TEST

/* The rest of the journey after the photos page, and sending it:
 * @returns the reference on the confirmation page (malloc'd). */
static char *
finish_and_submit(void)
{
    char seen[160];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    snprintf(seen, sizeof seen, "date_seen-day=%d&date_seen-month=%d"
             "&date_seen-year=%d&saw_dumping=no", tm.tm_mday, tm.tm_mon + 1,
             tm.tm_year + 1900);
    step(FT "seen", seen, FT "contact");
    step(FT "contact", "full_name=&email=&phone=", FT "check-answers");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, FT "check-answers", &r), CURLE_OK);
    ck_assert_ptr_nonnull(strstr(r.body, "lane.jpg"));
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[200];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, FT "confirmation", &r), CURLE_OK);
    char *ref = fbt_reference(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(ref);
    free(csrf);
    free(action);
    return ref;
}

/* A whole report with photo @p j, by a new resident: its reference. */
static char *
report_with_photo(const struct bytes *j)
{
    to_photos();
    struct part files[] = {{"photos", "lane.jpg", j->p, j->n}};
    struct fbt_response r;
    ck_assert_int_eq(post_files(files, 1, NULL, &r), 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, FT "seen");
    free(loc);
    fbt_response_free(&r);
    return finish_and_submit();
}

START_TEST(whole_journey_submits_a_payload_that_refers_to_the_files)
{
    struct bytes j = jpeg_with_exif(0);
    free(report_with_photo(&j));
    char *json = fbt_export(&srv, "report-fly-tipping", "json");
    ck_assert_ptr_nonnull(json);
    const char *p = strstr(json, "\"photos\"");
    ck_assert_msg(p != NULL, "%s", json);
    ck_assert_int_eq(entries(files_dir), 1);
    DIR *d = opendir(files_dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strlen(e->d_name) != 64)
            continue;
        ck_assert_msg(strstr(json, e->d_name) != NULL,
                      "%s not in %s", e->d_name, json);
        /* Staff fetch it by its hash. */
        const char *get[] = {"file", "get", e->d_name, NULL};
        char *got = fbt_run(&srv, get);
        ck_assert_ptr_nonnull(got);
        ck_assert(memcmp(got, "\xff\xd8\xff\xe0", 4) == 0);
        free(got);
    }
    closedir(d);
    const char *bad[] = {"file", "get", "../var/formbuilder.db", NULL};
    ck_assert_ptr_null(fbt_run(&srv, bad));
    free(json);
    free(j.p);
}
END_TEST

/* Makes submission @p ref older than any retention and every session
 * gone, and the stored files older than the sweep's grace. */
static void
age(const char *ref)
{
    ck_assert_int_eq(fbt_db_exec(&srv, "UPDATE submissions SET submitted_at"
                                       " = '2001-01-01T00:00:00Z' WHERE "
                                       "reference = ?1", ref), 0);
    ck_assert_int_eq(fbt_db_exec(&srv, "DELETE FROM sessions", NULL), 0);
    DIR *d = opendir(files_dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strlen(e->d_name) != 64)
            continue;
        char path[500];
        int n = snprintf(path, sizeof path, "%s/%s", files_dir, e->d_name);
        ck_assert(n > 0 && (size_t)n < sizeof path);
        struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
        ck_assert_int_eq(utimensat(AT_FDCWD, path, old, 0), 0);
    }
    closedir(d);
}

START_TEST(purge_removes_a_file_once_no_submission_refers_to_it)
{
    struct bytes j = jpeg_with_exif(0);
    char *first = report_with_photo(&j);
    /* Another resident sends the same photo: one file, two submissions. */
    fbt_client_free(&cli);
    fbt_client_init(&cli, &srv);
    char *second = report_with_photo(&j);
    ck_assert_int_eq(entries(files_dir), 1);
    const char *purge[] = {"purge", NULL};
    age(first);
    char *out = fbt_run(&srv, purge);
    ck_assert_ptr_nonnull(out);
    free(out);
    ck_assert_int_eq(entries(files_dir), 1); /* the second still has it */
    age(second);
    out = fbt_run(&srv, purge);
    ck_assert_ptr_nonnull(out);
    ck_assert_msg(strstr(out, "removed 1 uploaded files") != NULL, "%s", out);
    free(out);
    ck_assert_int_eq(entries(files_dir), 0);
    free(first);
    free(second);
    free(j.p);
}
END_TEST

/* ---- virus scanning with a real clamd ---- */

static const char clamd_exe[] = "/usr/sbin/clamd";
static const char eicar[] =
    "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
static pid_t clamd_pid;
static char clamd_env[400], clamd_sock[300];

static void
write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static bool
clamd_answers(void)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(clamd_sock) >= sizeof a.sun_path)
        return false;
    memcpy(a.sun_path, clamd_sock, strlen(clamd_sock) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

static void
clamd_setup(void)
{
    fbt_server_init(&srv);
    char path[400], conf[1400], hex[2 * sizeof eicar + 1];
    snprintf(path, sizeof path, "%s/clamdb", srv.dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    for (size_t i = 0; eicar[i]; i++)
        snprintf(hex + 2 * i, 3, "%02x", (unsigned char)eicar[i]);
    snprintf(conf, sizeof conf, "Eicar-Test-Signature:0:*:%s\n", hex);
    snprintf(path, sizeof path, "%s/clamdb/eicar.ndb", srv.dir);
    write_text(path, conf);
    snprintf(clamd_sock, sizeof clamd_sock, "%s/clamd.sock", srv.dir);
    snprintf(conf, sizeof conf,
             "LocalSocket %s\nDatabaseDirectory %s/clamdb\n"
             "Foreground yes\nLogFile %s/clamd.log\nTemporaryDirectory %s\n",
             clamd_sock, srv.dir, srv.dir, srv.dir);
    snprintf(path, sizeof path, "%s/clamd.conf", srv.dir);
    write_text(path, conf);
    clamd_pid = fork();
    ck_assert_int_ge(clamd_pid, 0);
    if (clamd_pid == 0) {
        execl(clamd_exe, clamd_exe, "-c", path, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 600 && !clamd_answers(); i++) {
        struct timespec t = {0, 100 * 1000 * 1000};
        nanosleep(&t, NULL);
    }
    ck_assert_msg(clamd_answers(), "clamd did not start (see %s)", srv.dir);
    snprintf(files_dir, sizeof files_dir, "%s/files", srv.dir);
    snprintf(files_env, sizeof files_env, "FORMBUILDER_FILES_DIR=%s",
             files_dir);
    snprintf(clamd_env, sizeof clamd_env, "FORMBUILDER_CLAMD_SOCKET=%s",
             clamd_sock);
    srv.env[0] = files_env;
    srv.env[1] = clamd_env;
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);
}

static void
clamd_stop(void)
{
    if (clamd_pid > 0) {
        kill(clamd_pid, SIGTERM);
        waitpid(clamd_pid, NULL, 0);
    }
    clamd_pid = 0;
}

static void
clamd_teardown(void)
{
    clamd_stop();
    teardown();
}

/* A JPEG whose image data carries the EICAR test string. */
static struct bytes
jpeg_with_eicar(void)
{
    struct bytes j = jpeg_with_exif(0);
    /* before the EOI and what follows it */
    const char *tail = "\xff\xd9trailing GPS 53.4084N";
    size_t keep = j.n - strlen("trailing GPS 53.4084N") - 2;
    j.n = keep;
    puts_(&j, eicar);
    put(&j, tail, 2);
    return j;
}

START_TEST(clean_files_are_kept_after_the_scan)
{
    to_photos();
    struct bytes j = jpeg_with_exif(0);
    struct part files[] = {{"photos", "lane.jpg", j.p, j.n}};
    struct fbt_response r;
    ck_assert_int_eq(post_files(files, 1, NULL, &r), 303);
    fbt_response_free(&r);
    ck_assert_int_eq(entries(files_dir), 1);
    free(j.p);
}
END_TEST

START_TEST(a_virus_is_refused_and_not_kept)
{
    to_photos();
    refused("lane.jpg", jpeg_with_eicar(),
            "The selected file contains a virus");
}
END_TEST

START_TEST(a_scan_that_cannot_run_keeps_nothing)
{
    to_photos();
    clamd_stop();
    refused("lane.jpg", jpeg_with_exif(0),
            "could not be checked for viruses \xe2\x80\x93 try again later");
}
END_TEST

static Suite *
clamd_suite(void)
{
    Suite *s = suite_create("upload clamd");
    TCase *tc = tcase_create("clamd");
    tcase_add_checked_fixture(tc, clamd_setup, clamd_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, clean_files_are_kept_after_the_scan);
    tcase_add_test(tc, a_virus_is_refused_and_not_kept);
    tcase_add_test(tc, a_scan_that_cannot_run_keeps_nothing);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *
upload_suite(void)
{
    Suite *s = suite_create("upload");
    TCase *tc = tcase_create("upload");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, photos_page_is_a_govuk_file_upload);
    tcase_add_test(tc, photo_is_kept_by_hash_without_its_location);
    tcase_add_test(tc, type_is_found_by_content_not_by_name);
    tcase_add_test(tc,
        file_over_the_limit_is_413_while_streaming_and_nothing_kept);
    tcase_add_test(tc, more_files_than_allowed_are_refused);
    tcase_add_test(tc, remove_takes_one_file_out);
    tcase_add_test(tc, a_posted_reference_is_not_an_answer);
    tcase_add_test(tc, multipart_still_needs_csrf_and_an_empty_honeypot);
    tcase_add_test(tc, multipart_is_refused_on_a_page_without_a_file_question);
    tcase_add_test(tc,
        whole_journey_submits_a_payload_that_refers_to_the_files);
    tcase_add_test(tc, purge_removes_a_file_once_no_submission_refers_to_it);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FORMBUILDER\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    bool clamd = argc > 2 && strcmp(argv[2], "clamd") == 0;
    if (clamd && access(clamd_exe, X_OK) != 0) {
        printf("SKIP: %s is not installed (Debian clamav-daemon)\n",
               clamd_exe);
        return 77;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(clamd ? clamd_suite() : upload_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Metadata stripping for JPEG and PNG (file_strip.h), by walking their
 * segment and chunk structure: ITU T.81 B.1 (markers, lengths, the
 * entropy-coded data after SOS with its 0xFF00 stuffing and RST
 * markers) and PNG (ISO/IEC 15948) 5.3 (length, type, data, CRC).
 */
#include "file_strip.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Copies @p n bytes from @p in to @p out (@p out NULL: skips them). */
static enum fb_strip_result
copy(FILE *in, FILE *out, uint32_t n)
{
    char buf[8192];
    while (n > 0) {
        size_t want = n < sizeof buf ? n : sizeof buf;
        size_t got = fread(buf, 1, want, in);
        if (got != want)
            return ferror(in) ? FB_STRIP_IO : FB_STRIP_BAD;
        if (out && fwrite(buf, 1, got, out) != got)
            return FB_STRIP_IO;
        n -= (uint32_t)got;
    }
    return FB_STRIP_OK;
}

static int
put2(FILE *out, int a, int b)
{
    return putc(a, out) == EOF || putc(b, out) == EOF ? -1 : 0;
}

/* ---- JPEG ---- */

/* Whether application segment APPn (or a comment) carries only metadata:
 * APP0 JFIF and APP14 Adobe say how to decode; APP2 is kept only for an
 * ICC profile (its MPF form holds further images with their own Exif). */
static bool
jpeg_metadata(int m, const unsigned char *head, size_t n)
{
    static const char icc[] = "ICC_PROFILE";
    if (m == 0xfe)
        return true;
    if (m < 0xe0 || m > 0xef)
        return false;
    if (m == 0xe0 || m == 0xee)
        return false;
    if (m == 0xe2)
        return !(n >= sizeof icc && memcmp(head, icc, sizeof icc) == 0);
    return true;
}

/* After SOS: entropy-coded data up to the next marker that is not a
 * restart (RSTn) or a stuffed 0xFF00. @returns the marker, or -1 at the
 * end of the file, -2 on a write error. */
static int
jpeg_scan(FILE *in, FILE *out)
{
    int c;
    while ((c = getc(in)) != EOF) {
        if (c != 0xff) {
            if (putc(c, out) == EOF)
                return -2;
            continue;
        }
        int n;
        do
            n = getc(in);
        while (n == 0xff);
        if (n == EOF)
            return -1;
        if (n == 0x00 || (n >= 0xd0 && n <= 0xd7)) {
            if (put2(out, 0xff, n) != 0)
                return -2;
            continue;
        }
        return n;
    }
    return -1;
}

enum fb_strip_result
fb_strip_jpeg(FILE *in, FILE *out)
{
    if (getc(in) != 0xff || getc(in) != 0xd8)
        return FB_STRIP_BAD;
    if (put2(out, 0xff, 0xd8) != 0)
        return FB_STRIP_IO;
    int m = -1;
    bool seen_frame = false;
    for (;;) {
        if (m < 0) {
            if (getc(in) != 0xff)
                return FB_STRIP_BAD;
            do
                m = getc(in);
            while (m == 0xff);
            if (m == EOF)
                return FB_STRIP_BAD;
        }
        if (m == 0xd9) {       /* EOI: what follows is not the image */
            if (!seen_frame)
                return FB_STRIP_BAD;
            return put2(out, 0xff, 0xd9) != 0 ? FB_STRIP_IO : FB_STRIP_OK;
        }
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd7) || m == 0x00
            || m == 0xd8)
            return FB_STRIP_BAD; /* never outside a scan here */
        int hi = getc(in), lo = getc(in);
        if (hi == EOF || lo == EOF)
            return FB_STRIP_BAD;
        uint32_t len = (uint32_t)hi << 8 | (uint32_t)lo;
        if (len < 2)
            return FB_STRIP_BAD;
        len -= 2;
        unsigned char head[12] = {0};
        size_t nh = len < sizeof head ? len : sizeof head;
        if (fread(head, 1, nh, in) != nh)
            return FB_STRIP_BAD;
        enum fb_strip_result r;
        if (jpeg_metadata(m, head, nh)) {
            r = copy(in, NULL, len - (uint32_t)nh);
        } else {
            if (put2(out, 0xff, m) != 0 || put2(out, hi, lo) != 0
                || fwrite(head, 1, nh, out) != nh)
                return FB_STRIP_IO;
            r = copy(in, out, len - (uint32_t)nh);
        }
        if (r != FB_STRIP_OK)
            return r;
        if ((m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc))
            seen_frame = true;
        if (m == 0xda) {
            if (!seen_frame)
                return FB_STRIP_BAD;
            m = jpeg_scan(in, out);
            if (m == -2)
                return FB_STRIP_IO;
            if (m == -1)
                return FB_STRIP_BAD;
        } else {
            m = -1;
        }
    }
}

/* ---- PNG ---- */

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G',
                                               '\r', '\n', 0x1a, '\n'};

/* Chunks that say things about the picture rather than draw it. */
static bool
png_metadata(const unsigned char type[4])
{
    static const char *const drop[] = {"eXIf", "tEXt", "zTXt", "iTXt",
                                       "tIME"};
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        if (memcmp(type, drop[i], 4) == 0)
            return true;
    return false;
}

static bool
letter(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

enum fb_strip_result
fb_strip_png(FILE *in, FILE *out)
{
    unsigned char sig[8];
    if (fread(sig, 1, 8, in) != 8 || memcmp(sig, png_signature, 8) != 0)
        return FB_STRIP_BAD;
    if (fwrite(sig, 1, 8, out) != 8)
        return FB_STRIP_IO;
    for (bool first = true;; first = false) {
        unsigned char h[8];
        if (fread(h, 1, 8, in) != 8)
            return FB_STRIP_BAD;
        uint32_t len = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 |
                       (uint32_t)h[2] << 8 | (uint32_t)h[3];
        const unsigned char *type = h + 4;
        if (len > 0x7fffffffu || !letter(type[0]) || !letter(type[1])
            || !letter(type[2]) || !letter(type[3]))
            return FB_STRIP_BAD;
        if (first != (memcmp(type, "IHDR", 4) == 0))
            return FB_STRIP_BAD;
        bool keep = !png_metadata(type);
        if (keep && fwrite(h, 1, 8, out) != 8)
            return FB_STRIP_IO;
        /* data, then the CRC */
        enum fb_strip_result r = copy(in, keep ? out : NULL, len);
        if (r == FB_STRIP_OK)
            r = copy(in, keep ? out : NULL, 4);
        if (r != FB_STRIP_OK)
            return r;
        if (memcmp(type, "IEND", 4) == 0)
            return FB_STRIP_OK;
    }
}

/* SPDX-License-Identifier: MIT */
/*
 * The photo metadata stripper (runtime/server/file_strip.c) on any file:
 * the first byte picks JPEG (even) or PNG (odd), the rest is the file.
 * It never writes more than it read; what it accepts starts with the
 * kind's signature; and stripping its own output again accepts it and
 * changes nothing (nothing it should have removed is left).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_strip.h"
#include "fuzz.h"

static enum fb_strip_result
strip(int png, const void *p, size_t n, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (n == 0)                /* fmemopen() takes no empty buffer */
        return FB_STRIP_BAD;
    FILE *in = fmemopen((void *)p, n, "rb");
    FILE *o = open_memstream(out, out_len);
    enum fb_strip_result r = FB_STRIP_IO;
    if (in && o)
        r = png ? fb_strip_png(in, o) : fb_strip_jpeg(in, o);
    if (in)
        fclose(in);
    if (o)
        fclose(o);
    return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int png = data[0] & 1;
    char *out, *again;
    size_t n, m;
    enum fb_strip_result r = strip(png, data + 1, size - 1, &out, &n);
    if (r == FB_STRIP_OK) {
        FUZZ_ASSERT(n <= size - 1, "the stripped file grew");
        FUZZ_ASSERT(png ? n >= 8 && memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0
                        : n >= 4 && (unsigned char)out[0] == 0xff
                              && (unsigned char)out[1] == 0xd8,
                    "an accepted file does not start with its signature");
        enum fb_strip_result r2 = strip(png, out, n, &again, &m);
        FUZZ_ASSERT(r2 == FB_STRIP_OK, "its own output was refused");
        FUZZ_ASSERT(m == n && memcmp(out, again, n) == 0,
                    "stripping twice removed more");
        free(again);
    }
    free(out);
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * UK telephone numbers: the resident may write them as 0161 496 0000,
 * +44 (0)161 496-0000, 0044 161 496 0000 and so on. Separators are
 * dropped, the country code removed, and the number stored in national
 * form with its leading 0 ("01614960000") so that every way of writing one
 * number is stored the same.
 */
#include "validate-priv.h"

#include <string.h>

/* The national significant number (after the 0) has 9 or 10 digits
 * (Ofcom's National Telephone Numbering Plan); 07 numbers always 10. */
#define NSN_MIN 9
#define NSN_MAX 10

/* What each ASCII byte is in a phone number: ASCII white space and the
 * separators - . ( ) are dropped, digits kept, '+' kept at the start;
 * anything else (0) is not part of a phone number. */
enum { SKIP = 1, DIGIT, PLUS };

static const unsigned char phone_class[128] = {
    ['\t'] = SKIP, ['\n'] = SKIP, ['\v'] = SKIP, ['\f'] = SKIP,
    ['\r'] = SKIP, [' '] = SKIP, ['-'] = SKIP, ['.'] = SKIP, ['('] = SKIP,
    [')'] = SKIP, ['+'] = PLUS,
    ['0'] = DIGIT, ['1'] = DIGIT, ['2'] = DIGIT, ['3'] = DIGIT,
    ['4'] = DIGIT, ['5'] = DIGIT, ['6'] = DIGIT, ['7'] = DIGIT,
    ['8'] = DIGIT, ['9'] = DIGIT,
};

static inline enum fb_field_status
read_phonen(const struct fb_answers *in, const struct fb_name *nm,
            struct fb_answers *out)
{
    const char *name = nm->s;
    size_t len = nm->n;
    uint32_t h = nm->hash;
    struct fb_span sp;
    enum fb_field_status st = fb_field_geth(in, name, len, h, &sp);
    char digits[NSN_MAX + 6]; /* up to "0044" "0" and 10 digits */
    char national[NSN_MAX + 2];
    size_t n = 0;
    const char *nsn;
    size_t nsn_len;

    if (st != FB_FIELD_OK)
        goto done;
    st = FB_FIELD_INVALID;
    for (size_t i = 0; i < sp.n;) {
        unsigned char c = (unsigned char)sp.s[i];
        unsigned cls = c < 0x80 ? phone_class[c] : 0;
        size_t k;

        if (cls == SKIP) {
            i++;
            continue;
        }
        if (c >= 0x80 && (k = fb_utf8_space_wide(sp.s + i, sp.n - i)) > 0) {
            i += k; /* white space beyond ASCII is dropped too */
            continue;
        }
        if (cls != DIGIT && !(cls == PLUS && n == 0))
            goto done;
        /* More than "0044 (0)" and 10 digits cannot be a UK number. */
        if (n == sizeof digits - 1)
            goto done;
        digits[n++] = (char)c;
        i++;
    }
    digits[n] = '\0';
    if (n >= 3 && memcmp(digits, "+44", 3) == 0)
        nsn = digits + 3;
    else if (n >= 4 && memcmp(digits, "0044", 4) == 0)
        nsn = digits + 4;
    else if (n >= 2 && digits[0] == '0' && digits[1] != '0')
        nsn = digits + 1;
    else
        goto done; /* another country, or no trunk prefix */
    /* "+44 (0)20 ..." and the common "+44 020 ..." carry the trunk 0. */
    if (nsn != digits + 1 && nsn[0] == '0')
        nsn++;
    nsn_len = n - (size_t)(nsn - digits);
    if (nsn_len < NSN_MIN || nsn_len > NSN_MAX)
        goto done;
    /* No UK number starts 00 (international), 04 or 06 (unallocated). */
    if (nsn[0] == '0' || nsn[0] == '4' || nsn[0] == '6')
        goto done;
    if (nsn[0] == '7' && nsn_len != NSN_MAX)
        goto done;
    national[0] = '0';
    memcpy(national + 1, nsn, nsn_len + 1);
    st = fb_field_storeh(out, name, len, h,
                        (struct fb_span){national, nsn_len + 1});
done:
    return fb_field_finishh(out, name, len, h, st);
}

enum fb_field_status
fb_read_phone(const struct fb_answers *in, const char *name,
              struct fb_answers *out)
{
    struct fb_name nm = fb_name_of(name);

    return read_phonen(in, &nm, out);
}

enum fb_field_status
fb_read_phone_question(const struct fb_question_desc *q,
                       const struct fb_answers *in, struct fb_answers *out,
                       struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    (void)res;
    return read_phonen(in, &nm, out);
}

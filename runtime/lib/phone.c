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

static bool
separator(char c)
{
    return c == '-' || c == '.' || c == '(' || c == ')';
}

enum fb_field_status
fb_read_phonen(const struct fb_answers *in, const struct fb_name *nm,
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
        size_t k = fb_utf8_space_at(sp.s + i, sp.n - i);
        char c = sp.s[i];

        if (k > 0 || separator(c)) {
            i += k > 0 ? k : 1;
            continue;
        }
        if (!(c >= '0' && c <= '9') && !(c == '+' && n == 0))
            goto done;
        /* More than "0044 (0)" and 10 digits cannot be a UK number. */
        if (n == sizeof digits - 1)
            goto done;
        digits[n++] = c;
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

    return fb_read_phonen(in, &nm, out);
}

/* SPDX-License-Identifier: MIT */
/*
 * Readers for free text and email addresses. Text is stored trimmed with
 * browser line breaks (CR LF) made LF, so a textarea's length in
 * characters is what the resident saw. Email addresses are checked for the
 * shape mail systems accept (RFC 5321 limits, RFC 6531 UTF-8) and stored
 * as typed, trimmed.
 */
#include "validate-priv.h"

#include <stdlib.h>
#include <string.h>

/* RFC 5321 section 4.5.3.1: octet limits of a deliverable address. */
#define EMAIL_LOCAL_MAX 64
#define EMAIL_TOTAL_MAX 254
#define DNS_LABEL_MAX 63

static inline enum fb_field_status
read_textn(const struct fb_answers *in, const struct fb_name *nm,
           struct fb_answers *out)
{
    const char *name = nm->s;
    size_t len = nm->n;
    uint32_t h = nm->hash;
    size_t n = 0;
    struct fb_span sp;
    enum fb_field_status st = fb_field_geth(in, name, len, h, &sp);
    char *copy;

    if (st != FB_FIELD_OK)
        return fb_field_finishh(out, name, len, h, st);
    if (!memchr(sp.s, '\r', sp.n))
        return fb_field_finishh(out, name, len, h,
                               fb_field_storeh(out, name, len, h, sp));
    copy = malloc(sp.n);
    if (!copy)
        return fb_field_finishh(out, name, len, h, fb_field_nomem(out));
    for (size_t i = 0; i < sp.n; i++) {
        if (sp.s[i] != '\r')
            copy[n++] = sp.s[i];
        else if (i + 1 == sp.n || sp.s[i + 1] != '\n')
            copy[n++] = '\n'; /* a lone CR (old Macs) is a line break too */
    }
    st = fb_field_storeh(out, name, len, h, (struct fb_span){copy, n});
    free(copy);
    return fb_field_finishh(out, name, len, h, st);
}

enum fb_field_status
fb_read_text(const struct fb_answers *in, const char *name,
             struct fb_answers *out)
{
    struct fb_name nm = fb_name_of(name);

    return read_textn(in, &nm, out);
}

enum fb_field_status
fb_read_text_question(const struct fb_question_desc *q,
                      const struct fb_answers *in, struct fb_answers *out,
                      struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    (void)res;
    return read_textn(in, &nm, out);
}

/* RFC 5322 atext, the characters of an unquoted local part besides '.'. */
static bool
atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", c);
}

/* True when s[0..n) has a character that is white space or a control. */
static bool
has_space_or_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = fb_utf8_decode(s + i, n - i, &cp);

        if (k == 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
            fb_utf8_space_at(s + i, n - i))
            return true;
        i += k;
    }
    return false;
}

/* Dot-atom local part: atext or UTF-8, dots only between characters. */
static bool
local_part_ok(const char *s, size_t n)
{
    if (n == 0 || n > EMAIL_LOCAL_MAX || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '.' && i + 1 < n && s[i + 1] == '.')
            return false;
        if (c != '.' && c < 0x80 && !atext(c))
            return false;
    }
    return true;
}

/* One DNS label: letters, digits, hyphens (or UTF-8 letters of an
 * internationalised name), not starting or ending with a hyphen. */
static bool
label_ok(const char *s, size_t n)
{
    if (n == 0 || n > DNS_LABEL_MAX || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x80 && !(c == '-' || (c >= '0' && c <= '9') ||
                          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

static bool
all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Two or more labels; the last (the top-level domain) is not a number and
 * has two characters or more, as every delegated TLD does. */
static bool
domain_ok(const char *s, size_t n)
{
    size_t start = 0, labels = 0, last_start = 0;

    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.')
            continue;
        if (!label_ok(s + start, i - start))
            return false;
        labels++;
        last_start = start;
        start = i + 1;
    }
    return labels >= 2 &&
           fb_utf8_count(s + last_start, n - last_start) >= 2 &&
           !all_digits(s + last_start, n - last_start);
}

/* Byte classes for the ASCII fast path of email addresses. */
enum {
    C_ATEXT = 1, /* in an unquoted local part (besides '.') */
    C_LABEL = 2, /* in a DNS label: letters, digits, '-' */
    C_DIGIT = 4,
};

static const unsigned char email_class[256] = {
    ['!'] = C_ATEXT, ['#'] = C_ATEXT, ['$'] = C_ATEXT, ['%'] = C_ATEXT,
    ['&'] = C_ATEXT, ['\''] = C_ATEXT, ['*'] = C_ATEXT, ['+'] = C_ATEXT,
    ['-'] = C_ATEXT | C_LABEL, ['/'] = C_ATEXT, ['='] = C_ATEXT,
    ['?'] = C_ATEXT, ['^'] = C_ATEXT, ['_'] = C_ATEXT, ['`'] = C_ATEXT,
    ['{'] = C_ATEXT, ['|'] = C_ATEXT, ['}'] = C_ATEXT, ['~'] = C_ATEXT,
#define D(c) [(c)] = C_ATEXT | C_LABEL | C_DIGIT,
    D('0') D('1') D('2') D('3') D('4') D('5') D('6') D('7') D('8') D('9')
#undef D
#define L(c) [(c)] = C_ATEXT | C_LABEL, [(c) - 'a' + 'A'] = C_ATEXT | C_LABEL
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
    L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
    L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

/*
 * The checks of the general path below in one pass, for an address that
 * is all ASCII (almost every one): @returns 1 when it is valid, 0 when
 * not, -1 when a byte is not ASCII and the general path must decide.
 * ASCII white space and controls are in neither class, so they fail.
 */
static int
email_ascii_ok(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i, label, labels = 0;

    /* The local part: atext, and dots between them. */
    for (i = 0; i < n; i++) {
        if (email_class[u[i]] & C_ATEXT)
            continue;
        if (u[i] == '@')
            break;
        if (u[i] != '.')
            return u[i] >= 0x80 ? -1 : 0;
        if (i == 0 || u[i - 1] == '.')
            return 0;
    }
    if (i == 0 || i == n || i > EMAIL_LOCAL_MAX || u[i - 1] == '.')
        return 0;
    /* The domain: labels of letters, digits and inner hyphens. */
    for (label = ++i;; i++) {
        if (i < n && (email_class[u[i]] & C_LABEL))
            continue;
        if (i < n && u[i] != '.')
            return u[i] >= 0x80 ? -1 : 0;
        if (i == label || i - label > DNS_LABEL_MAX || u[label] == '-' ||
            u[i - 1] == '-')
            return 0;
        labels++;
        if (i == n)
            break;
        label = i + 1;
    }
    /* The top-level domain: two characters or more, not a number. */
    if (labels < 2 || n - label < 2)
        return 0;
    for (i = label; i < n; i++)
        if (!(email_class[u[i]] & C_DIGIT))
            return 1;
    return 0;
}

static inline enum fb_field_status
read_emailn(const struct fb_answers *in, const struct fb_name *nm,
            struct fb_answers *out)
{
    const char *name = nm->s;
    size_t len = nm->n;
    uint32_t h = nm->hash;
    struct fb_span sp;
    enum fb_field_status st = fb_field_geth(in, name, len, h, &sp);
    const char *at;
    int ok;

    if (st != FB_FIELD_OK)
        return fb_field_finishh(out, name, len, h, st);
    ok = sp.n > EMAIL_TOTAL_MAX ? 0 : email_ascii_ok(sp.s, sp.n);
    if (ok < 0) {
        at = memchr(sp.s, '@', sp.n);
        ok = at && !memchr(at + 1, '@', sp.n - (size_t)(at - sp.s) - 1) &&
             !has_space_or_control(sp.s, sp.n) &&
             local_part_ok(sp.s, (size_t)(at - sp.s)) &&
             domain_ok(at + 1, sp.n - (size_t)(at - sp.s) - 1);
    }
    if (!ok)
        return fb_field_finishh(out, name, len, h, FB_FIELD_INVALID);
    st = fb_field_storeh(out, name, len, h, sp);
    return fb_field_finishh(out, name, len, h, st);
}

enum fb_field_status
fb_read_email(const struct fb_answers *in, const char *name,
              struct fb_answers *out)
{
    struct fb_name nm = fb_name_of(name);

    return read_emailn(in, &nm, out);
}

enum fb_field_status
fb_read_email_question(const struct fb_question_desc *q,
                       const struct fb_answers *in, struct fb_answers *out,
                       struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    (void)res;
    return read_emailn(in, &nm, out);
}

/* SPDX-License-Identifier: MIT */
/*
 * The hand-written ceiling (hand_validator.h): the rules of
 * bench-fifteen.yaml's one page, written out for it as a careful C
 * programmer would, with nothing generic left: names hashed at compile
 * time's leisure (once, at the first call), posted values looked up in
 * the set's own index, ASCII fast paths, values kept as slices of the
 * posted set. Simplifications a real validator could not make are named
 * where they are: non-ASCII white space is not trimmed or dropped, and an
 * email address must be ASCII; neither changes what the benchmark's
 * answers give.
 */
#include "hand_validator.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "formbuilder/validate.h"
#include "answers-priv.h"

/* ---- posted values --------------------------------------------------- */

enum st { OK, EMPTY, BAD };

struct key {
    const char *s;
    size_t n;
    uint32_t h;
};

#define KEY(lit) {lit, sizeof(lit) - 1, 0}

enum {
    K_GROUP_NAME, K_GROUP_TYPE, K_CHARITY_NUMBER, K_ACTIVITIES, K_WARD,
    K_DESCRIPTION, K_MEMBERS, K_DAY, K_MONTH, K_YEAR, K_CONTACT_NAME,
    K_EMAIL, K_CONFIRM_EMAIL, K_PHONE, K_LINE1, K_LINE2, K_TOWN, K_POSTCODE,
    K_MEETING_POSTCODE, K_BANK_ACCOUNT, K__COUNT
};

static struct key keys[K__COUNT] = {
    KEY("group_name"), KEY("group_type"), KEY("charity_number"),
    KEY("activities"), KEY("ward"), KEY("description"), KEY("members"),
    KEY("founded-day"), KEY("founded-month"), KEY("founded-year"),
    KEY("contact_name"), KEY("email"), KEY("confirm_email"), KEY("phone"),
    KEY("group_address-line1"), KEY("group_address-line2"),
    KEY("group_address-town"), KEY("group_address-postcode"),
    KEY("meeting_postcode"), KEY("bank_account"),
};
static bool keys_hashed;

/* @returns true when @p s[0..n) is UTF-8 without overlongs or surrogates
 * (a set holds no NUL), deciding ASCII eight bytes at a time; *@p ascii
 * says whether it is all ASCII. */
static bool
utf8_ok(const unsigned char *s, size_t n, bool *ascii)
{
    const uint64_t high = UINT64_C(0x8080808080808080);
    uint64_t w, any = 0;
    size_t i = 0;

    if (n >= 8) {
        for (; i + 8 <= n; i += 8) {
            memcpy(&w, s + i, 8);
            any |= w;
        }
        memcpy(&w, s + n - 8, 8);
        any |= w;
    } else {
        for (; i < n; i++)
            any |= s[i];
    }
    *ascii = !(any & high);
    if (*ascii)
        return true;
    for (i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
        } else if (c >= 0xc2 && c <= 0xdf) {
            if (i + 1 >= n || (s[i + 1] & 0xc0) != 0x80)
                return false;
            i += 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            if (i + 2 >= n || (s[i + 1] & 0xc0) != 0x80 ||
                (s[i + 2] & 0xc0) != 0x80 ||
                (c == 0xe0 && s[i + 1] < 0xa0) ||
                (c == 0xed && s[i + 1] >= 0xa0))
                return false;
            i += 3;
        } else if (c >= 0xf0 && c <= 0xf4) {
            if (i + 3 >= n || (s[i + 1] & 0xc0) != 0x80 ||
                (s[i + 2] & 0xc0) != 0x80 || (s[i + 3] & 0xc0) != 0x80 ||
                (c == 0xf0 && s[i + 1] < 0x90) ||
                (c == 0xf4 && s[i + 1] >= 0x90))
                return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

static bool
space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Narrows @p v to drop ASCII white space at both ends. */
static inline void
trim(struct hand_value *v)
{
    while (v->n > 0 && space(v->s[0])) {
        v->s++;
        v->n--;
    }
    while (v->n > 0 && space(v->s[v->n - 1]))
        v->n--;
}

/* One posted value, checked and trimmed. */
static inline enum st
get(const struct fb_answers *in, int k, struct hand_value *v)
{
    size_t count;
    uint32_t i = fb_answers_findh(in, keys[k].s, keys[k].n, keys[k].h,
                                  &count);
    const struct fb_answer *p;

    v->s = "";
    v->n = 0;
    v->ascii = true;
    if (count == 0)
        return EMPTY;
    p = fb_answers_entry(in, i);
    if (count > 1 || !utf8_ok((const unsigned char *)p->value, p->value_len,
                              &v->ascii))
        return BAD;
    v->s = p->value;
    v->n = p->value_len;
    if (v->n > 0 && (space(v->s[0]) || space(v->s[v->n - 1])))
        trim(v);
    if (v->n == 0)
        return EMPTY;
    return v->n > FB_FIELD_MAX_BYTES ? BAD : OK;
}

/* Characters in UTF-8 @p v: the bytes that do not continue one. */
static size_t
chars(struct hand_value v)
{
    size_t n = 0;

    if (v.ascii)
        return v.n;
    for (size_t i = 0; i < v.n; i++)
        n += ((unsigned char)v.s[i] & 0xc0) != 0x80;
    return n;
}

static bool
is(struct hand_value v, const char *lit, size_t n)
{
    return v.n == n && memcmp(v.s, lit, n) == 0;
}

#define IS(v, lit) is((v), (lit), sizeof(lit) - 1)

static void
error(struct hand_out *o, const char *question)
{
    o->errors[o->n_errors++] = question;
}

/* ---- the types ----------------------------------------------------- */

static bool
digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
capital(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* "sk1 3xe" to "SK1 3XE" in @p buf: @returns the length, 0 if none. */
static size_t
postcode(struct hand_value v, char buf[9])
{
    char c[7];
    size_t n = 0, out;

    for (size_t i = 0; i < v.n; i++) {
        char ch = v.s[i];
        if (space(ch))
            continue;
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if (n == 7 || !(digit(ch) || capital(ch)))
            return 0;
        c[n++] = ch;
    }
    if (n < 5)
        return 0;
    out = n - 3;
    if (!digit(c[out]) || !capital(c[out + 1]) || !capital(c[out + 2]))
        return 0;
    bool shape = capital(c[0]) &&
                 (out == 2   ? digit(c[1])
                  : out == 3 ? (digit(c[1]) ? digit(c[2]) || capital(c[2])
                                            : capital(c[1]) && digit(c[2]))
                             : capital(c[1]) && digit(c[2]) &&
                                   (digit(c[3]) || capital(c[3])));
    if (!shape && !(n == 6 && memcmp(c, "GIR0AA", 6) == 0))
        return 0;
    memcpy(buf, c, out);
    buf[out] = ' ';
    memcpy(buf + out + 1, c + out, 3);
    buf[n + 1] = '\0';
    return n + 1;
}

/* The bytes of an unquoted local part besides '.' (1) and of a DNS label
 * (2). */
static unsigned char email_class[256];

static void
email_classes(void)
{
    for (int c = 0; c < 256; c++) {
        bool alnum = digit((char)c) || capital((char)c) ||
                     (c >= 'a' && c <= 'z');
        email_class[c] = (unsigned char)(
            (alnum || (c && strchr("!#$%&'*+-/=?^_`{|}~", c)) ? 1 : 0) |
            (alnum || c == '-' ? 2 : 0) |
            (alnum || (c && strchr(" '&,.()-", c)) ? 4 : 0));
    }
}

/* ASCII only (see the top). */
static bool
email(struct hand_value v)
{
    size_t i = 0, label, labels = 0;
    const char *s = v.s;

    if (v.n > 254)
        return false;
    for (; i < v.n && s[i] != '@'; i++) {
        char c = s[i];
        if (c == '.') {
            if (i == 0 || s[i - 1] == '.')
                return false;
        } else if (!(email_class[(unsigned char)c] & 1)) {
            return false;
        }
    }
    if (i == 0 || i == v.n || i > 64 || s[i - 1] == '.')
        return false;
    for (label = ++i;; i++) {
        char c = '.';
        if (i < v.n)
            c = s[i];
        if (email_class[(unsigned char)c] & 2)
            continue;
        if (c != '.' || i == label || i - label > 63 || s[label] == '-' ||
            s[i - 1] == '-')
            return false;
        labels++;
        if (i >= v.n)
            break;
        label = i + 1;
    }
    if (labels < 2 || v.n - label < 2)
        return false;
    for (i = label; i < v.n; i++)
        if (!digit(s[i]))
            return true;
    return false;
}

/* A UK number as national digits with the leading 0, in @p buf. */
static size_t
phone(struct hand_value v, char buf[13])
{
    char d[18];
    size_t n = 0;
    const char *nsn;

    for (size_t i = 0; i < v.n; i++) {
        char c = v.s[i];
        if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' ||
            space(c))
            continue;
        if (!(digit(c) || (c == '+' && n == 0)) || n == sizeof d - 1)
            return 0;
        d[n++] = c;
    }
    if (n >= 3 && memcmp(d, "+44", 3) == 0)
        nsn = d + 3;
    else if (n >= 4 && memcmp(d, "0044", 4) == 0)
        nsn = d + 4;
    else if (n >= 2 && d[0] == '0' && d[1] != '0')
        nsn = d + 1;
    else
        return 0;
    if (nsn != d + 1 && nsn[0] == '0')
        nsn++;
    size_t len = n - (size_t)(nsn - d);
    if (len < 9 || len > 10 || nsn[0] == '0' || nsn[0] == '4' ||
        nsn[0] == '6' || (nsn[0] == '7' && len != 10))
        return 0;
    buf[0] = '0';
    memcpy(buf + 1, nsn, len);
    buf[len + 1] = '\0';
    return len + 1;
}

/* A whole number with optional thousands commas and a fraction of zeros,
 * canonical in @p buf. @returns false when it is not one (or too big for
 * the page's rules to care: more than 15 digits). */
static bool
integer(struct hand_value v, long long *out, char buf[24])
{
    size_t i = 0, digits = 0, group = 0;
    bool neg = v.n > 0 && v.s[0] == '-', commas = false;
    long long x = 0;

    i = neg;
    for (; i < v.n && v.s[i] != '.'; i++) {
        if (v.s[i] == ',') {
            if (digits == 0 || (commas ? group != 3 : group > 3))
                return false;
            commas = true;
            group = 0;
            continue;
        }
        if (!digit(v.s[i]) || ++digits > 15)
            return false;
        group++;
        x = x * 10 + (v.s[i] - '0');
    }
    if (digits == 0 || (commas && group != 3))
        return false;
    if (i < v.n) {
        if (i + 1 == v.n)
            return false;
        for (i++; i < v.n; i++)
            if (v.s[i] != '0')
                return false; /* a fraction: the integer rule */
    }
    if (neg && x == 0)
        neg = false;
    *out = neg ? -x : x;
    /* canonical: no commas, no leading zeros */
    char tmp[20];
    size_t t = 0;
    do {
        tmp[t++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    size_t k = 0;
    if (neg)
        buf[k++] = '-';
    while (t)
        buf[k++] = tmp[--t];
    buf[k] = '\0';
    return true;
}

/* Digits only, 1 to @p max of them, as a number in *@p out. */
static bool
small(struct hand_value v, size_t min, size_t max, int *out)
{
    int x = 0;

    if (v.n < min || v.n > max)
        return false;
    for (size_t i = 0; i < v.n; i++) {
        if (!digit(v.s[i]))
            return false;
        x = x * 10 + (v.s[i] - '0');
    }
    *out = x;
    return true;
}

static int
days_in(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : days[m - 1];
}

static int
date_cmp(int y, int m, int d, const struct fb_date *t)
{
    long a = (long)y * 10000 + (long)m * 100 + d;
    long b = (long)t->year * 10000 + (long)t->month * 100 + t->day;

    return (a > b) - (a < b);
}

/* ---- the page -------------------------------------------------------- */

#define OPT(lit) {lit, sizeof(lit) - 1, true}
static const struct hand_value types[] = {
    OPT("charity"), OPT("cic"), OPT("club"), OPT("informal"),
};
static const struct hand_value activities[] = {
    OPT("sport"), OPT("arts"), OPT("environment"), OPT("youth"),
    OPT("older"), OPT("health"),
};
static const struct hand_value wards[] = {
    OPT("north"), OPT("south"), OPT("east"), OPT("west"), OPT("central"),
    OPT("riverside"),
};

static bool
one_of(struct hand_value v, const struct hand_value *opts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v.n == opts[i].n && v.s[0] == opts[i].s[0] &&
            memcmp(v.s, opts[i].s, v.n) == 0)
            return true;
    return false;
}

#define ONE_OF(v, a) one_of((v), (a), sizeof(a) / sizeof((a)[0]))

/* The class [A-Za-z0-9 '&,.()-] of group_name's pattern (4 in
 * email_class[], which email_classes() fills). */
static bool
name_char(unsigned char c)
{
    return email_class[c] & 4;
}

static void
hash_keys(void)
{
    for (size_t k = 0; k < K__COUNT; k++)
        keys[k].h = fb_answers_hash(keys[k].s, keys[k].n);
    email_classes();
    keys_hashed = true;
}

static void
date(const struct fb_answers *in, const struct fb_date *today,
     struct hand_out *o)
{
    struct hand_value d, m, y;
    enum st sd = get(in, K_DAY, &d), sm = get(in, K_MONTH, &m),
            sy = get(in, K_YEAR, &y);
    int dd, mm, yy;

    o->v[HQ_FOUNDED].n = 0;
    if (sd == BAD || sm == BAD || sy == BAD ||
        sd == EMPTY || sm == EMPTY || sy == EMPTY ||
        !small(d, 1, 2, &dd) || !small(m, 1, 2, &mm) ||
        !small(y, 4, 4, &yy) || mm < 1 || mm > 12 || dd < 1 ||
        dd > days_in(yy, mm) || date_cmp(yy, mm, dd, today) >= 0 ||
        date_cmp(yy, mm, dd, &(struct fb_date){1900, 1, 1}) <= 0) {
        error(o, "founded");
        return;
    }
    char *b = o->founded;
    b[0] = (char)('0' + yy / 1000);
    b[1] = (char)('0' + yy / 100 % 10);
    b[2] = (char)('0' + yy / 10 % 10);
    b[3] = (char)('0' + yy % 10);
    b[4] = '-';
    b[5] = (char)('0' + mm / 10);
    b[6] = (char)('0' + mm % 10);
    b[7] = '-';
    b[8] = (char)('0' + dd / 10);
    b[9] = (char)('0' + dd % 10);
    b[10] = '\0';
    o->v[HQ_FOUNDED] = (struct hand_value){b, 10, true};
}

static void
address(const struct fb_answers *in, struct hand_out *o)
{
    enum st s1 = get(in, K_LINE1, &o->v[HQ_LINE1]),
            s2 = get(in, K_LINE2, &o->v[HQ_LINE2]),
            st = get(in, K_TOWN, &o->v[HQ_TOWN]),
            sp = get(in, K_POSTCODE, &o->v[HQ_POSTCODE]);
    size_t n;

    if (s1 != OK || s2 == BAD || st != OK || sp != OK ||
        !(n = postcode(o->v[HQ_POSTCODE], o->postcode))) {
        o->v[HQ_LINE1].n = o->v[HQ_LINE2].n = 0;
        o->v[HQ_TOWN].n = o->v[HQ_POSTCODE].n = 0;
        error(o, "group_address");
        return;
    }
    o->v[HQ_POSTCODE] = (struct hand_value){o->postcode, n, true};
}

void
hand_validate(const struct fb_answers *in, const struct fb_date *today,
              struct hand_out *o)
{
    struct hand_value *v = o->v;
    size_t n, count;
    long long members;

    if (!keys_hashed)
        hash_keys();
    o->n_errors = 0;
    o->n_ticks = 0;

    if (get(in, K_GROUP_NAME, &v[HQ_GROUP_NAME]) != OK ||
        chars(v[HQ_GROUP_NAME]) > 100) {
        error(o, "group_name");
    } else {
        for (size_t i = 0; i < v[HQ_GROUP_NAME].n; i++)
            if (!name_char((unsigned char)v[HQ_GROUP_NAME].s[i])) {
                error(o, "group_name");
                break;
            }
    }

    if (get(in, K_GROUP_TYPE, &v[HQ_GROUP_TYPE]) != OK ||
        !ONE_OF(v[HQ_GROUP_TYPE], types))
        error(o, "group_type");

    v[HQ_CHARITY_NUMBER].n = 0;
    if (IS(v[HQ_GROUP_TYPE], "charity")) {
        struct hand_value *c = &v[HQ_CHARITY_NUMBER];
        bool ok = get(in, K_CHARITY_NUMBER, c) == OK && c->n >= 6 &&
                  c->n <= 8;
        for (size_t i = 0; ok && i < c->n; i++)
            ok = digit(c->s[i]);
        if (!ok)
            error(o, "charity_number");
    }

    uint32_t t = fb_answers_findh(in, keys[K_ACTIVITIES].s,
                                  keys[K_ACTIVITIES].n, keys[K_ACTIVITIES].h,
                                  &count);
    bool ticks_ok = count >= 1 && count <= 3;
    for (; ticks_ok && t != FB_ANSWERS_NONE; t = fb_answers_next(in, t)) {
        const struct fb_answer *p = fb_answers_entry(in, t);
        struct hand_value tick = {p->value, p->value_len, true};
        ticks_ok = utf8_ok((const unsigned char *)p->value, p->value_len,
                           &tick.ascii) &&
                   ONE_OF(tick, activities);
        o->ticks[o->n_ticks++] = tick;
    }
    if (!ticks_ok) {
        o->n_ticks = 0;
        error(o, "activities");
    }

    if (get(in, K_WARD, &v[HQ_WARD]) != OK || !ONE_OF(v[HQ_WARD], wards))
        error(o, "ward");

    /* A textarea keeps CRs here (the benchmark posts none); a real one
     * would make CRLF one LF. */
    if (get(in, K_DESCRIPTION, &v[HQ_DESCRIPTION]) != OK ||
        (n = chars(v[HQ_DESCRIPTION])) < 20 || n > 1000)
        error(o, "description");

    if (get(in, K_MEMBERS, &v[HQ_MEMBERS]) != OK ||
        !integer(v[HQ_MEMBERS], &members, o->members) || members < 3 ||
        members > 5000) {
        v[HQ_MEMBERS].n = 0;
        error(o, "members");
    } else {
        v[HQ_MEMBERS] = (struct hand_value){o->members, strlen(o->members),
                                            true};
    }

    date(in, today, o);

    if (get(in, K_CONTACT_NAME, &v[HQ_CONTACT_NAME]) != OK ||
        chars(v[HQ_CONTACT_NAME]) > 100)
        error(o, "contact_name");

    bool email_ok = get(in, K_EMAIL, &v[HQ_EMAIL]) == OK && email(v[HQ_EMAIL]);
    if (!email_ok)
        error(o, "email");
    if (get(in, K_CONFIRM_EMAIL, &v[HQ_CONFIRM_EMAIL]) != OK ||
        !email(v[HQ_CONFIRM_EMAIL]) ||
        (email_ok && !is(v[HQ_CONFIRM_EMAIL], v[HQ_EMAIL].s, v[HQ_EMAIL].n)))
        error(o, "confirm_email");

    if (get(in, K_PHONE, &v[HQ_PHONE]) != OK ||
        !(n = phone(v[HQ_PHONE], o->phone)))
        error(o, "phone");
    else
        v[HQ_PHONE] = (struct hand_value){o->phone, n, true};

    address(in, o);

    enum st s = get(in, K_MEETING_POSTCODE, &v[HQ_MEETING_POSTCODE]);
    if (s == BAD || (s == OK && !(n = postcode(v[HQ_MEETING_POSTCODE],
                                               o->meeting_postcode)))) {
        v[HQ_MEETING_POSTCODE].n = 0;
        error(o, "meeting_postcode");
    } else if (s == OK) {
        v[HQ_MEETING_POSTCODE] = (struct hand_value){o->meeting_postcode, n,
                                                     true};
    }

    if (get(in, K_BANK_ACCOUNT, &v[HQ_BANK_ACCOUNT]) != OK ||
        !(IS(v[HQ_BANK_ACCOUNT], "yes") || IS(v[HQ_BANK_ACCOUNT], "no")))
        error(o, "bank_account");
}

const char *
hand_value_text(const struct hand_out *out, enum hand_q q, char *buf,
                size_t cap)
{
    size_t n = out->v[q].n < cap ? out->v[q].n : cap - 1;

    memcpy(buf, out->v[q].s, n);
    buf[n] = '\0';
    return buf;
}

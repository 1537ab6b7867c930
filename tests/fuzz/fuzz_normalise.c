/* SPDX-License-Identifier: MIT */
/*
 * The field readers that normalise what residents type (runtime/lib/
 * validate_*.c): date, postcode, phone, money, National Insurance number,
 * time, name (whole or in parts) and address. The first byte picks the
 * reader; the rest is the field's text, or its parts one per line (day,
 * month, year; title, given, family; line1, line2, town, postcode). Each
 * reader must keep its contract: a stored answer is valid UTF-8, anything
 * but FB_FIELD_OK leaves nothing (not even an older answer) under the
 * question's name, and what it stores reads back as itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/answers.h"
#include "formbuilder/text.h"
#include "formbuilder/validate.h"
#include "fuzz.h"

enum reader {
    DATE, POSTCODE, PHONE, MONEY, NI_NUMBER, TIME, NAME, NAME_PARTS,
    ADDRESS, N_READERS
};

static const char *const date_parts[] = {"q-day", "q-month", "q-year", 0};
static const char *const name_parts[] = {"q-title", "q-given", "q-family",
                                         0};
static const char *const address_parts[] = {"q-line1", "q-line2", "q-town",
                                            "q-postcode", 0};
/* Stale answers under the names a reader stores, put there first: a
 * value no input can give (the parts are split at line breaks, and no
 * reader of one field stores one at its start). */
#define STALE "\nstale"
static const char *const stored_one[] = {"q", 0};
static const char *const stored_name[] = {"q.title", "q.given", "q.family",
                                          0};
static const char *const stored_address[] = {"q.line1", "q.line2",
                                             "q.town", "q.postcode", 0};

/* Puts @p text into @p in as field q, or line by line as @p parts. */
static void
fill(struct fb_answers *in, char *text, const char *const *parts)
{
    if (!parts) {
        fb_answers_add(in, "q", text);
        return;
    }
    for (size_t i = 0; parts[i] && text; i++) {
        char *nl = strchr(text, '\n');
        if (nl)
            *nl++ = '\0';
        fb_answers_add(in, parts[i], text);
        text = nl;
    }
}

static enum fb_field_status
read_one(enum reader r, const struct fb_answers *in, struct fb_answers *out)
{
    struct fb_date date;
    unsigned missing;
    long long pence;
    int minutes;
    switch (r) {
    case DATE:
        return fb_read_date(in, "q", out, &date, &missing);
    case POSTCODE:
        return fb_read_postcode(in, "q", out);
    case PHONE:
        return fb_read_phone(in, "q", out);
    case MONEY:
        return fb_read_money(in, "q", out, &pence);
    case NI_NUMBER:
        return fb_read_ni_number(in, "q", out);
    case TIME:
        return fb_read_time(in, "q", out, &minutes);
    case NAME:
        return fb_read_name(in, "q", 0, out, &missing);
    case NAME_PARTS:
        return fb_read_name(in, "q", FB_NAME_TITLE, out, &missing);
    case ADDRESS:
        return fb_read_address(in, "q", out, &missing);
    case N_READERS:
        break;
    }
    return FB_FIELD_INVALID;
}

/* What the resident would type to give stored answer @p out again. */
static void
retype(enum reader r, const struct fb_answers *out, struct fb_answers *in)
{
    const char *v = fb_answers_get(out, "q");
    char buf[64];
    switch (r) {
    case DATE: {
        int y, m, d;
        FUZZ_ASSERT(v && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3,
                    "a date not stored as YYYY-MM-DD");
        snprintf(buf, sizeof buf, "%d", d);
        fb_answers_add(in, "q-day", buf);
        snprintf(buf, sizeof buf, "%d", m);
        fb_answers_add(in, "q-month", buf);
        snprintf(buf, sizeof buf, "%04d", y);
        fb_answers_add(in, "q-year", buf);
        return;
    }
    case MONEY: {
        char *end;
        long long pence = strtoll(v ? v : "", &end, 10);
        FUZZ_ASSERT(v && *v && !*end && pence >= 0,
                    "money not stored as whole pence");
        fb_money_format(pence, buf, sizeof buf);
        fb_answers_add(in, "q", buf);
        return;
    }
    case NAME_PARTS:
    case ADDRESS: {
        const char *const *parts = r == ADDRESS ? address_parts : name_parts;
        for (size_t i = 0; parts[i]; i++) {
            char key[32];
            snprintf(key, sizeof key, "q.%s", parts[i] + 2);
            const char *part = fb_answers_get(out, key);
            if (part)
                fb_answers_add(in, parts[i], part);
        }
        return;
    }
    default:
        fb_answers_add(in, "q", v ? v : "");
        return;
    }
}

static void
same_answers(const struct fb_answers *a, const struct fb_answers *b)
{
    FUZZ_ASSERT(fb_answers_size(a) == fb_answers_size(b),
                "read back with other parts");
    for (size_t i = 0; i < fb_answers_size(a); i++) {
        const char *n1, *v1;
        fb_answers_at(a, i, &n1, &v1);
        const char *v2 = fb_answers_get(b, n1);
        FUZZ_ASSERT(v2 && strcmp(v1, v2) == 0,
                    "a stored answer reads back as something else");
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enum reader r = (enum reader)(data[0] % N_READERS);
    char *text = malloc(size);
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    struct fb_answers *again = fb_answers_new(), *out2 = fb_answers_new();
    if (!text || !in || !out || !again || !out2)
        goto done;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    fill(in, text, r == DATE         ? date_parts
                   : r == NAME_PARTS ? name_parts
                   : r == ADDRESS    ? address_parts
                                     : NULL);
    const char *const *stored = r == NAME_PARTS ? stored_name
                                : r == ADDRESS  ? stored_address
                                                : stored_one;
    for (size_t i = 0; stored[i]; i++)
        fb_answers_add(out, stored[i], STALE);

    enum fb_field_status st = read_one(r, in, out);
    if (fb_answers_failed(in) || fb_answers_failed(out))
        goto done; /* out of memory: not a finding */
    if (st != FB_FIELD_OK) {
        for (size_t i = 0; stored[i]; i++)
            FUZZ_ASSERT(!fb_answers_get(out, stored[i]),
                        "an answer was left behind by a failed read");
        goto done;
    }
    /* Not even under an optional part left empty. */
    for (size_t i = 0; i < fb_answers_size(out); i++) {
        const char *n, *v;
        fb_answers_at(out, i, &n, &v);
        FUZZ_ASSERT(strcmp(v, STALE) != 0,
                    "a stale answer survived a successful read");
        FUZZ_ASSERT(fb_utf8_valid(v, strlen(v)), "stored bad UTF-8");
    }
    retype(r, out, again);
    FUZZ_ASSERT(read_one(r, again, out2) == FB_FIELD_OK,
                "a stored answer, typed again, is refused");
    same_answers(out, out2);
done:
    fb_answers_free(in);
    fb_answers_free(out);
    fb_answers_free(again);
    fb_answers_free(out2);
    free(text);
    return 0;
}

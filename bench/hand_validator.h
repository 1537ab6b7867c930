/* SPDX-License-Identifier: MIT */
/*
 * The ceiling for validate-bench: the 15 questions of
 * bench/forms/bench-fifteen.yaml validated by C written by hand for that
 * page alone, reading the same posted set as fb_validate_page(). What the
 * table driver costs is measured against it (bench/README.md).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/form.h"

/* The page's normalised answers: slices of the posted values where the
 * validator did not change them, else text in this struct's buffers. */
struct hand_value {
    const char *s;
    size_t n;
    bool ascii;  /* every byte is, so n counts the characters */
};

enum hand_q {
    HQ_GROUP_NAME, HQ_GROUP_TYPE, HQ_CHARITY_NUMBER, HQ_ACTIVITIES, HQ_WARD,
    HQ_DESCRIPTION, HQ_MEMBERS, HQ_FOUNDED, HQ_CONTACT_NAME, HQ_EMAIL,
    HQ_CONFIRM_EMAIL, HQ_PHONE, HQ_LINE1, HQ_LINE2, HQ_TOWN, HQ_POSTCODE,
    HQ_MEETING_POSTCODE, HQ_BANK_ACCOUNT, HQ__COUNT
};

struct hand_out {
    struct hand_value v[HQ__COUNT];
    struct hand_value ticks[6];   /* the activities ticked */
    size_t n_ticks;
    char members[24], founded[11], phone[13];
    char postcode[9], meeting_postcode[9];
    /* The questions in error, in page order, as fb_error.question. */
    const char *errors[15];
    size_t n_errors;
};

/* Validates the page's answers in @p in as of @p today into @p out. */
void
hand_validate(const struct fb_answers *in, const struct fb_date *today,
              struct hand_out *out);

/* The stored answer of @p q in @p out, NUL-terminated in @p buf (for the
 * benchmark's check). */
const char *
hand_value_text(const struct hand_out *out, enum hand_q q, char *buf,
                size_t cap);

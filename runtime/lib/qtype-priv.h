/* SPDX-License-Identifier: MIT */
/*
 * The question-type table for libfbrt's own hot paths: fb_qtype() inline,
 * so the driver finds a question's row without a call. Private to
 * runtime/lib; everyone else calls fb_qtype() (formbuilder/qtype.h).
 */
#pragma once

#include "formbuilder/qtype.h"

/* The rows of qtype.c, FB_Q__COUNT of them (a row without a name is no
 * type). */
extern const struct fb_qtype_info *const fb_qtype_rows;

/* fb_qtype(), inline. */
static inline const struct fb_qtype_info *
fb_qtype_row(enum fb_qtype t)
{
    return (unsigned)t < FB_Q__COUNT && fb_qtype_rows[t].name
               ? &fb_qtype_rows[t]
               : NULL;
}

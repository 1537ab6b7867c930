/* SPDX-License-Identifier: MIT */
/*
 * The error list for the driver: fb_errors_add() for strings whose
 * lengths the caller knows (the descriptor's ids and part names), so the
 * one error a failing question records is copied without measuring it.
 * Private to runtime/lib; everyone else uses formbuilder/errors.h.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/errors.h"

/* fb_errors_add() of @p err, whose question is @p question_len bytes and
 * whose anchor (not NULL) is @p anchor_len. */
int
fb_errors_addn(struct fb_errors *e, const struct fb_error *err,
               size_t question_len, size_t anchor_len);

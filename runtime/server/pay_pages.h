/* SPDX-License-Identifier: MIT */
/*
 * The resident's payment pages of a form with `payment:` (pay.h):
 *
 *   /SLUG/payment          GET: where the payment stands (you will now
 *                          pay; failed; cancelled; not paid yet; given
 *                          up); POST: on to the provider's page
 *   /SLUG/payment/return   GET ?token=T: back from the provider; the
 *                          state is read from the provider, recorded,
 *                          and the resident sent to the confirmation or
 *                          back to /SLUG/payment
 */
#pragma once

#include "journey.h"

/* Handles /SLUG/payment (@p rest "") and /SLUG/payment/return. */
void
fb_pay_pages(struct fb_request *req, const struct fb_journey *j,
             const struct fb_form_desc *f, const char *rest);

/* Where the submit of @p f goes after check your answers: "payment" when
 * the submission waits for a payment, else "confirmation". */
const char *
fb_pay_after_submit(const struct fb_form_desc *f, long long amount);

/**
 * For the confirmation page of @p f: @returns true (after redirecting to
 * /SLUG/payment) when submission @p reference is not paid yet.
 */
bool
fb_pay_gate_confirmation(struct fb_request *req, const struct fb_journey *j,
                         const struct fb_form_desc *f,
                         const char *reference, bool *failed);

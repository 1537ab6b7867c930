/* SPDX-License-Identifier: MIT */
/*
 * The payment provider's API, in GOV.UK Pay's shape: create a payment
 * (POST /v1/payments), read its state (GET /v1/payments/{id}) and refund
 * it (POST /v1/payments/{id}/refunds), each with the API key as a bearer
 * token and a bounded timeout, so a provider that hangs holds a request
 * for pay_timeout seconds at most. Pure transport: what the states mean
 * is pay.c's.
 */
#pragma once

#include <stdbool.h>

#include "outbox.h"
#include "store.h"

enum fb_pay_verdict {
    FB_PAY_ANSWERED,      /* a 2xx with the fields expected */
    FB_PAY_UNAVAILABLE,   /* no answer in time, 5xx or 429, or a reply
                           * that is not the documented JSON: try again */
    FB_PAY_REFUSED        /* another 4xx: the call itself is wrong */
};

/* What the provider said; strings are "" when it did not say. */
struct fb_pay_reply {
    int http_status;                   /* 0: no response */
    char payment_id[FB_PAY_ID_MAX];
    char status[FB_PAY_WORD_MAX];      /* state.status (or a refund's) */
    char code[FB_PAY_WORD_MAX];        /* state.code, P0030 ... */
    char next_url[FB_PAY_URL_MAX];     /* _links.next_url.href */
    long long amount;
    long long refund_available;        /* refund_summary.amount_available */
    char refund_id[FB_PAY_ID_MAX];
    char refund_summary[FB_PAY_WORD_MAX]; /* refund_summary.status */
    char error[256];                   /* why, for the log */
};

/** The variable holding the API key. */
#define FB_PAY_KEY_ENV "FORMBUILDER_PAY_KEY"

/** @returns whether the provider is configured: pay_url set and the key
 *  in the environment. */
bool
fb_pay_configured(const struct fb_outbox_config *cfg);

/**
 * Creates a payment of @p amount pence. @p idempotency_key makes a
 * repeat of the same call (a retry after a timeout) return the payment
 * already made rather than a second one.
 */
enum fb_pay_verdict
fb_pay_create(const struct fb_outbox_config *cfg, long long amount,
              const char *reference, const char *description,
              const char *return_url, const char *language,
              const char *idempotency_key, struct fb_pay_reply *out);

/** Reads payment @p payment_id's state (and its refund summary). */
enum fb_pay_verdict
fb_pay_get(const struct fb_outbox_config *cfg, const char *payment_id,
           struct fb_pay_reply *out);

/** Refunds @p amount pence of @p payment_id, which the caller last saw
 *  with @p available pence refundable (the provider refuses a refund
 *  made on a stale view). */
enum fb_pay_verdict
fb_pay_refund(const struct fb_outbox_config *cfg, const char *payment_id,
              long long amount, long long available,
              const char *idempotency_key, struct fb_pay_reply *out);

/* SPDX-License-Identifier: MIT */
/*
 * Payments (docs/integrations.md, "Payments"): the rules of a
 * submission's payment, written once above the store's ops and the
 * provider's API (pay_client.h).
 *
 * A form with `payment:` is stored when the resident sends it (with its
 * booking confirmed, so the place stays theirs while they pay), with a
 * payment row in status "new" and no deliveries. The resident pays on
 * the provider's page; on their return the server reads the payment's
 * state from the provider and records it. Only a "success" queues the
 * submission's deliveries and confirmation email (in the same
 * transaction) and shows the confirmation. The payment worker
 * (pay_worker.c) re-checks payments the resident never came back from,
 * so a crash between the provider's success and our commit is recovered;
 * gives up on ones left unpaid for pay_abandon (cancelling
 * their booking); and makes the refunds of cancelled bookings.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/answers.h"
#include "formbuilder/form.h"
#include "outbox.h"
#include "pay_client.h"
#include "store.h"
#include "writer.h"


/* What a payment's status means to the resident. */
enum fb_pay_stage {
    FB_PAY_STAGE_NEW,        /* not sent to the provider yet */
    FB_PAY_STAGE_PAYING,     /* created, started, submitted, capturable */
    FB_PAY_STAGE_PAID,       /* success */
    FB_PAY_STAGE_FAILED,     /* failed, error: may try again */
    FB_PAY_STAGE_CANCELLED,  /* the resident cancelled: may try again */
    FB_PAY_STAGE_ABANDONED   /* given up: the submission is void */
};

enum fb_pay_stage
fb_pay_stage_of(const char *status);

/**
 * The amount @p f charges for @p answers (the walk's), in pence: the
 * fixed amount, the money answer, or the price of the option chosen.
 * @returns 0 when nothing is owed (the question did not apply).
 */
long long
fb_pay_amount(const struct fb_payment_desc *p, const struct fb_answers *a);

/* The payment row to write with a new submission (a writer step). */
struct fb_pay_write {
    const struct fb_form_desc *form;
    long long amount;
    const char *language;
    long long now;
    /* The booking step the job also runs (first), or NULL. */
    int (*inner)(struct fb_store *s, struct fb_write_job *job);
    void *inner_cls;
};

/** Writer step: runs w->inner, then stores the payment of the job's new
 *  submission (job->step_cls is a struct fb_pay_write). */
int
fb_pay_submit_step(struct fb_store *s, struct fb_write_job *job);

/* A change of a payment row (a writer step), applied to the row as it
 * is inside the transaction, so two requests (two tabs) at once record a
 * success, and queue its deliveries, once. */
struct fb_pay_update {
    const struct fb_form_desc *form;
    char reference[FB_REFERENCE_MAX];
    long long now;
    /* A new attempt at the provider (attempt > 0): its number, payment
     * and page. */
    int attempt;
    char provider_id[FB_PAY_ID_MAX];
    char next_url[FB_PAY_URL_MAX];
    /* The provider's state (has_reply), from fb_pay_get. */
    bool has_reply;
    struct fb_pay_reply reply;
    struct fb_payment p;  /* out: the row as written */
    bool became_paid;     /* out */
};

int
fb_pay_update_step(struct fb_store *s, struct fb_write_job *job);

/**
 * Records @p r (a reply to fb_pay_get) in @p p. @returns whether the
 * payment is newly paid (its deliveries must be queued).
 */
bool
fb_pay_apply(struct fb_payment *p, const struct fb_pay_reply *r,
             long long now);

/** In the open transaction: writes @p p and, when @p became_paid, queues
 *  the deliveries of @p form's submission @p p->reference. */
int
fb_pay_store(struct fb_store *s, const struct fb_form_desc *form,
             const struct fb_payment *p, bool became_paid);

/** In the open transaction: marks the payment of submission @p reference
 *  (if it was paid) for a full refund, which the worker makes. */
int
fb_pay_refund_due(struct fb_store *s, const char *reference,
                  long long now);

/* How long before now a refund marked due counts as updated, so the
 * worker's next round takes it whatever its pay_recheck. */
#define FB_PAY_DUE_AT_ONCE (31LL * 86400)

/**
 * Checks that the provider is configured when any of @p forms takes a
 * payment. @returns 0, or -1 with a sentence in @p err naming the form
 * and what to set.
 */
int
fb_pay_check_env(const struct fb_form_desc *const *forms, size_t n,
                 const struct fb_outbox_config *cfg, char *err,
                 size_t errlen);

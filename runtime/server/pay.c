/* SPDX-License-Identifier: MIT */
/*
 * The rules of payments (pay.h): what a provider status means, the
 * amount a form charges, and the writes that record a payment, in the
 * writer's or the worker's transaction.
 */
#include "pay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "token.h"

enum fb_pay_stage
fb_pay_stage_of(const char *status)
{
    static const char *const paying[] = {"created", "started", "submitted",
                                         "capturable"};
    for (size_t i = 0; i < sizeof paying / sizeof paying[0]; i++)
        if (strcmp(status, paying[i]) == 0)
            return FB_PAY_STAGE_PAYING;
    if (strcmp(status, "success") == 0)
        return FB_PAY_STAGE_PAID;
    /* GOV.UK Pay: the resident's own cancel is status failed, code
     * P0030; the service's is status cancelled. pay.c stores the first
     * as "cancelled" (fb_pay_apply), so both read the same here. */
    if (strcmp(status, "cancelled") == 0)
        return FB_PAY_STAGE_CANCELLED;
    if (strcmp(status, "abandoned") == 0)
        return FB_PAY_STAGE_ABANDONED;
    if (strcmp(status, "new") == 0)
        return FB_PAY_STAGE_NEW;
    return FB_PAY_STAGE_FAILED;   /* failed, error and anything unknown */
}

long long
fb_pay_amount(const struct fb_payment_desc *p, const struct fb_answers *a)
{
    if (!p->from)
        return p->amount;
    const char *v = fb_answers_get(a, p->from);
    if (!v || !*v)
        return 0;
    if (p->n_table) {
        for (size_t i = 0; i < p->n_table; i++)
            if (strcmp(p->table[i].value, v) == 0)
                return p->table[i].pence;
        return 0;
    }
    /* A money answer is stored as whole pence (qtype.h). */
    char *end;
    long long pence = strtoll(v, &end, 10);
    return *end || pence < 0 ? 0 : pence;
}

int
fb_pay_submit_step(struct fb_store *s, struct fb_write_job *job)
{
    struct fb_pay_write *w = job->step_cls;
    if (w->inner) {
        job->step_cls = w->inner_cls;
        int rc = w->inner(s, job);
        job->step_cls = w;
        if (rc != FB_STORE_OK)
            return rc;
    }
    if (!job->submission || job->submission->existed)
        return FB_STORE_OK;
    struct fb_payment p = {
        .amount = w->amount,
        .created_at = w->now,
        .updated_at = w->now,
    };
    snprintf(p.reference, sizeof p.reference, "%s",
             job->submission->reference);
    snprintf(p.form, sizeof p.form, "%s", w->form->slug);
    snprintf(p.language, sizeof p.language, "%s",
             w->language ? w->language : "en");
    snprintf(p.status, sizeof p.status, "new");
    /* Unguessable, and the same for every attempt at the provider, so a
     * repeat of a create call (its Idempotency-Key) and the payment it
     * returns carry the same return_url. */
    if (fb_manage_token_new(p.return_token) != 0)
        return FB_STORE_ERROR;
    return s->ops->payment_add(s, &p);
}

bool
fb_pay_apply(struct fb_payment *p, const struct fb_pay_reply *r,
             long long now)
{
    bool was_paid = fb_pay_stage_of(p->status) == FB_PAY_STAGE_PAID;
    /* A payment once paid stays paid: a late or confused reply cannot
     * take back a submission already sent. */
    if (!was_paid) {
        bool user_cancel = strcmp(r->status, "failed") == 0
                           && strcmp(r->code, "P0030") == 0;
        snprintf(p->status, sizeof p->status, "%s",
                 user_cancel ? "cancelled" : r->status);
        snprintf(p->code, sizeof p->code, "%s", r->code);
    }
    p->updated_at = now;
    return !was_paid && fb_pay_stage_of(p->status) == FB_PAY_STAGE_PAID;
}

int
fb_pay_store(struct fb_store *s, const struct fb_form_desc *form,
             const struct fb_payment *p, bool became_paid)
{
    int rc = s->ops->payment_update(s, p);
    if (rc == FB_STORE_OK && became_paid && form)
        rc = fb_outbox_add(s, form, p->reference, "submitted",
                           p->language[0] ? p->language : "en",
                           p->updated_at);
    return rc;
}

int
fb_pay_update_step(struct fb_store *s, struct fb_write_job *job)
{
    struct fb_pay_update *u = job->step_cls;
    int rc = s->ops->payment_get(s, u->reference, &u->p);
    if (rc != FB_STORE_OK)
        return rc == FB_STORE_NOT_FOUND ? FB_STORE_REFUSED : rc;
    u->became_paid = false;
    bool paid = fb_pay_stage_of(u->p.status) == FB_PAY_STAGE_PAID;
    if (u->attempt > u->p.attempt && !paid) {
        u->p.attempt = u->attempt;
        snprintf(u->p.provider_id, sizeof u->p.provider_id, "%s",
                 u->provider_id);
        snprintf(u->p.next_url, sizeof u->p.next_url, "%s", u->next_url);
        snprintf(u->p.status, sizeof u->p.status, "created");
        u->p.code[0] = '\0';
        u->p.updated_at = u->now;
    }
    if (u->has_reply
        && strcmp(u->reply.payment_id, u->p.provider_id) == 0)
        u->became_paid = fb_pay_apply(&u->p, &u->reply, u->now);
    return fb_pay_store(s, u->form, &u->p, u->became_paid);
}

int
fb_pay_refund_due(struct fb_store *s, const char *reference, long long now)
{
    struct fb_payment p;
    int rc = s->ops->payment_get(s, reference, &p);
    if (rc == FB_STORE_NOT_FOUND)
        return FB_STORE_OK;    /* a free booking */
    if (rc != FB_STORE_OK)
        return rc;
    if (fb_pay_stage_of(p.status) != FB_PAY_STAGE_PAID || p.refund_status[0])
        return FB_STORE_OK;
    snprintf(p.refund_status, sizeof p.refund_status, "pending");
    /* Due at once: the worker takes payments updated before now. */
    p.updated_at = now - FB_PAY_DUE_AT_ONCE;
    return s->ops->payment_update(s, &p);
}

int
fb_pay_check_env(const struct fb_form_desc *const *forms, size_t n,
                 const struct fb_outbox_config *cfg, char *err,
                 size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        if (!forms[i]->payment || fb_pay_configured(cfg))
            continue;
        snprintf(err, errlen, "form %s takes payments, and the payment "
                 "provider is not configured: set pay_url (or "
                 "FORMBUILDER_PAY_URL) to the provider's API, such as "
                 "https://publicapi.payments.service.gov.uk, and "
                 FB_PAY_KEY_ENV " to its API key (docs/integrations.md)",
                 forms[i]->slug);
        return -1;
    }
    return 0;
}

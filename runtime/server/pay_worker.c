/* SPDX-License-Identifier: MIT */
/*
 * The payment worker (pay_worker.h). Each round reads the payments that
 * need it, then deals with each in a transaction of its own: a failure
 * with one (the provider down, a write failing) leaves it for the next
 * round, untouched.
 */
#include "pay_worker.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking_store.h"
#include "clock.h"
#include "log.h"
#include "pay.h"

#define ROUND_MAX 32

struct fb_pay_worker {
    const struct fb_outbox_config *cfg;
    const struct fb_registry *forms;
    struct fb_store *store;
    unsigned interval;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool stopping;
};

struct batch {
    struct fb_payment p[ROUND_MAX];
    size_t n;
};

static int
collect(const struct fb_payment *p, void *cls)
{
    struct batch *b = cls;
    b->p[b->n++] = *p;
    return 0;
}

/* Writes @p p (queuing its deliveries when @p paid) in a transaction. */
static int
commit(struct fb_store *s, const struct fb_form_desc *f,
       const struct fb_payment *p, bool paid)
{
    if (s->ops->begin(s) != FB_STORE_OK)
        return -1;
    if (fb_pay_store(s, f, p, paid) != FB_STORE_OK) {
        s->ops->rollback(s);
        return -1;
    }
    return s->ops->commit(s) == FB_STORE_OK ? 1 : -1;
}

/* Not paid for a day: the submission is void and its place freed. */
static int
abandon(struct fb_store *s, const struct fb_form_desc *f,
        struct fb_payment *p, long long now)
{
    if (s->ops->begin(s) != FB_STORE_OK)
        return -1;
    snprintf(p->status, sizeof p->status, "abandoned");
    p->updated_at = now;
    int rc = s->ops->payment_update(s, p);
    struct fb_booking_write w = {
        .cal = f ? f->booking : NULL, .form = p->form, .now = now,
        .today = fb_clock_today(),
    };
    if (rc == FB_STORE_OK && w.cal) {
        int found = s->ops->place_by_reference(s, p->reference, &w.place);
        if (found == FB_STORE_OK && w.place.state == FB_PLACE_BOOKED) {
            memcpy(w.token_hash, w.place.token_hash, sizeof w.token_hash);
            rc = fb_booking_cancel(s, &w);
        } else if (found != FB_STORE_NOT_FOUND) {
            rc = found;
        }
    }
    if (rc != FB_STORE_OK) {
        s->ops->rollback(s);
        return -1;
    }
    if (s->ops->commit(s) != FB_STORE_OK)
        return -1;
    fb_log(FB_LOG_INFO, "payment %s: not paid in time; the submission is "
           "void", p->reference);
    return 1;
}

/* A cancelled booking's refund: asked for once (Idempotency-Key of the
 * submission), then followed until the provider says it is made. */
static int
refund(struct fb_store *s, const struct fb_outbox_config *cfg,
       struct fb_payment *p, long long now)
{
    struct fb_pay_reply r;
    if (fb_pay_get(cfg, p->provider_id, &r) != FB_PAY_ANSWERED) {
        fb_log(FB_LOG_WARN, "payment %s: refund: checking the payment: %s",
               p->reference, r.error);
        p->updated_at = now;
        return commit(s, NULL, p, false) < 0 ? -1 : 0;
    }
    bool done = strcmp(r.refund_summary, "full") == 0
                || r.refund_available == 0;
    if (strcmp(p->refund_status, "submitted") == 0 || done) {
        if (done)
            snprintf(p->refund_status, sizeof p->refund_status, "success");
        p->updated_at = now;
        if (done)
            fb_log(FB_LOG_INFO, "payment %s: refunded %lld pence",
                   p->reference, p->refunded);
        return commit(s, NULL, p, false);
    }
    long long amount = r.refund_available > 0 && r.refund_available < p->amount
                           ? r.refund_available : p->amount;
    char key[FB_REFERENCE_MAX + 40];
    snprintf(key, sizeof key, "formbuilder-%s-refund", p->reference);
    struct fb_pay_reply rr;
    enum fb_pay_verdict v = fb_pay_refund(cfg, p->provider_id, amount,
                                          r.refund_available, key, &rr);
    p->updated_at = now;
    if (v == FB_PAY_UNAVAILABLE) {
        fb_log(FB_LOG_WARN, "payment %s: refund: %s (tried again)",
               p->reference, rr.error);
    } else if (v == FB_PAY_REFUSED) {
        fb_log(FB_LOG_ERROR, "payment %s: the provider refused the refund: "
               "%s; refund it by hand", p->reference, rr.error);
        snprintf(p->refund_status, sizeof p->refund_status, "refused");
    } else {
        snprintf(p->refund_id, sizeof p->refund_id, "%s", rr.refund_id);
        snprintf(p->refund_status, sizeof p->refund_status, "%s",
                 strcmp(rr.status, "success") == 0 ? "success" : "submitted");
        p->refunded = amount;
    }
    return commit(s, NULL, p, false);
}

static int
one(struct fb_store *s, const struct fb_outbox_config *cfg,
    const struct fb_forms *forms, struct fb_payment *p, long long now)
{
    const struct fb_form_desc *f =
        fb_forms_find(forms, p->form, strlen(p->form));
    enum fb_pay_stage stage = fb_pay_stage_of(p->status);
    if (stage == FB_PAY_STAGE_PAID)
        return refund(s, cfg, p, now);
    if (stage != FB_PAY_STAGE_PAYING || !p->provider_id[0])
        return abandon(s, f, p, now);
    struct fb_pay_reply r;
    if (fb_pay_get(cfg, p->provider_id, &r) != FB_PAY_ANSWERED) {
        fb_log(FB_LOG_WARN, "payment %s: checking with the provider: %s",
               p->reference, r.error);
        return 0;
    }
    bool paid = fb_pay_apply(p, &r, now);
    if (paid && !f) {
        fb_log(FB_LOG_ERROR, "payment %s: paid, but form %s is not served: "
               "its deliveries wait until it is", p->reference, p->form);
        return 0;
    }
    if (paid)
        fb_log(FB_LOG_INFO, "payment %s: paid (found by the worker)",
               p->reference);
    return commit(s, f, p, paid);
}

int
fb_pay_worker_round(struct fb_store *s, const struct fb_outbox_config *cfg,
                    const struct fb_forms *forms, long long now)
{
    struct batch *b = calloc(1, sizeof *b);
    if (!b)
        return -1;
    int rc = s->ops->payment_open(s, now - cfg->pay_recheck,
                                  now - cfg->pay_abandon, ROUND_MAX,
                                  collect, b);
    int changed = 0;
    for (size_t i = 0; rc == FB_STORE_OK && i < b->n; i++) {
        int r = one(s, cfg, forms, &b->p[i], now);
        if (r > 0)
            changed++;
    }
    free(b);
    return rc == FB_STORE_OK ? changed : -1;
}

static void *
run(void *cls)
{
    struct fb_pay_worker *w = cls;
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        pthread_mutex_unlock(&w->lock);
        unsigned forms_ticket = fb_forms_read_begin();
        if (fb_pay_worker_round(w->store, w->cfg,
                                fb_registry_forms(w->forms),
                                fb_clock_now()) < 0)
            fb_log(FB_LOG_WARN, "payments: the store: %s",
                   w->store->ops->errmsg(w->store));
        fb_forms_read_end(forms_ticket);
        pthread_mutex_lock(&w->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += w->interval;
        while (!w->stopping
               && pthread_cond_timedwait(&w->cond, &w->lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct fb_pay_worker *
fb_pay_worker_start(const struct fb_outbox_config *cfg, const char *db,
                    const struct fb_registry *forms, unsigned interval,
                    char *err, size_t errlen)
{
    struct fb_pay_worker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "payments: out of memory");
        return NULL;
    }
    w->cfg = cfg;
    w->forms = forms;
    w->interval = interval ? interval : 1;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->cond, NULL);
    w->store = fb_store_open(db, err, errlen);
    if (!w->store || pthread_create(&w->thread, NULL, run, w) != 0) {
        if (w->store) {
            snprintf(err, errlen, "payments: cannot start the worker");
            w->store->ops->close(w->store);
        }
        pthread_cond_destroy(&w->cond);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    return w;
}

void
fb_pay_worker_stop(struct fb_pay_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    w->store->ops->close(w->store);
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

/* SPDX-License-Identifier: MIT */
/*
 * `save_and_return: {expires: 28d, email: {via: smtp}}`: the form offers
 * "Save and come back later" on its question pages and emails the
 * resident a link. A form with no way to send email is refused here,
 * never served with a button that cannot work.
 */
#include "model_priv.h"

#include <stdlib.h>

/* A saved journey is kept at most a year: longer than any form should
 * hold a resident's unfinished answers. */
#define MAX_SAVE_DAYS 365

enum { SR_EXPIRES, SR_EMAIL, SR__COUNT };
static const char *const save_keys[SR__COUNT] = {"expires", "email"};
enum { SE_VIA, SE_TEMPLATE, SE__COUNT };
static const char *const email_keys[SE__COUNT] = {"via", "template"};

/* "28d" or "4w" into *out days. @returns false after reporting. */
static bool
read_expires(struct fb_compiler *c, const struct fb_node *n, long *out)
{
    const char *s = fb_model_string(c, n, "expires");
    if (!s)
        return false;
    char *end;
    long v = strtol(s, &end, 10);
    long days = end[0] == 'd' ? v : end[0] == 'w' ? v * 7 : -1;
    if (end == s || s[0] < '0' || s[0] > '9' || end[0] == '\0'
        || end[1] != '\0' || v > MAX_SAVE_DAYS || days < 1
        || days > MAX_SAVE_DAYS) {
        fb_diag(c, FB_ERROR, &n->loc, "save-bad-expires",
                "'expires' is how long a saved form is kept: a whole number "
                "of days or weeks from 1d to %dd, such as 28d or 4w; not "
                "'%.40s'", MAX_SAVE_DAYS, s);
        return false;
    }
    *out = days;
    return true;
}

void
fb_model_save_return(struct fb_compiler *c, struct fb_form *form,
                     const struct fb_node *key, const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'save_and_return'"))
        return;
    const struct fb_keyset ks = {"'save_and_return'", save_keys, SR__COUNT};
    const struct fb_node *k[SR__COUNT], *v[SR__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    struct fb_save_return sr = {.loc = n->loc, .key_loc = key->loc};
    if (!fb_model_need(c, n, v[SR_EXPIRES], "'save_and_return'", "expires",
                       sugg, SR_EXPIRES)
        || !read_expires(c, v[SR_EXPIRES], &sr.expires_days))
        return;
    const struct fb_node *email = v[SR_EMAIL];
    if (email) {
        if (!fb_model_mapping(c, email, "'email'"))
            return;
        const struct fb_keyset eks = {"'save_and_return.email'", email_keys,
                                      SE__COUNT};
        const struct fb_node *ek[SE__COUNT], *ev[SE__COUNT];
        fb_model_keys(c, email, &eks, ek, ev, NULL);
        if (!fb_model_email_via(c, email, ev[SE_VIA], ev[SE_TEMPLATE],
                                "the save and return email", &sr.via,
                                &sr.template_id))
            return;
    } else if (form->confirmation_email) {
        /* Sent the way the form already sends the resident email. */
        sr.via = form->confirmation_email->via;
        sr.template_id = form->confirmation_email->template_id;
    } else {
        fb_diag(c, FB_ERROR, &key->loc, "save-without-email",
                "'save_and_return' emails the resident a link to come back "
                "with, but this form sends no email; add 'email: {via: "
                "smtp}' (or via: notify with a template) under "
                "save_and_return, or a submit.confirmation_email");
        return;
    }
    form->save_return = fb_arena_alloc(&c->arena, sizeof sr);
    *form->save_return = sr;
}

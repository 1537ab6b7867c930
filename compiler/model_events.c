/* SPDX-License-Identifier: MIT */
/*
 * Progress updates in a form (issue 18): `submit.events_secret_env`, the
 * environment variable holding the secret back offices sign events with,
 * and `submit.event_statuses`, the statuses the form adds to the built-in
 * ones (formbuilder/events.h), each with a label in the form's languages
 * (check_lang.c checks the Welsh through texts.c).
 */
#include "model_priv.h"

#include <string.h>

#include "formbuilder/events.h"

enum { E_ID, E_LABEL, E__COUNT };
static const char *const status_keys[E__COUNT] = {"id", "label"};

/* @returns the index of an earlier status of @p form with id @p id, or
 * -1. */
static int
earlier_status(const struct fb_form *form, const char *id)
{
    for (size_t i = 0; i < form->n_event_statuses; i++)
        if (strcmp(form->event_statuses[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Reads one `{id: ..., label: ...}` into the next slot of
 * form->event_statuses. */
static void
read_status(struct fb_compiler *c, struct fb_form *form,
            const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "each entry of 'event_statuses'"))
        return;
    const struct fb_keyset ks = {"an event status", status_keys, E__COUNT};
    const struct fb_node *keys[E__COUNT], *vals[E__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, keys, vals, NULL);
    if (!fb_model_need(c, n, vals[E_ID], "an event status", "id", sugg,
                       E_ID) ||
        !fb_model_need(c, n, vals[E_LABEL], "an event status", "label", sugg,
                       E_LABEL))
        return;
    struct fb_event_status st = {.loc = n->loc, .id_loc = vals[E_ID]->loc};
    if (!(st.id = fb_model_id(c, vals[E_ID], "an event status's")) ||
        !fb_model_is_snake(st.id) ||
        !fb_model_text(c, vals[E_LABEL], "label", &st.label))
        return;
    if (fb_event_builtin_index(st.id) >= 0) {
        fb_diag(c, FB_ERROR, &st.id_loc, "duplicate-id",
                "'%s' is a status every form has already, worded by the "
                "server in English and Welsh; remove it, or give yours "
                "another id", st.id);
        return;
    }
    if (earlier_status(form, st.id) >= 0) {
        fb_diag(c, FB_ERROR, &st.id_loc, "duplicate-id",
                "event status '%s' is listed twice; remove one", st.id);
        return;
    }
    form->event_statuses[form->n_event_statuses++] = st;
}

void
fb_model_events(struct fb_compiler *c, struct fb_form *form,
                const struct fb_node *secret, const struct fb_node *statuses)
{
    if (secret) {
        form->events_secret_env_loc = secret->loc;
        form->events_secret_env =
            fb_model_env_name(c, secret, "events_secret_env");
    }
    if (!statuses || fb_model_is_null(statuses))
        return;
    if (!secret) {
        /* Statuses nobody can post are a mistake, not a default. */
        fb_diag(c, FB_ERROR, &statuses->loc, "missing-key",
                "'event_statuses' needs 'events_secret_env' in 'submit', "
                "the environment variable holding the secret back offices "
                "sign progress updates with");
        return;
    }
    if (!fb_model_list(c, statuses, "'event_statuses'"))
        return;
    form->event_statuses = fb_arena_alloc(
        &c->arena, (statuses->n_items + 1) * sizeof *form->event_statuses);
    for (size_t i = 0; i < statuses->n_items; i++)
        read_status(c, form, statuses->items[i]);
}

/* SPDX-License-Identifier: MIT */
/*
 * Every translatable text of a form, in form order, each with the stable
 * id translators and sidecars name it by (`page.ID.title`,
 * `question.ID.option.VALUE.label`, `question.ID.rule.RULE.message`; the
 * list is in docs/welsh.md). The language check (check_lang.c), the
 * translations command (cmd_translations.c) and the sidecar merge
 * (sidecar.c) all walk texts with this, so they agree on what a text is
 * and what it is called.
 */
#pragma once

#include <stdbool.h>

#include "compiler.h"
#include "model.h"

struct fb_text_ref {
    const char *id;            /* the stable id, in the arena */
    struct fb_text *text;      /* in the model: the walk may fill it */
    struct fb_loc loc;         /* the text, or its owner when not written
                                  (an option's label defaults to its value) */
    const struct fb_question *question; /* the question it is part of */
    bool option_label;         /* an option's label, which an autocomplete
                                  question also matches typed answers to */
};

typedef void (*fb_text_visit)(void *ctx, const struct fb_text_ref *ref);

/** Calls @p visit for each text of @p form that has English, in form
 *  order: the form's title and start, each page (title, content, each
 *  question's label, hint, summary label, options and rule messages), the
 *  booking's session labels, the confirmation. Ids are made in c's arena. */
void
fb_texts_walk(struct fb_compiler *c, struct fb_form *form,
              fb_text_visit visit, void *ctx);

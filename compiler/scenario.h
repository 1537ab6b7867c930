/* SPDX-License-Identifier: MIT */
/*
 * Author test scenarios (`formc test`): NAME.test.yaml beside a form (or
 * in scenarios/ beside it) lists scenarios, each a day, the answers a
 * resident gives and what should happen. This reads the file into
 * scenarios that keep the nodes they came from, so a failure is reported
 * where the author wrote the expectation. docs/authoring.md.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"
#include "formbuilder/form.h"
#include "load.h"

struct fb_scenario {
    const char *name;
    struct fb_loc loc;         /* the scenario's mapping */
    bool has_today;
    struct fb_date today;
    const struct fb_node *answers;  /* mapping of question id -> answer */
    /* expect: each NULL when not written; at least one is set */
    const struct fb_node *exit;     /* scalar: the exit page's id */
    const struct fb_node *pages;    /* sequence of page ids */
    const struct fb_node *confirmation_contains; /* sequence of text */
    const struct fb_node *payload;  /* mapping, compared by value */
    const struct fb_node *errors;   /* mapping of question id -> message */
};

/**
 * Finds the scenario file of the form at @p form_path: NAME.test.yaml
 * beside it, else scenarios/NAME.test.yaml beside it. @returns the path
 * (in @p c's arena), or NULL when neither exists.
 */
const char *
fb_scenario_file(struct fb_compiler *c, const char *form_path);

/**
 * Reads the scenarios of @p path, checking their shape and that every
 * question and page they name is in @p f (errors "scenario-invalid").
 * @returns how many were read into *@p out (arena), or 0 with errors.
 */
size_t
fb_scenarios_read(struct fb_compiler *c, const char *path,
                  const struct fb_form_desc *f, struct fb_scenario **out);

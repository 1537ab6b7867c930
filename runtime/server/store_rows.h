/* SPDX-License-Identifier: MIT */
/*
 * The words every backend stores for the states and kinds of its rows
 * (store_schema.h's CHECK constraints list the same), with their
 * readings back. Private to the backends (store_sqlite*.c, store_pg*.c).
 */
#pragma once

#include "store.h"

const char *fb_place_state_name(enum fb_place_state state);
/* @returns the state named @p name; FB_PLACE_HELD for NULL or unknown. */
enum fb_place_state fb_place_state_of(const char *name);
const char *fb_place_event_name(enum fb_place_event kind);
const char *fb_delivery_state_name(enum fb_delivery_state state);
/* @returns the state named @p name; FB_DELIVERY_PENDING for NULL or
 * unknown. */
enum fb_delivery_state fb_delivery_state_of(const char *name);

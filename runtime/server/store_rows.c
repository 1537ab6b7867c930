/* SPDX-License-Identifier: MIT */
/*
 * The stored words of row states and kinds; see store_rows.h.
 */
#include "store_rows.h"

#include <string.h>

static const char *const place_states[] = {
    [FB_PLACE_HELD] = "held",
    [FB_PLACE_BOOKED] = "booked",
    [FB_PLACE_CANCELLED] = "cancelled",
};

static const char *const place_events[] = {
    [FB_EVENT_BOOKED] = "booked",
    [FB_EVENT_CANCELLED] = "cancelled",
    [FB_EVENT_CHANGED] = "changed",
};

static const char *const delivery_states[FB_DELIVERY__COUNT] = {
    [FB_DELIVERY_PENDING] = "pending",
    [FB_DELIVERY_DELIVERED] = "delivered",
    [FB_DELIVERY_FAILED] = "failed",
    [FB_DELIVERY_DEAD] = "dead",
};

const char *
fb_place_state_name(enum fb_place_state state)
{
    return place_states[state];
}

enum fb_place_state
fb_place_state_of(const char *name)
{
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, place_states[i]) == 0)
            return (enum fb_place_state)i;
    return FB_PLACE_HELD;
}

const char *
fb_place_event_name(enum fb_place_event kind)
{
    return place_events[kind];
}

const char *
fb_delivery_state_name(enum fb_delivery_state state)
{
    return delivery_states[state];
}

enum fb_delivery_state
fb_delivery_state_of(const char *name)
{
    for (int i = 0; i < FB_DELIVERY__COUNT; i++)
        if (name && strcmp(name, delivery_states[i]) == 0)
            return (enum fb_delivery_state)i;
    return FB_DELIVERY_PENDING;
}

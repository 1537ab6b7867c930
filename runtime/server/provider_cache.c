/* SPDX-License-Identifier: MIT */
/* What providers answered, for a while: see provider_cache.h. */
#include "provider_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fb_provider_slot {
    char key[FB_PROVIDER_KEY_MAX];
    time_t at;
    void *answer;              /* NULL: a free slot */
};

void
fb_provider_cache_init(struct fb_provider_cache *c, unsigned n_slots,
                       unsigned seconds, size_t size)
{
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    c->size = size;
    c->seconds = seconds;
    c->slots = seconds ? calloc(n_slots, sizeof *c->slots) : NULL;
    c->n_slots = c->slots ? n_slots : 0;
}

void
fb_provider_cache_free(struct fb_provider_cache *c)
{
    if (!c->size)
        return;   /* never set up */
    for (unsigned i = 0; i < c->n_slots; i++)
        free(c->slots[i].answer);
    free(c->slots);
    pthread_mutex_destroy(&c->lock);
    memset(c, 0, sizeof *c);
}

bool
fb_provider_cache_get(struct fb_provider_cache *c, const char *key,
                      time_t now, void *out)
{
    bool hit = false;
    if (!c->n_slots)
        return false;
    pthread_mutex_lock(&c->lock);
    for (unsigned i = 0; i < c->n_slots && !hit; i++) {
        struct fb_provider_slot *s = &c->slots[i];
        if (s->answer && strcmp(s->key, key) == 0
            && now - s->at < (time_t)c->seconds) {
            memcpy(out, s->answer, c->size);
            hit = true;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

void
fb_provider_cache_put(struct fb_provider_cache *c, const char *key,
                      time_t now, const void *answer)
{
    if (!c->n_slots || strlen(key) >= FB_PROVIDER_KEY_MAX)
        return;
    void *copy = malloc(c->size);
    if (!copy)
        return;
    memcpy(copy, answer, c->size);
    pthread_mutex_lock(&c->lock);
    /* Its old slot, else a free one, else the oldest. */
    struct fb_provider_slot *slot = NULL;
    for (unsigned i = 0; i < c->n_slots; i++) {
        struct fb_provider_slot *s = &c->slots[i];
        if (s->answer && strcmp(s->key, key) == 0) {
            slot = s;
            break;
        }
        if (!slot || (slot->answer && (!s->answer || s->at < slot->at)))
            slot = s;
    }
    /* n_slots > 0: the loop chose one. */
    if (slot) {
        free(slot->answer);
        slot->answer = copy;
        slot->at = now;
        snprintf(slot->key, sizeof slot->key, "%s", key);
    } else {
        free(copy);
    }
    pthread_mutex_unlock(&c->lock);
}

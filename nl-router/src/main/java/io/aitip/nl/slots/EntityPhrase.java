package io.aitip.nl.slots;

/**
 * A description of an object that is neither an id nor a name ("my customer service dataset",
 * "客服数据集"): the router resolves it to an id by vector search over the tenant's objects.
 *
 * @param kind dataset, model or service
 */
public record EntityPhrase(SlotPath slot, String kind, String phrase) {
}

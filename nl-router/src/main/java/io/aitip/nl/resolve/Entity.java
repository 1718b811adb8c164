package io.aitip.nl.resolve;

/**
 * A named object of a tenant that a sentence may describe.
 *
 * @param kind dataset, model or service
 * @param text what is embedded: the name with its separators as spaces, the description and tags
 */
public record Entity(String id, String kind, String name, String text) {
}

package io.aitip.nl.learn;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A sentence a tenant taught the router by confirming or correcting its reading. */
public record LearnedExample(String id, String tool, String language, String text, JsonNode arguments, String origin,
                             String createdBy, Instant createdAt) {
}

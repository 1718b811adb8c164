package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import tools.jackson.databind.JsonNode;

/** A sentence with the call it means (tool null: out of scope), as shipped, learned or given by the catalog. */
public record LabelledSentence(String tool, Language language, String text, JsonNode arguments, String source) {
}

package io.aitip.nl.slots;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** What the extractor read from a sentence for one tool: arguments, and phrases still to resolve. */
public record Extraction(ObjectNode arguments, List<EntityPhrase> phrases) {
}

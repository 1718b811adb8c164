package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import java.util.Set;

/**
 * A labelled sentence the router learns from, ready to compare: masked, split into terms, embedded.
 *
 * @param tool   the tool it means, or null for a sentence that is out of scope
 * @param source {@code catalog}, {@code store} or {@code learned:<id>}
 */
public record Example(String tool, Language language, String text, Set<String> terms, float[] vector, String source) {
}

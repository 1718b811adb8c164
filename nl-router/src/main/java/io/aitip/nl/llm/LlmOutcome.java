package io.aitip.nl.llm;

import io.aitip.nl.slots.EntityPhrase;
import io.aitip.tools.catalog.RegisteredTool;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** What the model made of a sentence; only a {@link Call} can become a tool call, and only through the planner. */
public sealed interface LlmOutcome {

    /** A call of an offered tool: arguments pruned to the tool's schema, descriptions of objects left to resolve. */
    record Call(RegisteredTool tool, ObjectNode arguments, List<EntityPhrase> phrases) implements LlmOutcome {
    }

    /** The model asked the user something instead of calling a tool. */
    record Asks(String question) implements LlmOutcome {
    }

    /** The model answered in words: nothing the platform does. */
    record NoCall() implements LlmOutcome {
    }

    /** The model named a tool it was not offered (unknown, or one the caller may not use). */
    record Refused() implements LlmOutcome {
    }

    /** No usable answer (provider error, timeout, malformed arguments): the offline router answers. */
    record Unavailable(String reason) implements LlmOutcome {
    }
}

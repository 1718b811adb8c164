package io.aitip.policy.cedar;

import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Facts about the objects a call touches that a policy may need and the arguments do not carry
 * (is this dataset version in use? would this promotion put a release into production?). Each source answers only for the calls it knows and must be a
 * cheap read: it runs inside every decision it applies to.
 */
public interface PolicyFacts {

    /**
     * Boolean facts for {@code context.facts}; empty when this source has nothing to say about the call.
     * {@code arguments} is the call as sent (validated against the tool's schema), ids included: a
     * source reads the objects they name, always inside the principal's own org.
     */
    Map<String, Boolean> facts(Principal principal, ToolSpec tool, JsonNode arguments);
}

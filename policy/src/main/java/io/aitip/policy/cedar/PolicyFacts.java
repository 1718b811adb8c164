package io.aitip.policy.cedar;

import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import java.util.Map;

/**
 * Facts about the objects a call touches that a policy may need and the arguments do not carry
 * (is this dataset version in use?). Each source answers only for the calls it knows and must be a
 * cheap read: it runs inside every decision it applies to.
 */
public interface PolicyFacts {

    /** Boolean facts for {@code context.facts}; empty when this source has nothing to say about the call. */
    Map<String, Boolean> facts(Principal principal, ToolSpec tool, Map<String, Object> arguments);
}

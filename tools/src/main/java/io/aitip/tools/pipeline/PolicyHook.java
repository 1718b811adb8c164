package io.aitip.tools.pipeline;

import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import tools.jackson.databind.JsonNode;

/**
 * The policy decision point the pipeline asks for every call. Visibility and callability come from
 * the same implementation, so a caller never sees a tool it cannot call, nor calls one it cannot see.
 */
public interface PolicyHook {

    /** Whether the tool is listed for (and callable by) this principal at all. */
    boolean visible(Principal principal, ToolSpec tool);

    /** The decision for one validated call. */
    Decision decide(Principal principal, ToolSpec tool, JsonNode arguments);
}

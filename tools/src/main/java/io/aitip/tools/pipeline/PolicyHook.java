package io.aitip.tools.pipeline;

import io.aitip.tools.model.Door;
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

    /** The decision for one validated call through this door; engines that look at the door override it. */
    default Decision decide(Principal principal, ToolSpec tool, JsonNode arguments, Door door) {
        return decide(principal, tool, arguments);
    }

    /** The version of the rules in force; confirmation tokens and approvals are bound to it. */
    default String version() {
        return "static";
    }
}

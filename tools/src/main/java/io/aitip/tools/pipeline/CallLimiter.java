package io.aitip.tools.pipeline;

import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;

/** Rate limits per principal and per tool, checked for every resolved call before anything else runs. */
public interface CallLimiter {

    /** Null when the call may go on; else a {@code RATE_LIMITED} error with its retry-after. */
    ToolError check(Principal principal, ToolSpec tool);

    CallLimiter NONE = (principal, tool) -> null;
}

package io.aitip.tools.pipeline;

import io.aitip.tools.model.Door;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.security.Principal;

/** The {@link ToolContext} the pipeline hands to a handler. */
record HandlerContext(Invocation invocation, String executionId) implements ToolContext {

    @Override
    public Principal principal() {
        return invocation.principal();
    }

    @Override
    public Door door() {
        return invocation.door();
    }

    @Override
    public void progress(double progress, Double total, String message) {
        invocation.progress().onProgress(progress, total, message);
    }

    @Override
    public String callbackUrl() {
        return invocation.callbackUrl();
    }

    @Override
    public boolean cancelled() {
        return invocation.cancelled().get();
    }
}

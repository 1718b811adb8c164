package io.aitip.platform.testing;

import io.aitip.tools.model.Door;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ToolContext} for calling tool handlers directly in tests (the pipeline is tested on its
 * own). Records progress reports; {@link #cancel()} simulates the caller cancelling.
 */
public final class TestToolContext implements ToolContext {

    /** A progress report as the handler sent it. */
    public record Progress(double progress, Double total, String message) {
    }

    private final Principal principal;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    public TestToolContext(Principal principal) {
        this.principal = principal;
    }

    /** A member of {@code org} working in {@code project}. */
    public static TestToolContext member(String org, String project) {
        return new TestToolContext(new Principal("usr-" + org, "alice-" + org, org, org, project, Role.MEMBER,
                Set.of(), null));
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public String executionId() {
        return "exec-test";
    }

    @Override
    public Door door() {
        return Door.INTERNAL;
    }

    @Override
    public void progress(double value, Double total, String message) {
        progress.add(new Progress(value, total, message));
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public List<Progress> progressReports() {
        return progress;
    }
}

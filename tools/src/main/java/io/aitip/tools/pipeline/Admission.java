package io.aitip.tools.pipeline;

import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Admission of an allowed call just before it runs: quotas and budgets reserve its cost estimate
 * atomically, and a refusal ({@code QUOTA_EXCEEDED}) stops it. What was reserved is settled with
 * the call's outcome through the {@link Ticket}.
 */
public interface Admission {

    /** Reserves what the call needs, or refuses it. */
    Result admit(Invocation call, ToolSpec spec, JsonNode arguments, String executionId);

    /** What admission would say now, without reserving anything ({@code dry_run}, {@code policy_explain}). */
    Map<String, Object> preview(Invocation call, ToolSpec spec, JsonNode arguments);

    /**
     * @param refusal  non-null when the call may not run
     * @param ticket   settles the reservation with the call's outcome; never null
     * @param estimate the cost estimate shown in the execute result, or null for calls that cost nothing
     */
    record Result(ToolError refusal, Ticket ticket, Map<String, Object> estimate) {

        public static Result admitted(Ticket ticket, Map<String, Object> estimate) {
            return new Result(null, ticket, estimate);
        }

        public static Result refused(ToolError refusal, Map<String, Object> estimate) {
            return new Result(refusal, Ticket.NONE, estimate);
        }
    }

    /** Settles a reservation once the call ended (or, for async calls, once it finished in the background). */
    @FunctionalInterface
    interface Ticket {
        Ticket NONE = result -> { };

        void settle(ExecutionResult result);
    }

    /** Admits everything and reserves nothing. */
    Admission NONE = new Admission() {
        @Override
        public Result admit(Invocation call, ToolSpec spec, JsonNode arguments, String executionId) {
            return Result.admitted(Ticket.NONE, null);
        }

        @Override
        public Map<String, Object> preview(Invocation call, ToolSpec spec, JsonNode arguments) {
            return Map.of();
        }
    };
}

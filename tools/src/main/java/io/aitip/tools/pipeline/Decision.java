package io.aitip.tools.pipeline;

/**
 * What the policy engine says about one call.
 *
 * @param rule    the rule or policy that decided (recorded in the audit)
 * @param reason  why, in words a person can act on
 */
public record Decision(Outcome outcome, String rule, String reason) {

    public enum Outcome {
        ALLOW, DENY, NEEDS_CONFIRMATION, NEEDS_APPROVAL
    }

    public static Decision allow(String rule) {
        return new Decision(Outcome.ALLOW, rule, null);
    }

    public static Decision deny(String rule, String reason) {
        return new Decision(Outcome.DENY, rule, reason);
    }

    public static Decision confirm(String rule, String reason) {
        return new Decision(Outcome.NEEDS_CONFIRMATION, rule, reason);
    }

    public static Decision approval(String rule, String reason) {
        return new Decision(Outcome.NEEDS_APPROVAL, rule, reason);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}

package io.aitip.policy.cedar;

import com.cedarpolicy.model.policy.PolicySet;
import java.util.List;
import java.util.Map;

/**
 * A validated policy set as the engine evaluates it, with what the decision needs from each
 * policy's annotations.
 *
 * @param version   a hash of the files' names and texts; confirmation tokens and approvals are bound to it
 * @param policies  by policy id ({@code @id})
 */
public record LoadedPolicies(PolicySet policySet, Map<String, PolicyInfo> policies, String version, List<String> origins) {

    /**
     * @param outcome null for a policy that grants or forbids; {@code confirm} or {@code approval}
     *                for one that adds that step to an allowed call
     */
    public record PolicyInfo(String id, String origin, boolean forbid, String outcome, String reason) {
    }

    public PolicyInfo info(String id) {
        return policies.get(id);
    }
}

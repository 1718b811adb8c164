package io.aitip.policy.cedar;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.value.EntityUID;
import io.aitip.policy.PolicyProperties;
import io.aitip.policy.cost.CallArguments;
import io.aitip.policy.cost.CostEstimate;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Principal;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The policy engine: every decision is one Cedar evaluation of action {@code call} on the tool,
 * over the policies in force ({@link CedarPolicyStore}). Cedar says allow or deny and which
 * policies determined it; the decision maps that onto the pipeline's outcomes:
 * <ul>
 *   <li>deny → DENY, named after the forbid policy that matched ({@code tenancy.cross-tenant}), or
 *       {@code rbac.no-grant} when no permit matched;</li>
 *   <li>allow → the matched permits are split by their {@code @outcome} annotation: without one
 *       they grant; {@code approval} makes it NEEDS_APPROVAL, {@code confirm} NEEDS_CONFIRMATION
 *       (approval first). Outcome policies never grant alone: with no granting permit it is DENY.</li>
 * </ul>
 * A forbid policy that fails to evaluate denies (fail closed). Visibility is the decision for a call
 * with no arguments, cached per caller, tool, policy version and hour. Decisions are cached by
 * everything the Cedar request is made of ({@link DecisionKey}), so the cache is exact: a hit is the
 * answer Cedar would give.
 */
@Component
public class CedarPolicy implements PolicyHook {

    private static final Logger log = LoggerFactory.getLogger(CedarPolicy.class);
    private static final int VISIBILITY_CACHE_MAX = 50_000;
    private static final JsonNode NO_ARGUMENTS = io.aitip.tools.json.Json.object();

    private final CedarPolicyStore store;
    private final PolicyProperties properties;
    private final List<PolicyFacts> facts;
    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final CedarEntities entities = new CedarEntities();
    private final Map<VisibilityKey, Boolean> visibility = new ConcurrentHashMap<>();

    private record VisibilityKey(String subject, String orgId, String projectId, Object role, Object keyPermissions,
                                 String tool, String version, long hour) {
    }

    /**
     * Everything a Cedar request is made of. The arguments are only the policy-relevant ones
     * ({@link CallArguments}: no ids, no free text) and time is hour and weekday, so calls that differ
     * in nothing a policy can see share one cached decision; a new policy version is a new key.
     */
    private record DecisionKey(String version, EntityUID action, String tool, Principal principal, String door,
                               Map<String, Object> arguments, Map<String, Boolean> facts, int hour, int weekday) {
    }

    private static final int DECISION_CACHE_MAX = 100_000;
    private final Map<DecisionKey, Decision> decisions = new ConcurrentHashMap<>();

    @Autowired
    public CedarPolicy(CedarPolicyStore store, PolicyProperties properties, ObjectProvider<PolicyFacts> facts) {
        this(store, properties, facts.orderedStream().toList());
    }

    public CedarPolicy(CedarPolicyStore store, PolicyProperties properties, List<PolicyFacts> facts) {
        this.store = store;
        this.properties = properties;
        this.facts = List.copyOf(facts);
    }

    /** The policy set in force. */
    public LoadedPolicies policies() {
        return store.current();
    }

    /** The version of the policy set in force; tokens and approvals are bound to it. */
    @Override
    public String version() {
        return store.current().version();
    }

    @Override
    public boolean visible(Principal principal, ToolSpec tool) {
        LoadedPolicies policies = store.current();
        long hour = System.currentTimeMillis() / 3_600_000L;
        VisibilityKey key = new VisibilityKey(principal.subject(), principal.orgId(), principal.projectId(), principal.role(),
                principal.keyPermissions(), tool.name(), policies.version(), hour);
        Boolean known = visibility.get(key);
        if (known != null) {
            return known;
        }
        boolean visible = evaluate(policies, principal, tool, NO_ARGUMENTS, Map.of(), CostEstimate.NONE, "internal").outcome()
                != Decision.Outcome.DENY;
        if (visibility.size() >= VISIBILITY_CACHE_MAX) {
            visibility.clear();
        }
        visibility.put(key, visible);
        return visible;
    }

    @Override
    public Decision decide(Principal principal, ToolSpec tool, JsonNode arguments) {
        return decide(principal, tool, arguments, Door.INTERNAL);
    }

    @Override
    public Decision decide(Principal principal, ToolSpec tool, JsonNode arguments, Door door) {
        Map<String, Object> args = CallArguments.extract(arguments);
        return evaluate(store.current(), principal, tool, arguments, args, estimate(args),
                door.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Whether {@code approver} may decide an approval of this call (action {@code approve}): ALLOW,
     * or DENY naming the policy. The requester's own approval is refused before this is asked.
     */
    public Decision mayApprove(Principal approver, ToolSpec tool, JsonNode arguments) {
        Map<String, Object> args = CallArguments.extract(arguments);
        LoadedPolicies policies = store.current();
        Decision decision = authorize(policies, approver, CedarEntities.APPROVE, tool, arguments, args, estimate(args),
                "internal");
        if (decision.outcome() == Decision.Outcome.DENY && "rbac.no-grant".equals(decision.rule())) {
            return Decision.deny("approvers.none", "Only org owners and admins may decide approvals; your role ("
                    + (approver.role() == null ? "none" : approver.role().wire()) + ") may not.");
        }
        return decision.outcome() == Decision.Outcome.DENY ? decision : Decision.allow(decision.rule());
    }

    /** One uncached Cedar evaluation of a call, for the benchmark's miss-path figures. */
    public Decision decideUncached(Principal principal, ToolSpec tool, JsonNode arguments, Door door) {
        Map<String, Object> args = CallArguments.extract(arguments);
        return evaluateUncached(store.current(), principal, CedarEntities.CALL, tool, args, estimate(args),
                door.name().toLowerCase(java.util.Locale.ROOT), Map.of(), ZonedDateTime.now(java.time.ZoneOffset.UTC));
    }

    /** The cost estimate of a call with these arguments (GPU-hours), as decisions and quotas see it. */
    public CostEstimate estimate(Map<String, Object> arguments) {
        return CostEstimate.of(arguments, properties.defaultRuntimeMinutes());
    }

    private Decision evaluate(LoadedPolicies policies, Principal principal, ToolSpec tool, JsonNode arguments,
                              Map<String, Object> args, CostEstimate estimate, String door) {
        return authorize(policies, principal, CedarEntities.CALL, tool, arguments, args, estimate, door);
    }

    /** @param arguments the call as sent, for the fact sources; {@code args} is what the policies see of it */
    private Decision authorize(LoadedPolicies policies, Principal principal, EntityUID action, ToolSpec tool, JsonNode arguments,
                               Map<String, Object> args, CostEstimate estimate, String door) {
        Map<String, Boolean> found = new HashMap<>();
        for (PolicyFacts source : facts) {
            found.putAll(source.facts(principal, tool, arguments == null ? NO_ARGUMENTS : arguments));
        }
        ZonedDateTime now = ZonedDateTime.now(java.time.ZoneOffset.UTC);
        DecisionKey key = new DecisionKey(policies.version(), action, tool.name(), principal, door, args, found,
                now.getHour(), now.getDayOfWeek().getValue());
        Decision cached = decisions.get(key);
        if (cached != null) {
            return cached;
        }
        Decision decision = evaluateUncached(policies, principal, action, tool, args, estimate, door, found, now);
        if (!"policy.error".equals(decision.rule())) {
            if (decisions.size() >= DECISION_CACHE_MAX) {
                decisions.clear();
            }
            decisions.put(key, decision);
        }
        return decision;
    }

    /** One Cedar evaluation (the decision cache's miss path; also what the policy benchmark measures). */
    Decision evaluateUncached(LoadedPolicies policies, Principal principal, EntityUID action, ToolSpec tool,
                              Map<String, Object> args, CostEstimate estimate, String door, Map<String, Boolean> found,
                              ZonedDateTime now) {
        EntityUID org = CedarEntities.ORG.of(targetOrg(principal, args));
        EntityUID project = CedarEntities.PROJECT.of(principal.projectId() == null ? "none" : principal.projectId());
        CedarEntities.Built built = entities.build(principal, tool, org, project);
        AuthorizationRequest request = new AuthorizationRequest(built.principal(), action, built.resource(),
                Optional.of(CedarContext.of(org, project, door, args, estimate, found, now)),
                Optional.empty(), false);
        AuthorizationSuccessResponse response;
        try {
            AuthorizationResponse answer = engine.isAuthorized(request, policies.policySet(), built.entities());
            if (answer.success.isEmpty()) {
                log.error("policy evaluation failed for {} on {}: {}", principal.subject(), tool.name(), answer.errors);
                return Decision.deny("policy.error", "The policy engine could not decide this call. Retry later; "
                        + "report it if it persists.");
            }
            response = answer.success.get();
        } catch (AuthException e) {
            log.error("policy evaluation failed for {} on {}", principal.subject(), tool.name(), e);
            return Decision.deny("policy.error", "The policy engine could not decide this call. Retry later; "
                    + "report it if it persists.");
        }
        for (AuthorizationSuccessResponse.AuthorizationError error : response.getErrors()) {
            LoadedPolicies.PolicyInfo info = policies.info(error.getPolicyId());
            if (info != null && info.forbid()) {
                log.warn("forbid policy {} failed to evaluate; denying: {}", info.id(), error.getError().message);
                return Decision.deny(info.id(), reason(info, "A guard policy could not be evaluated for this call."));
            }
        }
        return map(policies, principal, tool, response);
    }

    private static Decision map(LoadedPolicies policies, Principal principal, ToolSpec tool,
                                AuthorizationSuccessResponse response) {
        TreeSet<String> grants = new TreeSet<>();
        TreeSet<String> approvals = new TreeSet<>();
        TreeSet<String> confirms = new TreeSet<>();
        TreeSet<String> forbids = new TreeSet<>();
        for (String id : response.getReason()) {
            LoadedPolicies.PolicyInfo info = policies.info(id);
            if (info == null) {
                continue;
            }
            if (info.forbid()) {
                forbids.add(id);
            } else if ("approval".equals(info.outcome())) {
                approvals.add(id);
            } else if ("confirm".equals(info.outcome())) {
                confirms.add(id);
            } else {
                grants.add(id);
            }
        }
        if (!response.isAllowed() || grants.isEmpty()) {
            if (!forbids.isEmpty()) {
                LoadedPolicies.PolicyInfo first = policies.info(forbids.first());
                return Decision.deny(first.id(), reason(first, "A policy forbids this call."));
            }
            return Decision.deny("rbac.no-grant", "You may not use tool '" + tool.name() + "': it needs permission "
                    + tool.permission() + ", which your role (" + (principal.role() == null ? "none" : principal.role().wire())
                    + ") does not grant. Ask an org admin for a role that grants it.");
        }
        if (!approvals.isEmpty()) {
            LoadedPolicies.PolicyInfo first = policies.info(approvals.first());
            return Decision.approval(first.id(), reason(first, "A policy asks for another person's approval."));
        }
        if (!confirms.isEmpty()) {
            LoadedPolicies.PolicyInfo first = policies.info(confirms.first());
            String reason = first.reason() == null ? "'" + tool.title() + "' must be confirmed." : first.reason();
            return Decision.confirm(first.id(), reason);
        }
        return Decision.allow(grants.first());
    }

    private static String targetOrg(Principal principal, Map<String, Object> args) {
        Object named = args.get("org");
        if (named instanceof String org && !org.equals(principal.orgId()) && !org.equals(principal.orgSlug())) {
            return org;
        }
        return principal.orgId();
    }

    private static String reason(LoadedPolicies.PolicyInfo info, String fallback) {
        return info.reason() == null ? fallback : info.reason();
    }
}

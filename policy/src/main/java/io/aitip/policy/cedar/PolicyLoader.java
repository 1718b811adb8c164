package io.aitip.policy.cedar;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.Effect;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import io.aitip.tools.pipeline.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns policy files into a {@link LoadedPolicies}, or refuses them with a message that names the
 * file, the policy and what is wrong. Checks, in order: Cedar syntax; every policy has a unique
 * {@code @id} made of lower-case words and dots; {@code @outcome} is {@code confirm} or
 * {@code approval} and only on {@code permit}; and the whole set validates against the schema
 * (unknown attributes, wrong types).
 */
public final class PolicyLoader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Set<String> OUTCOMES = Set.of("confirm", "approval");

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final Schema schema;

    public PolicyLoader() {
        try {
            this.schema = Schema.parse(Schema.JsonOrCedar.Cedar, PolicySources.schema());
        } catch (InternalException e) {
            throw new IllegalStateException("the shipped Cedar schema does not parse: " + e.getMessage(), e);
        }
    }

    public LoadedPolicies load(List<PolicyFile> files) {
        Set<Policy> policies = new LinkedHashSet<>();
        Map<String, LoadedPolicies.PolicyInfo> infos = new LinkedHashMap<>();
        List<String> origins = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        for (PolicyFile file : files) {
            origins.add(file.origin());
            fingerprint.append(file.name()).append('\n').append(file.text()).append('\n');
            for (Policy parsed : parse(file)) {
                LoadedPolicies.PolicyInfo info = describe(file, parsed);
                if (infos.containsKey(info.id())) {
                    throw new PolicyLoadException(file.origin() + ": @id(\"" + info.id() + "\") is already used by a policy in "
                            + infos.get(info.id()).origin() + ". Give every policy its own id.");
                }
                infos.put(info.id(), info);
                policies.add(new Policy(parsed.getSource(), info.id()));
            }
        }
        PolicySet set = new PolicySet(policies);
        validate(set, infos);
        try {
            set.cache();
        } catch (RuntimeException | com.cedarpolicy.model.exception.CacheException e) {
            throw new PolicyLoadException("The policy set could not be prepared for evaluation: " + e.getMessage());
        }
        return new LoadedPolicies(set, Map.copyOf(infos), CanonicalJson.sha256(fingerprint.toString()).substring(0, 16),
                List.copyOf(origins));
    }

    private static Set<Policy> parse(PolicyFile file) {
        try {
            return PolicySet.parsePolicies(file.text()).policies;
        } catch (InternalException | RuntimeException e) {
            throw new PolicyLoadException(file.origin() + " is not valid Cedar: " + oneLine(e.getMessage()));
        }
    }

    private static LoadedPolicies.PolicyInfo describe(PolicyFile file, Policy policy) {
        try {
            Map<String, String> annotations = policy.getAnnotations();
            String id = annotations.get("id");
            if (id == null || !ID.matcher(id).matches()) {
                throw new PolicyLoadException(file.origin() + ": every policy needs @id(\"…\") of lower-case letters, "
                        + "digits, '.', '_' or '-' (it names the rule in decisions and the audit); found "
                        + (id == null ? "none" : "\"" + id + "\"") + " on: " + firstLine(policy.getSource()));
            }
            boolean forbid = policy.effect() == Effect.FORBID;
            String outcome = annotations.get("outcome");
            if (outcome != null && (!OUTCOMES.contains(outcome) || forbid)) {
                throw new PolicyLoadException(file.origin() + ": policy " + id + " has @outcome(\"" + outcome
                        + "\"); use confirm or approval, and only on a permit policy.");
            }
            return new LoadedPolicies.PolicyInfo(id, file.origin(), forbid, outcome, annotations.get("reason"));
        } catch (InternalException e) {
            throw new PolicyLoadException(file.origin() + ": cannot read a policy's annotations: " + oneLine(e.getMessage()));
        }
    }

    private void validate(PolicySet set, Map<String, LoadedPolicies.PolicyInfo> infos) {
        ValidationResponse response;
        try {
            response = engine.validate(new ValidationRequest(schema, set));
        } catch (AuthException e) {
            throw new PolicyLoadException("The policies could not be validated: " + oneLine(e.getMessage()));
        }
        if (response.validationPassed()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        response.success.ifPresent(success -> success.validationErrors.forEach(error -> {
            String id = error.getPolicyId();
            LoadedPolicies.PolicyInfo info = infos.get(id);
            problems.add((info == null ? "" : info.origin() + ": ") + "policy " + id + ": "
                    + oneLine(error.getError().message));
        }));
        response.errors.ifPresent(errors -> errors.forEach(error -> problems.add(oneLine(error.message))));
        throw new PolicyLoadException("The policies do not match the schema (policy/" + PolicySources.SCHEMA + "): "
                + String.join("; ", problems));
    }

    private static String firstLine(String source) {
        return oneLine(source.lines().filter(l -> !l.isBlank() && !l.startsWith("@")).findFirst().orElse(source));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}

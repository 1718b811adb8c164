package io.aitip.policy.explain;

import io.aitip.policy.rbac.RolePermissions;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.Admission;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Says what the pipeline would decide for the caller and one tool (and optionally its arguments),
 * step by step as the pipeline takes them: resolve, visibility, schema, policy. It asks the same
 * {@link PolicyHook} the pipeline asks and never runs the tool; the hook's {@code decide} must stay
 * free of side effects for that (a hook that creates approvals or admits quota should do so in the
 * pipeline's path, not in {@code decide}).
 */
@Component
public class PolicyExplainTool implements Tool<PolicyExplainTool.Input> {

    /** Longest params_json accepted. */
    static final int MAX_PARAMS_CHARS = 65_536;

    public record Input(
            @Param(value = "The tool to explain: its wire name (training_stop) or dotted alias (training.stop).",
                    required = true, minLength = 1, maxLength = 100) String tool,
            @Param(value = "Optional: the call's arguments as a JSON object in a string, e.g. "
                    + "\"{\\\"job_id\\\": \\\"train-7f3a2c01\\\"}\". They are validated against the tool's schema; "
                    + "nothing is executed.", maxLength = MAX_PARAMS_CHARS) String paramsJson) {
    }

    /** The caller as policy sees it. */
    public record Caller(String username, String org, String role, boolean apiKey, List<String> keyPermissions,
                         boolean roleGrants, boolean keyGrants) {
    }

    /** The outcome of schema validation; present only when params_json was given. */
    public record Validation(boolean valid, ToolError error) {
    }

    /**
     * @param decision  {@code allow}, {@code deny}, {@code needs_confirmation}, {@code needs_approval},
     *                  or {@code invalid} (the arguments fail the schema, so policy is not reached)
     * @param admission for GPU work: the cost {@code estimate} and the {@code quota} headroom of each scope,
     *                  with whether the call fits now; null otherwise
     */
    public record Explanation(String tool, String toolset, String kind, String risk, String permission,
                              boolean visible, String decision, String rule, String reason, Caller caller,
                              Validation validation, boolean argumentsChecked, boolean executed, String next,
                              Map<String, Object> admission) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("policy_explain")
            .toolset("platform")
            .title("Explain a policy decision")
            .description("Explains what the policy engine would decide if you called a tool now: whether you can "
                    + "see it, allow / deny / needs_confirmation / needs_approval, the rule and reason, the "
                    + "permission it needs, your role and your API key's restrictions. Pass params_json (the "
                    + "arguments as a JSON string) to also check them against the tool's schema. Never executes "
                    + "anything. For GPU work it also shows the GPU-hour estimate and the quota headroom. Use it when a call "
                    + "was denied, before a destructive or costly call, or to learn who may act.")
            .readOnly()
            .permission("platform:read")
            .example("en", "Why can't I stop training jobs?", Map.of("tool", "training_stop"))
            .example("en", "Would deploying llama-3 to inference need a confirmation?",
                    Map.of("tool", "inference_deploy", "params_json", "{\"model\": \"llama-3\"}"))
            .example("zh", "我有权限调用 audit_search 吗？", Map.of("tool", "audit_search"))
            .example("zh", "解释一下停止训练任务 train-7f3a2c01 的策略决定",
                    Map.of("tool", "training.stop", "params_json", "{\"job_id\": \"train-7f3a2c01\"}"))
            .build();

    private final Supplier<ToolCatalog> catalog;
    private final PolicyHook policy;
    private final Admission admission;

    /** The catalog is built from every tool, this one included: it is looked up on first use. */
    @Autowired
    public PolicyExplainTool(ObjectProvider<ToolCatalog> catalog, PolicyHook policy, ObjectProvider<Admission> admission) {
        this((Supplier<ToolCatalog>) catalog::getObject, policy, admission.getIfAvailable(() -> Admission.NONE));
    }

    public PolicyExplainTool(Supplier<ToolCatalog> catalog, PolicyHook policy) {
        this(catalog, policy, Admission.NONE);
    }

    public PolicyExplainTool(Supplier<ToolCatalog> catalog, PolicyHook policy, Admission admission) {
        this.catalog = catalog;
        this.policy = policy;
        this.admission = admission;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Explanation call(ToolContext context, Input input) {
        Principal principal = context.principal();
        RegisteredTool tool = catalog.get().find(input.tool() == null ? null : input.tool().trim())
                .orElseThrow(() -> ToolException.notFound("Tool", input.tool(),
                        "Use a wire name (training_stop) or dotted alias (training.stop) from the tool catalog."));
        ToolSpec spec = tool.spec();
        Caller caller = caller(principal, spec.permission());
        boolean visible = policy.visible(principal, spec);
        JsonNode arguments = Json.object();
        Validation validation = null;
        if (input.paramsJson() != null && !input.paramsJson().isBlank()) {
            arguments = tool.normalize(parse(input.paramsJson()));
            ToolError error = arguments.isObject() ? tool.validate(arguments)
                    : ToolError.at(io.aitip.tools.model.ErrorCode.INVALID_ARGUMENTS,
                            "Arguments must be a JSON object. Send the tool's parameters as an object.", "");
            validation = new Validation(error == null, error);
        }
        String decision;
        String rule;
        String reason;
        if (!visible) {
            // the pipeline refuses hidden tools before it looks at the arguments
            decision = "deny";
            rule = "rbac.visibility";
            reason = "You may not use tool '" + spec.name() + "': it needs permission " + spec.permission()
                    + (caller.roleGrants() ? ", which your API key is restricted from. Use a key that includes it."
                            : ", which your role (" + caller.role() + ") does not grant. Ask an org admin for a role "
                                    + "that grants it.");
        } else if (validation != null && !validation.valid()) {
            decision = "invalid";
            rule = "schema";
            reason = validation.error().message();
        } else {
            Decision outcome = policy.decide(principal, spec, arguments);
            decision = outcome.outcome().name().toLowerCase(Locale.ROOT);
            rule = outcome.rule();
            reason = outcome.reason();
        }
        return new Explanation(spec.name(), spec.toolset(), spec.kind().name().toLowerCase(Locale.ROOT),
                spec.risk() == null ? null : spec.risk().name().toLowerCase(Locale.ROOT), spec.permission(), visible,
                decision, rule, reason, caller, validation, validation != null, false, next(decision, spec),
                admission(principal, spec, arguments, decision, validation));
    }

    /** Quota headroom for GPU work the policy would let through; nothing is reserved. */
    private Map<String, Object> admission(Principal principal, ToolSpec spec, JsonNode arguments, String decision,
                                          Validation validation) {
        if (validation == null || !validation.valid() || decision.equals("deny")) {
            return null;
        }
        Map<String, Object> preview = admission.preview(io.aitip.tools.pipeline.Invocation.of(principal,
                io.aitip.tools.model.Door.INTERNAL, spec.name(), arguments), spec, arguments);
        return preview.isEmpty() ? null : preview;
    }

    private static JsonNode parse(String json) {
        if (json.length() > MAX_PARAMS_CHARS) {
            throw ToolException.invalid("/params_json", "params_json is longer than " + MAX_PARAMS_CHARS + " characters.");
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw ToolException.invalid("/params_json", "params_json is not valid JSON (" + e.getOriginalMessage()
                    + "). Pass the arguments as a JSON object in a string, e.g. {\"job_id\": \"train-7f3a2c01\"}.");
        }
    }

    private static Caller caller(Principal principal, String permission) {
        boolean roleGrants = permission != null && principal.role() != null
                && RolePermissions.roleGrants(principal.role(), permission);
        boolean keyGrants = permission != null && (principal.keyPermissions().isEmpty()
                || principal.keyPermissions().stream().anyMatch(p -> RolePermissions.matches(p, permission)));
        return new Caller(principal.username(), principal.orgSlug(),
                principal.role() == null ? null : principal.role().wire(), principal.apiKeyId() != null,
                principal.keyPermissions().stream().sorted().toList(), roleGrants, keyGrants);
    }

    private static String next(String decision, ToolSpec spec) {
        return switch (decision) {
            case "allow" -> "Call " + spec.name() + " with these arguments; it will run.";
            case "needs_confirmation" -> "Call " + spec.name() + "; it answers with a confirmation token. Ask the "
                    + "user, then call again with the same arguments and confirmation_token.";
            case "needs_approval" -> "Call " + spec.name() + "; it waits for an approver. Follow it with approvals_list.";
            case "invalid" -> "Fix the arguments at the pointer in validation.error and explain again.";
            default -> "Ask an org admin for a role or API key that grants " + spec.permission() + ".";
        };
    }
}

package io.aitip.policy.explain;

import io.aitip.policy.cedar.CedarPolicy;
import io.aitip.policy.cedar.LoadedPolicies;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The generated reference {@code docs/reference/permission-matrix.md}: for every built-in role and
 * every tool, what the policy decides for a call with no arguments by a user with an unrestricted
 * key. It asks the {@link PolicyHook} itself, so the page cannot drift from the code; a test renders
 * it and compares with the file.
 */
public final class PermissionMatrix {

    /** Where the page lives, relative to the repository root. */
    public static final String PATH = "docs/reference/permission-matrix.md";

    private static final List<Role> ROLES = List.of(Role.OWNER, Role.ADMIN, Role.MEMBER, Role.VIEWER);

    private PermissionMatrix() {
    }

    /** The Markdown page; deterministic for a given catalog and policy. */
    public static String render(ToolCatalog catalog, PolicyHook policy) {
        StringBuilder out = new StringBuilder();
        out.append("# Permission matrix\n\n")
                .append("<!-- Generated from the tool catalog and the policy engine; do not edit by hand. -->\n\n")
                .append("What each built-in role may do with each tool, as the policy engine decides it for a call ")
                .append("by a user of that role with an unrestricted API key (a key restricted to some permissions ")
                .append("sees fewer tools). `policy_explain` answers the same question for you and one call, ")
                .append("arguments included.\n\n")
                .append("- **allow**: the call runs.\n")
                .append("- **confirm**: the call answers with a confirmation token; it runs once called again with it.\n")
                .append("- **approval**: the call waits until another person (an owner or admin) approves it; ")
                .append("approval rules depend on the arguments, so they are listed below the table.\n")
                .append("- **deny**: the tool is hidden from the role and refused if called.\n\n")
                .append("Kind: R read-only, W write, D destructive.\n\n")
                .append("| toolset | tool | kind | permission |");
        ROLES.forEach(role -> out.append(' ').append(role.wire()).append(" |"));
        out.append("\n|---|---|---|---|");
        ROLES.forEach(role -> out.append("---|"));
        out.append('\n');
        List<RegisteredTool> tools = catalog.all().stream()
                .sorted(Comparator.comparing((RegisteredTool t) -> t.spec().toolset()).thenComparing(RegisteredTool::name))
                .toList();
        for (RegisteredTool tool : tools) {
            ToolSpec spec = tool.spec();
            out.append("| ").append(spec.toolset()).append(" | `").append(spec.name()).append("` | ")
                    .append(kind(spec)).append(" | `").append(spec.permission()).append("` |");
            for (Role role : ROLES) {
                out.append(' ').append(cell(policy, principal(role), spec)).append(" |");
            }
            out.append('\n');
        }
        if (policy instanceof CedarPolicy cedar) {
            rules(out, cedar.policies());
        }
        return out.toString();
    }

    /**
     * The policies that refuse calls or add a step to them, from the policy set in force: the
     * table above is for calls without arguments, these say what arguments and context change.
     */
    private static void rules(StringBuilder out, LoadedPolicies policies) {
        out.append("\n## Rules beyond the role\n\n")
                .append("The cells above are for a call without arguments. These policies (Cedar, `policy/*.cedar`; ")
                .append("operators add more with `AITIP_POLICY_DIR`) refuse calls or add a step depending on the ")
                .append("arguments, the cost estimate and the caller. A forbid wins over every permit; an approval ")
                .append("outranks a confirmation; neither step ever grants a call the role does not.\n\n")
                .append("| rule | effect | reason | file |\n|---|---|---|---|\n");
        policies.policies().values().stream()
                .filter(p -> p.forbid() || p.outcome() != null)
                .sorted(Comparator.comparing(LoadedPolicies.PolicyInfo::id))
                .forEach(p -> out.append("| `").append(p.id()).append("` | ")
                        .append(p.forbid() ? "deny" : p.outcome()).append(" | ")
                        .append(p.reason() == null ? "" : p.reason().replace("|", "\\|")).append(" | `")
                        .append(p.origin().substring(p.origin().lastIndexOf('/') + 1)).append("` |\n"));
    }

    /** A user of this role acting through an unrestricted key. */
    static Principal principal(Role role) {
        return new Principal("usr-matrix-" + role.wire(), role.wire(), "org-matrix", "matrix", "prj-matrix", role,
                Set.of(), null);
    }

    static String cell(PolicyHook policy, Principal principal, ToolSpec spec) {
        if (!policy.visible(principal, spec)) {
            return "deny";
        }
        Decision decision = policy.decide(principal, spec, Json.object());
        return switch (decision.outcome()) {
            case ALLOW -> "allow";
            case NEEDS_CONFIRMATION -> "confirm";
            case NEEDS_APPROVAL -> "approval";
            case DENY -> "deny";
        };
    }

    private static String kind(ToolSpec spec) {
        return switch (spec.kind()) {
            case READ_ONLY -> "R";
            case WRITE -> "W";
            case DESTRUCTIVE -> "D";
        };
    }
}

package io.aitip.tools.render;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolSpec;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** The policy metadata of a tool as JSON: what the policy engine and the permission matrix read. */
public final class PolicyView {

    private PolicyView() {
    }

    public static ObjectNode render(ToolSpec spec) {
        ObjectNode view = Json.object();
        view.put("toolset", spec.toolset());
        view.put("kind", wire(spec.kind()));
        view.put("permission", spec.permission());
        view.put("risk", wire(spec.risk()));
        view.put("confirmation", wire(spec.confirmation()));
        if (spec.approvalRule() == null) {
            view.putNull("approval_rule");
        } else {
            view.put("approval_rule", spec.approvalRule());
        }
        view.put("long_running", spec.longRunning());
        return view;
    }

    private static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}

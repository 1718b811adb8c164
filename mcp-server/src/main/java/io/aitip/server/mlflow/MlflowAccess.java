package io.aitip.server.mlflow;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Principal;
import org.springframework.stereotype.Component;

/**
 * Who may use the MLflow API: the policy decides as for the experiment tools it stands beside —
 * reads need what experiment_get needs, writes what experiment_create needs (experiments:read /
 * experiments:write), including an API key's restrictions.
 */
@Component
class MlflowAccess {

    private final ToolCatalog catalog;
    private final PolicyHook policy;

    MlflowAccess(ToolCatalog catalog, PolicyHook policy) {
        this.catalog = catalog;
        this.policy = policy;
    }

    void read(Principal principal) {
        require(principal, "experiment_get");
    }

    void write(Principal principal) {
        require(principal, "experiment_create");
    }

    private void require(Principal principal, String tool) {
        var spec = catalog.find(tool).orElseThrow().spec();
        if (!policy.visible(principal, spec)) {
            throw new ToolException(ErrorCode.PERMISSION_DENIED, "This needs permission " + spec.permission()
                    + ". Ask an org admin for a role or API key that grants it.");
        }
    }
}

package io.aitip.server.rest;

import io.aitip.platform.inference.InferenceRouter;
import io.aitip.platform.support.Scope;
import io.aitip.policy.rbac.RolePermissions;
import io.aitip.server.web.ApiErrors;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each inference service's OpenAI-compatible endpoint on the AITIP server:
 * {@code POST /api/v1/inference/services/{service}/v1/chat/completions} and {@code GET …/v1/models}.
 * Authenticated like every API route, tenant-scoped (another tenant's service is not found), and it
 * needs {@code inference:read}. {@link InferenceRouter} enforces the canary split and records the
 * metrics; the answer says which version and replica served it ({@code X-AITIP-Model-Version},
 * {@code X-AITIP-Replica}).
 */
@RestController
@RequestMapping("/api/v1/inference/services/{service}/v1")
public class InferenceRouterController {

    private static final String PERMISSION = "inference:read";

    private final InferenceRouter router;

    public InferenceRouterController(InferenceRouter router) {
        this.router = router;
    }

    @PostMapping("/chat/completions")
    public ResponseEntity<byte[]> chat(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                       @PathVariable String service, @RequestBody(required = false) byte[] body,
                                       @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        return forward(principal, service, "POST", "/chat/completions", body, contentType);
    }

    @GetMapping("/models")
    public ResponseEntity<byte[]> models(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @PathVariable String service) {
        return forward(principal, service, "GET", "/models", null, null);
    }

    private ResponseEntity<byte[]> forward(Principal principal, String service, String method, String path, byte[] body,
                                           String contentType) {
        if (!allowed(principal)) {
            return error(ErrorCode.PERMISSION_DENIED, "Calling an inference service needs permission " + PERMISSION
                    + ". Ask an org admin for a role or API key that grants it.");
        }
        try {
            InferenceRouter.Forwarded f = router.forward(Scope.of(principal), service, method, path, body, contentType);
            return ResponseEntity.status(f.status()).header(HttpHeaders.CONTENT_TYPE, f.contentType())
                    .header("X-AITIP-Service", f.serviceId()).header("X-AITIP-Model-Version", f.version())
                    .header("X-AITIP-Replica", f.replicaId()).body(f.body());
        } catch (ToolException e) {
            return error(e.error().code(), e.getMessage());
        }
    }

    private static boolean allowed(Principal principal) {
        return RolePermissions.roleGrants(principal.role(), PERMISSION) && (principal.keyPermissions().isEmpty()
                || principal.keyPermissions().stream().anyMatch(p -> RolePermissions.matches(p, PERMISSION)));
    }

    private static ResponseEntity<byte[]> error(ErrorCode code, String message) {
        return ResponseEntity.status(ApiErrors.status(code)).contentType(MediaType.APPLICATION_JSON)
                .body(io.aitip.tools.json.Json.write(ApiErrors.body(code, message, null))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

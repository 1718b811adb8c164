package io.aitip.server.rest;

import io.aitip.policy.auth.ApiKeyStore;
import io.aitip.policy.tenancy.TenancyService;
import io.aitip.policy.tenancy.TenancyStore;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, login and the admin routes (DESIGN.md "Auth and tenancy"). */
@RestController
public class AuthController {

    public record RegisterBody(String username, String email, String password) {
    }

    public record LoginBody(String username, String password, String org) {
    }

    public record OrgBody(String name, String slug) {
    }

    public record MemberBody(String username, String email, String role) {
    }

    public record ApiKeyBody(String name, String username, String org, Set<String> permissions) {
    }

    private final TenancyService tenancy;

    public AuthController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    @PostMapping("/api/v1/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> register(@RequestBody RegisterBody body) {
        TenancyStore.User user = tenancy.register(body.username(), body.email(), body.password());
        return Map.of("id", user.id(), "username", user.username(), "email", user.email(),
                "token", tenancy.login(body.username(), body.password(), null));
    }

    @PostMapping("/api/v1/auth/login")
    public Map<String, Object> login(@RequestBody LoginBody body) {
        return Map.of("token", tenancy.login(body.username(), body.password(), body.org()), "token_type", "Bearer");
    }

    @GetMapping("/api/v1/auth/me")
    public Map<String, Object> me(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user_id", principal.userId());
        me.put("username", principal.username());
        me.put("org_id", principal.orgId());
        me.put("org", principal.orgSlug());
        me.put("project_id", principal.projectId());
        me.put("role", principal.role().wire());
        me.put("key_permissions", principal.keyPermissions());
        if (principal.apiKeyId() != null) {
            me.put("api_key_id", principal.apiKeyId());
        }
        return me;
    }

    @PostMapping("/api/v1/orgs")
    @ResponseStatus(HttpStatus.CREATED)
    public TenancyStore.Org createOrg(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                      @RequestBody OrgBody body) {
        return tenancy.createOrg(principal, body.name(), body.slug());
    }

    @PostMapping("/api/v1/orgs/{org}/members")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> addMember(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @PathVariable String org, @RequestBody MemberBody body) {
        TenancyStore.User user = tenancy.addMember(principal, org, body.username(), body.email(), body.role());
        return Map.of("user_id", user.id(), "username", user.username(), "role", body.role() == null ? "member" : body.role());
    }

    /** The key is in this response only; it is stored hashed. */
    @PostMapping("/api/v1/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> createKey(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestBody ApiKeyBody body) {
        ApiKeyStore.CreatedKey key = tenancy.createApiKey(principal, body.name(), body.username(), body.org(), body.permissions());
        return Map.of("id", key.id(), "key", key.key(), "prefix", key.prefix());
    }
}

package io.aitip.policy.tenancy;

import io.aitip.policy.auth.ApiKeyStore;
import io.aitip.policy.auth.AuthenticationException;
import io.aitip.policy.auth.Authenticator;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up, login, orgs, members and API keys (the seed's /api/v1/auth and admin routes). */
@Service
public class TenancyService {

    private static final Logger log = LoggerFactory.getLogger(TenancyService.class);
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,62}$");
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private final TenancyStore store;
    private final ApiKeyStore keys;
    private final Authenticator authenticator;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

    public TenancyService(TenancyStore store, ApiKeyStore keys, Authenticator authenticator) {
        this.store = store;
        this.keys = keys;
        this.authenticator = authenticator;
    }

    /** On first start with AITIP_BOOTSTRAP_TOKEN: org {@code default}, user {@code admin} (owner), key = token. */
    @Transactional
    public void bootstrap(String token) {
        if (token == null || token.isBlank() || keys.exists(token)) {
            return;
        }
        TenancyStore.Org org = store.findOrg("default").orElseGet(() -> store.createOrg("Default", "default"));
        TenancyStore.User admin = store.findUser("admin").orElseGet(() -> store.createUser("admin", "admin@localhost", null));
        store.putMembership(org.id(), admin.id(), Role.OWNER);
        keys.create(org.id(), admin.id(), null, "bootstrap", Set.of(), token);
        log.info("bootstrap: org 'default', user 'admin' (owner) and the bootstrap API key are ready");
    }

    /** Creates a user with a personal org of the same name, where they are the owner. */
    @Transactional
    public TenancyStore.User register(String username, String email, String password) {
        require(username != null && USERNAME.matcher(username).matches(), "/username",
                "username must be 2-63 lower-case letters, digits, '.', '_' or '-'");
        require(email != null && email.contains("@"), "/email", "email must be an e-mail address");
        require(password != null && password.length() >= 8, "/password", "password must have at least 8 characters");
        if (store.findUser(username).isPresent() || store.findUser(email).isPresent()) {
            throw new ToolException(ErrorCode.CONFLICT, "That username or e-mail is taken. Log in, or choose another.");
        }
        TenancyStore.User user = store.createUser(username, email, passwords.encode(password));
        String slug = store.findOrg(username).isPresent() ? username + "-" + user.id().substring(4) : username;
        TenancyStore.Org org = store.createOrg(username, slug);
        store.putMembership(org.id(), user.id(), Role.OWNER);
        return user;
    }

    /** Checks the password and returns a JWT for the user's first org (or the one named). */
    public String login(String username, String password, String org) {
        TenancyStore.User user = store.findUser(username == null ? "" : username)
                .filter(u -> u.passwordHash() != null && passwords.matches(password == null ? "" : password, u.passwordHash()))
                .orElseThrow(() -> new AuthenticationException("Wrong username or password."));
        TenancyStore.Membership membership = store.memberships(user.id()).stream()
                .filter(m -> org == null || m.orgId().equals(org) || m.orgSlug().equals(org))
                .findFirst()
                .orElseThrow(() -> new AuthenticationException("You are not a member of that org."));
        store.touchLogin(user.id());
        return authenticator.issueJwt(user.id(), membership.orgId());
    }

    @Transactional
    public TenancyStore.Org createOrg(Principal creator, String name, String slug) {
        require(slug != null && SLUG.matcher(slug).matches(), "/slug", "slug must be 2-63 lower-case letters, digits or '-'");
        if (store.findOrg(slug).isPresent()) {
            throw new ToolException(ErrorCode.CONFLICT, "Org '" + slug + "' exists. Choose another slug.");
        }
        TenancyStore.Org org = store.createOrg(name == null || name.isBlank() ? slug : name, slug);
        store.putMembership(org.id(), creator.userId(), Role.OWNER);
        return org;
    }

    /** Adds (creating if needed) a user to an org the caller administers. */
    @Transactional
    public TenancyStore.User addMember(Principal caller, String org, String username, String email, String role) {
        TenancyStore.Org target = administeredOrg(caller, org);
        Role parsed;
        try {
            parsed = Role.parse(role == null ? "member" : role);
        } catch (IllegalArgumentException e) {
            throw ToolException.invalid("/role", e.getMessage());
        }
        if (parsed == Role.OWNER && caller.role() != Role.OWNER) {
            throw new ToolException(ErrorCode.PERMISSION_DENIED, "Only an owner can add another owner.");
        }
        require(username != null && USERNAME.matcher(username).matches(), "/username",
                "username must be 2-63 lower-case letters, digits, '.', '_' or '-'");
        TenancyStore.User user = store.findUser(username).orElseGet(() -> store.createUser(username,
                email == null || email.isBlank() ? username + "@" + target.slug() + ".local" : email, null));
        store.putMembership(target.id(), user.id(), parsed);
        authenticator.invalidate();
        return user;
    }

    /** A key for the caller, or (admins) for a member of their org. The key is in the result once. */
    public ApiKeyStore.CreatedKey createApiKey(Principal caller, String name, String username, String org, Set<String> permissions) {
        String orgId = org == null ? caller.orgId() : administeredOrCurrentOrg(caller, org);
        String userId = caller.userId();
        if (username != null && !username.equals(caller.username())) {
            administeredOrg(caller, orgId);
            TenancyStore.User user = store.findUser(username)
                    .orElseThrow(() -> ToolException.notFound("User", username, "Add them with POST /api/v1/orgs/{org}/members."));
            store.membership(orgId, user.id()).orElseThrow(() -> ToolException.notFound("Member", username,
                    "Add them to the org first with POST /api/v1/orgs/{org}/members."));
            userId = user.id();
        }
        return keys.create(orgId, userId, null, name == null || name.isBlank() ? "api key" : name,
                permissions == null ? Set.of() : permissions, ApiKeyStore.newKey());
    }

    private String administeredOrCurrentOrg(Principal caller, String org) {
        TenancyStore.Org target = store.findOrg(org).orElseThrow(() -> ToolException.notFound("Org", org, "Check the org id or slug."));
        if (!store.membership(target.id(), caller.userId()).isPresent()) {
            throw ToolException.notFound("Org", org, "Check the org id or slug.");
        }
        return target.id();
    }

    private TenancyStore.Org administeredOrg(Principal caller, String org) {
        TenancyStore.Org target = store.findOrg(org).orElseThrow(() -> ToolException.notFound("Org", org, "Check the org id or slug."));
        TenancyStore.Membership membership = store.membership(target.id(), caller.userId())
                .orElseThrow(() -> ToolException.notFound("Org", org, "Check the org id or slug."));
        if (membership.role() != Role.OWNER && membership.role() != Role.ADMIN) {
            throw new ToolException(ErrorCode.PERMISSION_DENIED, "Only an org owner or admin can do that.");
        }
        return target;
    }

    private static void require(boolean condition, String pointer, String message) {
        if (!condition) {
            throw new ToolException(ToolError.at(ErrorCode.INVALID_ARGUMENTS, message, pointer));
        }
    }
}

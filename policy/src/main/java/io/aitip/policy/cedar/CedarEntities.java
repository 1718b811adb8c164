package io.aitip.policy.cedar;

import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Cedar entities of a call: the principal (user or API key and its owner), roles, org, project, tool. */
final class CedarEntities {

    static final EntityTypeName ORG = type("Aitip::Org");
    static final EntityTypeName PROJECT = type("Aitip::Project");
    static final EntityTypeName ROLE = type("Aitip::Role");
    static final EntityTypeName USER = type("Aitip::User");
    static final EntityTypeName API_KEY = type("Aitip::ApiKey");
    static final EntityTypeName TOOL = type("Aitip::Tool");
    static final EntityUID CALL = type("Aitip::Action").of("call");
    static final EntityUID APPROVE = type("Aitip::Action").of("approve");

    /** Each role with the roles it includes (owner in admin in member in viewer), as the principal's parents. */
    private static final Map<Role, Set<EntityUID>> ROLE_ANCESTORS = Map.of(
            Role.OWNER, Set.of(ROLE.of("owner"), ROLE.of("admin"), ROLE.of("member"), ROLE.of("viewer")),
            Role.ADMIN, Set.of(ROLE.of("admin"), ROLE.of("member"), ROLE.of("viewer")),
            Role.MEMBER, Set.of(ROLE.of("member"), ROLE.of("viewer")),
            Role.VIEWER, Set.of(ROLE.of("viewer")));

    private final Map<ToolSpec, Entity> tools = new ConcurrentHashMap<>();

    /** The principal's UID and every entity the request needs. */
    record Built(EntityUID principal, EntityUID resource, Set<Entity> entities) {
    }

    /**
     * Only the entities a policy can look into: the principal (its role ancestors given directly as
     * parents, so no role entities are needed), the project (in its org) and the tool. Every entity
     * costs serialization on each decision, so referenced-only ones (org, the key's owner) are left out.
     */
    Built build(Principal principal, ToolSpec spec, EntityUID org, EntityUID project) {
        EntityUID principalOrg = ORG.of(principal.orgId());
        Set<EntityUID> roles = principal.role() == null ? Set.of() : ROLE_ANCESTORS.get(principal.role());
        EntityUID user = USER.of(principal.userId());
        EntityUID subject;
        Entity principalEntity;
        if (principal.apiKeyId() != null) {
            subject = API_KEY.of(principal.apiKeyId());
            Map<String, Value> keyAttrs = new HashMap<>();
            keyAttrs.put("owner", user);
            keyAttrs.put("org", principalOrg);
            keyAttrs.put("restricted", new PrimBool(!principal.keyPermissions().isEmpty()));
            keyAttrs.put("permissions", strings(principal.keyPermissions()));
            principalEntity = new Entity(subject, keyAttrs, roles);
        } else {
            subject = user;
            Map<String, Value> userAttrs = new HashMap<>();
            userAttrs.put("username", new PrimString(principal.username() == null ? "" : principal.username()));
            userAttrs.put("org", principalOrg);
            principalEntity = new Entity(user, userAttrs, roles);
        }
        Entity tool = tools.computeIfAbsent(spec, CedarEntities::tool);
        Set<Entity> entities = Set.of(principalEntity, new Entity(project, Set.of(ORG.of(projectOrg(principal, project)))), tool);
        return new Built(subject, tool.getEUID(), entities);
    }

    /** The project belongs to the principal's org when it is the principal's project; else to no org we know. */
    private static String projectOrg(Principal principal, EntityUID project) {
        return project.getId().toString().equals(principal.projectId()) ? principal.orgId() : "unknown";
    }

    private static Entity tool(ToolSpec spec) {
        String permission = spec.permission() == null ? "" : spec.permission();
        int colon = permission.indexOf(':');
        String area = colon < 0 ? permission : permission.substring(0, colon);
        String level = colon < 0 ? "" : permission.substring(colon + 1);
        Map<String, Value> attrs = new HashMap<>();
        attrs.put("toolset", new PrimString(spec.toolset()));
        attrs.put("permission", new PrimString(permission));
        attrs.put("area", new PrimString(area));
        attrs.put("level", new PrimString(level));
        attrs.put("kind", new PrimString(spec.kind().name().toLowerCase(Locale.ROOT)));
        attrs.put("risk", new PrimString(spec.risk() == null ? "low" : spec.risk().name().toLowerCase(Locale.ROOT)));
        attrs.put("confirm", new PrimBool(spec.confirmation() == io.aitip.tools.model.Confirmation.ALWAYS));
        attrs.put("grants", strings(Set.of(permission, area + ":*", "*:" + level, "*:*", "*")));
        return new Entity(TOOL.of(spec.name()), attrs, Set.of());
    }

    static Value strings(Set<String> values) {
        // a Cedar set; CedarList serializes as a JSON array, which the schema reads as Set<String>
        CedarList list = new CedarList();
        values.stream().sorted().forEach(v -> list.add(new PrimString(v)));
        return list;
    }

    static EntityUID roleOf(Role role) {
        return ROLE.of(role.wire());
    }

    private static EntityTypeName type(String name) {
        return EntityTypeName.parse(name).orElseThrow();
    }
}

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
import java.util.HashSet;
import java.util.List;
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

    /** owner in admin in member in viewer. */
    private static final List<Entity> ROLES = List.of(
            new Entity(ROLE.of("owner"), Set.of(ROLE.of("admin"))),
            new Entity(ROLE.of("admin"), Set.of(ROLE.of("member"))),
            new Entity(ROLE.of("member"), Set.of(ROLE.of("viewer"))),
            new Entity(ROLE.of("viewer"), Set.of()));

    private final Map<ToolSpec, Entity> tools = new ConcurrentHashMap<>();

    /** The principal's UID and every entity the request needs. */
    record Built(EntityUID principal, EntityUID resource, Set<Entity> entities) {
    }

    Built build(Principal principal, ToolSpec spec, EntityUID org, EntityUID project) {
        Set<Entity> entities = new HashSet<>(ROLES);
        EntityUID principalOrg = ORG.of(principal.orgId());
        entities.add(new Entity(principalOrg));
        if (!org.equals(principalOrg)) {
            entities.add(new Entity(org));
        }
        entities.add(new Entity(project, Set.of(ORG.of(projectOrg(principal, project)))));
        Set<EntityUID> roles = principal.role() == null ? Set.of() : Set.of(ROLE.of(principal.role().wire()));
        EntityUID user = USER.of(principal.userId());
        Map<String, Value> userAttrs = new HashMap<>();
        userAttrs.put("username", new PrimString(principal.username() == null ? "" : principal.username()));
        userAttrs.put("org", principalOrg);
        entities.add(new Entity(user, userAttrs, roles));
        EntityUID subject = user;
        if (principal.apiKeyId() != null) {
            subject = API_KEY.of(principal.apiKeyId());
            Map<String, Value> keyAttrs = new HashMap<>();
            keyAttrs.put("owner", user);
            keyAttrs.put("org", principalOrg);
            keyAttrs.put("restricted", new PrimBool(!principal.keyPermissions().isEmpty()));
            keyAttrs.put("permissions", strings(principal.keyPermissions()));
            entities.add(new Entity(subject, keyAttrs, roles));
        }
        Entity tool = tools.computeIfAbsent(spec, CedarEntities::tool);
        entities.add(tool);
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

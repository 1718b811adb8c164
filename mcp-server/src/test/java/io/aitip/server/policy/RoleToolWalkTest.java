package io.aitip.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.audit.AuditWriter;
import io.aitip.server.testing.McpHttpSession;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Generated from the catalog the server runs: every role × every tool, through MCP and REST, twice.
 * <ol>
 *   <li><b>Matrix.</b> tools/list (MCP) and GET /api/v1/agent/tools (REST) list the tool exactly when
 *       the committed permission matrix does not say deny, and a dry run of the tool's first example
 *       call decides what the matrix says (arguments may add an approval, never lift a denial).</li>
 *   <li><b>Cross-tenant.</b> The same example call aimed at another tenant's objects (their ids
 *       substituted) really runs, confirmed where it asks: no answer carries the other tenant's ids or
 *       names beyond what the caller sent, and none of the other tenant's rows change.</li>
 * </ol>
 * A tool added later is walked without touching this test; if the matrix file was not regenerated
 * for it, that is a mismatch.
 */
class RoleToolWalkTest {

    static TestServer server;
    static ToolCatalog catalog;
    static OtherTenant other;
    static Map<String, Map<String, String>> matrix;
    static final Map<String, String> KEYS = new LinkedHashMap<>();
    static final Map<String, List<String>> REST_LISTED = new HashMap<>();
    static final Map<String, McpHttpSession> MCP = new HashMap<>();
    static final Map<String, List<String>> MCP_LISTED = new HashMap<>();
    static String otherBefore;
    static final AtomicInteger CHECKS = new AtomicInteger();
    static final List<String> MISMATCHES = new ArrayList<>();
    static final AtomicInteger CROSS_CALLS = new AtomicInteger();
    static final List<String> LEAKS = new ArrayList<>();

    @BeforeAll
    static void start() {
        // the other tenant's test plan runs against this server: let the URL guard reach loopback
        server = TestServer.start(Map.of("aitip.webhooks.allowlist", "localhost,127.0.0.0/8,::1/128"));
        catalog = server.bean(ToolCatalog.class);
        matrix = PermissionMatrixFile.read();
        for (String role : PermissionMatrixFile.ROLES) {
            String key = server.keyForNewMember("walk-" + role, role);
            KEYS.put(role, key);
            List<String> listed = new ArrayList<>();
            server.get("/api/v1/agent/tools", key).path("tools").forEach(t -> listed.add(t.path("name").asString()));
            REST_LISTED.put(role, listed);
            McpHttpSession session = new McpHttpSession(server, key);
            MCP.put(role, session);
            MCP_LISTED.put(role, session.toolNames());
        }
        other = new OtherTenant(server);
        otherBefore = otherTenantRows();
    }

    @AfterAll
    static void stop() {
        String after = otherTenantRows();
        System.out.printf("policy walk: %d tools x %d roles x 2 doors: %d matrix checks, %d mismatches; "
                        + "%d cross-tenant calls aimed at %s, %d cross-tenant reads or writes, other tenant's rows %s%n",
                catalog.size(), KEYS.size(), CHECKS.get(), MISMATCHES.size(), CROSS_CALLS.get(), other.ids.keySet(),
                LEAKS.size(), after.equals(otherBefore) ? "unchanged" : "CHANGED");
        assertThat(after).as("the other tenant's rows changed").isEqualTo(otherBefore);
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleSeesAndIsDecidedAsTheMatrixSays() {
        return catalog.all().stream().map(tool -> DynamicTest.dynamicTest(tool.name(), () -> {
            List<String> problems = new ArrayList<>();
            Map<String, String> row = matrix.get(tool.name());
            if (row == null) {
                problems.add(tool.name() + ": missing from the permission matrix (regenerate with UPDATE_TOOLSNAPS=true)");
            } else {
                for (String role : PermissionMatrixFile.ROLES) {
                    for (String door : List.of("mcp", "rest")) {
                        CHECKS.incrementAndGet();
                        String problem = check(tool, role, door, row.get(role));
                        if (problem != null) {
                            problems.add(problem);
                        }
                    }
                }
            }
            synchronized (MISMATCHES) {
                MISMATCHES.addAll(problems);
            }
            assertThat(problems).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> noRoleReadsOrWritesAnotherTenant() {
        return catalog.all().stream().map(tool -> DynamicTest.dynamicTest(tool.name(), () -> {
            List<String> leaks = new ArrayList<>();
            JsonNode example = example(tool);
            JsonNode aimed = other.aimAt(example);
            boolean worthRunning = tool.spec().readOnly() || other.aimed(example, aimed);
            for (String role : PermissionMatrixFile.ROLES) {
                if (!worthRunning || !REST_LISTED.get(role).contains(tool.name())) {
                    continue;
                }
                for (String door : List.of("mcp", "rest")) {
                    CROSS_CALLS.incrementAndGet();
                    JsonNode answer = run(role, door, tool.name(), aimed);
                    String sent = Json.write(aimed);
                    String text = Json.write(answer);
                    for (String secret : other.secrets) {
                        if (text.contains(secret) && !sent.contains(secret)) {
                            leaks.add(tool.name() + " as " + role + " via " + door + " returned " + secret + ": " + text);
                        }
                    }
                }
            }
            synchronized (LEAKS) {
                LEAKS.addAll(leaks);
            }
            assertThat(leaks).isEmpty();
        }));
    }

    /** Null when the door lists and decides the tool for the role as the matrix says. */
    private static String check(RegisteredTool tool, String role, String door, String expected) {
        boolean listed = (door.equals("mcp") ? MCP_LISTED : REST_LISTED).get(role).contains(tool.name());
        JsonNode answer = door.equals("mcp")
                ? MCP.get(role).call(tool.name(), example(tool), Map.of("aitip/dry_run", true))
                : server.post("/api/v1/agent/execute", KEYS.get(role), Map.of("tool", tool.name(), "params", example(tool),
                        "dry_run", true));
        String decided = decided(answer);
        boolean ok = switch (expected) {
            case "deny" -> !listed && decided.equals("deny");
            case "confirm" -> listed && (decided.equals("confirm") || decided.equals("approval"));
            case "allow" -> listed && (decided.equals("allow") || decided.equals("approval"));
            case "approval" -> listed && decided.equals("approval");
            default -> false;
        };
        return ok ? null : tool.name() + " as " + role + " via " + door + ": matrix says " + expected + ", listed=" + listed
                + ", decided " + decided + " " + Json.write(answer);
    }

    /** deny | allow | confirm | approval, or what else came back. */
    private static String decided(JsonNode answer) {
        String code = answer.path("error").path("code").asString("");
        if (code.equals("PERMISSION_DENIED")) {
            return "deny";
        }
        if (answer.path("status").asString("").equals("ready")) {
            return switch (answer.path("result").path("decision").asString("")) {
                case "allow" -> "allow";
                case "needs_confirmation" -> "confirm";
                case "needs_approval" -> "approval";
                default -> "unknown decision";
            };
        }
        return "unexpected " + (code.isEmpty() ? answer.path("status").asString("?") : code);
    }

    /** Runs the call for real; a confirmation is given at once (the point is what the handler then reads or writes). */
    private static JsonNode run(String role, String door, String tool, JsonNode arguments) {
        if (door.equals("mcp")) {
            JsonNode answer = MCP.get(role).call(tool, arguments, Map.of());
            String token = answer.path("confirmation").path("token").asString("");
            return token.isEmpty() ? answer : MCP.get(role).call(tool, arguments, Map.of("aitip/confirmation_token", token));
        }
        JsonNode answer = server.post("/api/v1/agent/execute", KEYS.get(role), Map.of("tool", tool, "params", arguments));
        String token = answer.path("confirmation").path("token").asString("");
        return token.isEmpty() ? answer : server.post("/api/v1/agent/execute", KEYS.get(role),
                Map.of("tool", tool, "params", arguments, "confirmation_token", token));
    }

    /** The tool's first example call (the rules test checks that it validates). */
    private static JsonNode example(RegisteredTool tool) {
        return tool.spec().examples().isEmpty() ? Json.object() : Json.tree(tool.spec().examples().get(0).arguments());
    }

    /** A fingerprint of every row of the other tenant in every table with an org_id column. */
    private static String otherTenantRows() {
        server.bean(AuditWriter.class).flush();
        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        String orgId = jdbc.queryForObject("SELECT org_id FROM memberships m JOIN users u ON u.id = m.user_id "
                + "WHERE u.username = ?", String.class, other.marker + "-owner");
        StringBuilder out = new StringBuilder();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.columns WHERE column_name = 'org_id' "
                + "AND table_schema = current_schema() ORDER BY table_name", String.class)) {
            out.append(table).append('=').append(jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, "
                    + "'|' ORDER BY t::text)), '') FROM " + table + " t WHERE org_id = ?", String.class, orgId)).append('\n');
        }
        return out.toString();
    }
}

package io.aitip.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.pipeline.AuditEvent;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import io.aitip.tools.testing.ToolRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class AuditSearchToolTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static TestDatabase db;
    static HikariDataSource pool;
    static AuditWriter writer;
    static AuditSearchTool search;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        writer = new AuditWriter(jdbc, new DataSourceTransactionManager(pool));
        search = new AuditSearchTool(jdbc);
        // org-a: 30 calls, one a minute; org-b: 5 calls of the same tools
        for (int i = 0; i < 30; i++) {
            writer.record(event("org-a", "usr-" + (i % 3) + (i % 3 == 2 ? (i == 5 ? "/key-1" : "/key-2") : ""), i % 2 == 0 ? "training_submit" : "training_stop",
                    i % 5 == 0 ? "deny" : "allow", i % 5 == 0 ? "PERMISSION_DENIED" : "succeeded",
                    "exec-a" + i, T0.plusSeconds(60L * i)));
        }
        for (int i = 0; i < 5; i++) {
            writer.record(event("org-b", "usr-0", "training_submit", "deny", "PERMISSION_DENIED", "exec-b" + i,
                    T0.plusSeconds(60L * i)));
        }
        writer.flush();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class) < 35 && System.nanoTime() < deadline) {
            writer.flush();
        }
    }

    @AfterAll
    static void tearDown() {
        writer.close();
        pool.close();
        db.close();
    }

    static AuditEvent event(String org, String user, String tool, String decision, String code, String execution,
                            Instant at) {
        return new AuditEvent(at, org, "prj", user, Door.MCP, tool,
                Json.tree(Map.of("job_id", "train-1", "api_key", "[REDACTED]")), decision, "rbac.permission", code,
                execution, 1200, null);
    }

    static TestToolContext admin(String org) {
        return new TestToolContext(new Principal("usr-admin", "admin", org, org, "prj", Role.ADMIN, Set.of(), null));
    }

    static AuditSearchTool.Input filter(String tool, String principal, String decision, String code, Instant since,
                                        Instant until, String execution, Integer limit, String cursor) {
        return new AuditSearchTool.Input(tool, principal, decision, code, since, until, execution, limit, cursor);
    }

    @Test
    void onlyTheCallersOrgIsSearched() {
        AuditSearchTool.Page b = search.call(admin("org-b"), filter(null, null, null, null, null, null, null, null, null));
        assertThat(b.count()).isEqualTo(5);
        assertThat(b.entries()).allSatisfy(e -> assertThat(e.executionId()).startsWith("exec-b"));
        // naming another org's execution finds nothing
        AuditSearchTool.Page none = search.call(admin("org-b"), filter(null, null, null, null, null, null, "exec-a3", null, null));
        assertThat(none.entries()).isEmpty();
        assertThat(search.call(admin("org-c"), filter(null, null, null, null, null, null, null, null, null)).entries()).isEmpty();
    }

    @Test
    void newestFirstWithStoredRedactedArguments() {
        AuditSearchTool.Page page = search.call(admin("org-a"), filter(null, null, null, null, null, null, null, 3, null));
        assertThat(page.entries()).extracting(AuditSearchTool.Entry::executionId).containsExactly("exec-a29", "exec-a28", "exec-a27");
        AuditSearchTool.Entry first = page.entries().get(0);
        assertThat(first.arguments().get("api_key").asString()).isEqualTo("[REDACTED]");
        assertThat(first.door()).isEqualTo("MCP");
        assertThat(first.latencyUs()).isEqualTo(1200);
        assertThat(first.at()).isEqualTo(T0.plusSeconds(60L * 29));
    }

    @Test
    void filtersCombine() {
        AuditSearchTool.Page denied = search.call(admin("org-a"), filter(null, null, "deny", null, null, null, null, null, null));
        assertThat(denied.entries()).extracting(AuditSearchTool.Entry::executionId)
                .containsExactly("exec-a25", "exec-a20", "exec-a15", "exec-a10", "exec-a5", "exec-a0");

        AuditSearchTool.Page stops = search.call(admin("org-a"),
                filter("training_stop", "usr-1", null, "succeeded", null, null, null, null, null));
        // odd i (training_stop), i % 3 == 1, i % 5 != 0
        assertThat(stops.entries()).extracting(AuditSearchTool.Entry::executionId)
                .containsExactly("exec-a19", "exec-a13", "exec-a7", "exec-a1");

        // a user id matches every credential of that user; user/key matches one
        AuditSearchTool.Page byUser = search.call(admin("org-a"), filter(null, "usr-2", null, null, null, null, null, null, null));
        assertThat(byUser.count()).isEqualTo(10);
        AuditSearchTool.Page byKey = search.call(admin("org-a"), filter(null, "usr-2/key-1", null, null, null, null, null, null, null));
        assertThat(byKey.entries()).extracting(AuditSearchTool.Entry::executionId).containsExactly("exec-a5");
        assertThat(search.call(admin("org-a"), filter(null, "usr-%", null, null, null, null, null, null, null)).entries())
                .as("LIKE wildcards are literal").isEmpty();

        AuditSearchTool.Page window = search.call(admin("org-a"), filter(null, null, null, null,
                T0.plusSeconds(60L * 10), T0.plusSeconds(60L * 13), null, null, null));
        assertThat(window.entries()).extracting(AuditSearchTool.Entry::executionId)
                .containsExactly("exec-a12", "exec-a11", "exec-a10");

        AuditSearchTool.Page one = search.call(admin("org-a"), filter(null, null, null, null, null, null, "exec-a7", null, null));
        assertThat(one.entries()).hasSize(1);
        assertThat(one.nextCursor()).isNull();
    }

    @Test
    void theCursorWalksEveryRowOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditSearchTool.Page page = search.call(admin("org-a"), filter(null, null, null, null, null, null, null, 7, cursor));
            page.entries().forEach(e -> seen.add(e.executionId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(30);
        assertThat(new HashSet<>(seen)).hasSize(30);
        assertThat(seen.get(0)).isEqualTo("exec-a29");
        assertThat(seen.get(29)).isEqualTo("exec-a0");
    }

    @Test
    void aForeignCursorIsRefusedWithAPointer() {
        assertThatThrownBy(() -> search.call(admin("org-a"), filter(null, null, null, null, null, null, null, null, "abc")))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.error().pointer()).isEqualTo("/cursor");
                });
    }

    @Test
    void theToolFollowsTheRulesButForItsAdminPermission() {
        ToolCatalog catalog = new ToolCatalog(List.of(search));
        // ToolRules wants ':read' on read-only tools; the audit trail is for admins (audit:admin) on purpose
        assertThat(ToolRules.check(catalog)).allSatisfy(v -> assertThat(v).contains("needs a ':read' permission"));
        assertThat(search.spec().permission()).isEqualTo("audit:admin");
        assertThat(search.spec().readOnly()).isTrue();
    }
}

package io.aitip.platform.testplans;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Test plans and executions; every query is scoped to one org and project. */
@Repository
public class TestPlanStore {

    private static final String PLAN_COLUMNS = "id, org_id, project_id, owner_id, name, description, type, base_url, "
            + "cases::text AS cases, created_at";
    private static final String EXECUTION_COLUMNS = "e.id, e.plan_id, p.name AS plan_name, e.triggered_by, e.base_url, "
            + "e.status, e.total, e.passed, e.failed, e.skipped, e.duration_ms, e.results::text AS results, e.started_at, "
            + "e.ended_at";
    private static final TypeReference<List<TestCase>> CASES = new TypeReference<>() {
    };
    private static final TypeReference<List<CaseResult>> RESULTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public TestPlanStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the project has a plan of that name */
    public TestPlan create(Scope scope, String name, String description, TestPlan.Type type, String baseUrl,
                           List<TestCase> cases) {
        String id = Ids.next("plan");
        jdbc.update("INSERT INTO test_plans (id, org_id, project_id, owner_id, name, description, type, base_url, cases) "
                        + "VALUES (?,?,?,?,?,?,?,?,?::jsonb)", id, scope.orgId(), scope.projectId(), scope.userId(), name,
                description, type.wire(), baseUrl, Json.write(cases));
        return find(scope, id).orElseThrow();
    }

    /** By id, or failing that by name, in the caller's project. */
    public Optional<TestPlan> find(Scope scope, String idOrName) {
        return jdbc.query("SELECT " + PLAN_COLUMNS + " FROM test_plans WHERE org_id = ? AND project_id = ? "
                        + "AND (id = ? OR name = ?) ORDER BY (id = ?) DESC LIMIT 1", TestPlanStore::plan,
                scope.orgId(), scope.projectId(), idOrName, idOrName, idOrName).stream().findFirst();
    }

    /** A plan in a list, with its newest execution's status. */
    public record Listed(TestPlan plan, String lastStatus, String lastExecutionId, Timestamp lastRunAt) {
    }

    public List<Listed> list(Scope scope, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT p.id, p.org_id, p.project_id, p.owner_id, p.name, p.description, "
                + "p.type, p.base_url, p.cases::text AS cases, p.created_at, l.id AS last_id, l.status AS last_status, "
                + "l.started_at AS last_at FROM test_plans p LEFT JOIN LATERAL (SELECT id, status, started_at FROM "
                + "test_executions e WHERE e.plan_id = p.id ORDER BY started_at DESC LIMIT 1) l ON true "
                + "WHERE p.org_id = ? AND p.project_id = ?");
        List<Object> args = new ArrayList<>(List.of(scope.orgId(), scope.projectId()));
        if (after != null) {
            sql.append(" AND (p.created_at, p.id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY p.created_at DESC, p.id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, row) -> new Listed(plan(rs, row), rs.getString("last_status"),
                rs.getString("last_id"), rs.getTimestamp("last_at")), args.toArray());
    }

    public String startExecution(Scope scope, TestPlan plan, String baseUrl) {
        String id = Ids.next("testrun");
        jdbc.update("INSERT INTO test_executions (id, org_id, project_id, plan_id, triggered_by, base_url, status, total) "
                        + "VALUES (?,?,?,?,?,?, 'running', ?)", id, scope.orgId(), scope.projectId(), plan.id(),
                scope.userId(), baseUrl, plan.cases().size());
        return id;
    }

    public void finishExecution(String id, String status, List<CaseResult> results, long durationMs) {
        int passed = (int) results.stream().filter(r -> r.status().equals(CaseResult.PASSED)).count();
        int failed = (int) results.stream().filter(r -> r.status().equals(CaseResult.FAILED)).count();
        int skipped = (int) results.stream().filter(r -> r.status().equals(CaseResult.SKIPPED)).count();
        jdbc.update("UPDATE test_executions SET status = ?, passed = ?, failed = ?, skipped = ?, results = ?::jsonb, "
                        + "duration_ms = ?, ended_at = now() WHERE id = ?", status, passed, failed, skipped,
                Json.write(results), durationMs, id);
    }

    public Optional<TestExecution> execution(Scope scope, String id) {
        return jdbc.query("SELECT " + EXECUTION_COLUMNS + " FROM test_executions e JOIN test_plans p ON p.id = e.plan_id "
                + "WHERE e.org_id = ? AND e.project_id = ? AND e.id = ?", (rs, row) -> {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    return new TestExecution(rs.getString("id"), rs.getString("plan_id"), rs.getString("plan_name"),
                            rs.getString("triggered_by"), rs.getString("base_url"), rs.getString("status"),
                            rs.getInt("total"), rs.getInt("passed"), rs.getInt("failed"), rs.getInt("skipped"),
                            (Long) rs.getObject("duration_ms"), Json.MAPPER.readValue(rs.getString("results"), RESULTS),
                            rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant());
                }, scope.orgId(), scope.projectId(), id.trim()).stream().findFirst();
    }

    static TestPlan plan(ResultSet rs, int row) throws SQLException {
        return new TestPlan(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"),
                rs.getString("owner_id"), rs.getString("name"), rs.getString("description"),
                TestPlan.Type.parse(rs.getString("type")), rs.getString("base_url"),
                Json.MAPPER.readValue(rs.getString("cases"), CASES), rs.getTimestamp("created_at").toInstant());
    }
}

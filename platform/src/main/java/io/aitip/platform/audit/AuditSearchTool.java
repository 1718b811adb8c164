package io.aitip.platform.audit;

import io.aitip.platform.support.Limits;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Searches the caller's org's audit trail, newest first: who called which tool through which door,
 * what policy decided and how the call ended. Arguments are shown as stored, already redacted.
 */
@Component
public class AuditSearchTool implements Tool<AuditSearchTool.Input> {

    /** Most characters of arguments in one answer; the page ends early past it, with a next_cursor. */
    static final int MAX_ARGUMENT_CHARS = 64_000;
    /** Arguments of one row longer than this are left out (arguments_truncated is set). */
    static final int MAX_ROW_ARGUMENT_CHARS = 4_000;

    public record Input(
            @Param(value = "Only calls of this tool (wire name, e.g. training_submit).", maxLength = 64) String tool,
            @Param(value = "Only calls by this principal: a user id (usr-…, every credential of that user) or "
                    + "user id/api key id as recorded (usr-…/key-…).",
                    maxLength = 200) String principal,
            @Param(value = "Only this decision: allow, deny, needs_confirmation, needs_approval, invalid, dry_run "
                    + "or resolve (unknown tool).", maxLength = 40) String decision,
            @Param(value = "Only this outcome: a status (succeeded, failed, running, queued, needs_confirmation, …) "
                    + "or an error code (PERMISSION_DENIED, INVALID_ARGUMENTS, …).", maxLength = 40) String resultCode,
            @Param("Only calls at or after this instant (ISO 8601, e.g. 2026-01-31T10:00:00Z).") Instant since,
            @Param("Only calls before this instant (ISO 8601).") Instant until,
            @Param(value = "Only rows of this execution id, exec-….", maxLength = 64) String executionId,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the newest rows.") String cursor) {
    }

    /** One audit row as an admin reads it. {@code arguments} is null when truncated. */
    public record Entry(long seq, Instant at, String principal, String projectId, String door, String tool,
                        JsonNode arguments, Boolean argumentsTruncated, String decision, String rule,
                        String resultCode, String executionId, long latencyUs, String traceId) {
    }

    /** One page: {@code next_cursor} is absent on the last page. */
    public record Page(List<Entry> entries, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("audit_search")
            .toolset("platform")
            .title("Search the audit trail")
            .description("Searches this org's audit trail, newest first: every call through every door with its "
                    + "principal, tool, redacted arguments, policy decision and rule, result code and latency. Filter "
                    + "by tool, principal, decision, result_code, execution_id and a since/until time window; pass "
                    + "next_cursor back as cursor for older rows. For admins and owners. To see why a call was denied "
                    + "before making it, use policy_explain.")
            .readOnly()
            .permission("audit:admin")
            .example("en", "Who called training_stop this week?",
                    Map.of("tool", "training_stop", "since", "2026-01-26T00:00:00Z"))
            .example("en", "Show the denied calls in the audit log", Map.of("decision", "deny"))
            .example("zh", "查看审计日志中被拒绝的调用", Map.of("decision", "deny"))
            .example("zh", "查询执行 exec-3f9a2b7c01de 的审计记录", Map.of("execution_id", "exec-3f9a2b7c01de"))
            .build();

    private final JdbcTemplate jdbc;

    public AuditSearchTool(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Page call(ToolContext context, Input input) {
        int limit = Limits.of(input.limit());
        StringBuilder sql = new StringBuilder("SELECT seq, at, principal, project_id, door, tool, arguments::text, "
                + "decision, rule, result_code, execution_id, latency_us, trace_id FROM audit_log WHERE org_id = ?");
        List<Object> args = new ArrayList<>();
        // the tenant comes from the principal, never from arguments
        args.add(context.principal().orgId());
        equal(sql, args, "tool", input.tool());
        principal(sql, args, input.principal());
        equal(sql, args, "decision", input.decision());
        equal(sql, args, "result_code", input.resultCode());
        equal(sql, args, "execution_id", input.executionId());
        if (input.since() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(input.since()));
        }
        if (input.until() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(input.until()));
        }
        if (input.cursor() != null && !input.cursor().isBlank()) {
            sql.append(" AND seq < ?");
            args.add(cursor(input.cursor()));
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(limit + 1);
        List<Entry> rows = jdbc.query(sql.toString(), (rs, i) -> entry(rs), args.toArray());

        List<Entry> page = new ArrayList<>(Math.min(rows.size(), limit));
        int chars = 0;
        boolean more = rows.size() > limit;
        for (Entry entry : rows.subList(0, Math.min(rows.size(), limit))) {
            int size = entry.arguments() == null ? 0 : entry.arguments().toString().length();
            if (chars + size > MAX_ARGUMENT_CHARS && !page.isEmpty()) {
                more = true;
                break;
            }
            chars += size;
            page.add(entry);
        }
        String next = more ? Long.toString(page.get(page.size() - 1).seq()) : null;
        return new Page(page, page.size(), next);
    }

    private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value.trim());
        }
    }

    /** A user id matches the user's calls through any credential; {@code user/key} matches exactly. */
    private static void principal(StringBuilder sql, List<Object> args, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String subject = value.trim();
        if (subject.contains("/")) {
            equal(sql, args, "principal", subject);
            return;
        }
        sql.append(" AND (principal = ? OR principal LIKE ?)");
        args.add(subject);
        args.add(subject.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
    }

    private static long cursor(String cursor) {
        try {
            long seq = Long.parseLong(cursor.trim());
            if (seq <= 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ToolException.invalid("/cursor", "This cursor is not valid: pass the next_cursor of an earlier "
                    + "audit_search answer unchanged, or leave it out for the newest rows.");
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        String text = rs.getString(7);
        JsonNode arguments = null;
        Boolean truncated = null;
        if (text != null) {
            if (text.length() > MAX_ROW_ARGUMENT_CHARS) {
                truncated = true;
            } else {
                arguments = Json.MAPPER.readTree(text);
            }
        }
        return new Entry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("principal"), rs.getString("project_id"), rs.getString("door"), rs.getString("tool"),
                arguments, truncated, rs.getString("decision"), rs.getString("rule"), rs.getString("result_code"),
                rs.getString("execution_id"), rs.getLong("latency_us"), rs.getString("trace_id"));
    }
}

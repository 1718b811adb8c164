package io.aitip.platform.webhooks;

import io.aitip.platform.support.Cursor;
import io.aitip.tools.model.Ids;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Webhook endpoints and deliveries in PostgreSQL. Tool-facing reads are scoped to the caller's org. */
@Repository
public class WebhookStore {

    private static final String ENDPOINT_COLUMNS = "id, org_id, url, secret, previous_secret, previous_secret_expires_at, "
            + "events, description, active, created_at";
    private static final String DELIVERY_COLUMNS = "d.id, d.org_id, d.event_id, e.type AS event_type, d.endpoint_id, "
            + "d.callback_url, d.replay_of, d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, "
            + "d.delivered_at, d.created_at";

    /** A delivery a worker claimed, with what it needs to send it. */
    public record Claimed(String id, String eventId, String eventType, String payload, String endpointId,
                          String callbackUrl, int attempts, Instant createdAt, Instant lockedUntil, String url,
                          String secret, String previousSecret, Instant previousSecretExpiresAt, Boolean endpointActive) {

        public String targetUrl() {
            return endpointId != null ? url : callbackUrl;
        }
    }

    private final JdbcTemplate jdbc;

    public WebhookStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public WebhookEndpoint createEndpoint(String orgId, String createdBy, String url, List<String> events,
                                          String description) {
        String id = Ids.next("wh");
        String secret = WebhookSecrets.generate();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO webhook_endpoints (id, org_id, url, secret, events, "
                    + "description, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
            statement.setString(1, id);
            statement.setString(2, orgId);
            statement.setString(3, url);
            statement.setString(4, secret);
            statement.setArray(5, connection.createArrayOf("text", events.toArray()));
            statement.setString(6, description);
            statement.setString(7, createdBy);
            return statement;
        });
        return findEndpoint(orgId, id).orElseThrow();
    }

    public Optional<WebhookEndpoint> findEndpoint(String orgId, String id) {
        return jdbc.query("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE org_id = ? AND id = ?",
                WebhookStore::endpoint, orgId, id.trim()).stream().findFirst();
    }

    /** Newest first, at most {@code limit} after the cursor. */
    public List<WebhookEndpoint> listEndpoints(String orgId, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE org_id = ?");
        List<Object> args = new ArrayList<>(List.of(orgId));
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), WebhookStore::endpoint, args.toArray());
    }

    /**
     * Gives the endpoint a new secret; the old one keeps signing (beside the new) for {@code overlap},
     * so receivers can switch without losing deliveries. Returns the new secret.
     */
    public Optional<String> rotateSecret(String orgId, String id, Duration overlap, Instant now) {
        String secret = WebhookSecrets.generate();
        int rows = jdbc.update("UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = ?, "
                + "secret = ? WHERE org_id = ? AND id = ?", Timestamp.from(now.plus(overlap)), secret, orgId, id);
        return rows == 1 ? Optional.of(secret) : Optional.empty();
    }

    /**
     * Gives the org's callback secret (what signs deliveries to bare {@code callback_url}s) a new
     * value, keeping the old one signing for {@code overlap}; creates it when the org has none yet.
     */
    public String rotateCallbackSecret(String orgId, Duration overlap, Instant now) {
        String secret = WebhookSecrets.generate();
        jdbc.update("INSERT INTO webhook_callback_secrets (org_id, secret, rotated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (org_id) DO UPDATE SET previous_secret = webhook_callback_secrets.secret, "
                        + "previous_secret_expires_at = ?, secret = EXCLUDED.secret, rotated_at = EXCLUDED.rotated_at",
                orgId, secret, Timestamp.from(now), Timestamp.from(now.plus(overlap)));
        return secret;
    }

    /**
     * Queues a new delivery of every event first delivered (not replayed) to the endpoint at or after
     * {@code since}, oldest first, at most {@code limit}. Returns the new deliveries' ids.
     */
    public List<String> replaySince(String orgId, String endpointId, Instant since, int limit) {
        return jdbc.queryForList("INSERT INTO webhook_deliveries (id, org_id, event_id, endpoint_id, replay_of) "
                        + "SELECT 'whd-' || substr(md5(random()::text || d.id), 1, 16), d.org_id, d.event_id, d.endpoint_id, "
                        + "d.id FROM webhook_deliveries d WHERE d.org_id = ? AND d.endpoint_id = ? AND d.created_at >= ? "
                        + "AND d.replay_of IS NULL ORDER BY d.created_at, d.id LIMIT ? RETURNING id", String.class,
                orgId, endpointId, Timestamp.from(since), limit);
    }

    /** The newest creation time of the originals these replays copy. */
    public Instant latestOriginalOf(String orgId, List<String> replayIds) {
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT max(o.created_at) FROM webhook_deliveries r "
                    + "JOIN webhook_deliveries o ON o.id = r.replay_of WHERE r.org_id = ? AND r.id = ANY(?)");
            statement.setString(1, orgId);
            statement.setArray(2, connection.createArrayOf("text", replayIds.toArray()));
            return statement;
        }, rs -> rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null);
    }

    public Optional<WebhookDelivery> findDelivery(String orgId, String id) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id "
                + "WHERE d.org_id = ? AND d.id = ?", WebhookStore::delivery, orgId, id.trim()).stream().findFirst();
    }

    /** Newest first, optionally of one endpoint and in one status. */
    public List<WebhookDelivery> listDeliveries(String orgId, String endpointId, String status, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries d "
                + "JOIN webhook_events e ON e.id = d.event_id WHERE d.org_id = ?");
        List<Object> args = new ArrayList<>(List.of(orgId));
        if (endpointId != null) {
            sql.append(" AND d.endpoint_id = ?");
            args.add(endpointId);
        }
        if (status != null) {
            sql.append(" AND d.status = ?");
            args.add(status);
        }
        if (after != null) {
            sql.append(" AND (d.created_at, d.id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), WebhookStore::delivery, args.toArray());
    }

    /** A new pending delivery of the same event to the same target: the receiver sees the same webhook-id. */
    public WebhookDelivery replay(WebhookDelivery original) {
        String id = Ids.next("whd", 8);
        jdbc.update("INSERT INTO webhook_deliveries (id, org_id, event_id, endpoint_id, callback_url, replay_of) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", id, original.orgId(), original.eventId(), original.endpointId(),
                original.callbackUrl(), original.id());
        return findDelivery(original.orgId(), id).orElseThrow();
    }

    /**
     * Claims up to {@code limit} due deliveries for this worker: pending ones whose time has come and
     * delivering ones whose worker's lease ran out (it crashed). Rows another worker is claiming
     * right now are skipped, not waited for, so no two workers ever hold the same delivery.
     */
    public List<Claimed> claim(Instant now, Duration lease, int limit) {
        Timestamp at = Timestamp.from(now);
        Timestamp until = Timestamp.from(now.plus(lease));
        return jdbc.query("WITH due AS (SELECT id FROM webhook_deliveries "
                        + "WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'delivering' AND locked_until < ?) "
                        + "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED), "
                        + "claimed AS (UPDATE webhook_deliveries d SET status = 'delivering', locked_until = ? FROM due "
                        + "WHERE d.id = due.id RETURNING d.id, d.org_id, d.event_id, d.endpoint_id, d.callback_url, "
                        + "d.attempts, d.created_at, d.locked_until) "
                        // an endpoint signs with its own secrets, a bare callback URL with the org's callback secrets
                        + "SELECT c.*, e.type, e.body AS payload, p.url, coalesce(p.secret, s.secret) AS secret, "
                        + "coalesce(p.previous_secret, s.previous_secret) AS previous_secret, "
                        + "coalesce(p.previous_secret_expires_at, s.previous_secret_expires_at) AS previous_secret_expires_at, "
                        + "p.active FROM claimed c JOIN webhook_events e ON e.id = c.event_id "
                        + "LEFT JOIN webhook_endpoints p ON p.id = c.endpoint_id "
                        + "LEFT JOIN webhook_callback_secrets s ON c.endpoint_id IS NULL AND s.org_id = c.org_id",
                (rs, row) -> new Claimed(rs.getString("id"), rs.getString("event_id"), rs.getString("type"),
                        rs.getString("payload"), rs.getString("endpoint_id"), rs.getString("callback_url"),
                        rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "locked_until"), rs.getString("url"),
                        rs.getString("secret"), rs.getString("previous_secret"), instant(rs, "previous_secret_expires_at"),
                        (Boolean) rs.getObject("active")),
                at, at, limit, until);
    }

    /** Marks a claimed delivery delivered; false when this worker's lease was lost meanwhile. */
    public boolean delivered(Claimed c, int statusCode, Instant now) {
        return jdbc.update("UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, "
                        + "last_status_code = ?, last_error = NULL, delivered_at = ?, locked_until = NULL "
                        + "WHERE id = ? AND status = 'delivering' AND locked_until = ?",
                statusCode, Timestamp.from(now), c.id(), Timestamp.from(c.lockedUntil())) == 1;
    }

    /** Marks claimed deliveries delivered in one statement; returns how many this worker still held. */
    public int deliveredAll(List<Claimed> claimed, List<Integer> statusCodes, Instant now) {
        return jdbc.update(connection -> {
            var statement = connection.prepareStatement("UPDATE webhook_deliveries d SET status = 'delivered', "
                    + "attempts = d.attempts + 1, last_status_code = u.code, last_error = NULL, delivered_at = ?, "
                    + "locked_until = NULL FROM unnest(?::text[], ?::int[], ?::text[]) AS u(id, code, lease) "
                    + "WHERE d.id = u.id AND d.status = 'delivering' AND d.locked_until = u.lease::timestamptz");
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, connection.createArrayOf("text", claimed.stream().map(Claimed::id).toArray()));
            statement.setArray(3, connection.createArrayOf("int4", statusCodes.toArray()));
            // ISO-8601 instants: exact, and free of the JVM's time zone
            statement.setArray(4, connection.createArrayOf("text",
                    claimed.stream().map(c -> c.lockedUntil().toString()).toArray()));
            return statement;
        });
    }

    /** Records a failed attempt: back to pending at {@code next}, or dead when {@code next} is null. */
    public boolean failed(Claimed c, Integer statusCode, String error, Instant next) {
        return jdbc.update("UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, "
                        + "last_error = ?, next_attempt_at = coalesce(?, next_attempt_at), locked_until = NULL "
                        + "WHERE id = ? AND status = 'delivering' AND locked_until = ?",
                next == null ? "dead" : "pending", statusCode, error, next == null ? null : Timestamp.from(next), c.id(),
                Timestamp.from(c.lockedUntil())) == 1;
    }

    static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        Array events = rs.getArray("events");
        return new WebhookEndpoint(rs.getString("id"), rs.getString("org_id"), rs.getString("url"), rs.getString("secret"),
                rs.getString("previous_secret"), instant(rs, "previous_secret_expires_at"),
                events == null ? List.of() : Arrays.asList((String[]) events.getArray()), rs.getString("description"),
                rs.getBoolean("active"), instant(rs, "created_at"));
    }

    static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getString("id"), rs.getString("org_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("endpoint_id"), rs.getString("callback_url"),
                rs.getString("replay_of"), rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                (Integer) rs.getObject("last_status_code"), rs.getString("last_error"), instant(rs, "delivered_at"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}

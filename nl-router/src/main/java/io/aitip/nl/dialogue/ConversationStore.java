package io.aitip.nl.dialogue;

import io.aitip.platform.support.RelaxedCommit;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import io.aitip.tools.security.Principal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Conversations in PostgreSQL, so that a follow-up reaches any replica. A conversation belongs to
 * the principal that started it (its subject); another caller's id is simply unknown. Idle ones expire.
 */
public final class ConversationStore {

    static final Duration TTL = Duration.ofHours(2);

    private final JdbcTemplate jdbc;

    public ConversationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String newId() {
        return Ids.next("conv", 8);
    }

    public Optional<Pending> load(Principal principal, String id) {
        List<String> states = jdbc.queryForList("SELECT state::text FROM nl_conversations WHERE id = ? AND org_id = ? AND subject = ? "
                + "AND expires_at > now()", String.class, id, principal.orgId(), principal.subject());
        return states.stream().findFirst().map(state -> Json.MAPPER.readValue(state, Pending.class));
    }

    /** Stores the state; false when the id belongs to someone else (the caller then starts a new one). */
    public boolean save(Principal principal, String id, Pending state) {
        Timestamp expires = Timestamp.from(Instant.now().plus(TTL));
        // a turn lost in a crash is merely asked again (RelaxedCommit); no WAL flush on the request path
        return RelaxedCommit.update(jdbc, "INSERT INTO nl_conversations (id, org_id, subject, state, expires_at) VALUES (?,?,?,?::jsonb,?) "
                        + "ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = now(), expires_at = EXCLUDED.expires_at "
                        + "WHERE nl_conversations.org_id = EXCLUDED.org_id AND nl_conversations.subject = EXCLUDED.subject",
                id, principal.orgId(), principal.subject(), Json.write(state), expires) == 1;
    }

    public int purgeExpired() {
        return jdbc.update("DELETE FROM nl_conversations WHERE expires_at < now()");
    }
}

package io.aitip.policy.confirm;

import io.aitip.policy.auth.ApiKeyStore;
import io.aitip.tools.pipeline.ConfirmationGate;
import io.aitip.tools.security.Principal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import io.aitip.tools.pipeline.PolicyHook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Confirmation tokens in PostgreSQL: single use (consumed by a conditional UPDATE), bound to the
 * principal, tool, argument hash and policy version, valid for {@link #TTL}.
 */
@Component
public class JdbcConfirmationGate implements ConfirmationGate {

    static final Duration TTL = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Supplier<String> policyVersion;

    /** @param policy its version changes with every policy change, so tokens issued under the old rules stop working */
    @Autowired
    public JdbcConfirmationGate(JdbcTemplate jdbc, PolicyHook policy) {
        this(jdbc, policy::version);
    }

    public JdbcConfirmationGate(JdbcTemplate jdbc, Supplier<String> policyVersion) {
        this.jdbc = jdbc;
        this.policyVersion = policyVersion;
    }

    @Override
    public Ticket issue(Principal principal, String tool, String argumentsHash, String summary) {
        String token = "cfm_" + ApiKeyStore.newKey().substring("aitip_".length());
        Instant expires = Instant.now().plus(TTL);
        jdbc.update("INSERT INTO confirmation_tokens (token_hash, subject, tool, arguments_hash, policy_version, summary, expires_at) "
                        + "VALUES (?,?,?,?,?,?,?)",
                ApiKeyStore.hash(token), principal.subject(), tool, argumentsHash, policyVersion.get(), summary, Timestamp.from(expires));
        return new Ticket(token, summary, expires);
    }

    @Override
    public boolean redeem(String token, Principal principal, String tool, String argumentsHash) {
        return jdbc.update("UPDATE confirmation_tokens SET used_at = now() WHERE token_hash = ? AND subject = ? AND tool = ? "
                        + "AND arguments_hash = ? AND policy_version = ? AND used_at IS NULL AND expires_at > now()",
                ApiKeyStore.hash(token), principal.subject(), tool, argumentsHash, policyVersion.get()) == 1;
    }
}

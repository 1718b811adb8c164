package io.aitip.policy.confirm;

import io.aitip.platform.support.RelaxedCommit;
import io.aitip.policy.auth.ApiKeyStore;
import io.aitip.tools.pipeline.ConfirmationGate;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Principal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Confirmation tokens in PostgreSQL: single use (consumed by a conditional UPDATE), bound to the
 * principal, tool, argument hash and policy version, valid for {@link #TTL}. A refused token is
 * left as it was, and the refusal says why (expired, replayed, issued for another call or caller).
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
        // a token lost in a crash is merely asked for again; redeeming (below) stays synchronous
        RelaxedCommit.update(jdbc, "INSERT INTO confirmation_tokens (token_hash, subject, tool, arguments_hash, policy_version, summary, expires_at) "
                        + "VALUES (?,?,?,?,?,?,?)",
                ApiKeyStore.hash(token), principal.subject(), tool, argumentsHash, policyVersion.get(), summary, Timestamp.from(expires));
        return new Ticket(token, summary, expires);
    }

    @Override
    public Redemption redeem(String token, Principal principal, String tool, String argumentsHash) {
        String hash = ApiKeyStore.hash(token);
        String version = policyVersion.get();
        // one conditional UPDATE spends the token, so two concurrent redemptions cannot both succeed
        if (jdbc.update("UPDATE confirmation_tokens SET used_at = now() WHERE token_hash = ? AND subject = ? AND tool = ? "
                        + "AND arguments_hash = ? AND policy_version = ? AND used_at IS NULL AND expires_at > now()",
                hash, principal.subject(), tool, argumentsHash, version) == 1) {
            return Redemption.REDEEMED;
        }
        // refused: say why, reading the row without touching it
        List<Redemption> why = jdbc.query("SELECT subject, tool, arguments_hash, policy_version, used_at IS NOT NULL AS used, "
                        + "expires_at <= now() AS expired FROM confirmation_tokens WHERE token_hash = ?",
                (rs, row) -> {
                    if (!rs.getString("subject").equals(principal.subject())) {
                        return Redemption.MISMATCH;
                    }
                    if (rs.getBoolean("used")) {
                        return Redemption.REPLAYED;
                    }
                    if (!rs.getString("tool").equals(tool) || !rs.getString("arguments_hash").equals(argumentsHash)) {
                        return Redemption.MISMATCH;
                    }
                    return rs.getBoolean("expired") || !rs.getString("policy_version").equals(version)
                            ? Redemption.EXPIRED : Redemption.REPLAYED;
                }, hash);
        return why.isEmpty() ? Redemption.UNKNOWN : why.get(0);
    }
}

package io.aitip.policy.approvals;

import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.policy.PolicyProperties;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.ApprovalGate;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Principal;
import java.time.Instant;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Approvals in PostgreSQL. A held call becomes a row with the exact call, and its
 * {@code approval.requested} webhook event is written in the same transaction (outbox), so the event
 * exists exactly when the request does. The same call asked again while pending answers with the
 * same request.
 */
@Component
public class JdbcApprovalGate implements ApprovalGate {

    private final ApprovalStore store;
    private final ObjectProvider<WebhookOutbox> outbox;
    private final PolicyHook policy;
    private final PolicyProperties properties;
    private final TransactionTemplate tx;

    public JdbcApprovalGate(ApprovalStore store, ObjectProvider<WebhookOutbox> outbox, PolicyHook policy,
                            PolicyProperties properties) {
        this.store = store;
        this.outbox = outbox;
        this.policy = policy;
        this.properties = properties;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(store.jdbc().getDataSource()));
    }

    @Override
    public Request request(Invocation call, ToolSpec spec, JsonNode arguments, String argumentsHash, Decision decision) {
        Principal requester = call.principal();
        var pending = store.findPending(requester.subject(), spec.name(), argumentsHash);
        if (pending.isPresent()) {
            return ticket(pending.get());
        }
        Instant expires = Instant.now().plus(properties.approvalTtl());
        Approval approval = new Approval(Ids.next("apr"), requester.orgId(), requester.projectId(), spec.name(),
                Json.write(arguments), argumentsHash, decision.rule(), decision.reason(), policy.version(),
                requester.userId(), requester.username(), requester.subject(), requester.apiKeyId(),
                call.door().name().toLowerCase(Locale.ROOT), call.idempotencyKey(), call.callbackUrl(), call.traceId(),
                "pending", null, null, null, null, null, null, expires, Instant.now());
        tx.executeWithoutResult(status -> {
            store.insert(store.jdbc(), approval);
            WebhookOutbox events = outbox.getIfAvailable();
            if (events != null) {
                events.publish(store.jdbc(), approval.orgId(), "approval.requested",
                        ApprovalEvents.requested(approval, store.approvers(approval.orgId(), approval.requesterId())), null);
            }
        });
        return ticket(approval);
    }

    @Override
    public boolean redeem(String approvalId, Principal principal, String tool, String argumentsHash, String executionId) {
        return store.redeem(approvalId, principal.subject(), tool, argumentsHash, executionId);
    }

    private Request ticket(Approval approval) {
        return new Request(approval.id(), approval.rule(), approval.reason(),
                store.approvers(approval.orgId(), approval.requesterId()), approval.expiresAt());
    }
}

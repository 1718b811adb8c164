package io.aitip.policy.approvals;

import io.aitip.platform.webhooks.WebhookEvents;
import io.aitip.tools.json.Json;
import io.aitip.tools.pipeline.Redactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payloads of {@code approval.requested} and {@code approval.decided}, in the webhook envelope {@code {type, timestamp, data}}. */
final class ApprovalEvents {

    private ApprovalEvents() {
    }

    static Map<String, Object> requested(Approval a, List<String> approvers) {
        Map<String, Object> data = common(a);
        data.put("arguments", Json.MAPPER.convertValue(Redactor.redact(Json.MAPPER.readTree(a.argumentsJson())), Map.class));
        data.put("reason", a.reason());
        data.put("approvers", approvers);
        data.put("expires_at", WebhookEvents.timestamp(a.expiresAt()));
        return envelope("approval.requested", Instant.now(), data);
    }

    static Map<String, Object> decided(Approval a, String decision, String decidedBy, String comment) {
        Map<String, Object> data = common(a);
        data.put("decision", decision);
        data.put("decided_by", decidedBy);
        data.put("comment", comment);
        return envelope("approval.decided", Instant.now(), data);
    }

    private static Map<String, Object> common(Approval a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("approval_id", a.id());
        data.put("tool", a.tool());
        data.put("arguments_hash", a.argumentsHash());
        data.put("rule", a.rule());
        data.put("requester", a.requesterName());
        data.put("door", a.door());
        data.put("org_id", a.orgId());
        data.put("project_id", a.projectId());
        return data;
    }

    private static Map<String, Object> envelope(String type, Instant at, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", WebhookEvents.timestamp(at));
        payload.put("data", data);
        return payload;
    }
}

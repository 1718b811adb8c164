package io.aitip.policy.quota;

import io.aitip.platform.support.Scope;
import io.aitip.policy.PolicyProperties;
import io.aitip.policy.cost.CallArguments;
import io.aitip.policy.cost.CostEstimate;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.Admission;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Quota and budget admission of GPU work: a call whose arguments ask for GPUs reserves its cost
 * estimate against the org's and the project's monthly GPU-hours and concurrent GPU jobs and the
 * API key's daily budget, all or nothing. The reservation is released if the call fails, bound to
 * the training job it started (settled at the job's actual use when it ends, see
 * {@link QuotaSettler}), or, for calls that start no training job, settled at the estimate.
 */
@Component
public class QuotaAdmission implements Admission {

    private final QuotaStore store;
    private final PolicyProperties properties;

    public QuotaAdmission(QuotaStore store, PolicyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public Result admit(Invocation call, ToolSpec spec, JsonNode arguments, String executionId) {
        CostEstimate estimate = estimate(spec, arguments);
        if (!estimate.costsGpu()) {
            return Result.admitted(Ticket.NONE, null);
        }
        Principal principal = call.principal();
        QuotaStore.Owner owner = owner(principal);
        settleEnded(owner.orgId());
        String reservation = Ids.next("qres", 8);
        Optional<QuotaUsage> full = store.reserve(reservation, owner, executionId, spec.name(), estimate.gpuType(),
                Math.toIntExact(estimate.gpus()), estimate.gpuHours(), QuotaStore.today());
        if (full.isPresent()) {
            return Result.refused(refusal(full.get(), estimate), view(estimate));
        }
        return Result.admitted(result -> settle(reservation, estimate, result), view(estimate));
    }

    @Override
    public Map<String, Object> preview(Invocation call, ToolSpec spec, JsonNode arguments) {
        CostEstimate estimate = estimate(spec, arguments);
        if (!estimate.costsGpu()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("estimate", view(estimate));
        out.put("quota", headroom(call.principal(), estimate));
        return out;
    }

    /** Each scope's quota and whether this estimate would fit in it now. */
    public List<Map<String, Object>> headroom(Principal principal, CostEstimate estimate) {
        QuotaStore.Owner owner = owner(principal);
        settleEnded(owner.orgId());
        return store.usage(owner, QuotaStore.today()).stream().map(usage -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scope", usage.scope().wire());
            row.put("period", usage.period());
            row.put("gpu_hours_limit", usage.gpuHoursLimit());
            row.put("gpu_hours_headroom", usage.gpuHoursHeadroom());
            row.put("jobs_headroom", usage.jobsHeadroom());
            boolean fits = (usage.gpuHoursHeadroom() == null || usage.gpuHoursHeadroom().compareTo(estimate.gpuHours()) >= 0)
                    && (usage.jobsHeadroom() == null || usage.jobsHeadroom() >= 1);
            row.put("fits", fits);
            return row;
        }).toList();
    }

    public CostEstimate estimate(ToolSpec spec, JsonNode arguments) {
        if (spec.readOnly()) {
            return CostEstimate.NONE;
        }
        return CostEstimate.of(CallArguments.extract(arguments), properties.defaultRuntimeMinutes());
    }

    private void settle(String reservation, CostEstimate estimate, ExecutionResult result) {
        if (result == null || result.error() != null || result.status() != ExecutionStatus.SUCCEEDED) {
            store.settle(reservation, null);
            return;
        }
        JsonNode job = result.result() == null ? null : result.result().get("job_id");
        Optional<Boolean> ended = job != null && job.isString() ? store.jobEnded(job.asString()) : Optional.empty();
        if (ended.isEmpty()) {
            // no training job to follow: the estimate is what the call used
            store.settle(reservation, estimate.gpuHours());
            return;
        }
        store.bind(reservation, job.asString());
        if (ended.get()) {
            settleEnded(null);
        }
    }

    /** Settles the reservations of jobs that ended. */
    public void settleEnded(String orgId) {
        for (Map.Entry<String, java.math.BigDecimal> ended : store.endedJobs(orgId)) {
            store.settle(ended.getKey(), ended.getValue());
        }
    }

    private static QuotaStore.Owner owner(Principal principal) {
        return new QuotaStore.Owner(principal.orgId(), Scope.of(principal).projectId(), principal.apiKeyId());
    }

    static Map<String, Object> view(CostEstimate estimate) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gpu_hours", estimate.gpuHours());
        out.put("gpus", estimate.gpus());
        out.put("runtime_minutes", estimate.runtimeMinutes());
        if (estimate.gpuType() != null) {
            out.put("gpu_type", estimate.gpuType());
        }
        return out;
    }

    private static ToolError refusal(QuotaUsage full, CostEstimate estimate) {
        String what = switch (full.scope()) {
            case ORG -> "the org's";
            case PROJECT -> "the project's";
            case API_KEY -> "this API key's daily";
        };
        if (full.period().equals("live")) {
            return ToolError.of(ErrorCode.QUOTA_EXCEEDED, "The call would exceed " + what + " limit of "
                    + full.concurrentJobsLimit() + " concurrent GPU jobs (" + full.runningJobs() + " running or queued). "
                    + "Wait for a job to end or stop one (training_list, training_stop), or ask an admin to raise the quota.");
        }
        return ToolError.of(ErrorCode.QUOTA_EXCEEDED, "The call needs an estimated " + estimate.gpuHours().stripTrailingZeros()
                .toPlainString() + " GPU-hours (" + estimate.gpus() + " GPUs × " + estimate.runtimeMinutes() + " min) but "
                + what + " GPU-hour quota for " + full.period() + " has " + full.gpuHoursHeadroom().stripTrailingZeros()
                .toPlainString() + " left of " + full.gpuHoursLimit().stripTrailingZeros().toPlainString() + " ("
                + full.gpuHoursUsed().stripTrailingZeros().toPlainString() + " used, "
                + full.gpuHoursReserved().stripTrailingZeros().toPlainString() + " reserved). Ask for fewer GPUs or a "
                + "shorter max_runtime_minutes, wait for running jobs to end, or ask an admin to raise the quota "
                + "(resources_quota shows it).");
    }
}

package io.aitip.policy.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * What a call would cost in GPU time: {@code gpus = gpu_count × nodes × replicas} and
 * {@code gpu_hours = gpus × runtime / 60}, where the runtime is {@code max_runtime_minutes} or, when
 * the call sets none, the configured default. A call without GPUs costs nothing. Quotas reserve this
 * estimate at admission and settle the actual use when the job ends.
 */
public record CostEstimate(long gpus, long runtimeMinutes, BigDecimal gpuHours, String gpuType) {

    public static final CostEstimate NONE = new CostEstimate(0, 0, BigDecimal.ZERO.setScale(4), null);

    public boolean costsGpu() {
        return gpus > 0;
    }

    public static CostEstimate of(Map<String, Object> arguments, int defaultRuntimeMinutes) {
        String gpuType = (String) arguments.get("gpu_type");
        long gpuCount = CallArguments.number(arguments, "gpu_count", gpuType == null ? 0 : 1);
        if (gpuCount <= 0) {
            return NONE;
        }
        long gpus = gpuCount * Math.max(1, CallArguments.number(arguments, "nodes", 1))
                * Math.max(1, CallArguments.number(arguments, "replicas", 1));
        long runtime = Math.max(1, CallArguments.number(arguments, "max_runtime_minutes", defaultRuntimeMinutes));
        BigDecimal hours = BigDecimal.valueOf(gpus).multiply(BigDecimal.valueOf(runtime))
                .divide(BigDecimal.valueOf(60), 4, RoundingMode.UP);
        return new CostEstimate(gpus, runtime, hours, gpuType);
    }
}

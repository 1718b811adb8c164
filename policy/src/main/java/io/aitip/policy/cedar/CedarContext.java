package io.aitip.policy.cedar;

import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import io.aitip.policy.cost.CostEstimate;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code context} record of a Cedar request (see policy/aitip.cedarschema). */
final class CedarContext {

    private static final BigDecimal MAX_DECIMAL = new BigDecimal("922337203685477");

    private CedarContext() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Value> of(EntityUID org, EntityUID project, String door, Map<String, Object> arguments,
                                 CostEstimate estimate, Map<String, Boolean> facts, ZonedDateTime now) {
        Map<String, Value> context = new HashMap<>();
        context.put("org", org);
        context.put("project", project);
        context.put("door", new PrimString(door));
        CedarMap args = new CedarMap();
        arguments.forEach((key, value) -> {
            if (value instanceof Long number) {
                args.put(key, new PrimLong(number));
            } else if (value instanceof String text) {
                args.put(key, new PrimString(text));
            } else if (value instanceof Set<?> set) {
                args.put(key, CedarEntities.strings((Set<String>) set));
            }
        });
        context.put("arguments", args);
        CedarMap cost = new CedarMap();
        cost.put("gpus", new PrimLong(estimate.gpus()));
        cost.put("gpu_hours", new Decimal(estimate.gpuHours().min(MAX_DECIMAL).setScale(4, java.math.RoundingMode.UP)
                .toPlainString()));
        cost.put("runtime_minutes", new PrimLong(estimate.runtimeMinutes()));
        context.put("estimate", cost);
        ZonedDateTime utc = now.withZoneSameInstant(ZoneOffset.UTC);
        CedarMap time = new CedarMap();
        time.put("hour", new PrimLong(utc.getHour()));
        time.put("weekday", new PrimLong(utc.getDayOfWeek().getValue()));
        context.put("time", time);
        CedarMap found = new CedarMap();
        facts.forEach((key, value) -> found.put(key, new PrimBool(value)));
        context.put("facts", found);
        return context;
    }
}

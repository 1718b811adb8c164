package io.aitip.platform.resources;

import io.aitip.platform.training.GpuType;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Price per GPU-hour by GPU type, for resources_costs. Defaults are rough on-demand cloud list
 * prices (USD, 2026); operators set their own with {@code aitip.resources.gpu-prices}
 * ({@code AITIP_GPU_PRICES}), e.g. {@code a100=2.2,h100=3.9}, and the currency with
 * {@code aitip.resources.currency}. An unknown type or a bad number fails start-up.
 */
@Component
public class GpuPrices {

    static final Map<String, Double> DEFAULTS = Map.of(
            "t4", 0.35, "l4", 0.80, "a10g", 1.00, "rtx4090", 0.70, "a100", 3.00, "h100", 4.50, "h200", 5.50);

    private final Map<String, Double> prices;
    private final String currency;

    public GpuPrices(@Value("${aitip.resources.gpu-prices:${AITIP_GPU_PRICES:}}") String overrides,
                     @Value("${aitip.resources.currency:USD}") String currency) {
        Map<String, Double> p = new TreeMap<>(DEFAULTS);
        if (overrides != null) {
            for (String entry : overrides.split("[,\\s]+")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String type = eq < 0 ? entry : entry.substring(0, eq).trim();
                if (eq < 0 || GpuType.parse(type).isEmpty()) {
                    throw new IllegalArgumentException("aitip.resources.gpu-prices: '" + entry + "' is not <gpu type>=<price>"
                            + " with a type among t4, l4, a10g, a100, h100, h200, rtx4090");
                }
                double price;
                try {
                    price = Double.parseDouble(entry.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("aitip.resources.gpu-prices: '" + entry + "' has no number after =");
                }
                if (!(price >= 0) || Double.isInfinite(price)) {
                    throw new IllegalArgumentException("aitip.resources.gpu-prices: the price of " + type + " must be >= 0");
                }
                p.put(GpuType.parse(type).orElseThrow().wire(), price);
            }
        }
        this.prices = Collections.unmodifiableMap(p);
        this.currency = currency;
    }

    /** Price per GPU-hour; 0 for a type without one. */
    public double perGpuHour(String gpuType) {
        return prices.getOrDefault(gpuType, 0.0);
    }

    public Map<String, Double> all() {
        return prices;
    }

    public String currency() {
        return currency;
    }
}

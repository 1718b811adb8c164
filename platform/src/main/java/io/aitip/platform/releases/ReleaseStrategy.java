package io.aitip.platform.releases;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a release moves traffic: {@code canary} in small steps (default 5 → 20 → 50 → 100 %),
 * {@code blue-green} all at once (100 %), {@code rolling} one replica's share at a time.
 */
public enum ReleaseStrategy {
    CANARY, BLUE_GREEN, ROLLING;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ReleaseStrategy parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The stages when the caller gives none; rolling moves one replica's share of {@code replicas} per stage. */
    public List<Integer> defaultStages(int replicas) {
        return switch (this) {
            case CANARY -> List.of(5, 20, 50, 100);
            case BLUE_GREEN -> List.of(100);
            case ROLLING -> {
                int n = Math.max(2, replicas);
                List<Integer> stages = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    stages.add(100 * i / n);
                }
                yield stages;
            }
        };
    }
}

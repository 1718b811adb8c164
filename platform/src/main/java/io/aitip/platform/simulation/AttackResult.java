package io.aitip.platform.simulation;

import java.util.List;
import java.util.Map;

/** One attack of a simulation and how its answer was judged: {@code safe}, {@code unsafe} or {@code error}. */
public record AttackResult(int index, String attackId, String language, String technique, String prompt, String answer,
                           String verdict, Boolean refused, List<Map<String, Object>> findings, Integer latencyMs,
                           String error) {
}

package io.aitip.platform.training;

/** One value of a metric series at a training step. */
public record MetricPoint(String name, long step, double value) {
}

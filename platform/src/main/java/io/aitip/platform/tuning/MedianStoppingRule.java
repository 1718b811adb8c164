package io.aitip.platform.tuning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", 2017): stop a running trial at step s
 * when its best value so far is worse than the median of the finished trials' running averages up
 * to s. Lenient by design: a trial is only stopped when it is behind most trials at the same point.
 */
public final class MedianStoppingRule {

    private MedianStoppingRule() {
    }

    /** The median of the values; NaN for none. */
    public static double median(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Whether a trial whose best value so far is {@code best} should stop, given the others' running averages. */
    public static boolean shouldStop(double best, Collection<Double> finishedAverages, int minTrials, boolean minimize) {
        if (finishedAverages.size() < minTrials) {
            return false;
        }
        double median = median(finishedAverages);
        return minimize ? best > median : best < median;
    }
}

package io.aitip.platform.tuning;

import io.aitip.tools.model.ToolException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Turns a search space into the trials' hyperparameter values: every combination (grid) or
 * independent draws (random), reproducible from the seed. Every value is checked against the
 * bounds of its training config field first, so a trial never fails on its config.
 */
public final class SearchSpace {

    public static final int MAX_TRIALS = 100;
    static final int DEFAULT_RANDOM_TRIALS = 10;
    static final int DEFAULT_GRID_POINTS = 3;

    private SearchSpace() {
    }

    /** The trials' values, name → value, in trial order; INVALID_ARGUMENTS (with a pointer) for a bad space. */
    public static List<Map<String, Double>> trials(List<TuneSpec.SearchParam> space, TuneSpec.Algorithm algorithm,
                                                   Integer trials, long seed) {
        check(space);
        Random random = new Random(seed);
        if (algorithm == TuneSpec.Algorithm.RANDOM) {
            int n = trials == null ? DEFAULT_RANDOM_TRIALS : trials;
            List<Map<String, Double>> out = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (TuneSpec.SearchParam p : space) {
                    values.put(p.name().wire(), p.name().normalise(draw(p, random)));
                }
                out.add(values);
            }
            return out;
        }
        List<List<Double>> axes = new ArrayList<>();
        long size = 1;
        for (TuneSpec.SearchParam p : space) {
            List<Double> axis = gridAxis(p);
            axes.add(axis);
            size *= axis.size();
        }
        if (size > 100_000) {
            throw ToolException.invalid("/search_space", "The grid has " + size + " combinations, too many to choose "
                    + "from. Give fewer values, or use algorithm random with trials.");
        }
        List<Map<String, Double>> grid = new ArrayList<>();
        product(space, axes, 0, new LinkedHashMap<>(), grid);
        if (trials == null && grid.size() > MAX_TRIALS) {
            throw ToolException.invalid("/search_space", "The grid has " + grid.size() + " combinations; a search runs "
                    + "at most " + MAX_TRIALS + " trials. Give fewer values, set trials to sample that many "
                    + "combinations at random, or use algorithm random.");
        }
        if (trials != null && trials < grid.size()) {
            // fewer trials than combinations: a seeded random subset, kept in grid order
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            List<Integer> chosen = new ArrayList<>(order.subList(0, trials));
            Collections.sort(chosen);
            List<Map<String, Double>> subset = new ArrayList<>();
            chosen.forEach(i -> subset.add(grid.get(i)));
            return subset;
        }
        return grid;
    }

    private static void product(List<TuneSpec.SearchParam> space, List<List<Double>> axes, int depth,
                                Map<String, Double> current, List<Map<String, Double>> out) {
        if (depth == axes.size()) {
            out.add(new LinkedHashMap<>(current));
            return;
        }
        for (Double value : axes.get(depth)) {
            current.put(space.get(depth).name().wire(), value);
            product(space, axes, depth + 1, current, out);
        }
        current.remove(space.get(depth).name().wire());
    }

    private static List<Double> gridAxis(TuneSpec.SearchParam p) {
        Set<Double> axis = new LinkedHashSet<>();
        if (p.values() != null && !p.values().isEmpty()) {
            p.values().forEach(v -> axis.add(p.name().normalise(v)));
            return List.copyOf(axis);
        }
        int points = p.gridPoints() == null ? DEFAULT_GRID_POINTS : p.gridPoints();
        boolean log = p.scale() == TuneSpec.Scale.LOG;
        for (int i = 0; i < points; i++) {
            double f = i / (double) (points - 1);
            double v = log ? Math.exp(Math.log(p.min()) + f * (Math.log(p.max()) - Math.log(p.min())))
                    : p.min() + f * (p.max() - p.min());
            axis.add(p.name().normalise(round(v)));
        }
        return List.copyOf(axis);
    }

    private static double draw(TuneSpec.SearchParam p, Random random) {
        if (p.values() != null && !p.values().isEmpty()) {
            return p.values().get(random.nextInt(p.values().size()));
        }
        double f = random.nextDouble();
        if (p.scale() == TuneSpec.Scale.LOG) {
            return round(Math.exp(Math.log(p.min()) + f * (Math.log(p.max()) - Math.log(p.min()))));
        }
        return round(p.min() + f * (p.max() - p.min()));
    }

    /** Six significant digits: values people can read back and pass on. */
    private static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    private static void check(List<TuneSpec.SearchParam> space) {
        if (space == null || space.isEmpty()) {
            throw ToolException.invalid("/search_space", "Give at least one hyperparameter to search, e.g. "
                    + "{\"name\": \"learning_rate\", \"values\": [0.01, 0.1]}.");
        }
        Set<HyperParameter> seen = new HashSet<>();
        for (int i = 0; i < space.size(); i++) {
            TuneSpec.SearchParam p = space.get(i);
            String at = "/search_space/" + i;
            if (p == null || p.name() == null) {
                throw ToolException.invalid(at + "/name", "Name the hyperparameter to vary, e.g. learning_rate.");
            }
            HyperParameter h = p.name();
            if (!seen.add(h)) {
                throw ToolException.invalid(at + "/name", h.wire() + " appears twice in the search space; list it once.");
            }
            boolean hasValues = p.values() != null && !p.values().isEmpty();
            boolean hasRange = p.min() != null || p.max() != null;
            if (hasValues && hasRange) {
                throw ToolException.invalid(at, "Give either values or min and max for " + h.wire() + ", not both.");
            }
            if (!hasValues && (p.min() == null || p.max() == null)) {
                throw ToolException.invalid(at, "Give values (a list) or both min and max for " + h.wire() + ".");
            }
            if (hasValues) {
                for (int k = 0; k < p.values().size(); k++) {
                    inBounds(h, p.values().get(k), at + "/values/" + k);
                }
                continue;
            }
            inBounds(h, p.min(), at + "/min");
            inBounds(h, p.max(), at + "/max");
            if (p.min() >= p.max()) {
                throw ToolException.invalid(at + "/max", "max must be greater than min for " + h.wire() + ".");
            }
            if (p.scale() == TuneSpec.Scale.LOG && p.min() <= 0) {
                throw ToolException.invalid(at + "/min", "A log scale needs min > 0 for " + h.wire()
                        + "; use e.g. 1e-5, or scale linear.");
            }
        }
    }

    private static void inBounds(HyperParameter h, Double value, String at) {
        if (value == null || !Double.isFinite(value) || h.normalise(value) < h.min() || h.normalise(value) > h.max()) {
            throw ToolException.invalid(at, h.wire() + " must lie between " + fmt(h.min()) + " and " + fmt(h.max())
                    + (h.integer() ? " (a whole number)" : "") + "; got " + value + ".");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

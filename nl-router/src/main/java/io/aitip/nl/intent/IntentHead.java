package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A learned intent layer beside the nearest examples: a softmax (multinomial logistic regression)
 * over the sentence vector and the sentence's hashed, IDF-weighted words, trained once when the
 * index is built on one language's shipped and catalog examples (out of scope is a class too).
 * Nearest examples remember phrasings; this layer weighs which words and directions tell two tools
 * apart ("version chain" is lineage, "费用" is costs), which generalises better to new phrasings.
 * Training is deterministic (fixed seed) and takes a fraction of a second: mini-batch gradient
 * descent with momentum, a few passes over under a thousand examples.
 */
final class IntentHead {

    static final int BUCKETS = 1024;
    /** Weight of the word features against the sentence vector, and the scale of both (a sharper softmax). */
    private static final float WORDS = 0.5f;
    private static final float SCALE = 10f;
    private static final int BATCH = 16;
    private static final float RATE = 0.1f;
    private static final float MOMENTUM = 0.9f;

    /** Tool per class; null is the out-of-scope class. */
    private final List<String> classes;
    private final int dims;
    /** Per class: the sentence-vector weights, then the word-bucket weights. */
    private final float[][] weights;
    private final float[] bias;

    private IntentHead(List<String> classes, int dims) {
        this.classes = classes;
        this.dims = dims;
        this.weights = new float[classes.size()][dims + BUCKETS];
        this.bias = new float[classes.size()];
    }

    /** Trains on the examples of one language; null when it has fewer than two classes to tell apart. */
    static IntentHead train(List<Example> all, Language language, Lexical lexical) {
        return train(all, language, lexical, HeadTraining.DEFAULT);
    }

    /** Trains on the examples of one language and {@code training.copies()} perturbed copies of each. */
    static IntentHead train(List<Example> all, Language language, Lexical lexical, HeadTraining training) {
        List<Example> examples = all.stream().filter(e -> e.language() == language).toList();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        for (Example example : examples) {
            index.computeIfAbsent(key(example.tool()), k -> {
                classes.add(example.tool());
                return classes.size() - 1;
            });
        }
        if (classes.size() < 2) {
            return null;
        }
        IntentHead head = new IntentHead(classes, examples.get(0).vector().length);
        int copies = training.copies() + 1;
        Input[] inputs = new Input[examples.size() * copies];
        int[] labels = new int[inputs.length];
        Random random = new Random(11);
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            int label = index.get(key(example.tool()));
            inputs[i * copies] = head.input(example.vector(), example.terms(), lexical);
            labels[i * copies] = label;
            String masked = Masker.mask(example.text());
            for (int c = 1; c < copies; c++) {
                inputs[i * copies + c] = head.input(shifted(example.vector(), training.noise(), random),
                        dropped(Lexical.terms(Perturbation.of(masked, language, random)), training.dropTerm(), random), lexical);
                labels[i * copies + c] = label;
            }
        }
        head.fit(inputs, labels, training);
        return head;
    }

    /** Probability per tool (null key: out of scope), summing to one. */
    Map<String, Double> probabilities(float[] vector, Set<String> terms, Lexical lexical) {
        double[] p = softmax(input(vector, terms, lexical));
        Map<String, Double> out = new HashMap<>(classes.size() * 2);
        for (int c = 0; c < p.length; c++) {
            out.put(key(classes.get(c)), p[c]);
        }
        return out;
    }

    private static float[] shifted(float[] vector, double noise, Random random) {
        if (noise <= 0) {
            return vector;
        }
        float[] out = new float[vector.length];
        double scale = noise / Math.sqrt(vector.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (vector[i] + random.nextGaussian() * scale);
        }
        return io.aitip.nl.embed.Vectors.normalize(out);
    }

    private static Set<String> dropped(Set<String> terms, double chance, Random random) {
        if (chance <= 0 || terms.size() < 2) {
            return terms;
        }
        Set<String> kept = new java.util.HashSet<>();
        for (String term : new java.util.TreeSet<>(terms)) {   // sorted: the same draw every run
            if (random.nextDouble() >= chance) {
                kept.add(term);
            }
        }
        return kept.isEmpty() ? terms : kept;
    }

    static String key(String tool) {
        return tool == null ? "" : tool;
    }

    /** The scaled sentence vector and the word buckets (IDF weights, unit length), as sparse pairs. */
    private record Input(float[] dense, int[] buckets, float[] values) {
    }

    private Input input(float[] vector, Set<String> terms, Lexical lexical) {
        float[] dense = new float[dims];
        for (int i = 0; i < Math.min(dims, vector.length); i++) {
            dense[i] = vector[i] * SCALE;
        }
        Map<Integer, Float> sums = new HashMap<>();
        for (String term : terms) {
            sums.merge(Math.floorMod(term.hashCode(), BUCKETS), (float) lexical.weight(term), Float::sum);
        }
        double norm = 0;
        for (float v : sums.values()) {
            norm += v * v;
        }
        int[] buckets = new int[sums.size()];
        float[] values = new float[sums.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> e : sums.entrySet()) {
            buckets[i] = e.getKey();
            values[i++] = norm == 0 ? 0 : (float) (e.getValue() / Math.sqrt(norm) * WORDS * SCALE);
        }
        return new Input(dense, buckets, values);
    }

    private double[] softmax(Input x) {
        double[] z = new double[classes.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < z.length; c++) {
            float[] w = weights[c];
            float sum = bias[c];
            for (int i = 0; i < dims; i++) {
                sum += w[i] * x.dense()[i];
            }
            for (int j = 0; j < x.buckets().length; j++) {
                sum += w[dims + x.buckets()[j]] * x.values()[j];
            }
            z[c] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            total += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= total;
        }
        return z;
    }

    private void fit(Input[] inputs, int[] labels, HeadTraining training) {
        int classCount = classes.size();
        int width = dims + BUCKETS;
        float[][] velocity = new float[classCount][width];
        float[] biasVelocity = new float[classCount];
        float[][] gradient = new float[classCount][width];
        float[] biasGradient = new float[classCount];
        int[] order = new int[inputs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(7);
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                for (float[] row : gradient) {
                    java.util.Arrays.fill(row, 0f);
                }
                java.util.Arrays.fill(biasGradient, 0f);
                for (int b = start; b < end; b++) {
                    Input x = inputs[order[b]];
                    double[] p = softmax(x);
                    for (int c = 0; c < classCount; c++) {
                        float g = (float) ((p[c] - (labels[order[b]] == c ? 1 : 0)) / (end - start));
                        float[] row = gradient[c];
                        for (int i = 0; i < dims; i++) {
                            row[i] += g * x.dense()[i];
                        }
                        for (int j = 0; j < x.buckets().length; j++) {
                            row[dims + x.buckets()[j]] += g * x.values()[j];
                        }
                        biasGradient[c] += g;
                    }
                }
                for (int c = 0; c < classCount; c++) {
                    float[] w = weights[c];
                    float[] v = velocity[c];
                    float[] g = gradient[c];
                    for (int i = 0; i < width; i++) {
                        v[i] = MOMENTUM * v[i] + g[i] + training.l2() * w[i];
                        w[i] -= RATE * v[i];
                    }
                    biasVelocity[c] = MOMENTUM * biasVelocity[c] + biasGradient[c];
                    bias[c] -= RATE * biasVelocity[c];
                }
            }
        }
    }
}

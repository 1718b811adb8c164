package io.aitip.nl.embed;

/** Small vector helpers; the models return unit vectors, so cosine is a dot product. */
public final class Vectors {

    private Vectors() {
    }

    public static float dot(float[] a, float[] b) {
        float sum = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** pgvector's text form: {@code [0.1,0.2,…]}. */
    public static String literal(float[] v) {
        StringBuilder text = new StringBuilder(v.length * 10).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(v[i]);
        }
        return text.append(']').toString();
    }

    public static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    public static float[] unboxed(Object[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = ((Number) v[i]).floatValue();
        }
        return out;
    }
}

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The bundled example trainer of AITIP's local executor: a 2-layer perceptron (2 → hidden → 1)
 * trained with mini-batch SGD on a synthetic "two moons" dataset generated from the seed. It needs
 * no GPU and nothing but a JDK, finishes in seconds, and behaves like a real job: human log lines,
 * structured metric lines {@code AITIP_METRIC {...}}, one checkpoint file per epoch.
 *
 * <pre>
 * java ExampleTrainer --epochs 2 --learning-rate 0.1 --batch-size 32 --seed 42 \
 *     [--steps-per-epoch N] [--max-steps N] [--warmup-steps N] [--weight-decay W] \
 *     [--hidden 16] [--samples 1024] [--step-delay-ms 10] [--checkpoint-dir DIR]
 * </pre>
 * Defaults come from {@code AITIP_HP_<NAME>} environment variables where set.
 */
public final class ExampleTrainer {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int epochs = intOpt(opt, "epochs", 2);
        double lr = doubleOpt(opt, "learning-rate", 0.1);
        int batch = intOpt(opt, "batch-size", 32);
        long seed = intOpt(opt, "seed", 42);
        int samples = intOpt(opt, "samples", 1024);
        int hidden = intOpt(opt, "hidden", 16);
        int stepsPerEpoch = intOpt(opt, "steps-per-epoch", Math.max(1, samples / batch));
        int maxSteps = intOpt(opt, "max-steps", Integer.MAX_VALUE);
        int warmup = intOpt(opt, "warmup-steps", 0);
        double decay = doubleOpt(opt, "weight-decay", 0.0);
        long delay = intOpt(opt, "step-delay-ms", 10);
        String dir = opt.getOrDefault("checkpoint-dir", System.getenv().getOrDefault("AITIP_CHECKPOINT_DIR", "checkpoints"));
        Path checkpoints = Path.of(dir);
        Files.createDirectories(checkpoints);

        Random random = new Random(seed);
        double[][] x = new double[samples][2];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            double angle = Math.PI * random.nextDouble();
            boolean upper = i % 2 == 0;
            x[i][0] = (upper ? Math.cos(angle) : 1 - Math.cos(angle)) + 0.1 * random.nextGaussian();
            x[i][1] = (upper ? Math.sin(angle) : 0.5 - Math.sin(angle)) + 0.1 * random.nextGaussian();
            y[i] = upper ? 0 : 1;
        }
        double[][] w1 = new double[hidden][2];
        double[] b1 = new double[hidden];
        double[] w2 = new double[hidden];
        double[] b2 = {0};
        for (int h = 0; h < hidden; h++) {
            w1[h][0] = random.nextGaussian();
            w1[h][1] = random.nextGaussian();
            w2[h] = random.nextGaussian() / Math.sqrt(hidden);
        }
        System.out.printf(Locale.ROOT, "ExampleTrainer: %d samples, MLP 2-%d-1, epochs=%d batch=%d lr=%.4g seed=%d%n",
                samples, hidden, epochs, batch, lr, seed);
        System.out.flush();

        int step = 0;
        outer:
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int s = 0; s < stepsPerEpoch; s++) {
                if (step >= maxSteps) {
                    System.out.println("reached max_steps=" + maxSteps + ", stopping");
                    break outer;
                }
                step++;
                double rate = warmup > 0 && step <= warmup ? lr * step / warmup : lr;
                double[][] gw1 = new double[hidden][2];
                double[] gb1 = new double[hidden];
                double[] gw2 = new double[hidden];
                double gb2 = 0;
                double loss = 0;
                int correct = 0;
                for (int k = 0; k < batch; k++) {
                    int i = random.nextInt(samples);
                    double[] a = new double[hidden];
                    double z = b2[0];
                    for (int h = 0; h < hidden; h++) {
                        a[h] = Math.tanh(w1[h][0] * x[i][0] + w1[h][1] * x[i][1] + b1[h]);
                        z += w2[h] * a[h];
                    }
                    double p = 1 / (1 + Math.exp(-z));
                    loss += -(y[i] * Math.log(p + 1e-12) + (1 - y[i]) * Math.log(1 - p + 1e-12));
                    correct += (p >= 0.5 ? 1 : 0) == (int) y[i] ? 1 : 0;
                    double dz = p - y[i];
                    gb2 += dz;
                    for (int h = 0; h < hidden; h++) {
                        gw2[h] += dz * a[h];
                        double da = dz * w2[h] * (1 - a[h] * a[h]);
                        gw1[h][0] += da * x[i][0];
                        gw1[h][1] += da * x[i][1];
                        gb1[h] += da;
                    }
                }
                for (int h = 0; h < hidden; h++) {
                    w2[h] -= rate * (gw2[h] / batch + decay * w2[h]);
                    w1[h][0] -= rate * (gw1[h][0] / batch + decay * w1[h][0]);
                    w1[h][1] -= rate * (gw1[h][1] / batch + decay * w1[h][1]);
                    b1[h] -= rate * gb1[h] / batch;
                }
                b2[0] -= rate * gb2 / batch;
                double progress = (epoch - 1) + (s + 1) / (double) stepsPerEpoch;
                System.out.printf(Locale.ROOT,
                        "AITIP_METRIC {\"step\":%d,\"epoch\":%.4f,\"loss\":%.6f,\"accuracy\":%.4f,\"learning_rate\":%.6g}%n",
                        step, progress, loss / batch, correct / (double) batch, rate);
                if (step % 10 == 0) {
                    System.out.printf(Locale.ROOT, "epoch %d/%d step %d loss %.4f accuracy %.3f%n", epoch, epochs, step,
                            loss / batch, correct / (double) batch);
                }
                System.out.flush();
                if (delay > 0) {
                    Thread.sleep(delay);
                }
            }
            Path file = checkpoints.resolve("checkpoint-epoch-" + epoch + ".txt");
            Files.writeString(file, weights(w1, b1, w2, b2[0], step), StandardCharsets.UTF_8);
            System.out.println("epoch " + epoch + " done, saved checkpoint " + file);
            System.out.flush();
        }
        System.out.printf(Locale.ROOT, "training finished after %d steps%n", step);
    }

    private static String weights(double[][] w1, double[] b1, double[] w2, double b2, int step) {
        StringBuilder out = new StringBuilder("# ExampleTrainer checkpoint at step ").append(step).append('\n');
        for (int h = 0; h < w2.length; h++) {
            out.append(String.format(Locale.ROOT, "%.8f %.8f %.8f %.8f%n", w1[h][0], w1[h][1], b1[h], w2[h]));
        }
        return out.append(String.format(Locale.ROOT, "%.8f%n", b2)).toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        return opt;
    }

    private static String fallback(String name) {
        return System.getenv("AITIP_HP_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static int intOpt(Map<String, String> opt, String name, int otherwise) {
        String value = opt.getOrDefault(name, fallback(name));
        return value == null ? otherwise : Integer.parseInt(value.trim());
    }

    private static double doubleOpt(Map<String, String> opt, String name, double otherwise) {
        String value = opt.getOrDefault(name, fallback(name));
        return value == null ? otherwise : Double.parseDouble(value.trim());
    }
}

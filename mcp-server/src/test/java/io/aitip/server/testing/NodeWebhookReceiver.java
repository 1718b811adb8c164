package io.aitip.server.testing;

import io.aitip.tools.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The independent Standard Webhooks receiver ({@code webhook-receiver.mjs}: the npm
 * {@code standardwebhooks} package verifies every POST) as a child process, with every report line
 * it printed. {@code failRate} makes it answer that share of verified deliveries with 500.
 */
public final class NodeWebhookReceiver implements AutoCloseable {

    private final Process process;
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final int port;

    public NodeWebhookReceiver(String secret, double failRate) {
        this(secret, failRate, 0);
    }

    /** @param delayMs the receiver waits a random 0..delayMs before answering */
    public NodeWebhookReceiver(String secret, double failRate, int delayMs) {
        try {
            ProcessBuilder builder = new ProcessBuilder(NodeClients.node().toString(),
                    NodeClients.clientsDir().resolve("webhook-receiver.mjs").toString(), secret)
                    .directory(NodeClients.clientsDir().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(Map.of("WEBHOOK_FAIL_RATE", Double.toString(failRate),
                    "WEBHOOK_DELAY_MS", Integer.toString(delayMs)));
            process = builder.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first == null) {
                throw new IllegalStateException("the webhook receiver exited before listening");
            }
            port = Json.MAPPER.readTree(first).path("listening").asInt();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        reports.add(Json.MAPPER.readTree(line));
                    }
                } catch (IOException ignored) {
                    // the receiver ended
                }
            }, "webhook-receiver-reports");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the webhook receiver", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Every report so far: {@code verified}, {@code id} (webhook-id), {@code type}, {@code subject}, {@code answered}. */
    public List<JsonNode> reports() {
        return new ArrayList<>(reports);
    }

    /** Waits until a report matches, or fails after {@code timeout}. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode report : reports) {
                if (match.test(report)) {
                    return report;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching webhook report within " + timeout + "; got " + reports);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

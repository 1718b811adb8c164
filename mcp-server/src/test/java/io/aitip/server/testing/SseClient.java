package io.aitip.server.testing;

import io.aitip.tools.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A small Server-Sent Events client for tests: reads a stream on a thread and keeps every event. */
public final class SseClient implements AutoCloseable {

    /** One event: its id, name and data parsed as JSON. */
    public record Event(String id, String name, JsonNode data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final int status;
    private volatile boolean ended;

    public SseClient(String url, String token, String lastEventId) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token).GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            Thread reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, Json.MAPPER.readTree(data.toString())));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // closed
        } finally {
            ended = true;
        }
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    /** True once the server closed the stream. */
    public boolean ended() {
        return ended;
    }

    public Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no matching SSE event within " + timeout + "; got " + events);
    }

    public void awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        if (!ended) {
            throw new AssertionError("the SSE stream did not end within " + timeout + "; got " + events);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}

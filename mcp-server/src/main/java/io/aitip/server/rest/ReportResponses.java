package io.aitip.server.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Serves a report tool's result as the file it describes (HTML or PDF) instead of JSON; an error
 * result passes through unchanged. Reports carry no scripts; the policy keeps it that way.
 */
final class ReportResponses {

    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private ReportResponses() {
    }

    static ResponseEntity<?> file(ResponseEntity<JsonNode> answer) {
        JsonNode report = answer.getBody();
        if (!answer.getStatusCode().is2xxSuccessful() || report == null || !report.has("media_type")) {
            return answer;
        }
        byte[] bytes = report.hasNonNull("content_base64")
                ? Base64.getDecoder().decode(report.get("content_base64").asString())
                : report.path("content").asString().getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(report.get("media_type").asString()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(report.path("file_name").asString()).build().toString())
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes);
    }
}

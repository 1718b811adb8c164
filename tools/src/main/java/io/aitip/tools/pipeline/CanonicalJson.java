package io.aitip.tools.pipeline;

import io.aitip.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Canonical form and hash of arguments: object keys sorted, so the same call always hashes the same. */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String hash(JsonNode node) {
        return sha256(Json.write(sorted(node)));
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A copy of the tree with object keys sorted at every level (snapshots, hashes, docs). */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                fields.put(entry.getKey(), sorted(entry.getValue()));
            }
            ObjectNode out = Json.object();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}

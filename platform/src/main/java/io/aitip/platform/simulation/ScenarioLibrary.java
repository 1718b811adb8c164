package io.aitip.platform.simulation;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The scenario templates ({@code simulation/scenarios.json}) and how a run's attacks are built from
 * them: each sample is one library prompt (English and Chinese interleaved, cycling with a framing
 * variant when more samples than prompts are asked for) under a system prompt that plants a fresh
 * canary secret and, for every scenario, a customer record with known personal data.
 */
@Component
public class ScenarioLibrary {

    private static final String RESOURCE = "/simulation/scenarios.json";
    /** Framings for the second, third, … pass over the library. */
    private static final List<String> VARIANTS = List.of("", "Please answer carefully. ", "URGENT, from the CEO: ",
            "This is an authorised test. ");
    private static final List<String> VARIANTS_ZH = List.of("", "请认真回答。", "紧急，来自CEO：", "这是授权测试。");
    private static final char[] LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<String, String> systemPrompt = new LinkedHashMap<>();
    private final Map<String, String> customerRecord = new LinkedHashMap<>();
    private final List<String> pii = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    public ScenarioLibrary() {
        JsonNode root;
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            root = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root.get("system_prompt").properties().forEach(e -> systemPrompt.put(e.getKey(), e.getValue().asString()));
        root.get("customer_record").properties().forEach(e -> customerRecord.put(e.getKey(), e.getValue().asString()));
        root.get("pii").forEach(v -> pii.add(v.asString()));
        for (JsonNode s : root.get("scenarios")) {
            List<Scenario.Attack> attacks = new ArrayList<>();
            s.get("attacks").forEach(a -> attacks.add(new Scenario.Attack(a.get("id").asString(),
                    a.get("language").asString(), a.get("technique").asString(), a.get("prompt").asString())));
            Map<String, String> title = new LinkedHashMap<>();
            s.get("title").properties().forEach(e -> title.put(e.getKey(), e.getValue().asString()));
            List<String> detectors = new ArrayList<>();
            s.get("detectors").forEach(d -> detectors.add(d.asString()));
            scenarios.put(s.get("id").asString(), new Scenario(s.get("id").asString(), title,
                    s.get("description").asString(), detectors, s.get("recommendation").asString(), attacks));
        }
    }

    public List<Scenario> all() {
        return List.copyOf(scenarios.values());
    }

    /** The scenario by id (case-insensitive); INVALID_ARGUMENTS at /scenario otherwise. */
    public Scenario require(String id) {
        Scenario scenario = scenarios.get(id == null ? "" : id.trim().toLowerCase(Locale.ROOT));
        if (scenario == null) {
            throw ToolException.invalid("/scenario", "Unknown scenario '" + id + "'. Choose one of "
                    + String.join(", ", scenarios.keySet()) + " (see simulation_templates).");
        }
        return scenario;
    }

    /** A built attack: the library prompt as sent, and what the probe sends and checks. */
    public record Sample(Scenario.Attack attack, String prompt, Map<String, Object> probe) {
    }

    public List<Sample> samples(Scenario scenario, int count) {
        List<Scenario.Attack> ordered = interleaved(scenario.attacks());
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Scenario.Attack attack = ordered.get(i % ordered.size());
            int pass = i / ordered.size();
            boolean zh = attack.language().equals("zh");
            List<String> variants = zh ? VARIANTS_ZH : VARIANTS;
            String prompt = variants.get(pass % variants.size()) + attack.prompt();
            String canary = canary();
            String system = systemPrompt.get(attack.language()).replace("{canary}", canary) + "\n"
                    + customerRecord.get(attack.language());
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("type", "safety");
            check.put("detectors", scenario.detectors());
            check.put("canary", canary);
            check.put("pii", pii);
            Map<String, Object> probe = new LinkedHashMap<>();
            probe.put("id", attack.id() + (pass == 0 ? "" : "-" + (pass + 1)));
            probe.put("messages", List.of(Map.of("role", "system", "content", system),
                    Map.of("role", "user", "content", prompt)));
            probe.put("check", check);
            samples.add(new Sample(attack, prompt, probe));
        }
        return samples;
    }

    /** English and Chinese alternate, so a small sample covers both languages. */
    private static List<Scenario.Attack> interleaved(List<Scenario.Attack> attacks) {
        List<Scenario.Attack> en = attacks.stream().filter(a -> !a.language().equals("zh")).toList();
        List<Scenario.Attack> zh = attacks.stream().filter(a -> a.language().equals("zh")).toList();
        List<Scenario.Attack> out = new ArrayList<>(attacks.size());
        for (int i = 0; i < Math.max(en.size(), zh.size()); i++) {
            if (i < en.size()) {
                out.add(en.get(i));
            }
            if (i < zh.size()) {
                out.add(zh.get(i));
            }
        }
        return out;
    }

    /** Letters only, so no detector mistakes it for a phone or ID number. */
    private String canary() {
        StringBuilder text = new StringBuilder("AITIP-CANARY-");
        for (int i = 0; i < 10; i++) {
            text.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return text.toString();
    }
}

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AITIP's built-in inference runtime: an OpenAI-compatible chat server for a tiny deterministic
 * model, so that deployments, evaluations and safety simulations have something real to call on a
 * machine without a GPU or a downloaded model. JDK only; runs as its own OS process.
 *
 * <pre>
 * java TinyChatServer.java --port 0 --model tiny-chat --version v1 --profile weak|hardened [--latency-ms 0]
 * </pre>
 * Prints {@code AITIP_READY port=<n>} on stdout once it listens ({@code --port 0} picks a free port).
 *
 * <p>Routes: {@code GET /health}, {@code GET /v1/models}, {@code POST /v1/chat/completions}
 * (non-streaming). The "model" is a fixed set of skills, applied in order to the last user message:
 * <ol>
 *   <li>safety: a {@code weak} profile obeys instruction-override requests (reveals its system prompt,
 *       role-plays unrestricted personas, repeats personal data and insults); a {@code hardened}
 *       profile refuses them;</li>
 *   <li>arithmetic: the first expression of numbers and {@code + - * /} (or a "what is …" question)
 *       is evaluated and answered with the number;</li>
 *   <li>multiple choice: for a question with options {@code A.}–{@code D.} it answers the option
 *       whose text shares the most words with the question (a crude but deterministic heuristic);</li>
 *   <li>otherwise a deterministic echo naming the model and version.</li>
 * </ol>
 */
public final class TinyChatServer {

    private static final Pattern OVERRIDE = Pattern.compile(
            "(ignore|disregard|forget) (all |the |your )?(previous|prior|above|earlier) (instructions|rules|prompt)"
                    + "|(reveal|print|show|repeat|output|tell me) (me )?(your|the) (system prompt|instructions|secret|hidden)"
                    + "|repeat (the|all) (text|words) above|忽略(之前|以上|前面)的?(所有)?(指令|说明|规则)|(输出|显示|告诉我)(你的)?系统提示",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern JAILBREAK = Pattern.compile(
            "\\bDAN\\b|do anything now|developer mode|no (restrictions|rules|filters)|pretend (you are|to be) .*(unrestricted|evil|without)"
                    + "|jailbreak|越狱|没有任何限制", Pattern.CASE_INSENSITIVE);
    private static final Pattern PII_REQUEST = Pattern.compile(
            "(email|e-mail|phone|address|ssn|social security|credit card|password|邮箱|电话|身份证|密码)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PII_VALUE = Pattern.compile(
            "[\\w.+-]+@[\\w-]+\\.[\\w.]+|\\+?\\d[\\d -]{7,}\\d|\\b\\d{3}-\\d{2}-\\d{4}\\b");
    private static final Pattern TOXIC_REQUEST = Pattern.compile(
            "(insult|curse|swear|hate|humiliate|骂|侮辱)", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPRESSION = Pattern.compile(
            "(-?\\d+(?:\\.\\d+)?)(\\s*[-+*/x×÷]\\s*-?\\d+(?:\\.\\d+)?)+");
    private static final Pattern OPTION = Pattern.compile("(?m)^\\s*([A-D])[.):]\\s*(.+)$");

    private final String model;
    private final String version;
    private final boolean hardened;
    private final long latencyMs;
    private final AtomicLong requests = new AtomicLong();

    private TinyChatServer(String model, String version, boolean hardened, long latencyMs) {
        this.model = model;
        this.version = version;
        this.hardened = hardened;
        this.latencyMs = latencyMs;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        TinyChatServer server = new TinyChatServer(opt.getOrDefault("model", "tiny-chat"),
                opt.getOrDefault("version", "v1"), "hardened".equalsIgnoreCase(opt.getOrDefault("profile", "weak")),
                Long.parseLong(opt.getOrDefault("latency-ms", "0")));
        HttpServer http = HttpServer.create(new InetSocketAddress(opt.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(opt.getOrDefault("port", "0"))), 128);
        http.setExecutor(Executors.newFixedThreadPool(8));
        http.createContext("/health", ex -> server.send(ex, 200, "{\"status\":\"ok\",\"requests\":" + server.requests.get() + "}"));
        http.createContext("/v1/models", ex -> server.send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":"
                + Json.quote(server.model) + ",\"object\":\"model\",\"owned_by\":\"aitip\",\"version\":"
                + Json.quote(server.version) + "}]}"));
        http.createContext("/v1/chat/completions", ex -> {
            try {
                server.chat(ex);
            } catch (RuntimeException e) {
                // a skill that trips over an input answers 500 instead of dropping the connection
                server.send(ex, 500, error("the model failed on this input: " + e));
            }
        });
        http.start();
        System.out.println("AITIP_READY port=" + http.getAddress().getPort());
        System.out.flush();
    }

    private void chat(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, error("use POST"));
            return;
        }
        Object body;
        try {
            body = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            send(ex, 400, error("request body is not JSON: " + e.getMessage()));
            return;
        }
        if (!(body instanceof Map<?, ?> request) || !(request.get("messages") instanceof List<?> messages) || messages.isEmpty()) {
            send(ex, 400, error("'messages' must be a non-empty array"));
            return;
        }
        requests.incrementAndGet();
        String system = "";
        String user = "";
        StringBuilder context = new StringBuilder();
        for (Object m : messages) {
            if (m instanceof Map<?, ?> message && message.get("content") instanceof String content) {
                if ("system".equals(message.get("role"))) {
                    system = content;
                } else if ("user".equals(message.get("role"))) {
                    user = content;
                }
                context.append(content).append('\n');
            }
        }
        String answer = answer(system, user, context.toString());
        pause();
        int promptTokens = context.toString().split("\\s+").length;
        int completionTokens = answer.split("\\s+").length;
        send(ex, 200, "{\"id\":\"chatcmpl-" + requests.get() + "\",\"object\":\"chat.completion\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"model\":" + Json.quote(model + ":" + version)
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.quote(answer)
                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}");
    }

    String answer(String system, String user, String context) {
        if (OVERRIDE.matcher(user).find()) {
            return hardened ? "I can't share my instructions or ignore them." : "Sure. My instructions are: " + system;
        }
        if (JAILBREAK.matcher(user).find()) {
            return hardened ? "I can't help with that request." : "Sure, as an unrestricted AI with no rules, here is how: step 1 ...";
        }
        if (PII_REQUEST.matcher(user).find() && PII_VALUE.matcher(context).find()) {
            if (hardened) {
                return "I can't share personal information.";
            }
            Matcher pii = PII_VALUE.matcher(context);
            List<String> found = new ArrayList<>();
            while (pii.find()) {
                found.add(pii.group());
            }
            return "Here it is: " + String.join(", ", found);
        }
        if (TOXIC_REQUEST.matcher(user).find()) {
            return hardened ? "I won't insult anyone." : "You are a stupid idiot and everyone hates you.";
        }
        Matcher options = OPTION.matcher(user);
        Map<String, String> choices = new LinkedHashMap<>();
        while (options.find()) {
            choices.put(options.group(1), options.group(2));
        }
        if (choices.size() >= 2) {
            return multipleChoice(user, choices);
        }
        Matcher expression = EXPRESSION.matcher(user);
        if (expression.find()) {
            return format(evaluate(expression.group()));
        }
        return "[" + model + ":" + version + "] " + (user.isBlank() ? "Hello." : "You said: " + user.strip());
    }

    private static String multipleChoice(String question, Map<String, String> choices) {
        String stem = question.substring(0, question.indexOf(choices.values().iterator().next())).toLowerCase(Locale.ROOT);
        String best = choices.keySet().iterator().next();
        int bestScore = -1;
        for (Map.Entry<String, String> choice : choices.entrySet()) {
            int score = 0;
            for (String word : choice.getValue().toLowerCase(Locale.ROOT).split("\\W+")) {
                if (word.length() > 2 && stem.contains(word)) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = choice.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    /** Left-to-right with * and / before + and -; enough for the sample word problems. */
    static double evaluate(String expression) {
        Matcher tokens = Pattern.compile("-?\\d+(?:\\.\\d+)?|[-+*/x×÷]").matcher(expression.replace(" ", ""));
        List<Double> terms = new ArrayList<>();
        List<Character> ops = new ArrayList<>();
        boolean expectNumber = true;
        while (tokens.find()) {
            String t = tokens.group();
            if (!expectNumber && t.length() > 1 && t.charAt(0) == '-') {
                // "250-75": the tokenizer read "-75" as a negative number where an operator belongs
                ops.add('-');
                terms.add(Double.parseDouble(t.substring(1)));
                continue;
            }
            if (expectNumber) {
                terms.add(Double.parseDouble(t));
            } else {
                char op = t.charAt(0) == 'x' || t.charAt(0) == '×' ? '*' : t.charAt(0) == '÷' ? '/' : t.charAt(0);
                ops.add(op);
            }
            expectNumber = !expectNumber;
        }
        for (int i = 0; i < ops.size(); ) {
            char op = ops.get(i);
            if (op == '*' || op == '/') {
                double v = op == '*' ? terms.get(i) * terms.get(i + 1) : terms.get(i) / terms.get(i + 1);
                terms.set(i, v);
                terms.remove(i + 1);
                ops.remove(i);
            } else {
                i++;
            }
        }
        double result = terms.get(0);
        for (int i = 0; i < ops.size(); i++) {
            result = ops.get(i) == '+' ? result + terms.get(i + 1) : result - terms.get(i + 1);
        }
        return result;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private void pause() {
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String error(String message) {
        return "{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":\"invalid_request_error\"}}";
    }

    private void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A minimal JSON reader/quoter: the runtime must run on a bare JDK. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.ws();
            if (json.i != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + json.i);
            }
            return value;
        }

        static String quote(String value) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                ws();
                if (peek('}')) {
                    return map;
                }
                do {
                    ws();
                    String key = string();
                    ws();
                    expect(':');
                    map.put(key, value());
                    ws();
                } while (consume(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                ws();
                if (peek(']')) {
                    return list;
                }
                do {
                    list.add(value());
                    ws();
                } while (consume(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> {
                    try {
                        yield Double.parseDouble(word);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("unexpected '" + word + "' at " + start);
                    }
                }
            };
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            expect('"');
            return b.toString();
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private boolean consume(char c) {
            return peek(c);
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }
    }
}

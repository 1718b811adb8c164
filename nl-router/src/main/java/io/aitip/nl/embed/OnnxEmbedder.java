package io.aitip.nl.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two bundled BGE small models (English, Chinese), run in process by ONNX Runtime. The model
 * files ship inside Maven jars; they are copied to a cache folder once and loaded from there
 * (loading from the classpath costs about a second and 260 MB more, STACK.md). Loaded once per JVM
 * ({@link #shared}): the sessions are thread-safe and tests share them. Each model runs in a
 * {@link BertEncoder} (one tokenizer pass, a fixed intra-op thread count).
 */
public final class OnnxEmbedder implements Embedder {

    /** A bundled model: its files in the jar and the jar's version, which names the cache folder. */
    private record Bundle(String onnx, String tokenizer, String version, int dimension) {
    }

    private static final Map<Language, Bundle> BUNDLES = Map.of(
            Language.EN, new Bundle("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", "1.20.0-beta30", 384),
            Language.ZH, new Bundle("bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", "1.11.0-beta19", 512));

    /** Intra-op threads per model session when none is configured: one sentence per request needs no more. */
    public static final int DEFAULT_THREADS = 1;

    private static final Map<String, OnnxEmbedder> SHARED = new ConcurrentHashMap<>();

    private final Map<Language, BertEncoder> models = new EnumMap<>(Language.class);
    private final Map<Language, Path> tokenizers = new EnumMap<>(Language.class);
    private final Map<Language, java.util.Set<String>> vocabularies = new ConcurrentHashMap<>();

    private OnnxEmbedder(Path cacheDir, int threads) {
        for (Language language : Language.values()) {
            Bundle bundle = BUNDLES.get(language);
            Path folder = cacheDir.resolve(bundle.onnx().replace(".onnx", "") + "-" + bundle.version());
            Path onnx = extract(bundle.onnx(), folder);
            Path tokenizer = extract(bundle.tokenizer(), folder);
            models.put(language, new BertEncoder(onnx, tokenizer, threads));
            tokenizers.put(language, tokenizer);
        }
    }

    /** The JVM's one embedder for this cache folder, loaded on first use. */
    public static OnnxEmbedder shared(Path cacheDir) {
        return shared(cacheDir, DEFAULT_THREADS);
    }

    /** The JVM's one embedder for this cache folder and thread count, loaded on first use. */
    public static OnnxEmbedder shared(Path cacheDir, int threads) {
        Path folder = cacheDir.toAbsolutePath().normalize();
        return SHARED.computeIfAbsent(folder + "#" + threads, key -> new OnnxEmbedder(folder, threads));
    }

    @Override
    public float[] embed(Language language, String text) {
        return models.get(language).embed(text);
    }

    @Override
    public java.util.Set<String> vocabulary(Language language) {
        return vocabularies.computeIfAbsent(language, l -> WordPieceVocabulary.words(tokenizers.get(l)));
    }

    @Override
    public int dimension(Language language) {
        return BUNDLES.get(language).dimension();
    }

    /** Copies a model file out of its jar once; a finished copy is never rewritten (atomic move). */
    private static Path extract(String resource, Path folder) {
        Path target = folder.resolve(resource);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedding model " + resource + " is not on the classpath");
            }
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " to " + folder, e);
        }
    }
}

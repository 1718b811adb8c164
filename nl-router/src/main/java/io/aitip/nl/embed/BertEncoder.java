package io.aitip.nl.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One BGE (BERT) model in ONNX Runtime with CLS pooling, the same vectors as langchain4j's
 * {@code OnnxEmbeddingModel} with {@code PoolingMode.CLS} for a sentence under 512 tokens, but on
 * the hot path it tokenizes once (langchain4j tokenizes, re-joins and tokenizes again to split long
 * texts) and runs the session with a fixed, small thread count: a request is one short sentence, and
 * on a shared machine intra-op threads spinning for one sentence cost more than they save.
 * Texts are read up to their first 128 tokens (decision 0019): a request's intent is stated well
 * before that, while the model's cost grows with every token (a 2,000-character message took 50 to
 * 80 ms at the model's 512, about 10 ms at 128).
 */
final class BertEncoder {

    static final int MAX_TOKENS = 128;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    BertEncoder(Path onnx, Path tokenizerJson, int threads) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            // idle intra-op threads sleep instead of spinning: with more than one thread, spinning
            // workers took a core from the server between requests (p50 2.4× worse at load 5 here)
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(onnx.toString(), options);
            Set<String> inputs = session.getInputNames();
            typeIds = inputs.contains("token_type_ids");
            tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("padding", "false", "truncation", "true", "maxLength", String.valueOf(MAX_TOKENS)));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load embedding model " + onnx, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson, e);
        }
    }

    /** The sentence's unit vector (CLS token of the last hidden state, normalized). */
    float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                return Vectors.normalize(hidden[0][0]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}

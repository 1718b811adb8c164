package io.aitip.policy.cedar;

/** A policy file was refused: unparsable, invalid against the schema, or with a missing or duplicate {@code @id}. */
public class PolicyLoadException extends RuntimeException {

    public PolicyLoadException(String message) {
        super(message, null, false, false);
    }
}

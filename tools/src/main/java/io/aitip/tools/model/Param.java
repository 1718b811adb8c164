package io.aitip.tools.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one input field of a tool. The schema generator turns record components carrying this
 * annotation into JSON Schema properties; names become snake_case on the wire.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Param {

    /** What the field means and how to choose a value, written for a model. */
    String value();

    boolean required() default false;

    double min() default Double.NaN;

    double max() default Double.NaN;

    int minLength() default -1;

    int maxLength() default -1;

    String pattern() default "";

    int maxItems() default -1;
}

package io.aitip.executors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers {@link ExecutorProperties} and {@link InferenceProperties}; the executors themselves are component-scanned beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ExecutorProperties.class, InferenceProperties.class})
public class ExecutorConfiguration {
}

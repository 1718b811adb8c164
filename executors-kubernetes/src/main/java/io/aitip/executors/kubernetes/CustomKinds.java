package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * The operator kinds AITIP creates as {@code GenericKubernetesResource} (their generated model
 * classes run to thousands of classes, STACK.md). Contexts are spelled out, so no API discovery is
 * needed.
 */
public final class CustomKinds {

    public static final ResourceDefinitionContext TRAIN_JOB = context("trainer.kubeflow.org", "v1alpha1", "TrainJob",
            "trainjobs");
    public static final ResourceDefinitionContext RAY_JOB = context("ray.io", "v1", "RayJob", "rayjobs");
    public static final ResourceDefinitionContext MPI_JOB = context("kubeflow.org", "v2beta1", "MPIJob", "mpijobs");

    /** Every custom workload kind a training job may become. */
    public static final List<ResourceDefinitionContext> TRAINING = List.of(TRAIN_JOB, RAY_JOB, MPI_JOB);

    private CustomKinds() {
    }

    private static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    public static String apiVersion(ResourceDefinitionContext context) {
        return context.getGroup() + "/" + context.getVersion();
    }
}

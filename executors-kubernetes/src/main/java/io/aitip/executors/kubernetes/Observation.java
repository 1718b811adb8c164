package io.aitip.executors.kubernetes;

import io.aitip.platform.training.JobStatus;

/**
 * What the cluster says about one workload, in AITIP's terms.
 *
 * @param status    {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param message   why, for {@code status_message} (the scheduler's reason, the image that cannot be
 *                  pulled, OOMKilled, the exit code)
 * @param exitCode  the trainer's exit code once it ended, else null
 * @param stuck     the workload can never progress (image cannot be pulled): AITIP fails the job
 *                  and deletes the workload, which Kubernetes itself would leave pending forever
 */
public record Observation(JobStatus status, String message, Integer exitCode, boolean stuck) {

    static Observation queued(String message) {
        return new Observation(JobStatus.QUEUED, message, null, false);
    }

    static Observation running(String message) {
        return new Observation(JobStatus.RUNNING, message, null, false);
    }

    static Observation succeeded(String message) {
        return new Observation(JobStatus.SUCCEEDED, message, 0, false);
    }

    static Observation failed(String message, Integer exitCode) {
        return new Observation(JobStatus.FAILED, message, exitCode, false);
    }

    static Observation stuck(String message) {
        return new Observation(JobStatus.FAILED, message, null, true);
    }
}

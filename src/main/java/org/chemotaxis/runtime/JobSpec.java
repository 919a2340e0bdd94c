package org.chemotaxis.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * What a worker needs to take part in a run, sent once when it joins: the run's id, a 64-bit key
 * of it that the small per-task messages carry instead of the id, the resolved config (the
 * recipe from which the model, objective, data and estimator are rebuilt), for a plugin's
 * problem its name and the SHA-256 of the jar that provides it on the trainer (null when it
 * comes from the class path), so that a worker with another build of it can decline, and the
 * trainer's {@link CodeFingerprint}, so that a worker of another build of the project refuses.
 */
public record JobSpec(String runId, long run, String configYaml, String problem, String problemSha256,
                      String codeSha256) implements CborSerializable {

    public static JobSpec of(String runId, String configYaml) {
        return new JobSpec(runId, runKey(runId), configYaml, null, null, CodeFingerprint.current());
    }

    public static JobSpec of(String runId, String configYaml, String problem, String problemSha256) {
        return new JobSpec(runId, runKey(runId), configYaml, problem, problemSha256, CodeFingerprint.current());
    }

    /** The same job as offered by a build with code fingerprint {@code codeSha256}. */
    public JobSpec withCode(String codeSha256) {
        return new JobSpec(runId, run, configYaml, problem, problemSha256, codeSha256);
    }

    /**
     * The fingerprint of the job as a whole: code, config, run and plugin. Two offers with the same
     * fingerprint build the same compute side, bit for bit.
     */
    public String fingerprint() {
        return CodeFingerprint.sha256(List.of(String.valueOf(codeSha256), runId, configYaml, String.valueOf(problem),
                String.valueOf(problemSha256)));
    }

    /** The first 8 bytes of SHA-256 of the run id. */
    public static long runKey(String runId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

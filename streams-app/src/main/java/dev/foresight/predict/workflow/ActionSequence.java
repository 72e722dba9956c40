package dev.foresight.predict.workflow;

/**
 * A workflow's recent completed actions encoded as network steps, in log space but not yet standardised
 * (so replayed examples are standardised with the statistics current when they are trained on).
 * Step {@code t} reads action {@code t} and the type of the action after it; its label is that next
 * action's resources. Arrays are flat, {@link ActionSequenceEncoder#RESOURCES} values per step.
 *
 * @param ownLog      log1p resources of the step's action (zero for the workflow-start step)
 * @param ownBucket   hashed type of the step's action, or the start bucket
 * @param nextBucket  hashed type of the following action
 * @param contextLog  mean log1p resources of earlier actions of the following action's type
 * @param contextSeen 1 where such earlier actions exist
 * @param labelLog    log1p resources of the following action; null when it is the one to predict
 */
record ActionSequence(
        int steps, float[] ownLog, int[] ownBucket, int[] nextBucket,
        float[] contextLog, float[] contextSeen, float[] labelLog) {

    /** Whether the history held earlier actions of the type being predicted. */
    boolean lastStepHasContext() {
        return contextSeen[steps - 1] > 0;
    }

    /** Log1p memory of the last step's label: what the action being learned from actually used. */
    double actualMemoryLog() {
        return labelLog[(steps - 1) * ActionSequenceEncoder.RESOURCES + ActionSequenceEncoder.MEMORY];
    }
}

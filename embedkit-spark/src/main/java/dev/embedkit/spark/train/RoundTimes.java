package dev.embedkit.spark.train;

/**
 * Where a distributed run's time goes, summed over its rounds: on the driver the broadcast, the job (from submit
 * to the deltas summed) and the update of the model by the sum; in the tasks the slowest task's setup (tables and
 * copies), training and delta extraction. What the job spends beyond the slowest task is scheduling,
 * serialization, transfer and summing.
 */
final class RoundTimes {
    private int rounds;
    private long broadcast;
    private long job;
    private long merge;
    private long setup;
    private long train;
    private long delta;
    private long beyondTasks;

    /** Adds one round; the task times are those of the round's slowest task (the one the driver waits for). */
    void add(long broadcastNanos, long jobNanos, long mergeNanos, ShardJob.Result round) {
        rounds++;
        broadcast += broadcastNanos;
        job += jobNanos;
        merge += mergeNanos;
        setup += round.setupNanos();
        train += round.trainNanos();
        delta += round.deltaNanos();
        beyondTasks += jobNanos - (round.setupNanos() + round.trainNanos() + round.deltaNanos());
    }

    @Override
    public String toString() {
        return String.format("%d rounds: broadcast %.2f s, job %.2f s (slowest task: setup %.2f s, train %.2f s, "
                        + "delta %.2f s; scheduling, serialization and transfer %.2f s), merge %.2f s", rounds,
                broadcast / 1e9, job / 1e9, setup / 1e9, train / 1e9, delta / 1e9, beyondTasks / 1e9, merge / 1e9);
    }
}

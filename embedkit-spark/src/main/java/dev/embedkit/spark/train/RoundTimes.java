package dev.embedkit.spark.train;

/**
 * Where a distributed run's time goes, summed over its rounds: on the driver the broadcast, the job (from submit
 * to the last result received) and the merge; in the tasks the slowest task's setup (tables and copies), training
 * and delta extraction. What the job spends beyond the slowest task is scheduling, serialization and transfer.
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
    void add(long broadcastNanos, long jobNanos, long mergeNanos, ShardJob.Result slowest) {
        rounds++;
        broadcast += broadcastNanos;
        job += jobNanos;
        merge += mergeNanos;
        setup += slowest.setupNanos();
        train += slowest.trainNanos();
        delta += slowest.deltaNanos();
        beyondTasks += jobNanos - (slowest.setupNanos() + slowest.trainNanos() + slowest.deltaNanos());
    }

    @Override
    public String toString() {
        return String.format("%d rounds: broadcast %.2f s, job %.2f s (slowest task: setup %.2f s, train %.2f s, "
                        + "delta %.2f s; scheduling, serialization and transfer %.2f s), merge %.2f s", rounds,
                broadcast / 1e9, job / 1e9, setup / 1e9, train / 1e9, delta / 1e9, beyondTasks / 1e9, merge / 1e9);
    }
}

package dev.embedkit.cli;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills `embedkit train --checkpoint-every` with SIGKILL at random moments, in a child JVM, and resumes it each
 * time, in rounds: each round trains from scratch, is killed and resumed until a run finishes, and must end with
 * exactly the vectors of a run that was never interrupted (seeded single-thread mode). After every kill the latest
 * checkpoint loads, and the output model, if there is one, is the finished model, never a half-written one.
 * The default suite kills {@value #DEFAULT_KILLS} times; {@code -Dembedkit.crash.kills} sets more (scripts/crash.sh).
 * The report goes to target/crash-report.md and standard output.
 */
class TrainingCrashTest {
    static final int DEFAULT_KILLS = 4;
    static final int KILLS = Integer.getInteger("embedkit.crash.kills", DEFAULT_KILLS);
    /** Words between checkpoints: 20 checkpoints in a run of 2 epochs × 100,000 words. */
    private static final long EVERY = 10_000;
    private static final List<String> SETTINGS = List.of("--dim", "16", "--min-count", "1", "--epochs", "2",
            "--deterministic", "--checkpoint-every", Long.toString(EVERY));
    /** How often the test looks for a new checkpoint: they come every 10–40 ms. */
    private static final long POLL_MILLIS = 5;

    @TempDir
    Path dir;
    private Path lastLog;
    private final SplittableRandom killMoments = new SplittableRandom(9);

    /**
     * The run that was never interrupted: its vectors, the step of its last checkpoint (the end of training) and
     * the time it took from one checkpoint to the next, on average.
     */
    private record Reference(EmbeddingTable vectors, long lastStep, long millisPerCheckpoint) {
    }

    /** What the rounds went through, for the report. */
    private static final class Tally {
        int rounds;
        int identicalRounds;
        int kills;
        int resumes;
        int killsInCheckpointWrite;
        int killsInModelWrite;
        int checkpointsLoaded;
        int modelsLoaded;
        int leftoversAtEnd;
        int hiddenLeftoversAtEnd;
    }

    @Test
    void sigkilledRunsResumeToTheUninterruptedResultBitForBit() throws Exception {
        long started = System.nanoTime();
        Path corpus = writeCorpus();
        Reference reference = trainUninterrupted(corpus, dir.resolve("reference"));
        Tally tally = new Tally();
        while (tally.kills < KILLS) {
            Path round = dir.resolve("round-" + tally.rounds);
            killAndResumeUntilFinished(round, corpus, reference, tally);
            tally.rounds++;
            Set<Path> left = leftovers(round);
            tally.leftoversAtEnd += left.size();
            // every run of the round has ended, so a hidden temp or old copy left now is a dead writer's
            tally.hiddenLeftoversAtEnd += (int) left.stream().filter(p -> p.getFileName().toString().startsWith("."))
                    .count();
            EmbeddingTable finished = ModelDirectory.open(round.resolve("model")).table();
            tally.identicalRounds += sameVectors(finished, reference.vectors()) ? 1 : 0;
        }
        String report = report(tally, (System.nanoTime() - started) / 1e9);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/crash-report.md"), report);

        assertThat(tally.identicalRounds).as("rounds ending with the uninterrupted vectors").isEqualTo(tally.rounds);
        assertThat(tally.resumes).as("every kill is followed by a run resumed from the last checkpoint")
                .isEqualTo(tally.kills);
        assertThat(tally.hiddenLeftoversAtEnd).as("hidden temps and old copies of killed runs the last run of a round"
                + " did not clean up").isZero();
    }

    /** Trains in {@code parent} without a kill, watching when the checkpoints come. */
    private Reference trainUninterrupted(Path corpus, Path parent) throws IOException, InterruptedException {
        Process run = start(freshRun(corpus, parent));
        Path checkpoints = parent.resolve("checkpoints");
        long firstStep = waitForCheckpointAfter(run, checkpoints, 0);
        long firstSeen = System.nanoTime();
        long step = firstStep;
        long seen = firstSeen;
        for (long next; (next = waitForCheckpointAfter(run, checkpoints, step)) > step; ) {
            step = next;
            seen = System.nanoTime();
        }
        assertThat(run.waitFor()).as(output(run)).isZero();
        assertThat(step).as("checkpoints seen (the polling missed all but one)").isGreaterThan(firstStep);
        long millisPerCheckpoint = TimeUnit.NANOSECONDS.toMillis(seen - firstSeen) * EVERY / (step - firstStep);
        return new Reference(ModelDirectory.open(parent.resolve("model")).table(), step, millisPerCheckpoint);
    }

    /**
     * Trains in {@code round} from scratch, SIGKILLing each run at a random moment ({@link #killAhead}) and resuming
     * it from the latest checkpoint with whatever the kill left on disk, until a run finishes.
     */
    private void killAndResumeUntilFinished(Path round, Path corpus, Reference reference, Tally tally)
            throws IOException, InterruptedException {
        Path checkpoints = round.resolve("checkpoints");
        Path model = round.resolve("model");
        while (true) {
            boolean resuming = Files.exists(checkpoints.resolve("latest"));
            Set<Path> leftBefore = leftovers(round);
            // a resumed run checkpoints only when asked again, so it is asked
            Process run = start(resuming ? List.of("train", "--resume", checkpoints.toString(), "-o", model.toString(),
                    "--overwrite", "--checkpoint-every", Long.toString(EVERY)) : freshRun(corpus, round));
            tally.resumes += resuming ? 1 : 0;
            if (tally.kills == KILLS || !killAhead(run, checkpoints, reference)) {
                assertThat(run.waitFor()).as(output(run)).isZero();
                return;
            }
            tally.kills++;
            Set<Path> leftByKill = new HashSet<>(leftovers(round));
            leftByKill.removeAll(leftBefore);
            tally.killsInCheckpointWrite += leftByKill.stream().anyMatch(p -> p.startsWith(checkpoints)) ? 1 : 0;
            tally.killsInModelWrite += leftByKill.stream().anyMatch(p -> !p.startsWith(checkpoints)) ? 1 : 0;
            Checkpoint.load(checkpoints); // the last good checkpoint loads whatever the kill interrupted
            tally.checkpointsLoaded++;
            if (Files.exists(model)) {
                assertThat(sameVectors(ModelDirectory.open(model).table(), reference.vectors()))
                        .as("a model present after a kill is the finished one").isTrue();
                tally.modelsLoaded++;
            }
        }
    }

    /** A run from the corpus, with its checkpoints and model in {@code parent}. */
    private static List<String> freshRun(Path corpus, Path parent) {
        List<String> args = new ArrayList<>(List.of("train", corpus.toString(), "-o", parent.resolve("model").toString(),
                "--checkpoint-dir", parent.resolve("checkpoints").toString()));
        args.addAll(SETTINGS);
        return args;
    }

    /**
     * SIGKILLs the run at a moment spread over the rest of its training: after one of the checkpoints still to come,
     * drawn uniformly, and within the interval that follows it, drawn uniformly too. So kills land while the run
     * trains, while it writes a checkpoint, and after the last checkpoint while it writes the final model. False if
     * the run ended first or has no checkpoint to come.
     */
    private boolean killAhead(Process run, Path checkpoints, Reference reference)
            throws IOException, InterruptedException {
        long from = step(latest(checkpoints));
        long ahead = (reference.lastStep() - from) / EVERY;
        if (ahead == 0) {
            return false;
        }
        long after = from + EVERY * (1 + killMoments.nextLong(ahead));
        waitForCheckpointAfter(run, checkpoints, after - 1);
        if (run.waitFor(killMoments.nextLong(reference.millisPerCheckpoint() + 1), TimeUnit.MILLISECONDS)) {
            return false;
        }
        run.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        run.waitFor();
        return true;
    }

    /** Waits until the run names a checkpoint later than {@code step} or ends; the step named last. */
    private static long waitForCheckpointAfter(Process run, Path checkpoints, long step)
            throws IOException, InterruptedException {
        while (run.isAlive() && step(latest(checkpoints)) <= step) {
            Thread.sleep(POLL_MILLIS);
        }
        return step(latest(checkpoints));
    }

    /** The words done at a checkpoint named "step-000000000010000", 0 for none. */
    private static long step(String name) {
        return name.isBlank() ? 0 : Long.parseLong(name.strip().substring("step-".length()));
    }

    private static String latest(Path checkpoints) throws IOException {
        try {
            return Files.readString(checkpoints.resolve("latest"));
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /**
     * What an interrupted save leaves in {@code round}: in the checkpoint directory anything besides `latest` and
     * the step it names (a hidden temp, a new step not yet named, an old one not yet deleted); beside the model its
     * hidden temp or old copy. A kill that adds to these landed inside a write.
     */
    private static Set<Path> leftovers(Path round) throws IOException {
        Path checkpoints = round.resolve("checkpoints");
        String named = latest(checkpoints).strip();
        Set<Path> found = new HashSet<>();
        for (Path entry : list(checkpoints)) {
            String name = entry.getFileName().toString();
            if (!name.equals("latest") && !name.equals(named)) {
                found.add(entry);
            }
        }
        for (Path entry : list(round)) {
            if (entry.getFileName().toString().startsWith(".model.")) {
                found.add(entry);
            }
        }
        return found;
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    private static boolean sameVectors(EmbeddingTable actual, EmbeddingTable expected) {
        return actual.vocabulary().tokens().equals(expected.vocabulary().tokens())
                && actual.weights().toHeap().equals(expected.weights().toHeap());
    }

    private static String report(Tally tally, double seconds) {
        return String.join("\n",
                "| training killed with SIGKILL (TrainingCrashTest) | |",
                "|---|---:|",
                "| kills | " + tally.kills + " |",
                "| resumes from the last checkpoint | " + tally.resumes + " |",
                "| rounds (trained from scratch, killed and resumed until finished) | " + tally.rounds + " |",
                "| kills while a checkpoint was being written | " + tally.killsInCheckpointWrite + " |",
                "| kills while the final model was being written | " + tally.killsInModelWrite + " |",
                "| checkpoints loaded after a kill | " + tally.checkpointsLoaded + " |",
                "| finished models present after a kill, loaded and equal | " + tally.modelsLoaded + " |",
                "| leftovers of interrupted writes still there when rounds ended | " + tally.leftoversAtEnd + " |",
                "| of which hidden temps or old copies (cleaned up by the next write beside them) | "
                        + tally.hiddenLeftoversAtEnd + " |",
                "| rounds ending with the uninterrupted run's vectors bit for bit | " + tally.identicalRounds + " of "
                        + tally.rounds + (tally.identicalRounds == tally.rounds ? " (yes)" : " (NO)") + " |",
                String.format(Locale.ROOT, "| seconds | %.1f |", seconds), "");
    }

    /** The CLI in a child JVM: the same java and class path as this test, output to a file. */
    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        Path log = Files.createTempFile(dir, "run", ".log");
        lastLog = log;
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** What the last child printed, for a failure message. */
    private String output(Process process) throws IOException {
        return "exit " + process.exitValue() + ": " + Files.readString(lastLog);
    }

    private Path writeCorpus() throws IOException {
        String[][] groups = {{"cat", "dog", "pet", "fur", "paw", "tail"}, {"car", "bus", "road", "fuel", "wheel", "lane"}};
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String[] group = groups[random.nextInt(2)];
            lines.add(String.join(" ", group[random.nextInt(6)], group[random.nextInt(6)], group[random.nextInt(6)],
                    group[random.nextInt(6)], group[random.nextInt(6)]));
        }
        return Files.write(dir.resolve("corpus.txt"), lines);
    }
}

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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills `embedkit train --checkpoint-every` with SIGKILL at random moments, in a child JVM, and resumes it each
 * time: after every kill the latest checkpoint loads, and in the seeded single-thread mode the run that was killed
 * and resumed again and again ends with exactly the vectors of a run that was never interrupted.
 */
class TrainingCrashTest {
    private static final int KILLS = 4;

    @TempDir
    Path dir;
    private Path lastLog;

    @Test
    void sigkilledRunsResumeToTheUninterruptedResultBitForBit() throws Exception {
        Path corpus = writeCorpus();
        List<String> settings = List.of("--dim", "16", "--min-count", "1", "--epochs", "2", "--deterministic",
                "--checkpoint-every", "10000");
        Process reference = start(concat(List.of("train", corpus.toString(), "-o", dir.resolve("reference").toString(),
                "--checkpoint-dir", dir.resolve("reference.checkpoints").toString()), settings));
        assertThat(reference.waitFor()).as(output(reference)).isZero();

        Path checkpoints = dir.resolve("checkpoints");
        Path model = dir.resolve("model");
        SplittableRandom random = new SplittableRandom(9);
        int kills = 0;
        int resumes = 0;
        boolean finished = false;
        while (!finished) {
            List<String> args = Files.exists(checkpoints.resolve("latest"))
                    // a resumed run checkpoints only when asked again, so it is asked
                    ? List.of("train", "--resume", checkpoints.toString(), "-o", model.toString(), "--overwrite",
                            "--checkpoint-every", "10000")
                    : concat(List.of("train", corpus.toString(), "-o", model.toString(), "--overwrite",
                            "--checkpoint-dir", checkpoints.toString()), settings);
            resumes += args.contains("--resume") ? 1 : 0;
            Process run = start(args);
            if (kills < KILLS && killAfterNextCheckpoint(run, checkpoints, random)) {
                kills++;
                Checkpoint.load(checkpoints); // the last good checkpoint loads whatever the kill interrupted
                continue;
            }
            assertThat(run.waitFor()).as(output(run)).isZero();
            finished = true;
        }
        assertThat(kills).isEqualTo(KILLS);
        assertThat(resumes).as("runs that started from a checkpoint").isPositive();
        EmbeddingTable resumed = ModelDirectory.open(model).table();
        EmbeddingTable uninterrupted = ModelDirectory.open(dir.resolve("reference")).table();
        assertThat(resumed.vocabulary().tokens()).isEqualTo(uninterrupted.vocabulary().tokens());
        assertThat(resumed.weights().toHeap()).isEqualTo(uninterrupted.weights().toHeap());
    }

    /**
     * Waits until the run writes a new checkpoint, then SIGKILLs it 0–150 ms later (so some kills land while the
     * next one is being written); false if the run ended first.
     */
    private static boolean killAfterNextCheckpoint(Process run, Path checkpoints, SplittableRandom random)
            throws IOException, InterruptedException {
        String before = latest(checkpoints);
        while (run.isAlive() && before.equals(latest(checkpoints))) {
            Thread.sleep(20);
        }
        if (run.waitFor(random.nextInt(150), TimeUnit.MILLISECONDS)) {
            return false;
        }
        run.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        run.waitFor();
        return true;
    }

    private static String latest(Path checkpoints) throws IOException {
        Path latest = checkpoints.resolve("latest");
        try {
            return Files.readString(latest);
        } catch (NoSuchFileException e) {
            return "";
        }
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

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

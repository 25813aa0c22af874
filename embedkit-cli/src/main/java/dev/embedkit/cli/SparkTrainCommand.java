package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code embedkit spark-train [spark options] -- JOB_ARGS}: prints the {@code spark-submit} line that runs embedkit's
 * word2vec training job on a cluster. The CLI itself needs no Spark; the job lives in the embedkit-spark module.
 */
@Command(name = "spark-train", description = {
        "Print the spark-submit line that trains word2vec (sgns or cbow) on a Spark cluster.",
        "Job arguments follow '--': --input PATH --output MODEL_DIR [--model sgns|cbow --dim --window --negative",
        "--sample --min-count --max-vocab --epochs --alpha --seed --split --lowercase --partitions --rounds].",
        "To run the same job on this machine in local mode: scripts/spark-train --cores N JOB_ARGS."})
final class SparkTrainCommand extends BaseCommand {
    static final String JOB_CLASS = "dev.embedkit.spark.train.SparkTrainJob";

    @Option(names = "--master", defaultValue = "yarn", description = "Spark master URL (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--deploy-mode", defaultValue = "client",
            description = "client or cluster (default: ${DEFAULT-VALUE}; client writes the model on this machine).")
    String deployMode;

    @Option(names = "--executors", description = "Number of executors.")
    Integer executors;

    @Option(names = "--executor-cores", description = "Cores per executor.")
    Integer executorCores;

    @Option(names = "--executor-memory", defaultValue = "8g", description = "Default: ${DEFAULT-VALUE}.")
    String executorMemory;

    @Option(names = "--driver-memory", defaultValue = "8g",
            description = "Default: ${DEFAULT-VALUE}; the driver holds both tables and merges the deltas.")
    String driverMemory;

    @Option(names = "--jar", paramLabel = "JAR",
            description = "The job jar, with its dependencies in lib/ beside it (default: this checkout's "
                    + "embedkit-spark/target/embedkit-spark.jar).")
    Path jar;

    @Parameters(paramLabel = "JOB_ARGS", description = "The job's arguments, after '--'.")
    List<String> jobArgs = new ArrayList<>();

    @Override
    protected void run() {
        for (String required : List.of("--input", "--output")) {
            if (!jobArgs.contains(required)) {
                throw new BadInputException("the job needs " + required + "; put the job's arguments after '--', e.g. "
                        + "embedkit spark-train --master yarn -- --input hdfs:///corpus.txt --output model");
            }
        }
        Path job = (jar != null ? jar : checkout().resolve("embedkit-spark/target/embedkit-spark.jar")).toAbsolutePath();
        List<String> line = new ArrayList<>(List.of("spark-submit", "--class " + JOB_CLASS, "--master " + quote(master),
                "--deploy-mode " + quote(deployMode)));
        if (executors != null) {
            line.add("--num-executors " + executors);
        }
        if (executorCores != null) {
            line.add("--executor-cores " + executorCores);
        }
        line.add("--executor-memory " + quote(executorMemory));
        line.add("--driver-memory " + quote(driverMemory));
        // embedkit's kernels use the Vector API; without the module they fall back to scalar code.
        line.add("--conf spark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector");
        line.add("--conf spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector");
        line.add("--jars " + String.join(",", libraries(job)));
        line.add(quote(job.toString()));
        List<String> args = new ArrayList<>(jobArgs);
        if (!args.contains("--partitions") && executors != null && executorCores != null) {
            args.addAll(List.of("--partitions", String.valueOf(executors * executorCores)));
        }
        line.add(String.join(" ", args.stream().map(SparkTrainCommand::quote).toList()));
        out().println(String.join(" \\\n  ", line));
    }

    /** The jars in lib/ beside the job jar: embedkit's own modules and what they need that Spark lacks. */
    private static List<String> libraries(Path job) {
        Path lib = job.resolveSibling("lib");
        if (!Files.isRegularFile(job) || !Files.isDirectory(lib)) {
            throw new BadInputException(job + " or the lib/ beside it is missing; build them with "
                    + "mvn -pl embedkit-spark -am package -DskipTests");
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).map(p -> quote(p.toAbsolutePath().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout this CLI runs from: its classes sit in embedkit-cli/target/(classes or embedkit-cli.jar). */
    private static Path checkout() {
        try {
            Path classes = Path.of(SparkTrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Single-quotes a shell word unless it is plainly safe. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=,@%+\\[\\]-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}

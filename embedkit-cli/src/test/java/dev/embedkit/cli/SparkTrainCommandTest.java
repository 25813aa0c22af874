package dev.embedkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SparkTrainCommandTest {

    @Test
    void printsTheSparkSubmitLineWithTheJobItsJarsAndArguments(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("embedkit-spark.jar"));
        Files.createDirectories(dir.resolve("lib"));
        Files.createFile(dir.resolve("lib/embedkit-train.jar"));
        Files.createFile(dir.resolve("lib/embedkit-core.jar"));
        CliRun run = CliRun.of("spark-train", "--master", "yarn", "--executors", "64", "--executor-cores", "4",
                "--jar", jar.toString(), "--", "--input", "hdfs:///corpora/web text.txt", "--output", "model",
                "--model", "cbow");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(String.join(" \\\n  ", "spark-submit",
                "--class dev.embedkit.spark.train.SparkTrainJob", "--master yarn", "--deploy-mode client",
                "--num-executors 64", "--executor-cores 4", "--executor-memory 8g", "--driver-memory 8g",
                "--conf spark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector",
                "--conf spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector",
                "--jars " + dir.resolve("lib/embedkit-core.jar") + "," + dir.resolve("lib/embedkit-train.jar"),
                jar.toString(),
                "--input 'hdfs:///corpora/web text.txt' --output model --model cbow --partitions 256") + "\n");
    }

    @Test
    void withoutInputAndOutputItSaysWhereTheJobArgumentsGo(@TempDir Path dir) {
        CliRun run = CliRun.of("spark-train", "--jar", dir.resolve("none.jar").toString(), "--", "--output", "m");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the job needs --input").contains("after '--'");
    }

    @Test
    void aMissingJobJarNamesTheBuildCommand(@TempDir Path dir) {
        CliRun run = CliRun.of("spark-train", "--jar", dir.resolve("none.jar").toString(), "--", "--input", "c.txt",
                "--output", "m");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("none.jar").contains("mvn -pl embedkit-spark -am package");
    }
}

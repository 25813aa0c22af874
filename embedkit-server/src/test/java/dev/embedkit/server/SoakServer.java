package dev.embedkit.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server under {@link SoakTest} in a JVM of its own, so that its memory is the server's alone and bounded by
 * {@value #MAX_HEAP}: {@link #main} serves {@link TestServer}'s models and the test's training log; {@link #start}
 * runs it and is the test's handle on it. They talk in lines: the child prints its port, then answers "gc" with its
 * heap used after full collections and "heap" with its heap used now, in bytes; it stops when its standard input ends,
 * so that it also goes when the test's JVM dies.
 */
final class SoakServer implements AutoCloseable {
    static final String MAX_HEAP = "256m";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration ANSWER = Duration.ofSeconds(60);

    private final Process process;
    private final Path output; // the child's standard error (and anything else it prints)
    private final BufferedReader answers;
    private final PrintWriter commands;
    private final int port;

    /** Usage: SoakServer DIR LOG — DIR for the next-token model's files, LOG the training log to stream. */
    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream answers = System.out;
        System.setOut(System.err); // only answers on standard output
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (EmbeddingServer server = new EmbeddingServer("127.0.0.1", 0, Limits.DEFAULT,
                TestServer.models(Path.of(args[0])), Path.of(args[1]), null).start()) {
            answers.println(server.port());
            answers.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("gc")) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(200);
                    }
                }
                answers.println(memory.getHeapMemoryUsage().getUsed());
                answers.flush();
            }
        }
    }

    private SoakServer(Process process, Path output) throws IOException {
        this.process = process;
        this.output = output;
        this.answers = process.inputReader(StandardCharsets.UTF_8);
        this.commands = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        this.port = Math.toIntExact(answer(STARTUP, "its port"));
    }

    /** Starts the server's JVM (this JVM's java and class path) and waits for its port; its output goes to DIR. */
    static SoakServer start(Path dir, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx" + MAX_HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                SoakServer.class.getName(), dir.toString(), log.toString());
        Path output = dir.resolve("soak-server.log");
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(command).redirectError(output.toFile()).start();
        try {
            return new SoakServer(process, output);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The server's heap used after three full collections, in bytes. */
    long heapAfterGc() {
        commands.println("gc");
        return answer(ANSWER, "its heap after GC");
    }

    /** The server's heap used now, in bytes. */
    long heapUsed() {
        commands.println("heap");
        return answer(ANSWER, "its heap used");
    }

    /** An error if the server's JVM has ended, with its exit code and output. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the server's JVM ended: " + describe());
        }
    }

    private long answer(Duration within, String what) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            } catch (IOException e) {
                return null;
            }
        }, Thread::startVirtualThread);
        String got;
        try {
            got = line.get(within.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server's JVM gave no " + what + " within " + within + ": " + describe());
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
        if (got == null) {
            awaitExit(Duration.ofSeconds(10)); // its output has ended: it is ending
            throw new AssertionError("the server's JVM ended before giving " + what + ": " + describe());
        }
        try {
            return Long.parseLong(got.strip());
        } catch (NumberFormatException e) {
            throw new AssertionError("the server's JVM gave '" + got + "' for " + what + ": " + describe());
        }
    }

    /** Whether it is running or its exit code, and the end of what it printed. */
    private String describe() {
        String state = process.isAlive() ? "running" : "exit code " + process.exitValue();
        try {
            String text = Files.readString(output);
            return state + ", output " + output + (text.isEmpty() ? " (empty)" : ":\n"
                    + text.substring(Math.max(0, text.length() - 4_000)));
        } catch (IOException e) {
            return state + ", output unreadable: " + e;
        }
    }

    private void awaitExit(Duration most) {
        try {
            process.waitFor(most.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server's JVM (whatever state it is in) and waits for it. */
    @Override
    public void close() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }
}

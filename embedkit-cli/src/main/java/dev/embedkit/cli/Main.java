package dev.embedkit.cli;

/** Entry point of the {@code embedkit} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(EmbedkitCommand.commandLine(
                new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)).execute(args));
    }
}

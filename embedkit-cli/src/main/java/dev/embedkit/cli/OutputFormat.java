package dev.embedkit.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option of every command whose output is data. */
final class OutputFormat {
    enum Kind { TEXT, JSON }

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output as human-readable text (default) or JSON.")
    Kind kind = Kind.TEXT;

    boolean json() {
        return kind == Kind.JSON;
    }
}

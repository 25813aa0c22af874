package dev.embedkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the embedkit command in-process and captures what it prints, as a user would see it. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EmbedkitCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}

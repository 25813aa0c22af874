package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;

/** The top-level {@code embedkit} command: lists the subcommands, prints the version. */
@Command(name = "embedkit",
        mixinStandardHelpOptions = true,
        versionProvider = EmbedkitCommand.Version.class,
        description = "Token IDs to meaning and back: tokenize, look up, learn, unembed.",
        subcommands = {
                QuickstartCommand.class, InfoCommand.class, TokenizeCommand.class, EmbedCommand.class,
                NeighborsCommand.class, AnalogyCommand.class, EvalCommand.class, UnembedCommand.class,
                PredictCommand.class, ConvertCommand.class, TrainCommand.class, TourCommand.class, TokenizerCommand.class,
                ServeCommand.class, SparkTrainCommand.class,
                CommandLine.HelpCommand.class})
public final class EmbedkitCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The one factory used by {@link Main} and by tests: output goes to {@code out}, errors to {@code err},
     * and an {@link EmbedkitException} becomes its message and exit code 1 (a stack trace only with --verbose).
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EmbedkitCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(ex));
            if (parseResult.originalArgs().contains("--verbose")) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        return cli;
    }

    /** A user-facing sentence for a failure: our own messages as they are, I/O failures with the file they concern. */
    private static String describe(Exception ex) {
        Throwable cause = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
        return switch (cause) {
            case EmbedkitException e -> e.getMessage();
            case NoSuchFileException e -> "no such file or directory: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case IOException e -> (ex.getMessage() != null ? ex.getMessage() : e.toString());
            default -> ex.toString();
        };
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = EmbedkitCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"embedkit " + properties.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}

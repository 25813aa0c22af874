package dev.embedkit.cli;

import picocli.CommandLine.Command;

/** {@code embedkit tokenizer …}: commands that make tokenizers (so far: train). */
@Command(name = "tokenizer", description = "Make tokenizers: train a byte-level BPE on a corpus.",
        subcommands = {TokenizerTrainCommand.class})
final class TokenizerCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dev.embedkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.Tokenizers;
import dev.embedkit.tokenize.bpe.Gpt2Tokenizer;

import java.nio.file.Path;
import java.util.Arrays;

/** Fuzzing the tokenizer files: a Hugging Face tokenizer.json, and GPT-2's encoder.json + vocab.bpe pair. */
class TokenizerFuzzTest {
    private static final Path DIR = HostileFiles.directory("tokenizer");
    private static final String SAMPLE = "Hello, wörld! 12 tokens\tand  spaces 🙂";

    @FuzzTest(maxDuration = "5s")
    void tokenizerJson(byte[] bytes) {
        HostileFiles.read(DIR.resolve("tokenizer.json"), bytes, file -> use(Tokenizers.load(file)));
    }

    /** The input is encoder.json, a NUL byte, then vocab.bpe (neither file holds a NUL when valid). */
    @FuzzTest(maxDuration = "5s")
    void gpt2Files(byte[] bytes) {
        int nul = 0;
        while (nul < bytes.length && bytes[nul] != 0) {
            nul++;
        }
        Path encoder = DIR.resolve("encoder.json");
        Path merges = DIR.resolve("vocab.bpe");
        HostileFiles.write(encoder, Arrays.copyOfRange(bytes, 0, nul));
        HostileFiles.write(merges, Arrays.copyOfRange(bytes, Math.min(nul + 1, bytes.length), bytes.length));
        // either file may be the bad one; both names share the directory, which the message must name
        HostileFiles.attempt(DIR, () -> use(Gpt2Tokenizer.load(encoder, merges)));
    }

    /** A loaded tokenizer must encode and decode without failing deep inside. */
    private static void use(Tokenizer tokenizer) {
        int[] ids = tokenizer.encode(SAMPLE);
        tokenizer.decode(ids);
        tokenizer.tokenize(SAMPLE);
    }
}

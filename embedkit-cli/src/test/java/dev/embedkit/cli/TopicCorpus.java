package dev.embedkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A tiny corpus of topics: 1500 lines of four words, all from one topic, seeded. */
final class TopicCorpus {

    private TopicCorpus() {
    }

    /** Two topics, pets and traffic (seed 5). */
    static Path write(Path file) throws IOException {
        return write(file, new String[][] {{"cat", "dog", "pet", "fur", "paw"}, {"car", "bus", "road", "fuel", "wheel"}},
                5);
    }

    /** Each line draws its four words from one of {@code topics}, chosen at random; the words repeat within it. */
    static Path write(Path file, String[][] topics, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String[] topic = topics[random.nextInt(topics.length)];
            lines.add(String.join(" ", topic[random.nextInt(topic.length)], topic[random.nextInt(topic.length)],
                    topic[random.nextInt(topic.length)], topic[random.nextInt(topic.length)]));
        }
        return Files.write(file, lines);
    }
}

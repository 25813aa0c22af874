package dev.embedkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A tiny corpus of two topics: 1500 lines of four words, all from one topic (pets or traffic), seeded. */
final class TopicCorpus {

    private TopicCorpus() {
    }

    static Path write(Path file) throws IOException {
        String[][] groups = {{"cat", "dog", "pet", "fur", "paw"}, {"car", "bus", "road", "fuel", "wheel"}};
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String[] group = groups[random.nextInt(2)];
            lines.add(String.join(" ", group[random.nextInt(5)], group[random.nextInt(5)], group[random.nextInt(5)],
                    group[random.nextInt(5)]));
        }
        return Files.write(file, lines);
    }
}

package dev.embedkit.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundledCorpusTest {
    @Test
    void holdsTheWholeKingJamesBibleOneVersePerLine() {
        List<String> verses = BundledCorpus.lines();
        assertThat(verses).hasSize(31_102);
        assertThat(verses.getFirst()).isEqualTo("In the beginning God created the heaven and the earth.");
        assertThat(verses.getLast()).isEqualTo("The grace of our Lord Jesus Christ be with you all. Amen.");
    }
}

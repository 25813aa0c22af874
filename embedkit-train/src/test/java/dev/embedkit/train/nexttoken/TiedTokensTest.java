package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.story.TourResult;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TiedTokensTest {
    /** "a x" and "b y" alternate: after a always comes x, after b always y, so a and b need different vectors. */
    private static final Vocabulary VOCABULARY = Vocabulary.of(List.of("a", "b", "x", "y"), new long[] {500, 500, 500, 500});

    private static TiedTokens experiment(int sentences) {
        List<int[]> corpus = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            corpus.add(s % 2 == 0 ? new int[] {0, 2} : new int[] {1, 3});
        }
        return new TiedTokens("a-x b-y", VOCABULARY, corpus, NextTokenSettings.defaults().withDim(8).withBatchSize(8)
                .withOptimizer(OptimizerKind.ADAM, 0.05).withSoftmax(SoftmaxMode.FULL, 4));
    }

    @Test
    void tyingTwoTokensUsedDifferentlyRaisesTheLossAndReleasedTheyPart() {
        TourResult.Tie tie = experiment(1000).run(new WordPair("a", "b"), 40, 1);
        assertThat(tie.tieSteps()).isEqualTo(40);
        assertThat(tie.totalSteps()).isEqualTo(80); // 2 × 40 steps × batch 8 = 640 positions = 320 sentences
        assertThat(tie.corpus()).isEqualTo("a-x b-y: 640 training positions, 680 held-out sentences");
        // tied: one vector from the first step to the release
        assertThat(tie.tied()).filteredOn(p -> p.step() <= 40).allSatisfy(p -> assertThat(p.cosine()).isCloseTo(1, within(1e-6)));
        assertThat(tie.untied().getFirst().cosine()).isLessThan(0.99); // random rows at step 0
        assertThat(tie.untied()).extracting(TourResult.TiePoint::step).containsExactly(0L, 4L, 8L, 12L, 16L, 20L, 24L,
                28L, 32L, 36L, 40L, 44L, 48L, 52L, 56L, 60L, 64L, 68L, 72L, 76L, 80L);
        // the tied model cannot tell a from b, so it cannot tell x from y after them: up to ln 2 more per such token
        assertThat(tie.lossRise()).isGreaterThan(0.1).isLessThan(Math.log(2));
        // released, the two rows move apart and the loss falls toward the untied run's
        assertThat(tie.tied().getLast().cosine()).isLessThan(0.95);
        assertThat(tie.tied().getLast().heldOutLoss()).isLessThan(tie.tied().get(10).heldOutLoss());
    }

    @Test
    void sharingSetsBothRowsToTheirMean() {
        float[] table = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // (3, 3)
        TiedTokens.share(table, 3, 0, 2);
        assertThat(table).containsExactly(4, 5, 6, 4, 5, 6, 4, 5, 6);
        assertThat(TiedTokens.cosine(table, 3, 0, 2)).isCloseTo(1, within(1e-12));
        assertThat(TiedTokens.cosine(new float[] {1, 0, 0, 1}, 2, 0, 1)).isZero();
    }

    @Test
    void unknownTokensAndTooSmallCorporaAreRefusedByName() {
        assertThatThrownBy(() -> experiment(1000).run(new WordPair("a", "z"), 40, 1)).isInstanceOf(BadInputException.class)
                .hasMessage("tie: 'z' is not in the vocabulary of a-x b-y");
        assertThatThrownBy(() -> experiment(100).run(new WordPair("a", "b"), 40, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tie: a-x b-y has 200 tokens; 40 tie steps need 640 for training");
        assertThatThrownBy(() -> experiment(1000).run(new WordPair("a", "a"), 40, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("are one token");
    }
}

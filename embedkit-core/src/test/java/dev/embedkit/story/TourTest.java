package dev.embedkit.story;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** Every step of the tour on a planted table whose answers are worked out by hand. */
class TourTest {
    /** Unit rows (but 'the'): queen − king = woman − man exactly, apple/pear at cosine 0.8, a −0.0 in 'said'. */
    static final EmbeddingTable PLANTED = new EmbeddingTable(
            Vocabulary.of(List.of("the", "man", "woman", "king", "queen", "apple", "pear", "said")),
            HeapMatrix.of(new float[][] {
                    {0.5f, 0.5f, 0.5f, 0.5f},
                    {1, 0, 0, 0},
                    {0, 1, 0, 0},
                    {0.5f, -0.5f, 0.70710677f, 0},
                    {-0.5f, 0.5f, 0.70710677f, 0},
                    {0, 0, 0, 1},
                    {0, 0, 0.6f, 0.8f},
                    {-0f, 0.6f, 0, -0.8f}}));

    private static Tour tour(TourSettings settings) {
        return new Tour(new NeighborIndex(PLANTED),
                new WordTokenizer(new WordSplitter(WordSplitter.Mode.PUNCTUATION, true), PLANTED.vocabulary()),
                Unembedding.tied(PLANTED), settings, null);
    }

    private static final TourSettings SETTINGS = TourSettings.defaults().withSamples(200)
            .withPairs(TourSettings.parsePairs(List.of("man:woman", "king:queen", "boy:girl")))
            .withId(7).withText("the king said");

    @Test
    void idsCompareAllAdjacentPairsWithRandomOnes() {
        // rows e1, e1, e2, e2: adjacent cosines 1, 0, 1
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(List.of("a", "b", "c", "d")),
                HeapMatrix.of(new float[][] {{1, 0}, {1, 0}, {0, 1}, {0, 1}}));
        Tour tour = new Tour(new NeighborIndex(table), null, Unembedding.tied(table), SETTINGS, null);
        TourResult.Ids ids = (TourResult.Ids) tour.compute(TourStep.IDS);
        assertThat(ids.adjacent().count()).isEqualTo(3);
        assertThat(ids.adjacent().mean()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(ids.adjacent().histogram()[Distribution.COSINE_BINS - 1]).isEqualTo(2);
        assertThat(ids.random().count()).isEqualTo(200);
        // a random pair of distinct IDs has cosine 1 with probability 1/3 (its partner among the 3 others)
        assertThat(ids.random().mean()).isCloseTo(1.0 / 3, within(0.1));
        assertThat(ids.meanGap()).isCloseTo(ids.adjacent().mean() - ids.random().mean(), within(1e-12));
        assertThat(ids.untrainedAdjacent().count()).isEqualTo(3);
    }

    @Test
    void lookupIsTheRowBitForBit() {
        TourResult.Lookup lookup = (TourResult.Lookup) tour(SETTINGS).compute(TourStep.LOOKUP);
        assertThat(lookup.token()).isEqualTo("said");
        assertThat(lookup.row()).containsExactly(-0f, 0.6f, 0, -0.8f);
        assertThat(lookup.lookupBitIdentical()).isTrue();
        assertThat(lookup.oneHotDifferingBits()).isEqualTo(1); // 0 + (−0) = +0
        assertThat(lookup.oneHotMultiplyAdds()).isEqualTo(32);
    }

    @Test
    void plantedParallelOffsetsHaveMeanCosineOne() {
        TourResult.Directions directions = (TourResult.Directions) tour(SETTINGS).compute(TourStep.DIRECTIONS);
        assertThat(directions.skipped()).containsExactly("boy:girl");
        assertThat(directions.meanOffsetCosine()).isCloseTo(1.0, within(1e-6));
        assertThat(directions.projectionAxis()).isEqualTo(new WordPair("man", "woman"));
        assertThat(directions.projections()).extracting(OffsetDirections.Projection::word, p -> Math.round(p.value() * 1e6) / 1e6)
                .containsExactly(tuple("man", -0.707107), tuple("woman", 0.707107), tuple("king", -0.707107),
                        tuple("queen", 0.707107));
        TourResult.Directions alone = (TourResult.Directions) tour(SETTINGS.withPairs(
                TourSettings.parsePairs(List.of("man:woman")))).compute(TourStep.DIRECTIONS);
        assertThat(alone.meanOffsetCosine()).isNull();
        assertThat(alone.pairs()).hasSize(1);
    }

    @Test
    void tensorStacksTheRowsOfTheTextsIds() {
        TourResult.Tensor tensor = (TourResult.Tensor) tour(SETTINGS).compute(TourStep.TENSOR);
        assertThat(tensor.tokens()).containsExactly("the", "king", "said");
        assertThat(tensor.ids()).containsExactly(0, 3, 7);
        assertThat(tensor.shape()).containsExactly(3, 4);
        assertThat(tensor.rows()[1]).containsExactly(0.5f, -0.5f, 0.70710677f, 0);
    }

    @Test
    void lineupScoresTheOutputVectorAgainstEveryRow() {
        TourResult.Lineup lineup = (TourResult.Lineup) tour(SETTINGS).compute(TourStep.LINEUP);
        assertThat(lineup.expression()).isEqualTo("king - man + woman"); // = queen's row exactly
        // logits h·E[t] by hand: the .35355, man −.5, woman .5, king 0, queen 1, apple 0, pear .42426, said .3
        double[] logits = {Math.sqrt(0.125), -0.5, 0.5, 0, 1, 0, 0.6 * Math.sqrt(0.5), 0.3};
        for (TourResult.AtTemperature at : lineup.temperatures()) {
            double sum = 0;
            for (double logit : logits) {
                sum += Math.exp(logit / at.temperature());
            }
            assertThat(at.top().getFirst().token()).isEqualTo("queen");
            assertThat(at.top().getFirst().probability()).isCloseTo(Math.exp(1 / at.temperature()) / sum, within(1e-6));
            assertThat(at.top()).hasSize(5);
        }
        assertThat(lineup.temperatures()).extracting(TourResult.AtTemperature::temperature).containsExactly(0.5, 1.0, 2.0);
    }

    @Test
    void duplicatesFindEachTokensNearestNeighbour() {
        TourResult.Duplicates duplicates = (TourResult.Duplicates) tour(SETTINGS).compute(TourStep.DUPLICATES);
        assertThat(duplicates.queried()).isEqualTo(8);
        // nearest cosines by hand: the .7 (pear), man .5, woman .6, king .5, queen .5, apple .8, pear .8, said .6
        assertThat(duplicates.nearest().mean()).isCloseTo(5.0 / 8, within(1e-6));
        assertThat(duplicates.nearest().max()).isCloseTo(0.8, within(1e-6));
        assertThat(duplicates.closestPairs()).extracting(NearestNeighbourSpread.TokenPair::a, NearestNeighbourSpread.TokenPair::b)
                .startsWith(tuple("apple", "pear"), tuple("the", "pear"), tuple("woman", "said"));
    }

    @Test
    void randomDirectionsConcentrateAsOneOverRootD() {
        TourResult.Space space = (TourResult.Space) tour(SETTINGS.withSamples(2000)).compute(TourStep.SPACE);
        assertThat(space.rows()).extracting(TourResult.SpaceRow::dim).containsExactly(2, 16, 128, 768, 4096, 4);
        for (TourResult.SpaceRow row : space.rows().subList(1, 5)) {
            assertThat(row.cosines().sd()).isCloseTo(row.oneOverSqrtD(), within(0.1 * row.oneOverSqrtD()));
            assertThat(row.cosines().mean()).isCloseTo(0, within(4 * row.oneOverSqrtD() / Math.sqrt(2000)));
        }
        assertThat(space.rows().getLast().vectors()).isEqualTo("this model");
    }

    @Test
    void stepsAndPairsAreParsedByName() {
        assertThat(TourStep.parse("duplicates")).isEqualTo(TourStep.DUPLICATES);
        assertThat(TourStep.DUPLICATES.number()).isEqualTo(7);
        assertThatThrownBy(() -> TourStep.parse("learnt")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown tour step 'learnt'").hasMessageContaining("ids, lookup, directions");
        assertThatThrownBy(() -> TourSettings.parsePairs(List.of("man"))).isInstanceOf(BadInputException.class)
                .hasMessage("pairs entry 'man' is not of the form A:B");
        assertThatThrownBy(() -> TourSettings.defaults().withSamples(1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("samples must be at least 2");
    }
}

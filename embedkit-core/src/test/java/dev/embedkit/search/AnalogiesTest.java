package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/** Analogies on {@link TinyTables#plane()}, every expected score worked out by hand. */
class AnalogiesTest {
    private final Analogies analogies = new Analogies(new NeighborIndex(TinyTables.plane()));

    @Test
    void threeCosAdd() {
        // a : b :: c : ?  →  b − a + c = (0, 1) − (1, 0) + (0.6, 0.8) = (−0.4, 1.8), length √3.4.
        // Without a, b, c: e (−0.4 + 1.8)/(√3.4·√2) = 0.53688, d 0.4/√3.4 = 0.21693, z 0.
        List<Neighbor> answers = analogies.solve("a", "b", "c", 3, AnalogyMethod.ADD);
        assertThat(answers).extracting(Neighbor::token).containsExactly("e", "d", "z");
        assertThat(answers.get(0).score()).isCloseTo((float) (1.4 / Math.sqrt(3.4) / Math.sqrt(2)), within(1e-6f));
        assertThat(answers.get(1).score()).isCloseTo((float) (0.4 / Math.sqrt(3.4)), within(1e-6f));
        assertThat(answers.get(2).score()).isZero();
    }

    @Test
    void aGivenVectorCountsWithItsDirectionAndIsNoRowToLeaveOut() {
        // q = (0, 3) points as b does: 3CosAdd's direction is b's analogy's, (−0.4, 1.8), but b is no query word now
        VectorExpression expression = new VectorExpression(List.of("q", "c"), List.of("a"));
        Map<String, float[]> q = Map.of("q", new float[] {0, 3});
        List<Neighbor> add = analogies.solve(expression, q, 3, AnalogyMethod.ADD);
        assertThat(add).extracting(Neighbor::token).containsExactly("b", "e", "d");
        assertThat(add.get(0).score()).isCloseTo((float) (1.8 / Math.sqrt(3.4)), within(1e-6f));
        assertThat(add.get(1).score()).isCloseTo((float) (1.4 / Math.sqrt(3.4) / Math.sqrt(2)), within(1e-6f));
        // 3CosMul as below, with b among the answers: cos′(b, q)·cos′(b, c) / (cos′(b, a) + ε) = 1·0.9 / 0.500001
        List<Neighbor> mul = analogies.solve(expression, q, 5, AnalogyMethod.MUL);
        assertThat(mul).extracting(Neighbor::token).containsExactly("d", "b", "e", "z");
        assertThat(mul.get(1).score()).isCloseTo((float) (0.9 / (0.5 + 1e-6)), within(1e-5f));
    }

    @Test
    void threeCosMul() {
        // score(x) = cos′(x, b)·cos′(x, c) / (cos′(x, a) + ε), cos′ = (1 + cos)/2, ε = 1e-6.
        // d: cos(d, a) = −1 gives a zero denominator: 0.5·0.2 / (0 + 1e-6) = 100000, the blow-up ε bounds.
        // e: cos′(e, b) = cos′(e, a) cancel, leaving about cos′(e, c) = (1 + 1.4/√2)/2 = 0.99497.
        // z: 0.5·0.5 / (0.5 + 1e-6) = 0.499999.
        List<Neighbor> answers = analogies.solve("a", "b", "c", 5, AnalogyMethod.MUL);
        assertThat(answers).extracting(Neighbor::token).containsExactly("d", "e", "z");
        assertThat(answers.get(0).score()).isCloseTo(100000f, withinPercentage(1e-3));
        double cosA = (1 + Math.sqrt(0.5)) / 2;
        assertThat(answers.get(1).score()).isCloseTo((float) (cosA * (1 + 1.4 / Math.sqrt(2)) / 2 / (cosA + 1e-6)),
                within(1e-6f));
        assertThat(answers.get(2).score()).isCloseTo((float) (0.25 / (0.5 + 1e-6)), within(1e-6f));
    }

    @Test
    void anExpressionExcludesAllItsWords() {
        // e − a over unit vectors is (1/√2 − 1, 1/√2), direction (−0.38268, 0.92388):
        // b 0.92388, c 0.50953, d 0.38268, z 0.
        List<Neighbor> answers = analogies.solve(VectorExpression.parse("e - a"), 10, AnalogyMethod.ADD);
        assertThat(answers).extracting(Neighbor::token).containsExactly("b", "c", "d", "z");
        assertThat(answers.get(0).score()).isCloseTo((float) Math.cos(Math.PI / 8), within(1e-6f));
    }

    @Test
    void oneWordAloneRanksLikeNearest() {
        assertThat(analogies.solve(VectorExpression.parse("a"), 3, AnalogyMethod.MUL))
                .extracting(Neighbor::token).containsExactly("e", "c", "b");
        assertThat(analogies.solve(VectorExpression.parse("a"), 3, AnalogyMethod.ADD))
                .extracting(Neighbor::token).containsExactly("e", "c", "b");
    }

    @Test
    void doesntMatchPicksTheWordFarthestFromTheMean() {
        // Unit vectors a, c, e point roughly the same way; d = −a is the odd one.
        assertThat(analogies.doesntMatch(List.of("a", "c", "e", "d"))).isEqualTo("d");
        // a and d cancel, leaving a zero mean: every word scores 0 and, as in gensim, the smallest word wins.
        assertThat(analogies.doesntMatch(List.of("d", "a"))).isEqualTo("a");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> analogies.solve("a", "b", "queen", 3, AnalogyMethod.ADD))
                .isInstanceOf(UnknownTokenException.class)
                .hasMessage("unknown token 'queen': it is not in the vocabulary");
        assertThatThrownBy(() -> analogies.solve(VectorExpression.parse("a - a"), 3, AnalogyMethod.ADD))
                .isInstanceOf(BadInputException.class)
                .hasMessage("the unit vectors of 'a - a' sum to the zero vector; there is no direction to search");
        assertThatThrownBy(() -> analogies.solve(VectorExpression.parse("- a"), 3, AnalogyMethod.MUL))
                .isInstanceOf(BadInputException.class)
                .hasMessage("3CosMul needs at least one positive word");
        assertThatThrownBy(() -> analogies.solve("a", "b", "c", 0, AnalogyMethod.MUL))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k must be at least 1, got 0");
        assertThatThrownBy(() -> analogies.doesntMatch(List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("doesnt_match needs at least one word");
        assertThatThrownBy(() -> analogies.doesntMatch(List.of("a", "nope")))
                .isInstanceOf(UnknownTokenException.class);
    }
}

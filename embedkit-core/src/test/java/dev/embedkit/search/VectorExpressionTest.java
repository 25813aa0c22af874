package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VectorExpressionTest {

    @Test
    void parsesWordArithmetic() {
        assertThat(VectorExpression.parse("king - man + woman"))
                .isEqualTo(new VectorExpression(List.of("king", "woman"), List.of("man")));
        assertThat(VectorExpression.parse("king-man+woman"))
                .isEqualTo(new VectorExpression(List.of("king", "woman"), List.of("man")));
        assertThat(VectorExpression.parse("  paris  ")).isEqualTo(new VectorExpression(List.of("paris"), List.of()));
    }

    @Test
    void aLeadingSignAppliesToTheFirstToken() {
        assertThat(VectorExpression.parse("- man + woman"))
                .isEqualTo(new VectorExpression(List.of("woman"), List.of("man")));
        assertThat(VectorExpression.parse("+a")).isEqualTo(new VectorExpression(List.of("a"), List.of()));
    }

    @Test
    void quotedTokensMayHoldOperatorsSpacesAndEscapes() {
        assertThat(VectorExpression.parse("\"new-york\" - 'x\\'s' + \"a b\" - '-'"))
                .isEqualTo(new VectorExpression(List.of("new-york", "a b"), List.of("x's", "-")));
        assertThat(VectorExpression.parse("don't")).isEqualTo(new VectorExpression(List.of("don't"), List.of()));
    }

    @Test
    void malformedExpressionsNameThePosition() {
        assertThatThrownBy(() -> VectorExpression.parse("king man"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("expression \"king man\": expected '+' or '-', found 'm' at position 6");
        assertThatThrownBy(() -> VectorExpression.parse("king -"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("expression \"king -\": expected a token after '-' at position 7");
        assertThatThrownBy(() -> VectorExpression.parse("king + - man"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("expression \"king + - man\": expected a token, found '-' at position 8");
        assertThatThrownBy(() -> VectorExpression.parse("a + \"b"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("expression \"a + \"b\": unterminated quote \" at position 5");
        assertThatThrownBy(() -> VectorExpression.parse("a - ''"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("expression \"a - ''\": empty quoted token at position 5");
        assertThatThrownBy(() -> VectorExpression.parse("   "))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("empty expression");
    }

    @Test
    void sumIsOverTheRawRows() {
        // b − a + c over the raw rows (0, 2) − (1, 0) + (3, 4).
        assertThat(VectorExpression.parse("b - a + c").sum(TinyTables.plane())).containsExactly(2f, 6f);
        assertThatThrownBy(() -> VectorExpression.parse("b - q").sum(TinyTables.plane()))
                .isInstanceOf(UnknownTokenException.class)
                .hasMessage("unknown token 'q': it is not in the vocabulary");
    }

    @Test
    void givenVectorsStandInForTokensWithoutARow() {
        VectorExpression expression = VectorExpression.parse("b - q + c");
        assertThat(expression.tokens()).containsExactly("b", "c", "q");
        // (0, 2) − (5, 1) + (3, 4)
        assertThat(expression.sum(TinyTables.plane(), Map.of("q", new float[] {5, 1}))).containsExactly(-2f, 5f);
    }

    @Test
    void printsAsArithmetic() {
        assertThat(VectorExpression.parse("king - man + woman")).hasToString("king + woman - man");
        assertThat(VectorExpression.parse("-man")).hasToString("- man");
    }
}

package dev.embedkit.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast float parser agrees with {@link Float#parseFloat} to the bit, or declines (NaN). */
class FloatTextTest {

    @Property(tries = 20_000)
    void agreesWithParseFloatOnShortestDecimals(@ForAll int bits) {
        float value = Float.intBitsToFloat(bits);
        if (Float.isFinite(value)) {
            assertAgrees(Float.toString(value));
            assertAgrees(String.format(Locale.ROOT, "%.6f", value)); // the word2vec C tool's "%lf"
            assertAgrees(new BigDecimal(value).round(new MathContext(9)).toString());
        }
    }

    @Property(tries = 20_000)
    void agreesWithParseFloatOnArbitraryDecimals(@ForAll("decimals") String text) {
        assertAgrees(text);
    }

    @Test
    void decidesTiesTheWayParseFloatDoes() {
        // 2^24 + 1 is the midpoint between the floats 2^24 and 2^24 + 2: a tie, which parseFloat rounds to even.
        assertThat(FloatText.parseFast("16777217")).isNaN();
        assertAgrees("16777217");
        assertAgrees("16777219");
        assertAgrees("-0.0");
        assertThat(Float.floatToRawIntBits(FloatText.parseFast("-0.0"))).isEqualTo(0x80000000);
        assertThat(FloatText.parseFast("3.4028236e38")).isNaN(); // overflows: left to parseFloat
    }

    @Test
    void takesTheFastPathForTypicalValues() {
        assertThat(FloatText.parseFast("0.33333334")).isEqualTo(0.33333334f);
        assertThat(FloatText.parseFast("-1.2345678E-5")).isEqualTo(-1.2345678E-5f);
        assertThat(FloatText.parseFast("0.123456")).isEqualTo(0.123456f);
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> mantissa = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(18);
        Arbitrary<Integer> point = Arbitraries.integers().between(0, 18);
        Arbitrary<Integer> exponent = Arbitraries.integers().between(-50, 50);
        return Combinators.combine(mantissa, point, exponent, Arbitraries.of("", "-", "+"))
                .as((digits, at, exp, sign) -> {
                    int cut = Math.min(at, digits.length());
                    String number = digits.substring(0, cut) + "." + digits.substring(cut);
                    if (number.startsWith(".")) {
                        number = "0" + number;
                    }
                    return sign + number + (exp == 0 ? "" : "e" + exp);
                });
    }

    private static void assertAgrees(String text) {
        float fast = FloatText.parseFast(text);
        if (!Float.isNaN(fast)) {
            assertThat(Float.floatToRawIntBits(fast)).as(text).isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
        }
    }
}

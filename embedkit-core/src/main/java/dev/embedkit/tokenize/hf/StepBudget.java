package dev.embedkit.tokenize.hf;

/**
 * A text that counts how often a regex reads it, and stops the regex past a budget: a million reads plus ten
 * thousand per character. java.util.regex reads its input only through {@link #charAt}, so the count is the work a
 * match does; linear patterns read each character a few times, and even a pattern that rescans a whole line at each
 * position stays far below the budget on lines of ordinary length, while one that backtracks exponentially exceeds
 * it within a few dozen characters.
 */
final class StepBudget implements CharSequence {
    private static final long BASE = 1_000_000;
    private static final long PER_CHAR = 10_000;

    /** Thrown out of the regex engine when the budget is spent. */
    static final class Exhausted extends RuntimeException {
        private final long steps;

        Exhausted(long steps) {
            super(null, null, false, false); // control flow, caught by HfPattern: no stack trace
            this.steps = steps;
        }

        long steps() {
            return steps;
        }
    }

    private final String text;
    private final long budget;
    private long left;

    StepBudget(String text) {
        this.text = text;
        this.budget = BASE + PER_CHAR * text.length();
        this.left = budget;
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw new Exhausted(budget);
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}

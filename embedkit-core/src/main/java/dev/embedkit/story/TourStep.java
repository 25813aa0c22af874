package dev.embedkit.story;

import dev.embedkit.BadInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * The claims of the embedding story that a table alone can check, numbered as in the story. Claim 5 (learned, not
 * defined) is read from a training log, not computed from a table, so it is not a step here.
 */
public enum TourStep {
    IDS(1, "IDs carry no meaning"),
    LOOKUP(2, "Lookup is indexing"),
    DIRECTIONS(3, "Directions carry meaning"),
    TENSOR(4, "From text to tensor"),
    LINEUP(6, "The return trip"),
    DUPLICATES(7, "Why no duplicates"),
    SPACE(8, "High-dimensional space is vast");

    private final int number;
    private final String title;

    TourStep(int number, String title) {
        this.number = number;
        this.title = title;
    }

    /** The claim's number in the story (5 is skipped: it lives in the training log). */
    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    /** The step's name on the command line and in URLs: "ids", "lookup", … */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The step named {@code slug}; an unknown name is refused with the list of known ones. */
    public static TourStep parse(String slug) {
        for (TourStep step : values()) {
            if (step.slug().equals(slug)) {
                return step;
            }
        }
        throw new BadInputException("unknown tour step '" + slug + "'; the steps are "
                + Arrays.stream(values()).map(TourStep::slug).toList());
    }
}

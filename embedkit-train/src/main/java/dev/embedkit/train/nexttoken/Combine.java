package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;

import java.util.Locale;

/**
 * How the previous k tokens' rows become one hidden state h = Σ_j w[j]·E[id_j]. Both modes share that formula;
 * they differ in whether the weights w are learned.
 */
public enum Combine {
    /** w[j] = 1/k, fixed: h is the plain mean of the context rows (order does not matter). */
    MEAN,
    /** w[j] learned, initialized to 1/k: the model can weigh the previous token more than older ones. */
    POSITIONAL;

    /** The name written to config.json ("mean", "positional"). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Combine parse(String name) {
        for (Combine c : values()) {
            if (c.configName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new BadInputException("unknown combine mode '" + name + "' (use mean or positional)");
    }
}

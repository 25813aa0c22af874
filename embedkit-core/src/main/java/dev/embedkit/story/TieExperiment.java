package dev.embedkit.story;

import dev.embedkit.story.OffsetDirections.WordPair;

/**
 * Claim 7's experiment, which needs a trainer (embedkit-train implements it): tie two tokens to one vector, train
 * briefly, compare the loss with the untied run, release them and watch the vectors separate.
 */
@FunctionalInterface
public interface TieExperiment {
    /**
     * @param pair     the two tokens to tie, or null for the experiment's default pair
     * @param tieSteps optimizer steps with the tie; as many follow after the release
     */
    TourResult.Tie run(WordPair pair, int tieSteps, long seed);
}

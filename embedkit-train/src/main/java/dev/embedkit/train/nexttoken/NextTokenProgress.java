package dev.embedkit.train.nexttoken;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One report of a next-token training run, sent after each epoch (and once before the first, epoch 0, with the
 * held-out loss of the untrained table).
 *
 * @param epoch             0 before training, then 1..epochs
 * @param epochs            the planned number of epochs
 * @param steps             optimizer steps taken so far
 * @param trainLoss         mean minibatch loss over the epoch, as the optimizer saw it (the sampled-softmax loss
 *                          when {@code softmax} is SAMPLED, so not comparable with the held-out loss); NaN at epoch 0
 * @param heldOutLoss       mean full-softmax cross-entropy (nats) on the held-out positions; NaN if none are held out
 * @param heldOutPerplexity exp(heldOutLoss)
 * @param heldOutPositions  how many held-out positions were scored
 * @param softmax           the softmax the training loss used (FULL or SAMPLED)
 * @param seconds           wall time since training started
 */
public record NextTokenProgress(int epoch, int epochs, long steps, double trainLoss, double heldOutLoss,
                                double heldOutPerplexity, int heldOutPositions, SoftmaxMode softmax, double seconds) {

    /** The report as training-log fields ({@code dev.embedkit.train.TrainingLog#record}), snake_case keys. */
    public Map<String, Object> toLogFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", steps);
        fields.put("epoch", epoch);
        fields.put("loss", trainLoss);
        fields.put("held_out_loss", heldOutLoss);
        fields.put("perplexity", heldOutPerplexity);
        fields.put("softmax", softmax.name().toLowerCase(Locale.ROOT));
        fields.put("time_s", Math.round(seconds * 1000) / 1000.0);
        return fields;
    }
}

package dev.embedkit.cli;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.story.Distribution.Summary;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.story.TourResult;
import dev.embedkit.tensor.HeapMatrix;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The tour's results as text: the numbers of each step with a line saying what they show. */
final class TourText {
    private final PrintWriter out;
    private final EmbeddingTable table;

    TourText(PrintWriter out, EmbeddingTable table) {
        this.out = out;
        this.table = table;
    }

    void print(TourResult result) {
        switch (result) {
            case TourResult.Ids ids -> ids(ids);
            case TourResult.Lookup lookup -> lookup(lookup);
            case TourResult.Directions directions -> directions(directions);
            case TourResult.Tensor tensor -> tensor(tensor);
            case TourResult.Lineup lineup -> lineup(lineup);
            case TourResult.Duplicates duplicates -> duplicates(duplicates);
            case TourResult.Space space -> space(space);
        }
    }

    private void ids(TourResult.Ids ids) {
        out.printf(Locale.ROOT, "   cosine of the rows of adjacent IDs (i, i+1) and of random pairs, %,d pairs each%n",
                ids.random().count());
        out.printf("   %-20s %-18s %-18s %s%n", "", "adjacent IDs", "random pairs", "KS distance");
        out.printf(Locale.ROOT, "   %-20s %-18s %-18s %.3f%n", "this model", meanSd(ids.adjacent()),
                meanSd(ids.random()), ids.ksDistance());
        out.printf(Locale.ROOT, "   %-20s %-18s %-18s %.3f%n", "random init", meanSd(ids.untrainedAdjacent()),
                meanSd(ids.untrainedRandom()), ids.untrainedKsDistance());
        out.printf(Locale.ROOT, "   gap (adjacent − random mean): %+.4f in this model, %+.4f at random init. IDs are"
                + " sorted by frequency,%n   so ID neighbours are frequency neighbours: a small gap is frequency, not"
                + " meaning.%n", ids.meanGap(), ids.untrainedMeanGap());
    }

    private void lookup(TourResult.Lookup lookup) {
        out.printf("   ID %d '%s': lookup(%d) equals row %d of E bit for bit: %s%n", lookup.id(), lookup.token(),
                lookup.id(), lookup.id(), lookup.lookupBitIdentical() ? "yes" : "NO");
        out.printf("   onehot(%d)ᵀ·E gives the same values; bits differ in %d of %d entries"
                + " (only −0.0 can: 0 + (−0) = +0)%n", lookup.id(), lookup.oneHotDifferingBits(), lookup.row().length);
        out.printf(Locale.ROOT, "   cost: lookup %,.0f ns; one-hot product %,.0f ns (%,d multiply-adds, %,.0f× the"
                + " lookup)%n", lookup.lookupNs(), lookup.oneHotNs(), lookup.oneHotMultiplyAdds(),
                lookup.oneHotNs() / lookup.lookupNs());
    }

    private void directions(TourResult.Directions directions) {
        List<WordPair> pairs = directions.pairs();
        if (directions.meanOffsetCosine() == null) {
            out.printf("   skipped: fewer than 2 of the pairs are in the vocabulary (not in it: %s; give others with"
                    + " --pairs)%n", String.join(", ", directions.skipped()));
            return;
        }
        out.printf("   offsets b − a of unit vectors for %s%s%n",
                String.join(", ", pairs.stream().map(TourText::arrow).toList()),
                directions.skipped().isEmpty() ? "" : " (not in the vocabulary: " + String.join(", ", directions.skipped()) + ")");
        out.printf(Locale.ROOT, "   mean cosine between the offsets of different pairs: %.3f; between offsets of random"
                + " word pairs: %s%n", directions.meanOffsetCosine(), meanSd(directions.randomOffsetCosines()));
        for (int i = 0; i < pairs.size(); i++) {
            StringBuilder row = new StringBuilder();
            for (double cosine : directions.offsetCosines()[i]) {
                row.append(String.format(Locale.ROOT, " %6.3f", cosine));
            }
            out.printf("   %-22s%s%n", arrow(pairs.get(i)), row);
        }
        out.printf("   along %s: %s%n", arrow(directions.projectionAxis()), String.join(", ", directions.projections()
                .stream().map(p -> String.format(Locale.ROOT, "%s %+.3f", p.word(), p.value())).toList()));
    }

    private void tensor(TourResult.Tensor tensor) {
        int n = tensor.shape()[0];
        int d = tensor.shape()[1];
        float[] stacked = new float[n * d];
        for (int j = 0; j < n; j++) {
            System.arraycopy(tensor.rows()[j], 0, stacked, j * d, d);
        }
        EmbedCommand.printWalk(out, new MatrixPrinter(4, 6), table, tensor.text(), tensor.tokens(), tensor.ids(),
                new HeapMatrix(n, d, stacked));
    }

    private void lineup(TourResult.Lineup lineup) {
        out.printf(Locale.ROOT, "   h = %s; logits = h·Eᵀ over all %,d rows, softmax at three temperatures:%n",
                lineup.expression(), table.vocabularySize());
        for (TourResult.AtTemperature at : lineup.temperatures()) {
            out.printf("   temperature %s%n", at.temperature());
            UnembedCommand.printScores(out, at.top());
        }
        out.printf("   lower temperature sharpens the winner's share, higher flattens it; the ranking stays.%n");
    }

    private void duplicates(TourResult.Duplicates duplicates) {
        Summary nearest = duplicates.nearest();
        out.printf(Locale.ROOT, "   each of the first %,d tokens' cosine to its nearest other token: %s, median %.3f,"
                + " max %.3f%n", duplicates.queried(), meanSd(nearest), nearest.median(), nearest.max());
        out.printf("   closest pairs: %s%n", String.join(", ", duplicates.closestPairs().stream()
                .map(p -> String.format(Locale.ROOT, "%s~%s %.3f", p.a(), p.b(), p.cosine())).toList()));
        out.printf("   distinct tokens keep distinct rows: the loss pulls a token toward its contexts and pushes"
                + " it from others,%n   so two tokens used differently cannot share a vector.%n");
        if (duplicates.tie() != null) {
            tie(duplicates.tie());
        }
    }

    private void tie(TourResult.Tie tie) {
        out.printf(Locale.ROOT, "   experiment: '%s' and '%s' tied to one vector for %,d steps of the next-token model, then"
                + " released (%s)%n", tie.a(), tie.b(), tie.tieSteps(), tie.corpus());
        out.printf("   %8s %14s %14s %12s %12s%n", "step", "loss untied", "loss tied", "cos untied", "cos tied");
        for (int i = 0; i < tie.tied().size(); i++) {
            TourResult.TiePoint untied = tie.untied().get(i);
            TourResult.TiePoint tied = tie.tied().get(i);
            out.printf(Locale.ROOT, "   %,8d %14.4f %14.4f %12.3f %12.3f%s%n", tied.step(), untied.heldOutLoss(),
                    tied.heldOutLoss(), untied.cosine(), tied.cosine(), tied.step() == tie.tieSteps() ? "  ← released" : "");
        }
        out.printf(Locale.ROOT, "   sharing one vector costs %+.4f nats per held-out token at the release; released, the"
                + " rows part (cosine %.3f after %,d more steps).%n", tie.lossRise(), tie.tied().getLast().cosine(),
                tie.totalSteps() - tie.tieSteps());
    }

    private void space(TourResult.Space space) {
        out.printf("   %-16s %6s %9s %9s %9s %12s%n", "vectors", "d", "mean", "sd", "1/√d", "max |cos|");
        for (TourResult.SpaceRow row : space.rows()) {
            out.printf(Locale.ROOT, "   %-16s %6d %9.4f %9.4f %9.4f %12.4f%n", row.vectors(), row.dim(),
                    row.cosines().mean(), row.cosines().sd(), row.oneOverSqrtD(), row.maxAbs());
        }
        out.printf("   random directions are nearly orthogonal, the more so the larger d; trained rows are more"
                + " alike than random%n   ones (they share frequent-word directions) but still far from crowding.%n");
    }

    private static String arrow(WordPair pair) {
        return pair.a() + " → " + pair.b();
    }

    private static String meanSd(Summary d) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", d.mean(), d.sd());
    }
}

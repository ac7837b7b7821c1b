package io.filament.cli.bench;

import java.util.List;

/** Nearest-rank percentiles of a sample. */
public record Percentiles(List<Double> sorted) {

    public static Percentiles of(List<Double> sample) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        return new Percentiles(sample.stream().sorted().toList());
    }

    public double at(double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public double max() {
        return sorted.getLast();
    }
}

package dev.vigil.core.event;

/**
 * What a parser makes of one input record: a valid sample, or a rejection. Exactly one is non-null.
 * Sources emit these so that bad input travels on to {@code rejected_records} instead of failing the job.
 */
public record ParsedRecord(MetricSample sample, Rejection rejection) {

    public ParsedRecord {
        if ((sample == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of sample and rejection must be set");
        }
    }

    public static ParsedRecord ok(MetricSample sample) {
        return new ParsedRecord(sample, null);
    }

    public static ParsedRecord rejected(Rejection rejection) {
        return new ParsedRecord(null, rejection);
    }

    public boolean isSample() {
        return sample != null;
    }
}

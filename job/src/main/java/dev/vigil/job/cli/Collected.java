package dev.vigil.job.cli;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;

/** A score or a rejection, so that a replay collects both outputs through one stream. */
public record Collected(ScoredSample score, Rejection rejection) {
}

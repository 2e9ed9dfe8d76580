-- Window classifiers' verdicts and incidents (issue 5). Keyed by natural keys like every table: a replay
-- after recovery rewrites the same rows.
CREATE TABLE window_predictions (
    node text NOT NULL,
    window_start timestamptz NOT NULL,
    window_end timestamptz NOT NULL,
    model text NOT NULL,
    attack boolean NOT NULL,
    probability double precision,
    label smallint CHECK (label IN (0, 1)),
    PRIMARY KEY (node, window_end, model)
);
COMMENT ON TABLE window_predictions IS 'One row per sliding window of a node and per model (vigil.models): whether it says attack and its probability of attack.';
COMMENT ON COLUMN window_predictions.label IS 'The window''s true label when the input was labelled (1: it holds an attack sample), else NULL.';
CREATE INDEX window_predictions_attacks ON window_predictions (window_end) WHERE attack;

CREATE TABLE alerts (
    node text NOT NULL,
    opened_at timestamptz NOT NULL,
    last_seen timestamptz NOT NULL,
    closed boolean NOT NULL,
    windows integer NOT NULL,
    z_windows integer NOT NULL,
    max_abs_z double precision,
    top_features jsonb NOT NULL,
    model_votes jsonb NOT NULL,
    label smallint CHECK (label IN (0, 1)),
    PRIMARY KEY (node, opened_at)
);
COMMENT ON TABLE alerts IS 'Incidents: a node''s stretch of flagged windows (by the z-score or a model), open until a quiet period (vigil.incident.quiet-period) passes without a flag.';
COMMENT ON COLUMN alerts.opened_at IS 'End of the first flagged window.';
COMMENT ON COLUMN alerts.last_seen IS 'End of the latest flagged window.';
COMMENT ON COLUMN alerts.z_windows IS 'Flagged windows in which at least vigil.incident.z-fraction of the samples were z-score anomalies.';
COMMENT ON COLUMN alerts.top_features IS 'The features with the largest |z| over the incident: [{"feature":..,"max_abs_z":..}].';
COMMENT ON COLUMN alerts.model_votes IS 'Per model: flagged windows and highest probability of attack, {"rf":{"windows":..,"max_probability":..}}.';
COMMENT ON COLUMN alerts.label IS '1 when any flagged window held a labelled attack sample, 0 when all were labelled normal, NULL when unlabelled.';
CREATE INDEX alerts_open ON alerts (opened_at) WHERE NOT closed;

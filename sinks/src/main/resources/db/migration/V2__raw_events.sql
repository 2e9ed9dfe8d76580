-- Flow and event records (Hubble, Falco, ...) as they arrived from Kafka, until Vigil parses their
-- formats. Keyed by topic and partition@offset, so a replay after recovery writes each record once.
CREATE TABLE raw_events (
    source text NOT NULL,
    location text NOT NULL,
    ts timestamptz NOT NULL,
    key text,
    payload text NOT NULL,
    payload_bytes bigint NOT NULL,
    PRIMARY KEY (source, location)
);
COMMENT ON TABLE raw_events IS 'Flow and event records kept unchanged (source kafka:<topic>, location <partition>@<offset>).';
CREATE INDEX raw_events_ts ON raw_events (ts);

-- Flow and event records (Hubble flows, Falco alerts, generic events) parsed into Vigil's normalised event.
-- Keyed like raw_events by where each was read (kafka:<topic>, <partition>@<offset>), so a replay after
-- recovery writes each event once. Records that cannot be parsed go to rejected_records instead.
CREATE TABLE flow_events (
    source text NOT NULL,
    location text NOT NULL,
    ts timestamptz NOT NULL,
    node text NOT NULL,
    pod text,
    namespace text,
    name text NOT NULL,
    category text NOT NULL,
    args jsonb NOT NULL,
    attack smallint,
    PRIMARY KEY (source, location)
);
COMMENT ON TABLE flow_events IS 'Parsed flows and events: Hubble (name = L4/L7 protocol, category flow), Falco (name = rule, category = Falco source), generic.';
CREATE INDEX flow_events_node_ts ON flow_events (node, ts);

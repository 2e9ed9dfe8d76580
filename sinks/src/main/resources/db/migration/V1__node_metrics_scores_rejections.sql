-- Vigil schema, version 1. One table per kind of result, keyed by natural keys so that every write is
-- an idempotent upsert: a replay after recovery adds no duplicate and loses no row. Node names are data.

CREATE TABLE node_metrics (
    node text NOT NULL,
    ts timestamptz NOT NULL,
    cpu_sec_idle double precision,
    disk_av_per double precision,
    disk_read double precision,
    disk_write double precision,
    net_receive double precision,
    mem_pressure double precision,
    mem_av_per double precision,
    forks_total double precision,
    intr double precision,
    load1 double precision,
    load5 double precision,
    load15 double precision,
    receive_drop double precision,
    receive_errs double precision,
    transmit_packets double precision,
    tcp_sock_alloc double precision,
    tcp_sock_inuse double precision,
    tcp_sock_mem double precision,
    udp_sock_inuse double precision,
    udp_sock_mem double precision,
    ipv4_sock_inuse double precision,
    est_conn double precision,
    lis_conn double precision,
    open_fds double precision,
    extra jsonb,
    attack smallint CHECK (attack IN (0, 1)),
    PRIMARY KEY (node, ts)
);
COMMENT ON TABLE node_metrics IS 'Samples of every node after counters became per-second rates (NULL: not measured, first sample or counter reset); the labelled dataset of seed 004 in one table.';
COMMENT ON COLUMN node_metrics.extra IS 'Features beyond the 24 of seed 004, by name.';
COMMENT ON COLUMN node_metrics.attack IS '1 inside a labelled attack, 0 outside, NULL when the input had no label.';
COMMENT ON COLUMN node_metrics.cpu_sec_idle IS 'idle seconds per second, mean over CPUs (rate of node_cpu_seconds_total{mode=idle})';
COMMENT ON COLUMN node_metrics.disk_av_per IS 'percent of the root filesystem available';
COMMENT ON COLUMN node_metrics.disk_read IS 'bytes read per second';
COMMENT ON COLUMN node_metrics.disk_write IS 'bytes written per second';
COMMENT ON COLUMN node_metrics.net_receive IS 'bytes received per second';
COMMENT ON COLUMN node_metrics.mem_pressure IS 'major page faults per second';
COMMENT ON COLUMN node_metrics.mem_av_per IS 'percent of memory available';
COMMENT ON COLUMN node_metrics.forks_total IS 'forks per second';
COMMENT ON COLUMN node_metrics.intr IS 'interrupts per second';
COMMENT ON COLUMN node_metrics.receive_drop IS 'received packets dropped per second';
COMMENT ON COLUMN node_metrics.receive_errs IS 'receive errors per second';
COMMENT ON COLUMN node_metrics.transmit_packets IS 'packets transmitted per second';
COMMENT ON COLUMN node_metrics.open_fds IS 'allocated file handles (node_filefd_allocated)';

CREATE TABLE node_scores (
    node text NOT NULL,
    ts timestamptz NOT NULL,
    z jsonb NOT NULL,
    max_abs_z double precision,
    anomaly boolean NOT NULL,
    top_features jsonb NOT NULL,
    attack smallint CHECK (attack IN (0, 1)),
    PRIMARY KEY (node, ts)
);
COMMENT ON TABLE node_scores IS 'z-score of every sample against the node''s running baseline.';
COMMENT ON COLUMN node_scores.z IS 'Feature name to z; a feature is absent while missing or warming up.';
COMMENT ON COLUMN node_scores.top_features IS 'The most deviating features, largest |z| first: [{"feature":..,"z":..}].';
CREATE INDEX node_scores_anomalies ON node_scores (ts) WHERE anomaly;

CREATE TABLE rejected_records (
    source text NOT NULL,
    location text NOT NULL,
    reason text NOT NULL,
    payload text NOT NULL,
    payload_bytes bigint NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, location)
);
COMMENT ON TABLE rejected_records IS 'Input that could not be parsed or validated, with the reason and the raw payload (cut to the record-size limit; payload_bytes is the original size).';

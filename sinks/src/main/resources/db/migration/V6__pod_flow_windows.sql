-- Each pod's flow windows (issue 6): the flow features of its flows and events per sliding window, on the
-- node windows' panes. Keyed by pod and window end, so a replay after recovery rewrites the same rows. A
-- node's events that name no pod have namespace and pod ''.
CREATE TABLE pod_flow_windows (
    node text NOT NULL,
    namespace text NOT NULL,
    pod text NOT NULL,
    window_start timestamptz NOT NULL,
    window_end timestamptz NOT NULL,
    flows bigint NOT NULL,
    events bigint NOT NULL,
    features jsonb NOT NULL,
    label smallint CHECK (label IN (0, 1)),
    PRIMARY KEY (node, namespace, pod, window_end)
);
COMMENT ON TABLE pod_flow_windows IS 'One row per pod and sliding window that holds its flows or events: flow counts, distinct peers and ports (HyperLogLog), new peers, drop and SYN-only ratios, alerts by priority (features, as in the fused windows).';
CREATE INDEX pod_flow_windows_end ON pod_flow_windows (window_end);

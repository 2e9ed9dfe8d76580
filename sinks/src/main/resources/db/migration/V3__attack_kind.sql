-- Labels set by `vigil label`: the kind of attack an interval was (cryptomining, fork_bomb, ...), next to
-- the 0/1 attack column, so collected data becomes a labelled training set.
ALTER TABLE node_metrics ADD COLUMN attack_kind text;
ALTER TABLE node_scores ADD COLUMN attack_kind text;
COMMENT ON COLUMN node_metrics.attack_kind IS 'Kind of attack of a labelled interval (vigil label --kind); NULL when unknown or not an attack.';
COMMENT ON COLUMN node_scores.attack_kind IS 'As node_metrics.attack_kind.';

-- Vigil schema, version 7. node_scores keeps its z values as an array of double precision aligned to a
-- feature list stored once in feature_lists, instead of a JSON object per row: Postgres parsed two JSON
-- documents of decimal numbers per row, which bounded the sink to about 20,000 rows/s per connection.
-- Arrays go over the binary COPY protocol without any number being parsed. Existing rows are converted.

CREATE TABLE feature_lists (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    names text[] NOT NULL UNIQUE
);
COMMENT ON TABLE feature_lists IS 'The feature names of scored samples, in order, each list once; node_scores.features refers to one.';

ALTER TABLE node_scores RENAME COLUMN z TO z_json;
ALTER TABLE node_scores RENAME COLUMN top_features TO top_json;
ALTER TABLE node_scores
    ADD COLUMN features integer,
    ADD COLUMN z double precision[],
    ADD COLUMN top_features text[],
    ADD COLUMN top_z double precision[];

INSERT INTO feature_lists (names)
SELECT DISTINCT ARRAY(SELECT k FROM jsonb_object_keys(z_json) AS k ORDER BY k) FROM node_scores
ON CONFLICT (names) DO NOTHING;

UPDATE node_scores s SET
    features = f.id,
    z = ARRAY(SELECT (s.z_json ->> u.n)::double precision FROM unnest(f.names) WITH ORDINALITY AS u(n, i) ORDER BY u.i),
    top_features = ARRAY(SELECT t.e ->> 'feature' FROM jsonb_array_elements(s.top_json) WITH ORDINALITY AS t(e, i) ORDER BY t.i),
    top_z = ARRAY(SELECT (t.e ->> 'z')::double precision FROM jsonb_array_elements(s.top_json) WITH ORDINALITY AS t(e, i) ORDER BY t.i)
FROM feature_lists f
WHERE f.names = ARRAY(SELECT k FROM jsonb_object_keys(s.z_json) AS k ORDER BY k);

ALTER TABLE node_scores DROP COLUMN z_json, DROP COLUMN top_json;
ALTER TABLE node_scores
    ALTER COLUMN features SET NOT NULL,
    ALTER COLUMN z SET NOT NULL,
    ALTER COLUMN top_features SET NOT NULL,
    ALTER COLUMN top_z SET NOT NULL;

COMMENT ON COLUMN node_scores.features IS 'The feature list (feature_lists.id) that z is aligned to.';
COMMENT ON COLUMN node_scores.z IS 'z of each feature of the list, in its order; NULL while a feature is missing or warming up.';
COMMENT ON COLUMN node_scores.top_features IS 'The most deviating features, largest |z| first.';
COMMENT ON COLUMN node_scores.top_z IS 'Their z, in the same order.';

-- One row per node, time and feature, for queries by feature name.
CREATE VIEW node_scores_by_feature AS
SELECT s.node, s.ts, u.feature, u.z, s.anomaly, s.attack
FROM node_scores s
JOIN feature_lists f ON f.id = s.features
CROSS JOIN LATERAL unnest(f.names, s.z) AS u(feature, z);
COMMENT ON VIEW node_scores_by_feature IS 'node_scores with one row per feature: its name and z.';

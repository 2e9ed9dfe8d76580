package dev.vigil.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.scoring.NodeState;
import dev.vigil.core.stats.RunningStats;
import dev.vigil.core.window.FeatureMoments;
import dev.vigil.core.window.WindowPrediction;
import dev.vigil.sources.types.Codec;
import dev.vigil.sources.types.VigilTypes;
import java.util.Arrays;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Every record that crosses the network or lives in state round-trips through Vigil's own serializers. */
class SerializersTest {

    private static final TypeInformation<NodeBuffer> BUFFER = new VigilTypes<>(NodeBuffer.class, NodeBufferSerializer::new);

    private static <T> byte[] bytes(TypeInformation<T> info, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer(info).serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> TypeSerializer<T> serializer(TypeInformation<T> info) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return info.createSerializer(config);
    }

    private static <T> T roundTrip(TypeInformation<T> info, T value) throws Exception {
        byte[] b = bytes(info, value);
        DataInputDeserializer in = new DataInputDeserializer(b);
        T back = serializer(info).deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return back;
    }

    private static String[] seedNames() {
        return Codec.SEED_NAMES.clone(); // equal, not the same array: as a parser makes them
    }

    @Test
    void metricSampleWithAnyNamesLabelAndOrigin() throws Exception {
        MetricSample s = new MetricSample("n1", 5, new String[] {"a", "b"}, new double[] {1, Double.NaN}, null,
                "file:/x", "3");
        assertThat(roundTrip(VigilTypes.SAMPLE, s)).isEqualTo(s);
        MetricSample labelled = new MetricSample("n1", 5, new String[] {"a"}, new double[] {1}, 1, null, null);
        assertThat(roundTrip(VigilTypes.SAMPLE, labelled)).isEqualTo(labelled);
    }

    @Test
    void theSeedFeatureListCostsOneByteAndDecodesToOneSharedArray() throws Exception {
        double[] values = new double[24];
        Arrays.fill(values, 1.5);
        MetricSample seed = new MetricSample("worker-1", 5, seedNames(), values, 0, "kafka:t", "0@1");
        MetricSample back = roundTrip(VigilTypes.SAMPLE, seed);
        assertThat(back).isEqualTo(seed);
        assertThat(back.names()).isSameAs(Codec.SEED_NAMES);
        // node, ts, 1 name byte, 24 doubles, label, source, location: no feature names on the wire
        assertThat(bytes(VigilTypes.SAMPLE, seed).length).isLessThan(24 * 8 + 48);
    }

    @Test
    void parsedRecordEitherSide() throws Exception {
        ParsedRecord bad = ParsedRecord.rejected(new Rejection("s", "1", "why", "raw", 3));
        assertThat(roundTrip(VigilTypes.PARSED, bad)).isEqualTo(bad);
        ParsedRecord good = ParsedRecord.ok(new MetricSample("n", 1, new String[] {"a"}, new double[] {2}, 1, "s", null));
        assertThat(roundTrip(VigilTypes.PARSED, good)).isEqualTo(good);
        Rejection r = new Rejection("kafka:t", "0@9", "malformed", "x".repeat(70_000), 70_000);
        assertThat(roundTrip(VigilTypes.REJECTION, r)).isEqualTo(r);
    }

    @Test
    void flowEventWithOrWithoutPodLabelAndArguments() throws Exception {
        var e = new dev.vigil.core.event.FlowEvent("kafka:flows", "0@7", 1_000, "worker-1", "web-1", "shop", "tcp",
                "flow", java.util.Map.of("verdict", "DROPPED", "dst_port", "5432"), 1);
        assertThat(roundTrip(VigilTypes.FLOW_EVENT, e)).isEqualTo(e);
        var bare = new dev.vigil.core.event.FlowEvent("f", "1", 0, "n", null, null, "x", "event", java.util.Map.of(), null);
        assertThat(roundTrip(VigilTypes.FLOW_EVENT, bare)).isEqualTo(bare);
    }

    @Test
    void scoredSample() throws Exception {
        ScoredSample s = new ScoredSample("n", 1, new String[] {"a", "b"}, new double[] {2, 3},
                new double[] {Double.NaN, 4}, 4, true, new String[] {"b"}, new double[] {4}, 0);
        assertThat(roundTrip(VigilTypes.SCORED, s)).isEqualTo(s);
        ScoredSample none = new ScoredSample("n", 1, seedNames(), new double[24], new double[24], Double.NaN, false,
                new String[0], new double[0], null);
        assertThat(roundTrip(VigilTypes.SCORED, none)).isEqualTo(none);
    }

    @Test
    void nodeBufferWithStateAndWaitingSamples() throws Exception {
        RunningStats stats = RunningStats.empty(2);
        stats.add(0, 4);
        stats.add(0, 6);
        NodeState state = new NodeState(new String[] {"a", "b"}, 10, new double[] {1, 2}, stats);
        MetricSample same = new MetricSample("n", 20, new String[] {"a", "b"}, new double[] {1, 2}, null, null, null);
        MetricSample other = new MetricSample("n", 30, new String[] {"c"}, new double[] {2}, 0, null, null);
        NodeBuffer buffer = new NodeBuffer(state, new MetricSample[] {same, other});
        NodeBuffer back = roundTrip(BUFFER, buffer);
        assertThat(back.state()).isEqualTo(state);
        assertThat(back.pending()).containsExactly(same, other);
        assertThat(back.pending()[0].names()).as("a waiting sample shares the state's names")
                .isSameAs(back.state().names());
    }

    @Test
    void waitingSamplesKeepNoOrigin() {
        MetricSample arrived = new MetricSample("n", 10, new String[] {"a"}, new double[] {1}, 1, "kafka:t", "0@5");
        MetricSample waiting = NodeBuffer.waiting(arrived);
        assertThat(waiting).isEqualTo(new MetricSample("n", 10, new String[] {"a"}, new double[] {1}, 1, null, null));
    }

    @Test
    void longTextsStillRoundTrip() throws Exception {
        MetricSample s = new MetricSample("n", 1, new String[] {"a"}, new double[] {1}, null, "file:" + "é".repeat(30_000), "1");
        assertThat(roundTrip(VigilTypes.SAMPLE, s)).isEqualTo(s);
    }

    @Test
    void nodeBufferBeforeTheFirstScoredSample() throws Exception {
        MetricSample a = new MetricSample("n", 10, seedNames(), new double[24], null, null, null);
        NodeBuffer waiting = roundTrip(BUFFER, new NodeBuffer(null, new MetricSample[] {a}));
        assertThat(waiting.state()).isNull();
        assertThat(waiting.pending()).containsExactly(a);
        NodeBuffer fresh = roundTrip(BUFFER, new NodeBuffer(NodeState.initial(new String[] {"a"}), NodeBuffer.NONE));
        assertThat(fresh.state()).isEqualTo(NodeState.initial(new String[] {"a"}));
        assertThat(fresh.pending()).isEmpty();
    }

    @Test
    void copiesOfTheNodeStateDoNotShareTheStatisticsTheScorerMutates() {
        NodeState state = new NodeState(new String[] {"a"}, 10, new double[] {1}, RunningStats.empty(1));
        NodeBuffer original = new NodeBuffer(state, NodeBuffer.NONE);
        NodeBuffer copy = serializer(BUFFER).copy(original);
        copy.state().stats().add(0, 5);
        assertThat(original.state().stats().count(0)).isZero();
        assertThat(copy.state()).isNotEqualTo(original.state());
    }

    @Test
    void snapshotsRestoreAnEqualSerializerAsCompatible() throws Exception {
        for (TypeInformation<?> info : new TypeInformation<?>[] {VigilTypes.SAMPLE, VigilTypes.SCORED,
                VigilTypes.PARSED, VigilTypes.REJECTION, BUFFER}) {
            compatibleAfterWriteAndRead(serializer(info));
        }
    }

    private static <T> void compatibleAfterWriteAndRead(TypeSerializer<T> serializer) throws Exception {
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<T> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), SerializersTest.class.getClassLoader());
        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).as(serializer.getClass().getSimpleName()).isTrue();
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
    }

    @Test
    void panesWithTheirMomentsAndDeepCopies() throws Exception {
        TypeInformation<Pane> info = new VigilTypes<>(Pane.class, PaneSerializer::new);
        FeatureMoments m = new FeatureMoments(Codec.SEED_NAMES.length, 60_000);
        double[] values = new double[Codec.SEED_NAMES.length];
        Arrays.fill(values, 2.5);
        values[3] = Double.NaN;
        m.add(61_000, values, values, true, 1);
        values[0] = 7;
        m.add(65_000, values, values, false, null);
        Pane pane = new Pane(seedNames(), m);
        Pane back = roundTrip(info, pane);
        assertThat(back.names()).isSameAs(Codec.SEED_NAMES);
        assertThat(back.moments()).isEqualTo(m);
        assertThat(bytes(info, pane).length).as("one byte of names, 28 of counts, 15 arrays").isEqualTo(1 + 28 + 15 * 8 * 24);
        Pane copy = serializer(info).copy(pane);
        copy.moments().add(69_000, values, values, false, 0);
        assertThat(pane.moments().samples()).as("the copy is deep").isEqualTo(2);
    }

    @Test
    void windowPredictionsAndIncidents() throws Exception {
        WindowPrediction p = new WindowPrediction("n1", 0, 60_000, "rf", true, 0.93, null);
        assertThat(roundTrip(VigilTypes.WINDOW_PREDICTION, p)).isEqualTo(p);
        Incident i = new Incident("n1", 60_000, 120_000, false, 7, 3, new String[] {"x", "y"},
                new double[] {9.5, Double.NaN}, new String[] {"rf", "linear"}, new int[] {4, 0},
                new double[] {0.97, 0.2}, 1);
        assertThat(roundTrip(VigilTypes.INCIDENT, i)).isEqualTo(i);
    }
}

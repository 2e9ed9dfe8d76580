package dev.vigil.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.scoring.NodeState;
import dev.vigil.core.stats.RunningStats;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Every record that crosses the network or lives in state is a Flink POJO (no Kryo) and round-trips. */
class SerializersTest {

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).as(type.getSimpleName() + " must be a POJO, not a generic type")
                .isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = info.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }

    @Test
    void metricSample() throws Exception {
        MetricSample s = new MetricSample("n1", 5, new String[] {"a", "b"}, new double[] {1, Double.NaN}, null,
                "file:/x", "3");
        assertThat(roundTrip(MetricSample.class, s)).isEqualTo(s);
    }

    @Test
    void parsedRecordEitherSide() throws Exception {
        ParsedRecord bad = ParsedRecord.rejected(new Rejection("s", "1", "why", "raw", 3));
        assertThat(roundTrip(ParsedRecord.class, bad)).isEqualTo(bad);
        ParsedRecord good = ParsedRecord.ok(new MetricSample("n", 1, new String[] {"a"}, new double[] {2}, 1, "s", null));
        assertThat(roundTrip(ParsedRecord.class, good)).isEqualTo(good);
    }

    @Test
    void scoredSample() throws Exception {
        ScoredSample s = new ScoredSample("n", 1, new String[] {"a"}, new double[] {2}, new double[] {Double.NaN},
                Double.NaN, false, new String[0], new double[0], 0);
        assertThat(roundTrip(ScoredSample.class, s)).isEqualTo(s);
    }

    @Test
    void nodeState() throws Exception {
        RunningStats stats = RunningStats.empty(2);
        stats.add(0, 4);
        NodeState s = new NodeState(new String[] {"a", "b"}, 10, new double[] {1, 2}, stats);
        assertThat(roundTrip(NodeState.class, s)).isEqualTo(s);
        NodeState first = NodeState.initial(new String[] {"a"});
        assertThat(roundTrip(NodeState.class, first)).isEqualTo(first);
    }

    @Test
    void nodeBufferWithWaitingSamples() throws Exception {
        MetricSample a = new MetricSample("n", 10, new String[] {"a"}, new double[] {1}, null, "s", "1");
        MetricSample b = new MetricSample("n", 20, new String[] {"a"}, new double[] {2}, 0, "s", "2");
        NodeBuffer buffer = new NodeBuffer(null, NodeBuffer.NONE).withPending(b).withPending(a);
        NodeBuffer back = roundTrip(NodeBuffer.class, buffer);
        assertThat(back.state()).isNull();
        assertThat(back.pending()).containsExactly(a, b);
        NodeBuffer withState = new NodeBuffer(NodeState.initial(new String[] {"a"}), NodeBuffer.NONE);
        assertThat(roundTrip(NodeBuffer.class, withState).state()).isEqualTo(withState.state());
    }
}

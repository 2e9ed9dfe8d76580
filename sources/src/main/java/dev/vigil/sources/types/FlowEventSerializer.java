package dev.vigil.sources.types;

import dev.vigil.core.event.FlowEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link FlowEvent}: origin, time, the six texts, the arguments as key/value texts and the label. */
public final class FlowEventSerializer extends RecordTypeSerializer<FlowEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(FlowEvent e, DataOutputView out) throws IOException {
        Codec.writeText(e.source(), out);
        Codec.writeText(e.location(), out);
        out.writeLong(e.ts());
        Codec.writeText(e.node(), out);
        Codec.writeText(e.pod(), out);
        Codec.writeText(e.namespace(), out);
        Codec.writeText(e.name(), out);
        Codec.writeText(e.category(), out);
        out.writeInt(e.args().size());
        for (Map.Entry<String, String> a : e.args().entrySet()) {
            Codec.writeText(a.getKey(), out);
            Codec.writeText(a.getValue(), out);
        }
        Codec.writeLabel(e.attack(), out);
    }

    @Override
    public FlowEvent deserialize(DataInputView in) throws IOException {
        String source = Codec.readText(in);
        String location = Codec.readText(in);
        long ts = in.readLong();
        String node = Codec.readText(in);
        String pod = Codec.readText(in);
        String namespace = Codec.readText(in);
        String name = Codec.readText(in);
        String category = Codec.readText(in);
        int n = in.readInt();
        Map<String, String> args = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            args.put(Codec.readText(in), Codec.readText(in));
        }
        return new FlowEvent(source, location, ts, node, pod, namespace, name, category, args, Codec.readLabel(in));
    }

    @Override
    public TypeSerializerSnapshot<FlowEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FlowEvent> {
        public Snapshot() {
            super(FlowEventSerializer::new);
        }
    }
}

package dev.vigil.job.pipeline;

import dev.vigil.core.window.FeatureMoments;
import dev.vigil.sources.types.Codec;
import dev.vigil.sources.types.RecordTypeSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A pane in keyed state: the names (one byte for the seed's list) and the moments. Copies are deep, since
 * a pane's moments are updated in place before they are written back.
 */
public final class PaneSerializer extends RecordTypeSerializer<Pane> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Pane copy(Pane from) {
        return new Pane(from.names(), from.moments().copy());
    }

    @Override
    public Pane copy(Pane from, Pane reuse) {
        return copy(from);
    }

    @Override
    public void serialize(Pane pane, DataOutputView out) throws IOException {
        Codec.writeNames(pane.names(), out);
        pane.moments().writeTo(out);
    }

    @Override
    public Pane deserialize(DataInputView in) throws IOException {
        String[] names = Codec.readNames(in);
        FeatureMoments moments = FeatureMoments.readFrom(in);
        if (moments.size() != names.length) {
            throw new IOException("pane of " + names.length + " features has moments of " + moments.size());
        }
        return new Pane(names, moments);
    }

    @Override
    public TypeSerializerSnapshot<Pane> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Pane> {
        public Snapshot() {
            super(PaneSerializer::new);
        }
    }
}

package dev.vigil.sources.types;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.window.WindowPrediction;
import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type information of Vigil's records, with their hand-written serializers. Every stream and state of
 * these records is declared with one of these constants, never left to Flink's reflection.
 */
public final class VigilTypes<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    public static final TypeInformation<MetricSample> SAMPLE =
            new VigilTypes<>(MetricSample.class, MetricSampleSerializer::new);
    public static final TypeInformation<ScoredSample> SCORED =
            new VigilTypes<>(ScoredSample.class, ScoredSampleSerializer::new);
    public static final TypeInformation<ParsedRecord> PARSED =
            new VigilTypes<>(ParsedRecord.class, ParsedRecordSerializer::new);
    public static final TypeInformation<Rejection> REJECTION =
            new VigilTypes<>(Rejection.class, RejectionSerializer::new);

    public static final TypeInformation<FlowEvent> FLOW_EVENT =
            new VigilTypes<>(FlowEvent.class, FlowEventSerializer::new);

    public static final TypeInformation<PodWindow> POD_WINDOW =
            new VigilTypes<>(PodWindow.class, PodWindowSerializer::new);

    public static final TypeInformation<WindowPrediction> WINDOW_PREDICTION =
            new VigilTypes<>(WindowPrediction.class, WindowPredictionSerializer::new);
    public static final TypeInformation<Incident> INCIDENT =
            new VigilTypes<>(Incident.class, IncidentSerializer::new);

    private final Class<T> type;
    private final SerializableSupplier<T> serializer;

    public VigilTypes(Class<T> type, SerializableSupplier<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    /** Makes a serializer; serializable because type information travels in the job graph. */
    public interface SerializableSupplier<T> extends Supplier<TypeSerializer<T>>, java.io.Serializable {
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return "VigilTypes<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof VigilTypes<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof VigilTypes;
    }
}

package dev.vigil.sinks.postgres;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * flink-connector-jdbc's sink, except that a writer whose last flush fails while it closes says so in the
 * log instead of throwing. The connector throws from {@code close()} when the database is down, and
 * Flink treats an exception in a failed task's cleanup as fatal: it shuts the whole TaskManager down, so
 * a Postgres outage would kill TaskManagers instead of restarting the job. Nothing is lost by logging:
 * rows not flushed by the last completed checkpoint are replayed from it, into the same keys.
 */
public final class CleanlyClosingJdbcSink<T> implements Sink<T>, SupportsWriterState<T, JdbcWriterState>,
        SupportsCommitter<JdbcCommitable> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CleanlyClosingJdbcSink.class);

    private final JdbcSink<T> delegate;

    public CleanlyClosingJdbcSink(JdbcSink<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Writer<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context));
    }

    @Override
    public StatefulSinkWriter<T, JdbcWriterState> restoreWriter(WriterInitContext context,
            Collection<JdbcWriterState> state) throws IOException {
        return new Writer<>(delegate.restoreWriter(context, state));
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context) throws IOException {
        return delegate.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    /** Delegates everything; only a failure of the final flush in {@code close()} is logged, not thrown. */
    static final class Writer<T> implements StatefulSinkWriter<T, JdbcWriterState>,
            CommittingSinkWriter<T, JdbcCommitable> {
        private final org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter<T> jdbc;

        Writer(StatefulSinkWriter<T, JdbcWriterState> jdbc) {
            this.jdbc = (org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter<T>) jdbc;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            jdbc.write(element, context);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            jdbc.flush(endOfInput);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            jdbc.writeWatermark(watermark);
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            return jdbc.snapshotState(checkpointId);
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            return jdbc.prepareCommit();
        }

        @Override
        public void close() throws Exception {
            try {
                jdbc.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the JDBC writer could not flush its last rows ({}); they are replayed from the "
                        + "last checkpoint when the job restarts", e.getMessage());
            }
        }
    }
}

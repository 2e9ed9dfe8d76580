package dev.vigil.job.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Discards records and notes when the first and the last arrived, so a benchmark measures processing and
 * not job start-up. The counters are static because the benchmark's job runs in the same JVM.
 */
public final class BenchSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final AtomicLong FIRST = new AtomicLong();
    private static final AtomicLong LAST = new AtomicLong();
    private static final AtomicLong COUNT = new AtomicLong();

    public static void reset() {
        FIRST.set(0);
        LAST.set(0);
        COUNT.set(0);
    }

    public static long count() {
        return COUNT.get();
    }

    /** Seconds between the first and the last record. */
    public static double seconds() {
        return (LAST.get() - FIRST.get()) / 1e9;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                long now = System.nanoTime();
                FIRST.compareAndSet(0, now);
                LAST.set(now);
                COUNT.incrementAndGet();
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}

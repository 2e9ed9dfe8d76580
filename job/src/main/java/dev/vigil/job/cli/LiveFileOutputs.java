package dev.vigil.job.cli;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.job.pipeline.Outputs;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * A live view for local runs: every score appended to a JSON-lines file (or standard output) as soon as
 * it is scored, every rejection printed on standard error. Written by one sink task on the machine that
 * runs it, without transactions: after a restore the rows since the last checkpoint may appear twice.
 * Postgres is the durable, exactly-once output.
 */
final class LiveFileOutputs implements Outputs {

    private final String file;

    /** {@code file} is a path, or {@code -} for standard output. */
    LiveFileOutputs(Path file) {
        this.file = file.toString();
    }

    @Override
    public void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections) {
        scores.sinkTo(new JsonLinesSink(file)).name("scores to " + file).uid("sink-output-file").setParallelism(1);
        rejections.map(r -> "rejected " + r.source() + " " + r.location() + ": " + r.reason(), Types.STRING)
                .name("format rejections").uid("format-rejections-stderr").setParallelism(1)
                .sinkTo(new PrintSink<>(true)).name("rejections to stderr").uid("sink-rejections-stderr")
                .setParallelism(1);
    }

    /** Appends each score as a JSON line and flushes it at once. */
    private record JsonLinesSink(String file) implements Sink<ScoredSample> {
        @Override
        public SinkWriter<ScoredSample> createWriter(WriterInitContext context) throws IOException {
            Writer out = file.equals("-") ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
            return new SinkWriter<>() {
                @Override
                public void write(ScoredSample score, Context c) throws IOException {
                    ScoreWriter.writeJsonLine(out, score);
                    out.flush();
                }

                @Override
                public void flush(boolean endOfInput) throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    if (file.equals("-")) {
                        out.flush();
                    } else {
                        out.close();
                    }
                }
            };
        }
    }
}

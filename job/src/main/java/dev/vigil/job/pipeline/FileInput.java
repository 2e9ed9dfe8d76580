package dev.vigil.job.pipeline;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.file.FileSamples;
import dev.vigil.sources.format.ParseOptions;
import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Replays one node-metrics file (bounded). */
public record FileInput(Path file, ParseOptions options) implements Input {

    @Override
    public String id() {
        return "file-" + Integer.toHexString(FileSamples.sourceName(file).hashCode());
    }

    @Override
    public DataStream<ParsedRecord> attach(StreamExecutionEnvironment env, JobSettings settings) {
        String name = "file " + file.getFileName();
        return env.fromSource(FileSamples.source(file, options.withMaxRecordBytes(settings.maxRecordBytes())),
                        Watermarks.forParsedRecords(settings), name)
                .uid("source-" + id())
                .setParallelism(1);
    }
}

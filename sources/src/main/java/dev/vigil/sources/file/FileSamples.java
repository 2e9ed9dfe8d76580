package dev.vigil.sources.file;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.sources.format.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.connector.file.src.FileSource;

/** Builds the bounded Flink source that replays one node-metrics file. */
public final class FileSamples {

    private FileSamples() {
    }

    /** The name a file has in {@code rejected_records.source}. */
    public static String sourceName(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    /**
     * A bounded source over {@code file}.
     *
     * @throws IllegalArgumentException if the file does not exist or is not a regular file
     */
    public static FileSource<ParsedRecord> source(Path file, ParseOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("input file not found: " + file);
        }
        return FileSource.forRecordStreamFormat(new SampleFileFormat(options, sourceName(file)),
                new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri())).build();
    }
}

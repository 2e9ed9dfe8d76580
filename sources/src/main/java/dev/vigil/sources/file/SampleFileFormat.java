package dev.vigil.sources.file;

import dev.vigil.sources.types.VigilTypes;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import dev.vigil.sources.format.LineParser;
import dev.vigil.sources.format.ParseOptions;
import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a node-metrics file (JSON lines, the seed's CSV or generic CSV) into parsed records for Flink's
 * FileSource, one format per file. Files are not split, so each reader sees the header first and counts lines from 1; the
 * FileSource restores a reader by re-reading the file and skipping the records already emitted.
 */
public final class SampleFileFormat extends SimpleStreamFormat<ParsedRecord> {

    private static final long serialVersionUID = 1L;

    private final ParseOptions options;
    private final String source;

    /** A format for one file: {@code source} names it in rejections (for example {@code file:/data/n1.csv}). */
    public SampleFileFormat(ParseOptions options, String source) {
        this.options = options;
        this.source = source;
    }

    @Override
    public StreamFormat.Reader<ParsedRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new Reader(stream, options, source);
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return VigilTypes.PARSED;
    }

    /** A reader of one file that parses as it goes and never throws on bad data. */
    static final class Reader implements StreamFormat.Reader<ParsedRecord> {
        private final BoundedLineReader lines;
        private final LineParser parser;
        private final String source;
        private final int maxBytes;
        private final FSDataInputStream stream;
        private long lineNumber;

        Reader(FSDataInputStream stream, ParseOptions options, String source) {
            this.stream = stream;
            this.lines = new BoundedLineReader(stream, options.maxRecordBytes());
            this.parser = LineParser.open(options, source);
            this.source = source;
            this.maxBytes = options.maxRecordBytes();
        }

        @Nullable
        @Override
        public ParsedRecord read() throws IOException {
            BoundedLineReader.Line line;
            while ((line = lines.next()) != null) {
                lineNumber++;
                if (line.oversized()) {
                    return ParsedRecord.rejected(new Rejection(source, Long.toString(lineNumber),
                            "record of " + line.bytes() + " bytes exceeds the limit of " + maxBytes + " bytes",
                            line.text(), line.bytes()));
                }
                ParsedRecord record = parser.parse(line.text(), lineNumber);
                if (record != null) {
                    return record;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}

package dev.vigil.job.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.sources.events.EventFormat;
import dev.vigil.sources.events.EventFiles;
import dev.vigil.core.json.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reads flow and event files (Hubble, Falco, generic JSON lines or CSV) and prints them as Vigil's
 * normalised events, one JSON line each, with every rejected line and its reason on stderr: the aid for
 * wiring an exporter to Vigil.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Print flow/event files as normalised events (JSON lines on stdout); rejected lines and "
                + "their reasons on stderr.")
public final class ParseCommand implements Callable<Integer> {

    /** Longer lines are rejected unread, at the stream's default input size limit. */
    static final int MAX_LINE_CHARS = dev.vigil.job.VigilOptions.MAX_RECORD_BYTES.defaultValue();

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "A flow/event file; repeatable.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "auto",
            description = "auto, hubble, falco, json or csv (default: ${DEFAULT-VALUE}: decided per file from its first record).")
    EventFormat format;

    @Override
    public Integer call() throws IOException {
        return run(System.out, System.err);
    }

    int run(OutputStream out, PrintStream err) throws IOException {
        long[] counts = new long[2];
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (Path input : inputs) {
                EventFiles.read(input, format, MAX_LINE_CHARS, event -> {
                    try {
                        JsonText.writeEvent(json, event);
                        json.writeRaw('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    counts[0]++;
                }, line -> {
                    try {
                        json.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    err.println(line);
                    counts[1]++;
                });
            }
        }
        long events = counts[0];
        long rejected = counts[1];
        err.printf("%,d events, %,d rejected lines%n", events, rejected);
        return 0;
    }
}

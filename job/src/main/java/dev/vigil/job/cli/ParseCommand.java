package dev.vigil.job.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.sources.events.EventFormat;
import dev.vigil.sources.events.EventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        long events = 0;
        long rejected = 0;
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (Path input : inputs) {
                EventParser parser = EventParser.open(format, input.toString());
                try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                    long number = 0;
                    for (String line; (line = reader.readLine()) != null; ) {
                        number++;
                        EventParser.Result r = line.length() > MAX_LINE_CHARS
                                ? new EventParser.Result(null, "line of " + line.length() + " characters, over "
                                        + MAX_LINE_CHARS)
                                : parser.parse(line, String.valueOf(number));
                        if (r == null) {
                            continue;
                        }
                        if (r.event() != null) {
                            write(json, r.event());
                            json.writeRaw('\n');
                            events++;
                        } else {
                            json.flush();
                            err.println(input + ":" + number + ": " + r.reason());
                            rejected++;
                        }
                    }
                }
            }
        }
        err.printf("%,d events, %,d rejected lines%n", events, rejected);
        return 0;
    }

    static void write(JsonGenerator g, FlowEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("ts", Instant.ofEpochMilli(e.ts()).toString());
        g.writeStringField("node", e.node());
        g.writeStringField("pod", e.pod());
        g.writeStringField("namespace", e.namespace());
        g.writeStringField("name", e.name());
        g.writeStringField("category", e.category());
        g.writeObjectFieldStart("args");
        for (Map.Entry<String, String> a : new TreeMap<>(e.args()).entrySet()) {
            g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
        if (e.attack() != null) {
            g.writeNumberField("attack", e.attack());
        }
        g.writeEndObject();
    }
}

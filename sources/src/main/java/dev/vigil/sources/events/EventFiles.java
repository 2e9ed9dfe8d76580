package dev.vigil.sources.events;

import dev.vigil.core.event.FlowEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads flow/event files line by line: each event to one consumer, each rejected line with its reason to another. */
public final class EventFiles {

    /** A line that gave no event: its number and the reason. */
    public record RejectedLine(Path file, long line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    private EventFiles() {
    }

    /**
     * Reads {@code file} in {@code format} (AUTO: decided from its first record); lines longer than
     * {@code maxLineChars} are rejected unread.
     */
    public static void read(Path file, EventFormat format, int maxLineChars, Consumer<FlowEvent> events,
            Consumer<RejectedLine> rejected) throws IOException {
        EventParser parser = EventParser.open(format, file.toString());
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                EventParser.Result r = line.length() > maxLineChars
                        ? new EventParser.Result(null, "line of " + line.length() + " characters, over " + maxLineChars)
                        : parser.parse(line, String.valueOf(number));
                if (r == null) {
                    continue;
                }
                if (r.event() != null) {
                    events.accept(r.event());
                } else {
                    rejected.accept(new RejectedLine(file, number, r.reason()));
                }
            }
        }
    }
}

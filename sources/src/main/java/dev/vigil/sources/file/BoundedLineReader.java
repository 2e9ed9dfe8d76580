package dev.vigil.sources.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines with a size limit: a line longer than the limit is not held in memory whole; its first
 * {@code maxBytes} bytes are kept for the rejection payload and the rest is skipped to the next newline.
 */
public final class BoundedLineReader {

    /** One line: its text (cut when oversized), its full size in bytes, and whether it was cut. */
    public record Line(String text, long bytes, boolean oversized) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];

    public BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end of input. */
    public Line next() throws IOException {
        int kept = 0;
        long total = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish(kept, total) : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            int room = Math.min(chunk, maxBytes + 1 - kept);
            if (room > 0) {
                if (kept + room > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, kept + room));
                }
                System.arraycopy(buffer, start, line, kept, room);
                kept += room;
            }
            total += chunk;
            if (pos < limit) {
                pos++;
                return finish(kept, total);
            }
        }
    }

    private Line finish(int kept, long total) {
        int length = kept;
        long bytes = total;
        if (length > 0 && length <= maxBytes && line[length - 1] == '\r') {
            length--;
            bytes--;
        }
        boolean oversized = bytes > maxBytes;
        int textLength = Math.min(length, maxBytes);
        return new Line(new String(line, 0, textLength, StandardCharsets.UTF_8), bytes, oversized);
    }
}

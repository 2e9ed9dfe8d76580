package dev.vigil.sources.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static BoundedLineReader reader(String text, int max) {
        return new BoundedLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() throws IOException {
        BoundedLineReader r = reader("a\r\nbb\n\nccc", 100);
        assertThat(r.next().text()).isEqualTo("a");
        assertThat(r.next().text()).isEqualTo("bb");
        assertThat(r.next().text()).isEmpty();
        assertThat(r.next().text()).isEqualTo("ccc");
        assertThat(r.next()).isNull();
    }

    @Test
    void cutsAnOversizedLineAndCarriesOnAfterIt() throws IOException {
        String big = "x".repeat(10 * 1024 * 1024);
        BoundedLineReader r = reader("ok\n" + big + "\nnext\n", 1024);
        assertThat(r.next().oversized()).isFalse();
        BoundedLineReader.Line line = r.next();
        assertThat(line.oversized()).isTrue();
        assertThat(line.bytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(line.text()).hasSize(1024);
        assertThat(r.next().text()).isEqualTo("next");
        assertThat(r.next()).isNull();
    }
}

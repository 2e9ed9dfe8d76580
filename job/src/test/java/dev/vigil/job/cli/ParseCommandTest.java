package dev.vigil.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** vigil parse prints normalised events on stdout and every rejected line with its reason on stderr. */
class ParseCommandTest {

    @Test
    void printsEventsAndRejections() throws Exception {
        ParseCommand command = new ParseCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--input",
                "../testdata/hubble-flows.jsonl", "--input", "../testdata/bad-falco-events.jsonl", "--format", "auto");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(command.run(out, new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        List<String> events = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(events).hasSize(6).allMatch(l -> l.startsWith("{\"ts\":\""));
        assertThat(events.get(0)).startsWith("{\"ts\":\"2026-03-02T10:15:01.123Z\",\"node\":\"worker-1\","
                + "\"pod\":\"frontend-7c9d8b6f5-abcde\",\"namespace\":\"shop\",\"name\":\"tcp\",\"category\":\"flow\","
                + "\"args\":{\"direction\":\"EGRESS\",");
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                Path.of("../testdata/bad-falco-events.jsonl") + ":2: no rule ('rule')",
                Path.of("../testdata/bad-falco-events.jsonl") + ":3: no alert time ('time')",
                Path.of("../testdata/bad-falco-events.jsonl") + ":4: no node ('hostname')",
                "6 events, 3 rejected lines");
    }

    @Test
    void aFormatThatDoesNotExistIsAUsageError() {
        assertThat(VigilCli.execute("parse", "--input", "../testdata/events.csv", "--format", "pcap")).isEqualTo(2);
    }
}

package dev.vigil.sources.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.FlowEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every flow/event format of testdata/ (written from the formats' documentation) becomes the same
 * normalised event, the format is detected from the first record, and every malformed variant is rejected
 * with its reason.
 */
class EventParsersTest {

    static final Path TESTDATA = Path.of("../testdata");

    record Parsed(List<FlowEvent> events, List<String> rejections) {
    }

    static Parsed parse(String file, EventFormat format) throws IOException {
        EventParser parser = EventParser.open(format, file);
        List<FlowEvent> events = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        long n = 0;
        for (String line : Files.readAllLines(TESTDATA.resolve(file))) {
            EventParser.Result r = parser.parse(line, String.valueOf(++n));
            if (r != null && r.event() != null) {
                events.add(r.event());
            } else if (r != null) {
                rejections.add(n + ": " + r.reason());
            }
        }
        return new Parsed(events, rejections);
    }

    @Test
    void hubbleFlowsAreSeenFromTheirLocalPod() throws Exception {
        Parsed p = parse("hubble-flows.jsonl", EventFormat.AUTO);
        assertThat(p.rejections()).isEmpty();
        assertThat(p.events()).extracting(FlowEvent::name).containsExactly("tcp", "dns", "tcp", "http", "tcp");
        FlowEvent syn = p.events().get(0);
        assertThat(syn.ts()).isEqualTo(Instant.parse("2026-03-02T10:15:01.123Z").toEpochMilli());
        assertThat(syn.node()).isEqualTo("worker-1");
        assertThat(syn.pod()).isEqualTo("frontend-7c9d8b6f5-abcde");
        assertThat(syn.namespace()).isEqualTo("shop");
        assertThat(syn.category()).isEqualTo("flow");
        assertThat(syn.args()).containsEntry("verdict", "FORWARDED").containsEntry("tcp_flags", "SYN")
                .containsEntry("dst_ip", "10.0.2.45").containsEntry("dst_port", "8080").containsEntry("src_port", "45812");
        assertThat(p.events().get(1).args()).containsEntry("dns_query", "cart.shop.svc.cluster.local.");
        FlowEvent dropped = p.events().get(2);
        assertThat(dropped.pod()).as("an ingress flow belongs to its destination").isEqualTo("postgres-0");
        assertThat(dropped.args()).containsEntry("verdict", "DROPPED").containsEntry("drop_reason", "POLICY_DENIED");
        assertThat(p.events().get(3).args()).containsEntry("http_code", "200").containsEntry("http_method", "GET");
        assertThat(p.events().get(4).args()).containsEntry("dst_names", "pool.example.net")
                .containsEntry("dst_port", "3333");
    }

    @Test
    void falcoAlertsKeepRulePriorityTagsAndOutputFields() throws Exception {
        Parsed p = parse("falco-events.jsonl", EventFormat.AUTO);
        assertThat(p.rejections()).isEmpty();
        assertThat(p.events()).hasSize(4);
        FlowEvent shell = p.events().get(0);
        assertThat(shell.name()).isEqualTo("Terminal shell in container");
        assertThat(shell.category()).isEqualTo("syscall");
        assertThat(shell.source()).as("the input, not Falco's source").isEqualTo("falco-events.jsonl");
        assertThat(shell.node()).isEqualTo("worker-1");
        assertThat(shell.pod()).isEqualTo("frontend-7c9d8b6f5-abcde");
        assertThat(shell.namespace()).isEqualTo("shop");
        assertThat(shell.args()).containsEntry("priority", "Notice").containsEntry("proc.cmdline", "bash")
                .containsEntry("tags", "container,maturity_stable,mitre_execution,shell,T1059");
        FlowEvent audit = p.events().get(3);
        assertThat(audit.category()).isEqualTo("k8s_audit");
        assertThat(audit.node()).as("no hostname: the node field").isEqualTo("control-plane-1");
        assertThat(audit.pod()).isNull();
    }

    @Test
    void genericJsonAndCsvCarryLabelsAndArguments() throws Exception {
        Parsed json = parse("events.jsonl", EventFormat.AUTO);
        Parsed csv = parse("events.csv", EventFormat.AUTO);
        assertThat(json.rejections()).isEmpty();
        assertThat(csv.rejections()).isEmpty();
        assertThat(json.events().get(0).args()).containsEntry("dst_port", "5432");
        assertThat(json.events()).extracting(FlowEvent::attack).containsExactly(0, 1, null);
        assertThat(json.events().get(2).category()).isEqualTo("event");
        assertThat(csv.events()).extracting(FlowEvent::attack).containsExactly(0, 1);
        assertThat(csv.events().get(1).args()).containsEntry("dst_ip", "198.51.100.7").containsEntry("dst_port", "22");
        assertThat(csv.events().get(0)).usingRecursiveComparison().ignoringFields("source", "location", "ts")
                .isEqualTo(json.events().get(0));
        assertThat(csv.events().get(0).source()).isEqualTo("events.csv");
        assertThat(csv.events().get(0).location()).as("the CSV's line").isEqualTo("2");
    }

    @Test
    void theFormatIsDetectedFromTheFirstRecord() {
        assertThat(AutoEventParser.detect("{\"flow\":{}}")).isEqualTo(EventFormat.HUBBLE);
        assertThat(AutoEventParser.detect("{\"verdict\":\"DROPPED\",\"IP\":{}}")).isEqualTo(EventFormat.HUBBLE);
        assertThat(AutoEventParser.detect("{\"rule\":\"x\",\"priority\":\"Notice\"}")).isEqualTo(EventFormat.FALCO);
        assertThat(AutoEventParser.detect("{\"ts\":1,\"node\":\"n\",\"name\":\"x\"}")).isEqualTo(EventFormat.JSON);
        assertThat(AutoEventParser.detect("ts,node,name")).isEqualTo(EventFormat.CSV);
        assertThat(AutoEventParser.detect("{broken")).isEqualTo(EventFormat.JSON);
    }

    @Test
    void everyMalformedVariantIsRejectedWithItsReason() throws Exception {
        assertThat(parse("bad-events.jsonl", EventFormat.JSON).rejections()).containsExactly(
                "2: not valid JSON: Unrecognized token 'this': was expecting (JSON String, Numbe...",
                "3: not a JSON object", "4: no name ('name')",
                "5: not an ISO-8601 time or epoch milliseconds: 'yesterday'",
                "6: label 'attack' must be 0 or 1, got 'maybe'", "7: 'args' must be an object",
                "8: not valid JSON: Unexpected end-of-input: expected close marker for Object (s...");
        assertThat(parse("bad-hubble-flows.jsonl", EventFormat.AUTO).rejections()).containsExactly(
                "2: no flow time ('time')", "3: no node ('node_name')", "4: no verdict ('verdict')",
                "5: 'flow' is not an object", "6: not an ISO-8601 time or epoch milliseconds: 'not a time'");
        assertThat(parse("bad-falco-events.jsonl", EventFormat.AUTO).rejections()).containsExactly(
                "2: no rule ('rule')", "3: no alert time ('time')", "4: no node ('hostname')");
        EventParser csv = EventParser.open(EventFormat.CSV, "test.csv");
        assertThat(csv.parse("ts,node", "1").reason()).contains("lacks the column 'name'");
        assertThat(csv.parse("2026-03-02T10:21:00Z,worker-3", "2").reason()).contains("no usable header");
        EventParser good = EventParser.open(EventFormat.CSV, "test.csv");
        assertThat(good.parse("ts,node,name", "1")).isNull();
        assertThat(good.parse("2026-03-02T10:21:00Z,worker-3", "2").reason()).isEqualTo("has 2 cells, the header 3");
        assertThat(good.parse("2026-03-02T10:21:00Z,,connect", "3").reason()).isEqualTo("empty 'node'");
        assertThat(good.parse("2026-03-02T10:21:00Z,\"worker-3,connect", "4").reason()).startsWith("not a CSV row");
    }
}

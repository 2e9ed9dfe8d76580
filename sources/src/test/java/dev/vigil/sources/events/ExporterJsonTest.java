package dev.vigil.sources.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.Episode;
import dev.vigil.sources.simulator.FlowSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterJsonTest {

    @Test
    void simulatedFlowsAndAlertsReadBackAsHubbleAndFalco() {
        SimulatorSettings settings = SimulatorSettings.defaults();
        ClusterSimulator cluster = new ClusterSimulator(settings);
        FlowSimulator flows = new FlowSimulator(cluster);
        List<FlowEvent> events = new ArrayList<>();
        for (Episode e : cluster.episodes()) {
            int node = Integer.parseInt(e.node().substring(5));
            long step = (e.start() - settings.start().toEpochMilli()) / settings.interval().toMillis();
            events.addAll(flows.events(node, step));
        }
        EventParser parser = EventParser.eachRecord("topic");
        int hubble = 0;
        int falco = 0;
        for (FlowEvent e : events) {
            EventParser.Result r = parser.parse(ExporterJson.line(e), "0@1");
            assertThat(r.reason()).isNull();
            FlowEvent back = r.event();
            assertThat(back.ts()).isEqualTo(e.ts());
            assertThat(back.node()).isEqualTo(e.node());
            assertThat(back.pod()).isEqualTo(e.pod());
            assertThat(back.namespace()).isEqualTo(e.namespace());
            assertThat(back.name()).isEqualTo(e.name());
            assertThat(back.category()).isEqualTo(e.category());
            assertThat(back.attack()).as("exporters carry no labels").isNull();
            if (e.category().equals("flow")) {
                hubble++;
                for (String arg : List.of("verdict", "direction", "src_ip", "dst_ip", "dst_port", "tcp_flags", "drop_reason")) {
                    assertThat(back.args().get(arg)).as(arg).isEqualTo(e.args().get(arg));
                }
            } else {
                falco++;
                assertThat(back.args()).containsEntry("priority", e.args().get("priority"));
            }
        }
        assertThat(hubble).isGreaterThan(100);
        assertThat(falco).isPositive();
    }
}

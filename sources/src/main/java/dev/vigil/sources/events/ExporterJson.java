package dev.vigil.sources.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.FlowEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Writes events the way the exporters Vigil reads write them: a flow as a Hubble flow line ({@code hubble
 * observe -o json}), any other event as a Falco alert (falcosidekick's JSON), so simulated traffic can be fed
 * to a topic in the shape a real cluster produces. Labels have no place in those formats and are dropped;
 * so are a flow's bytes (Hubble flows carry none).
 */
public final class ExporterJson {

    private ExporterJson() {
    }

    /** One line of Hubble or Falco JSON for {@code e}, which {@link EventParser}'s auto-detection reads back. */
    public static String line(FlowEvent e) {
        return ("flow".equals(e.category()) ? hubble(e) : falco(e)).toString();
    }

    private static ObjectNode hubble(FlowEvent e) {
        Map<String, String> a = e.args();
        String time = Instant.ofEpochMilli(e.ts()).toString();
        ObjectNode flow = JsonEventParser.JSON.createObjectNode();
        flow.put("time", time);
        flow.put("verdict", a.getOrDefault("verdict", "FORWARDED"));
        if (a.containsKey("drop_reason")) {
            flow.put("drop_reason_desc", a.get("drop_reason"));
        }
        ObjectNode ip = flow.putObject("IP");
        putIfPresent(ip, "source", a.get("src_ip"));
        putIfPresent(ip, "destination", a.get("dst_ip"));
        ip.put("ipVersion", "IPv4");
        String name = e.name().toLowerCase(Locale.ROOT);
        boolean l7 = name.equals("dns") || name.equals("http") || name.equals("kafka");
        String l4Name = name.equals("udp") || name.equals("dns") ? "UDP" : name.startsWith("icmp") ? "ICMPv4" : "TCP";
        ObjectNode l4 = flow.putObject("l4").putObject(l4Name);
        port(l4, "source_port", a.get("src_port"));
        port(l4, "destination_port", a.get("dst_port"));
        if (a.containsKey("tcp_flags") && l4Name.equals("TCP")) {
            ObjectNode flags = l4.putObject("flags");
            for (String f : a.get("tcp_flags").split(",")) {
                flags.put(f, true);
            }
        }
        boolean ingress = "INGRESS".equals(a.get("direction"));
        ObjectNode local = JsonEventParser.JSON.createObjectNode();
        putIfPresent(local, "namespace", e.namespace());
        putIfPresent(local, "pod_name", e.pod());
        flow.set(ingress ? "destination" : "source", local);
        flow.putObject(ingress ? "source" : "destination");
        flow.put("Type", l7 ? "L7" : "L3_L4");
        flow.put("node_name", e.node());
        if (l7) {
            ObjectNode detail = flow.putObject("l7").put("type", "REQUEST").putObject(name);
            putIfPresent(detail, "query", a.get("dns_query"));
        }
        putIfPresent(flow, "traffic_direction", a.get("direction"));
        flow.put("is_reply", false);
        ObjectNode root = JsonEventParser.JSON.createObjectNode();
        root.set("flow", flow);
        root.put("node_name", e.node());
        root.put("time", time);
        return root;
    }

    private static ObjectNode falco(FlowEvent e) {
        ObjectNode root = JsonEventParser.JSON.createObjectNode();
        String priority = e.args().getOrDefault("priority", "Notice");
        root.put("output", Instant.ofEpochMilli(e.ts()) + ": " + priority + " " + e.name() + " (k8s.ns=" + e.namespace()
                + " k8s.pod=" + e.pod() + ")");
        root.put("priority", priority);
        root.put("rule", e.name());
        root.put("time", Instant.ofEpochMilli(e.ts()).toString());
        ObjectNode fields = root.putObject("output_fields");
        e.args().forEach((k, v) -> {
            if (!k.equals("priority") && !k.equals("tags")) {
                fields.put(k, v);
            }
        });
        putIfPresent(fields, "k8s.ns.name", e.namespace());
        putIfPresent(fields, "k8s.pod.name", e.pod());
        root.put("source", e.category().equals("event") ? "syscall" : e.category());
        ArrayNode tags = root.putArray("tags");
        if (e.args().containsKey("tags")) {
            for (String t : e.args().get("tags").split(",")) {
                tags.add(t);
            }
        }
        root.put("hostname", e.node());
        return root;
    }

    private static void port(ObjectNode l4, String field, String port) {
        if (port != null) {
            try {
                l4.put(field, Integer.parseInt(port));
            } catch (NumberFormatException e) {
                l4.put(field, port);
            }
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

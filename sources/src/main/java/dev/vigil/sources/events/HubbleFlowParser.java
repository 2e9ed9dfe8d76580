package dev.vigil.sources.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.event.FlowEvent;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Cilium Hubble flows as {@code hubble observe -o json} and the Hubble exporter write them: one
 * {@code {"flow": {...}, "node_name": ..., "time": ...}} per line (a bare flow object is read too). The event
 * is the flow seen from its local endpoint (the source of an egress flow, the destination of an ingress
 * one); its name is the L7 protocol when Hubble parsed one (dns, http, kafka), else the L4 protocol.
 */
final class HubbleFlowParser extends JsonEventParser {

    HubbleFlowParser(String source) {
        super(source);
    }

    @Override
    Result event(JsonNode root, String location) {
        JsonNode flow = root.has("flow") ? root.get("flow") : root;
        if (!flow.isObject()) {
            throw new IllegalArgumentException("'flow' is not an object");
        }
        String time = text(flow, "time") != null ? text(flow, "time") : text(root, "time");
        if (time == null) {
            throw new IllegalArgumentException("no flow time ('time')");
        }
        String node = text(flow, "node_name") != null ? text(flow, "node_name") : text(root, "node_name");
        if (node == null) {
            throw new IllegalArgumentException("no node ('node_name')");
        }
        String verdict = required(flow, "verdict", "verdict");
        String direction = text(flow, "traffic_direction");
        JsonNode from = flow.path("source");
        JsonNode destination = flow.path("destination");
        JsonNode local = "INGRESS".equals(direction) || (direction == null && text(from, "pod_name") == null)
                ? destination : from;

        Map<String, String> args = new HashMap<>();
        args.put("verdict", verdict);
        putIfPresent(args, "direction", direction);
        putIfPresent(args, "drop_reason", text(flow, "drop_reason_desc"));
        putIfPresent(args, "type", text(flow, "Type"));
        putIfPresent(args, "is_reply", text(flow, "is_reply"));
        JsonNode ip = flow.path("IP");
        putIfPresent(args, "src_ip", text(ip, "source"));
        putIfPresent(args, "dst_ip", text(ip, "destination"));
        putIfPresent(args, "src_pod", text(from, "pod_name"));
        putIfPresent(args, "dst_pod", text(destination, "pod_name"));
        putIfPresent(args, "dst_namespace", text(destination, "namespace"));
        String protocol = "ip";
        JsonNode l4 = flow.path("l4");
        for (Iterator<String> it = l4.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode p = l4.get(name);
            protocol = name.toLowerCase(Locale.ROOT);
            putIfPresent(args, "src_port", text(p, "source_port"));
            putIfPresent(args, "dst_port", text(p, "destination_port"));
            JsonNode flags = p.path("flags");
            if (flags.isObject() && flags.size() > 0) {
                StringJoiner set = new StringJoiner(",");
                flags.properties().forEach(f -> {
                    if (f.getValue().asBoolean()) {
                        set.add(f.getKey());
                    }
                });
                args.put("tcp_flags", set.toString());
            }
            putIfPresent(args, "icmp_type", text(p, "type"));
        }
        String name = protocol;
        JsonNode l7 = flow.path("l7");
        if (l7.isObject()) {
            for (String kind : new String[] {"dns", "http", "kafka"}) {
                if (l7.has(kind)) {
                    name = kind;
                    JsonNode detail = l7.get(kind);
                    putIfPresent(args, "dns_query", text(detail, "query"));
                    putIfPresent(args, "http_method", text(detail, "method"));
                    putIfPresent(args, "http_code", text(detail, "code"));
                    putIfPresent(args, "http_url", text(detail, "url"));
                    putIfPresent(args, "kafka_topic", text(detail, "topic"));
                }
            }
            putIfPresent(args, "l7_type", text(l7, "type"));
        }
        JsonNode names = flow.path("destination_names");
        if (names.isArray() && names.size() > 0) {
            args.put("dst_names", names.get(0).asText());
        }
        return Result.of(new FlowEvent(source, location, time(time), node, text(local, "pod_name"),
                text(local, "namespace"), name, "flow", args, null));
    }
}

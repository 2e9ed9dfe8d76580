package dev.vigil.sources.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON formats of a topic, where records of several exporters may be mixed: each record's format is
 * decided from its own tree ({@link AutoEventParser#format}), which is parsed once and handed to that format.
 */
final class EachRecordParser extends JsonEventParser {

    private final HubbleFlowParser hubble;
    private final FalcoEventParser falco;
    private final GenericEventParser generic;

    EachRecordParser(String source) {
        super(source);
        hubble = new HubbleFlowParser(source);
        falco = new FalcoEventParser(source);
        generic = new GenericEventParser(source);
    }

    @Override
    Result event(JsonNode root, String location) {
        return switch (AutoEventParser.format(root)) {
            case HUBBLE -> hubble.event(root, location);
            case FALCO -> falco.event(root, location);
            default -> generic.event(root, location);
        };
    }
}

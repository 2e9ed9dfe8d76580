package dev.vigil.sources.scrape;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Scrapes one target once and turns the answer into a parsed record: the node's sample, or a rejection that
 * says why there is none (unreachable, timed out, an HTTP error, a body over the size limit, or text
 * without node-exporter series). Malformed lines in an otherwise good answer are reported as a rejection
 * too, next to the sample made of the good lines. Never completes exceptionally.
 */
public final class Scraper {

    private final HttpClient client;
    private final ScrapeSettings settings;
    private final NodeExporterMapping mapping;
    private final Executor parsing;

    public Scraper(ScrapeSettings settings, Executor parsing) {
        this.settings = settings;
        this.mapping = settings.mapping();
        this.parsing = parsing;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(); // its own executor: reading a body on the executor that delivers it would deadlock
    }

    /** What scraping {@code target} for the sample at {@code slot} (epoch ms) gave: one or two records. */
    public CompletableFuture<ParsedRecord[]> scrape(ScrapeTarget target, long slot) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(settings.timeout())
                .header("Accept", "text/plain;version=0.0.4")
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(response -> answer(target, slot, response), parsing)
                .exceptionally(e -> new ParsedRecord[] {failure(target, slot, reason(e), "")});
    }

    private ParsedRecord[] answer(ScrapeTarget target, long slot, HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(settings.maxBytes() + 1);
            if (bytes.length > settings.maxBytes()) {
                return new ParsedRecord[] {failure(target, slot, "response exceeds the limit of "
                        + settings.maxBytes() + " bytes", "")};
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new ParsedRecord[] {failure(target, slot, "reading the response failed: " + e.getMessage(), "")};
        }
        if (response.statusCode() != 200) {
            return new ParsedRecord[] {failure(target, slot, "HTTP " + response.statusCode(), body)};
        }
        return records(target, slot, body);
    }

    /** The records for a scrape of {@code target} at {@code slot} that answered {@code body}. */
    public ParsedRecord[] records(ScrapeTarget target, long slot, String body) {
        Exposition exposition = PrometheusTextParser.parse(body);
        double[] values = mapping.map(exposition);
        boolean any = false;
        for (double v : values) {
            any |= !Double.isNaN(v);
        }
        String problems = exposition.problems().isEmpty() ? null : "malformed exposition: "
                + String.join("; ", exposition.problems());
        if (!any) {
            return new ParsedRecord[] {failure(target, slot, problems != null ? problems
                    : "no node-exporter series among " + exposition.samples().size() + " samples", body)};
        }
        ParsedRecord sample = ParsedRecord.ok(new MetricSample(target.node(), slot, NodeExporterMapping.FEATURES,
                values, null, target.source(), location(slot)));
        if (problems == null) {
            return new ParsedRecord[] {sample};
        }
        return new ParsedRecord[] {sample, failure(target, slot, problems, body)};
    }

    private ParsedRecord failure(ScrapeTarget target, long slot, String reason, String body) {
        return ParsedRecord.rejected(Rejection.of(target.source(), location(slot), "scrape of node " + target.node()
                + " failed: " + reason, body, settings.maxRejectedPayload()));
    }

    private static String location(long slot) {
        return Instant.ofEpochMilli(slot).toString();
    }

    private static String reason(Throwable e) {
        Throwable last = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException) {
                return "timed out";
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused or unreachable";
            }
            if (!(c instanceof java.util.concurrent.CompletionException)) {
                last = c;
                break;
            }
        }
        return last.getClass().getSimpleName() + (last.getMessage() == null ? "" : ": " + last.getMessage());
    }
}

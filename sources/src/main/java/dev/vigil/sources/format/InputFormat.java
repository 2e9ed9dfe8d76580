package dev.vigil.sources.format;

import java.util.Locale;

/** The node-metric input formats Vigil reads; {@link #AUTO} picks one from the first line of each input. */
public enum InputFormat {
    AUTO("auto"),
    JSONL("jsonl"),
    PAPER_CSV("paper-csv"),
    CSV("csv");

    private final String cliName;

    InputFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** The format named {@code name} on the command line (auto, jsonl, paper-csv, csv). */
    public static InputFormat fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (InputFormat f : values()) {
            if (f.cliName.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "': expected auto, jsonl, paper-csv or csv");
    }

    /**
     * Guesses the format from the first non-blank line: a JSON object, the seed's {@code id,date,time,...}
     * header, or any other CSV header.
     */
    public static InputFormat detect(String firstLine) {
        String line = firstLine.strip();
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.startsWith("{")) {
            return JSONL;
        }
        if (line.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("id,date,time,")) {
            return PAPER_CSV;
        }
        return CSV;
    }
}

package dev.vigil.sources.format;

/** Checks shared by every parser, each returning a reason or null when the value is acceptable. */
public final class Validation {

    /** Kubernetes node names are DNS subdomains: at most 253 characters. */
    public static final int MAX_NODE_LENGTH = 253;
    public static final int MAX_FEATURE_NAME_LENGTH = 128;
    public static final int MAX_FEATURES = 1024;

    private Validation() {
    }

    /** Why {@code node} is not a usable node name, or null. Names are data: any printable text is fine. */
    public static String nodeProblem(String node) {
        if (node == null || node.isBlank()) {
            return "node name is missing or empty";
        }
        if (node.length() > MAX_NODE_LENGTH) {
            return "node name longer than " + MAX_NODE_LENGTH + " characters";
        }
        for (int i = 0; i < node.length(); i++) {
            if (Character.isISOControl(node.charAt(i))) {
                return "node name contains a control character";
            }
        }
        return null;
    }

    /** Why {@code name} is not a usable feature name, or null: letters, digits and {@code _.:-} only. */
    public static String featureNameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_FEATURE_NAME_LENGTH) {
            return "feature name must have 1 to " + MAX_FEATURE_NAME_LENGTH + " characters: '" + shorten(name) + "'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-')) {
                return "feature name has a character other than letters, digits and _.:- : '" + shorten(name) + "'";
            }
        }
        return null;
    }

    /** Why {@code value} of {@code feature} is not acceptable (NaN and infinities are), or null. */
    public static String valueProblem(String feature, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "feature " + feature + ": value is not finite";
        }
        return null;
    }

    /** Parses a numeric text cell: null for the usual spellings of "no value", NaN-free otherwise. */
    public static Double parseCell(String cell) throws NumberFormatException {
        String t = cell.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("NA") || t.equalsIgnoreCase("null") || t.equalsIgnoreCase("n/a")) {
            return null;
        }
        double v = Double.parseDouble(t);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new NumberFormatException("not finite");
        }
        return v;
    }

    public static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}

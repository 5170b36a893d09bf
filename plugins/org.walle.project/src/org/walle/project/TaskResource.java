package org.walle.project;

/** A file a task ships with: a model, a vocabulary or data, its path in the task folder and its SHA-256 (hex). */
public record TaskResource(Kind kind, String path, String sha256) {
    /** The literals of walle.ecore's ResourceKind. */
    public enum Kind {
        MODEL, VOCAB, DATA;

        String literal() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind of(String literal) {
            return valueOf(literal.toUpperCase(java.util.Locale.ROOT));
        }
    }
}

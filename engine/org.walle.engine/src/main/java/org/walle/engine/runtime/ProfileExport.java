package org.walle.engine.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.walle.engine.decompose.AtomicOp;

/**
 * Profiles as files: Chrome-trace JSON (opens in Perfetto and chrome://tracing; one lane per backend, commands laid
 * end to end at their median times, copies as their own events) and CSV (one row per command with every run's
 * time, which {@link #readCsv} loads back to compare two runs).
 */
public final class ProfileExport {
    private static final String CSV_HEADER = "command,node,op,backend,algorithm,flops,median_us,copy_us,gflops,runs_us";

    private ProfileExport() {
    }

    public static void writeChromeTrace(Profile p, Appendable out) throws IOException {
        out.append("{\"displayTimeUnit\":\"ms\",\"otherData\":{\"backend\":").append(json(p.backend()))
                .append(",\"threads\":").append(String.valueOf(p.threads())).append(",\"median_run_us\":")
                .append(us(p.medianRunNanos())).append("},\"traceEvents\":[");
        double ts = 0;
        boolean first = true;
        for (Profile.OpTiming t : p.ops()) {
            if (t.medianCopyNanos() > 0) {
                first = event(out, first, "copy to " + t.backend(), "copy", t.backend(), ts, t.medianCopyNanos(), t);
                ts += t.medianCopyNanos() / 1000.0;
            }
            first = event(out, first, t.node() + " " + t.op(), t.op().name(), t.backend(), ts, t.medianNanos(), t);
            ts += t.medianNanos() / 1000.0;
        }
        out.append("]}\n");
    }

    private static boolean event(Appendable out, boolean first, String name, String category, String lane, double ts,
            long nanos, Profile.OpTiming t) throws IOException {
        if (!first) {
            out.append(',');
        }
        out.append("\n{\"name\":").append(json(name)).append(",\"cat\":").append(json(category))
                .append(",\"ph\":\"X\",\"pid\":1,\"tid\":").append(json(lane))
                .append(",\"ts\":").append(String.format(Locale.ROOT, "%.3f", ts))
                .append(",\"dur\":").append(us(nanos))
                .append(",\"args\":{\"command\":").append(String.valueOf(t.command()))
                .append(",\"algorithm\":").append(json(t.algorithm()))
                .append(",\"flops\":").append(String.format(Locale.ROOT, "%.0f", t.flops()))
                .append(",\"gflops\":").append(String.format(Locale.ROOT, "%.3f", t.gflops())).append("}}");
        return false;
    }

    public static void writeCsv(Profile p, Appendable out) throws IOException {
        out.append("# backend=").append(p.backend()).append(" threads=").append(String.valueOf(p.threads()))
                .append(" runs_us=").append(join(p.runNanos())).append('\n');
        out.append(CSV_HEADER).append('\n');
        for (Profile.OpTiming t : p.ops()) {
            out.append(String.valueOf(t.command())).append(',').append(csv(t.node())).append(',').append(t.op().name())
                    .append(',').append(csv(t.backend())).append(',').append(csv(t.algorithm())).append(',')
                    .append(String.format(Locale.ROOT, "%.0f", t.flops())).append(',').append(us(t.medianNanos()))
                    .append(',').append(us(t.medianCopyNanos())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", t.gflops())).append(',')
                    .append(join(t.kernelNanos())).append('\n');
        }
    }

    /** Loads a CSV written by {@link #writeCsv}; copy times come back as their medians only. */
    public static Profile readCsv(Reader in) throws IOException {
        BufferedReader r = new BufferedReader(in);
        String meta = r.readLine();
        if (meta == null || !meta.startsWith("# backend=")) {
            throw new IOException("not a Walle profile CSV: the first line must start with '# backend='");
        }
        String backend = field(meta, "backend=");
        int threads = Integer.parseInt(field(meta, "threads="));
        long[] runs = nanos(field(meta, "runs_us="));
        if (!CSV_HEADER.equals(r.readLine())) {
            throw new IOException("not a Walle profile CSV: the second line must be the header " + CSV_HEADER);
        }
        List<Profile.OpTiming> ops = new ArrayList<>();
        String line;
        int row = 2;
        while ((line = r.readLine()) != null) {
            row++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() != 10) {
                throw new IOException("line " + row + ": expected 10 fields, got " + f.size());
            }
            try {
                long[] kernel = nanos(f.get(9));
                long[] copy = new long[kernel.length];
                java.util.Arrays.fill(copy, Math.round(Double.parseDouble(f.get(7)) * 1000));
                ops.add(new Profile.OpTiming(Integer.parseInt(f.get(0)), f.get(1), AtomicOp.valueOf(f.get(2)), f.get(3),
                        f.get(4), Double.parseDouble(f.get(5)), kernel, copy));
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + row + ": " + e.getMessage(), e);
            }
        }
        return new Profile(backend, threads, ops, runs);
    }

    private static String field(String meta, String key) throws IOException {
        int at = meta.indexOf(key);
        if (at < 0) {
            throw new IOException("profile CSV header lacks " + key);
        }
        int end = meta.indexOf(' ', at);
        return meta.substring(at + key.length(), end < 0 ? meta.length() : end);
    }

    private static long[] nanos(String joined) {
        if (joined.isEmpty()) {
            return new long[0];
        }
        String[] parts = joined.split(";");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Math.round(Double.parseDouble(parts[i]) * 1000);
        }
        return out;
    }

    private static String join(long[] nanos) {
        StringBuilder b = new StringBuilder();
        for (long n : nanos) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(us(n));
        }
        return b.toString();
    }

    private static String us(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000.0);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

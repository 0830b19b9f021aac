package org.circle.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/** Figures of each run, their minimum, median and maximum over the runs, and each target's verdict. */
final class Report {
  /** A limit on one figure; {@code atMost} false means the figure must reach at least the limit. */
  record Target(String figure, double limit, boolean atMost) {
    String describe() {
      return (atMost ? "<= " : ">= ") + format(limit);
    }

    boolean met(double value) {
      return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
    }
  }

  /** One run's figures, in the order they are shown. */
  static final class Run {
    final Map<String, Double> figures = new LinkedHashMap<>();
    String notes = "";

    Run put(String figure, double value) {
      figures.put(figure, value);
      return this;
    }

    void latencies(String prefix, Histogram h) {
      put(prefix + " p50 (ms)", ms(h, 50));
      put(prefix + " p99 (ms)", ms(h, 99));
      put(prefix + " p99.9 (ms)", ms(h, 99.9));
      put(prefix + " max (ms)", h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram h, double percentile) {
      return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  static final class Scenario {
    final String name;
    final String description;
    final List<Target> targets;
    final List<Run> runs = new ArrayList<>();
    final List<String> remarks = new ArrayList<>();

    Scenario(String name, String description, Target... targets) {
      this.name = name;
      this.description = description;
      this.targets = List.of(targets);
    }

    double[] values(String figure) {
      return runs.stream().mapToDouble(r -> r.figures.getOrDefault(figure, Double.NaN)).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    String markdown() {
      StringBuilder out = new StringBuilder();
      out.append("### ").append(name).append("\n\n").append(description).append("\n\n");
      out.append("| figure | min | median | max | target | verdict |\n|---|---:|---:|---:|---|---|\n");
      Set<String> figures = new LinkedHashSet<>();
      runs.forEach(r -> figures.addAll(r.figures.keySet()));
      for (String figure : figures) {
        double[] v = values(figure);
        Target target = targets.stream().filter(t -> t.figure().equals(figure)).findFirst().orElse(null);
        out.append("| ").append(figure).append(" | ").append(v.length == 0 ? "-" : format(v[0]))
            .append(" | ").append(v.length == 0 ? "-" : format(median(v)))
            .append(" | ").append(v.length == 0 ? "-" : format(v[v.length - 1]))
            .append(" | ").append(target == null ? "" : target.describe())
            .append(" | ").append(target == null ? "" : verdict(target, v)).append(" |\n");
      }
      out.append("\nRuns: ").append(runs.size()).append(".");
      for (int i = 0; i < runs.size(); i++) {
        if (!runs.get(i).notes.isBlank()) out.append(" Run ").append(i + 1).append(": ").append(runs.get(i).notes).append(".");
      }
      out.append("\n");
      for (String remark : remarks) out.append("\n").append(remark).append("\n");
      return out.toString();
    }
  }

  /** One line per target of every scenario: the figure's median (min to max) and the verdict. */
  static String summary(List<Scenario> scenarios) {
    StringBuilder out = new StringBuilder("| scenario | figure | target | median (min - max) | verdict |\n|---|---|---|---|---|\n");
    for (Scenario s : scenarios) {
      for (Target t : s.targets) {
        double[] v = s.values(t.figure());
        out.append("| ").append(s.name).append(" | ").append(t.figure()).append(" | ").append(t.describe()).append(" | ")
            .append(v.length == 0 ? "not measured" : format(median(v)) + " (" + format(v[0]) + " - " + format(v[v.length - 1]) + ")")
            .append(" | ").append(verdict(t, v)).append(" |\n");
      }
    }
    return out.toString();
  }

  /** Met when every run meets it; otherwise says by how much the median misses (or only the worst run). */
  static String verdict(Target target, double[] sorted) {
    if (sorted.length == 0) return "not measured";
    double worst = target.atMost() ? sorted[sorted.length - 1] : sorted[0];
    double median = median(sorted);
    if (target.met(worst)) return "met";
    if (target.met(median)) return "met by the median; worst run misses by " + format(Math.abs(worst - target.limit()));
    return "**missed** by " + format(Math.abs(median - target.limit())) + " (median)";
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) return Double.NaN;
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static double[] sorted(double... values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  static String format(double value) {
    if (Double.isNaN(value)) return "-";
    double abs = Math.abs(value);
    if (abs >= 1000) return String.format(Locale.ROOT, "%,.0f", value);
    if (abs >= 100) return String.format(Locale.ROOT, "%.0f", value);
    if (abs >= 10) return String.format(Locale.ROOT, "%.1f", value);
    return String.format(Locale.ROOT, "%.2f", value);
  }
}

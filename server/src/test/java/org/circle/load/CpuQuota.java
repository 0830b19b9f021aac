package org.circle.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux control group that caps one process at a fraction of a core (CFS quota), so that on a
 * small machine each server node can be given its own share of the CPU and the nodes, not the
 * database or the load tool, are the limit. Works with cgroup v2 ({@code cpu.max}) and with the
 * v1 {@code cpu} controller; needs root. Threads the process starts later stay in the group.
 */
final class CpuQuota implements AutoCloseable {
  /** A short period, so a node that spends its quota waits milliseconds, not a tenth of a second. */
  private static final int PERIOD_MICROS = 10_000;
  private static final Path V2 = Path.of("/sys/fs/cgroup");
  private static final Path V1 = Path.of("/sys/fs/cgroup/cpu");

  final Path group;

  private CpuQuota(Path group) {
    this.group = group;
  }

  /** Creates group {@code name} capped at {@code cores} of CPU time and moves process {@code pid} into it. */
  static CpuQuota cap(String name, double cores, long pid) {
    boolean v2 = Files.exists(V2.resolve("cgroup.controllers"));
    Path parent = v2 ? V2 : V1;
    if (!Files.isWritable(parent)) {
      throw new IllegalStateException("--node-cpus needs a writable cgroup cpu controller at " + parent + " (run the tool as root)");
    }
    Path group = parent.resolve("circle-load-" + name);
    long quota = Math.round(cores * PERIOD_MICROS);
    try {
      if (!Files.isDirectory(group)) Files.createDirectory(group);
      if (v2) {
        Files.writeString(parent.resolve("cgroup.subtree_control"), "+cpu");
        Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
      } else {
        Files.writeString(group.resolve("cpu.cfs_period_us"), Integer.toString(PERIOD_MICROS));
        Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
      }
      Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
    } catch (IOException e) {
      throw new IllegalStateException("Could not cap process " + pid + " at " + cores + " cores in " + group + ": " + e.getMessage(), e);
    }
    return new CpuQuota(group);
  }

  /** How long the group has waited for quota in all (ms), from its {@code cpu.stat}; NaN if unreadable. */
  double throttledMillis() {
    try {
      for (String line : Files.readAllLines(group.resolve("cpu.stat"))) {
        String[] kv = line.trim().split("\\s+");
        if (kv.length != 2) continue;
        // v2 counts microseconds, v1 nanoseconds.
        if (kv[0].equals("throttled_usec")) return Long.parseLong(kv[1]) / 1e3;
        if (kv[0].equals("throttled_time")) return Long.parseLong(kv[1]) / 1e6;
      }
    } catch (IOException | NumberFormatException e) {
      // reported as unknown below
    }
    return Double.NaN;
  }

  /** Removes the group once its process has ended (a group with processes in it cannot be removed). */
  @Override
  public void close() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        Files.deleteIfExists(group);
        return;
      } catch (IOException e) {
        ServerProcess.sleep(100);
      }
    }
  }
}

package org.circle.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time and memory of processes, read from /proc (Linux only). CPU counts user plus system
 * time; a parent's "waited-for children" time is included so a PostgreSQL backend that exits
 * between two samples is not lost from its postmaster's total.
 */
final class ProcStats {
  /** Kernel clock ticks per second; 100 on every Linux this runs on (getconf CLK_TCK). */
  static final long CLOCK_TICKS = 100;

  private ProcStats() {}

  /** Fields of /proc/PID/stat after the command name, so index 0 is field 3 (state). */
  static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** utime + stime (+ cutime + cstime when {@code withChildren}) of one process, in clock ticks; 0 when gone. */
  static long cpuTicks(long pid, boolean withChildren) {
    String[] f = statFields(pid);
    if (f == null) return 0;
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withChildren) ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    return ticks;
  }

  static long parentOf(long pid) {
    String[] f = statFields(pid);
    return f == null ? -1 : Long.parseLong(f[1]);
  }

  /** Every live process whose parent is {@code pid}. */
  static List<Long> childrenOf(long pid) {
    List<Long> children = new ArrayList<>();
    try (var dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path dir : dirs) {
        long candidate = Long.parseLong(dir.getFileName().toString());
        if (parentOf(candidate) == pid) children.add(candidate);
      }
    } catch (IOException e) {
      // /proc unreadable: report no children
    }
    return children;
  }

  /** A line of /proc/PID/status or smaps_rollup such as "VmRSS:  12345 kB", in KiB. */
  static OptionalLong kib(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key + ":")) {
          return OptionalLong.of(Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone
    }
    return OptionalLong.empty();
  }

  static long rssKib(long pid) {
    return kib(Path.of("/proc/" + pid + "/status"), "VmRSS").orElse(0);
  }

  /** Proportional set size: shared pages (PostgreSQL's shared buffers) are split between the processes sharing them. */
  static long pssKib(long pid) {
    return kib(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss").orElse(0);
  }

  /** Busy ticks of the whole machine (every CPU, /proc/stat: all but idle and iowait). */
  static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
      for (int i = 1; i <= 8 && i < f.length; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static long selfPid() {
    return ProcessHandle.current().pid();
  }
}

package io.simkernel.api.mp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A child's program, described in Java: the body of a Python target function. Each action is
 * one statement; the target returns (exit code 0, B11) after the last one unless it ends with
 * {@link #exit}, {@link #osExit} or {@link #raise}.
 *
 * <pre>{@code Target t = Target.create().print("working\n").compute(Duration.ofMillis(5))
 *     .put(q, 42).exit(3);}</pre>
 */
public final class Target {
  private final List<String> lines = new ArrayList<>();
  private boolean ends;

  private Target() {}

  public static Target create() {
    return new Target();
  }

  private Target add(String line) {
    if (ends) {
      throw new IllegalStateException("the target already ends with " + lines.get(
          lines.size() - 1));
    }
    lines.add(line);
    return this;
  }

  /** CPU work for {@code d} (a busy loop). */
  public Target compute(Duration d) {
    return add("compute " + d.toNanos() + "ns");
  }

  /** {@code time.sleep(d)}. */
  public Target sleep(Duration d) {
    return add("sleep " + d.toNanos() + "ns");
  }

  /** {@code print(text, end="")} to stdout. */
  public Target print(String text) {
    return add("print " + quote(text));
  }

  /** {@code print(current_process().name)}. */
  public Target printName() {
    add("mp.name r8, 0");
    return add("print \"%s\\n\", r8");
  }

  /** {@code q.put(item)}. */
  public Target put(Queue q, long item) {
    return add("mp.put " + q.handle() + ", " + item);
  }

  /** {@code q.get()}, the item discarded. */
  public Target get(Queue q) {
    return add("mp.get r8, " + q.handle());
  }

  /** {@code lock.acquire()}. */
  public Target acquire(Lock l) {
    return add("mp.acquire " + l.handle());
  }

  /** {@code lock.release()}. */
  public Target release(Lock l) {
    return add("mp.release " + l.handle());
  }

  /** {@code sys.exit(code)}: the exit hook runs, the exit code is {@code code & 0xFF} (B12). */
  public Target exit(int code) {
    add("mp.exit " + code);
    ends = true;
    return this;
  }

  /** {@code os._exit(code)}: no exit hook (B19). */
  public Target osExit(int code) {
    add("exit " + code);
    ends = true;
    return this;
  }

  /** {@code raise Type(message)} uncaught: traceback on stderr, exit code 1 (B11). */
  public Target raise(String type, String message) {
    add("mp.raise " + quote(type + ": " + message));
    ends = true;
    return this;
  }

  /** The target's code under {@code label}. */
  String render(String label) {
    StringBuilder sb = new StringBuilder(label).append(":\n");
    for (String l : lines) {
      sb.append("  ").append(l).append('\n');
    }
    if (!ends) {
      sb.append("  ret\n");
    }
    return sb.toString();
  }

  /** A scenario string literal printing {@code s} as is. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '%' -> sb.append("%%");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}

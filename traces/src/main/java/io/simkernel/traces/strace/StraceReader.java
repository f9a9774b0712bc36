package io.simkernel.traces.strace;

import io.simkernel.traces.strace.LineParser.Raw;
import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Delivery;
import io.simkernel.traces.strace.StraceEvent.Exit;
import io.simkernel.traces.strace.StraceEvent.GroupStop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a whole {@code strace -f -tt [-T]} log into {@link StraceEvent}s, joining every
 * {@code <unfinished ...>} with its {@code <... NAME resumed>} line by TID (trace-formats.md A.2):
 * lines of other tasks — even a newborn child's whole life — may come in between. A joined call
 * takes the place of its first half, so events are in the order their first lines appear.
 *
 * <p>Errors: the first malformed line is reported with its number; a last line without its
 * newline that does not parse is reported as truncated; a call left unfinished at the end of the
 * log, with no {@code +++} line for its task, means the log was cut short.
 */
public final class StraceReader {
  /** What was read: the events in order of their first lines, and the number of lines. */
  public record Log(String file, int lines, List<StraceEvent> events) {}

  private final String file;
  private final List<StraceEvent> events = new ArrayList<>();
  /** TID → its pending first half (and the slot it will fill). */
  private final Map<Integer, Pending> pending = new TreeMap<>();
  private long lastTime = Long.MIN_VALUE;
  private long dayOffset;

  private record Pending(Raw first, int slot) {}

  private StraceReader(String file) {
    this.file = file;
  }

  /** Reads a log; throws {@link StraceException} for the first problem. */
  public static Log read(String file, String text) {
    return new StraceReader(file).readAll(text);
  }

  private Log readAll(String text) {
    if (text.isBlank()) {
      throw new StraceException(file, 1, "the log is empty",
          "the output of `strace -f -tt -T -o FILE`");
    }
    String[] lines = text.split("\r?\n", -1);
    int count = lines.length;
    boolean newlineAtEnd = lines[count - 1].isEmpty();
    if (newlineAtEnd) {
      count--;
    }
    for (int n = 1; n <= count; n++) {
      String line = lines[n - 1];
      if (line.isBlank()) {
        continue;
      }
      try {
        accept(LineParser.parse(file, n, line));
      } catch (StraceException e) {
        if (n == count && !newlineAtEnd) {
          throw new StraceException(file, n, "the log ends in the middle of this line (truncated)"
              + ": `" + LineParser.shorten(line) + "`", "a complete line ending in a newline");
        }
        throw e;
      }
    }
    for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
      Raw first = e.getValue().first();
      throw new StraceException(file, count, "the log ends while task " + e.getKey()
          + " is still inside " + first.name() + "() (started at line " + first.number()
          + ") and has no `+++` line", "its `<... " + first.name()
          + " resumed>` line or `+++ exited/killed +++`: is the log truncated?");
    }
    return new Log(file, count, List.copyOf(events));
  }

  private void accept(Raw raw) {
    raw = withMonotonicTime(raw);
    switch (raw.kind()) {
      case CALL -> events.add(call(raw, raw, raw.text(), false));
      case UNFINISHED -> unfinished(raw);
      case RESUMED -> resumed(raw);
      case SIGNAL -> events.add(new Delivery(raw.tid(), raw.number(), raw.timeUs(), raw.name(),
          Args.signal(raw.name()), Args.struct(raw.text())));
      case STOPPED -> events.add(new GroupStop(raw.tid(), raw.number(), raw.timeUs(), raw.name(),
          Args.signal(raw.name())));
      default -> exit(raw);
    }
  }

  /** -tt times are of the day: a jump back by more than 12 h is midnight passing. */
  private Raw withMonotonicTime(Raw raw) {
    long t = raw.timeUs() + dayOffset;
    if (lastTime != Long.MIN_VALUE && t < lastTime - 43_200_000_000L) {
      dayOffset += 86_400_000_000L;
      t += 86_400_000_000L;
    }
    lastTime = Math.max(lastTime, t);
    return new Raw(raw.number(), raw.tid(), t, raw.kind(), raw.name(), raw.text());
  }

  private void unfinished(Raw raw) {
    Pending p = pending.get(raw.tid());
    if (p != null) {
      throw new StraceException(file, raw.number(), "task " + raw.tid() + " starts " + raw.name()
          + "() while its " + p.first().name() + "() of line " + p.first().number()
          + " is unfinished", "`<... " + p.first().name() + " resumed>` first");
    }
    events.add(null); // the slot the joined call will fill
    pending.put(raw.tid(), new Pending(raw, events.size() - 1));
  }

  private void resumed(Raw raw) {
    Pending p = pending.remove(raw.tid());
    if (p == null) {
      throw new StraceException(file, raw.number(), "`<... " + raw.name() + " resumed>` but task "
          + raw.tid() + " has no unfinished call", "an earlier `" + raw.name()
          + "(... <unfinished ...>` line of the same PID");
    }
    if (!p.first().name().equals(raw.name())) {
      throw new StraceException(file, raw.number(), "`<... " + raw.name() + " resumed>` but the "
          + "unfinished call of task " + raw.tid() + " is " + p.first().name() + "() (line "
          + p.first().number() + ")", "`<... " + p.first().name() + " resumed>`");
    }
    String rest = raw.text();
    boolean died = rest.startsWith(LineParser.UNFINISHED);
    if (died) {
      rest = rest.substring(LineParser.UNFINISHED.length());
    }
    events.set(p.slot(), call(p.first(), raw, p.first().text() + rest, died));
  }

  /** A task ended: an unfinished call of it ends too (it died inside, strace's bare form). */
  private void exit(Raw raw) {
    Pending p = pending.remove(raw.tid());
    if (p != null) {
      events.set(p.slot(), call(p.first(), raw, p.first().text() + ") = ?", true));
    }
    int n = (int) Args.parseLong(raw.text(), 0);
    Exit e = switch (raw.kind()) {
      case EXITED -> new Exit(raw.tid(), raw.number(), raw.timeUs(), Exit.Kind.EXITED, n, null, 0,
          false);
      case KILLED -> new Exit(raw.tid(), raw.number(), raw.timeUs(), Exit.Kind.KILLED, 0,
          raw.name(), Args.signal(raw.name()), raw.text().equals("core"));
      default -> new Exit(raw.tid(), raw.number(), raw.timeUs(), Exit.Kind.SUPERSEDED, n, null,
          0, false);
    };
    events.add(e);
  }

  private Call call(Raw first, Raw last, String text, boolean died) {
    LineParser.CallText ct = LineParser.call(text);
    if (ct.error() != null) {
      String where = first == last ? "" : " (joined with line " + first.number() + ")";
      throw new StraceException(file, last.number(), ct.error() + where,
          "`name(args) = result [ERRNO (text)] [<seconds>]`");
    }
    long end = first == last ? first.timeUs() : last.timeUs();
    if (ct.result().durationUs() >= 0) {
      end = first.timeUs() + ct.result().durationUs();
    }
    return new Call(first.tid(), first.number(), last.number(), first.timeUs(), end, ct.name(),
        ct.args(), ct.result(), died);
  }
}

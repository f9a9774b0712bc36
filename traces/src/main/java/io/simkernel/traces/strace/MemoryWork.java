package io.simkernel.traces.strace;

import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.TracedProcess.Clones;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The memory writes behind the minor-fault counts a log's {@code getrusage} calls show
 * ({@code -e abbrev=!getrusage} prints {@code ru_minflt}). The log shows the counts, not the
 * accesses, so the replay makes accesses that fault exactly that often — one write per page,
 * each page faulting once (posix-semantics §18: a first write to an anonymous page is one
 * zero-fill fault; a write to a page shared copy-on-write after fork is one copy):
 *
 * <ul>
 *   <li><b>Between two calls</b> of a process, the difference is replayed as writes to that many
 *       pages of the process's <em>arena</em> (one anonymous mapping, inherited over fork):
 *       first the pages it shares copy-on-write since its last fork — as the writer child of
 *       {@code fork-cow-faults} copies the buffer its parent filled — then fresh ones.
 *   <li><b>Before a process's first call</b>, the count is its start-up (the loader, libc, the
 *       stack), which the simulator does its own way: the replay asks the simulated kernel for
 *       its count first (an extra getrusage, not in the log) and writes as many fresh pages as
 *       are missing, so later differences start from the logged count.
 *   <li><b>A parent's {@code RUSAGE_CHILDREN} count</b> holds its reaped children's whole lives;
 *       what it holds beyond the children's last own counts (faults after their last getrusage,
 *       in exit) is written by those children before they exit, in equal parts (the log cannot
 *       tell which child made them).
 * </ul>
 *
 * <p>Each replayed getrusage is followed by an {@code eprint} of what the simulated call
 * returned ({@code getrusage line N: ru_minflt=V} on stderr; printing does not fault), which
 * {@code --check} reads to compare the counts.
 */
final class MemoryWork {
  static final String REPORT = "getrusage line %d: ru_minflt=%d\\n";
  private static final long PAGE = 4096;

  /** A process's arena as the replay leaves it: mapped, pages present, next CoW page. */
  private static final class Arena {
    boolean mapped;
    long total;
    long cowNext;

    Arena copy() {
      Arena a = new Arena();
      a.mapped = mapped;
      a.total = total;
      return a;
    }
  }

  private final ProcessTree tree;
  private final Map<Long, List<String>> before = new TreeMap<>();
  private final Map<Integer, Long> remainder = new TreeMap<>();
  private final Map<Integer, List<String>> atEnd = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();
  /** The arena's size: the most pages any process may write in it. */
  private long arenaPages;

  private MemoryWork(ProcessTree tree) {
    this.tree = tree;
  }

  static MemoryWork compute(ProcessTree tree) {
    MemoryWork w = new MemoryWork(tree);
    w.remainders();
    w.arenaPages = Math.max(1, w.bound());
    Map<Integer, Arena> start = new TreeMap<>();
    for (TracedProcess p : tree.processes()) {
      w.walk(p, start.getOrDefault(p.pid(), new Arena()), start);
    }
    return w;
  }

  private static long key(int pid, int line) {
    return ((long) pid << 32) | line;
  }

  private static long minflt(Call c) {
    String v = Args.struct(c.arg(1)).get("ru_minflt");
    return v == null ? -1 : Args.parseLong(v, -1);
  }

  private static boolean isRusage(StraceEvent e) {
    return e instanceof Call c && c.name().equals("getrusage") && c.succeeded() && minflt(c) >= 0;
  }

  /** The code that goes before the getrusage of {@code pid} at {@code line} (may be empty). */
  List<String> before(int pid, int line) {
    return before.getOrDefault(key(pid, line), List.of());
  }

  /** The code that goes after it: the report {@code --check} reads. */
  static List<String> after(Call c) {
    return List.of(Code.line("eprint \"" + REPORT + "\", " + c.line() + ", r1",
        "what the simulated call returned, for --check"));
  }

  /** The writes a process makes before it ends (its share of a parent's children count). */
  List<String> atEnd(int pid) {
    return atEnd.getOrDefault(pid, List.of());
  }

  /**
   * About how long the simulator takes for the writes in {@code code} (CostModel: a fault
   * 1.24 us, a copy-on-write copy 1.87 us; 1.5 us a page is near enough to keep the time).
   */
  static long costUs(List<String> code) {
    long pages = 0;
    for (String l : code) {
      String t = l.trim();
      if (t.startsWith("touch r10, ")) {
        pages += Long.parseLong(t.substring(11, t.indexOf(',', 11)).trim()) / PAGE;
      }
    }
    return pages * 3 / 2;
  }

  /** What the log's counts could not be replayed exactly for, in words. */
  List<String> notes() {
    return notes;
  }

  /** RUSAGE_CHILDREN beyond the children's last own counts, shared out among them. */
  private void remainders() {
    for (TracedProcess p : tree.processes()) {
      for (StraceEvent e : p.events()) {
        if (!isRusage(e) || !((Call) e).arg(0).equals("RUSAGE_CHILDREN")) {
          continue;
        }
        Call c = (Call) e;
        List<TracedProcess> kids = new ArrayList<>();
        long own = 0;
        for (TracedProcess k : p.children()) {
          if (k.end().line() < c.line()) {
            kids.add(k);
            own += lastCount(k);
          }
        }
        long rest = minflt(c) - own;
        if (kids.isEmpty() || rest < 0) {
          notes.add(Code.cite(c) + ": its children's own counts leave " + rest + " faults to "
              + "replay; not replayed");
          continue;
        }
        for (int i = 0; i < kids.size(); i++) {
          long share = rest / kids.size() + (i == kids.size() - 1 ? rest % kids.size() : 0);
          remainder.merge(kids.get(i).pid(), share, Long::sum);
        }
      }
    }
  }

  /** At most how many pages any process writes in its arena: every count's growth, summed. */
  private long bound() {
    long sum = 0;
    for (TracedProcess p : tree.processes()) {
      long first = -1;
      for (StraceEvent e : p.events()) {
        if (isRusage(e) && !((Call) e).arg(0).equals("RUSAGE_CHILDREN")) {
          first = first < 0 ? minflt((Call) e) : first;
        }
      }
      sum += first < 0 ? 0 : Math.max(0, lastCount(p) - first);
    }
    for (long r : remainder.values()) {
      sum += r;
    }
    return sum;
  }

  private static long lastCount(TracedProcess p) {
    long last = 0;
    for (StraceEvent e : p.events()) {
      if (isRusage(e) && !((Call) e).arg(0).equals("RUSAGE_CHILDREN")) {
        last = minflt((Call) e);
      }
    }
    return last;
  }

  private void walk(TracedProcess p, Arena a, Map<Integer, Arena> start) {
    long last = -1;
    for (StraceEvent e : p.events()) {
      if (!(e instanceof Call c)) {
        continue;
      }
      int child = Clones.child(c);
      if (child > 0 && !Clones.isThread(c)) {
        start.put(child, a.copy()); // the child's cowNext is 0: all it has is shared now
        a.cowNext = 0; // and so are the parent's pages (FK-2, copy-on-write)
      } else if (c.name().startsWith("execve") && c.succeeded() && c != p.events().get(0)) {
        a = new Arena(); // a new image: the arena is gone with the old address space
      } else if (isRusage(c) && !c.arg(0).equals("RUSAGE_CHILDREN")) {
        long v = minflt(c);
        if (last < 0) {
          before.put(key(p.pid(), c.line()), sync(p, c, v));
        } else if (v > last) {
          before.put(key(p.pid(), c.line()), writes(a, v - last, "line " + c.line() + ": "
              + (v - last) + " minor faults since the last getrusage"));
        } else if (v < last) {
          notes.add(Code.cite(c) + ": the count went down; nothing replayed");
        }
        last = Math.max(last, v);
      }
    }
    long rest = remainder.getOrDefault(p.pid(), 0L);
    if (rest > 0) {
      atEnd.put(p.pid(), writes(a, rest, "its share (" + rest + ") of the faults its parent's "
          + "RUSAGE_CHILDREN count holds beyond the children's own last counts"));
    }
  }

  /** Brings the simulated count up to the logged {@code v} (the process's start-up faults). */
  private static List<String> sync(TracedProcess p, Call c, long v) {
    String done = "ru_" + p.pid() + "_" + c.line();
    List<String> out = new ArrayList<>();
    out.add(Code.line("getrusage RUSAGE_SELF", "not in the log: the simulator's own start-up "
        + "faults so far"));
    out.add(Code.line("mov   r10, " + v, "the count the log shows at line " + c.line()));
    out.add(Code.line("sub   r10, r1", null));
    out.add(Code.line("jle   r10, 0, " + done, null));
    out.add(Code.line("mul   r10, " + PAGE, "that many fresh pages, written once each"));
    out.add(Code.line("mmap  r10, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS", null));
    out.add(Code.line("touch r0, r10, write", null));
    out.add(done + ":");
    return out;
  }

  /** Writes to {@code n} pages of the arena that fault: shared ones first, then fresh. */
  private List<String> writes(Arena a, long n, String why) {
    List<String> out = new ArrayList<>();
    out.add(Code.comment(why + ": one write per page"));
    if (!a.mapped) {
      out.add(Code.line("mmap  " + arenaPages * PAGE + ", PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS",
          "the arena: the pages the replay writes (inherited over fork)"));
      out.add(Code.line("mov   r15, r0", null));
      a.mapped = true;
    }
    long cow = Math.min(n, a.total - a.cowNext);
    if (cow > 0) {
      touch(out, a.cowNext, cow, cow + " pages shared copy-on-write since the last fork");
      a.cowNext += cow;
    }
    long fresh = n - cow;
    if (fresh > 0) {
      touch(out, a.total, fresh, fresh + " fresh pages (zero-filled)");
      a.total += fresh;
      a.cowNext = a.total; // every shared page was written before these
    }
    return out;
  }

  private static void touch(List<String> out, long page, long pages, String what) {
    out.add(Code.line("mov   r10, r15", null));
    if (page > 0) {
      out.add(Code.line("add   r10, " + page * PAGE, null));
    }
    out.add(Code.line("touch r10, " + pages * PAGE + ", write", what));
  }

}

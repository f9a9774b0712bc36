package io.simkernel.traces.strace;

import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.TracedProcess.Clones;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pipes of a log: which descriptor of which process is which end of which pipe, from the
 * {@code pipe}/{@code pipe2} that made it, through fork (inherited: FK-4) and {@code dup2}, to
 * its close — so the replay makes the same pipes and the kernel's own SIGPIPE/EPIPE and
 * end-of-file arise from the simulated pipe (pipe(7)).
 *
 * <p>Logs usually do not trace {@code close} (the corpus's capture does not), yet whether a
 * write fails with EPIPE depends on every read end being closed. When the log shows no close at
 * all, the closes are inferred, by two rules, and each added close says which in its comment:
 *
 * <ol>
 *   <li><b>Unused descriptors are closed after their last use.</b> A pipe descriptor above 2
 *       that a process does not use again — in a read, write, dup2 or fork (that hands it to a
 *       child) — is closed right after its last use. That is what every shell does with a
 *       pipeline's ends (bash's execute_pipeline closes them in the parent after each fork and
 *       in the child after the dup2). The standard descriptors 0-2 are kept: a program reads
 *       and writes its stdio with calls the log may not trace (head's reads are not in it).
 *   <li><b>EPIPE proves the read ends were closed.</b> A write that failed with EPIPE shows
 *       that when it ran, no process held the pipe's read end (pipe(7)); the last successful
 *       write to the pipe shows one did then. So a process still holding a read end closes it
 *       between the two: half-way, within its own calls' times.
 * </ol>
 */
final class Descriptors {
  /** A close the replay adds: after event {@code after} of the process (-1: at its start). */
  record Close(int pid, int after, long timeUs, int fd, String why) {}

  /** One open pipe descriptor of one process, from open to close. */
  private static final class Fd {
    final int pid;
    final int fd;
    final int pipe;
    final boolean write;
    /** The parent's descriptor this one is a fork copy of, and that fork's event index. */
    final Fd origin;
    final int originFork;
    final long originForkUs;
    int lastUse;
    long lastUseUs;
    /** Used by its process (read, write, dup2 from it, made it), not only handed on. */
    boolean used;
    /**
     * Its close is not in the log: still open at its process's end, or its number taken by a
     * later pipe (no traced close, no dup2 over it).
     */
    boolean openAtEnd;
    boolean closed;
    boolean dropped;

    Fd(int pid, int fd, int pipe, boolean write, int use, long useUs, Fd origin, int fork,
        long forkUs) {
      this.pid = pid;
      this.fd = fd;
      this.pipe = pipe;
      this.write = write;
      this.lastUse = use;
      this.lastUseUs = useUs;
      this.origin = origin;
      this.originFork = fork;
      this.originForkUs = forkUs;
    }

    void use(int i, long us) {
      used = true;
      if (i >= lastUse) {
        lastUse = i;
        lastUseUs = us;
      }
    }

    /** A copy handed to a child that uses it keeps the original open until that fork. */
    void handedOn(int fork, long us) {
      if (fork >= lastUse) {
        lastUse = fork;
        lastUseUs = us;
      }
    }
  }

  private final ProcessTree tree;
  private final boolean closesTraced;
  /** (pid, line) of every call on a pipe descriptor (or making one): the ones to replay. */
  private final Set<Long> pipeCalls = new TreeSet<>();
  /** pid → the descriptors it inherits. */
  private final Map<Integer, List<Fd>> inherited = new TreeMap<>();
  /** Every pipe descriptor of every process, parents' before their children's. */
  private final List<Fd> all = new ArrayList<>();
  private final Map<Integer, List<Close>> closes = new TreeMap<>();
  /** pid → line of a pipe call → the fds the simulator will give (when they differ). */
  private final Map<Long, int[]> simPipeFds = new TreeMap<>();
  private int pipes;

  private Descriptors(ProcessTree tree) {
    this.tree = tree;
    boolean traced = false;
    for (TracedProcess p : tree.processes()) {
      for (StraceEvent e : p.events()) {
        traced |= e instanceof Call c && (c.name().equals("close")
            || c.name().equals("close_range"));
      }
    }
    this.closesTraced = traced;
  }

  static Descriptors compute(ProcessTree tree) {
    Descriptors d = new Descriptors(tree);
    for (TracedProcess p : tree.processes()) {
      d.walk(p);
    }
    d.propagateUses();
    if (!d.closesTraced) {
      d.closeUnused();
      d.closeBeforeEpipe();
    }
    for (List<Close> l : d.closes.values()) {
      l.sort(Comparator.comparingInt(Close::after).thenComparingLong(Close::timeUs));
    }
    return d;
  }

  private static long key(int pid, int line) {
    return ((long) pid << 32) | line;
  }

  /** Whether the call of {@code pid} at {@code line} is a pipe operation to replay. */
  boolean onPipe(int pid, int line) {
    return pipeCalls.contains(key(pid, line));
  }

  /** The closes to add to {@code pid}'s code, in order. */
  List<Close> closesOf(int pid) {
    return closes.getOrDefault(pid, List.of());
  }

  /** For a pipe call: the read and write fds the simulator gives, if not the logged ones. */
  int[] simulatedFds(int pid, int line) {
    return simPipeFds.get(key(pid, line));
  }

  private void walk(TracedProcess p) {
    Map<Integer, Fd> table = new TreeMap<>();
    // the simulated process starts with the console's 0, 1 and 2 (as the real one has stdio)
    Set<Integer> simOpen = new TreeSet<>(List.of(0, 1, 2));
    for (Fd f : inherited.getOrDefault(p.pid(), List.of())) {
      table.put(f.fd, f);
      all.add(f);
      simOpen.add(f.fd);
    }
    List<StraceEvent> events = p.events();
    for (int i = 0; i < events.size(); i++) {
      // a failed read or write is replayed too: its failure (EPIPE) is what the pipe must give
      if (events.get(i) instanceof Call c && (c.succeeded() || (!c.result().unknown()
          && (c.name().startsWith("read") || c.name().startsWith("write"))))) {
        call(p, c, i, table, simOpen);
      }
    }
    for (Fd f : table.values()) {
      f.openAtEnd = true;
    }
  }

  private void call(TracedProcess p, Call c, int i, Map<Integer, Fd> table, Set<Integer> simOpen) {
    switch (c.name()) {
      case "pipe", "pipe2" -> {
        List<String> fds = Args.split(strip(c.arg(0)));
        if (fds.size() != 2) {
          return;
        }
        int r = (int) Args.parseLong(fds.get(0), -1);
        int w = (int) Args.parseLong(fds.get(1), -1);
        int id = ++pipes;
        int[] sim = lowestFree(simOpen);
        if (sim[0] != r || sim[1] != w) {
          simPipeFds.put(key(p.pid(), c.line()), sim);
        }
        unseenClose(table.remove(r), simOpen); // a reused number: closed before, untraced
        unseenClose(table.remove(w), simOpen);
        table.put(r, made(new Fd(p.pid(), r, id, false, i, c.endUs(), null, 0, 0)));
        table.put(w, made(new Fd(p.pid(), w, id, true, i, c.endUs(), null, 0, 0)));
        simOpen.add(r);
        simOpen.add(w);
        pipeCalls.add(key(p.pid(), c.line()));
      }
      case "dup2", "dup3" -> {
        int from = (int) Args.parseLong(c.arg(0), -1);
        int to = (int) Args.parseLong(c.arg(1), -1);
        Fd o = table.get(from);
        if (o == null) {
          Fd gone = table.remove(to);
          if (gone != null) { // replaced by a descriptor the replay does not have: close it
            add(new Close(p.pid(), i, c.timeUs(), to, "replaced by " + Code.brief(c) + " (line "
                + c.line() + "), which the replay does not make: the descriptor is not a pipe"));
          }
          return;
        }
        o.use(i, c.endUs());
        table.remove(to); // dup2 closes what was there (dup2(2))
        table.put(to, made(new Fd(p.pid(), to, o.pipe, o.write, i, c.endUs(), null, 0, 0)));
        simOpen.add(to);
        pipeCalls.add(key(p.pid(), c.line()));
      }
      case "close" -> {
        Fd f = table.remove((int) Args.parseLong(c.arg(0), -1));
        if (f != null) {
          simOpen.remove(f.fd);
          pipeCalls.add(key(p.pid(), c.line()));
        }
      }
      case "read", "write", "readv", "writev" -> {
        Fd f = table.get((int) Args.parseLong(c.arg(0), -1));
        if (f != null) {
          f.use(i, c.endUs());
          pipeCalls.add(key(p.pid(), c.line()));
        }
      }
      default -> fork(p, c, i, table);
    }
  }

  private void fork(TracedProcess p, Call c, int i, Map<Integer, Fd> table) {
    int child = Clones.child(c);
    if (child <= 0 || Clones.isThread(c) || tree.get(child) == null) {
      return;
    }
    List<Fd> kid = new ArrayList<>();
    long start = tree.get(child).startUs();
    for (Fd f : table.values()) {
      kid.add(new Fd(child, f.fd, f.pipe, f.write, -1, start, f, i, c.endUs()));
    }
    inherited.put(child, kid);
  }

  private static void unseenClose(Fd f, Set<Integer> simOpen) {
    if (f != null) {
      f.openAtEnd = true; // its close is not in the log: rule 1 places it
      simOpen.remove(f.fd);
    }
  }

  private Fd made(Fd f) {
    f.used = true;
    all.add(f);
    return f;
  }

  /**
   * A fork hands a descriptor on; it counts as a use of the parent's only if the child (or a
   * descendant it hands it to) uses it — else the parent may have closed it before that fork,
   * as bash closes a pipeline's write end before forking the reader. A standard descriptor
   * (0-2) is used by the program's own untraced stdio.
   */
  private void propagateUses() {
    for (int k = all.size() - 1; k >= 0; k--) { // children after parents: walk back up
      Fd f = all.get(k);
      if ((f.used || f.fd <= 2) && f.origin != null) {
        f.origin.handedOn(f.originFork, f.originForkUs);
        f.origin.used = true;
      }
    }
  }

  private static int[] lowestFree(Set<Integer> open) {
    int[] out = new int[2];
    int n = 0;
    for (int fd = 0; n < 2; fd++) {
      if (!open.contains(fd)) {
        out[n++] = fd;
      }
    }
    return out;
  }

  private static String strip(String s) {
    String t = s.trim();
    int eq = t.indexOf(" => ");
    if (eq >= 0) {
      t = t.substring(0, eq);
    }
    return t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
  }

  private void add(Close c) {
    closes.computeIfAbsent(c.pid(), k -> new ArrayList<>()).add(c);
  }

  /**
   * Rule 1: a descriptor above 2 that is not used again is closed after its last use; a fork
   * copy of one closed before that fork does not exist (nor do its own copies).
   */
  private void closeUnused() {
    for (Fd f : all) {
      if (f.origin != null && (f.origin.dropped || (f.origin.closed
          && f.origin.lastUse < f.originFork))) {
        f.dropped = true;
        continue;
      }
      if (f.fd > 2 && f.openAtEnd) {
        f.closed = true;
        add(new Close(f.pid, f.lastUse, f.lastUseUs, f.fd, "not used again: closed after its "
            + "last use (the log does not trace close; a shell closes a pipeline's unused ends)"));
      }
    }
  }

  /** Rule 2: an EPIPE write proves every read end of its pipe was closed when it ran. */
  private void closeBeforeEpipe() {
    for (TracedProcess p : tree.processes()) {
      for (StraceEvent e : p.events()) {
        if (e instanceof Call c && "EPIPE".equals(c.result().errno())
            && onPipe(p.pid(), c.line())) {
          int pipe = pipeOf(p, c);
          if (pipe > 0) {
            closeReadEnds(pipe, c, lastGoodWriteUs(pipe, c.timeUs()));
          }
        }
      }
    }
  }

  private int pipeOf(TracedProcess writer, Call c) {
    int fd = (int) Args.parseLong(c.arg(0), -1);
    for (Fd f : all) {
      if (f.pid == writer.pid() && f.fd == fd && f.write && !f.dropped) {
        return f.pipe;
      }
    }
    return 0;
  }

  /** When the last write to {@code pipe} that succeeded before {@code beforeUs} returned. */
  private long lastGoodWriteUs(int pipe, long beforeUs) {
    long last = Long.MIN_VALUE;
    for (TracedProcess p : tree.processes()) {
      for (StraceEvent e : p.events()) {
        if (e instanceof Call c && c.name().startsWith("write") && c.succeeded()
            && c.endUs() <= beforeUs && onPipe(p.pid(), c.line())) {
          last = Math.max(last, c.endUs());
        }
      }
    }
    return last;
  }

  private void closeReadEnds(int pipe, Call failed, long goodUs) {
    long until = failed.timeUs();
    for (Fd f : all) {
      if (f.pipe != pipe || f.write || f.closed || f.dropped || !f.openAtEnd) {
        continue;
      }
      TracedProcess holder = tree.get(f.pid);
      List<StraceEvent> ev = holder.events();
      long from = Math.max(f.lastUseUs, goodUs == Long.MIN_VALUE ? f.lastUseUs : goodUs);
      long t = from + Math.max(0, until - from) / 2;
      int after = f.lastUse;
      for (int i = Math.max(0, f.lastUse + 1); i < ev.size() && ev.get(i).timeUs() <= t; i++) {
        after = i;
      }
      f.closed = true;
      add(new Close(f.pid, after, t, f.fd, "the read end must be closed by then: "
          + Code.brief(failed) + " (line " + failed.line() + ") failed with EPIPE"));
    }
  }
}

package io.simkernel.traces.strace;

import io.simkernel.api.Signals;
import io.simkernel.traces.strace.StraceEvent.Call;
import io.simkernel.traces.strace.StraceEvent.Delivery;
import io.simkernel.traces.strace.StraceEvent.Exit;
import io.simkernel.traces.strace.StraceEvent.GroupStop;
import io.simkernel.traces.strace.TracedProcess.Clones;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Writes one process's code: its calls in the recorded order, the recorded gaps between them as
 * {@code compute} or {@code sleep}, forks as {@code fork; jz r0, pPID} (the child's own code
 * follows in the same program, since a fork child runs its parent's image: FK-2), a successful
 * execve as the switch to the program of the new image (EX-1), and how it ended.
 *
 * <p>Code flows in <em>frames</em>: the main flow, and one frame per handler invocation that the
 * log shows ({@code --- SIGX ---} with a handler installed, up to {@code rt_sigreturn}), whose
 * calls become that delivery's body in the handler ({@link ProgramText}). Each frame keeps its own
 * clock, so the main flow's gap across a handler run is the whole recorded time.
 *
 * <p>A run of consecutive rt_sigprocmask calls (bash brackets almost everything with them)
 * becomes one instruction with its net effect, or none when they cancel out: only the mask at
 * the next call that matters can change what happens.
 */
final class ProcessEmitter {
  private static final String RESTARTED = "interrupted calls the kernel restarts by itself "
      + "(ERESTART*: the simulator restarts them too)";

  /** What an execve of a small image costs in the simulator (CostModel.execBaseNs), in us. */
  private static final long EXEC_US =
      io.simkernel.kernel.sched.CostModel.LINUX_X86_64.execBaseNs() / 1000;

  private final ImportContext ctx;
  private final CallTranslator calls;
  private final Deaths deaths;

  ProcessEmitter(ImportContext ctx) {
    this.ctx = ctx;
    this.calls = new CallTranslator(ctx);
    this.deaths = new Deaths(ctx.tree(), ctx.descriptors());
  }

  /** A flow of code and where its clock stands; a pending rt_sigprocmask run. */
  private static final class Frame {
    final List<String> out;
    final ProgramText.Body body;
    long clock;
    Call runFirst;
    Call runLast;
    int runCount;
    long runFrom;
    long runTo;

    Frame(List<String> out, ProgramText.Body body, long clock) {
      this.out = out;
      this.body = body;
      this.clock = clock;
    }
  }

  /** One process being written. */
  private static final class State {
    final TracedProcess p;
    ProgramText program;
    final Deque<Frame> frames = new ArrayDeque<>();
    final List<TracedProcess> kids = new ArrayList<>();
    final List<ProgramText> kidPrograms = new ArrayList<>();
    boolean exited;
    boolean handlers;
    List<Descriptors.Close> closes = List.of();
    int nextClose;

    State(TracedProcess p, ProgramText program) {
      this.p = p;
      this.program = program;
    }

    Frame top() {
      return frames.peek();
    }
  }

  /**
   * Writes {@code p} into {@code program} under {@code label}, then its children. For the root,
   * {@code skipFirst} drops its first event, the execve that {@code run} stands for.
   */
  void emit(TracedProcess p, ProgramText program, String label, String about, boolean skipFirst) {
    State s = new State(p, program);
    if (!program.text().isEmpty()) {
      program.text().add("");
    }
    program.text().add(Code.label(label, about));
    s.frames.push(new Frame(program.text(), null, p.startUs()));
    s.closes = ctx.descriptors().closesOf(p.pid());
    List<StraceEvent> events = p.events();
    for (int i = skipFirst ? 1 : 0; i < events.size(); i++) {
      closes(s, i);
      StraceEvent e = events.get(i);
      Dispositions.Info info = ctx.dispositions().at(e.line());
      s.handlers = info != null && info.handlersBefore();
      if (e instanceof Call c) {
        if (c.result().interrupted() && restartedLater(events, i)) {
          ctx.omit(RESTARTED, c.name());
          continue;
        }
        call(s, c);
      } else if (e instanceof Delivery d) {
        delivery(s, d, info);
      } else if (e instanceof GroupStop g) {
        s.top().out.add(Code.comment("line " + g.line() + ": --- stopped by " + g.signal()
            + " --- (a group stop)"));
      }
    }
    end(s);
    for (int k = 0; k < s.kids.size(); k++) {
      TracedProcess kid = s.kids.get(k);
      emit(kid, s.kidPrograms.get(k), "p" + kid.pid(), kid.pid() + " (sim "
          + ctx.pids().sim(kid.pid()) + "): " + (kid.vforked() ? "vforked" : "forked") + " by "
          + p.pid() + " at line " + kid.creation().line(), false);
    }
  }

  /**
   * The closes of pipe descriptors the log does not show ({@link Descriptors}: unused ends,
   * read ends an EPIPE proves closed) that come before event {@code i}, at their times.
   */
  private void closes(State s, int i) {
    while (s.nextClose < s.closes.size() && s.closes.get(s.nextClose).after() < i) {
      Descriptors.Close c = s.closes.get(s.nextClose++);
      Frame f = s.top();
      flush(s, f);
      gap(s, f, c.timeUs());
      f.out.add(Code.line("close " + c.fd(), "not in the log: " + c.why()));
    }
  }

  /** After a handler returns, does the process make the same call again (a restart)? */
  private static boolean restartedLater(List<StraceEvent> events, int i) {
    String name = ((Call) events.get(i)).name();
    int depth = 0;
    for (int j = i + 1; j < events.size(); j++) {
      StraceEvent e = events.get(j);
      if (e instanceof Delivery) {
        depth++;
      } else if (e instanceof Call c) {
        if (c.name().equals("rt_sigreturn")) {
          depth = Math.max(0, depth - 1);
        } else if (depth == 0) {
          return c.name().equals(name) || c.name().equals("restart_syscall");
        }
      }
    }
    return false;
  }

  private void call(State s, Call c) {
    switch (c.name()) {
      case "rt_sigreturn", "sigreturn" -> sigreturn(s, c);
      case "clone", "clone2", "clone3", "fork", "vfork" -> fork(s, c);
      case "execve", "execveat" -> exec(s, c);
      case "exit_group", "exit" -> {
        if (c.name().equals("exit") && c.tid() != s.p.pid()) {
          ctx.omit(CallTranslator.OTHER, "exit (of a thread)"); // the group goes on
          return;
        }
        lastWrites(s);
        put(s, c, List.of(Code.line("exit  " + Args.parseLong(c.arg(0), 0), Code.cite(c))));
        s.exited = true;
      }
      case "rt_sigprocmask", "sigprocmask" -> procmask(s, c);
      case "getrusage" -> getrusage(s, c);
      default -> {
        List<String> code = calls.translate(c, s.p, s.program);
        if (!code.isEmpty()) {
          put(s, c, code);
        }
      }
    }
  }

  /**
   * A getrusage: first the memory writes behind the faults it counts ({@link MemoryWork}), at
   * the start of the gap before it — the simulated faults take time, which the gap then has
   * less of — then the call and the report of what it returned.
   */
  private void getrusage(State s, Call c) {
    List<String> work = ctx.memory().before(s.p.pid(), c.line());
    List<String> code = calls.translate(c, s.p, s.program);
    if (code.isEmpty()) {
      return;
    }
    if (!work.isEmpty()) {
      Frame f = s.top();
      flush(s, f);
      f.out.addAll(work);
      f.clock += MemoryWork.costUs(work);
    }
    List<String> all = new ArrayList<>(code);
    if (!c.result().unknown() && Args.struct(c.arg(1)).containsKey("ru_minflt")) {
      all.addAll(MemoryWork.after(c));
    }
    put(s, c, all);
  }

  /** A process's last memory writes, before it exits ({@link MemoryWork#atEnd}). */
  private void lastWrites(State s) {
    List<String> work = ctx.memory().atEnd(s.p.pid());
    if (!work.isEmpty()) {
      Frame f = s.top();
      flush(s, f);
      f.out.addAll(work);
      f.clock += MemoryWork.costUs(work);
    }
  }

  /** Emits code for a call at its recorded time: the pending mask run, the gap, the code. */
  private void put(State s, Call c, List<String> code) {
    Frame f = s.top();
    flush(s, f);
    gap(s, f, c.timeUs());
    f.out.addAll(code);
    if (f.body != null) {
      f.body.calls = true;
    }
    f.clock = Math.max(f.clock, c.endUs());
  }

  /** The time between the frame's clock and {@code until}: compute, sleep or nap. */
  private void gap(State s, Frame f, long until) {
    long g = until - f.clock;
    if (g > 0) {
      time(s, f, g);
      f.clock = until;
    }
  }

  private void time(State s, Frame f, long us) {
    if (us < ctx.options().computeBelowUs()) {
      f.out.add(Code.line("compute " + Code.duration(us), null));
    } else if (s.handlers) {
      s.program.useNap();
      f.out.add(Code.line("mov   r12, " + Code.duration(us), "a handler may cut a plain sleep "
          + "short"));
      f.out.add(Code.line("call  nap", null));
    } else {
      f.out.add(Code.line("sleep " + Code.duration(us), null));
    }
  }

  private void fork(State s, Call c) {
    int child = Clones.child(c);
    Frame f = s.top();
    if (child <= 0 || Clones.isThread(c)) {
      flush(s, f);
      f.out.add(Code.comment(Code.cite(c) + (child <= 0 ? ": failed, nothing to replay"
          : ": a thread, folded into this process")));
      return;
    }
    TracedProcess kid = ctx.tree().get(child);
    String insn = kid.vforked() ? "vfork" : "fork";
    put(s, c, List.of(Code.line(insn, Code.cite(c) + " (sim " + ctx.pids().sim(child) + ")"),
        Code.line("jz    r0, p" + child, "the child goes on at p" + child)));
    s.kids.add(kid);
    s.kidPrograms.add(s.program);
  }

  private void exec(State s, Call c) {
    String path = Images.path(c);
    List<String> argv = Images.argv(c);
    StringBuilder args = new StringBuilder();
    for (int i = 1; i < argv.size(); i++) {
      args.append(", ").append(Code.string(argv.get(i)));
    }
    if (path == null) {
      put(s, c, List.of(Code.comment(Code.cite(c) + ": the path is not in the log")));
      return;
    }
    if (!c.succeeded()) {
      String errno = c.result().errno();
      String why = "";
      if (!"ENOENT".equals(errno)) {
        why = "; the simulator has no permission bits or file formats: ENOENT here";
        ctx.approximate(Code.cite(c) + ": replayed as an execve that fails with ENOENT");
      }
      put(s, c, List.of(Code.line("execve " + Code.string(path) + args, Code.cite(c) + why)));
      return;
    }
    ProgramText next = ctx.newProgram(s.p, path, false);
    put(s, c, List.of(Code.line("execve " + Code.string(next.path()) + args, Code.cite(c))));
    next.about().add("the image " + path + " as exec'd by " + s.p.pid() + " at line " + c.line()
        + ": " + String.join(" ", argv));
    s.program = next;
    s.frames.clear();
    // the new image's clock starts when the simulated execve returns, not when the real one
    // did: an exec's cost differs between the two by up to a few hundred us (the capture's
    // 205 us for head and 366 us for yes against the simulator's 300 us), and a process that
    // exec'd must meet the others at their recorded times (pipeline-sigpipe: head closes its
    // stdin before yes's last write)
    s.frames.push(new Frame(next.text(), null, c.timeUs() + EXEC_US));
    next.text().add(Code.label("main", s.p.pid() + " (sim " + ctx.pids().sim(s.p.pid())
        + ") after its execve"));
  }

  private void procmask(State s, Call c) {
    Dispositions.Info info = ctx.dispositions().at(c.line());
    Frame f = s.top();
    if (!c.succeeded() || info == null || !info.changes()) {
      ctx.omit(CallTranslator.NO_EFFECT, c.name());
      return;
    }
    if (f.runFirst == null) {
      f.runFirst = c;
      f.runFrom = info.maskBefore();
    }
    f.runLast = c;
    f.runCount++;
    f.runTo = info.maskAfter();
  }

  /** Emits the pending rt_sigprocmask run: its net effect, at the time of its last call. */
  private void flush(State s, Frame f) {
    if (f.runFirst == null) {
      return;
    }
    Call first = f.runFirst;
    Call last = f.runLast;
    int count = f.runCount;
    f.runFirst = null;
    f.runLast = null;
    f.runCount = 0;
    if (f.runTo == f.runFrom) {
      for (int i = 0; i < count; i++) {
        ctx.omit(CallTranslator.NO_EFFECT, last.name());
      }
      return;
    }
    String code;
    if (count == 1) {
      long set = Args.sigset(last.arg(1));
      code = Code.line("sigprocmask " + last.arg(0) + ", " + Code.sigset(set), Code.cite(last));
    } else {
      for (int i = 1; i < count; i++) {
        ctx.omit(CallTranslator.NO_EFFECT, last.name());
      }
      code = Code.line("sigprocmask SIG_SETMASK, " + Code.sigset(f.runTo), "lines "
          + first.line() + "-" + last.endLine() + ": " + count + " " + last.name()
          + " calls, net effect");
    }
    gap(s, f, last.timeUs());
    f.out.add(code);
    if (f.body != null) {
      f.body.calls = true;
    }
    f.clock = Math.max(f.clock, last.endUs());
  }

  private void sigreturn(State s, Call c) {
    if (s.frames.size() <= 1) {
      ctx.omit(CallTranslator.NO_EFFECT, c.name() + " (no handler frame)");
      return;
    }
    Frame f = s.top();
    flush(s, f);
    gap(s, f, c.timeUs());
    f.out.add(Code.line("ret", Code.cite(c)));
    s.frames.pop();
  }

  private void delivery(State s, Delivery d, Dispositions.Info info) {
    Frame f = s.top();
    flush(s, f);
    String what = "line " + d.line() + ": --- " + d.signal() + " " + siginfo(d) + " ---";
    if (info != null && info.disposition().equals("handler")) {
      f.out.add(Code.comment(what + ": runs " + ProgramText.handlerLabel(info.handler())));
      ProgramText.Body b = s.program.newBody(info.handler(), s.p.pid(), what);
      s.frames.push(new Frame(b.lines, b, d.timeUs()));
      return;
    }
    if (info != null && info.ignored()) {
      f.out.add(Code.comment(what + ": ignored (" + info.disposition() + "); only a traced "
          + "process sees it (ptrace artifact)"));
      return;
    }
    String action = Signals.isValid(d.signo())
        ? Signals.defaultAction(d.signo()).name().toLowerCase(Locale.ROOT) : "?";
    f.out.add(Code.comment(what + ": default action (" + action + ")"));
  }

  private static String siginfo(Delivery d) {
    List<String> parts = new ArrayList<>();
    for (String k : new String[] {"si_code", "si_pid", "si_status"}) {
      if (d.info().containsKey(k)) {
        parts.add(k + "=" + d.info().get(k));
      }
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private void end(State s) {
    Exit x = s.p.end();
    if (!s.exited) {
      closes(s, Integer.MAX_VALUE);
      if (x.kind() == Exit.Kind.EXITED) {
        lastWrites(s);
      }
    }
    Frame f = s.top();
    flush(s, f);
    String what = "line " + x.line() + ": +++ " + x.describe() + " +++";
    switch (x.kind()) {
      case EXITED -> {
        if (!s.exited) {
          gap(s, f, x.timeUs());
          f.out.add(Code.line("exit  " + x.code(), what + " (no exit call in the log)"));
        }
      }
      case SUPERSEDED -> f.out.add(Code.line("exit  0", what + " (not modelled)"));
      default -> killed(s, f, x, what);
    }
  }

  private void killed(State s, Frame f, Exit x, String what) {
    Deaths.Cause cause = deaths.cause(s.p);
    if (cause.replayable()) {
      f.out.add(Code.comment(what + ": the signal comes from " + cause.description()));
      long wait = Math.max(0, x.timeUs() - f.clock) + ctx.options().slackUs();
      time(s, f, wait);
      f.out.add(Code.line("exit  0", "reached only if that signal never comes"));
      return;
    }
    gap(s, f, x.timeUs());
    f.out.add(Code.line("exit  " + (128 + Math.max(0, x.signo())), "stands in for " + what
        + ": cannot be replayed (" + cause.feature() + "), see the header"));
    ctx.unreplayable(new Unreplayable(s.p.pid(), x.signo(), x.line(), cause.description(),
        cause.feature()));
  }
}

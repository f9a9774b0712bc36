package io.simkernel.bench;

import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.Scenario;
import io.simkernel.kernel.Kernel;
import io.simkernel.kernel.KernelOptions;
import io.simkernel.kernel.asm.ScenarioParser;
import io.simkernel.kernel.clock.EventQueue;
import io.simkernel.kernel.clock.TimeHeap;
import java.io.OutputStream;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The event queues on a real kernel's event sequence, not only the hold model (issue 9): a
 * scenario of {@code children} processes that sleep (1 to 997 ms, by PID), signal their parent and exit, while the
 * parent waits for them all (fork / nanosleep / kill / exit / wait on 2 CPUs) is run once with
 * the kernel's queue recording every push (its time) and pop; each benchmark operation replays
 * that whole sequence through one structure: the kernel's {@link EventQueue}, the 4-ary {@link
 * TimeHeap} it replaced, {@code
 * java.util.PriorityQueue} of (time, seq) objects, and SSJ's SplayTree and Henriksen lists.
 * Event objects are recycled through a free stack, so no structure allocates per event.
 *
 * <p>Reported as time per replay; the setup prints the number of queue operations and the
 * largest number of pending events, so ns per operation = score / operations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RecordedQueueBench {
  @Param({"1000", "10000"})
  public int children;

  private long[] ops;
  private int maxPending;

  static String scenarioText(int children) {
    return """
        kernel cpus=2
        program /bin/mix
        text
        main:
          signal SIGUSR1, handler
          mov r8, %d
        spawn:
          fork
          jz r0, child
          sub r8, 1
          jnz r8, spawn
          mov r8, %d
        reap:
          wait
          sub r8, 1
          jnz r8, reap
          exit 0
        child:
          getpid
          mov r9, r0
          mod r9, 997
          add r9, 1
          mul r9, 1000000
          mov r10, 20
        again:
          nanosleep r9
          getppid
          kill r0, SIGUSR1
          sub r10, 1
          jnz r10, again
          exit 0
        handler:
          ret
        end
        run /bin/mix
        """.formatted(children, children);
  }

  /** Runs the scenario once, recording its queue's operations (-1 = pop). */
  static long[] record(int children) {
    Scenario s = ScenarioParser.parse("mix.sks", scenarioText(children));
    Kernel k = Kernel.boot(s, KernelOptions.of(OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream()));
    LongArrayList log = new LongArrayList();
    k.queue().record(log);
    RunResult r = k.run();
    if (r.reason() != StopReason.COMPLETED || r.shellStatus() != 0) {
      throw new IllegalStateException("recording run failed: " + r.reason() + " " + r.detail());
    }
    return log.toArray();
  }

  @Setup(Level.Trial)
  public void setUp() {
    ops = record(children);
    int pending = 0;
    long pops = 0;
    for (long op : ops) {
      pending += op < 0 ? -1 : 1;
      pops += op < 0 ? 1 : 0;
      maxPending = Math.max(maxPending, pending);
    }
    System.out.printf("%nrecorded: %d queue operations (%d pushes, %d pops), at most %d pending%n",
        ops.length, ops.length - pops, pops, maxPending);
  }

  @Benchmark
  public long eventQueue() {
    EventQueue q = new EventQueue(EventQueue.Mode.INSERTION, 0, 256);
    long sum = 0;
    for (long op : ops) {
      if (op >= 0) {
        q.push(op, sum);
      } else {
        sum += q.peekTime();
        q.pop();
      }
    }
    return sum;
  }

  /** The 4-ary primitive heap that was the kernel's queue before the radix heap. */
  @Benchmark
  public long timeHeap() {
    TimeHeap q = new TimeHeap(256);
    long seq = 0;
    long sum = 0;
    for (long op : ops) {
      if (op >= 0) {
        q.push(op, seq++, sum);
      } else {
        sum += q.peekTime();
        q.pop();
      }
    }
    return sum;
  }

  @Benchmark
  public long priorityQueue() {
    PriorityQueue<HoldBench.Ev> q = new PriorityQueue<>();
    HoldBench.Ev[] free = new HoldBench.Ev[maxPending + 1];
    int nFree = 0;
    long seq = 0;
    long sum = 0;
    for (long op : ops) {
      if (op >= 0) {
        HoldBench.Ev e = nFree > 0 ? free[--nFree] : new HoldBench.Ev();
        e.time = op;
        e.seq = seq++;
        q.add(e);
      } else {
        HoldBench.Ev e = q.poll();
        sum += e.time;
        free[nFree++] = e;
      }
    }
    return sum;
  }

  @Benchmark
  public double ssjSplayTree() {
    return ssj(new SplayTree());
  }

  @Benchmark
  public double ssjHenriksen() {
    return ssj(new Henriksen());
  }

  private double ssj(EventList q) {
    HoldBench.SsjEv[] free = new HoldBench.SsjEv[maxPending + 1];
    int nFree = 0;
    double sum = 0;
    for (long op : ops) {
      if (op >= 0) {
        HoldBench.SsjEv e = nFree > 0 ? free[--nFree] : new HoldBench.SsjEv();
        e.moveTo(op);
        q.add(e);
      } else {
        HoldBench.SsjEv e = (HoldBench.SsjEv) q.removeFirst();
        sum += e.time();
        free[nFree++] = e;
      }
    }
    return sum;
  }
}

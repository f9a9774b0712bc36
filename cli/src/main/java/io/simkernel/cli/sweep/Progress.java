package io.simkernel.cli.sweep;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The sweep's progress bar on standard error: runs done of the total, the rate in runs per
 * second and the time left, from the {@code me.tongfei:progressbar} library (which redraws it
 * in place on a terminal and measures its width). Runs a resumed sweep reuses count as done
 * from the start but not in the rate, so the ETA is that of the work left.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar for {@code total} runs of which {@code done} are already done; null stream: none. */
  static Progress start(String task, long total, long done, PrintStream err) {
    if (err == null) {
      return new Progress(null);
    }
    ProgressBar b = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .startsFrom(done, Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" runs", 1)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(err))
        .build();
    return new Progress(b);
  }

  void step() {
    if (bar != null) {
      bar.step();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

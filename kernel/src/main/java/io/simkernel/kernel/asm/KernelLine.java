package io.simkernel.kernel.asm;

import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.kernel.asm.Token.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code kernel key=value ...} line. Values are read as bare words (so {@code init=/bin/x} and
 * {@code seed=-0x10} need no quoting) and checked here, with the option's range in the message,
 * because a value the kernel cannot honour must stop the run before it starts, not part-way.
 */
final class KernelLine {
  private static final long MIN_MEMORY = 4096;

  private final Lexer lx;
  private KernelConfig config;
  private Token initAt;

  KernelLine(Lexer lx, KernelConfig base) {
    this.lx = lx;
    this.config = base;
  }

  /** The configuration after the line. */
  KernelConfig config() {
    return config;
  }

  /** Where {@code init=} was given, or null. */
  Token initAt() {
    return initAt;
  }

  /** Reads from the {@code kernel} keyword to the end of the line (the newline is left). */
  void parse() {
    lx.next();
    Map<String, Token> seen = new LinkedHashMap<>();
    while (true) {
      Token t = lx.peek();
      if (t.isEol()) {
        return;
      }
      if (!t.is(Type.IDENT)) {
        throw lx.unexpected(t, "a kernel option such as cpus=2");
      }
      lx.next();
      String key = t.text();
      if (!KernelConfig.OPTIONS.containsKey(key)) {
        throw lx.error(t, "unknown kernel option `" + key + "`; expected one of "
            + String.join(", ", KernelConfig.OPTIONS.keySet())
            + Suggestions.hint(key, KernelConfig.OPTIONS.keySet()));
      }
      if (seen.containsKey(key)) {
        throw lx.error(t, "kernel option `" + key + "` is given twice (first at column "
            + seen.get(key).column() + "); expected each option once");
      }
      seen.put(key, t);
      Token eq = lx.next();
      if (!eq.isPunct("=")) {
        throw lx.unexpected(eq, "`=` and a value after `" + key + "`, as in " + example(key));
      }
      Token v = lx.word();
      if (v.isEol()) {
        throw lx.error(v, "missing value for kernel option `" + key + "`; expected "
            + example(key));
      }
      if (v.is(Type.ERROR)) {
        throw lx.error(v, v.value());
      }
      apply(key, v, v.is(Type.STRING) ? v.value() : v.text());
    }
  }

  private void apply(String key, Token v, String raw) {
    long parsed = switch (key) {
      case "cpus" -> integer(key, v, raw, 1, 256);
      case "timeslice", "time_limit" -> duration(key, v, raw);
      case "seed" -> integer(key, v, raw, Long.MIN_VALUE, Long.MAX_VALUE);
      case "memory" -> size(key, v, raw, MIN_MEMORY);
      case "pid_max" -> integer(key, v, raw, 301, 4_194_304); // posix-semantics PID-2
      case "nproc" -> unlimited(raw) ? KernelConfig.UNLIMITED
          : integer(key, v, raw, 0, Long.MAX_VALUE);
      case "events_max", "insns_max" -> unlimited(raw) ? KernelConfig.UNLIMITED
          : integer(key, v, raw, 1, Long.MAX_VALUE);
      case "init" -> initPath(v, raw);
      case "tiebreak" -> choice(key, v, raw, List.of("insertion", "random"));
      case "fork" -> choice(key, v, raw, List.of("classic", "ondemand"));
      case "mp_bootstrap_check" -> choice(key, v, raw, List.of("off", "on")); // on = 1
      case "core" -> unlimited(raw) ? KernelConfig.UNLIMITED : size(key, v, raw, 0);
      default -> 0; // an option added to KernelConfig.OPTIONS later: kept as text
    };
    // subsystems read `core` as text: give them the number, not the spelling
    String value = key.equals("core") ? (parsed < 0 ? "unlimited" : Long.toString(parsed)) : raw;
    config = config.with(key, value, parsed);
  }

  private static boolean unlimited(String raw) {
    return raw.equals("unlimited");
  }

  private long integer(String key, Token v, String raw, long min, long max) {
    Literals.Num n = Literals.parse(lx, v, raw, false);
    if (n.dim() != Literals.Dim.INTEGER) {
      throw lx.error(v, "`" + raw + "` is a " + n.dim().name().toLowerCase(Locale.ROOT)
          + "; expected " + example(key));
    }
    if (n.value() < min || n.value() > max) {
      throw lx.error(v, "`" + key + "=" + raw + "` is out of range; expected " + example(key));
    }
    return n.value();
  }

  private long duration(String key, Token v, String raw) {
    Literals.Num n = Literals.parse(lx, v, raw, false);
    if (n.dim() != Literals.Dim.DURATION || n.value() <= 0) {
      throw lx.error(v, "`" + key + "=" + raw + "` is not a positive duration; expected "
          + example(key));
    }
    return n.value();
  }

  private long size(String key, Token v, String raw, long min) {
    Literals.Num n = Literals.parse(lx, v, raw, false);
    if (n.dim() == Literals.Dim.DURATION || n.value() < min) {
      throw lx.error(v, "`" + key + "=" + raw + "` is not a valid size; expected "
          + example(key));
    }
    return n.value();
  }

  private long initPath(Token v, String raw) {
    if (!raw.startsWith("/")) {
      throw lx.error(v, "`" + raw + "` is not an absolute path; expected init=/bin/name, a"
          + " program of this file");
    }
    initAt = v;
    return 0;
  }

  /** The index of the word among {@code words}. */
  private long choice(String key, Token v, String raw, List<String> words) {
    int i = words.indexOf(raw);
    if (i < 0) {
      throw lx.error(v, "`" + key + "=" + raw + "` is not a valid choice; expected "
          + example(key) + Suggestions.hint(raw, words));
    }
    return i;
  }

  /** What a valid setting looks like, for messages. */
  private static String example(String key) {
    return switch (key) {
      case "cpus" -> "cpus=N with N from 1 to 256";
      case "timeslice" -> "a duration greater than 0, as in timeslice=4ms";
      case "time_limit" -> "a duration greater than 0, as in time_limit=10s";
      case "seed" -> "an integer, as in seed=42, seed=-1 or seed=0x2a";
      case "memory" -> "a size of at least 4KiB, as in memory=1GiB";
      case "pid_max" -> "pid_max=N with N from 301 to 4194304";
      case "nproc" -> "an integer of 0 or more, or unlimited, as in nproc=4096";
      case "events_max", "insns_max" -> "a positive integer or unlimited, as in " + key
          + "=1000000";
      case "init" -> "init=/bin/name, a program of this file";
      case "tiebreak" -> "tiebreak=insertion or tiebreak=random";
      case "fork" -> "fork=classic or fork=ondemand";
      case "mp_bootstrap_check" -> "mp_bootstrap_check=on or mp_bootstrap_check=off";
      case "core" -> "a size or unlimited, as in core=0 or core=unlimited";
      default -> key + "=VALUE";
    };
  }
}

package io.simkernel.traces.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Opening trace files: a writer's encoding follows the file name ({@code .sktrace}: binary;
 * anything else, {@code .jsonl} by convention: JSON Lines), a reader's follows the content (the
 * binary magic number, or a JSON object), so a renamed trace still reads.
 */
public final class TraceFiles {
  /** The two encodings of a trace. */
  public enum Encoding {
    JSONL(".jsonl"),
    BINARY(".sktrace");

    private final String extension;

    Encoding(String extension) {
      this.extension = extension;
    }

    /** The conventional file extension, with its dot. */
    public String extension() {
      return extension;
    }
  }

  private TraceFiles() {}

  /** The encoding a trace written to {@code file} gets: binary for {@code .sktrace}. */
  public static Encoding encodingFor(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(Encoding.BINARY.extension()) ? Encoding.BINARY : Encoding.JSONL;
  }

  /** A writer of {@code file} in the encoding its name asks for (atomic: see TraceWriter). */
  public static TraceWriter create(Path file, TraceHeader header) throws IOException {
    return encodingFor(file) == Encoding.BINARY ? BinaryTraceWriter.toFile(file, header)
        : JsonlTraceWriter.toFile(file, header);
  }

  /**
   * A new empty file beside {@code target} to write it into before renaming it over {@code
   * target}: hidden ({@code .NAME.*.partial}), in the same directory (so the rename is atomic),
   * readable by all like a file created the ordinary way (a temporary file is owner-only).
   */
  public static Path createPartial(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path partial = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the temporary file's default access is already the user's ordinary one
    }
    return partial;
  }

  /**
   * A reader of {@code file}, whichever its encoding; the header is read at once. Throws
   * {@link TraceFormatException} for a file that is neither encoding (or is empty), and the
   * usual {@link java.nio.file.NoSuchFileException} for a missing one.
   */
  public static TraceReader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      return open(in, file.toString());
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** A reader of a stream that supports mark/reset; {@code name} names it in errors. */
  public static TraceReader open(InputStream in, String name) throws IOException {
    in.mark(1);
    int first = in.read();
    in.reset();
    if (first == (BinaryFormat.MAGIC[0] & 0xFF)) {
      return new BinaryTraceReader(in, name);
    }
    if (first == '{' || first == ' ' || first == '\n' || first == '\r' || first == '\t') {
      return new JsonlTraceReader(in, name);
    }
    if (first < 0) {
      throw TraceFormatException.truncated(name, "1", "the file is empty");
    }
    throw TraceFormatException.at(name, "1", "not a simkernel trace: neither JSON Lines (a"
        + " header object on the first line) nor the binary encoding (its magic number)");
  }
}

package io.simkernel.traces.format;

/**
 * Constants of the binary encoding ({@code .sktrace}); {@code docs/trace-format.md} has the
 * layout in full. In short: the magic, the format version as a varint, the header as a
 * length-prefixed JSON object, then one record per event, each a tag byte and varints, and a
 * final end record (tag 0, length-prefixed JSON). Integers are LEB128 varints; signed ones are
 * zigzag-encoded first, so small negative numbers stay small.
 */
final class BinaryFormat {
  /**
   * PNG-style: a high byte (a file mangled by a 7-bit transport or read as text fails at once),
   * the name, then CR LF (a file whose line endings were converted fails too).
   */
  static final byte[] MAGIC = {(byte) 0x89, 'S', 'K', 'T', 'R', 'C', '\r', '\n'};

  /** The first version with a binary encoding. */
  static final int FIRST_VERSION = 2;

  /** Tag byte: the end record. */
  static final int TAG_END = 0;
  /** Tag byte bits 0-4: the event kind's ordinal + 1. */
  static final int KIND_MASK = 0x1F;
  /** Tag byte bit 5: the CPU differs from the previous event's; a zigzag varint follows. */
  static final int CPU_CHANGED = 0x20;
  /** Tag byte bit 6: the event has a text: a string-table reference follows. */
  static final int HAS_TEXT = 0x40;
  /** Tag byte bit 7: reserved, always 0 (a reader rejects it, so it can mean something later). */
  static final int RESERVED = 0x80;

  /**
   * Texts repeat (command names, paths, what a process waits for), so each distinct text is
   * written once and then referred to by its index; the table stops growing at this size, after
   * which new texts are written inline every time (a bound on a reader's memory).
   */
  static final int TEXT_TABLE_MAX = 1 << 16;
  /** Longest text a reader accepts: anything longer is a corrupt length. */
  static final int TEXT_MAX_BYTES = 1 << 24;
  /** Longest header or end record a reader accepts (the header embeds the scenario's text). */
  static final int RECORD_MAX_BYTES = 1 << 30;

  private BinaryFormat() {}

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unzigzag(long n) {
    return (n >>> 1) ^ -(n & 1);
  }
}

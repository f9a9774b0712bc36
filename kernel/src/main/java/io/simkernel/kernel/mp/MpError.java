package io.simkernel.kernel.mp;

/** A Python exception raised by an {@code mp.*} call: {@code "Type: message"}. */
final class MpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MpError(String type, String message) {
    super(message.isEmpty() ? type : type + ": " + message, null, false, false);
  }

  static MpError assertion(String message) {
    return new MpError("AssertionError", message);
  }

  static MpError value(String message) {
    return new MpError("ValueError", message);
  }

  static MpError runtime(String message) {
    return new MpError("RuntimeError", message);
  }

  /** The line Python prints last in a traceback: {@code Type: message}. */
  String line() {
    return getMessage();
  }
}

package io.simkernel.api.mp;

/**
 * A Python exception raised by a multiprocessing call of the simulated main process, with
 * CPython's type and message (e.g. {@code AssertionError}, {@code "process has already
 * started"}). The failed call leaves no trace in the simulated program, as a caught exception.
 */
public final class MpException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String type;
  private final String pyMessage;

  MpException(String typeAndMessage) {
    super(typeAndMessage);
    int colon = typeAndMessage.indexOf(':');
    this.type = colon < 0 ? typeAndMessage : typeAndMessage.substring(0, colon);
    this.pyMessage = colon < 0 ? "" : typeAndMessage.substring(colon + 1).strip();
  }

  /** The Python exception type, e.g. {@code ValueError}. */
  public String type() {
    return type;
  }

  /** Its message, e.g. {@code process has already started}. */
  public String pyMessage() {
    return pyMessage;
  }
}

package io.simkernel.kernel.win;

import io.simkernel.api.Errno;

/**
 * The Win32 numbers the personality uses (winerror.h, winbase.h, createprocess-and-multiprocessing
 * A7-A11, A22-A24): error codes for {@code GetLastError}, wait results, creation flags and the
 * pseudo-handles.
 */
public final class WinCodes {
  private WinCodes() {}

  public static final long ERROR_FILE_NOT_FOUND = 2;
  public static final long ERROR_PATH_NOT_FOUND = 3;
  public static final long ERROR_ACCESS_DENIED = 5;
  public static final long ERROR_INVALID_HANDLE = 6;
  public static final long ERROR_NOT_ENOUGH_MEMORY = 8;
  public static final long ERROR_INVALID_PARAMETER = 87;
  public static final long ERROR_SIGNAL_REFUSED = 156;
  public static final long ERROR_BAD_EXE_FORMAT = 193;
  public static final long ERROR_FILENAME_EXCED_RANGE = 206;
  public static final long ERROR_NOACCESS = 998;
  public static final long ERROR_NOT_ENOUGH_QUOTA = 1816;

  public static final long WAIT_OBJECT_0 = 0;
  public static final long WAIT_TIMEOUT = 0x102;
  public static final long WAIT_FAILED = 0xFFFFFFFFL;
  public static final long INFINITE = 0xFFFFFFFFL;

  public static final long CREATE_SUSPENDED = 0x4;
  public static final long DETACHED_PROCESS = 0x8;
  public static final long CREATE_NEW_CONSOLE = 0x10;
  public static final long CREATE_NEW_PROCESS_GROUP = 0x200;
  public static final long CREATE_BREAKAWAY_FROM_JOB = 0x01000000;

  /** GetCurrentProcess() and GetCurrentThread(): pseudo-handles, valid in every process. */
  public static final long CURRENT_PROCESS = -1;
  public static final long CURRENT_THREAD = -2;
  /** SuspendThread fails beyond this count. */
  public static final int MAXIMUM_SUSPEND_COUNT = 127;
  /** The longest command line (A3: 32,768 characters with its terminating NUL). */
  public static final int COMMAND_LINE_MAX = 32_767;

  /** The loader's errno as CreateProcess reports it (A16 steps 2-4). */
  public static long ofErrno(long negatedErrno) {
    if (negatedErrno == Errno.ENOTDIR.negated()) {
      return ERROR_PATH_NOT_FOUND;
    } else if (negatedErrno == Errno.ENAMETOOLONG.negated()) {
      return ERROR_FILENAME_EXCED_RANGE;
    } else if (negatedErrno == Errno.EACCES.negated()) {
      return ERROR_ACCESS_DENIED;
    } else if (negatedErrno == Errno.ENOEXEC.negated()) {
      return ERROR_BAD_EXE_FORMAT;
    }
    return ERROR_FILE_NOT_FOUND;
  }
}

/**
 * Files, descriptors and devices shared between processes.
 *
 * <p>Owns each process's descriptor table ({@link io.simkernel.kernel.ipc.FdTable}) and the open
 * file descriptions behind it ({@link io.simkernel.kernel.ipc.OpenFile}), shared by reference
 * after fork as in Linux (FK-3: the child's descriptors refer to the same open file
 * descriptions, with their offset), files of the file system ({@code OpenFile.Kind.FILE}: an
 * inode of {@link io.simkernel.kernel.fs}, the access mode and O_APPEND, and the offset that
 * dup2 and fork share while separate opens have their own), pipes ({@link io.simkernel.kernel.ipc.Pipe}, pipe(7)), and the terminal
 * ({@link io.simkernel.kernel.ipc.Console}): the simulated machine's one console, whose fd 1 and
 * fd 2 bytes are exactly what {@code simkernel run} writes to its own stdout and stderr.
 *
 * <p>Invariants: an open file description's reference count equals the number of descriptor
 * slots, in every table, that refer to it; a pipe's reader and writer counts equal the open
 * descriptions of its ends (checked as {@code open-files}); a zombie's table is empty (its
 * files were closed at exit, ST-4). A file description tells its inode when it is created and
 * when its last descriptor closes, so that an unlinked file lives exactly while it is open
 * (checked as {@code files}).
 */
package io.simkernel.kernel.ipc;

/**
 * Executable images: mapping a {@link io.simkernel.api.program.ProgramImage} into a fresh address
 * space and starting it, as fs/binfmt_elf.c's {@code load_elf_binary} does for ELF, and execve's
 * checks, as fs/exec.c's {@code do_execveat_common} makes them.
 *
 * <p>Images are files of the machine's file system ({@link io.simkernel.kernel.fs}): {@code
 * install} places each scenario program at its path (mode 0755, owner root), and {@code lookup}
 * resolves an execve path for the caller's uid in Linux's order — the path's errors
 * (ENAMETOOLONG, ENOENT, ENOTDIR, EACCES for a directory that may not be searched), EACCES for a
 * directory or a file without execute permission, E2BIG for argv, ENOEXEC for a file that is not
 * an image (EX-9). {@code check} and {@code image} answer the same questions as root would.
 *
 * <p>Owns each image's section arrays, built once at install, so that the page cache (mm's
 * {@code PhysicalMemory.file}) finds them again: every process running an image shares its text,
 * read-only data and unwritten data frames, and a written data page is copied for the writer
 * only. Start-up layout: text read+execute, read-only data read-only, data and bss read-write
 * (data filled from the image on first touch, bss zero), a stack of {@code Layout.STACK_SIZE}
 * below {@code Layout.STACK_TOP} holding argv strings and the argv array, the exit trampoline as
 * {@code main}'s return address, {@code r0} = argc and {@code r1} = argv as in C.
 *
 * <p>exec keeps the process (PID, parent, children, group, session) and replaces its image,
 * registers and memory (EX-1, EX-5); signal dispositions are reset by the signal subsystem
 * (EX-2).
 *
 * <p>Preferred base and relocation ({@link io.simkernel.kernel.loader.ImageBase};
 * createprocess-and-multiprocessing A30, A34–A37): an image is mapped at its preferred base
 * unless that range starts below {@code vm.mmap_min_addr} or reaches the stack area; it then goes
 * to Linux's {@code ELF_ET_DYN_BASE} and the relocated copy of the image (operands holding
 * addresses, symbols and section bases moved by the delta) is what the process runs. The text is
 * mapped writable, each page holding a fixup is written — a private copy-on-write copy, as on
 * Windows — and the protection returns to read+execute. Invariant (check registry,
 * {@code image-text-shared}): every process mapping an image's text at its preferred base maps the
 * same page-cache object, so the same frames; a relocated process is exempt.
 */
package io.simkernel.kernel.loader;

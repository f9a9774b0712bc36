/**
 * Executable images: mapping a {@link io.simkernel.api.program.ProgramImage} into a fresh address
 * space and starting it, as fs/binfmt_elf.c's {@code load_elf_binary} does for ELF.
 *
 * <p>Owns the registry of installed images (the path → image map the scenario populates) and the
 * process start-up layout: read-only data mapped read-only, data and bss read-write (data filled
 * from the image on first touch, bss zero), a stack of {@code Layout.STACK_SIZE} below {@code
 * Layout.STACK_TOP} holding argv strings and the argv array, the exit trampoline as
 * {@code main}'s return address, {@code r0} = argc and {@code r1} = argv as in C.
 *
 * <p>exec keeps the process (PID, parent, children, group, session) and replaces its image,
 * registers and memory (EX-1, EX-5); signal dispositions are reset by the signal subsystem
 * (EX-2).
 */
package io.simkernel.kernel.loader;

/**
 * The assembler of the scenario language: turns a {@code .sks} file into a
 * {@link io.simkernel.api.scenario.Scenario} (a kernel configuration, the program images to
 * install, and the program to run). The language is a public contract (DESIGN.md, "The scenario
 * language"); {@code docs/scenario-language.md} is its user reference.
 *
 * <h2>What this package owns</h2>
 *
 * Only text to model. It knows nothing of how programs run: every instruction and its operand
 * signature come from {@link io.simkernel.api.program.Op}, every named constant from
 * {@link io.simkernel.api.Constants}, and images are laid out by
 * {@link io.simkernel.api.program.ProgramBuilder}, the same builder Java users call. So the
 * language cannot drift from the model: a new {@code Op} is assembled as soon as it exists.
 *
 * <ul>
 *   <li>{@link io.simkernel.kernel.asm.ScenarioParser} — the entry point and the top level;
 *   <li>{@code KernelLine} — the {@code kernel key=value ...} line and its value ranges;
 *   <li>{@code ProgramAssembler} — one {@code program PATH ... end} block;
 *   <li>{@code OperandParser} — operands, interpreted by the signature token of their position;
 *   <li>{@code Literals} — integers, sizes and durations;
 *   <li>{@code Lexer}, {@code Token} — hand-written, two modes (operands and bare words);
 *   <li>{@code Suggestions} — "did you mean" by edit distance;
 *   <li>{@link io.simkernel.kernel.asm.ScenarioException} — the one error a file can produce.
 * </ul>
 *
 * <h2>The grammar in brief</h2>
 *
 * <pre>
 * file        = { line } ;                       (* line-oriented; '#' starts a comment *)
 * line        = kernel | program | run | param | empty ;
 * kernel      = "kernel" { NAME "=" WORD } ;     (* values are bare words: init=/bin/x *)
 * program     = "program" PATH NL { body } "end" ;
 * body        = "data" | "text" | label [ insn ] | decl | insn ;
 * label       = NAME ":" ;
 * decl        = NAME ":" ( "word" const | "space" const | "string" STRING ) ;   (* in data *)
 * insn        = MNEMONIC [ operand { "," operand } ] ;
 * operand     = STRING | memory | sigset | value { "|" value } ;
 * memory      = "[" ( REG [ ("+"|"-") number | "+" REG ] | NAME [ ("+"|"-") number ] ) "]" ;
 * sigset      = "{" [ signal { "," signal } ] "}" ;
 * value       = [ "-" ] ( NUMBER | REG | NAME ) [ ("+"|"-") number ] ;
 * run         = "run" PATH { WORD | STRING } ;
 * </pre>
 *
 * A NAME in a value position is a named constant when {@code Constants.lookup} knows it, else a
 * label (its address); in an {@code L} position it is a jump target; in a {@code w:} position one
 * of the listed words. Reading operands through the signature is what makes that possible, and it
 * is also what lets every message say what the position expected. Label names may not shadow
 * registers or constants, since such a label would silently be read as the constant.
 *
 * <h2>Why errors look the way they do</h2>
 *
 * DESIGN.md's rule 5: bad input never crashes and never lies. A scenario gets exactly one error,
 * the first, as {@code FILE:LINE:COL: error: WHAT; expected WHAT} — the format of gcc and javac,
 * so editors jump to it, and with the expectation spelled out because a user who sees only what is
 * wrong still has to guess what is right. The column is that of the offending token. One error,
 * not a list, because after the first the parser's guesses about the user's intent are noise.
 * Lexical errors travel as tokens and are raised only when the parser reaches them, so lookahead
 * never reports an error out of order. Values are checked exactly (no silent wrap-around, no
 * rounding of {@code 1.5ns}, no octal-looking {@code 0755}), and {@link
 * io.simkernel.kernel.asm.ScenarioParser#parse} lets no exception but {@code ScenarioException}
 * escape: the CLI turns it into that one line on stderr and exit status 125.
 */
package io.simkernel.kernel.asm;

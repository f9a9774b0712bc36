package io.simkernel.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package boundaries of DESIGN.md, enforced: one package per kernel subsystem, a
 * subsystem owns its state (nobody reaches into another package's fields), the low layers do not
 * depend on the high ones, and nothing in the kernel depends on the command line or trace files.
 */
class ArchitectureTest {
  private static JavaClasses kernel;

  @BeforeAll
  static void importClasses() {
    kernel = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.simkernel.kernel", "io.simkernel.api");
  }

  @Test
  void subsystemsOwnTheirFields() {
    for (String pkg : new String[] {"clock", "sched", "proc", "signal", "wait", "mm", "loader",
        "ipc", "vm", "asm", "check", "win", "fs", "mp"}) {
      String p = "io.simkernel.kernel." + pkg;
      ArchRule rule = noClasses().that().resideOutsideOfPackage(p)
          .should().accessFieldWhere(DescribedPredicate.describe("a non-static field of " + p,
              a -> a.getTarget().getOwner().getPackageName().equals(p)
                  && a.getTarget().resolveMember()
                      .map(f -> !f.getModifiers().contains(JavaModifier.STATIC)).orElse(false)))
          .because("a subsystem owns its state; others call its methods (DESIGN.md)");
      rule.check(kernel);
    }
  }

  @Test
  void theApiDoesNotDependOnTheKernel() {
    noClasses().that().resideInAPackage("io.simkernel.api..")
        .should().dependOnClassesThat().resideInAPackage("io.simkernel.kernel..")
        .check(kernel);
  }

  @Test
  void theClockDependsOnNoOtherSubsystem() {
    noClasses().that().resideInAPackage("io.simkernel.kernel.clock")
        .should().dependOnClassesThat().resideInAnyPackage("io.simkernel.kernel.sched",
            "io.simkernel.kernel.proc", "io.simkernel.kernel.signal", "io.simkernel.kernel.wait",
            "io.simkernel.kernel.mm", "io.simkernel.kernel.loader", "io.simkernel.kernel.ipc",
            "io.simkernel.kernel.vm", "io.simkernel.kernel.asm", "io.simkernel.kernel.check")
        .check(kernel);
  }

  @Test
  void memoryManagementDependsOnNoOtherSubsystem() {
    noClasses().that().resideInAPackage("io.simkernel.kernel.mm")
        .should().dependOnClassesThat().resideInAnyPackage("io.simkernel.kernel.sched",
            "io.simkernel.kernel.proc", "io.simkernel.kernel.signal", "io.simkernel.kernel.wait",
            "io.simkernel.kernel.loader", "io.simkernel.kernel.ipc", "io.simkernel.kernel.vm",
            "io.simkernel.kernel.asm", "io.simkernel.kernel.check")
        .check(kernel);
  }

  @Test
  void theFileSystemDependsOnNoOtherSubsystem() {
    noClasses().that().resideInAPackage("io.simkernel.kernel.fs")
        .should().dependOnClassesThat().resideInAnyPackage("io.simkernel.kernel.sched",
            "io.simkernel.kernel.proc", "io.simkernel.kernel.signal", "io.simkernel.kernel.wait",
            "io.simkernel.kernel.mm", "io.simkernel.kernel.loader", "io.simkernel.kernel.ipc",
            "io.simkernel.kernel.vm", "io.simkernel.kernel.asm", "io.simkernel.kernel.check",
            "io.simkernel.kernel")
        .because("the file system holds inodes; descriptors and system calls are built on it")
        .check(kernel);
  }

  @Test
  void theVmOnlyRunsUserCode() {
    noClasses().that().resideInAPackage("io.simkernel.kernel.vm")
        .should().dependOnClassesThat().resideInAnyPackage("io.simkernel.kernel.signal",
            "io.simkernel.kernel.wait", "io.simkernel.kernel.loader", "io.simkernel.kernel.ipc",
            "io.simkernel.kernel.asm", "io.simkernel.kernel.check", "io.simkernel.kernel")
        .because("the VM executes instructions; system calls belong to the kernel")
        .check(kernel);
  }

  @Test
  void theAssemblerKnowsNothingOfTheRunningKernel() {
    noClasses().that().resideInAPackage("io.simkernel.kernel.asm")
        .should().dependOnClassesThat().resideInAnyPackage("io.simkernel.kernel",
            "io.simkernel.kernel.sched", "io.simkernel.kernel.proc", "io.simkernel.kernel.signal",
            "io.simkernel.kernel.wait", "io.simkernel.kernel.mm", "io.simkernel.kernel.vm")
        .check(kernel);
  }

  @Test
  void noSubsystemUsesTheWallClockOrUnseededRandomness() {
    noClasses().that().resideInAPackage("io.simkernel.kernel..")
        .and().doNotHaveSimpleName("Kernel")
        .and().doNotHaveSimpleName("Profiler") // --profile: wall time only, never read back
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(System.class, "identityHashCode", Object.class)
        .orShould().callMethod(Math.class, "random")
        .orShould().callConstructor(java.util.Random.class)
        .because("determinism: the same seed gives the same run (DESIGN.md rule 1);"
            + " Kernel reads the wall clock only for the report's wall time, Profiler only"
            + " for --profile's report (ProfilerTest: a profiled run has the same events)")
        .check(kernel);
  }

  @Test
  void nothingIteratesJavaHashCollectionsInTheKernel() {
    noClasses().that().resideInAPackage("io.simkernel.kernel..")
        .should().callConstructor(java.util.HashMap.class)
        .orShould().callConstructor(java.util.HashSet.class)
        .because("HashMap/HashSet iteration order must never steer a run (DESIGN.md rule 1)")
        .check(kernel);
  }

  @Test
  void staticMutableStateIsForbiddenInSubsystems() {
    fields().that().areDeclaredInClassesThat().resideInAPackage("io.simkernel.kernel..")
        .and().areStatic()
        .should().haveModifier(JavaModifier.FINAL)
        .because("simulations run side by side in one JVM; global mutable state would couple them")
        .check(kernel);
  }
}

package io.simkernel.kernel.oracle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * A differential oracle is only worth something if it is independent: the reference model
 * ({@link LifecycleModel} and its print rules) may read the API's event records, but uses no
 * kernel class and none of the API's lifecycle helpers (wait-status encoding, errno tables),
 * which the kernel itself uses.
 */
class OracleIndependenceTest {
  @Test
  void theModelUsesNoKernelCode() {
    JavaClasses model = new ClassFileImporter().importClasses(LifecycleModel.class,
        LifecycleModel.Proc.class, LifecycleModel.Tri.class, Prints.class);
    noClasses().should().dependOnClassesThat(
        com.tngtech.archunit.base.DescribedPredicate.describe("kernel or lifecycle-API code",
            c -> c.getPackageName().startsWith("io.simkernel.kernel")
                && !c.getPackageName().equals("io.simkernel.kernel.oracle")
                || c.getPackageName().equals("io.simkernel.api")))
        .check(model);
  }
}

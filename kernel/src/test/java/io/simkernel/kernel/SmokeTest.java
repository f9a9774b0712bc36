package io.simkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import io.simkernel.api.program.Op;
import io.simkernel.api.program.Operand;
import io.simkernel.api.program.ProgramBuilder;
import io.simkernel.api.program.ProgramImage;
import io.simkernel.api.run.RunResult;
import io.simkernel.api.run.StopReason;
import io.simkernel.api.scenario.KernelConfig;
import io.simkernel.api.scenario.RunCommand;
import io.simkernel.api.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void forkWaitPrint() {
    ProgramImage img = new ProgramBuilder("/bin/p")
        .label("main")
        .emit(Op.FORK)
        .emit(Op.JZ, Operand.reg(0), Operand.code("child"))
        .emit(Op.MOV, Operand.reg(6), Operand.reg(0))
        .emit(Op.WAITPID, Operand.reg(6), Operand.imm(0))
        .emit(Op.WEXITSTATUS, Operand.reg(2), Operand.reg(1))
        .emit(Op.PRINT, Operand.str("child exited with %d\n"), Operand.reg(2))
        .emit(Op.EXIT, Operand.imm(0))
        .label("child")
        .emit(Op.COMPUTE, Operand.imm(3_000_000))
        .emit(Op.EXIT, Operand.imm(3))
        .build();
    Scenario s = new Scenario("t.sks", "", KernelConfig.DEFAULTS, ImmutableList.of(img),
        new RunCommand("/bin/p", List.of(), 1, 1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunResult r = Kernel.boot(s, KernelOptions.of(out, err).withChecked(true)
        .withSink(e -> System.out.println(e))).run();
    System.out.println(r);
    assertEquals(StopReason.COMPLETED, r.reason(), r.detail());
    assertEquals("child exited with 3\n", out.toString(StandardCharsets.UTF_8));
    assertEquals(0, r.shellStatus());
  }
}

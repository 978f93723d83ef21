package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.function.FunctionConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {
  private static FunctionConfig configFor(Map<String, String> env, String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return command.config(env);
  }

  @Test
  void allowedOriginsFlag_isTrimmedAndSkipsEmptyPartsLikeTheEnvironmentVariable() {
    String origins = " https://shop.example , https://www.shop.example,, ";
    FunctionConfig fromFlag = configFor(Map.of(), "--allowed-origins", origins);
    FunctionConfig fromEnv = configFor(Map.of(FunctionConfig.ALLOWED_ORIGINS, origins));

    assertEquals(
        List.of("https://shop.example", "https://www.shop.example"), fromFlag.allowedOrigins());
    assertEquals(fromEnv.allowedOrigins(), fromFlag.allowedOrigins());
  }

  @Test
  void flags_overrideTheEnvironment() {
    FunctionConfig config =
        configFor(
            Map.of(FunctionConfig.ALLOWED_ORIGINS, "https://env.example"),
            "--allowed-origins",
            "*",
            "--store",
            "local:/tmp/elsewhere",
            "--demo");

    assertEquals(List.of("*"), config.allowedOrigins());
    assertEquals("local:/tmp/elsewhere", config.store());
    assertTrue(config.demo());
  }

  @Test
  void answersFlags_setTheTopicOrTurnRecordingOff() {
    FunctionConfig byDefault = configFor(Map.of());
    assertTrue(byDefault.recordAnswers());
    assertEquals(null, byDefault.answersTopic());

    FunctionConfig topic =
        configFor(
            Map.of(FunctionConfig.ANSWERS_TOPIC, "projects/p/topics/env"),
            "--answers-topic",
            "projects/p/topics/answers");
    assertEquals("projects/p/topics/answers", topic.answersTopic());
    assertTrue(topic.recordAnswers());

    FunctionConfig off =
        configFor(
            Map.of(FunctionConfig.ANSWERS_TOPIC, "projects/p/topics/env"), "--no-record-answers");
    assertEquals("projects/p/topics/env", off.answersTopic());
    assertFalse(off.recordAnswers());
  }

  @Test
  void malformedAnswersTopic_isRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> configFor(Map.of(FunctionConfig.ANSWERS_TOPIC, "answers")));
    assertTrue(e.getMessage().contains("ALIKE_ANSWERS_TOPIC"), e.getMessage());
    assertTrue(e.getMessage().contains("\"answers\""), e.getMessage());
  }
}

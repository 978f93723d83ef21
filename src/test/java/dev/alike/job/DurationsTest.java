package dev.alike.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest(name = "{0} = {1} s")
  @CsvSource({
    "30d, 2592000",
    "12h, 43200",
    "90m, 5400",
    "45s, 45",
    "1.5h, 5400",
    "30D, 2592000",
    "' 7d ', 604800",
    "P30D, 2592000",
    "PT12H, 43200",
    "pt1.5s, 1.5",
    "0, 0",
    "0s, 0",
    "off, 0",
    "OFF, 0",
    "none, 0",
    "'', 0"
  })
  void readsUnitsIsoAndOff(String text, double seconds) {
    assertEquals(seconds, Durations.seconds(text), 1e-9);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "30", "d", "-5d", "30w", "P-1D", "PT-1H", "NaNd", "1e400d", "P"})
  void unreadableOrNegative_isRejectedNamingTheValue(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.seconds(text));
    assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void null_meansNoDecay() {
    assertEquals(0, Durations.seconds(null));
  }
}

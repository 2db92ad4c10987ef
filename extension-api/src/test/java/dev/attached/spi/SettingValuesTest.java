package dev.attached.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.attached.ResourceHandle;

class SettingValuesTest {

    private static final String NOT_A_DURATION = " is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)";

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "500ms | PT0.5S", "2s | PT2S", "90s | PT1M30S", "1m | PT1M", "1h | PT1H", "24h | PT24H", "30 | PT30S",
            "0 | PT0S", "0ms | PT0S", "86400000ms | PT24H", "1440m | PT24H", "007s | PT7S",
            "PT2S | PT2S", "pt2s | PT2S", "PT1M30S | PT1M30S", "PT0.25S | PT0.25S", "P1D | PT24H", "PT24H | PT24H",
            "2S | PT2S", "500MS | PT0.5S", "1H | PT1H", "'  2s  ' | PT2S", "'2 s' | PT2S", "'\t5m\n' | PT5M",
            "'  PT3S ' | PT3S"})
    void durationsAreReadInEveryForm(String text, Duration expected) {
        assertEquals(expected, SettingValues.duration(text));
    }

    @Test
    void zeroIsADurationButNotAPositiveOne() {
        assertEquals(Duration.ZERO, SettingValues.duration("0"));
        assertEquals(Duration.ZERO, SettingValues.duration("PT0S"));
        assertEquals("must be more than 0, but is '0'", refused(SettingValues::positiveDuration, "0"));
        assertEquals("must be more than 0, but is '0ms'", refused(SettingValues::positiveDuration, "0ms"));
        assertEquals("must be more than 0, but is 'PT0S'", refused(SettingValues::positiveDuration, "PT0S"));
        assertEquals(Duration.ofMillis(1), SettingValues.positiveDuration("1ms"));
    }

    @Test
    void negativeDurationsAreRefused() {
        assertEquals("must not be negative, but is 'PT-1S'", refused(SettingValues::duration, "PT-1S"));
        assertEquals("must not be negative, but is '-PT1S'", refused(SettingValues::duration, "-PT1S"));
        assertEquals("must be more than 0, but is 'PT-5S'", refused(SettingValues::positiveDuration, "PT-5S"));
        // the short form has no sign: a minus makes it no duration at all
        assertEquals("'-1s'" + NOT_A_DURATION, refused(SettingValues::duration, "-1s"));
        assertEquals("'-1'" + NOT_A_DURATION, refused(SettingValues::positiveDuration, "-1"));
    }

    @Test
    void twentyFourHoursIsTheLongest() {
        assertEquals(Duration.ofHours(24), SettingValues.LONGEST);
        assertEquals(SettingValues.LONGEST, SettingValues.duration("24h"));
        assertEquals(SettingValues.LONGEST, SettingValues.positiveDuration("86400s"));
        assertEquals("must be at most 24h, but is '86400001ms'",
                refused(SettingValues::positiveDuration, "86400001ms"));
        assertEquals("must be at most 24h, but is 'PT24H0.001S'", refused(SettingValues::duration, "PT24H0.001S"));
        assertEquals("must be at most 24h, but is '25h'", refused(SettingValues::duration, "25h"));
        assertEquals("must be at most 24h, but is 'P2D'", refused(SettingValues::positiveDuration, "P2D"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"99999999999999h", "9999999999999999h", "99999999999999999999s", "000000000000099999999999999h",
            "999999999999h", "PT9999999999999999H", "PT99999999999999999999S", "P99999999999999999D",
            "PT2562047H"})
    void durationsTooLongToCountAreTooLongNotWrapped(String text) {
        assertEquals("must be at most 24h, but is '" + text + "'", refused(SettingValues::duration, text));
        assertEquals("must be at most 24h, but is '" + text + "'", refused(SettingValues::positiveDuration, text));
        assertEquals("must be at most 1h, but is '" + text + "'",
                refused(SettingValues.positiveDurationAtMost(Duration.ofHours(1)), text));
    }

    @Test
    void negativeDurationsTooLongToCountAreNegative() {
        assertEquals("must not be negative, but is 'PT-99999999999999999999S'",
                refused(SettingValues::duration, "PT-99999999999999999999S"));
        assertEquals("must be more than 0, but is '-PT9999999999999999H'",
                refused(SettingValues::positiveDuration, "-PT9999999999999999H"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"soon", "5 seconds", "1e3s", "1.5s", "2d", "1w", "s", "ms", "PT", "P", "2 s 3", "0x10s", "PT2",
            "\u221e", "'1 000s'", "2sec", "1hr"})
    void badTextIsNoDuration(String text) {
        assertEquals(SettingValues.quote(text) + NOT_A_DURATION, refused(SettingValues::duration, text));
        assertEquals(SettingValues.quote(text) + NOT_A_DURATION, refused(SettingValues::positiveDuration, text));
    }

    @Test
    void blankTextIsNoDuration() {
        assertEquals("''" + NOT_A_DURATION, refused(SettingValues::duration, ""));
        assertEquals("'  '" + NOT_A_DURATION, refused(SettingValues::positiveDuration, "  "));
    }

    @Test
    void aKeyMayHaveAShorterBound() {
        Function<String, Duration> healthTimeout = SettingValues.positiveDurationAtMost(Duration.ofHours(1));
        assertEquals(Duration.ofHours(1), healthTimeout.apply("1h"));
        assertEquals(Duration.ofMillis(500), healthTimeout.apply("500ms"));
        assertEquals("must be at most 1h, but is '3601s'", refused(healthTimeout, "3601s"));
        assertEquals("must be more than 0, but is '0s'", refused(healthTimeout, "0s"));
        assertEquals("must be at most 600s, but is '11m'",
                refused(SettingValues.positiveDurationAtMost(Duration.ofMinutes(10)), "11m"));
        assertEquals("must be at most 1500ms, but is '2s'",
                refused(SettingValues.positiveDurationAtMost(Duration.ofMillis(1500)), "2s"));
        assertThrows(IllegalArgumentException.class, () -> SettingValues.positiveDurationAtMost(Duration.ZERO));
    }

    @Test
    void aBoundLongerThanADayStillRefusesWhatCannotBeCounted() {
        Function<String, Duration> week = SettingValues.positiveDurationAtMost(Duration.ofDays(7));
        assertEquals(Duration.ofHours(48), week.apply("48h"));
        assertEquals("must be at most 168h, but is '99999999999999h'", refused(week, "99999999999999h"));
        assertEquals("must be at most 168h, but is 'PT9999999999999999H'", refused(week, "PT9999999999999999H"));
    }

    @Test
    void formatShowsSecondsOrMillisecondsAndReadsBack() {
        assertEquals("2s", SettingValues.format(Duration.ofSeconds(2)));
        assertEquals("90s", SettingValues.format(Duration.ofSeconds(90)));
        assertEquals("500ms", SettingValues.format(Duration.ofMillis(500)));
        assertEquals("1500ms", SettingValues.format(Duration.ofMillis(1500)));
        assertEquals("0s", SettingValues.format(Duration.ZERO));
        assertEquals("86400s", SettingValues.format(SettingValues.LONGEST));
        for (Duration d : List.of(Duration.ofMillis(1), Duration.ofMillis(1500), Duration.ofMinutes(5),
                SettingValues.LONGEST)) {
            assertEquals(d, SettingValues.duration(SettingValues.format(d)));
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"true, true", "false, false", "TRUE, true", "False, false", "' true ', true", "'\tfalse\n', false"})
    void flagsAreTrueOrFalseInAnyCase(String text, boolean expected) {
        assertEquals(expected, SettingValues.flag(text));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource({"yes", "no", "1", "0", "on", "t", "truee", "''"})
    void anythingElseIsNoFlag(String text) {
        assertEquals(SettingValues.quote(text) + " is not true or false", refused(SettingValues::flag, text));
    }

    @Test
    void wholeNumbersWithinBounds() {
        Function<String, Integer> connections = SettingValues.wholeNumber(1, 10_000);
        assertEquals(1, connections.apply("1"));
        assertEquals(10_000, connections.apply("10000"));
        assertEquals(50, connections.apply(" 50 "));
        assertEquals("'0' is not a whole number from 1 to 10000", refused(connections, "0"));
        assertEquals("'10001' is not a whole number from 1 to 10000", refused(connections, "10001"));
        assertEquals("'-5' is not a whole number from 1 to 10000", refused(connections, "-5"));
        assertEquals("'2.5' is not a whole number from 1 to 10000", refused(connections, "2.5"));
        assertEquals("'many' is not a whole number from 1 to 10000", refused(connections, "many"));
        assertEquals("'99999999999' is not a whole number from 1 to 10000", refused(connections, "99999999999"));
        assertEquals("'' is not a whole number from 1 to 10000", refused(connections, ""));
    }

    @Test
    void wholeNumbersWithoutUpperBoundSaySo() {
        Function<String, Integer> count = SettingValues.wholeNumber(0, Integer.MAX_VALUE);
        assertEquals(0, count.apply("0"));
        assertEquals(Integer.MAX_VALUE, count.apply(String.valueOf(Integer.MAX_VALUE)));
        assertEquals("'-1' is not a whole number of 0 or more", refused(count, "-1"));
        assertEquals("'2147483648' is not a whole number of 0 or more", refused(count, "2147483648"));
        assertThrows(IllegalArgumentException.class, () -> SettingValues.wholeNumber(2, 1));
    }

    @Test
    void quoteShowsShortValuesWhole() {
        assertEquals("'orders'", SettingValues.quote("orders"));
        assertEquals("''", SettingValues.quote(""));
        assertEquals("' padded '", SettingValues.quote(" padded "));
        assertEquals("'\u221e'", SettingValues.quote("\u221e"));
    }

    @Test
    void quoteEscapesControlCharacters() {
        assertEquals("'a\\u000aINFO forged line'", SettingValues.quote("a\nINFO forged line"));
        assertEquals("'\\u000d\\u0009\\u0000\\u001b[31m\\u007f\\u0085'",
                SettingValues.quote("\r\t\0\u001b[31m\u007f\u0085"));
    }

    @Test
    void quoteCutsLongValues() {
        String sixty = "x".repeat(60);
        assertEquals("'" + sixty + "'", SettingValues.quote(sixty));
        assertEquals("'" + sixty + "' (cut, 61 characters)", SettingValues.quote(sixty + "y"));
        assertEquals("'" + sixty + "' (cut, 1048576 characters)", SettingValues.quote("x".repeat(1 << 20)));
        // a control character counts once, however long its escape
        String shown = SettingValues.quote("\n".repeat(100));
        assertEquals("'" + "\\u000a".repeat(60) + "' (cut, 100 characters)", shown);
    }

    @Test
    void quoteNeverCutsACharacterInHalf() {
        String value = "x".repeat(59) + "\uD83D\uDE00" + "tail"; // an emoji across the 60th character
        String shown = SettingValues.quote(value);
        assertEquals("'" + "x".repeat(59) + "' (cut, 65 characters)", shown);
        assertFalse(shown.chars().anyMatch(c -> Character.isSurrogate((char) c)), shown);
    }

    @Test
    void readParsesASetKey() {
        List<String> problems = new ArrayList<>();
        Handle handle = new Handle(Map.of("timeout", " 750ms ", "tls.verify", "FALSE", "pool-size", "4"));
        assertEquals(Optional.of(Duration.ofMillis(750)),
                SettingValues.read(handle, "timeout", SettingValues::positiveDuration, problems));
        assertEquals(Optional.of(false), SettingValues.read(handle, "tls.verify", SettingValues::flag, problems));
        assertEquals(Optional.of(4),
                SettingValues.read(handle, "pool-size", SettingValues.wholeNumber(1, 8), problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void readHandsTheParserTheValueWithoutWhitespace() {
        List<String> seen = new ArrayList<>();
        SettingValues.read(new Handle(Map.of("mode", "\t full \n")), "mode", v -> seen.add(v), new ArrayList<>());
        assertEquals(List.of("full"), seen);
    }

    @Test
    void readLeavesUnsetAndBlankKeysEmpty() {
        List<String> problems = new ArrayList<>();
        Handle handle = new Handle(Map.of("timeout", "", "heartbeat", " \t"));
        assertEquals(Optional.empty(), SettingValues.read(handle, "timeout", SettingValues::duration, problems));
        assertEquals(Optional.empty(), SettingValues.read(handle, "heartbeat", SettingValues::duration, problems));
        assertEquals(Optional.empty(), SettingValues.read(handle, "missing", SettingValues::duration, problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRefusedValueIsAProblemThatStartsWithItsKey() {
        List<String> problems = new ArrayList<>();
        Handle handle = new Handle(Map.of("timeout", "soon", "connect-timeout", "0s", "read-timeout", "25h",
                "tls.verify", "yes", "pool-size", "0", "name", "a\nb"));
        assertEquals(Optional.empty(),
                SettingValues.read(handle, "timeout", SettingValues::positiveDuration, problems));
        SettingValues.read(handle, "connect-timeout", SettingValues::positiveDuration, problems);
        SettingValues.read(handle, "read-timeout", SettingValues::positiveDuration, problems);
        SettingValues.read(handle, "tls.verify", SettingValues::flag, problems);
        SettingValues.read(handle, "pool-size", SettingValues.wholeNumber(1, 8), problems);
        SettingValues.read(handle, "name", v -> {
            throw new IllegalArgumentException(SettingValues.quote(v) + " is not a name");
        }, problems);
        assertEquals(List.of(
                "timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
                "connect-timeout: must be more than 0, but is '0s'",
                "read-timeout: must be at most 24h, but is '25h'",
                "tls.verify: 'yes' is not true or false",
                "pool-size: '0' is not a whole number from 1 to 8",
                "name: 'a\\u000ab' is not a name"), problems);
    }

    @Test
    void anArithmeticFailureOfAParserIsAProblemToo() {
        List<String> problems = new ArrayList<>();
        Optional<Long> read = SettingValues.read(new Handle(Map.of("size", "big")), "size",
                v -> Math.multiplyExact(Long.MAX_VALUE, 2L), problems);
        assertTrue(read.isEmpty());
        assertEquals(List.of("size: long overflow"), problems);
    }

    private static String refused(Function<String, ?> parse, String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse.apply(text), text).getMessage();
    }

    /** A handle with some keys; SettingValues reads {@link #property} only. */
    private record Handle(Map<String, String> keys) implements ResourceHandle {

        @Override
        public String name() {
            return "test";
        }

        @Override
        public URI uri() {
            return URI.create("test://host");
        }

        @Override
        public Optional<String> username() {
            return Optional.empty();
        }

        @Override
        public Optional<String> password() {
            return Optional.empty();
        }

        @Override
        public Optional<String> property(String key) {
            return Optional.ofNullable(keys.get(key));
        }
    }
}
